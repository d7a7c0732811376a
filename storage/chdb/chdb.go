// Package chdb is framewatch's embedded ClickHouse: chDB's libchdb.so loaded
// at run time with purego (no cgo), holding its data in a local directory.
//
// Only one process may own a chDB data directory. The owner serves a unix
// socket in that directory (framewatch.sock) and any other framewatch process
// that opens the same path is transparently forwarded through it, so
// `framewatch sql` works while `framewatch run` holds the store.
package chdb

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/framewatch/framewatch/storage/chsql"
)

// Database is the database every connection uses, so that framewatch's
// tables are unqualified and stay out of chDB's "default".
const Database = "framewatch"

// DefaultMaxMemory bounds the engine when Options.MaxMemory is zero: enough
// for framewatch's GROUP BYs over millions of rows, small enough for a laptop.
const DefaultMaxMemory = 2 << 30

// Options tune the embedded engine.
type Options struct {
	MaxMemory int64        // bytes the engine may use; 0: DefaultMaxMemory
	Logger    *slog.Logger // nil: slog.Default()
	Conns     int          // connections in the pool; 0: 2
}

// Backend runs SQL on the embedded engine, or on the process that owns the
// data directory. It satisfies storage.Backend.
type Backend struct {
	path string
	log  *slog.Logger

	opts Options

	// Exactly one of pool (we own the engine) and remote (another process
	// does) is set; mu guards the switch from remote to pool (takeOver).
	mu     sync.RWMutex
	closed bool
	pool   chan *conn
	conns  []*conn
	remote *client
	srv    *server

	closeOnce sync.Once
	closeErr  error
}

// conn is one chDB connection: its own session, running one query at a time.
type conn struct {
	l   *lib
	ptr unsafe.Pointer // chdb_connection*; queries take *ptr
}

// engineMu serialises chdb_connect (it swaps process-wide signal handlers)
// and guards enginePath: chDB keeps one engine per process.
var (
	engineMu    sync.Mutex
	enginePath  string
	engineConns int
)

// Open opens the embedded store in directory path, creating it if needed.
// When another process owns path, the returned Backend forwards every call
// to it over path/framewatch.sock.
func Open(ctx context.Context, path string, opts Options) (*Backend, error) {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Conns <= 0 {
		opts.Conns = 2
	}
	if opts.MaxMemory <= 0 {
		opts.MaxMemory = DefaultMaxMemory
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("chdb: data path %q: %w", path, err)
	}
	if err := os.MkdirAll(abs, 0o750); err != nil {
		return nil, fmt.Errorf("chdb: creating data directory: %w", err)
	}
	b := &Backend{path: abs, log: opts.Logger, opts: opts}
	if err := b.attach(ctx); err != nil {
		return nil, err
	}
	return b, nil
}

