package app

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/framewatch/framewatch/news"
)

// TagFormats are the formats WriteTag knows.
var TagFormats = []string{"text", "json", "jsonl"}

// WriteTag writes one tagging in format: text (the rule author's view: each
// match in its sentence, then the frames that fired or came close), json
// (indented; the file name dropped when only one document was asked for,
// single) or jsonl (one object a line).
func WriteTag(w io.Writer, r TagResult, format string, single bool) error {
	switch format {
	case "json":
		if single {
			r.File = ""
		}
		b, err := json.MarshalIndent(r, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	case "jsonl":
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	case "text":
		writeTagText(w, r)
		return nil
	}
	return usagef("--format must be text, json or jsonl, not %q", format)
}

func writeTagText(w io.Writer, o TagResult) {
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
			if m.Guide != "" {
				fmt.Fprintf(w, "         suggest: %s  (%s)\n", strings.Join(m.Suggest, "; "), m.Guide)
			} else {
				fmt.Fprintf(w, "         suggest: %s\n", strings.Join(m.Suggest, "; "))
			}
		}
	}
	// Quotes and their speakers, so a role file's author sees attribution.
	for _, q := range o.Quotes {
		if q.Voice == "scare" {
			continue
		}
		src := o.Article.Text
		if q.Location == news.Headline {
			src = o.Article.Title
		}
		text := ""
		if q.Start >= 0 && q.End <= len(src) && q.Start < q.End {
			text = strings.Join(strings.Fields(src[q.Start:q.End]), " ")
			if r := []rune(text); len(r) > 70 {
				text = string(r[:67]) + "..."
			}
		}
		speaker := q.Speaker
		if speaker == "" {
			speaker = "(no speaker)"
		}
		fmt.Fprintf(w, "quote %-8s %-8s %s (%s): %s\n", q.Location, q.Kind, speaker, q.Role, text)
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
