package chtest

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// Standalone starts a server of t's own, which the test may Stop and Start
// again (same port, same data) to play a store outage. It is stopped when
// t ends. It skips (fails under CI=true) without clickhouse-server.
// usersD are users.d files the server merges into its users.xml, as a
// deployment's are (deploy/clickhouse/users.d); their from_env values come
// from the test's environment.
func Standalone(t testing.TB, usersD ...string) *Node {
	t.Helper()
	bin := serverBinary(t)
	ports, err := freePorts(3)
	if err != nil {
		t.Fatal(err)
	}
	n := &Node{Shard: 1, Replica: 1, ports: ports, Port: ports[0], bin: bin, dir: filepath.Join(t.TempDir(), "server")}
	if err := os.MkdirAll(filepath.Join(n.dir, "users.d"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range usersD {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(n.dir, "users.d", filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(n.Stop)
	if err := n.Start(); err != nil {
		t.Fatal(err)
	}
	return n
}

// DSN is a clickhouse:// DSN for database db on the node.
func (n *Node) DSN(db string) string {
	return "clickhouse://default@127.0.0.1:" + strconv.Itoa(n.Port) + "/" + db
}