// attach makes b forward to the live owner of b.path, or own the engine
// there itself: what Open does, and what a forwarding Backend does again
// when its owner goes away (takeOver).
func (b *Backend) attach(ctx context.Context) error {
	abs, opts := b.path, b.opts
	// A live owner answers on the socket: use it without loading the
	// 500 MB library at all.
	if c, err := dial(ctx, abs, opts.Conns); err == nil {
		b.remote = c
		b.log.Debug("chdb: data directory is owned by another process; forwarding", "path", abs)
		return nil
	}

	l, err := load()
	if err != nil {
		return fmt.Errorf("chdb: %w", err)
	}
	start := time.Now()
	first, err := connect(l, abs, opts.MaxMemory)
	if errors.Is(err, errLocked) {
		// Another process holds the lock: it may still be starting its
		// socket server, or be exiting (its socket closes before the
		// kernel drops its lock), so both are tried again for a while.
		deadline := time.Now().Add(10 * time.Second)
		for try := 1; time.Now().Before(deadline); try++ {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(100 * time.Millisecond):
			}
			if c, derr := dial(ctx, abs, opts.Conns); derr == nil {
				b.remote = c
				return nil
			}
			if try%5 != 0 { // the engine prints every refused lock to stderr
				continue
			}
			if first, err = connect(l, abs, opts.MaxMemory); !errors.Is(err, errLocked) {
				break
			}
		}
		if errors.Is(err, errLocked) {
			return fmt.Errorf("chdb: %s is in use by another process that does not serve %s (%s); stop it or use another storage.dsn", abs, socketName, ownerInfo(abs))
		}
	}
	if err != nil {
		return err
	}
	b.conns = append(b.conns, first)
	if err := first.exec("CREATE DATABASE IF NOT EXISTS " + Database); err != nil {
		b.closeConns()
		return fmt.Errorf("chdb: creating database %s: %w", Database, err)
	}
	for len(b.conns) < opts.Conns {
		c, err := connect(l, abs, opts.MaxMemory)
		if err != nil {
			b.closeConns()
			return err
		}
		b.conns = append(b.conns, c)
	}
	pool := make(chan *conn, len(b.conns))
	for _, c := range b.conns {
		if err := c.exec("USE " + Database); err != nil {
			b.closeConns()
			return fmt.Errorf("chdb: selecting database %s: %w", Database, err)
		}
		pool <- c
	}
	b.pool = pool
	srv, err := serve(abs, b)
	if err != nil {
		// The store works without the socket; only other processes lose.
		b.log.Warn("chdb: cannot serve the data directory to other framewatch processes", "path", abs, "err", err)
	}
	b.srv = srv
	b.log.Debug("chdb: embedded store open", "path", abs, "lib", l.path, "conns", len(b.conns),
		"max_memory", opts.MaxMemory, "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// takeOver is called when the owner this Backend forwarded to is gone
// (exited, or killed): its lock went with it, so this process opens the
// engine itself and serves the socket in turn, or, if a third process was
// quicker, forwards to that one.
func (b *Backend) takeOver(ctx context.Context, gone *client) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return errors.New("chdb: store is closed")
	}
	if b.remote != gone {
		return nil // another caller already moved on
	}
	gone.close()
	b.remote = nil
	if err := b.attach(ctx); err != nil {
		b.remote = gone // keep failing over on later calls
		return err
	}
	role := "owning it"
	if b.remote != nil {
		role = "forwarding to the new owner"
	}
	b.log.Warn("chdb: the process that owned the store exited; this process took over", "path", b.path, "now", role)
	return nil
}

var errLocked = errors.New("data directory locked by another process")

// connect opens one engine connection, keeping the Go runtime's signal
// handlers (see signals_linux.go for why).
func connect(l *lib, path string, maxMemory int64) (*conn, error) {
	engineMu.Lock()
	defer engineMu.Unlock()
	if enginePath != "" && enginePath != path {
		return nil, fmt.Errorf("chdb: this process already has the embedded store at %s open; chDB runs one data directory per process (cannot open %s)", enginePath, path)
	}
	args := []string{
		"clickhouse",
		"--path=" + path,
		// DateTime columns without a zone are read and written in UTC,
		// whatever the machine's zone: results match the server backend.
		"--timezone=UTC",
		"--max_server_memory_usage=" + strconv.FormatInt(maxMemory, 10),
	}
	argv, free := cStrings(args)
	defer free()

	saved, err := saveSignals()
	if err != nil {
		return nil, fmt.Errorf("chdb: reading signal handlers: %w", err)
	}
	p := l.connect(int32(len(args)), argv)
	if err := saved.restore(); err != nil {
		// Without the Go handlers a nil dereference kills the process.
		panic(fmt.Sprintf("chdb: restoring Go signal handlers after chdb_connect: %v", err))
	}
	if p == nil {
		return nil, errLocked
	}
	enginePath = path
	engineConns++
	return &conn{l: l, ptr: p}, nil
}

func (c *conn) close() {
	engineMu.Lock()
	defer engineMu.Unlock()
	c.l.closeConn(c.ptr)
	engineConns--
	if engineConns == 0 {
		enginePath = ""
	}
}

