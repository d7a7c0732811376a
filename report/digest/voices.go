package digest

import (
	"sort"

	"github.com/framewatch/framewatch/report"
)

// Voices is the "Whose voices" section (whose_voices, voices_by_outlet):
// who the period's coverage quoted, by role, against the baseline.
type Voices struct {
	Quotes int64      `json:"quotes"`
	Words  int64      `json:"quoted_words"`
	Roles  []VoiceRow `json:"roles"` // most quoted words first
	// Outlets are ranked by the share of their quotes from people with
	// lived experience of prison or probation.
	Outlets []OutletVoices `json:"outlets"`
}

// VoiceRow is one speaker role's part of the period's quotes.
type VoiceRow struct {
	Role       string        `json:"role"`
	Quotes     int64         `json:"quotes"`
	Words      int64         `json:"quoted_words"`
	QuoteShare report.Change `json:"quote_share"` // fraction of all quotes, 0..1
	WordShare  report.Change `json:"word_share"`  // fraction of all quoted words, 0..1
}

// OutletVoices is one outlet's lived-experience voices.
type OutletVoices struct {
	Outlet         string  `json:"outlet"`
	Quotes         int64   `json:"quotes"`
	LivedQuotes    int64   `json:"lived_quotes"`
	LivedShare     float64 `json:"lived_share"`      // of the outlet's quotes
	LivedWordShare float64 `json:"lived_word_share"` // of the outlet's quoted words
}

// RoleNames are the roles as the digest shows them.
var RoleNames = map[string]string{
	"police": "Police", "prosecutor": "Prosecution", "judge": "Judges and magistrates",
	"defence": "Defence", "politician": "Politicians", "official": "Government and officials",
	"justice_staff": "Prison and probation staff", "victim_family": "Victims and families",
	"charity": "Charities and campaigners", "expert": "Researchers and experts",
	"lived_experience": "People with lived experience", "other": "Others", "unknown": "Unknown",
}

// RoleName is a role as the digest and the web UI show it.
func RoleName(r string) string {
	if n, ok := RoleNames[r]; ok {
		return n
	}
	return r
}

func (b builder) voices(d *Digest) error {
	t, prev, err := b.withBaseline("whose_voices", d, nil)
	if err != nil {
		return err
	}
	role := func(t *report.Table, i int) string { return t.Str(i, "speaker_role") }
	pq := byKey(prev, role, func(t *report.Table, i int) float64 { return t.Float(i, "quote_share") })
	pw := byKey(prev, role, func(t *report.Table, i int) float64 { return t.Float(i, "word_share") })
	seen := map[string]bool{}
	for i := 0; i < t.Len(); i++ {
		r := role(t, i)
		seen[r] = true
		d.Voices.Quotes, d.Voices.Words = t.Int(i, "total_quotes"), t.Int(i, "total_words")
		d.Voices.Roles = append(d.Voices.Roles, VoiceRow{
			Role: r, Quotes: t.Int(i, "quotes"), Words: t.Int(i, "quoted_words"),
			QuoteShare: report.Compare(t.Float(i, "quote_share"), baseline(pq, r, Baseline)),
			WordShare:  report.Compare(t.Float(i, "word_share"), baseline(pw, r, Baseline)),
		})
	}
	// A role quoted in the baseline and silent this period is news too.
	for r := range pq {
		if !seen[r] {
			d.Voices.Roles = append(d.Voices.Roles, VoiceRow{Role: r,
				QuoteShare: report.Compare(0, pq[r]), WordShare: report.Compare(0, baseline(pw, r, Baseline))})
		}
	}
	sort.SliceStable(d.Voices.Roles, func(i, j int) bool {
		a, b := d.Voices.Roles[i], d.Voices.Roles[j]
		if a.Words != b.Words {
			return a.Words > b.Words
		}
		if a.WordShare.Baseline != b.WordShare.Baseline {
			return a.WordShare.Baseline > b.WordShare.Baseline
		}
		return a.Role < b.Role
	})
	o, err := b.run("voices_by_outlet", d.Period, nil)
	if err != nil {
		return err
	}
	for i := 0; i < o.Len(); i++ {
		d.Voices.Outlets = append(d.Voices.Outlets, OutletVoices{
			Outlet: o.Str(i, "outlet"), Quotes: o.Int(i, "quotes"), LivedQuotes: o.Int(i, "lived_quotes"),
			LivedShare: o.Float(i, "lived_share"), LivedWordShare: o.Float(i, "lived_word_share"),
		})
	}
	return nil
}
