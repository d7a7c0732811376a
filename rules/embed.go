package rules

import (
	"embed"
	"io/fs"
)

// shipped is the starter library compiled into the binary, so framewatch
// works with no rules directory at all.
//
//go:embed library gazetteers
var shipped embed.FS

// Shipped is the layer of the embedded library. Paths display as
// rules/library/... so errors point at the file in the repository.
func Shipped() Layer {
	return Layer{FS: fs.FS(shipped), Prefix: "rules/"}
}
