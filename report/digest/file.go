package digest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// WriteFile renders d in format and writes it to path atomically (a
// temporary file renamed into place), creating the directory if needed.
func WriteFile(d *Digest, format, path string) error {
	b, err := Render(d, format)
	if err != nil {
		return err
	}
	return writeAtomic(path, b)
}

func writeAtomic(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("digest directory: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".digest-*")
	if err != nil {
		return fmt.Errorf("writing digest %s: %w", path, err)
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("writing digest %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing digest %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing digest %s: %w", path, err)
	}
	return nil
}

// FileName is the digest's file name for a format, e.g.
// "digest-2026-W47.html".
func FileName(d *Digest, format string) string {
	label := strings.NewReplacer(" – ", "_", " ", "_", "/", "-").Replace(d.Period.Label)
	ext := map[string]string{"md": "md", "markdown": "md", "text": "txt", "json": "json"}[format]
	if ext == "" {
		ext = "html"
	}
	return "digest-" + label + "." + ext
}
