package examples

import (
	"context"
	"encoding/json"

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

// findQuotes reads quote examples (queries/quote_examples.sql: the page on
// light columns; article_texts.sql: its articles' headlines and text): each
// quote by a speaker of the filter's role, highlighted in its sentence.
func findQuotes(ctx context.Context, st *storage.Store, params map[string]string) ([]Example, error) {
	t, err := report.Run(ctx, st, "quote_examples", params)
	if err != nil {
		return nil, err
	}
	if t.Len() == 0 {
		return []Example{}, nil
	}
	var urls []string
	seen := map[string]bool{}
	for i := 0; i < t.Len(); i++ {
		if u := t.Str(i, "url"); !seen[u] {
			seen[u] = true
			urls = append(urls, u)
		}
	}
	ur, err := json.Marshal(urls)
	if err != nil {
		return nil, err
	}
	texts, err := report.Run(ctx, st, "article_texts", map[string]string{"urls": string(ur)})
	if err != nil {
		return nil, err
	}
	title, body := make(map[string]string, texts.Len()), make(map[string]string, texts.Len())
	for i := 0; i < texts.Len(); i++ {
		title[texts.Str(i, "url")], body[texts.Str(i, "url")] = texts.Str(i, "title"), texts.Str(i, "article_text")
	}
	out := make([]Example, 0, t.Len())
	for i := 0; i < t.Len(); i++ {
		u := t.Str(i, "url")
		e := Example{
			Headline: title[u], URL: u, Outlet: t.Str(i, "outlet"),
			Published: t.Time(i, "published_at"), StoryID: t.Str(i, "story_id"), Voice: t.Str(i, "voice"),
			InQuote: t.Str(i, "kind") != "reported", Location: t.Str(i, "location"),
			Speaker: t.Str(i, "speaker"), SpeakerRole: t.Str(i, "speaker_role"), Cue: t.Str(i, "cue"),
		}
		text := body[u]
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
