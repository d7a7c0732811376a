package tag

// automaton is an Aho-Corasick matcher compiled to a dense DFA: one table
// lookup per input byte whatever the number of patterns, which is what keeps
// ten times more rules from costing ten times the time.
type automaton struct {
	class   [256]uint8 // byte → column; 0 is "no pattern uses this byte"
	ncls    int
	delta   []int32 // state*ncls + class → next state
	jump    []int32 // delta pre-multiplied by ncls, complemented for states with output
	out     []int32 // first pattern ending in this state, or -1
	outNext []int32 // per pattern: next pattern ending in the same state, or -1
	dict    []int32 // nearest proper suffix state with output, or -1
	plen    []int32 // per pattern: its length
}

// hit is one pattern occurrence in normalised text: [start, end).
type hit struct {
	pat        int32
	start, end int32
}

func buildAutomaton(pats []string) *automaton {
	a := &automaton{}
	used := [256]bool{}
	for _, p := range pats {
		for i := 0; i < len(p); i++ {
			used[p[i]] = true
		}
	}
	a.ncls = 1
	for c := 0; c < 256; c++ {
		if used[c] {
			a.class[c] = uint8(a.ncls)
			a.ncls++
		}
	}
	if a.ncls > 256 { // cannot happen with 255 distinct bytes plus "other"
		panic("tag: alphabet overflow")
	}
	// Trie, stored straight into delta (0 = no edge yet; state 0 is the root
	// so a 0 edge can mean "missing" during construction).
	a.delta = make([]int32, a.ncls)
	a.out = []int32{-1}
	a.outNext = make([]int32, len(pats))
	a.plen = make([]int32, len(pats))
	for id, p := range pats {
		s := int32(0)
		for i := 0; i < len(p); i++ {
			c := int32(a.class[p[i]])
			nx := a.delta[int(s)*a.ncls+int(c)]
			if nx == 0 {
				nx = int32(len(a.out))
				a.out = append(a.out, -1)
				a.delta = append(a.delta, make([]int32, a.ncls)...)
				a.delta[int(s)*a.ncls+int(c)] = nx
			}
			s = nx
		}
		a.outNext[id] = a.out[s]
		a.out[s] = int32(id)
		a.plen[id] = int32(len(p))
	}
	n := len(a.out)
	fail := make([]int32, n)
	a.dict = make([]int32, n)
	for i := range a.dict {
		a.dict[i] = -1
	}
	// Breadth-first: fill failure links and turn missing edges into the
	// failure state's edges, giving a complete DFA.
	queue := make([]int32, 0, n)
	for c := 0; c < a.ncls; c++ {
		if nx := a.delta[c]; nx != 0 {
			fail[nx] = 0
			queue = append(queue, nx)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		f := fail[s]
		if a.out[f] >= 0 {
			a.dict[s] = f
		} else {
			a.dict[s] = a.dict[f]
		}
		for c := 0; c < a.ncls; c++ {
			idx := int(s)*a.ncls + c
			nx := a.delta[idx]
			if nx != 0 {
				fail[nx] = a.delta[int(f)*a.ncls+c]
				queue = append(queue, nx)
			} else {
				a.delta[idx] = a.delta[int(f)*a.ncls+c]
			}
		}
	}
	a.jump = make([]int32, len(a.delta))
	for i, nx := range a.delta {
		v := nx * int32(a.ncls)
		if a.out[nx] >= 0 || a.dict[nx] >= 0 {
			v = ^v
		}
		a.jump[i] = v
	}
	return a
}

// scan appends every occurrence of every pattern in text to hits.
func (a *automaton) scan(text []byte, hits []hit) []hit {
	// jump holds next states pre-multiplied by ncls, complemented when the
	// state has output: one load and one sign test per byte.
	s := int32(0)
	jump, class, ncls := a.jump, &a.class, int32(a.ncls)
	for i, c := range text {
		s = jump[s+int32(class[c])]
		if s >= 0 {
			continue
		}
		s = ^s
		for t := s / ncls; t >= 0; t = a.dict[t] {
			for p := a.out[t]; p >= 0; p = a.outNext[p] {
				hits = append(hits, hit{pat: p, start: int32(i+1) - a.plen[p], end: int32(i + 1)})
			}
			if t == 0 {
				break
			}
		}
	}
	return hits
}