// cStrings builds a C char** array in Go memory the GC will not move
// during the call; free keeps it alive until then.
func cStrings(ss []string) (unsafe.Pointer, func()) {
	bufs := make([][]byte, len(ss))
	ptrs := make([]unsafe.Pointer, len(ss)+1)
	for i, s := range ss {
		bufs[i] = append([]byte(s), 0)
		ptrs[i] = unsafe.Pointer(&bufs[i][0])
	}
	return unsafe.Pointer(&ptrs[0]), func() { runtime.KeepAlive(bufs); runtime.KeepAlive(ptrs) }
}

// query runs sql on this connection and returns the result bytes (in format,
// unless the SQL has its own FORMAT clause) or ClickHouse's error message.
func (c *conn) query(sql []byte, format string) ([]byte, error) {
	if len(sql) == 0 {
		return nil, errors.New("empty query")
	}
	res := c.l.queryN(*(*unsafe.Pointer)(c.ptr), unsafe.Pointer(&sql[0]), uintptr(len(sql)), format, uintptr(len(format)))
	runtime.KeepAlive(sql)
	if res == nil {
		return nil, errors.New("chdb_query returned no result")
	}
	defer c.l.destroyResult(res)
	if e := c.l.resultError(res); e != nil {
		if msg := cString(e); msg != "" {
			return nil, &Error{Msg: strings.TrimSpace(msg)}
		}
	}
	n := c.l.resultLength(res)
	if n == 0 {
		return nil, nil
	}
	buf := c.l.resultBuffer(res)
	if buf == nil {
		return nil, nil
	}
	return append([]byte(nil), unsafe.Slice((*byte)(buf), n)...), nil
}

func (c *conn) exec(sql string) error {
	_, err := c.query([]byte(sql), "")
	return err
}

// Error is an error reported by ClickHouse itself; Msg is its own text,
// e.g. "Code: 60. DB::Exception: Unknown table expression identifier …".
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// Path is the absolute data directory.
func (b *Backend) Path() string { return b.path }

// ConcurrentReads is the pool's size: the engine runs that many queries at
// once (storage.Store.ConcurrentReads).
func (b *Backend) ConcurrentReads() int { return b.opts.Conns }

// Remote reports whether calls are forwarded to the process that owns the
// data directory.
func (b *Backend) Remote() bool {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.remote != nil
}

