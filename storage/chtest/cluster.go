package chtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// ZooKeeperScript is Debian's zookeeper launcher; FRAMEWATCH_ZOOKEEPER
// overrides it.
var ZooKeeperScript = "/usr/share/zookeeper/bin/zkServer.sh"

// ClusterName is the name the test cluster has in remote_servers.
const ClusterName = "fwtest"

// Cluster is a real replicated, sharded ClickHouse cluster on loopback:
// one ZooKeeper and shards × replicas clickhouse-server processes, each
// with its own temp directory and ports, and macros {shard} and {replica}.
type Cluster struct {
	Name   string
	Nodes  []*Node
	zk     *exec.Cmd
	zkDone chan struct{}
	zkPort int
	bin    string
	dir    string
}

// Node is one server of the cluster.
type Node struct {
	Shard, Replica int // 1-based
	Port           int // native protocol
	ports          []int
	dir            string
	extra          string
	srv            *server
	bin            string
}

// StartCluster starts ZooKeeper and shards × replicas servers, and stops
// them all when t ends. It skips (fails under CI=true) when
// clickhouse-server or ZooKeeper is not installed.
func StartCluster(t testing.TB, shards, replicas int) *Cluster {
	t.Helper()
	bin := serverBinary(t)
	zk := installed(t, ZooKeeperScript, "FRAMEWATCH_ZOOKEEPER", "zookeeper")
	dir := t.TempDir()
	c := &Cluster{Name: ClusterName, bin: bin, dir: dir}
	t.Cleanup(func() {
		if t.Failed() {
			c.logTails(t)
		}
		c.stop()
	})

	// Ports are asked of the kernel and released before the servers bind
	// them, so a parallel test binary can take one in between: start again
	// on fresh ports.
	var err error
	for attempt := 1; attempt <= 3; attempt++ {
		if err = c.start(zk, shards, replicas, filepath.Join(dir, fmt.Sprint("try", attempt))); err == nil {
			return c
		}
		c.stop()
		if !strings.Contains(err.Error(), "already in use") {
			break
		}
	}
	t.Fatal(err)
	return nil
}

// start starts ZooKeeper and the nodes on fresh ports under dir.
func (c *Cluster) start(zk string, shards, replicas int, dir string) error {
	c.dir, c.Nodes, c.zk = dir, nil, nil
	ports, err := freePorts(1 + 3*shards*replicas)
	if err != nil {
		return err
	}
	if err := c.startZooKeeper(zk, ports[0]); err != nil {
		return err
	}
	ports = ports[1:]
	for s := 1; s <= shards; s++ {
		for r := 1; r <= replicas; r++ {
			n := &Node{Shard: s, Replica: r, ports: ports[:3], Port: ports[0],
				dir: filepath.Join(dir, fmt.Sprintf("s%dr%d", s, r)), bin: c.bin}
			ports = ports[3:]
			c.Nodes = append(c.Nodes, n)
		}
	}
	remote := c.remoteServersXML()
	for _, n := range c.Nodes {
		n.extra = remote + fmt.Sprintf(clusterNodeXML, c.zkPort, n.Shard, n.Shard, n.Replica)
		if err := os.MkdirAll(n.dir, 0o755); err != nil {
			return err
		}
	}
	// Start the servers in parallel: each takes a moment to open ZooKeeper.
	errs := make(chan error, len(c.Nodes))
	for _, n := range c.Nodes {
		go func(n *Node) { errs <- n.Start() }(n)
	}
	for range c.Nodes {
		if e := <-errs; e != nil && err == nil {
			err = e
		}
	}
	if err != nil {
		return err
	}
	// A server answers SELECT 1 before its ZooKeeper session is up; DDL ON
	// CLUSTER sent in that window is dropped with the connection.
	for _, n := range c.Nodes {
		if err := n.waitZooKeeper(); err != nil {
			return err
		}
	}
	return nil
}

