package rules

import _ "embed"

// RelevanceYAML is the justice-relevance filter's vocabulary, compiled in so
// the crawler works without a rules directory. pipeline/relevance parses it;
// this file only carries the bytes (owned by the extraction area).
//
//go:embed relevance.yaml
var RelevanceYAML []byte
