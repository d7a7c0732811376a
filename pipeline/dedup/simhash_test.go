package dedup

import (
	"fmt"
	"strings"
	"testing"
)

const report = `A man who threatened a shopkeeper with a hammer during a robbery in Bolton has been jailed for six years.

Daniel Smith, 34, of Derby Street, admitted robbery and possession of an offensive weapon at Bolton Crown Court on Thursday.

The court heard that Smith entered the convenience store on Chorley Old Road shortly after 10pm on 3 August, demanded cash and cigarettes, and fled with about £400.

Sentencing, Judge Amanda Reed said: "You chose a small business run by a man on his own, late at night, because you thought he was an easy target."

Det Con Sam Patel of Greater Manchester Police said after the hearing that the victim had shown remarkable courage and that the force would always pursue people who prey on shop workers.`

const other = `A woman who stole more than £20,000 from the charity she worked for has been given a suspended sentence at Preston Crown Court.

Karen Hill, 51, of Garstang, admitted fraud by abuse of position after taking money from the accounts of a hospice shop over three years.

The court heard that she used the money to pay off credit cards and for holidays. She has since repaid £8,000.

Judge Mark Evans said her remorse was genuine but the breach of trust was serious, and ordered her to complete 200 hours of unpaid work.`

func TestFingerprint(t *testing.T) {
	fp := Fingerprint(report)
	if fp == 0 {
		t.Fatal("no fingerprint for a full report")
	}
	if Fingerprint(report) != fp {
		t.Error("fingerprint is not deterministic")
	}
	if got := Fingerprint(strings.ToUpper(strings.ReplaceAll(report, "\n\n", "\n"))); got != fp {
		t.Errorf("case and layout changed the fingerprint: distance %d", Distance(got, fp))
	}
	if got := Fingerprint(strings.NewReplacer(`"`, "“", "'", "’").Replace(report)); got != fp {
		t.Errorf("quote style changed the fingerprint: distance %d", Distance(got, fp))
	}
	edited := strings.Replace(report, "has been jailed", "was jailed today", 1) + "\n\nAdditional reporting by PA."
	if d := Distance(Fingerprint(edited), fp); d > Threshold {
		t.Errorf("light edit: distance %d > %d", d, Threshold)
	}
	if d := Distance(Fingerprint(other), fp); d <= Threshold {
		t.Errorf("a different court report: distance %d <= %d", d, Threshold)
	}
	for _, short := range []string{"", "Two words"} {
		if Fingerprint(short) != 0 {
			t.Errorf("Fingerprint(%q) != 0", short)
		}
	}
}

func TestAssignStory(t *testing.T) {
	fp := Fingerprint(report)
	known := []Print{
		{URL: "https://a.example/1", StoryID: "story-other", Fingerprint: Fingerprint(other)},
		{URL: "https://b.example/1", StoryID: "story-far", Fingerprint: fp ^ 0xFFFF}, // 16 bits away
		{URL: "https://c.example/1", StoryID: "story-near", Fingerprint: fp ^ 0x7},   // 3 bits away
		{URL: "https://d.example/1", StoryID: "story-nearer", Fingerprint: fp ^ 0x1}, // 1 bit away
		{URL: "https://e.example/1", StoryID: "story-tie", Fingerprint: fp ^ 0x2},    // 1 bit too, but later
		{URL: "https://f.example/1", StoryID: "", Fingerprint: fp},                   // no story: ignored
	}
	fresh := fmt.Sprintf("%016x", fp)
	tests := []struct {
		name  string
		known []Print
		url   string
		fp    uint64
		want  string
	}{
		{"nearest within threshold, earliest on a tie", known, "https://new.example/x", fp, "story-nearer"},
		{"nothing within threshold: id from the fingerprint", known[:2], "https://new.example/x", fp, fresh},
		{"no known prints", nil, "https://new.example/x", fp, fresh},
		{"a re-crawl keeps its story however far it moved", known, "https://a.example/1", fp, "story-other"},
	}
	for _, tt := range tests {
		if got := AssignStory(tt.known, tt.url, tt.fp); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
	// Too little text: an id of the URL, different per URL, never a merge.
	a, b := AssignStory(known, "https://x.example/1", 0), AssignStory(known, "https://x.example/2", 0)
	if a == b || a == "" || a == fresh {
		t.Errorf("zero fingerprint ids %q, %q: want distinct URL-derived ids", a, b)
	}
	if d := Distance(fp, fp^0xFFFF); d != 16 {
		t.Errorf("Distance = %d, want 16", d)
	}
}

func BenchmarkFingerprint(b *testing.B) {
	b.SetBytes(int64(len(report)))
	for b.Loop() {
		Fingerprint(report)
	}
}
