package storage_test

import (
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/framewatch/framewatch/storage"
)

// Docker does not run here, so the compose file's cluster profile is
// checked by reading it: every file parses, the nodes' macros agree with
// the remote_servers list, the users profile has the settings a cluster
// needs, and the crawlers name the cluster and split the sources.
func TestComposeClusterProfile(t *testing.T) {
	var compose struct {
		Services map[string]struct {
			Profiles    []string          `yaml:"profiles"`
			Hostname    string            `yaml:"hostname"`
			Volumes     []string          `yaml:"volumes"`
			Environment map[string]string `yaml:"environment"`
			Command     []string          `yaml:"command"`
			DependsOn   map[string]any    `yaml:"depends_on"`
		} `yaml:"services"`
	}
	readYAML(t, "../docker-compose.yml", &compose)
	var nodes, crawlers []string
	for name, s := range compose.Services {
		inCluster := slices.Contains(s.Profiles, "cluster")
		switch {
		case strings.HasPrefix(name, "ch-"):
			nodes = append(nodes, name)
		case strings.HasPrefix(name, "framewatch-shard"):
			crawlers = append(crawlers, name)
		case name == "keeper":
		default:
			if inCluster {
				t.Errorf("service %s is in the cluster profile but not checked here", name)
			}
			continue
		}
		if !inCluster {
			t.Errorf("service %s is not in the cluster profile", name)
		}
	}
	sort.Strings(nodes)
	sort.Strings(crawlers)
	if len(nodes) != 4 || len(crawlers) != 2 {
		t.Fatalf("cluster profile has nodes %v and crawlers %v, want 4 and 2", nodes, crawlers)
	}

	// Every node mounts the shared cluster and users files and its own.
	mounted := func(svc, target string) string {
		for _, v := range compose.Services[svc].Volumes {
			src, dst, _ := strings.Cut(v, ":")
			if strings.HasPrefix(dst, target) {
				return filepath.Join("..", src)
			}
		}
		t.Fatalf("service %s mounts nothing at %s", svc, target)
		return ""
	}
	var cluster struct {
		Remote struct {
			Clusters []struct {
				XMLName xml.Name
				Shards  []struct {
					Internal bool `xml:"internal_replication"`
					Replicas []struct {
						Host string `xml:"host"`
						Port int    `xml:"port"`
					} `xml:"replica"`
				} `xml:"shard"`
			} `xml:",any"`
		} `xml:"remote_servers"`
		ZooKeeper []struct {
			Host string `xml:"host"`
			Port int    `xml:"port"`
		} `xml:"zookeeper>node"`
		DDLPath string `xml:"distributed_ddl>path"`
	}
	clusterFile := mounted(nodes[0], "/etc/clickhouse-server/config.d/cluster.xml")
	readXML(t, clusterFile, &cluster)
	if len(cluster.Remote.Clusters) != 1 {
		t.Fatalf("%s: want one cluster in remote_servers, got %d", clusterFile, len(cluster.Remote.Clusters))
	}
	rc := cluster.Remote.Clusters[0]
	name := rc.XMLName.Local
	if len(rc.Shards) != 2 {
		t.Fatalf("%s: cluster %s has %d shards, want 2", clusterFile, name, len(rc.Shards))
	}
	shardOf := map[string]int{} // host → shard index in remote_servers
	for i, sh := range rc.Shards {
		if len(sh.Replicas) != 2 || !sh.Internal {
			t.Errorf("%s: shard %d has %d replicas (internal_replication %v), want 2 and true", clusterFile, i+1, len(sh.Replicas), sh.Internal)
		}
		for _, r := range sh.Replicas {
			if _, dup := shardOf[r.Host]; dup {
				t.Errorf("%s: host %s listed twice", clusterFile, r.Host)
			}
			shardOf[r.Host] = i
		}
	}
	if len(cluster.ZooKeeper) != 1 || compose.Services[cluster.ZooKeeper[0].Host].Hostname != "keeper" || cluster.DDLPath == "" {
		t.Errorf("%s: zookeeper %v (want the keeper service), distributed_ddl %q", clusterFile, cluster.ZooKeeper, cluster.DDLPath)
	}
	var keeper struct {
		Port    int      `xml:"keeper_server>tcp_port"`
		Servers []string `xml:"keeper_server>raft_configuration>server>hostname"`
	}
	readXML(t, mounted("keeper", "/etc/clickhouse-keeper/"), &keeper)
	if len(cluster.ZooKeeper) == 1 && (keeper.Port != cluster.ZooKeeper[0].Port || !slices.Contains(keeper.Servers, "keeper")) {
		t.Errorf("keeper listens on %d as %v; nodes look for it at %v", keeper.Port, keeper.Servers, cluster.ZooKeeper)
	}

	// Each node's macros: the same {shard} as the other replica of its
	// remote_servers shard and no other, a {replica} unique in its shard.
	shardMacro := map[int]string{}
	replicas := map[string]bool{}
	for _, n := range nodes {
		s := compose.Services[n]
		if s.Hostname != n {
			t.Errorf("service %s has hostname %q: remote_servers and interserver_http_host name the service", n, s.Hostname)
		}
		if got := mounted(n, "/etc/clickhouse-server/config.d/cluster.xml"); got != clusterFile {
			t.Errorf("%s mounts %s as cluster.xml, the others %s", n, got, clusterFile)
		}
		var node struct {
			Shard       string `xml:"macros>shard"`
			Replica     string `xml:"macros>replica"`
			Interserver string `xml:"interserver_http_host"`
		}
		file := mounted(n, "/etc/clickhouse-server/config.d/node.xml")
		readXML(t, file, &node)
		idx, listed := shardOf[n]
		if !listed {
			t.Errorf("%s is not in %s's remote_servers", n, clusterFile)
			continue
		}
		if node.Shard == "" || node.Replica == "" || node.Interserver != n {
			t.Errorf("%s: macros shard %q replica %q, interserver_http_host %q", file, node.Shard, node.Replica, node.Interserver)
		}
		if prev, ok := shardMacro[idx]; ok && prev != node.Shard {
			t.Errorf("%s: shard macro %q, the other replica of shard %d has %q", file, node.Shard, idx+1, prev)
		}
		shardMacro[idx] = node.Shard
		if key := node.Shard + "/" + node.Replica; replicas[key] {
			t.Errorf("%s: replica %s is not unique", file, key)
		} else {
			replicas[key] = true
		}
		var users struct {
			Profiles struct {
				List []struct {
					XMLName  xml.Name
					Settings []struct {
						XMLName xml.Name
						Value   string `xml:",chardata"`
					} `xml:",any"`
				} `xml:",any"`
			} `xml:"profiles"`
			User struct {
				Profile string `xml:"profile"`
			} `xml:"users>framewatch"`
		}
		readXML(t, mounted(n, "/etc/clickhouse-server/users.d/"), &users)
		have := map[string]string{}
		for _, p := range users.Profiles.List {
			if p.XMLName.Local == users.User.Profile {
				for _, s := range p.Settings {
					have[s.XMLName.Local] = s.Value
				}
			}
		}
		for k, want := range storage.RequiredProfileSettings {
			if have[k] != want {
				t.Errorf("%s: the framewatch user's profile %q sets %s=%q, want %q", n, users.User.Profile, k, have[k], want)
			}
		}
	}
	if len(shardMacro) == 2 && shardMacro[0] == shardMacro[1] {
		t.Errorf("both shards have shard macro %q", shardMacro[0])
	}

	// The crawlers name the cluster, reach nodes of it and split the
	// sources between them.
	for i, c := range crawlers {
		s := compose.Services[c]
		if s.Environment["FRAMEWATCH_CLUSTER"] != name {
			t.Errorf("%s: FRAMEWATCH_CLUSTER %q, remote_servers names %q", c, s.Environment["FRAMEWATCH_CLUSTER"], name)
		}
		dsn := s.Environment["FRAMEWATCH_DSN"]
		_, rest, _ := strings.Cut(dsn, "@")
		hostList, _, _ := strings.Cut(rest, "/")
		for _, h := range strings.Split(hostList, ",") {
			host, _, _ := strings.Cut(h, ":")
			if _, ok := shardOf[host]; !ok {
				t.Errorf("%s: DSN host %s is not a node of the cluster", c, host)
			}
			if _, ok := s.DependsOn[host]; !ok {
				t.Errorf("%s does not wait for %s", c, host)
			}
		}
		if want := fmt.Sprintf("%d/%d", i+1, len(crawlers)); !slices.Contains(s.Command, want) {
			t.Errorf("%s: command %v, want --shard %s", c, s.Command, want)
		}
	}
}

func readYAML(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func readXML(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
