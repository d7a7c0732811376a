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
func Standalone(t testing.TB) *Node {
	t.Helper()
	bin := serverBinary(t)
	ports, err := freePorts(3)
	if err != nil {
		t.Fatal(err)
	}
	n := &Node{Shard: 1, Replica: 1, ports: ports, Port: ports[0], bin: bin, dir: filepath.Join(t.TempDir(), "server")}
	if err := os.MkdirAll(n.dir, 0o755); err != nil {
		t.Fatal(err)
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
