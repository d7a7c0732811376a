package storage

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/schema")

// TestSchemaGolden pins the DDL both layouts run, generated from the one
// set of migrations: a change to a migration or to the cluster translation
// shows up as a diff to review (go test ./storage -run Golden -update).
func TestSchemaGolden(t *testing.T) {
	for _, c := range []struct {
		file   string
		layout Layout
	}{
		{"single.sql", Layout{Database: "framewatch"}},
		{"cluster.sql", Layout{Cluster: "framewatch_cluster", Database: "framewatch"}},
	} {
		schema, err := Schema(c.layout)
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		var b strings.Builder
		migs, _ := Migrations()
		for i, stmts := range schema {
			name := "schema_migrations"
			if i > 0 {
				name = migs[i-1].Name
			}
			b.WriteString("-- " + name + "\n")
			for _, s := range stmts {
				b.WriteString(strings.TrimSpace(s) + ";\n\n")
			}
		}
		path := filepath.Join("testdata", "schema", c.file)
		if *update {
			if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./storage -run Golden -update)", err)
		}
		if b.String() != string(want) {
			t.Errorf("%s: generated DDL differs from the golden file; review and run go test ./storage -run Golden -update", path)
		}
	}
}

func TestClusterTranslation(t *testing.T) {
	c := newClusterizer(Layout{Cluster: "c", Database: "db"})
	mustOne := func(stmt string) []string {
		out, err := c.translate(stmt)
		if err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
		return out
	}
	got := mustOne("CREATE TABLE IF NOT EXISTS art (\n url String, -- a, comment\n v UInt64\n) ENGINE = ReplacingMergeTree(v)\nORDER BY url")
	if len(got) != 2 || !strings.Contains(got[0], "`db`.`art_local` ON CLUSTER `c`") ||
		!strings.Contains(got[0], "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/db/art_local', '{replica}', v)") ||
		!strings.Contains(got[1], "Distributed(`c`, `db`, `art_local`, cityHash64(url))") {
		t.Errorf("per-article table:\n%s", strings.Join(got, "\n"))
	}
	got = mustOne("CREATE TABLE IF NOT EXISTS gen (g UInt64) ENGINE = MergeTree ORDER BY g")
	if len(got) != 1 || !strings.Contains(got[0], "ReplicatedMergeTree('/clickhouse/tables/all/db/gen', '{shard}-{replica}')") {
		t.Errorf("global table:\n%s", strings.Join(got, "\n"))
	}
	got = mustOne("CREATE VIEW IF NOT EXISTS cur AS SELECT * FROM art WHERE v = (SELECT max(g) FROM gen) AND url NOT IN (SELECT url FROM art FINAL)")
	if len(got) != 2 || !strings.Contains(got[0], "FROM `db`.`art_local` WHERE v = (SELECT max(g) FROM `db`.`gen`)") ||
		!strings.Contains(got[0], "(SELECT url FROM `db`.`art_local` FINAL)") || !strings.Contains(got[1], "Distributed(`c`, `db`, `cur_local`, rand())") {
		t.Errorf("per-shard view:\n%s", strings.Join(got, "\n"))
	}
	got = mustOne("CREATE VIEW IF NOT EXISTS weekly AS SELECT toMonday(v) AS w, count() FROM cur WHERE url NOT IN (SELECT url FROM art) GROUP BY w")
	if len(got) != 1 || !strings.Contains(got[0], "FROM `db`.`cur` WHERE url GLOBAL NOT IN (SELECT url FROM `db`.`art`) GROUP BY w") {
		t.Errorf("aggregating view:\n%s", strings.Join(got, "\n"))
	}
	got = mustOne("CREATE VIEW IF NOT EXISTS totals AS SELECT count() AS n, max(v) AS top FROM cur")
	if len(got) != 1 || !strings.Contains(got[0], "FROM `db`.`cur`") {
		t.Errorf("a view aggregating without GROUP BY must read every shard: %s", got)
	}
	got = mustOne("CREATE TABLE IF NOT EXISTS sources (name String, url String) ENGINE = MergeTree ORDER BY name")
	if len(got) != 1 || !strings.Contains(got[0], "/clickhouse/tables/all/") {
		t.Errorf("sources (a feed's url, not an article's) must be global: %s", got)
	}
	got = mustOne("CREATE VIEW IF NOT EXISTS lit AS SELECT 'FROM art' AS s FROM gen")
	if !strings.Contains(got[0], "'FROM art' AS s FROM `db`.`gen`") {
		t.Errorf("a string literal was rewritten: %s", got[0])
	}
	got = mustOne("ALTER TABLE art ADD COLUMN extra String")
	if len(got) != 5 || !strings.HasPrefix(got[0], "ALTER TABLE `db`.`art_local` ON CLUSTER `c` ADD COLUMN extra String") ||
		!strings.Contains(got[3], "DROP TABLE IF EXISTS `db`.`cur`") {
		t.Errorf("alter per-article table (and the Distributed tables over it and its views):\n%s", strings.Join(got, "\n"))
	}
	got = mustOne("ALTER TABLE gen ADD COLUMN h String")
	if len(got) != 1 || strings.Contains(got[0], "ON CLUSTER") {
		t.Errorf("alter global table once, replication carries it: %s", got)
	}
	for _, bad := range []string{"RENAME TABLE a TO b", "ALTER TABLE nosuch ADD COLUMN x String", "CREATE TABLE IF NOT EXISTS l (url String) ENGINE = Log"} {
		if _, err := c.translate(bad); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
