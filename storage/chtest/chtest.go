// Package chtest starts a throwaway ClickHouse server for tests.
//
// One server is started lazily per test binary (the first call to Server)
// and every caller gets its own fresh database on it, so a package's tests
// share the ~0.3 s start-up and ~75 MB of one server process but never each
// other's tables. The server is the Debian clickhouse-server (18.16 on the
// team's machines), run in the foreground on a free loopback port with its
// data in a temporary directory.
//
// Tests skip when the binary is missing, except with CI=true in the
// environment, where a missing server fails the run: CI must test storage.
package chtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
)

// Binary is the server binary used; FRAMEWATCH_CLICKHOUSE_SERVER overrides it.
var Binary = "/usr/sbin/clickhouse-server"

var (
	once    sync.Once
	srv     *server
	srvErr  error
	dbCount atomic.Int64
)

type server struct {
	cmd  *exec.Cmd
	dir  string
	port int
	done chan struct{}
}

// Server returns a DSN (clickhouse://default@127.0.0.1:PORT/DB) for a fresh,
// not yet created database on the shared test server, starting the server on
// first use. The database is dropped when t ends. Call Shutdown from TestMain
// to stop the server when the package's tests are done; without it the
// server dies with the test binary's process group only if it is killed, so
// packages that use Server should have a TestMain calling Main.
func Server(t testing.TB) string {
	t.Helper()
	bin := serverBinary(t)
	once.Do(func() { srv, srvErr = start(bin) })
	if srvErr != nil {
		t.Fatalf("starting throwaway clickhouse-server: %v", srvErr)
	}
	db := fmt.Sprintf("fwtest_%d_%d", os.Getpid(), dbCount.Add(1))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := srv.exec(ctx, "DROP DATABASE IF EXISTS "+db); err != nil {
			t.Logf("dropping test database %s: %v", db, err)
		}
	})
	return fmt.Sprintf("clickhouse://default@127.0.0.1:%d/%s", srv.port, db)
}

// Main runs a package's tests and then stops the shared server, if one was
// started. Use it from TestMain: func TestMain(m *testing.M) { chtest.Main(m) }.
func Main(m *testing.M) {
	code := m.Run()
	Shutdown()
	os.Exit(code)
}

// Shutdown stops the shared server and removes its data directory.
func Shutdown() {
	if srv == nil {
		return
	}
	srv.stop()
}

func start(bin string) (*server, error) {
	sweep()
	dir, err := os.MkdirTemp("", "framewatch-chtest-")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "owner.pid"), []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
		return nil, err
	}
	// Ports are picked by asking the kernel for free ones and releasing
	// them; a rare race with another process is retried below.
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		s, err := startOnce(bin, dir, "")
		if err == nil {
			return s, nil
		}
		lastErr = err
	}
	os.RemoveAll(dir)
	return nil, lastErr
}

// startOnce starts a server in dir with extra XML (cluster, ZooKeeper,
// macros) spliced into its config; {INTERSERVER} in extra is replaced by a
// free port of its own.
func startOnce(bin, dir, extra string) (*server, error) {
	ports, err := freePorts(3)
	if err != nil {
		return nil, err
	}
	return launch(bin, dir, ports, extra, usersXML)
}

