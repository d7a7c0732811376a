package tag_test

// Corpus-wide checks of the shipped library. The precision, recall and frame
// figures are measured by package quality (framewatch eval) on
// testdata/labels; these are the checks that need the tagger itself.

import (
	"strings"
	"testing"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/tag"
	"github.com/framewatch/framewatch/quality"
	"github.com/framewatch/framewatch/rules"
)

const corpusDir = "../../testdata/labels/dev"

func loadCorpus(t *testing.T) []quality.Article {
	t.Helper()
	arts, err := quality.Load(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	return arts
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// TestNeverFlagged runs the shipped library over the forms the domain brief
// prefers (language.md, "Terms deliberately NOT flagged") and over the
// exceptions issue 5 names; no rule may fire on any of them.
func TestNeverFlagged(t *testing.T) {
	rs, err := rules.Load("")
	if err != nil {
		t.Fatalf("shipped library: %v", err)
	}
	eng, err := tag.New(rs, tag.Options{})
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		// Preferred terms.
		"The charity supports each prison leaver with housing.",
		"Every person in prison should have a job to go to.",
		"People with convictions and people with criminal records face barriers.",
		"A person on probation or a person on licence must report weekly.",
		"Services for people who use drugs help each person in recovery.",
		"A sex worker spoke to the inquiry, as did prostituted women.",
		"The survivor and the victim both gave evidence; the complainant was cross-examined.",
		"The defendant denied the charge and the accused was bailed.",
		"Disabled people said each wheelchair user was ignored.",
		"Ethnic minorities were over-represented in the figures.",
		"He was convicted of controlling or coercive behaviour and domestic abuse.",
		"Police found indecent images of children and child sexual abuse material.",
		"She died by suicide; the self-inflicted death was the third this year.",
		// Exceptions named by issue 5.
		"The Rehabilitation of Offenders Act 1974 and the Young Offender Institution rules apply.",
		"Offender Management Statistics Quarterly were published on Thursday.",
		"Juries rarely convict on such evidence, and she was convicted last year.",
		"The criminal justice system and his criminal record were discussed.",
		"She was still suffering from jet lag after the flight.",
		"The con man weighed the pros and cons.",
	}
	for _, s := range texts {
		for _, m := range eng.Tag(news.Article{Text: s}).Matches {
			t.Errorf("%s fired on %q in %q", m.Rule, m.Text, s)
		}
	}
}

// TestEntityQuality measures the gazetteer-corrected entity tagger on the
// justice institutions labelled in the corpus. Precision is computed for the
// gazetteer types (PRISON, COURT, POLICE), whose every instance in the corpus
// is labelled; for organisations only recall can be measured, because
// people, places and other organisations are not labelled.
func TestEntityQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the named-entity tagger on every article")
	}
	rs, err := rules.Load("")
	if err != nil {
		t.Fatalf("shipped library: %v", err)
	}
	eng, err := tag.New(rs, tag.Options{Entities: true})
	if err != nil {
		t.Fatal(err)
	}
	gazTypes := map[string]bool{"PRISON": true, "COURT": true, "POLICE": true}
	var got, tp, labelled, found, orgLabelled, orgFound int
	for _, a := range loadCorpus(t) {
		if !strings.HasPrefix(a.ID, "dev-0") {
			// Only the first wave's articles (dev-001…) label exactly the
			// justice institutions; later ones label every entity, which
			// the entity scorer of package quality measures.
			continue
		}
		want := map[string]string{}
		for _, e := range a.Entities {
			want[strings.ToLower(e.Name)] = e.Type
		}
		have := map[string]string{}
		for _, e := range eng.Tag(a.NewsArticle()).Entities {
			have[strings.ToLower(e.Name)] = e.Type
			if !gazTypes[e.Type] {
				continue
			}
			got++
			if want[strings.ToLower(e.Name)] == e.Type {
				tp++
			} else {
				t.Logf("entity false positive: %s: %s %q", a.File, e.Type, e.Name)
			}
		}
		for _, e := range a.Entities {
			ok := have[strings.ToLower(e.Name)] == e.Type
			if gazTypes[e.Type] {
				labelled++
				if ok {
					found++
				}
			} else {
				orgLabelled++
				if ok {
					orgFound++
				}
			}
			if !ok {
				t.Logf("entity missed: %s: %s %q (tagged %q)", a.File, e.Type, e.Name, have[strings.ToLower(e.Name)])
			}
		}
	}
	t.Logf("prisons, courts, police: precision %.3f (%d/%d), recall %.3f (%d/%d)", ratio(tp, got), tp, got, ratio(found, labelled), found, labelled)
	t.Logf("justice bodies and charities (ORG): recall %.3f (%d/%d)", ratio(orgFound, orgLabelled), orgFound, orgLabelled)
	if p := ratio(tp, got); p < 0.9 {
		t.Errorf("entity precision %.3f for prisons, courts and police, want at least 0.9", p)
	}
	if r := ratio(found, labelled); r < 0.9 {
		t.Errorf("entity recall %.3f for prisons, courts and police, want at least 0.9", r)
	}
}
