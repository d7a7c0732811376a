package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/extract"
	"github.com/framewatch/framewatch/pipeline/fetch"
	"github.com/framewatch/framewatch/pipeline/tag"
)

func init() {
	register(command{name: "tag", summary: "tag text or HTML documents and print the matches", run: runTag})
}

// tagOutput is one document's result: the JSON shape of --format json and
// jsonl is a contract ("matches" and "frames" as in issue 5).
type tagOutput struct {
	File     string            `json:"file,omitempty"`
	Title    string            `json:"title,omitempty"`
	Ruleset  string            `json:"ruleset"`
	Matches  []news.Match      `json:"matches"`
	Frames   []news.FrameScore `json:"frames"`
	Quotes   []news.QuoteSpan  `json:"quotes,omitempty"`
	Entities []news.Entity     `json:"entities,omitempty"`
	article  news.Article      `json:"-"`
	err      error             `json:"-"`
}

func runTag(args []string) int {
	fs := flag.NewFlagSet("tag", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: framewatch tag [--rules DIR] [--format text|json|jsonl] FILE|URL|- ...\n\n"+
			"Tags documents with the rules in force and prints every match with its context.\n"+
			"HTML files and URLs go through the same extraction as crawled pages; other files\n"+
			"are tagged as plain text (paragraphs separated by a blank line). \"-\" reads stdin.")
		fs.PrintDefaults()
	}
	configPath := fs.String("config", config.DefaultPath, "config file (for rules_dir and crawl settings)")
	rulesDir := fs.String("rules", "", "rules directory that adds to and overrides the shipped library (default: rules_dir from the config)")
	format := fs.String("format", "text", "output format: text, json or jsonl")
	entities := fs.Bool("entities", false, "also find people, places and organisations (slower)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *format != "text" && *format != "json" && *format != "jsonl" {
		fmt.Fprintf(os.Stderr, "framewatch tag: --format must be text, json or jsonl, not %q\n", *format)
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	cfg, err := loadConfig(*configPath)
	if err != nil {
		return fail(err)
	}
	eng, err := newTaggerOpts(cfg, *rulesDir, tag.Options{Entities: *entities})
	if err != nil {
		return fail(err)
	}
	var client *fetch.Client
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	status := 0
	for _, in := range fs.Args() {
		a, err := readDocument(in, cfg, &client)
		if err != nil {
			fmt.Fprintln(os.Stderr, "framewatch tag:", err)
			status = 1
			continue
		}
		t := eng.Tag(a)
		o := tagOutput{File: in, Title: a.Title, Ruleset: t.Ruleset, Matches: t.Matches, Frames: t.Frames, Quotes: t.Quotes, Entities: t.Entities, article: a}
		if o.Matches == nil {
			o.Matches = []news.Match{}
		}
		switch *format {
		case "json":
			if fs.NArg() == 1 {
				o.File = ""
			}
			b, _ := json.MarshalIndent(o, "", "  ")
			out.Write(b)
			out.WriteByte('\n')
		case "jsonl":
			b, _ := json.Marshal(o)
			out.Write(b)
			out.WriteByte('\n')
		default:
			printText(out, o)
		}
	}
	return status
}

// readDocument turns one argument into an article: a URL is fetched, a
// file or stdin read; HTML is extracted like a crawled page.
func readDocument(in string, cfg *config.Config, client **fetch.Client) (news.Article, error) {
	var body []byte
	pageURL := ""
	isHTML := false
	switch {
	case strings.HasPrefix(in, "http://") || strings.HasPrefix(in, "https://"):
		if *client == nil {
			*client = fetch.New(fetch.Options{
				UserAgent: cfg.Crawl.UserAgent, Timeout: cfg.Crawl.Timeout, MaxBody: cfg.Crawl.MaxBody,
				MaxRedirects: cfg.Crawl.MaxRedirects, AllowPrivateNetworks: cfg.Crawl.AllowPrivateNetworks,
				Retries: cfg.Crawl.Retries,
			})
		}
		res, err := (*client).Get(context.Background(), fetch.Request{URL: in, Want: fetch.HTML})
		if err != nil {
			return news.Article{}, err
		}
		body, pageURL, isHTML = res.Body, res.URL, true
	case in == "-":
		b, err := io.ReadAll(os.Stdin)
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

// printText is the rule author's view: each match in its sentence, then
// the frames that fired or came close.
func printText(w io.Writer, o tagOutput) {
	fmt.Fprintf(w, "== %s", o.File)
	if o.Title != "" {
		fmt.Fprintf(w, " — %s", o.Title)
	}
	fmt.Fprintf(w, "  (ruleset %s)\n", o.Ruleset)
	if len(o.Matches) == 0 {
		fmt.Fprintln(w, "no matches")
	}
	for _, m := range o.Matches {
		voice := m.Voice
		if m.SelfDescription {
			voice += ", self-description"
		}
		if m.Speaker != "" {
			voice += ", speaker: " + m.Speaker
		}
		fmt.Fprintf(w, "%-8s %5d-%-5d %-6s %-28s %q  [%s]\n", m.Location, m.Start, m.End, m.Severity, m.Rule, m.Text, voice)
		sentence := m.Sentence
		if i := strings.Index(sentence, strings.Join(strings.Fields(m.Text), " ")); i >= 0 {
			t := strings.Join(strings.Fields(m.Text), " ")
			sentence = sentence[:i] + "»" + t + "«" + sentence[i+len(t):]
		}
		fmt.Fprintf(w, "         %s\n", sentence)
		if len(m.Suggest) > 0 {
			fmt.Fprintf(w, "         suggest: %s\n", strings.Join(m.Suggest, "; "))
		}
	}
	for _, f := range o.Frames {
		if f.Score == 0 {
			continue
		}
		state := "below threshold"
		if f.Strong {
			state = "FIRED (strong)"
		} else if f.Fired {
			state = "FIRED"
		}
		fmt.Fprintf(w, "frame %-18s %6.2f  %s\n", f.Frame, f.Score, state)
		for _, ev := range f.Evidence {
			fmt.Fprintf(w, "         %s\n", ev)
		}
	}
	fmt.Fprintln(w)
}
