package app

import (
	"path/filepath"
	"testing"

	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/storage/chtest"
)

// TestMain stops the shared throwaway ClickHouse server after the tests.
func TestMain(m *testing.M) { chtest.Main(m) }

// testConfig is the default config with the write-ahead spool in the
// test's temp dir: the default, relative to the working directory, would
// leave a framewatch-spool folder in the source tree.
func testConfig(tb testing.TB) config.Config {
	cfg := config.Defaults()
	cfg.Spool.Dir = filepath.Join(tb.TempDir(), "spool")
	return cfg
}
