package shard

import (
	"fmt"
	"testing"
)

func names(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("source-%03d", i)
	}
	return out
}

func TestEverySourceExactlyOnce(t *testing.T) {
	srcs := names(500)
	for n := 1; n <= 16; n++ {
		count := map[string]int{}
		perShard := make([]int, n+1)
		for i := 1; i <= n; i++ {
			for _, s := range Filter(Spec{Index: i, Count: n}, srcs, func(s string) string { return s }) {
				count[s]++
				perShard[i]++
			}
		}
		for _, s := range srcs {
			if count[s] != 1 {
				t.Fatalf("n=%d: %s owned by %d shards", n, s, count[s])
			}
		}
		// Balance: with 500 sources no shard should be far from 500/n.
		want := float64(len(srcs)) / float64(n)
		for i := 1; i <= n; i++ {
			if f := float64(perShard[i]); f < want*0.6 || f > want*1.4 {
				t.Errorf("n=%d: shard %d has %d sources, want about %.0f", n, i, perShard[i], want)
			}
		}
	}
}

func TestAddingASourceMovesNoOther(t *testing.T) {
	srcs := names(200)
	for n := 1; n <= 16; n++ {
		before := map[string]int{}
		for _, s := range srcs {
			before[s] = Owner(s, n)
		}
		grown := append(append([]string{}, srcs...), "brand-new-source", "another-one")
		for _, s := range grown[:len(srcs)] {
			if Owner(s, n) != before[s] {
				t.Fatalf("n=%d: adding sources moved %s", n, s)
			}
		}
	}
}

func TestGrowingShardsMovesOnlyToTheNewShard(t *testing.T) {
	srcs := names(400)
	for n := 1; n < 16; n++ {
		moved := 0
		for _, s := range srcs {
			a, b := Owner(s, n), Owner(s, n+1)
			if a != b {
				if b != n+1 {
					t.Fatalf("n=%d→%d: %s moved from %d to old shard %d", n, n+1, s, a, b)
				}
				moved++
			}
		}
		if want := len(srcs) / (n + 1); moved < want/2 || moved > want*2 {
			t.Errorf("n=%d→%d: %d sources moved, want about %d", n, n+1, moved, want)
		}
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Spec{"": All, "1/1": All, "2/4": {2, 4}, " 3 / 3 ": {3, 3}} {
		got, err := Parse(in)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"0/2", "3/2", "1", "a/b", "1/0", "-1/2", "1/2/3"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q): no error", bad)
		}
	}
	if !(Spec{1, 3}).RunsClusterJobs() || (Spec{2, 3}).RunsClusterJobs() {
		t.Error("only shard 1 runs the once-per-deployment jobs")
	}
}
