package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/framewatch/framewatch/pipeline/shard"
	"github.com/framewatch/framewatch/queries"
	"github.com/framewatch/framewatch/report"
	"github.com/framewatch/framewatch/samplesite"
	"github.com/framewatch/framewatch/storage"
	"github.com/framewatch/framewatch/storage/chtest"
)

// TestClusterCrawlMatchesSingleNode runs the sample site through a real
// 2-shard × 2-replica ClickHouse 18.16 cluster with ZooKeeper, crawled by
// two --shard instances at once, and through one single-node server, and
// asserts that every figure of the digest read through the Distributed
// tables is the single node's; that they still are with a replica of each
// shard stopped; and that a re-crawl adds nothing.
func TestClusterCrawlMatchesSingleNode(t *testing.T) {
	if testing.Short() {
		t.Skip("starts ZooKeeper and five ClickHouse servers")
	}
	cluster := chtest.StartCluster(t, 2, 2)
	site := httptest.NewServer(samplesite.HandlerWith(samplesite.Options{SlowDelay: time.Nanosecond}))
	defer site.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()

	newApp := func(dsn, clusterName string) *App {
		cfg := testConfig(t)
		cfg.Path = "(test)"
		cfg.Storage.DSN = dsn
		cfg.Storage.Cluster = clusterName
		cfg.Sources = samplesite.Sources(site.URL)
		cfg.Crawl.AllowPrivateNetworks = true
		cfg.Crawl.Delay = 0
		cfg.Crawl.Retries = 0
		cfg.Log.Level = "error"
		a := New(&cfg, Options{})
		t.Cleanup(func() { a.Close() })
		return a
	}

	single := newApp(chtest.Server(t), "")
	if _, err := single.Crawl(ctx, CrawlOptions{}); err != nil {
		t.Fatal(err)
	}
	want := digestJSON(t, ctx, single)

	// Two crawler instances, each on its own node, splitting the sources.
	// They crawl one after the other: a crawler groups syndicated copies
	// with those already stored (by any shard) and those it stores itself,
	// so copies stored at the same moment by two shards would start two
	// stories (docs/scaling.md).
	a1 := newApp(cluster.DSN(0, "fw"), chtest.ClusterName)
	a2 := newApp(cluster.DSN(2, "fw"), chtest.ClusterName)
	if _, err := a1.Store(ctx); err != nil { // migrate once before both write
		t.Fatal(err)
	}
	stored := make([]int, 2)
	for i, a := range []*App{a1, a2} {
		sum, err := a.Crawl(ctx, CrawlOptions{Shard: shard.Spec{Index: i + 1, Count: 2}})
		if err != nil {
			t.Fatal(err)
		}
		stored[i] = sum.Total().Stored
	}
	if stored[0] == 0 || stored[1] == 0 {
		t.Fatalf("stored per shard instance %v: both should have had sources", stored)
	}
	if got := digestJSON(t, ctx, a1); !reflect.DeepEqual(got, want) {
		t.Errorf("cluster digest differs from the single-node digest:\n%s", strings.Join(jsonDiff("", got, want), "\n"))
	}

	// Every shipped query, not only the digest's, answers through the
	// Distributed tables with as many rows as on the single node.
	singleStore, _ := single.Store(ctx)
	clusterStore, _ := a1.Store(ctx)
	for _, name := range queries.List() {
		sql, err := queries.Get(name)
		if err != nil {
			t.Fatal(err)
		}
		params := map[string]string{}
		for _, p := range queries.Params(sql) {
			params[p.Name] = clusterSampleParam(p.Name, p.Type)
		}
		a, errA := report.Run(ctx, singleStore, name, params)
		b, errB := report.Run(ctx, clusterStore, name, params)
		if errA != nil || errB != nil {
			t.Errorf("query %s: single %v, cluster %v", name, errA, errB)
			continue
		}
		if a.Len() != b.Len() {
			t.Errorf("query %s: %d rows on the cluster, %d on the single node", name, b.Len(), a.Len())
		}
	}

	// A re-crawl stores nothing new: the raw row counts stay, and the
	// figures are still the single node's after its own re-crawl (the
	// digest's data-quality section counts the crawl log).
	if _, err := single.Crawl(ctx, CrawlOptions{}); err != nil {
		t.Fatal(err)
	}
	want = digestJSON(t, ctx, single)
	st, _ := a1.Store(ctx)
	rows := rawCounts(t, ctx, st)
	for i, a := range []*App{a1, a2} {
		if _, err := a.Crawl(ctx, CrawlOptions{Shard: shard.Spec{Index: i + 1, Count: 2}}); err != nil {
			t.Fatal(err)
		}
	}
	if got := rawCounts(t, ctx, st); !reflect.DeepEqual(got, rows) {
		t.Errorf("re-crawl changed stored rows: before %v, after %v", rows, got)
	}
	if got := digestJSON(t, ctx, a1); !reflect.DeepEqual(got, want) {
		t.Errorf("re-crawl changed the cluster's figures:\n%s", strings.Join(jsonDiff("", got, want), "\n"))
	}

	// A run-once job leased through a node of shard 1 is refused to an
	// instance on shard 2, and free to it once released.
	st2, err := a2.Store(ctx)
	if err != nil {
		t.Fatal(err)
	}
	release, err := st.AcquireJob(ctx, JobRetag, "host one (pid 1)", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	var running *storage.JobRunningError
	if _, err := st2.AcquireJob(ctx, JobRetag, "host two (pid 2)", time.Minute); !errors.As(err, &running) || running.Owner != "host one (pid 1)" {
		t.Errorf("a retag on another shard while one runs: %v, want refused naming host one", err)
	}
	release()
	if rel, err := st2.AcquireJob(ctx, JobRetag, "host two (pid 2)", time.Minute); err != nil {
		t.Errorf("after release, on another shard: %v", err)
	} else {
		rel()
	}

	// Replicas catch up, then one replica of each shard goes down; a fresh
	// reader that can reach only the survivors answers every figure alike.
	waitReplicated(t, ctx, cluster)
	cluster.Nodes[0].Stop() // shard 1, replica 1
	cluster.Nodes[3].Stop() // shard 2, replica 2
	survivor := newApp(cluster.DSN(1, "fw"), chtest.ClusterName)
	if got := digestJSON(t, ctx, survivor); !reflect.DeepEqual(got, want) {
		t.Errorf("with a replica of each shard down the digest changed:\n%s", strings.Join(jsonDiff("", got, want), "\n"))
	}
}

// clusterSampleParam gives a named query's parameter a value that spans
// the sample site's dates.
func clusterSampleParam(name, typ string) string {
	switch {
	case name == "tz":
		return "Europe/London"
	case name == "offset" || name == "include_low":
		return "0"
	case name == "voice" || name == "location":
		return "any"
	case strings.HasPrefix(typ, "DateTime") && (strings.Contains(name, "end") || strings.Contains(name, "until")):
		return "2030-12-31T00:00:00Z"
	case strings.HasPrefix(typ, "DateTime"):
		return "2020-01-01T00:00:00Z"
	case typ == "Date":
		return "2020-01-01"
	case strings.HasPrefix(typ, "UInt"), strings.HasPrefix(typ, "Int"):
		return "100"
	case strings.HasPrefix(typ, "Float"):
		return "0.5"
	case typ == "Array(String)":
		return "punitive,rehabilitative"
	case name == "times": // beside rules and urls, as many
		return "2020-01-01T00:00:00Z,2026-01-01T00:00:00Z"
	case typ == "Array(DateTime)": // the whole sample, in two periods
		return "2020-01-01T00:00:00Z,2026-01-01T00:00:00Z,2030-12-31T00:00:00Z"
	}
	return ""
}

// digestJSON is the digest of every sample article as plain JSON values,
// less what depends on the order and time of crawling rather than on what
// was stored: when it was generated; the data-quality section (fetch times,
// and which of two feeds listing one URL stored it first); story ids (a
// story is named after whichever copy was stored first; the grouping is
// compared through the story counts); and a term's displayed form (topK(1)
// of the forms as written, which breaks ties by reading order).
func digestJSON(t *testing.T, ctx context.Context, a *App) map[string]any {
	t.Helper()
	d, err := a.Digest(ctx, DigestOptions{From: "2020-01-01", To: "2030-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(mustJSON(d)), &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "generated_at")
	delete(m, "data_quality")
	dropKeys(m, "story_id", "term")
	return m
}

func dropKeys(v any, keys ...string) {
	switch x := v.(type) {
	case map[string]any:
		for _, k := range keys {
			delete(x, k)
		}
		for _, e := range x {
			dropKeys(e, keys...)
		}
	case []any:
		for _, e := range x {
			dropKeys(e, keys...)
		}
	}
}

// jsonDiff lists where two decoded JSON values differ (cluster vs single).
func jsonDiff(path string, a, b any) []string {
	switch av := a.(type) {
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok {
			break
		}
		var out []string
		for k := range av {
			out = append(out, jsonDiff(path+"."+k, av[k], bv[k])...)
		}
		for k := range bv {
			if _, ok := av[k]; !ok {
				out = append(out, fmt.Sprintf("%s.%s: missing, single has %v", path, k, bv[k]))
			}
		}
		return out
	case []any:
		bv, ok := b.([]any)
		if !ok || len(av) != len(bv) {
			break
		}
		var out []string
		for i := range av {
			out = append(out, jsonDiff(fmt.Sprintf("%s[%d]", path, i), av[i], bv[i])...)
		}
		return out
	}
	if reflect.DeepEqual(a, b) {
		return nil
	}
	return []string{fmt.Sprintf("%s: cluster %.3000s, single %.3000s", path, mustJSON(a), mustJSON(b))}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func rawCounts(t *testing.T, ctx context.Context, st *storage.Store) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, table := range []string{"articles", "matches", "frames", "quotes"} {
		rows, err := st.Query(ctx, "SELECT toInt64(count()) FROM "+table, nil)
		if err != nil {
			t.Fatal(err)
		}
		out[table] = rows.Data[0][0].(int64)
	}
	return out
}

// waitReplicated waits until both replicas of each shard hold the same
// number of article rows.
func waitReplicated(t *testing.T, ctx context.Context, c *chtest.Cluster) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		counts := map[int][]int64{}
		for i, n := range c.Nodes {
			st, err := storage.Open(ctx, c.DSN(i, "fw"), storage.Options{})
			if err != nil {
				t.Fatal(err)
			}
			rows, err := st.Query(ctx, "SELECT toInt64(count()) FROM articles_local", nil)
			st.Close()
			if err != nil {
				t.Fatal(err)
			}
			counts[n.Shard] = append(counts[n.Shard], rows.Data[0][0].(int64))
		}
		same := true
		for _, c := range counts {
			for _, v := range c {
				same = same && v == c[0] && v > 0
			}
		}
		if same {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("replicas did not converge: %v", counts)
		}
		time.Sleep(300 * time.Millisecond)
	}
}
