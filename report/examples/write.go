package examples

import (
	"embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	htmltemplate "html/template"
	"io"
	"strings"
	"time"

	"github.com/framewatch/framewatch/report"
)

// Formats Write accepts.
var Formats = []string{"md", "csv", "json", "html"}

//go:embed templates/examples.html.tmpl
var templates embed.FS

var htmlT = htmltemplate.Must(htmltemplate.New("examples.html.tmpl").Funcs(htmltemplate.FuncMap{
	"add":   func(a, b int) int { return a + b },
	"join":  strings.Join,
	"voice": voiceLabel,
}).ParseFS(templates, "templates/examples.html.tmpl"))

// Handout is what the HTML and Markdown formats show above the examples.
type Handout struct {
	Title     string
	Filters   string // a human summary of the filters, e.g. "rule people.offender"
	Generated time.Time
	Examples  []Example
}

// Write renders h in format: md (pastes into slides; scraped text escaped),
// csv (spreadsheet-safe), json (the view model) or html (one self-contained,
// escaped page).
func Write(w io.Writer, h Handout, format string) error {
	if h.Title == "" {
		h.Title = "Examples for trainers"
	}
	if h.Generated.IsZero() {
		h.Generated = time.Now()
	}
	switch format {
	case "md", "markdown":
		return writeMarkdown(w, h)
	case "csv":
		return writeCSV(w, h.Examples)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		ex := h.Examples
		if ex == nil {
			ex = []Example{}
		}
		return enc.Encode(ex)
	case "html":
		return htmlT.Execute(w, h)
	}
	return fmt.Errorf("unknown examples format %q (want %s)", format, strings.Join(Formats, ", "))
}

func voiceLabel(e Example) string {
	switch {
	case e.Voice == "author":
		return "the author's own voice (opinion)"
	case !e.InQuote:
		return "journalist's own voice"
	case e.Voice == "partial_quote":
		return "partial quote"
	case e.Voice == "headline_quote":
		return "quoted in the headline"
	case e.Voice == "scare":
		return "scare quotes"
	}
	return "quoted speech"
}

func writeMarkdown(w io.Writer, h Handout) error {
	esc := report.MarkdownEscape
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", esc(h.Title))
	if h.Filters != "" {
		fmt.Fprintf(&b, "%d examples: %s.\n\n", len(h.Examples), esc(h.Filters))
	}
	if len(h.Examples) == 0 {
		b.WriteString("No examples match these filters.\n")
	}
	for i, e := range h.Examples {
		fmt.Fprintf(&b, "## %d. %s\n\n", i+1, report.MarkdownLink(e.Headline, e.URL))
		fmt.Fprintf(&b, "%s, %s · %s · %s\n\n", esc(e.Outlet), e.Published.Format("2 Jan 2006"), voiceLabel(e), esc(e.Location))
		b.WriteString("> ")
		if e.Before != "" {
			b.WriteString(esc(e.Before) + " ")
		}
		b.WriteString(esc(e.Pre))
		if e.Matched != "" {
			b.WriteString("**" + esc(e.Matched) + "**")
		}
		b.WriteString(esc(e.Post))
		if e.After != "" {
			b.WriteString(" " + esc(e.After))
		}
		b.WriteString("\n\n")
		if e.Speaker != "" || e.SpeakerRole != "" {
			fmt.Fprintf(&b, "- Speaker: %s (%s)\n", esc(e.Speaker), esc(e.SpeakerRole))
		}
		if e.Rule != "" {
			fmt.Fprintf(&b, "- Rule: %s (%s, %s)\n", esc(e.Rule), esc(e.Category), esc(e.Severity))
		}
		if e.Message != "" {
			fmt.Fprintf(&b, "- Why: %s\n", esc(e.Message))
		}
		if len(e.Suggest) > 0 {
			s := make([]string, len(e.Suggest))
			for i, x := range e.Suggest {
				s[i] = esc(x)
			}
			fmt.Fprintf(&b, "- Instead: %s\n", strings.Join(s, "; "))
		}
		if e.Rewrite != "" {
			fmt.Fprintf(&b, "- Rewrite: %s\n", esc(e.Rewrite))
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// CSVHeader is the CSV format's first row.
var CSVHeader = []string{"published_at", "outlet", "headline", "url", "rule", "category", "severity",
	"voice", "in_quote", "location", "matched", "sentence_before", "sentence", "sentence_after",
	"message", "suggest", "rewrite", "speaker", "speaker_role"}

func writeCSV(w io.Writer, ex []Example) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, e := range ex {
		row := []string{e.Published.Format(time.RFC3339), e.Outlet, e.Headline, e.URL, e.Rule, e.Category,
			e.Severity, e.Voice, fmt.Sprint(e.InQuote), e.Location, e.Matched, e.Before, e.Sentence(), e.After,
			e.Message, strings.Join(e.Suggest, "; "), e.Rewrite, e.Speaker, e.SpeakerRole}
		for i := range row {
			row[i] = CSVSafe(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// CSVSafe defuses spreadsheet formula injection: a cell that a spreadsheet
// would evaluate (starting with = + - @, a tab or a carriage return) gets a
// leading apostrophe.
func CSVSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
