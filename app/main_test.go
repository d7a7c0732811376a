package app

import (
	"testing"

	"github.com/framewatch/framewatch/storage/chtest"
)

// TestMain stops the shared throwaway ClickHouse server after the tests.
func TestMain(m *testing.M) { chtest.Main(m) }
