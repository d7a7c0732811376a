package spool

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func open(t *testing.T, dir string, opts Options) *Spool {
	t.Helper()
	s, err := Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func appendN(t *testing.T, s *Spool, from, to int) {
	t.Helper()
	for i := from; i < to; i++ {
		if err := s.Append(fmt.Appendf(nil, "rec-%03d", i)); err != nil {
			t.Fatal(err)
		}
	}
}

func collect(t *testing.T, s *Spool) []string {
	t.Helper()
	var got []string
	if _, err := s.Replay(func(r []byte) error { got = append(got, string(r)); return nil }); err != nil {
		t.Fatal(err)
	}
	return got
}

func seq(from, to int) string {
	var out []string
	for i := from; i < to; i++ {
		out = append(out, fmt.Sprintf("rec-%03d", i))
	}
	return strings.Join(out, ",")
}

func TestAppendReplayInOrderAcrossSegments(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, Options{SegmentBytes: 100}) // a few records per segment
	appendN(t, s, 0, 20)
	st := s.Stats()
	if st.Records != 20 || st.Segments < 5 || st.Oldest.IsZero() {
		t.Fatalf("stats = %+v", st)
	}
	if got := strings.Join(collect(t, s), ","); got != seq(0, 20) {
		t.Fatalf("replayed %s", got)
	}
	if st := s.Stats(); st.Records != 0 || st.Segments != 0 || st.Bytes != 0 {
		t.Fatalf("after replay: %+v", st)
	}
	if got := collect(t, s); len(got) != 0 {
		t.Fatalf("second replay gave %v", got)
	}
}

func TestFailedApplyResumesAtThatRecord(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, Options{SegmentBytes: 100})
	appendN(t, s, 0, 10)
	calls := 0
	n, err := s.Replay(func(r []byte) error {
		if calls++; calls == 7 {
			return errors.New("store down")
		}
		return nil
	})
	if n != 6 || err == nil {
		t.Fatalf("n=%d err=%v", n, err)
	}
	appendN(t, s, 10, 12) // written while the store was down
	s.Close()
	// A new process (a new handle on the directory) takes over.
	s2 := open(t, dir, Options{})
	if got := strings.Join(collect(t, s2), ","); got != seq(6, 12) {
		t.Fatalf("resumed with %s", got)
	}
}

func TestLiveOwnersSegmentsAreLeftAlone(t *testing.T) {
	dir := t.TempDir()
	a := open(t, dir, Options{})
	b := open(t, dir, Options{}) // flocks are per open file: b is another owner
	appendN(t, a, 0, 3)
	if got := collect(t, b); len(got) != 0 {
		t.Fatalf("b replayed a's live segment: %v", got)
	}
	if st := b.Stats(); st.Records != 3 {
		t.Fatalf("b's stats must count every process's records: %+v", st)
	}
	a.Close() // a gone: its segment is an orphan now
	if got := strings.Join(collect(t, b), ","); got != seq(0, 3) {
		t.Fatalf("b adopted %s", got)
	}
}

func TestBoundedSize(t *testing.T) {
	s := open(t, t.TempDir(), Options{MaxBytes: 200})
	var err error
	n := 0
	for ; n < 100 && err == nil; n++ {
		err = s.Append([]byte("0123456789012345678901234567890123456789"))
	}
	if !errors.Is(err, ErrFull) || n < 3 || n > 5 {
		t.Fatalf("after %d appends err = %v", n, err)
	}
	if st := s.Stats(); st.Bytes > 200 {
		t.Fatalf("spool grew to %d bytes", st.Bytes)
	}
}

func TestTornTailIsDropped(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, Options{})
	appendN(t, s, 0, 3)
	s.Close()
	segs, _ := filepath.Glob(filepath.Join(dir, "*"+segExt))
	f, _ := os.OpenFile(segs[0], os.O_APPEND|os.O_WRONLY, 0)
	f.Write(encodeRecord([]byte("never acknowledged"), nowForTest())[:20]) // killed mid-append
	f.Close()
	s2 := open(t, dir, Options{})
	if got := strings.Join(collect(t, s2), ","); got != seq(0, 3) {
		t.Fatalf("got %s", got)
	}
	if st := s2.Stats(); st.Segments != 0 {
		t.Fatalf("torn segment kept: %+v", st)
	}
}

func TestCorruptSegmentSetAside(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, Options{})
	appendN(t, s, 0, 3)
	s.Close()
	segs, _ := filepath.Glob(filepath.Join(dir, "*"+segExt))
	data, _ := os.ReadFile(segs[0])
	data[len(data)-2] ^= 0xff // last record's data
	os.WriteFile(segs[0], data, 0o600)
	s2 := open(t, dir, Options{})
	if got := strings.Join(collect(t, s2), ","); got != seq(0, 2) {
		t.Fatalf("got %s", got)
	}
	if st := s2.Stats(); st.Corrupt != 1 || st.Records != 0 {
		t.Fatalf("stats = %+v", st)
	}
}

func TestDecodeRejectsForeignFile(t *testing.T) {
	if _, _, err := Decode([]byte("<html>not a segment</html>"), 0); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("err = %v", err)
	}
}
