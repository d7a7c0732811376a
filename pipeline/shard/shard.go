// Package shard splits the configured sources between crawler instances
// without a coordination service: every instance is started with the same
// config and its own --shard i/n, and decides on its own which sources are
// its. The split is rendezvous (highest-random-weight) hashing: a source goes
// to the shard with the highest hash of (source name, shard index), so
//
//   - every source belongs to exactly one shard for any n;
//   - adding or removing a source moves no other source;
//   - going from n to n+1 shards moves only the sources the new shard wins
//     (about 1/(n+1) of them), none between the old shards.
package shard

import (
	"fmt"
	"strconv"
	"strings"
)

// Spec is one instance's place among n: shard Index of Count, 1-based as an
// operator writes it ("--shard 2/4").
type Spec struct {
	Index int
	Count int
}

// All is the spec of a single instance that owns every source.
var All = Spec{Index: 1, Count: 1}

// Parse reads "i/n" (1 ≤ i ≤ n). An empty string is All.
func Parse(s string) (Spec, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return All, nil
	}
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil {
		return Spec{}, fmt.Errorf("--shard %q: want i/n, e.g. 1/2", s)
	}
	if n < 1 || i < 1 || i > n {
		return Spec{}, fmt.Errorf("--shard %q: need 1 ≤ i ≤ n", s)
	}
	return Spec{Index: i, Count: n}, nil
}

func (s Spec) String() string {
	if s.Count <= 1 {
		return "1/1"
	}
	return strconv.Itoa(s.Index) + "/" + strconv.Itoa(s.Count)
}

// Owner returns the 1-based shard that owns the source named name among n.
func Owner(name string, n int) int {
	best, bestScore := 1, uint64(0)
	for i := 1; i <= n; i++ {
		if h := weight(name, i); i == 1 || h > bestScore {
			best, bestScore = i, h
		}
	}
	return best
}

// Owns reports whether this instance crawls the source named name.
func (s Spec) Owns(name string) bool {
	if s.Count <= 1 {
		return true
	}
	return Owner(name, s.Count) == s.Index
}

// RunsClusterJobs reports whether this instance runs the jobs that must run
// once per deployment (the weekly digest): shard 1 does, so that n
// identical daemons do not each send it.
func (s Spec) RunsClusterJobs() bool { return s.Index <= 1 }

// Filter returns the items whose name this instance owns, in their order.
func Filter[T any](s Spec, items []T, name func(T) string) []T {
	var out []T
	for _, it := range items {
		if s.Owns(name(it)) {
			out = append(out, it)
		}
	}
	return out
}

// weight is FNV-1a over the name and shard index, finished with the
// splitmix64 mixer: FNV alone spreads short, similar names (feed-1, feed-2)
// poorly across the top bits that the comparison looks at.
func weight(name string, shard int) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= prime
	}
	h ^= 0xff // separator: "ab"+1 and "a"+"b1" must differ
	h *= prime
	for _, c := range strconv.Itoa(shard) {
		h ^= uint64(c)
		h *= prime
	}
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}
