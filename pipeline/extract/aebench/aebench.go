// Package aebench reads the ScrapingHub article-extraction benchmark (181
// real article pages with hand-made bodies, kept outside the repository in
// ../shared/data/article-extraction-benchmark) and scores extracted text
// with the benchmark's own metric, so the floor test and the comparison
// command (benchcmp) measure the same thing.
//
// The pages are split once, by page id, into a dev part (looked at page by
// page while tuning) and a held-out part (only ever scored in aggregate).
package aebench

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// DefaultDir is the data set's place relative to the repository root.
const DefaultDir = "../shared/data/article-extraction-benchmark"

// Page is one benchmark page: the bytes as saved (not yet decoded) and the
// ground-truth body.
type Page struct {
	ID    string
	URL   string
	Raw   []byte
	Truth string
	Held  bool // in the held-out part
}

// Find walks up from the working directory to the repository root (the
// directory holding go.mod) and returns DefaultDir resolved against it, or
// "" when the data is not there.
func Find() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			d := filepath.Join(dir, DefaultDir)
			if _, err := os.Stat(filepath.Join(d, "ground-truth.json")); err == nil {
				return d
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Load reads every page of the benchmark in dir, sorted by id.
func Load(dir string) ([]Page, error) { return LoadSome(dir, nil) }

// LoadSome reads the pages for which keep (given the page's position in id
// order and its id) is true; nil keeps all. Reading and unzipping is most
// of the cost under the race detector.
func LoadSome(dir string, keep func(i int, id string) bool) ([]Page, error) {
	b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	var truth map[string]struct {
		URL         string `json:"url"`
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "ground-truth.json"), err)
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	pages := make([]Page, 0, len(truth))
	for i, id := range ids {
		if keep != nil && !keep(i, id) {
			continue
		}
		raw, err := readGz(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, err
		}
		t := truth[id]
		pages = append(pages, Page{ID: id, URL: t.URL, Raw: raw, Truth: t.ArticleBody, Held: HeldOut(id)})
	}
	return pages, nil
}

// HeldOut puts a page id (a hex digest) in the held-out part when its first
// digit is 8–f: about half the pages, fixed for ever, chosen before any
// page was looked at.
func HeldOut(id string) bool {
	return id != "" && strings.IndexByte("89abcdef", id[0]) >= 0
}

func readGz(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return b, nil
}

// Counts are one page's shingle true positives, false positives and false
// negatives, normalised to sum to 1 so every page weighs the same (as the
// benchmark's evaluate.py does).
type Counts struct{ TP, FP, FN float64 }

// Match scores pred against truth: tokens are runs of word characters
// (Python's \w: letters, digits, underscore), shingles are 4 tokens.
func Match(truth, pred string) Counts {
	ts, ps := shingles(truth), shingles(pred)
	var c Counts
	for k, tc := range ts {
		pc := ps[k]
		c.TP += float64(min(tc, pc))
		c.FN += float64(max(0, tc-pc))
	}
	for k, pc := range ps {
		c.FP += float64(max(0, pc-ts[k]))
	}
	if s := c.TP + c.FP + c.FN; s > 0 {
		c.TP, c.FP, c.FN = c.TP/s, c.FP/s, c.FN/s
	}
	return c
}

func shingles(s string) map[string]int {
	toks := strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_')
	})
	out := map[string]int{}
	for i := 0; i < max(1, len(toks)-3); i++ {
		if sh := strings.Join(toks[i:min(i+4, len(toks))], " "); sh != "" {
			out[sh]++
		}
	}
	return out
}

// Scores are the benchmark's figures over a set of pages.
type Scores struct {
	N                     int
	Precision, Recall, F1 float64
	Empty                 int // pages with an empty prediction
}

// Score averages per-page precision (over pages with a prediction) and
// recall (over pages with a truth) and takes F1 of the two averages, as
// evaluate.py does.
func Score(cs []Counts) Scores {
	var s Scores
	var np, nr int
	for _, c := range cs {
		s.N++
		if c.TP+c.FP > 0 {
			s.Precision += prec(c)
			np++
		} else {
			s.Empty++
		}
		if c.TP+c.FN > 0 {
			s.Recall += rec(c)
			nr++
		}
	}
	if np > 0 {
		s.Precision /= float64(np)
	}
	if nr > 0 {
		s.Recall /= float64(nr)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

func prec(c Counts) float64 {
	if c.FP == 0 && c.FN == 0 {
		return 1
	}
	return c.TP / (c.TP + c.FP)
}

func rec(c Counts) float64 {
	if c.FP == 0 && c.FN == 0 {
		return 1
	}
	return c.TP / (c.TP + c.FN)
}

// PageF1 is one page's F1, for listing the worst pages while tuning.
func PageF1(c Counts) float64 {
	p, r := prec(c), rec(c)
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
