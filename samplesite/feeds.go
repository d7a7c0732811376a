package samplesite

import (
	"fmt"
	"net/http"
	"time"

	"github.com/framewatch/framewatch/news"
)

// FeedOnly is the expected outcome for a feed item whose page cannot be
// used (404, PDF, timeout): the article is stored from the feed's own title
// and summary and marked feed_only.
const FeedOnly = "feed_only"

// Paths of the special cases, named once.
const (
	pdfPath      = "/justiceweekly/files/annual-report-2025-26.pdf"
	notFoundPath = "/justiceweekly/2026/10/hmp-westgate-inspection-findings"
	blockedPath  = "/chronicle/members/crime/county-lines-gang-jailed.html"
)

// feed is a feed or a scrape listing: the items it links to, in order.
type feed struct {
	path, source, outlet, format, title, desc, topic string
	items                                            []item
	modified                                         time.Time
}

// item is one link in a feed or listing. With article set, title, summary
// and date default to the article's; href defaults to the canonical URL.
type item struct {
	article        string
	href           string // as written in the feed; may be relative or hold {{base}}
	title, summary string
	byline         string
	date           time.Time
	status         int
	expect         string
}

// feedDefs lists every feed and the listing. The order of the slice is the
// order of Sources.
func feedDefs() []*feed {
	return []*feed{
		{
			path: "/gazette/crime/rss.xml", source: "northern-gazette", outlet: "gazette", format: "rss2", topic: "justice",
			title: "Northern Gazette - Crime", desc: "Crime and justice news from Calderbrook and the Pennine towns",
			items: []item{
				{article: "g-knife-jailed", href: "{{base}}/gazette/news/crime/calderbrook-man-jailed-six-years-knife-attack-20431?utm_source=rss&utm_medium=feed&utm_campaign=crime"},
				{article: "g-prison-population"},
				{article: "g-shoplifter-addiction"},
				{article: "g-custody-inquest", href: "/gazette/news/courts/inquest-man-restrained-police-custody-20425"},
				{article: "g-probation-hub"},
				{article: "g-hollins-moor-inspection"},
				{article: "g-youth-diversion"},
				{article: "g-bakery-second-chance"},
			},
		},
		{
			path: "/gazette/courts/index.rdf", source: "northern-gazette-courts", outlet: "gazette", format: "rss1", topic: "justice",
			title: "Northern Gazette - Courts", desc: "Reports from Calderbrook Crown Court and the magistrates' courts",
			items: []item{
				{article: "g-knife-jailed", href: "{{base}}/gazette/news/crime/calderbrook-man-jailed-six-years-knife-attack-20431#comments"},
				{article: "g-shoplifter-addiction"},
				{article: "g-custody-inquest"},
			},
		},
		{
			path: "/courier/crime/atom.xml", source: "daily-courier", outlet: "courier", format: "atom", topic: "justice",
			title: "The Daily Courier | Crime", desc: "The latest crime news from The Daily Courier",
			items: []item{
				{article: "c-early-release"},
				{article: "c-monster-caged"},
				{article: "c-thug-walks-free", href: "{{base}}/courier/amp/news/fury-thug-walks-free-suspended-sentence/"},
				{article: "c-jails-full"},
				{article: "c-holiday-camp"},
				{article: "c-junkie-burglar"},
				{article: "c-parole-killer"},
				{article: "c-leader-soft-justice"},
				{article: "c-thug-walks-free", href: "{{base}}/courier/news/fury-thug-walks-free-suspended-sentence/?utm_source=atom&utm_medium=feed&utm_campaign=crime-latest"},
			},
		},
		{
			path: "/justiceweekly/feed.json", source: "justice-weekly", outlet: "justiceweekly", format: "jsonfeed", topic: "justice",
			title: "Justice Weekly", desc: "News and analysis for people who work in criminal justice",
			items: []item{
				{article: "j-self-inflicted-deaths"},
				{article: "j-probation-caseloads"},
				{article: "j-stop-saying-offender"},
				{article: "j-short-sentences"},
				{article: "j-letters"},
				{article: "j-prison-educator-qa"},
				{article: "j-womens-centres"},
				{article: "j-parole-explained"},
				{
					href: "{{base}}" + pdfPath, title: "Justice Weekly annual report 2025-26 (PDF)",
					summary: "Our annual report to readers and subscribers, with the year's most-read investigations and our editorial standards statement.",
					byline:  "Justice Weekly", date: date("2026-11-03T10:00:00Z"), status: http.StatusOK, expect: FeedOnly,
				},
				{
					href: "{{base}}" + notFoundPath, title: "HMP Westgate: inspectors find progress on safety but little purposeful activity",
					summary: "An unannounced inspection of the category C prison found violence had fallen but most men spent over 20 hours a day in their cells.",
					byline:  "Hannah Lowe", date: date("2026-10-28T08:00:00Z"), status: http.StatusNotFound, expect: FeedOnly,
				},
			},
		},
		{
			path: "/dispatch/news/feed/", source: "capital-dispatch", outlet: "dispatch", format: "rss2", topic: "all",
			title: "The Capital Dispatch", desc: "News, analysis and culture",
			items: []item{
				{article: "d-sentencing-bill"},
				{article: "d-police-cells"},
				{article: "d-ev-battery"},
				{article: "d-court-backlog"},
				{article: "d-tennis-court"},
				{article: "d-airline-bailout"},
				{article: "d-drugs-trial-collapses"},
				{article: "d-dementia-drug-trial"},
				{article: "d-grammar-sentence"},
				{article: "d-youth-custody-low"},
				{article: "d-stem-cell"},
				{article: "d-crown-jewels"},
			},
		},
		{
			path: "/chronicle/news/crime/", source: "eastmoor-chronicle", outlet: "chronicle", format: "listing", topic: "justice",
			title: "Crime | Eastmoor Chronicle", desc: "Crime and court news from Eastmoor and district",
			items: []item{
				{article: "e-burglary-spree", href: "burglary-spree-admitted.html"},
				{article: "e-court-backlog", href: "/chronicle/news/crime/court-delays-victims.html"},
				{article: "e-members-exclusive", href: "/chronicle/members/crime/county-lines-gang-jailed.html", expect: news.Skipped},
				{article: "e-restorative-justice", href: "./restorative-justice-victim-meeting.html"},
				{article: "e-community-payback", href: "{{base}}/chronicle/news/crime/community-payback-war-memorial.html"},
			},
		},
	}
}

