package main

import (
	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/pipeline/tag"
	"github.com/framewatch/framewatch/rules"
)

// newTagger compiles the rules in force: the shipped library, then the
// user's rules directory (rulesDir when given, else rules_dir from the
// config). crawl, run, retag, demo and tag all build their tagger here.
func newTagger(cfg *config.Config, rulesDir string) (*tag.Engine, error) {
	return newTaggerOpts(cfg, rulesDir, tag.Options{Entities: true})
}

func newTaggerOpts(cfg *config.Config, rulesDir string, opts tag.Options) (*tag.Engine, error) {
	if rulesDir == "" && cfg != nil {
		rulesDir = cfg.RulesDir
	}
	rs, err := rules.Load(rulesDir)
	if err != nil {
		return nil, err
	}
	return tag.New(rs, opts)
}
