package tag

import (
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/framewatch/framewatch/news"
)

// TestMentionVerbsReadTheClauseBeforeAWord: the naming and mention tests
// read the words before a quoted word back to the last stop mark, so what
// an article says before that mark cannot change the answer, and a mark
// between the verb and the word ends what the verb governs.
func TestMentionVerbsReadTheClauseBeforeAWord(t *testing.T) {
	long := strings.Repeat("The court heard he had stopped calling them names. “We”, she said; ", 40)
	for _, c := range []struct {
		before string
		want   bool
	}{
		{"campaigners want editors to stop calling people ", true},
		{"the guide warns against ", true},
		{"newspapers keep calling people ", true},
		{"no need for anyone to be called a ", true},
		{"She said he would no longer refer to them as ", true},
		{"he stopped calling them. Now he says ", false},
		{"the guide warns against it, and says ", false},
		{"the judge said ", false},
	} {
		for _, prefix := range []string{"", long, long + "Then "} {
			if got := mentionVerbBefore(prefix + c.before); got != c.want {
				t.Errorf("mentionVerbBefore(%d bytes + %q) = %v, want %v", len(prefix), c.before, got, c.want)
			}
		}
	}
	if !namesGeneric(long+"papers called someone a ") || namesGeneric("papers called someone. A ") {
		t.Error("namesGeneric reads past a stop mark")
	}
}

// TestBoundedWordsAreFieldsFunc: lastWords and firstWords read only the
// words they return, and return what splitting the whole text gives.
func TestBoundedWordsAreFieldsFunc(t *testing.T) {
	last := func(r rune) bool { return !isLetterOrDigit(r) && r != '-' }
	first := func(r rune) bool { return !isLetterOrDigit(r) && r != '-' && r != '\'' && r != '’' }
	pieces := []string{"a", "Prison", "lags", " ", "-", "'", "’", "“", "é", "\xff", "\xe2\x80", "\xc3", "4", ".", ",\n", "x-y"}
	rng := rand.New(rand.NewSource(11))
	cases := []string{"", " ", benchArticle.Text}
	for k := 0; k < 5000; k++ {
		var b strings.Builder
		for j := rng.Intn(14); j > 0; j-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		for n := 1; n <= 9; n++ {
			want := strings.FieldsFunc(s, last)
			if len(want) > n {
				want = want[len(want)-n:]
			}
			if got := lastWords(s, n); !slices.Equal(got, want) {
				t.Fatalf("lastWords(%q, %d) = %q, want %q", s, n, got, want)
			}
			want = strings.FieldsFunc(s, first)
			if len(want) > n {
				want = want[:n]
			}
			if got := firstWords(s, n); !slices.Equal(got, want) {
				t.Fatalf("firstWords(%q, %d) = %q, want %q", s, n, got, want)
			}
		}
	}
}

// TestLabelLists: a bare list of labels held up as words is a mention; the
// same words used of people (a determiner, a verb after them, a headline's
// colon) stay uses.
func TestLabelLists(t *testing.T) {
	e := loadEngine(t, "../../rules/library")
	type want struct{ text, voice string }
	tests := []struct {
		name, title, text string
		want              []want
	}{
		{"a quoted fragment of labels", "", "He hates the words people use. \"Old lag, ex-con. I've heard it all.\"",
			[]want{{"Old lag", VoiceMention}, {"con", VoiceMention}}},
		{"a list before a dash", "", "The estate was quiet.\n\nThug, yob, lout - I was called all of them at school.",
			[]want{{"Thug", VoiceMention}, {"yob", VoiceMention}, {"lout", VoiceMention}}},
		{"a list with and", "", "Junkie and crackhead. Those were the names.",
			[]want{{"Junkie", VoiceMention}, {"crackhead", VoiceMention}}},
		{"used of people: a verb follows", "", "Thugs and yobs smashed windows on the estate.",
			[]want{{"Thugs", VoiceJournalist}, {"yobs", VoiceJournalist}}},
		{"a determiner in front is a use", "", "He was a thug, a yob and a lout.",
			[]want{{"thug", VoiceJournalist}, {"yob", VoiceJournalist}, {"lout", VoiceJournalist}}},
		{"a slogan is not a list of labels", "", "Lock them up and throw away the key.",
			[]want{{"Lock them up", VoiceJournalist}, {"throw away the key", VoiceJournalist}}},
		{"one word alone is not a list", "", "Thug. That is what the paper called him.",
			[]want{{"Thug", VoiceJournalist}}},
		{"a headline's colon uses the words", "Yobs and thugs: the estate that fought back", "Residents took back the park.",
			[]want{{"Yobs", VoiceJournalist}, {"thugs", VoiceJournalist}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []want
			for _, m := range e.Tag(news.Article{Title: tt.title, Text: tt.text}).Matches {
				got = append(got, want{m.Text, m.Voice})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("matches = %v, want %v", got, tt.want)
			}
		})
	}
}
