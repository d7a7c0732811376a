package examples

import (
	"context"

	"github.com/framewatch/framewatch/report"
	"github.com/framewatch/framewatch/rules"
	"github.com/framewatch/framewatch/storage"
)

func isRole(r string) bool {
	for _, x := range rules.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// findQuotes reads quote examples (queries/quote_examples.sql): each quote
// by a speaker of the filter's role, highlighted in its sentence.
func findQuotes(ctx context.Context, st *storage.Store, params map[string]string) ([]Example, error) {
	t, err := report.Run(ctx, st, "quote_examples", params)
	if err != nil {
		return nil, err
	}
	out := make([]Example, 0, t.Len())
	for i := 0; i < t.Len(); i++ {
		e := Example{
			Headline: t.Str(i, "title"), URL: t.Str(i, "url"), Outlet: t.Str(i, "outlet"),
			Published: t.Time(i, "published_at"), StoryID: t.Str(i, "story_id"), Voice: t.Str(i, "voice"),
			InQuote: t.Str(i, "kind") != "reported", Location: t.Str(i, "location"),
			Speaker: t.Str(i, "speaker"), SpeakerRole: t.Str(i, "speaker_role"), Cue: t.Str(i, "cue"),
		}
		text := t.Str(i, "article_text")
		if e.Location == "headline" {
			text = e.Headline
		}
		e.SetQuote(text, int(t.Int(i, "start_offset")), int(t.Int(i, "end_offset")))
		out = append(out, e)
	}
	return out, nil
}

// SetQuote makes the quote text[start:end] (text is the headline or the
// article's text) the example's highlight, in its sentence with the
// sentences around it. It reports false, leaving e as it was, when the
// offsets do not fit the text.
func (e *Example) SetQuote(text string, start, end int) bool {
	if start < 0 || end > len(text) || start >= end {
		return false
	}
	e.Start = start
	e.Before, e.Pre, e.Matched, e.Post, e.After = Context(text, start, end, text[start:end], "")
	return true
}