// loadFeeds fills item defaults from the articles and checks every item
// names an article that exists.
func (c *siteContent) loadFeeds() error {
	for _, f := range feedDefs() {
		if c.feeds[f.path] != nil {
			return fmt.Errorf("feed %s defined twice", f.path)
		}
		for i := range f.items {
			it := &f.items[i]
			if it.article != "" {
				a := c.byID[it.article]
				if a == nil {
					return fmt.Errorf("feed %s: item %d: no article %q", f.path, i, it.article)
				}
				if it.href == "" {
					it.href = "{{base}}" + a.Path
				}
				if it.title == "" {
					it.title = a.Title
				}
				if it.summary == "" {
					it.summary = a.Summary
				}
				if it.byline == "" {
					it.byline = a.Byline
				}
				if it.date.IsZero() {
					it.date = a.Published
				}
				if it.status == 0 {
					it.status = http.StatusOK
				}
				if it.expect == "" {
					it.expect = news.Stored
					if f.topic == "all" && !a.Relevant {
						it.expect = news.OffTopic
					}
					if a.slow {
						it.expect = FeedOnly
					}
				}
				a.LinkedFrom = appendOnce(a.LinkedFrom, f.path)
				if a.Source == "" {
					a.Source = f.source
				}
			}
			if it.date.After(f.modified) {
				f.modified = it.date
			}
		}
		c.feeds[f.path] = f
		c.feedSeq = append(c.feedSeq, f)
	}
	for _, p := range c.pages {
		if len(p.LinkedFrom) == 0 {
			return fmt.Errorf("article %s: no feed or listing links to it", p.ID)
		}
	}
	return nil
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
