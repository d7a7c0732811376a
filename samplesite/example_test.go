package samplesite_test

import (
	"fmt"
	"net/http/httptest"
	"strings"

	"github.com/framewatch/framewatch/samplesite"
)

// A crawl test serves the site, configures its sources and compares what
// it stored with Expect.
func Example() {
	site := samplesite.New(samplesite.Options{})
	srv := httptest.NewServer(site)
	defer srv.Close()

	for _, s := range samplesite.Sources("http://127.0.0.1:8080") {
		line := fmt.Sprintf("%-24s %-6s %-7s %s %s", s.Name, s.Kind, s.Topic, s.URL, s.Links)
		fmt.Println(strings.TrimSpace(line))
	}
	want := samplesite.Expect(srv.URL, true) // crawl timeout below site.SlowDelay()
	feedOnly := 0
	for _, e := range want {
		if e.FeedOnly {
			feedOnly++
		}
	}
	fmt.Printf("one crawl stores %d articles, %d of them feed-only\n", len(want), feedOnly)
	// Output:
	// northern-gazette         rss    justice http://127.0.0.1:8080/gazette/crime/rss.xml
	// northern-gazette-courts  rss    justice http://127.0.0.1:8080/gazette/courts/index.rdf
	// daily-courier            rss    justice http://127.0.0.1:8080/courier/crime/atom.xml
	// justice-weekly           rss    justice http://127.0.0.1:8080/justiceweekly/feed.json
	// capital-dispatch         rss    all     http://127.0.0.1:8080/dispatch/news/feed/
	// eastmoor-chronicle       scrape justice http://127.0.0.1:8080/chronicle/news/crime/ a.story-link
	// one crawl stores 35 articles, 3 of them feed-only
}
