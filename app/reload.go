package app

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/tag"
	"github.com/framewatch/framewatch/rules"
)

// liveTag tags with the engine in force now: the daemon swaps it on a
// rules reload, and each article is tagged whole by one engine, whose
// ruleset hash it stores.
func (a *App) liveTag(art news.Article) news.Tagging {
	start := time.Now()
	t := a.live.Load().Tag(art)
	a.metrics.tagging.Observe(time.Since(start).Seconds())
	return t
}

// ReloadRules reads the rules again (the shipped library and the rules
// directory) and, if they load and compile, puts them in force for every
// article tagged from now on; it returns the new ruleset's hash. On any
// error the rules in force stay, and the error lists each problem as
// file:line:col.
func (a *App) ReloadRules() (string, error) {
	rs, err := rules.Load(a.rulesDir)
	if err != nil {
		return "", err
	}
	eng, err := tag.New(rs, tag.Options{Entities: true})
	if err != nil {
		return "", err
	}
	a.mu.Lock()
	a.ruleset = rs
	a.taggers = map[bool]*tag.Engine{true: eng}
	a.advice, a.adviceSet = nil, false
	a.mu.Unlock()
	a.live.Store(eng)
	return rs.Hash, nil
}

// RulesetHash is the hash of the rules in force ("" before any are loaded).
func (a *App) RulesetHash() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.ruleset == nil {
		return ""
	}
	return a.ruleset.Hash
}

// reloadLoop reloads the rules on every signal from hup and on every
// change to the rules directory (settled for a moment, so that an editor's
// save is one reload), until ctx ends.
func (a *App) reloadLoop(ctx context.Context, hup <-chan struct{}) {
	var changes <-chan fsnotify.Event
	var watchErrs <-chan error
	var w *fsnotify.Watcher
	if a.rulesDir != "" {
		var err error
		w, err = watchTree(a.rulesDir)
		if err != nil {
			a.Log.Warn("rules: cannot watch the rules directory; reload with SIGHUP", "dir", a.rulesDir, "err", err)
		} else {
			defer w.Close()
			changes, watchErrs = w.Events, w.Errors
			a.Log.Info("rules: watching for changes", "dir", a.rulesDir)
		}
	}
	var settle <-chan time.Time
	reload := func(why string) {
		old := a.RulesetHash()
		hash, err := a.ReloadRules()
		if err != nil {
			// Every problem with its file:line:col, one per line in the
			// message, so an operator can go straight to it.
			a.Log.Error("rules: reload failed; the rules in force stay", "trigger", why, "ruleset", old,
				"problems", strings.Count(err.Error(), "\n")+1, "err", err)
			a.metrics.reloads.WithLabelValues("failed").Inc()
			return
		}
		a.metrics.reloads.WithLabelValues("ok").Inc()
		a.Log.Info("rules: reloaded", "trigger", why, "ruleset", hash, "previous", old)
	}
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-hup:
			if !ok {
				hup = nil
				continue
			}
			reload("SIGHUP")
		case ev, ok := <-changes:
			if !ok {
				changes = nil
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					watchDirs(w.Add, ev.Name) // a new subdirectory
				}
			}
			settle = time.After(300 * time.Millisecond)
		case err, ok := <-watchErrs:
			if !ok {
				watchErrs = nil
				continue
			}
			a.Log.Warn("rules: watching the rules directory", "err", err)
		case <-settle:
			settle = nil
			reload("file change")
		}
	}
}

// watchTree watches dir and its subdirectories (fsnotify is not recursive).
func watchTree(dir string) (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	if err := watchDirs(w.Add, dir); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

func watchDirs(add func(string) error, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return add(p)
		}
		return nil
	})
}