func (n *Node) waitZooKeeper() error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		err := n.srv.exec(ctx, "SELECT count() FROM system.zookeeper WHERE path = '/'")
		cancel()
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("shard %d replica %d: no ZooKeeper session after 30s: %w", n.Shard, n.Replica, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// DSN is a clickhouse:// DSN for database db on node i (0-based), naming
// the other nodes as fallbacks, as an operator's DSN would.
func (c *Cluster) DSN(i int, db string) string {
	addrs := []string{"127.0.0.1:" + strconv.Itoa(c.Nodes[i].Port)}
	for j, n := range c.Nodes {
		if j != i {
			addrs = append(addrs, "127.0.0.1:"+strconv.Itoa(n.Port))
		}
	}
	return "clickhouse://default@" + strings.Join(addrs, ",") + "/" + db
}

// Start (re)starts a node on its ports and data directory.
func (n *Node) Start() error {
	if n.srv != nil {
		select {
		case <-n.srv.done:
		default:
			return nil // running
		}
	}
	s, err := launch(n.bin, n.dir, n.ports, n.extra, ClusterUsersXML)
	if err != nil {
		return fmt.Errorf("shard %d replica %d: %w", n.Shard, n.Replica, err)
	}
	n.srv = s
	return nil
}

// Stop stops a node, keeping its data for a later Start.
func (n *Node) Stop() {
	if n.srv != nil {
		n.srv.halt()
	}
}

// Exec runs one statement on the node's default database.
func (n *Node) Exec(ctx context.Context, q string) error { return n.srv.exec(ctx, q) }

// logTails puts the end of every server's and ZooKeeper's log into the
// test log, so a failure in CI can be read without the temp directory.
func (c *Cluster) logTails(t testing.TB) {
	for _, n := range c.Nodes {
		out, _ := os.ReadFile(filepath.Join(n.dir, "server.out"))
		t.Logf("shard %d replica %d (port %d) log:\n%s", n.Shard, n.Replica, n.Port, tail(string(out), 3000))
	}
	out, _ := os.ReadFile(filepath.Join(c.dir, "zookeeper", "out.log"))
	t.Logf("zookeeper log:\n%s", tail(string(out), 2000))
}

func (c *Cluster) stop() {
	for _, n := range c.Nodes {
		n.Stop()
	}
	if c.zk != nil && c.zk.Process != nil {
		syscall.Kill(-c.zk.Process.Pid, syscall.SIGTERM)
		select {
		case <-c.zkDone:
		case <-time.After(10 * time.Second):
			syscall.Kill(-c.zk.Process.Pid, syscall.SIGKILL)
			<-c.zkDone
		}
	}
}

func (c *Cluster) startZooKeeper(script string, port int) error {
	zdir := filepath.Join(c.dir, "zookeeper")
	if err := os.MkdirAll(filepath.Join(zdir, "data"), 0o755); err != nil {
		return err
	}
	cfg := fmt.Sprintf(zooCfg, filepath.Join(zdir, "data"), port)
	cfgPath := filepath.Join(zdir, "zoo.cfg")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o644); err != nil {
		return err
	}
	logf, err := os.Create(filepath.Join(zdir, "out.log"))
	if err != nil {
		return err
	}
	cmd := exec.Command(script, "start-foreground", cfgPath)
	cmd.Env = append(os.Environ(), "ZOOCFGDIR="+zdir, "ZOO_LOG_DIR="+zdir, "JVMFLAGS=-Xmx256m")
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		logf.Close()
		return err
	}
	c.zk, c.zkDone = cmd, make(chan struct{})
	go func() { cmd.Wait(); logf.Close(); close(c.zkDone) }()
	c.zkPort = port
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if serving(port) {
			return nil
		}
		select {
		case <-c.zkDone:
			out, _ := os.ReadFile(filepath.Join(zdir, "out.log"))
			return fmt.Errorf("zookeeper exited at start: %s", tail(string(out), 2000))
		case <-time.After(200 * time.Millisecond):
		}
	}
	return errors.New("zookeeper was not serving requests within 60s")
}

// serving asks ZooKeeper's four-letter "srvr" whether it serves requests.
// "ruok" is not enough: 3.8 answers imok as soon as the client port is
// open, before the database is loaded, and closes the sessions clients open
// in that window; a clickhouse-server 18.16 whose first session failed so
// then crashes (NULL ZooKeeper) on its first DDL ON CLUSTER.
func serving(port int) bool {
	conn, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(port), time.Second)
	if err != nil {
		return false
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(2 * time.Second))
	if _, err := conn.Write([]byte("srvr")); err != nil {
		return false
	}
	out, _ := io.ReadAll(conn)
	return bytes.Contains(out, []byte("Mode: standalone"))
}

func (c *Cluster) remoteServersXML() string {
	var b strings.Builder
	b.WriteString("<remote_servers><" + c.Name + ">")
	shard := 0
	for _, n := range c.Nodes {
		if n.Shard != shard {
			if shard != 0 {
				b.WriteString("</shard>")
			}
			shard = n.Shard
			b.WriteString("<shard><internal_replication>true</internal_replication>")
		}
		fmt.Fprintf(&b, "<replica><host>127.0.0.1</host><port>%d</port></replica>", n.Port)
	}
	b.WriteString("</shard></" + c.Name + "></remote_servers>\n")
	return b.String()
}

// ClusterUsersXML is the test servers' users.xml with the profile settings
// framewatch needs of a cluster (docs/scaling.md): 18.16's native protocol
// cannot carry string settings from the client, so they live in the
// profile, as an operator would put them.
var ClusterUsersXML = strings.Replace(usersXML, "<max_memory_usage>2000000000</max_memory_usage>",
	"<max_memory_usage>2000000000</max_memory_usage>\n            <distributed_product_mode>global</distributed_product_mode>\n            <load_balancing>in_order</load_balancing>", 1)

// clusterNodeXML: ZooKeeper, the node's macros and its interserver port
// (replicas fetch parts from each other over it).
const clusterNodeXML = `<zookeeper><node><host>127.0.0.1</host><port>%d</port></node><session_timeout_ms>30000</session_timeout_ms></zookeeper>
<macros><shard>%02d</shard><shard_index>%d</shard_index><replica>r%d</replica></macros>
<interserver_http_host>127.0.0.1</interserver_http_host>
<interserver_http_port>{INTERSERVER}</interserver_http_port>
<distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>
`

const zooCfg = `tickTime=2000
initLimit=10
syncLimit=5
dataDir=%s
clientPort=%d
clientPortAddress=127.0.0.1
admin.enableServer=false
4lw.commands.whitelist=srvr
`
