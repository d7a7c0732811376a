package examples

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Context cuts text around the match at byte offsets [start, end): the
// sentence before, the match's sentence split at the match, and the
// sentence after (paragraph breaks end sentences). When the offsets do not
// point at matched (text edited since tagging, or no text stored), it falls
// back to the stored sentence with no neighbours.
func Context(text string, start, end int, matched, sentence string) (before, pre, match, post, after string) {
	if start < 0 || end > len(text) || start >= end || !onRunes(text, start, end) || !strings.EqualFold(text[start:end], matched) {
		i := indexFold(sentence, matched)
		if i < 0 {
			return "", sentence, "", "", ""
		}
		return "", sentence[:i], sentence[i : i+len(matched)], sentence[i+len(matched):], ""
	}
	spans := sentences(text)
	k := 0
	for k < len(spans)-1 && spans[k][1] <= start {
		k++
	}
	s := spans[k]
	if s[0] > start {
		s[0] = start
	}
	if s[1] < end {
		s[1] = end
	}
	pre, match, post = text[s[0]:start], text[start:end], text[end:s[1]]
	if k > 0 {
		before = strings.TrimSpace(text[spans[k-1][0]:spans[k-1][1]])
	}
	if k+1 < len(spans) {
		after = strings.TrimSpace(text[spans[k+1][0]:spans[k+1][1]])
	}
	return before, strings.TrimLeft(oneSpace(pre), " "), match, strings.TrimRight(oneSpace(post), " "), after
}

// onRunes reports whether [start, end) cuts no character in two: offsets
// from another encoding of the text must not show half a character.
func onRunes(text string, start, end int) bool {
	return utf8.RuneStart(text[start]) && (end == len(text) || utf8.RuneStart(text[end]))
}

// oneSpace folds each run of line breaks inside a sentence into one space.
// A break at either end becomes a space too: pre and post are cut at the
// match, so dropping it would glue the match to its neighbour.
func oneSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	inBreak := false
	for i := 0; i < len(s); i++ { // bytewise: breaks are ASCII, and invalid UTF-8 must pass through unchanged
		if isBreak(rune(s[i])) {
			if !inBreak {
				b.WriteByte(' ')
			}
			inBreak = true
			continue
		}
		inBreak = false
		b.WriteByte(s[i])
	}
	return b.String()
}

func isBreak(r rune) bool { return r == '\n' || r == '\r' || r == '\t' }

func indexFold(s, sub string) int {
	if sub == "" {
		return -1
	}
	ls, lsub := strings.ToLower(s), strings.ToLower(sub)
	if len(ls) != len(s) || len(lsub) != len(sub) { // lower-casing changed byte lengths
		return strings.Index(s, sub)
	}
	return strings.Index(ls, lsub)
}

// sentences splits text into [start, end) byte spans: a sentence ends after
// . ! ? or … (and any closing quotes or brackets) followed by white space,
// or at a blank line. Leading white space is left out of each span.
func sentences(text string) [][2]int {
	var out [][2]int
	start := -1
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if start < 0 {
			if !unicode.IsSpace(r) {
				start = i
			}
			i += n
			continue
		}
		if r == '\n' && strings.HasPrefix(strings.TrimLeft(text[i+n:], " \t\r"), "\n") {
			out = append(out, [2]int{start, trimEnd(text, start, i)})
			start = -1
			i += n
			continue
		}
		if r == '.' || r == '!' || r == '?' || r == '…' {
			j := i + n
			for j < len(text) {
				c, m := utf8.DecodeRuneInString(text[j:])
				if !strings.ContainsRune(`"'”’)]`, c) {
					break
				}
				j += m
			}
			if j == len(text) {
				break
			}
			if c, _ := utf8.DecodeRuneInString(text[j:]); unicode.IsSpace(c) {
				out = append(out, [2]int{start, j})
				start = -1
				i = j
				continue
			}
		}
		i += n
	}
	if start >= 0 {
		out = append(out, [2]int{start, trimEnd(text, start, len(text))})
	}
	if len(out) == 0 {
		out = append(out, [2]int{0, len(text)})
	}
	return out
}

func trimEnd(text string, start, end int) int {
	for end > start && strings.ContainsRune(" \t\r\n", rune(text[end-1])) {
		end--
	}
	return end
}