// run sends raw SQL to the engine, in-process or through the owner. When
// the owner has gone away, this process takes the store over; a call that
// never reached the old owner then runs here, one that may have is
// reported as failed (the storage layer's writes are safe to retry).
func (b *Backend) run(ctx context.Context, sql []byte, format string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if kw := leadingKeyword(sql); kw == "USE" || kw == "SET" {
		// It would change one pooled connection's session (or the owning
		// daemon's) and leave the others as they were.
		return nil, fmt.Errorf("chdb: %s is not supported on the pooled store; qualify table names or use a SETTINGS clause", kw)
	}
	b.mu.RLock()
	remote, pool := b.remote, b.pool
	b.mu.RUnlock()
	if remote != nil {
		out, err := remote.run(ctx, sql, format)
		var gone *ownerGoneError
		if !errors.As(err, &gone) {
			return out, err
		}
		if terr := b.takeOver(ctx, remote); terr != nil {
			return nil, fmt.Errorf("%w; taking the store over failed: %v", err, terr)
		}
		if kw := leadingKeyword(sql); gone.sent && kw != "SELECT" && kw != "SHOW" && kw != "DESCRIBE" && kw != "WITH" {
			return nil, err // it may have run there: the caller decides
		}
		return b.run(ctx, sql, format)
	}
	if pool == nil {
		return nil, errors.New("chdb: store is closed")
	}
	var c *conn
	select {
	case c = <-pool:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if c == nil { // pool closed
		pool <- nil
		return nil, errors.New("chdb: store is closed")
	}
	defer func() { pool <- c }()
	return c.query(sql, format)
}

// QueryFormat runs a query and returns the engine's own output in format
// (a ClickHouse output format name such as Parquet), unparsed.
func (b *Backend) QueryFormat(ctx context.Context, query, format string) ([]byte, error) {
	return b.run(ctx, []byte(query), format)
}

// Exec runs a statement that returns no rows.
func (b *Backend) Exec(ctx context.Context, query string) error {
	_, err := b.run(ctx, []byte(trimStatement(query)), "")
	return err
}

// Query runs a query and decodes every row (see chsql.Rows for the values).
func (b *Backend) Query(ctx context.Context, query string) (*chsql.Rows, error) {
	out, err := b.run(ctx, []byte(trimStatement(query)), "JSONCompact")
	if err != nil {
		return nil, err
	}
	return decode(out)
}

// insertBatch bounds one INSERT statement: chDB's memory peaks on huge
// inline inserts (1 M rows ≈ 1.4 GB, so ≈ 70 MB at this bound). The
// storage layer's chunks are at most this (a retag batch's tag rows go as
// one statement per table).
const insertBatch = 50000

// insertBufs keeps statement buffers between inserts. A retag sends a few
// MB-sized statements per batch; building each in a new buffer cost as much
// CPU in allocation, zeroing and collection as the encoding itself.
var insertBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledInsert: a buffer grown past this (an unusually large insert) is
// left to the collector instead of being kept.
const maxPooledInsert = 64 << 20

// Insert appends rows to table in batches of JSONCompactEachRow.
func (b *Backend) Insert(ctx context.Context, table string, columns []string, rows [][]any) error {
	buf := insertBufs.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= maxPooledInsert {
			insertBufs.Put(buf)
		}
	}()
	for len(rows) > 0 {
		n := min(len(rows), insertBatch)
		buf.Reset()
		if err := insertStatement(buf, table, columns, rows[:n]); err != nil {
			return err
		}
		if _, err := b.run(ctx, buf.Bytes(), ""); err != nil {
			return fmt.Errorf("inserting into %s: %w", table, err)
		}
		rows = rows[n:]
	}
	return nil
}

// Close stops serving other processes and closes the connections.
func (b *Backend) Close() error {
	b.closeOnce.Do(func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		b.closed = true
		if b.remote != nil {
			b.closeErr = b.remote.close()
			return
		}
		if b.srv != nil {
			b.srv.close()
		}
		// Wait for in-flight queries to hand their connections back.
		for range b.conns {
			<-b.pool
		}
		b.closeConns()
		b.pool <- nil // later calls see a closed store
	})
	return b.closeErr
}

func (b *Backend) closeConns() {
	for _, c := range b.conns {
		c.close()
	}
	b.conns = nil
}

// trimStatement drops trailing semicolons and space, which chDB rejects
// once a FORMAT is appended.
func trimStatement(q string) string {
	return strings.TrimRight(q, "; \t\r\n")
}

// leadingKeyword is the statement's first word, upper-cased, after
// whitespace and comments.
func leadingKeyword(sql []byte) string {
	s := string(sql[:min(len(sql), 4096)])
	for {
		s = strings.TrimLeft(s, " \t\r\n(")
		switch {
		case strings.HasPrefix(s, "--"):
			i := strings.IndexByte(s, '\n')
			if i < 0 {
				return ""
			}
			s = s[i:]
		case strings.HasPrefix(s, "/*"):
			i := strings.Index(s, "*/")
			if i < 0 {
				return ""
			}
			s = s[i+2:]
		default:
			end := strings.IndexFunc(s, func(r rune) bool {
				return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
			})
			if end < 0 {
				end = len(s)
			}
			return strings.ToUpper(s[:end])
		}
	}
}

// ownerInfo describes the process holding path, from ClickHouse's status file.
func ownerInfo(path string) string {
	b, err := os.ReadFile(filepath.Join(path, "status"))
	if err != nil {
		return "owner unknown"
	}
	return strings.Join(strings.Fields(string(b)), " ")
}
