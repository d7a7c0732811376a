package tag

import (
	"testing"

	"github.com/framewatch/framewatch/news"
)

// FuzzTag checks the engine's promises on any text: no panic, offsets
// that point at the reported text, quote spans inside the text, a score
// for every frame.
func FuzzTag(f *testing.F) {
	for _, ex := range quoteExamples {
		f.Add(ex.title, ex.text)
	}
	f.Add("‘Old lag’ walks free", "An ex-\noffender&rsquo;s “nested ‘quote’ here” and ’90s.\n\n“Continued")
	f.Add("&amp;&#x201C;&", "&#8217;&;&#;&#xZZ; \u00ad\u200b offender\u2011s")
	e := loadEngine(f, "../../rules/testdata/good")
	f.Fuzz(func(t *testing.T, title, text string) {
		tg := e.Tag(news.Article{Title: title, Text: text})
		for _, m := range tg.Matches {
			src := text
			if m.Location == news.Headline {
				src = title
			}
			if m.Start < 0 || m.End > len(src) || m.Start >= m.End || src[m.Start:m.End] != m.Text {
				t.Fatalf("bad offsets %d-%d for %q in %q", m.Start, m.End, m.Text, src)
			}
		}
		for _, q := range tg.Quotes {
			src := text
			if q.Location == news.Headline {
				src = title
			}
			if q.Start < 0 || q.End > len(src) || q.Start >= q.End {
				t.Fatalf("bad quote span %+v in %q", q, src)
			}
		}
		if len(tg.Frames) != len(e.Rules().Frames) {
			t.Fatalf("%d frames scored, want %d", len(tg.Frames), len(e.Rules().Frames))
		}
	})
}
