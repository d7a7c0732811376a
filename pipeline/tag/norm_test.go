package tag

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
)

// TestJoinIsNormaliseOfJoined: the entity pass reads headline and body as
// one text from their two normalisations; that must be exactly what
// normalising the joined text gives, offsets and word table included.
func TestJoinIsNormaliseOfJoined(t *testing.T) {
	pieces := []string{"Prison", "lags", " ", "  ", "\n", "-", "—", "’", "'", "“", "\u00ad", "\u200b", "&amp;", "&amp", ";",
		"&#8217;", "é", "É", "ſ", "\xff", "\xe2\x80", "4", ".", ",", "HMP", "Forest", "Bank", "\u00a0", "x"}
	rng := rand.New(rand.NewSource(3))
	text := func() string {
		var b []byte
		for k := rng.Intn(12); k > 0; k-- {
			b = append(b, pieces[rng.Intn(len(pieces))]...)
		}
		return string(b)
	}
	cases := [][2]string{{"", ""}, {"", "Body"}, {"Title", ""}, {"Title ", " Body"}, {"prisoners'", "s"}, {"&am", "p; x"},
		{benchArticle.Title, benchArticle.Text}}
	for n := 0; n < 3000; n++ {
		cases = append(cases, [2]string{text(), text()})
	}
	for _, c := range cases {
		var x, y, got, want normText
		x.normalise(c[0])
		y.normalise(c[1])
		got.join(&x, &y, len(c[0]), len("\n\n"))
		want.normalise(c[0] + "\n\n" + c[1])
		if string(got.b) != string(want.b) || !slices.Equal(got.src, want.src) || !slices.Equal(got.srcEnd, want.srcEnd) ||
			!slices.Equal(got.wStart, want.wStart) || !slices.Equal(got.wEnd, want.wEnd) {
			t.Fatalf("%q + %q: joined %q %v %v, normalised %q %v %v", c[0], c[1], got.b, got.src, got.wStart, want.b, want.src, want.wStart)
		}
	}
}

// TestAppendKeyIsNormaliseString: the allocation-free key of a look-up is
// normaliseString's, for every byte an ASCII name can hold.
func TestAppendKeyIsNormaliseString(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	cases := []string{"", " ", "HMP Forest Bank", "  Bolton Crown Court ", "Prison Reform Trust-", "O`Neill", "A--B", "x\t\v\f\r\ny", "&amp;", "Café"}
	for n := 0; n < 5000; n++ {
		b := make([]byte, rng.Intn(14))
		for i := range b {
			b[i] = byte(rng.Intn(0x80))
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		got, ok := appendKey(nil, s)
		if want := normaliseString(s); ok && string(got) != want {
			t.Fatalf("appendKey(%q) = %q, normaliseString %q", s, got, want)
		}
		if !ok && !strings.ContainsAny(s, "&é") {
			t.Fatalf("appendKey(%q) refused an ASCII text without '&'", s)
		}
	}
}
