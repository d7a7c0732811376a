package chdb

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// getLib runs scripts/get-libchdb.sh with the cache in cache and fakes
// (shell scripts by name) first on PATH.
func getLib(t *testing.T, cache string, fakes map[string]string) (stdout, stderr string, err error) {
	t.Helper()
	bin := t.TempDir()
	for name, body := range fakes {
		if err := os.WriteFile(filepath.Join(bin, name), []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("bash", "../../scripts/get-libchdb.sh")
	cmd.Env = append(os.Environ(), "FRAMEWATCH_CACHE="+cache, "PATH="+bin+":/usr/bin:/bin")
	var o, e strings.Builder
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	return o.String(), e.String(), err
}

func TestGetLibchdbRejectsBadDownloads(t *testing.T) {
	cache := t.TempDir()
	_, stderr, err := getLib(t, cache, map[string]string{
		// npm "packs" a tarball that is not the pinned one; the release
		// download fails.
		"npm":  `[ "$1" = pack ] && echo junk > chdb-lib-linux-x64-gnu-26.5.3.tgz && echo chdb-lib-linux-x64-gnu-26.5.3.tgz`,
		"curl": `echo "curl: (22) The requested URL returned error: 404" >&2; exit 22`,
	})
	if err == nil {
		t.Fatal("the script succeeded with a tampered tarball")
	}
	for _, want := range []string{"want b874e449", "releases/download/v26.5.3/", "FRAMEWATCH_LIBCHDB="} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(cache, Version, "libchdb.so")); err == nil {
		t.Error("an unverified library was installed")
	}
	if _, err := os.Stat(filepath.Join(cache, "chdb-lib-linux-x64-gnu-26.5.3.tgz")); err == nil {
		t.Error("the bad tarball was kept in the cache")
	}
}

// The real install from the npm tarball, when this machine has it cached:
// verified, extracted, then a second run is a no-op.
func TestGetLibchdbFromCachedTarball(t *testing.T) {
	// It hashes and extracts 559 MB: CI runs it, a developer asks for it.
	if testing.Short() || (os.Getenv("CI") != "true" && os.Getenv("FRAMEWATCH_TEST_GETLIB") != "1") {
		t.Skip("set FRAMEWATCH_TEST_GETLIB=1 (or CI=true) to install from the cached tarball")
	}
	home, _ := os.UserHomeDir()
	tgz := filepath.Join(home, ".cache", "framewatch", "chdb-lib-linux-x64-gnu-"+Version+".tgz")
	if _, err := os.Stat(tgz); err != nil {
		t.Skip("no cached npm tarball")
	}
	cache := t.TempDir()
	if err := os.Symlink(tgz, filepath.Join(cache, filepath.Base(tgz))); err != nil {
		t.Fatal(err)
	}
	noNetwork := map[string]string{"npm": "echo npm must not run >&2; exit 1", "curl": "exit 1"}
	out, stderr, err := getLib(t, cache, noNetwork)
	want := filepath.Join(cache, Version, "libchdb.so") + "\n"
	if err != nil || out != want {
		t.Fatalf("install: %v, stdout %q, want %q\n%s", err, out, want, stderr)
	}
	out, stderr, err = getLib(t, cache, noNetwork)
	if err != nil || out != want || stderr != "" {
		t.Fatalf("second run: %v, %q, %q", err, out, stderr)
	}
}
