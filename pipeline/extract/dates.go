package extract

import (
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // London time for naive dates, even in a scratch container
)

// london is where a date without a zone was most likely written: the
// sources are UK outlets. Falls back to UTC if the zone database is missing.
var london = func() *time.Location {
	if l, err := time.LoadLocation("Europe/London"); err == nil {
		return l
	}
	return time.UTC
}()

// zoned layouts carry their own offset; naive ones are read as London time.
var zoned = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -0700 MST",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 02 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04:05 -0700",
	time.RFC850,
	time.ANSIC,
}

var naive = []string{
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02",
	"20060102",
	"2 January 2006 15:04",
	"2 January 2006, 15:04",
	"2 January 2006",
	"2 Jan 2006 15:04",
	"2 Jan 2006, 15:04",
	"2 Jan 2006",
	"January 2, 2006 15:04",
	"January 2, 2006",
	"Jan 2, 2006",
	"Monday 2 January 2006 15:04",
	"Monday 2 January 2006",
	"Monday, 2 January 2006",
	"02/01/2006 15:04",
	"15:04, Mon, Jan 2, 2006",
	"15:04 Mon Jan 2 2006",
	"Monday 2 January 2006, 3:04pm",
	"Monday 2 January 2006 3:04pm",
	"2 January 2006, 3:04pm",
	"3:04pm, 2 January 2006",
	"3:04pm 2 January 2006",
	"15:04, 2 January 2006",
	"02/01/2006", // UK order
}

var datelinePrefix = regexp.MustCompile(`(?i)^(posted|published|first published|date)( on| at)?\s*:?\s*`)

var ordinal = regexp.MustCompile(`(\d)(st|nd|rd|th)\b`)

// parseDate reads the date formats seen in article metadata. The result is
// UTC; ok is false for anything it cannot read or a year outside 1990–2100
// (a sign of a template placeholder or a misread number).
func parseDate(s string) (t time.Time, ok bool) {
	t, _, ok = parseDateTime(s)
	return t, ok
}

// parseDateTime is parseDate that also says whether s had a time of day.
func parseDateTime(s string) (t time.Time, clock, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false, false
	}
	s = ordinal.ReplaceAllString(s, "$1")
	s = strings.Join(strings.Fields(s), " ")
	// Unix seconds or milliseconds, as some CMSs emit.
	if isDigits(s) && (len(s) == 10 || len(s) == 13) {
		var n int64
		for _, c := range s {
			n = n*10 + int64(c-'0')
		}
		if len(s) == 13 {
			n /= 1000
		}
		t, ok := plausible(time.Unix(n, 0))
		return t, true, ok
	}
	for _, l := range zoned {
		if t, err := time.Parse(l, s); err == nil {
			t, ok := plausible(t)
			return t, true, ok
		}
	}
	for _, l := range naive {
		if t, err := time.ParseInLocation(l, s, london); err == nil {
			t, ok := plausible(t)
			return t, strings.Contains(l, "15") || strings.Contains(l, "3:04"), ok
		}
	}
	return time.Time{}, false, false
}

func plausible(t time.Time) (time.Time, bool) {
	if t.Year() < 1990 || t.Year() > 2100 {
		return time.Time{}, false
	}
	return t.UTC(), true
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// published returns the publication time: the first readable date from,
// in order, Open Graph, JSON-LD, other meta conventions and <time>; when
// that has no time of day, a visible dateline of the same day that has one
// ("Posted: 12/11/2026 09:00") refines it, and with no machine-readable date
// at all the dateline is used alone. A modification date is never used: it
// would date an old story as new.
func (m *meta) published() time.Time {
	t, _ := m.publishedFrom()
	return t
}

// publishedFrom is published with where the date was read.
func (m *meta) publishedFrom() (time.Time, string) {
	type cand struct{ v, from string }
	machine := []cand{
		{m.tag("article:published_time", "og:article:published_time"), "article:published_time"},
		{m.ldString("datePublished"), "json-ld datePublished"},
		{m.tag("datepublished", "date", "dc.date.issued", "dc.date", "dcterms.created",
			"pubdate", "publishdate", "publish-date", "publish_date", "sailthru.date",
			"parsely-pub-date", "article.published", "cxenseparse:recs:publishtime", "og:published_time"), "<meta> date"},
	}
	for _, t := range m.times {
		machine = append(machine, cand{t, "<time datetime>"})
	}
	machine = append(machine, cand{m.ldString("dateCreated"), "json-ld dateCreated"})
	var day time.Time
	dayFrom := ""
	for _, c := range machine {
		if t, clock, ok := parseDateTime(c.v); ok {
			if clock {
				return t, c.from
			}
			day, dayFrom = t, c.from
			break
		}
	}
	for _, d := range m.datelines {
		if strings.Contains(strings.ToLower(d), "updated") {
			continue
		}
		t, clock, ok := parseDateTime(datelinePrefix.ReplaceAllString(d, ""))
		if !ok {
			continue
		}
		if day.IsZero() {
			return t, "dateline"
		}
		if clock && sameDay(t, day) {
			return t, dayFrom + ", time of day from the dateline"
		}
	}
	return day, dayFrom
}

// sameDay compares calendar days in London, where the dates were written.
func sameDay(a, b time.Time) bool {
	ay, am, ad := a.In(london).Date()
	by, bm, bd := b.In(london).Date()
	return ay == by && am == bm && ad == bd
}
