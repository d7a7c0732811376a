// Package spool is framewatch's local, durable queue for writes the store
// could not take: a directory of append-only segment files, each record
// checksummed and fsync'd before Append returns, bounded in total size.
//
// Several processes may share one spool directory. Each appends only to
// segments it created and holds an exclusive flock on every segment it owns;
// a segment whose lock is free belongs to a process that is gone (exited, or
// killed with -9: the kernel drops the lock) and is adopted by the next
// Replay of any process. Replay hands records over in order, oldest segment
// first, and removes a segment once every record in it has been applied.
// Applying is at least once: a crash between applying a record and noting
// it leaves it to be applied again, so what applies records must be
// idempotent (storage makes every write so).
package spool

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// ErrFull is returned by Append when the record would take the spool past
// its size bound.
var ErrFull = errors.New("spool: full")

// Defaults for Options.
const (
	DefaultMaxBytes     = 1 << 30
	DefaultSegmentBytes = 64 << 20
)

// Options bound the spool.
type Options struct {
	MaxBytes     int64 // all segments together, every process's; 0: DefaultMaxBytes
	SegmentBytes int64 // a segment is closed once past this; 0: DefaultSegmentBytes
	Logger       *slog.Logger
}

// Spool is one process's handle on a spool directory.
type Spool struct {
	dir  string
	opts Options
	log  *slog.Logger

	mu     sync.Mutex // appends, rotation, the owned list
	active *segment   // where Append writes; nil until the first record
	owned  map[string]*segment
	closed bool

	replayMu sync.Mutex // one Replay at a time
}

// Stats describe what waits in the spool directory, every process's
// segments included.
type Stats struct {
	Dir      string    `json:"dir"`
	Records  int       `json:"records"`  // not yet applied
	Bytes    int64     `json:"bytes"`    // on disk, applied records of open segments included
	Segments int       `json:"segments"` // files, corrupt ones included
	Oldest   time.Time `json:"oldest"`   // when the oldest pending record was written; zero if none
	Corrupt  int       `json:"corrupt"`  // segments set aside as unreadable (*.corrupt)
	MaxBytes int64     `json:"max_bytes"`
}

const (
	segExt     = ".seg"
	ackExt     = ".ack"
	corruptExt = ".corrupt"
)

