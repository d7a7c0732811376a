package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/extract"
	"github.com/framewatch/framewatch/pipeline/fetch"
)

// TagResult is one document's tagging: the JSON shape of `framewatch tag
// --format json|jsonl` is a contract ("matches" and "frames" as in issue 5).
type TagResult struct {
	File     string            `json:"file,omitempty"`
	Title    string            `json:"title,omitempty"`
	Ruleset  string            `json:"ruleset"`
	Matches  []news.Match      `json:"matches"`
	Frames   []news.FrameScore `json:"frames"`
	Quotes   []news.QuoteSpan  `json:"quotes"` // every quote with its speaker and role; [] when none
	Entities []news.Entity     `json:"entities,omitempty"`
	// Truncated says a checked page was longer than the cap and only its
	// beginning was tagged (Check).
	Truncated bool         `json:"-"`
	Article   news.Article `json:"-"` // what was tagged
}

// TagOptions tune Tag.
type TagOptions struct {
	Entities bool      // also find people, places and organisations (slower)
	Stdin    io.Reader // read for the input "-"
}

// Tag reads one document — a URL (fetched with the crawl: settings), a file,
// or "-" for opt.Stdin — and tags it with the rules in force. HTML goes
// through the same extraction as crawled pages; anything else is plain text
// with paragraphs separated by a blank line.
func (a *App) Tag(ctx context.Context, input string, opt TagOptions) (TagResult, error) {
	eng, err := a.Tagger(opt.Entities)
	if err != nil {
		return TagResult{}, err
	}
	art, err := a.readDocument(ctx, input, opt.Stdin)
	if err != nil {
		return TagResult{}, err
	}
	return tagResult(input, art, eng.Tag(art)), nil
}

func tagResult(input string, art news.Article, t news.Tagging) TagResult {
	r := TagResult{File: input, Title: art.Title, Ruleset: t.Ruleset, Matches: t.Matches, Frames: t.Frames,
		Quotes: t.Quotes, Entities: t.Entities, Article: art}
	if r.Matches == nil {
		r.Matches = []news.Match{}
	}
	if r.Quotes == nil {
		r.Quotes = []news.QuoteSpan{}
	}
	return r
}

func (a *App) readDocument(ctx context.Context, in string, stdin io.Reader) (news.Article, error) {
	var body []byte
	pageURL := ""
	isHTML := false
	switch {
	case strings.HasPrefix(in, "http://") || strings.HasPrefix(in, "https://"):
		res, err := a.Fetcher().Get(ctx, fetch.Request{URL: in, Want: fetch.HTML})
		if err != nil {
			return news.Article{}, err
		}
		body, pageURL, isHTML = res.Body, res.URL, true
	case in == "-":
		if stdin == nil {
			stdin = os.Stdin
		}
		b, err := io.ReadAll(stdin)
		if err != nil {
			return news.Article{}, fmt.Errorf("reading stdin: %w", err)
		}
		body = b
	default:
		b, err := os.ReadFile(in)
		if err != nil {
			return news.Article{}, err
		}
		body = b
		ext := strings.ToLower(filepath.Ext(in))
		isHTML = ext == ".html" || ext == ".htm"
	}
	return documentArticle(in, pageURL, body, isHTML)
}

// documentArticle turns a document's bytes into an article: HTML is
// extracted like a crawled page, anything else taken as plain text.
func documentArticle(in, pageURL string, body []byte, isHTML bool) (news.Article, error) {
	if !isHTML {
		isHTML = looksLikeHTML(body)
	}
	if !isHTML {
		return news.Article{URL: in, Text: strings.ReplaceAll(string(body), "\r\n", "\n"), Kind: "news"}, nil
	}
	if pageURL == "" {
		// extract resolves links against the page URL; a local file has none.
		pageURL = "https://localhost/" + filepath.Base(in)
	}
	res, err := extract.Extract(body, pageURL)
	if err != nil {
		return news.Article{}, fmt.Errorf("%s: %w", in, err)
	}
	return news.Article{URL: in, Title: res.Title, Byline: res.Byline, Text: res.Text, Lang: res.Lang, Kind: res.Kind, PublishedAt: res.PublishedAt}, nil
}

func looksLikeHTML(b []byte) bool {
	head := bytes.ToLower(bytes.TrimSpace(b[:min(len(b), 1024)]))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) ||
		bytes.Contains(head, []byte("<body")) || bytes.HasPrefix(head, []byte("<p>")) || bytes.HasPrefix(head, []byte("<article"))
}
