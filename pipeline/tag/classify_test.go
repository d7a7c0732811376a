package tag

import (
	"strings"
	"testing"
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