// Open opens (creating) the spool directory dir. Nothing is adopted or
// read until Replay or Stats.
func Open(dir string, opts Options) (*Spool, error) {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.SegmentBytes <= 0 {
		opts.SegmentBytes = DefaultSegmentBytes
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("spool directory %q: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o750); err != nil {
		return nil, fmt.Errorf("creating spool directory: %w", err)
	}
	// Fail now, not at the first outage, if the directory is not writable.
	probe := filepath.Join(abs, ".probe-"+strconv.Itoa(os.Getpid()))
	if err := os.WriteFile(probe, nil, 0o600); err != nil {
		return nil, fmt.Errorf("spool directory %s is not writable: %w", abs, err)
	}
	os.Remove(probe)
	return &Spool{dir: abs, opts: opts, log: opts.Logger, owned: map[string]*segment{}}, nil
}

// Dir is the spool's absolute directory.
func (s *Spool) Dir() string { return s.dir }

// Append writes rec as one record and returns once it is on disk.
func (s *Spool) Append(rec []byte) error {
	if len(rec) == 0 || len(rec) > maxRecord {
		return fmt.Errorf("spool: record of %d bytes (1..%d allowed)", len(rec), maxRecord)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errors.New("spool: closed")
	}
	size := int64(recordHeader + len(rec))
	if used := dirBytes(s.dir); used+size > s.opts.MaxBytes {
		return fmt.Errorf("%w: %d bytes used of %d (spool.max_size) in %s", ErrFull, used, s.opts.MaxBytes, s.dir)
	}
	if s.active != nil && s.active.size+size > s.opts.SegmentBytes {
		s.active.f.Close() // keep the lock: the segment is still ours
		s.active.f = nil
		s.active = nil
	}
	if s.active == nil {
		seg, err := createSegment(s.dir)
		if err != nil {
			return err
		}
		s.active = seg
		s.owned[seg.name] = seg
	}
	return s.active.append(rec, time.Now())
}

// Replay applies every pending record this process can own, oldest
// segment first, in record order within a segment. A record is noted as
// applied once apply returns nil; the first error stops the replay and is
// returned with the count applied so far. Segments of other live
// processes are left to them.
func (s *Spool) Replay(apply func(rec []byte) error) (int, error) {
	s.replayMu.Lock()
	defer s.replayMu.Unlock()
	segs, err := s.claim()
	if err != nil {
		return 0, err
	}
	n := 0
	for _, seg := range segs {
		m, err := s.replaySegment(seg, apply)
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// claim closes the active segment (new records go to a new one) and adopts
// every segment whose owner is gone; it returns the closed segments owned,
// oldest first.
func (s *Spool) claim() ([]*segment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, errors.New("spool: closed")
	}
	if s.active != nil {
		s.active.f.Close()
		s.active.f = nil
		s.active = nil
	}
	names, err := segmentNames(s.dir)
	if err != nil {
		return nil, err
	}
	var out []*segment
	for _, name := range names {
		seg := s.owned[name]
		if seg == nil {
			seg, err = adopt(s.dir, name)
			if err != nil {
				return nil, err
			}
			if seg == nil { // a live process holds it
				continue
			}
			s.owned[name] = seg
		}
		out = append(out, seg)
	}
	return out, nil
}

func (s *Spool) replaySegment(seg *segment, apply func([]byte) error) (int, error) {
	data, err := os.ReadFile(seg.path())
	if err != nil {
		return 0, fmt.Errorf("spool: reading %s: %w", seg.name, err)
	}
	off := readAck(seg.path())
	recs, end, rerr := Decode(data, off)
	n := 0
	for _, r := range recs {
		if err := apply(r.Data); err != nil {
			return n, err
		}
		n++
		if err := writeAck(seg.path(), r.End); err != nil {
			return n, err
		}
	}
	switch {
	case rerr == nil:
	case errors.Is(rerr, ErrTorn):
		// The writer died inside an Append: that record was never
		// acknowledged to anybody, and everything before it is applied.
		s.log.Warn("spool: segment ends in a partly written record (its writer was killed); dropping the tail",
			"segment", seg.name, "offset", end, "bytes", int64(len(data))-end)
	default:
		// Records after a corrupt one cannot be found reliably: set the
		// file aside for a person, with what is known.
		s.log.Error("spool: corrupt segment set aside; records after the damage are not replayed",
			"segment", seg.name, "offset", end, "err", rerr, "kept_as", seg.name+corruptExt)
		s.forget(seg)
		os.Rename(seg.path(), seg.path()+corruptExt)
		os.Remove(seg.path() + ackExt)
		seg.unlock()
		return n, nil
	}
	s.forget(seg)
	if err := os.Remove(seg.path()); err != nil {
		return n, fmt.Errorf("spool: removing applied segment: %w", err)
	}
	os.Remove(seg.path() + ackExt)
	syncDir(s.dir)
	seg.unlock()
	return n, nil
}

func (s *Spool) forget(seg *segment) {
	s.mu.Lock()
	delete(s.owned, seg.name)
	s.mu.Unlock()
}

// Stats reads the spool directory. Counting records reads every segment,
// so call it for health pages and metrics, not per write.
func (s *Spool) Stats() Stats { return DirStats(s.dir, s.opts.MaxBytes) }

// DirStats is Stats of the spool directory dir without opening it (which
// would create it): for a process that only reports, such as serve.
func DirStats(dir string, maxBytes int64) Stats {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	st := Stats{Dir: dir, MaxBytes: maxBytes}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return st
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasSuffix(name, corruptExt):
			st.Corrupt++
			st.Segments++
			if info, err := e.Info(); err == nil {
				st.Bytes += info.Size()
			}
		case strings.HasSuffix(name, segExt):
			st.Segments++
			p := filepath.Join(dir, name)
			data, err := os.ReadFile(p)
			if err != nil {
				continue
			}
			st.Bytes += int64(len(data))
			recs, _, _ := Decode(data, readAck(p))
			st.Records += len(recs)
			if len(recs) > 0 && (st.Oldest.IsZero() || recs[0].Time.Before(st.Oldest)) {
				st.Oldest = recs[0].Time
			}
		}
	}
	return st
}

