package samplesite

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"
)

// A site told the day it runs moves every date by whole weeks, so the
// newest article falls in the last complete week; the ground truth's dates
// plus Shift are what it serves.
func TestShiftedDates(t *testing.T) {
	now := time.Date(2027, 3, 17, 15, 0, 0, 0, time.UTC) // a Wednesday
	site := New(Options{Now: now, SlowDelay: time.Millisecond})
	shift := site.Shift()
	if shift <= 0 || shift%(7*24*time.Hour) != 0 {
		t.Fatalf("shift %v: want a positive whole number of weeks", shift)
	}
	var newest time.Time
	for _, l := range Links() {
		if a, ok := ArticleByID(l.Article); ok && a.Published.After(newest) {
			newest = a.Published
		}
	}
	if got, lastMonday := newest.Add(shift), time.Date(2027, 3, 8, 0, 0, 0, 0, time.UTC); got.Before(lastMonday) || !got.Before(lastMonday.AddDate(0, 0, 7)) {
		t.Errorf("newest article moves to %v, want within the week of %v", got, lastMonday)
	}
	if New(Options{}).Shift() != 0 {
		t.Error("a site without Now must keep its fixed dates")
	}

	fixed := httptest.NewServer(New(Options{SlowDelay: time.Millisecond}))
	defer fixed.Close()
	moved := httptest.NewServer(site)
	defer moved.Close()
	get := func(base, path string) string {
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return strings.ReplaceAll(string(b), base, "BASE")
	}
	checked := 0
	for _, src := range Sources("") {
		if src.Kind != "rss" {
			continue
		}
		a, b := get(fixed.URL, src.URL), get(moved.URL, src.URL)
		dates := regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)`)
		da, db := dates.FindAllString(a, -1), dates.FindAllString(b, -1)
		if len(da) != len(db) {
			t.Fatalf("%s: %d dates, shifted %d", src.URL, len(da), len(db))
		}
		for i := range da {
			ta, _ := time.Parse(time.RFC3339, da[i])
			tb, _ := time.Parse(time.RFC3339, db[i])
			if tb.Sub(ta) != shift {
				t.Errorf("%s: %s became %s, want +%v", src.URL, da[i], db[i], shift)
			}
			checked++
		}
	}
	for _, l := range Links() {
		a, ok := ArticleByID(l.Article)
		if !ok || a.Published.IsZero() || l.Status != 200 {
			continue
		}
		page := get(moved.URL, a.Path)
		at := a.Published.Add(shift)
		if !strings.Contains(page, at.Format("2006-01-02")) && !strings.Contains(page, at.Format("02/01/2006")) {
			t.Errorf("%s: shifted page lacks its date %s", a.Path, at.Format("2006-01-02"))
		}
		checked++
	}
	if checked < 20 {
		t.Errorf("only %d dates checked", checked)
	}
}
