// Package samplesite is a fake web of invented UK news outlets, served from
// embedded files, for end-to-end crawl tests, extraction measurements and
// `framewatch demo`. Outlets, people, towns and prisons are fictional; public
// bodies (Parole Board, HM Inspectorate of Prisons, Sentencing Council) appear
// only in their ordinary roles.
//
// One handler serves every outlet under its own path prefix, so a single
// httptest server (or a loopback listener) is the whole web. Pages never
// contain the server's address: links are relative or written with the
// placeholder {{base}}, replaced at serve time by the request's scheme and
// host, so the site works on any port.
//
//	prefix           outlet                                  source(s) (see Sources)
//	/gazette/        Northern Gazette, regional daily        northern-gazette: RSS 2.0 /gazette/crime/rss.xml
//	                 (<article>, og + article:published_time) northern-gazette-courts: RSS 1.0 /gazette/courts/index.rdf
//	/courier/        The Daily Courier, national tabloid     daily-courier: Atom /courier/crime/atom.xml
//	                 (div markup, no <article>; JSON-LD; AMP)
//	/justiceweekly/  Justice Weekly, specialist magazine     justice-weekly: JSON Feed /justiceweekly/feed.json
//	/dispatch/       The Capital Dispatch, general news      capital-dispatch: RSS 2.0 /dispatch/news/feed/, topic "all"
//	                 (WordPress markup)
//	/chronicle/      Eastmoor Chronicle, weekly, old CMS     eastmoor-chronicle: scrape /chronicle/news/crime/,
//	                 (tables; windows-1252 / ISO-8859-1)      links "a.story-link" (ListingSelector)
//
// The special cases a crawler must handle, and where they are:
//
//   - tracking parameters: the Gazette RSS links the knife-attack story with
//     ?utm_source=…; the Courier Atom links the "walks free" story with utm_*.
//   - fragment: the Gazette RSS 1.0 feed links the knife-attack story with #comments.
//   - AMP: the Courier Atom links /courier/amp/news/…/, whose canonical is the
//     normal page (which declares rel=amphtml back).
//   - root-relative feed link: the Gazette RSS links the inquest story as
//     "/gazette/news/courts/…" (resolve against the feed URL).
//   - relative listing links: "x.html", "./x.html", "/chronicle/…" and {{base}} forms;
//     the lead story is linked twice (image and headline).
//   - syndication: groups "syn-prison-population" (Gazette, Courier) and
//     "syn-court-backlog" (Dispatch, Chronicle in windows-1252): one agency
//     story, different headlines, one sentence added or removed, different
//     credit lines outside the body.
//   - 404: a Justice Weekly feed item whose page was removed.
//   - PDF: a Justice Weekly feed item pointing at an application/pdf file.
//   - slow page: the Gazette's probation-hub story waits Options.SlowDelay
//     (DefaultSlowDelay, 3s) before answering; it gives up when the client does.
//   - no date: the Justice Weekly letters page (feed item and page both undated).
//   - charsets: Chronicle pages are genuinely encoded: windows-1252 declared
//     only in the Content-Type header, windows-1252 declared only by
//     <meta charset>, ISO-8859-1 declared only by <meta http-equiv>, and
//     windows-1252 declared in both. The listing is windows-1252 (header).
//   - robots.txt disallows /chronicle/members/; the listing links one story there.
//   - off-topic items in the general feed, each a false friend: tennis court,
//     a drug trial of a medicine, stem/tumour cells with a "prison" metaphor,
//     a grammar "sentence", Crown jewellery (royal court, museum custody),
//     a battery "charged", an airline "bailed out".
//   - conditional GET: feeds carry ETag and Last-Modified and answer 304;
//     Site counts requests, conditional requests and 304s per path.
//   - clutter: cookie banners, nav, ads (also inside the body), share
//     buttons, READ MORE links inside the body, related stories, most read,
//     newsletter boxes and readers' comments full of "lock them up" language.
//
// The ground truth the tests need is data in this package: Articles (what
// each page should extract to: canonical URL, title, byline, date, exact body
// text, relevance, syndication group), Links (every feed item and listing
// link, with the status a fetch returns and what a crawl should do with it),
// Sources (the config a test needs), and Expect / ExpectedURLs (what one full
// crawl stores, derived from Links).
package samplesite
