package storage_test

import (
	"strings"
	"testing"

	"github.com/framewatch/framewatch/storage/storetest"
)

// The embedded engine runs one read per pooled connection (2 by default); a
// server spreads each query over its cores, so the store asks for one at a
// time there.
func TestConcurrentReads(t *testing.T) {
	for _, be := range storetest.Backends {
		t.Run(be.Name, func(t *testing.T) {
			st := be.Open(t)
			want := 1
			if strings.Contains(strings.ToLower(be.Name), "chdb") {
				want = 2
			}
			if got := st.ConcurrentReads(); got != want {
				t.Fatalf("ConcurrentReads() = %d, want %d", got, want)
			}
		})
	}
}
