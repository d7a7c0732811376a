package app

import (
	"runtime"
	"runtime/debug"
)

// version and commit are set at build time (make build does):
//
//	go build -ldflags "-X github.com/framewatch/framewatch/app.version=v1.2.3 -X github.com/framewatch/framewatch/app.commit=abc1234"
//
// Without them the build info's module version and VCS stamp are used.
var version, commit = "", ""

// VersionInfo says which build this is and which rules it tags with.
type VersionInfo struct {
	Version  string `json:"version"`
	Commit   string `json:"commit"`  // VCS revision, "+dirty" when built from a modified tree
	Built    string `json:"built"`   // commit time, RFC 3339
	Go       string `json:"go"`      // toolchain
	Ruleset  string `json:"ruleset"` // hash of the rules in force
	RulesDir string `json:"rules_dir,omitempty"`
}

// Version reports the build and the ruleset hash of the rules in force (the
// shipped library plus the rules directory). A rules directory that fails
// to load is an error, like for any command that tags.
func (a *App) Version() (VersionInfo, error) {
	v := BuildInfo()
	rs, err := a.Rules()
	if err != nil {
		return v, err
	}
	v.Ruleset, v.RulesDir = rs.Hash, a.rulesDir
	return v, nil
}

// BuildInfo is the build's version, commit and toolchain.
func BuildInfo() VersionInfo {
	v := VersionInfo{Version: version, Commit: commit, Go: runtime.Version()}
	if v.Commit == "" {
		v.Commit = "unknown"
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		if v.Version == "" {
			v.Version = "dev"
		}
		return v
	}
	if v.Version == "" {
		v.Version = bi.Main.Version
	}
	if v.Version == "" || v.Version == "(devel)" {
		v.Version = "dev"
	}
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			if commit == "" {
				v.Commit = s.Value
			}
		case "vcs.time":
			v.Built = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if dirty && v.Commit != "unknown" {
		v.Commit += "+dirty"
	}
	return v
}
