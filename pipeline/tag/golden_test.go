package tag_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/tag"
	"github.com/framewatch/framewatch/rules"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/golden/dev.jsonl from the tagger's current output")

const goldenFile = "testdata/golden/dev.jsonl"

// goldenTexts are the dev articles as they are and in two shapes that
// exercise other paths of the same code: upper-cased (capitals runs,
// case-insensitive rules, names that are no longer title case) and with
// the paragraphs joined into one (attribution across a long paragraph).
func goldenTexts(t *testing.T) []news.Article {
	var out []news.Article
	for _, a := range loadCorpus(t) {
		na := a.NewsArticle()
		na.URL = a.ID
		up := na
		up.URL, up.Title, up.Text = a.ID+"#upper", strings.ToUpper(na.Title), strings.ToUpper(na.Text)
		joined := na
		joined.URL, joined.Text = a.ID+"#joined", strings.Join(strings.Fields(na.Text), " ")
		out = append(out, na, up, joined)
	}
	return out
}

// TestGolden pins the whole output of the shipped library on the dev
// corpus: matches (text, offsets, voice, sentence, suggestions), frames
// (scores and evidence), quotes with their speakers and roles, and, with
// entities on, the entities. Speed work must leave it byte-identical; a
// change meant to alter tagging rewrites the file with
// `go test ./pipeline/tag -run TestGolden -update`, and the diff of
// testdata/golden/dev.jsonl shows what it changed, article by article.
func TestGolden(t *testing.T) {
	rs, err := rules.Load("")
	if err != nil {
		t.Fatal(err)
	}
	plain, err := tag.New(rs, tag.Options{})
	if err != nil {
		t.Fatal(err)
	}
	withEnt, err := tag.New(rs, tag.Options{Entities: true})
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	for _, a := range goldenTexts(t) {
		tg := plain.Tag(a)
		tg.Ruleset = "" // the hash changes with every rule edit; the output is what is pinned
		ents := withEnt.Tag(a)
		ents.Ruleset = ""
		// Entities add names and may not change anything else.
		cmp := ents
		cmp.Entities = nil
		if x, y := mustJSON(t, tg), mustJSON(t, cmp); !bytes.Equal(x, y) {
			t.Errorf("%s: tagging with entities differs from tagging without beyond the entities", a.URL)
		}
		line := struct {
			ID       string        `json:"id"`
			Tagging  news.Tagging  `json:"tagging"`
			Entities []news.Entity `json:"entities"`
		}{a.URL, tg, ents.Entities}
		got.Write(mustJSON(t, line))
		got.WriteByte('\n')
	}
	if *updateGolden {
		if err := os.MkdirAll("testdata/golden", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(goldenFile, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(goldenFile)
	if err != nil {
		t.Fatalf("%v (create it with -update)", err)
	}
	gl, wl := strings.Split(got.String(), "\n"), strings.Split(string(want), "\n")
	if len(gl) != len(wl) {
		t.Errorf("%d golden lines, want %d", len(gl), len(wl))
	}
	bad := 0
	for i := 0; i < len(gl) && i < len(wl); i++ {
		if gl[i] != wl[i] {
			if bad++; bad <= 5 {
				t.Errorf("line %d differs:\n got %.600s\nwant %.600s\n(first difference at byte %d)", i+1, gl[i], wl[i], firstDiff(gl[i], wl[i]))
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d articles tag differently from %s; if the change is meant, rerun with -update and review the diff", bad, len(wl), goldenFile)
	}
}

func firstDiff(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
