package chdb

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unsafe"

	"github.com/ebitengine/purego"
)

// Version is the libchdb release framewatch is pinned to and tested with.
// scripts/get-libchdb.sh installs exactly this one.
const Version = "26.5.3"

// lib holds the C functions of libchdb.so, bound at run time so that the
// binary needs no cgo and no C toolchain. Pointers are unsafe.Pointer rather
// than uintptr so that go vet does not flag the conversions.
type lib struct {
	path string

	connect       func(argc int32, argv unsafe.Pointer) unsafe.Pointer
	closeConn     func(conn unsafe.Pointer)
	queryN        func(conn unsafe.Pointer, query unsafe.Pointer, queryLen uintptr, format string, formatLen uintptr) unsafe.Pointer
	resultBuffer  func(res unsafe.Pointer) unsafe.Pointer
	resultLength  func(res unsafe.Pointer) uintptr
	resultError   func(res unsafe.Pointer) unsafe.Pointer
	destroyResult func(res unsafe.Pointer)
}

var (
	loadOnce sync.Once
	loaded   *lib
	loadErr  error
)

// load finds and dlopens libchdb.so once per process: the engine is a
// process-wide singleton and cannot be unloaded.
func load() (*lib, error) {
	loadOnce.Do(func() {
		var path string
		path, loadErr = locate()
		if loadErr != nil {
			return
		}
		h, err := purego.Dlopen(path, purego.RTLD_NOW|purego.RTLD_GLOBAL)
		if err != nil {
			loadErr = fmt.Errorf("loading %s: %w", path, err)
			return
		}
		l := &lib{path: path}
		for _, f := range []struct {
			fptr any
			name string
		}{
			{&l.connect, "chdb_connect"},
			{&l.closeConn, "chdb_close_conn"},
			{&l.queryN, "chdb_query_n"},
			{&l.resultBuffer, "chdb_result_buffer"},
			{&l.resultLength, "chdb_result_length"},
			{&l.resultError, "chdb_result_error"},
			{&l.destroyResult, "chdb_destroy_query_result"},
		} {
			if _, err := purego.Dlsym(h, f.name); err != nil {
				loadErr = fmt.Errorf("%s does not export %s (framewatch needs libchdb %s): %w", path, f.name, Version, err)
				return
			}
			purego.RegisterLibFunc(f.fptr, h, f.name)
		}
		loaded = l
	})
	return loaded, loadErr
}

// ErrNotFound is returned (wrapped) when libchdb.so is nowhere to be found.
var ErrNotFound = errors.New("libchdb.so not found")

// Locate returns the libchdb.so that Open would load, or an error wrapping
// ErrNotFound that says how to install it.
func Locate() (string, error) { return locate() }

// locate returns the first libchdb.so in the documented search order:
// $FRAMEWATCH_LIBCHDB, the executable's directory, the framewatch cache for
// the pinned version, then the usual library directories.
func locate() (string, error) {
	if p := os.Getenv("FRAMEWATCH_LIBCHDB"); p != "" {
		if fi, err := os.Stat(p); err != nil || fi.IsDir() {
			return "", fmt.Errorf("%w: FRAMEWATCH_LIBCHDB=%s does not name a file; run `make libchdb` (or scripts/get-libchdb.sh) and point it at the installed library", ErrNotFound, p)
		}
		return p, nil
	}
	cands := candidates()
	for _, p := range cands {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w (looked in %s).\n"+
		"The embedded store needs chDB's libchdb.so %s. Install it with `make libchdb` "+
		"(or scripts/get-libchdb.sh, which puts it in %s), or set FRAMEWATCH_LIBCHDB=/path/to/libchdb.so; "+
		"or configure a ClickHouse server with storage.dsn / FRAMEWATCH_DSN=clickhouse://…",
		ErrNotFound, strings.Join(cands, ", "), Version, cacheLib())
}

// cacheLib is where scripts/get-libchdb.sh installs the pinned library.
func cacheLib() string {
	dir := os.Getenv("FRAMEWATCH_CACHE")
	if dir == "" {
		if home, err := os.UserHomeDir(); err == nil {
			dir = filepath.Join(home, ".cache", "framewatch")
		}
	}
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, Version, "libchdb.so")
}

func candidates() []string {
	var c []string
	if exe, err := os.Executable(); err == nil {
		c = append(c, filepath.Join(filepath.Dir(exe), "libchdb.so"))
	}
	if p := cacheLib(); p != "" {
		c = append(c, p)
	}
	for _, d := range filepath.SplitList(os.Getenv("LD_LIBRARY_PATH")) {
		if d != "" {
			c = append(c, filepath.Join(d, "libchdb.so"))
		}
	}
	c = append(c, "/usr/local/lib/libchdb.so", "/usr/lib/libchdb.so", "/usr/lib/x86_64-linux-gnu/libchdb.so")
	return c
}

// cString copies a NUL-terminated C string.
func cString(p unsafe.Pointer) string {
	if p == nil {
		return ""
	}
	n := 0
	for *(*byte)(unsafe.Add(p, n)) != 0 {
		n++
	}
	return string(unsafe.Slice((*byte)(p), n))
}
