package chdb

import (
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// socketName is the unix socket the owning process serves in the data
// directory. Mode 0600: only the owner's user may use the store.
const socketName = "framewatch.sock"

// request and response are the proxy's wire format (gob, one pair per call).
// Inserts travel as the INSERT statement the client built, and results as
// the engine's raw JSONCompact, so both ends share one encoder and decoder.
type request struct {
	SQL    []byte
	Format string
}

type response struct {
	Data []byte
	Err  string
	// Engine reports that Err is ClickHouse's own message.
	Engine bool
}

type server struct {
	ln   net.Listener
	path string
	b    *Backend
	wg   sync.WaitGroup

	mu    sync.Mutex
	conns map[net.Conn]bool
}

// serve listens on dir/framewatch.sock. Any socket file already there is
// stale: we hold the engine's lock on dir, so its owner is gone.
func serve(dir string, b *Backend) (*server, error) {
	path := filepath.Join(dir, socketName)
	_ = os.Remove(path)
	// Created with the process umask (a socket needs write permission to
	// connect, which 022 denies to others) and narrowed at once to 0600.
	ln, err := net.Listen("unix", path)
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return nil, err
	}
	s := &server{ln: ln, path: path, b: b, conns: map[net.Conn]bool{}}
	s.wg.Add(1)
	go s.accept()
	return s, nil
}

func (s *server) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		if s.conns == nil {
			s.mu.Unlock()
			c.Close()
			return
		}
		s.conns[c] = true
		s.mu.Unlock()
		s.wg.Add(1)
		go s.handle(c)
	}
}

func (s *server) handle(c net.Conn) {
	defer s.wg.Done()
	defer func() {
		s.mu.Lock()
		delete(s.conns, c)
		s.mu.Unlock()
		c.Close()
	}()
	dec, enc := gob.NewDecoder(c), gob.NewEncoder(c)
	for {
		var req request
		if err := dec.Decode(&req); err != nil {
			return
		}
		out, err := s.b.run(context.Background(), req.SQL, req.Format)
		resp := response{Data: out}
		if err != nil {
			var ce *Error
			resp.Err, resp.Engine = err.Error(), errors.As(err, &ce)
		}
		if err := enc.Encode(&resp); err != nil {
			return
		}
	}
}

// close stops accepting, drops idle clients and waits for calls in flight.
func (s *server) close() {
	s.ln.Close() // removes the socket file
	s.mu.Lock()
	for c := range s.conns {
		// Wake handlers blocked reading the next request; one writing a
		// response finishes first.
		c.SetReadDeadline(time.Now())
	}
	s.conns = nil
	s.mu.Unlock()
	s.wg.Wait()
}

// client forwards calls to the owning process, over a few reusable
// connections so parallel callers run in parallel there too.
type client struct {
	path string
	idle chan *clientConn
}

type clientConn struct {
	c   net.Conn
	enc *gob.Encoder
	dec *gob.Decoder
}

// dial connects to the owner of dir, if one is serving.
func dial(ctx context.Context, dir string, conns int) (*client, error) {
	cl := &client{path: filepath.Join(dir, socketName), idle: make(chan *clientConn, conns)}
	if _, err := os.Stat(cl.path); err != nil {
		return nil, err
	}
	cc, err := cl.dial(ctx)
	if err != nil {
		return nil, err // a stale socket: its owner died
	}
	cl.idle <- cc
	return cl, nil
}

func (cl *client) dial(ctx context.Context) (*clientConn, error) {
	var d net.Dialer
	c, err := d.DialContext(ctx, "unix", cl.path)
	if err != nil {
		return nil, err
	}
	return &clientConn{c: c, enc: gob.NewEncoder(c), dec: gob.NewDecoder(c)}, nil
}

func (cl *client) run(ctx context.Context, sql []byte, format string) ([]byte, error) {
	var cc *clientConn
	select {
	case cc = <-cl.idle:
	default:
		var err error
		if cc, err = cl.dial(ctx); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, &ownerGoneError{fmt.Errorf("chdb: reaching the framewatch process that owns the store (%s): %w", cl.path, err), false}
		}
	}
	// Cancelling ctx unblocks the exchange; the owner finishes the query.
	stop := context.AfterFunc(ctx, func() { cc.c.SetDeadline(time.Now()) })
	var resp response
	err := cc.enc.Encode(&request{SQL: sql, Format: format})
	// A request the owner could not take in whole (broken pipe: it has
	// closed the connection) never ran there.
	sent := err == nil
	if err == nil {
		err = cc.dec.Decode(&resp)
	}
	if !stop() || err != nil {
		cc.c.Close()
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &ownerGoneError{fmt.Errorf("chdb: talking to the framewatch process that owns the store (%s): %w", cl.path, err), sent}
	}
	select {
	case cl.idle <- cc:
	default:
		cc.c.Close()
	}
	if resp.Err != "" {
		if resp.Engine {
			return nil, &Error{Msg: resp.Err}
		}
		return nil, errors.New(resp.Err)
	}
	return resp.Data, nil
}

func (cl *client) close() error {
	for {
		select {
		case cc := <-cl.idle:
			cc.c.Close()
		default:
			return nil
		}
	}
}

// ownerGoneError is a failure to reach the owning process or to finish an
// exchange with it: it has exited or died. sent says whether the request
// may have reached it (and run).
type ownerGoneError struct {
	err  error
	sent bool
}

func (e *ownerGoneError) Error() string { return e.err.Error() }
func (e *ownerGoneError) Unwrap() error { return e.err }
