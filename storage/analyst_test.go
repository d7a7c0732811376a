package storage_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"

	"github.com/framewatch/framewatch/storage"
	"github.com/framewatch/framewatch/storage/chtest"
)

// The read-only analyst user docker-compose creates
// (deploy/clickhouse/users.d/analyst.xml, the same file) on a real
// ClickHouse 18.16 server: it reads every table and view of the framewatch
// database, may set per-query settings as BI tools do, and cannot insert,
// alter, drop, create or read another database; a wrong password is refused.
func TestAnalystUserIsReadOnly(t *testing.T) {
	t.Setenv("ANALYST_PASSWORD", "analyst-test-pw")
	node := chtest.Standalone(t, "../deploy/clickhouse/users.d/analyst.xml")
	ctx := context.Background()
	st, err := storage.Open(ctx, node.DSN("framewatch"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveArticles(ctx, benchArticles(30, 0)); err != nil {
		t.Fatal(err)
	}
	if err := node.Exec(ctx, "CREATE DATABASE IF NOT EXISTS other"); err != nil {
		t.Fatal(err)
	}
	if err := node.Exec(ctx, "CREATE TABLE other.secrets (x UInt8) ENGINE = Memory"); err != nil {
		t.Fatal(err)
	}

	analyst := func(password string) clickhouse.Conn {
		conn, err := clickhouse.Open(&clickhouse.Options{
			Addr:        []string{"127.0.0.1:" + strconv.Itoa(node.Port)},
			Auth:        clickhouse.Auth{Database: "framewatch", Username: "analyst", Password: password},
			DialTimeout: 5 * time.Second, ReadTimeout: 30 * time.Second,
		})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.Close() })
		return conn
	}
	conn := analyst("analyst-test-pw")
	for _, q := range []string{
		"SELECT count() FROM current_articles",
		"SELECT count() FROM current_matches WHERE journalist_voice = 1",
		"SELECT uniqExact(story_key) FROM current_frames WHERE fired = 1",
		"SELECT count() FROM framewatch.articles SETTINGS max_execution_time = 30", // readonly=2: settings allowed
	} {
		var n uint64
		if err := conn.QueryRow(ctx, q).Scan(&n); err != nil {
			t.Errorf("analyst: %s: %v", q, err)
		} else if n == 0 {
			t.Errorf("analyst: %s: 0 rows, want the 30 stored articles' rows", q)
		}
	}
	for _, q := range []string{
		"INSERT INTO articles (url, version) VALUES ('https://x.example/1', 1)",
		"ALTER TABLE articles DELETE WHERE 1",
		"ALTER TABLE articles ADD COLUMN evil UInt8",
		"DROP TABLE matches",
		"CREATE TABLE mine (x UInt8) ENGINE = Memory",
		"TRUNCATE TABLE frames",
	} {
		if err := conn.Exec(ctx, q); err == nil {
			t.Errorf("analyst could run %s", q)
		} else if !strings.Contains(err.Error(), "readonly") {
			t.Errorf("analyst: %s: refused with %v, want a readonly refusal", q, err)
		}
	}
	var n uint64
	if err := conn.QueryRow(ctx, "SELECT count() FROM other.secrets").Scan(&n); err == nil {
		t.Error("analyst read a database other than framewatch")
	}
	if err := analyst("wrong").QueryRow(ctx, "SELECT 1").Scan(new(uint8)); err == nil {
		t.Error("analyst logged in with a wrong password")
	}
	// Nothing the analyst tried changed the store.
	rows, err := st.Query(ctx, "SELECT count() FROM current_articles", nil)
	if err != nil || rows.Data[0][0].(uint64) != 30 {
		t.Errorf("after the analyst's attempts: %v, %v; want 30 articles", rows, err)
	}
}
