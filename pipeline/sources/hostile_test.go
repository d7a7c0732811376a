package sources

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// Hostile feeds of docs/reliability.md: each parses or fails in bounded
// time and memory, and never expands into something larger than it is.

func TestEntityBombFeed(t *testing.T) {
	// Billion laughs: ten levels of ten references, 10^9 "lol"s if expanded.
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?>` + "\n<!DOCTYPE rss [\n<!ENTITY lol0 \"lol\">\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "<!ENTITY lol%d \"%s\">\n", i, strings.Repeat(fmt.Sprintf("&lol%d;", i-1), 10))
	}
	b.WriteString("]>\n<rss version=\"2.0\"><channel><title>&lol9;</title>" +
		"<item><title>&lol9;</title><link>https://bomb.example/a</link><description>&lol9;</description></item>" +
		"</channel></rss>")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	items, err := ParseFeed([]byte(b.String()), "https://bomb.example/feed")
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
		t.Errorf("parsing a %d-byte entity bomb allocated %d MiB: entities were expanded", b.Len(), grew>>20)
	}
	for _, it := range items {
		if len(it.Title)+len(it.Summary) > b.Len() {
			t.Errorf("item grew to %d bytes from a %d-byte feed", len(it.Title)+len(it.Summary), b.Len())
		}
	}
	if err == nil && len(items) != 1 {
		t.Errorf("entity bomb: %d items, want the one item (or an error)", len(items))
	}
}

func TestTwentyThousandItemFeed(t *testing.T) {
	const n = 20000
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Big</title><link>https://big.example/</link>`)
	for i := range n {
		fmt.Fprintf(&b, "<item><title>Court story %d</title><link>https://big.example/news/%d</link>"+
			"<pubDate>Mon, 02 Nov 2026 09:30:00 +0000</pubDate><description>Sentenced at crown court.</description></item>", i, i)
	}
	b.WriteString("</channel></rss>")
	items, err := ParseFeed([]byte(b.String()), "https://big.example/feed")
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != n {
		t.Fatalf("%d items, want %d", len(items), n)
	}
	seen := make(map[string]bool, n)
	for _, it := range items {
		if seen[it.URL] {
			t.Fatalf("duplicate item URL %s", it.URL)
		}
		seen[it.URL] = true
	}
	if items[n-1].URL != fmt.Sprintf("https://big.example/news/%d", n-1) {
		t.Errorf("last item = %s", items[n-1].URL)
	}
}
