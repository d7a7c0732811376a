package app

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/framewatch/framewatch/pipeline/dedup"
	"github.com/framewatch/framewatch/pipeline/extract"
	"github.com/framewatch/framewatch/pipeline/fetch"
)

// ExtractFormats are the output formats of `framewatch extract`.
var ExtractFormats = []string{"text", "json"}

// ExtractResult is what the crawler would store from one page: the JSON
// shape of `framewatch extract --format json`.
type ExtractResult struct {
	Input        string     `json:"input"`
	URL          string     `json:"url"`           // the page's URL (after redirects); a file's is --url or https://localhost/NAME
	CanonicalURL string     `json:"canonical_url"` // the article's identity in the store
	Title        string     `json:"title"`
	Byline       string     `json:"byline"`
	PublishedAt  *time.Time `json:"published_at"` // null when the page gives no date (the crawler then keeps the feed's)
	DateSource   string     `json:"date_source"`  // where on the page the date was read
	Kind         string     `json:"kind"`
	Lang         string     `json:"lang"`
	Charset      string     `json:"charset"`   // the encoding the page was decoded from
	Paywall      bool       `json:"paywall"`   // only a teaser is on the page
	FeedOnly     bool       `json:"feed_only"` // no usable body: the crawler stores the feed item's title and summary
	EmptyReason  string     `json:"empty_reason,omitempty"`
	Words        int        `json:"words"`
	Text         string     `json:"text"`
	// Removed is filled with --explain: where the body was found and
	// what was left out of it, and why.
	Removed []extract.Removal `json:"removed,omitempty"`
}

// ExtractOptions tune Extract.
type ExtractOptions struct {
	Explain bool
	// PageURL is the URL a local file was saved from; it resolves the
	// canonical link and decides URL-based kinds (/opinion/, /letters/).
	PageURL string
}

// Extract reads one page — a URL, fetched with the crawl: settings
// (user agent, redirects, SSRF guard, size cap), or an HTML file — decodes
// it as the crawler does and extracts it as the crawler does.
func (a *App) Extract(ctx context.Context, input string, opt ExtractOptions) (ExtractResult, error) {
	var body []byte
	r := ExtractResult{Input: input}
	if strings.HasPrefix(input, "http://") || strings.HasPrefix(input, "https://") {
		res, err := a.Fetcher().Get(ctx, fetch.Request{URL: input, Want: fetch.HTML})
		if err != nil {
			return r, err
		}
		body, r.URL, r.Charset = res.Body, res.URL, res.Charset
	} else {
		b, err := os.ReadFile(input)
		if err != nil {
			return r, err
		}
		d := fetch.Decode(b, "")
		body, r.Charset = d.Body, d.Charset
		r.URL = opt.PageURL
		if r.URL == "" {
			r.URL = "https://localhost/" + filepath.Base(input)
		}
	}
	var page extract.Result
	var err error
	if opt.Explain {
		page, r.Removed, err = extract.Explain(body, r.URL)
	} else {
		page, err = extract.Extract(body, r.URL)
	}
	if err != nil {
		return r, fmt.Errorf("%s: %w", input, err)
	}
	r.CanonicalURL = page.CanonicalURL
	if c, err := dedup.Canonical(page.CanonicalURL); err == nil {
		r.CanonicalURL = c
	}
	r.Title, r.Byline, r.Kind, r.Lang = page.Title, page.Byline, page.Kind, page.Lang
	if !page.PublishedAt.IsZero() {
		t := page.PublishedAt
		r.PublishedAt, r.DateSource = &t, page.DateSource
	}
	r.Paywall = page.Reason == "paywall"
	r.FeedOnly, r.EmptyReason = page.Empty, page.Reason
	r.Text, r.Words = page.Text, extract.Words(page.Text)
	return r, nil
}

// WriteExtract prints results: text for people, json for programs (one
// object for one input, an array for several).
func WriteExtract(w io.Writer, rs []ExtractResult, format string) error {
	switch format {
	case "json":
		var v any = rs
		if len(rs) == 1 {
			v = rs[0]
		}
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	case "text":
		for i, r := range rs {
			if i > 0 {
				fmt.Fprintln(w)
			}
			writeExtractText(w, r)
		}
		return nil
	}
	return usagef("--format must be text or json, not %q", format)
}

func writeExtractText(w io.Writer, r ExtractResult) {
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	fmt.Fprintf(w, "== %s\n", r.Input)
	fmt.Fprintf(w, "title:         %s\n", r.Title)
	fmt.Fprintf(w, "byline:        %s\n", r.Byline)
	if r.PublishedAt != nil {
		fmt.Fprintf(w, "published:     %s (from %s)\n", r.PublishedAt.Format(time.RFC3339), r.DateSource)
	} else {
		fmt.Fprintf(w, "published:     none on the page (the feed's date is kept)\n")
	}
	fmt.Fprintf(w, "kind:          %s\n", r.Kind)
	fmt.Fprintf(w, "language:      %s\n", r.Lang)
	fmt.Fprintf(w, "canonical URL: %s\n", r.CanonicalURL)
	fmt.Fprintf(w, "charset:       %s\n", r.Charset)
	fmt.Fprintf(w, "paywall:       %s\n", yes(r.Paywall))
	fmt.Fprintf(w, "feed_only:     %s", yes(r.FeedOnly))
	if r.EmptyReason != "" {
		fmt.Fprintf(w, " (%s: the crawler stores the feed item's title and summary", r.EmptyReason)
		if r.Paywall {
			fmt.Fprint(w, ", or this teaser when it is longer")
		}
		fmt.Fprint(w, ")")
	}
	fmt.Fprintf(w, "\nwords:         %d\n\n", r.Words)
	if r.Text != "" {
		fmt.Fprintf(w, "%s\n", r.Text)
	}
	if len(r.Removed) > 0 {
		fmt.Fprintf(w, "\n-- explain: where the body was found and what was left out\n")
		for _, x := range r.Removed {
			fmt.Fprintf(w, "  %s: %s", x.What, x.Why)
			if x.Sample != "" {
				fmt.Fprintf(w, " — %q", x.Sample)
			}
			fmt.Fprintln(w)
		}
	}
}
