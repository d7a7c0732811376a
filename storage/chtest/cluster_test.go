package chtest

import (
	"context"
	"io"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
)

// TestCluster shows the harness is a real cluster: DDL ON CLUSTER reaches
// every node, rows written through a Distributed table land on both shards
// and replicate, and a query still answers with one replica of each shard
// stopped.
func TestCluster(t *testing.T) {
	if testing.Short() {
		t.Skip("starts ZooKeeper and four servers")
	}
	c := StartCluster(t, 2, 2)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	n0 := c.Nodes[0]
	for _, q := range []string{
		"CREATE DATABASE IF NOT EXISTS h ON CLUSTER " + c.Name,
		"CREATE TABLE h.t_local ON CLUSTER " + c.Name + " (k UInt64) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/h/t_local', '{replica}') ORDER BY k",
		"CREATE TABLE h.t ON CLUSTER " + c.Name + " AS h.t_local ENGINE = Distributed(" + c.Name + ", h, t_local, k)",
	} {
		if err := n0.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	conn := open(t, c.Nodes[0].Port, "insert_distributed_sync")
	batch, err := conn.PrepareBatch(ctx, "INSERT INTO h.t (k)")
	if err != nil {
		t.Fatal(err)
	}
	for k := uint64(0); k < 100; k++ {
		batch.Append(k)
	}
	if err := batch.Send(); err != nil {
		t.Fatal(err)
	}
	counts := map[int]uint64{}
	for i, n := range c.Nodes {
		var local uint64
		waitFor(t, func() bool {
			row := open(t, n.Port, "").QueryRow(ctx, "SELECT count() FROM h.t_local")
			return row.Scan(&local) == nil && local > 0
		})
		counts[n.Shard] = local
		t.Logf("node %d (shard %d replica %d): %d local rows", i, n.Shard, n.Replica, local)
	}
	if counts[1]+counts[2] != 100 || counts[1] == 0 || counts[2] == 0 {
		t.Fatalf("rows per shard %v, want both shards holding part of 100", counts)
	}
	c.Nodes[1].Stop() // shard 1, replica 2
	c.Nodes[2].Stop() // shard 2, replica 1
	var total uint64
	if err := open(t, c.Nodes[0].Port, "").QueryRow(ctx, "SELECT count() FROM h.t").Scan(&total); err != nil || total != 100 {
		t.Fatalf("with one replica of each shard down: count %d, %v", total, err)
	}
}

func open(t *testing.T, port int, setting string) clickhouse.Conn {
	opts := &clickhouse.Options{Addr: []string{"127.0.0.1:" + strconv.Itoa(port)}, Auth: clickhouse.Auth{Username: "default"}}
	if setting != "" {
		opts.Settings = clickhouse.Settings{setting: 1}
	}
	conn, err := clickhouse.Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// TestServingWaitsForTheDatabase: a ZooKeeper that has opened its port but
// not loaded its database answers srvr with "not currently serving"; only
// the answer with a Mode line counts as ready.
func TestServingWaitsForTheDatabase(t *testing.T) {
	for _, tc := range []struct {
		answer string
		want   bool
	}{
		{"This ZooKeeper instance is not currently serving requests\n", false},
		{"Zookeeper version: 3.8.0\nLatency min/avg/max: 0/0.0/0\nMode: standalone\nNode count: 5\n", true},
		{"", false},
	} {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		go func(answer string) {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			buf := make([]byte, 4)
			io.ReadFull(conn, buf)
			if string(buf) == "srvr" {
				conn.Write([]byte(answer))
			}
			conn.Close()
		}(tc.answer)
		if got := serving(ln.Addr().(*net.TCPAddr).Port); got != tc.want {
			t.Errorf("answer %q: serving = %v, want %v", tc.answer, got, tc.want)
		}
		ln.Close()
	}
}