// launch starts a server in dir on ports (native, HTTP, interserver) and
// waits until it answers.
func launch(bin, dir string, ports []int, extra, users string) (*server, error) {
	s := &server{dir: dir, port: ports[0], done: make(chan struct{})}
	usersPath := filepath.Join(dir, "users.xml")
	config := filepath.Join(dir, "config.xml")
	if err := os.WriteFile(usersPath, []byte(users), 0o644); err != nil {
		return nil, err
	}
	cfg := strings.NewReplacer("{EXTRA}", extra).Replace(configXML)
	cfg = strings.NewReplacer("{DIR}", dir, "{TCP}", strconv.Itoa(ports[0]), "{HTTP}", strconv.Itoa(ports[1]),
		"{INTERSERVER}", strconv.Itoa(ports[2]), "{USERS}", usersPath).Replace(cfg)
	if err := os.WriteFile(config, []byte(cfg), 0o644); err != nil {
		return nil, err
	}
	logf, err := os.Create(filepath.Join(dir, "server.out"))
	if err != nil {
		return nil, err
	}
	s.cmd = exec.Command(bin, "--config-file="+config)
	s.cmd.Dir = dir
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	// Own process group, and killed if the test binary dies first.
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := s.cmd.Start(); err != nil {
		logf.Close()
		return nil, err
	}
	go func() { s.cmd.Wait(); logf.Close(); close(s.done) }()

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for {
		pctx, pcancel := context.WithTimeout(ctx, 2*time.Second)
		err := s.exec(pctx, "SELECT 1")
		pcancel()
		if err == nil {
			return s, nil
		}
		select {
		case <-s.done:
			out, _ := os.ReadFile(filepath.Join(dir, "server.out"))
			return nil, fmt.Errorf("clickhouse-server exited at start: %s", tail(string(out), 2000))
		case <-ctx.Done():
			s.stop()
			return nil, fmt.Errorf("clickhouse-server did not answer SELECT 1 within 30s: %w", err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// exec runs one statement on the server's default database.
func (s *server) exec(ctx context.Context, q string) error {
	conn, err := clickhouse.Open(&clickhouse.Options{
		Addr:        []string{"127.0.0.1:" + strconv.Itoa(s.port)},
		Auth:        clickhouse.Auth{Database: "default", Username: "default"},
		DialTimeout: 2 * time.Second,
		ReadTimeout: 30 * time.Second,
	})
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Exec(ctx, q)
}

func (s *server) stop() {
	s.halt()
	os.RemoveAll(s.dir)
}

// halt stops the server process and keeps its data directory.
func (s *server) halt() {
	if s.cmd.Process != nil {
		s.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.done:
		case <-time.After(10 * time.Second):
			s.cmd.Process.Kill()
			<-s.done
		}
	}
}

// sweep removes the data directories of earlier test binaries that died
// without Shutdown (killed, timed out); their servers died with them
// (Pdeathsig), only the directories remain.
func sweep() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), "framewatch-chtest-*"))
	for _, d := range dirs {
		b, err := os.ReadFile(filepath.Join(d, "owner.pid"))
		if err != nil {
			continue // not ours to judge, or still being created
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil || pid == os.Getpid() {
			continue
		}
		if syscall.Kill(pid, 0) == syscall.ESRCH {
			os.RemoveAll(d)
		}
	}
}

func freePorts(n int) ([]int, error) {
	var ports []int
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	for i := 0; i < n; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	if len(ports) != n {
		return nil, errors.New("could not find free ports")
	}
	return ports, nil
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// configXML is the smallest configuration 18.16 accepts (it refuses to
// start without <logger> and <mark_cache_size>), also valid on current
// servers.
const configXML = `<?xml version="1.0"?>
<yandex>
    <logger>
        <level>warning</level>
        <console>1</console>
    </logger>
    <listen_host>127.0.0.1</listen_host>
    <tcp_port>{TCP}</tcp_port>
    <http_port>{HTTP}</http_port>
    <path>{DIR}/data/</path>
    <tmp_path>{DIR}/tmp/</tmp_path>
    <user_files_path>{DIR}/user_files/</user_files_path>
    <format_schema_path>{DIR}/format_schemas/</format_schema_path>
    <users_config>{USERS}</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <mark_cache_size>268435456</mark_cache_size>
    <uncompressed_cache_size>0</uncompressed_cache_size>
    <max_concurrent_queries>50</max_concurrent_queries>
{EXTRA}
</yandex>
`

const usersXML = `<?xml version="1.0"?>
<yandex>
    <profiles>
        <default>
            <max_memory_usage>2000000000</max_memory_usage>
        </default>
    </profiles>
    <users>
        <default>
            <password></password>
            <networks>
                <ip>127.0.0.1</ip>
                <ip>::1</ip>
            </networks>
            <profile>default</profile>
            <quota>default</quota>
        </default>
    </users>
    <quotas>
        <default>
            <interval>
                <duration>3600</duration>
                <queries>0</queries>
                <errors>0</errors>
                <result_rows>0</result_rows>
                <read_rows>0</read_rows>
                <execution_time>0</execution_time>
            </interval>
        </default>
    </quotas>
</yandex>
`

// serverBinary is the clickhouse-server to run (see installed).
func serverBinary(t testing.TB) string {
	return installed(t, Binary, "FRAMEWATCH_CLICKHOUSE_SERVER", "clickhouse-server")
}

// installed returns path, or the path in env when set, skipping t when it
// is missing, except with CI=true in the environment, where a missing
// server fails the run: CI must test storage.
func installed(t testing.TB, path, env, pkg string) string {
	t.Helper()
	if v := os.Getenv(env); v != "" {
		path = v
	}
	if _, err := os.Stat(path); err != nil {
		msg := fmt.Sprintf("%s not available (%s): %v; install Debian's %s", pkg, path, err, pkg)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return path
}