// Close releases this process's segments (their records stay on disk for
// the next Replay, of this process or another).
func (s *Spool) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	for _, seg := range s.owned {
		if seg.f != nil {
			seg.f.Close()
		}
		seg.unlock()
	}
	s.owned = nil
	s.active = nil
	return nil
}

// segment is one spool file this process owns.
type segment struct {
	dir, name string
	lock      *os.File // holds the flock
	f         *os.File // open for append while active
	size      int64
}

func (g *segment) path() string { return filepath.Join(g.dir, g.name) }

func (g *segment) unlock() {
	if g.lock != nil {
		g.lock.Close() // closing the descriptor drops the flock
		g.lock = nil
	}
}

func createSegment(dir string) (*segment, error) {
	name := fmt.Sprintf("%020d-%d%s", time.Now().UnixNano(), os.Getpid(), segExt)
	p := filepath.Join(dir, name)
	// Made under a name no Replay looks at, locked, and only then renamed
	// into view: another process must never adopt a segment being born.
	tmp := p + ".new"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("spool: creating segment: %w", err)
	}
	fail := func(err error) (*segment, error) {
		f.Close()
		os.Remove(tmp)
		return nil, fmt.Errorf("spool: creating segment: %w", err)
	}
	// A second descriptor holds the lock (a flock belongs to the open
	// file, and survives the rename), so the append one can be closed
	// when the segment is.
	lock, err := os.Open(tmp)
	if err != nil {
		return fail(err)
	}
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		lock.Close()
		return fail(err)
	}
	if _, err := f.Write([]byte(magic)); err != nil {
		lock.Close()
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		lock.Close()
		return fail(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		lock.Close()
		return fail(err)
	}
	syncDir(dir)
	return &segment{dir: dir, name: name, lock: lock, f: f, size: int64(len(magic))}, nil
}

// adopt takes segment name if no live process holds it; nil, nil if one does.
func adopt(dir, name string) (*segment, error) {
	f, err := os.Open(filepath.Join(dir, name))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil // another process adopted and finished it meanwhile
	}
	if err != nil {
		return nil, fmt.Errorf("spool: opening %s: %w", name, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, nil
		}
		return nil, fmt.Errorf("spool: locking %s: %w", name, err)
	}
	// It may have been applied and removed between listing and locking.
	if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
		f.Close()
		return nil, nil
	}
	return &segment{dir: dir, name: name, lock: f}, nil
}

func (g *segment) append(rec []byte, at time.Time) error {
	buf := encodeRecord(rec, at)
	if _, err := g.f.Write(buf); err != nil {
		// A partial record would hide every later one: cut it off.
		g.f.Truncate(g.size)
		return fmt.Errorf("spool: writing %s: %w", g.name, err)
	}
	if err := g.f.Sync(); err != nil {
		return fmt.Errorf("spool: syncing %s: %w", g.name, err)
	}
	g.size += int64(len(buf))
	return nil
}

func segmentNames(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("spool: listing %s: %w", dir, err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), segExt) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names) // zero-padded creation time first: oldest first
	return names, nil
}

func dirBytes(dir string) int64 {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	var n int64
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), segExt) || strings.HasSuffix(e.Name(), corruptExt) {
			if info, err := e.Info(); err == nil {
				n += info.Size()
			}
		}
	}
	return n
}

// readAck is how far into the segment records have been applied.
func readAck(segPath string) int64 {
	b, err := os.ReadFile(segPath + ackExt)
	if err != nil {
		return int64(len(magic))
	}
	n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	if err != nil || n < int64(len(magic)) {
		return int64(len(magic))
	}
	return n
}

// writeAck notes an offset atomically: a crash leaves the old note or the
// new one, never half of one.
func writeAck(segPath string, off int64) error {
	tmp := segPath + ackExt + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("spool: noting progress: %w", err)
	}
	_, err = f.WriteString(strconv.FormatInt(off, 10))
	if err == nil {
		err = f.Sync()
	}
	f.Close()
	if err == nil {
		err = os.Rename(tmp, segPath+ackExt)
	}
	if err != nil {
		return fmt.Errorf("spool: noting progress: %w", err)
	}
	return nil
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
