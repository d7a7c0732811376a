package web

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/framewatch/framewatch/app"
	"github.com/framewatch/framewatch/config"
	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/report/reporttest"
	"github.com/framewatch/framewatch/storage"
)

func TestMain(m *testing.M) { reporttest.Main(m) }

// now is a Tuesday in 2026-W48, so "this week" is the seeded 2026-W47.
var now = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

func seeded(t testing.TB) *storage.Store {
	t.Helper()
	st := reporttest.OpenServer(t)
	reporttest.Seed(t, st)
	return st
}

func newServer(t testing.TB, st *storage.Store, serve config.Serve) *Server {
	t.Helper()
	cfg := config.Defaults()
	cfg.Serve = serve
	cfg.Sources = nil
	a := app.New(&cfg, app.Options{Store: st, Log: slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelError}))})
	s, err := New(a, Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// testWriter sends the server's error log to the test's log.
type testWriter struct{ t testing.TB }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}

type resp struct {
	status int
	body   string
	header http.Header
}

func do(t testing.TB, h http.Handler, r *http.Request) resp {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	b, _ := io.ReadAll(w.Result().Body)
	return resp{w.Code, string(b), w.Result().Header}
}

func get(t testing.TB, h http.Handler, target string) resp {
	return do(t, h, httptest.NewRequest("GET", target, nil))
}

// exampleURLs are the article links of the examples a page lists, in order.
var exampleRe = regexp.MustCompile(`<li class="example">\s*<h3><a href="/article\?url=([^"]+)"`)

func exampleURLs(t testing.TB, body string) []string {
	var out []string
	for _, m := range exampleRe.FindAllStringSubmatch(body, -1) {
		u, err := url.QueryUnescape(strings.ReplaceAll(m[1], "&amp;", "&"))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, u)
	}
	return out
}

func TestPages(t *testing.T) {
	st := seeded(t)
	s := newServer(t, st, config.Serve{})
	for _, c := range []struct {
		target string
		status int
		want   string
	}{
		{"/", 200, "This week: 2026-W47"},
		{"/examples", 200, "Examples explorer"},
		{"/article?url=https://ng.example/a1", 200, "Prison leaver Jo Bloggs"},
		{"/digests", 200, `href="/digests/2026-W47"`},
		{"/digests/2026-W47", 200, "<svg"},
		{"/digests/2026-W47.md", 200, "## Coverage"},
		{"/trends", 200, "Share of stories carrying each frame"},
		{"/rules", 200, "people.offender"},
		{"/sources", 200, "timeout after 20s"},
		{"/check", 200, "Check a text"},
		{"/static/app.css", 200, "WCAG"},
		{"/nope", 404, "There is no such page"},
		{"/article?url=https://nowhere.example/x", 404, "no stored article"},
		{"/article", 400, "?url="},
		{"/examples?voice=loud", 400, "--voice"},
		{"/examples?page=0", 400, "page must be"},
		{"/examples?per=7", 400, "per must be"},
		{"/examples?since=yesterday", 400, "--since"},
		{"/digests/2026-W99", 400, "2026-W99"},
		{"/trends?voice=loud", 400, "voice"},
		{"/handout", 400, "choose examples"},
		{"/example?ref=nonsense", 400, "location:offset:rule:url"},
	} {
		r := get(t, s, c.target)
		if r.status != c.status || !strings.Contains(r.body, c.want) {
			t.Errorf("GET %s: %d, want %d and %q in\n%.400s", c.target, r.status, c.status, c.want, r.body)
		}
		if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "script-src") {
			t.Errorf("GET %s: CSP %q", c.target, csp)
		}
	}
	// The week page links into the examples behind its figures.
	if r := get(t, s, "/"); !strings.Contains(r.body, "/examples?rule=dehum.monster&amp;voice=journalist&amp;since=2026-11-16&amp;until=2026-11-22") {
		t.Errorf("this week lacks the link to its monster examples:\n%s", r.body)
	}
	// JSON: the same view models.
	var ex []struct{ URL, Rule string }
	if r := get(t, s, "/examples?rule=people.offender&voice=journalist&format=json"); r.status != 200 || json.Unmarshal([]byte(r.body), &ex) != nil ||
		len(ex) != 1 || ex[0].URL != "https://ng.example/a5" {
		t.Errorf("examples JSON: %d %s", r.status, r.body)
	}
	var art app.ArticleView
	if r := get(t, s, "/article?url=https://ng.example/a1&format=json"); json.Unmarshal([]byte(r.body), &art) != nil || len(art.Copies) != 1 || art.Copies[0].URL != "https://dc.example/b1" || art.Ruleset != "rs1" {
		t.Errorf("article JSON: %+v", art)
	}
}

func TestExampleFilters(t *testing.T) {
	st := seeded(t)
	// The outlet type comes from the config's sources, recorded in the store.
	if err := st.SaveSources(context.Background(), []news.Source{{Name: "ng", Outlet: "Northern Gazette", Kind: "rss",
		URL: "https://ng.example/feed", OutletType: "regional"}}); err != nil {
		t.Fatal(err)
	}
	s := newServer(t, st, config.Serve{})
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"rule=people.offender&voice=journalist", []string{"https://ng.example/a5"}},
		{"rule=people.offender&voice=quote", []string{"https://ng.example/a1"}},
		{"category=prison", []string{"https://dc.example/b3"}},
		{"frame=rehabilitative", []string{"https://ng.example/a1"}},
		{"outlet=Evening+Post&rule=dehum.monster", []string{"https://ep.example/c2"}},
		{"rule=dehum.monster&since=2026-11-16&until=2026-11-22", []string{"https://ng.example/a2"}},
		{"rule=dehum.monster&until=2026-11-15", []string{"https://ng.example/p2"}},
		{"location=headline&rule=dehum.monster&since=2026-11-16", []string{"https://ng.example/a2"}},
		{"location=body", []string{"https://dc.example/b3"}},
		{"search=arrested", []string{"https://ng.example/a5"}},
		{"outlet_type=regional&rule=dehum.monster&since=2026-11-16", []string{"https://ng.example/a2"}},
		{"outlet_type=national&rule=dehum.monster", nil},
		{"rule=dehum.monster&since=2026-11-16&all_copies=1", []string{"https://ep.example/c2", "https://dc.example/b2", "https://ng.example/a2"}},
		// Crafted values are values: none can change the SQL.
		{"outlet=" + url.QueryEscape("x' OR 1=1 --"), nil},
		{"rule=" + url.QueryEscape("') OR ('1'='1"), nil},
		{"search=" + url.QueryEscape("%' UNION SELECT url FROM articles --"), nil},
	} {
		r := get(t, s, "/examples?"+c.query)
		got := exampleURLs(t, r.body)
		if r.status != 200 || strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("/examples?%s: %d, examples %v, want %v", c.query, r.status, got, c.want)
		}
	}
	if r := get(t, s, "/trends?outlet="+url.QueryEscape("x' OR 1=1 --")+"&format=json"); r.status != 200 || strings.Contains(r.body, `"flags": 1`) {
		t.Errorf("crafted trends outlet: %d %s", r.status, r.body)
	}
}

func TestScrapedTextEscaped(t *testing.T) {
	s := newServer(t, seeded(t), config.Serve{})
	for _, target := range []string{"/examples?rule=people.offender", "/article?url=https://ng.example/a5", "/example?ref=" + url.QueryEscape("lead:16:people.offender:https://ng.example/a5")} {
		r := get(t, s, target)
		if r.status != 200 || strings.Contains(r.body, "<script>") || !strings.Contains(r.body, "&lt;script&gt;alert") {
			t.Errorf("GET %s: %d; the seeded <script> headline is not escaped (or absent):\n%.600s", target, r.status, r.body)
		}
		if strings.Contains(r.body, `href="javascript:`) {
			t.Errorf("GET %s: a javascript: link survived", target)
		}
	}
}

func TestPaginationAndExports(t *testing.T) {
	st := reporttest.OpenServer(t)
	reporttest.Synthetic(t, st, 60, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), 4)
	s := newServer(t, st, config.Serve{})
	const q = "rule=people.offender&all_copies=1"
	p1 := get(t, s, "/examples?"+q)
	first := exampleURLs(t, p1.body)
	if len(first) != 25 || !strings.Contains(p1.body, `href="/examples?all_copies=1&amp;page=2&amp;rule=people.offender" rel="next"`) || strings.Contains(p1.body, `rel="prev"`) {
		t.Fatalf("page 1: %d examples, next/prev links wrong", len(first))
	}
	p3 := get(t, s, "/examples?"+q+"&page=3")
	third := exampleURLs(t, p3.body)
	if len(third) != 10 || strings.Contains(p3.body, `rel="next"`) || !strings.Contains(p3.body, `rel="prev"`) {
		t.Errorf("page 3: %d examples, want the last 10 and no next page", len(third))
	}
	seen := map[string]bool{}
	for p := 1; p <= 3; p++ {
		for _, u := range exampleURLs(t, get(t, s, "/examples?"+q+"&page="+string(rune('0'+p))).body) {
			if seen[u] {
				t.Errorf("%s on two pages", u)
			}
			seen[u] = true
		}
	}
	if len(seen) != 60 {
		t.Errorf("3 pages hold %d distinct examples, want 60", len(seen))
	}
	// The CSV and Markdown exports hold exactly the examples of the view.
	c := get(t, s, "/examples?"+q+"&page=2&format=csv")
	recs, err := csv.NewReader(strings.NewReader(c.body)).ReadAll()
	if err != nil || c.status != 200 || !strings.Contains(c.header.Get("Content-Disposition"), "examples.csv") {
		t.Fatalf("csv: %d %v", c.status, err)
	}
	urlCol := -1
	for i, h := range recs[0] {
		if h == "url" {
			urlCol = i
		}
	}
	var csvURLs []string
	for _, r := range recs[1:] {
		csvURLs = append(csvURLs, r[urlCol])
	}
	page2 := exampleURLs(t, get(t, s, "/examples?"+q+"&page=2").body)
	if strings.Join(csvURLs, " ") != strings.Join(page2, " ") {
		t.Errorf("csv export %v\n != page 2 %v", csvURLs, page2)
	}
	md := get(t, s, "/examples?"+q+"&page=2&format=md")
	for _, u := range page2 {
		if !strings.Contains(md.body, u) {
			t.Errorf("markdown export lacks %s", u)
		}
	}
	if n := strings.Count(md.body, "https://synthetic.example/"); n < len(page2) {
		t.Errorf("markdown export has %d links for %d examples", n, len(page2))
	}
}

func TestHandout(t *testing.T) {
	s := newServer(t, seeded(t), config.Serve{})
	page := get(t, s, "/examples?rule=people.offender&all_copies=1")
	refs := regexp.MustCompile(`name="ex" value="([^"]+)"`).FindAllStringSubmatch(page.body, -1)
	if len(refs) != 3 { // a5 (journalist), c4 (author), a1 (quote)
		t.Fatalf("%d handout checkboxes, want 3", len(refs))
	}
	q := url.Values{"title": {"Week 47 <b>workshop</b>"}}
	for i := len(refs) - 1; i >= 0; i-- { // the handout keeps the trainer's order
		q.Add("ex", strings.ReplaceAll(refs[i][1], "&amp;", "&"))
	}
	h := get(t, s, "/handout?"+q.Encode())
	if h.status != 200 || !strings.Contains(h.body, "Week 47 &lt;b&gt;workshop&lt;/b&gt;") {
		t.Fatalf("handout: %d\n%.500s", h.status, h.body)
	}
	if a1, a5 := strings.Index(h.body, "https://ng.example/a1"), strings.Index(h.body, "https://ng.example/a5"); a1 < 0 || a5 < 0 || a1 > a5 {
		t.Errorf("handout order: a1 at %d, a5 at %d; want a1 first", a1, a5)
	}
	for _, f := range []string{"md", "csv", "html"} {
		r := get(t, s, "/handout?"+q.Encode()+"&format="+f)
		if r.status != 200 || !strings.Contains(r.body, "ng.example/a5") {
			t.Errorf("handout %s: %d", f, r.status)
		}
	}
	one := get(t, s, "/example?ref="+url.QueryEscape("lead:16:people.offender:https://ng.example/a5"))
	if one.status != 200 || !strings.Contains(one.body, "<mark>offender</mark>") {
		t.Errorf("example permalink: %d\n%.500s", one.status, one.body)
	}
	if r := get(t, s, "/example?ref="+url.QueryEscape("lead:15:people.offender:https://ng.example/a5")); r.status != 404 {
		t.Errorf("example at a wrong offset: %d, want 404", r.status)
	}
}

func TestAuth(t *testing.T) {
	st := reporttest.OpenServer(t)
	const token = "0123456789abcdef-token"
	const hash = "$2a$04$gTpnU8kAPoLPFSaR975KQ.jpwwAFNQzVjpQsjqUvuXwQR/MwgHRgm" // "secret"
	s := newServer(t, st, config.Serve{Token: token, Users: []config.User{{Name: "comms", PasswordHash: hash}}})
	for _, p := range []string{"/", "/examples", "/rules", "/check", "/digests/2026-W47.md", "/nope"} {
		r := get(t, s, p)
		if r.status != 401 || !strings.Contains(r.header.Get("WWW-Authenticate"), "Basic") || strings.Contains(r.body, token) {
			t.Errorf("GET %s without credentials: %d", p, r.status)
		}
	}
	if r := do(t, s, httptest.NewRequest("POST", "/check", strings.NewReader("text=x"))); r.status != 401 {
		t.Errorf("POST /check without credentials: %d", r.status)
	}
	req := httptest.NewRequest("GET", "/rules", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	if r := do(t, s, req); r.status != 200 {
		t.Errorf("bearer token: %d", r.status)
	}
	req = httptest.NewRequest("GET", "/rules", nil)
	req.Header.Set("Authorization", "Bearer wrong-token-0123456")
	if r := do(t, s, req); r.status != 401 {
		t.Errorf("wrong bearer token: %d", r.status)
	}
	r := get(t, s, "/rules?token="+token+"&x=1")
	if r.status != 303 || r.header.Get("Location") != "/rules?x=1" {
		t.Fatalf("?token=: %d to %q, want 303 to the address without it", r.status, r.header.Get("Location"))
	}
	cookie := r.header.Get("Set-Cookie")
	if !strings.Contains(cookie, "HttpOnly") || !strings.Contains(cookie, "SameSite=Strict") || strings.Contains(cookie, token) {
		t.Errorf("session cookie %q", cookie)
	}
	req = httptest.NewRequest("GET", "/rules", nil)
	req.Header.Set("Cookie", strings.Split(cookie, ";")[0])
	if r := do(t, s, req); r.status != 200 {
		t.Errorf("session cookie: %d", r.status)
	}
	if r := get(t, s, "/rules?token=wrong"); r.status != 401 {
		t.Errorf("wrong ?token=: %d", r.status)
	}
	for _, c := range []struct {
		user, pass string
		status     int
	}{{"comms", "secret", 200}, {"comms", "secret", 200}, {"comms", "Secret", 401}, {"nobody", "secret", 401}} {
		req := httptest.NewRequest("GET", "/rules", nil)
		req.SetBasicAuth(c.user, c.pass)
		if r := do(t, s, req); r.status != c.status {
			t.Errorf("basic %s:%s: %d, want %d", c.user, c.pass, r.status, c.status)
		}
	}
	// Extra handlers: Handle is protected, HandlePublic is not.
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	s.Handle("GET /api/ping", ok)
	s.HandlePublic("GET /lb-ping", ok)
	if r := get(t, s, "/api/ping"); r.status != 401 {
		t.Errorf("Handle: %d without credentials", r.status)
	}
	// Health checks and Prometheus need no credentials.
	for _, p := range []string{"/lb-ping", "/healthz", "/metrics"} {
		if r := get(t, s, p); r.status != 200 {
			t.Errorf("public %s: %d", p, r.status)
		}
	}
}

func TestCheck(t *testing.T) {
	s := newServer(t, reporttest.OpenServer(t), config.Serve{})
	post := func(form url.Values) resp {
		req := httptest.NewRequest("POST", "/check", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return do(t, s, req)
	}
	r := post(url.Values{"text": {"The offender was jailed. \"He is a <b>monster</b>,\" the judge said."}})
	if r.status != 200 || !strings.Contains(r.body, `<mark class="match">offender</mark>`) || !strings.Contains(r.body, "person with a conviction") ||
		!strings.Contains(r.body, `class="quote"`) || strings.Contains(r.body, "<b>monster</b>") {
		t.Errorf("check: %d\n%s", r.status, r.body)
	}
	if r := post(url.Values{"text": {strings.Repeat("a", 101<<10)}}); r.status != 400 || !strings.Contains(r.body, "100 KB") {
		t.Errorf("oversized text: %d", r.status)
	}
	if r := post(url.Values{"url": {"http://127.0.0.1:1/x"}}); r.status != 400 {
		t.Errorf("private URL: %d, want 400 (the crawl's SSRF guard applies)", r.status)
	}
}

// quoted stores n stories, each one article of outlet a quoting a former
// prisoner (lived experience) and the police, an hour apart from the
// newest back.
func quoted(t testing.TB, st *storage.Store, n int) {
	t.Helper()
	var arts []news.TaggedArticle
	for i := 0; i < n; i++ {
		text := fmt.Sprintf("Police said %d men were arrested. \"I <b>served</b> my time,\" said Dee Walsh, a former prisoner.", i)
		a := reporttest.Article(fmt.Sprintf("https://qa.example/%d", i), "qa", "Quote Argus", fmt.Sprintf("q%d", i),
			fmt.Sprintf("Arrests %d", i), text, reporttest.Week47.Add(time.Duration(100-i)*time.Hour), "rs1")
		span := func(piece, role, speaker, kind string) news.QuoteSpan {
			j := strings.Index(text, piece)
			return news.QuoteSpan{Location: news.Body, Start: j, End: j + len(piece), Voice: "quote", Cue: "said",
				Speaker: speaker, Role: role, Kind: kind, Words: len(strings.Fields(piece))}
		}
		a.Quotes = []news.QuoteSpan{span(fmt.Sprintf("%d men were arrested", i), "police", "Police", "reported"),
			span(`"I <b>served</b> my time,"`, "lived_experience", "Dee Walsh", "direct")}
		arts = append(arts, a)
	}
	if err := st.SaveArticles(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveSources(context.Background(), []news.Source{{Name: "qa", Outlet: "Quote Argus", Kind: "rss",
		URL: "https://qa.example/feed", OutletType: "campaign"}}); err != nil {
		t.Fatal(err)
	}
}

// The explorer offers the CLI's --speaker-role: quotes by speakers of a
// role, paginated, exported, each with a permalink a handout can list.
func TestSpeakerRole(t *testing.T) {
	st := seeded(t)
	quoted(t, st, 30)
	s := newServer(t, st, config.Serve{})
	page := get(t, s, "/examples")
	if !strings.Contains(page.body, `<select id="f-role" name="speaker_role"`) || !strings.Contains(page.body, `<option value="lived_experience" >People with lived experience</option>`) {
		t.Fatalf("the explorer offers no speaker role filter:\n%s", page.body)
	}
	p1 := get(t, s, "/examples?speaker_role=lived_experience")
	got := exampleURLs(t, p1.body)
	if p1.status != 200 || len(got) != 25 || got[0] != "https://qa.example/0" || got[24] != "https://qa.example/24" {
		t.Fatalf("speaker_role page 1: %d, %d examples %v", p1.status, len(got), got)
	}
	for _, want := range []string{`<mark>&#34;I &lt;b&gt;served&lt;/b&gt; my time,&#34;</mark>`, `<span class="speaker">Dee Walsh</span> (People with lived experience)`,
		`href="/examples?page=2&amp;speaker_role=lived_experience" rel="next"`, `Filters: quotes by lived_experience`} {
		if !strings.Contains(p1.body, want) {
			t.Errorf("speaker_role page lacks %s", want)
		}
	}
	if strings.Contains(p1.body, "<b>served") {
		t.Error("scraped quote text not escaped")
	}
	p2 := exampleURLs(t, get(t, s, "/examples?speaker_role=lived_experience&page=2").body)
	if len(p2) != 5 || p2[0] != "https://qa.example/25" {
		t.Errorf("page 2: %v, want the last 5", p2)
	}
	if got := exampleURLs(t, get(t, s, "/examples?speaker_role=police&per=50").body); len(got) != 30 {
		t.Errorf("police quotes: %d, want 30", len(got))
	}
	for q, want := range map[string]int{
		"speaker_role=lived_experience&outlet_type=campaign&per=50": 30,
		"speaker_role=lived_experience&outlet_type=national":        0,
		"speaker_role=lived_experience&outlet=Daily+Courier":        0,
		"speaker_role=lived_experience&search=dee+walsh&per=50":     30,
		"speaker_role=lived_experience&search=arrested":             0,
		"speaker_role=judge":                                            0,
		"speaker_role=lived_experience&location=headline":               0,
		"speaker_role=lived_experience&until=2026-11-15":                0,
		"speaker_role=police&search=" + url.QueryEscape("') OR 1=1 --"): 0,
	} {
		if r := get(t, s, "/examples?"+q); r.status != 200 || len(exampleURLs(t, r.body)) != want {
			t.Errorf("/examples?%s: %d, %d examples, want %d", q, r.status, len(exampleURLs(t, r.body)), want)
		}
	}
	for _, q := range []string{"speaker_role=lived-experience", "speaker_role=" + url.QueryEscape("police' OR '1'='1"),
		"speaker_role=police&rule=people.offender", "speaker_role=police&voice=journalist"} {
		if r := get(t, s, "/examples?"+q); r.status != 400 || !strings.Contains(r.body, "--speaker-role") {
			t.Errorf("/examples?%s: %d, want 400 naming --speaker-role", q, r.status)
		}
	}
	// Exports hold exactly the quotes of the view, with speaker and role.
	c := get(t, s, "/examples?speaker_role=lived_experience&page=2&format=csv")
	recs, err := csv.NewReader(strings.NewReader(c.body)).ReadAll()
	if err != nil || c.status != 200 || len(recs) != 6 {
		t.Fatalf("csv: %d %v %d rows", c.status, err, len(recs))
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for i, r := range recs[1:] {
		if r[col["url"]] != p2[i] || r[col["speaker"]] != "Dee Walsh" || r[col["speaker_role"]] != "lived_experience" {
			t.Errorf("csv row %d: %v, want %s by Dee Walsh", i, r, p2[i])
		}
	}
	if md := get(t, s, "/examples?speaker_role=lived_experience&page=2&format=md"); !strings.Contains(md.body, "Speaker: Dee Walsh (lived\\_experience)") ||
		strings.Count(md.body, "https://qa.example/") < 5 {
		t.Errorf("markdown export:\n%s", md.body)
	}
	// A quote's permalink and a handout mixing a quote and a match.
	refs := regexp.MustCompile(`name="ex" value="([^"]+)"`).FindAllStringSubmatch(p1.body, -1)
	if len(refs) != 25 {
		t.Fatalf("%d handout checkboxes, want 25", len(refs))
	}
	ref := strings.ReplaceAll(refs[0][1], "&amp;", "&")
	if !strings.HasPrefix(ref, "body:") || !strings.Contains(ref, "::https://qa.example/0") {
		t.Fatalf("quote ref %q, want body:START::URL", ref)
	}
	one := get(t, s, "/example?ref="+url.QueryEscape(ref))
	if one.status != 200 || !strings.Contains(one.body, "<h1>Quote: Dee Walsh (People with lived experience)</h1>") ||
		!strings.Contains(one.body, "<mark>&#34;I &lt;b&gt;served&lt;/b&gt; my time,&#34;</mark>") {
		t.Errorf("quote permalink %s: %d\n%s", ref, one.status, one.body)
	}
	if r := get(t, s, "/example?ref="+url.QueryEscape(strings.Replace(ref, "body:", "lead:", 1))); r.status != 404 {
		t.Errorf("a quote ref at the wrong place: %d, want 404", r.status)
	}
	h := get(t, s, "/handout?ex="+url.QueryEscape(ref)+"&ex="+url.QueryEscape("lead:16:people.offender:https://ng.example/a5")+"&format=csv")
	recs, err = csv.NewReader(strings.NewReader(h.body)).ReadAll()
	if err != nil || len(recs) != 3 || recs[1][col["speaker"]] != "Dee Walsh" || recs[2][col["url"]] != "https://ng.example/a5" {
		t.Errorf("handout of a quote and a match: %v %v", err, recs)
	}
}

// Check a text with a URL: the page is fetched through the app's one
// fetcher (SSRF guard, crawl.max_body), extracted like a crawled page and
// tagged; nothing is stored; what is checked is capped.
func TestCheckURL(t *testing.T) {
	page := `<!doctype html><html lang="en"><head><title>Jail term | Gazette</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>Offender jailed for <script>x</script> attack</h1>
<p>An offender was jailed for six years at Leeds Crown Court on Tuesday for an attack on a shop worker.</p>
<p>"He is a monster and he must never be released," said the judge, Recorder Jane Hill.</p>
<p>The court heard the man had been released from HMP Leeds three weeks before the attack.</p>
</article></body></html>`
	var lb strings.Builder
	lb.WriteString("<!doctype html><html><body><article><h1>A long read</h1>")
	for i := range 3000 {
		fmt.Fprintf(&lb, "<p>In letter %d the prisoner spoke about the years inside and the work that followed release.</p>", i)
	}
	lb.WriteString("</article></body></html>")
	long := lb.String()
	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, page) })
	mux.HandleFunc("/long", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, long) })
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, strings.Repeat("<p>x</p>", 1<<20)) })
	site := httptest.NewServer(mux)
	defer site.Close()
	other := httptest.NewServer(mux) // on loopback too, but not let through
	defer other.Close()

	st := reporttest.OpenServer(t)
	cfg := config.Defaults()
	cfg.Sources = nil
	cfg.Crawl.MaxBody = 1 << 20
	a := app.New(&cfg, app.Options{Store: st, AllowAddrs: []string{strings.TrimPrefix(site.URL, "http://")},
		Log: slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelError}))})
	s, err := New(a, Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	post := func(u string) resp {
		req := httptest.NewRequest("POST", "/check", strings.NewReader(url.Values{"url": {u}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return do(t, s, req)
	}
	r := post(site.URL + "/article")
	for _, want := range []string{`<mark class="match">offender</mark>`, "person with a conviction", `class="quote"`,
		"Recorder Jane Hill", "Offender jailed for", "Judges and magistrates"} {
		if r.status != 200 || !strings.Contains(r.body, want) {
			t.Errorf("check %s/article: %d, lacks %q\n%s", site.URL, r.status, want, r.body)
		}
	}
	if strings.Contains(r.body, "<script>x") || strings.Contains(r.body, "Home</a></nav>") {
		t.Error("the fetched page's script or navigation reached the result")
	}
	if strings.Contains(r.body, "only its first") {
		t.Error("a short page was reported as cut")
	}
	// JSON: the same result.
	req := httptest.NewRequest("POST", "/check?format=json", strings.NewReader(url.Values{"url": {site.URL + "/article"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	var res app.TagResult
	if r := do(t, s, req); r.status != 200 || json.Unmarshal([]byte(r.body), &res) != nil || len(res.Matches) == 0 || len(res.Quotes) == 0 {
		t.Errorf("check JSON: %d %s", r.status, r.body)
	}
	// A page longer than the cap: only its first 100 KB are tagged, and the page says so.
	r = post(site.URL + "/long")
	if r.status != 200 || !strings.Contains(r.body, "only its first 100 KB were checked") {
		t.Errorf("long page: %d, %d paragraphs\n%.300s", r.status, strings.Count(r.body, "years inside"), r.body[strings.Index(r.body, "<main"):])
	}
	if n := strings.Count(r.body, "years inside"); n < 500 || n*len("In letter 1 the prisoner spoke about the years inside and the work that followed release.") > 101<<10 {
		t.Errorf("long page: %d paragraphs shown, want at most 100 KB of them", n)
	}
	// A body over crawl.max_body is refused while it is read.
	if r := post(site.URL + "/huge"); r.status != 400 || !strings.Contains(r.body, "fetching") {
		t.Errorf("huge page: %d\n%.300s", r.status, r.body)
	}
	// Every other private address stays refused: the guard is on.
	if r := post(other.URL + "/article"); r.status != 400 || !strings.Contains(r.body, "SSRF") {
		t.Errorf("a loopback address not let through: %d\n%.300s", r.status, r.body)
	}
	for _, u := range []string{"file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)"} {
		if r := post(u); r.status != 400 || !strings.Contains(r.body, "http:// or https://") {
			t.Errorf("check %s: %d", u, r.status)
		}
	}
	// Nothing was stored.
	for _, table := range []string{"articles", "matches", "quotes", "crawl_log"} {
		rows, err := st.Query(context.Background(), "SELECT count() FROM "+table, nil)
		if err != nil || fmt.Sprint(rows.Data[0][0]) != "0" {
			t.Errorf("%s: %v rows after checking (err %v), want 0", table, rows.Data, err)
		}
	}
}

// A built digest is kept while the store is unchanged and rebuilt as soon
// as anything is written: a crawl's article shows on the next request.
func TestDigestCache(t *testing.T) {
	st := seeded(t)
	s := newServer(t, st, config.Serve{})
	type doc struct {
		GeneratedAt time.Time `json:"generated_at"`
		Coverage    struct {
			Articles struct{ Value float64 } `json:"articles"`
		} `json:"coverage"`
	}
	read := func(target string) doc {
		t.Helper()
		r := get(t, s, target)
		var d doc
		if r.status != 200 || json.Unmarshal([]byte(r.body), &d) != nil {
			t.Fatalf("GET %s: %d %.300s", target, r.status, r.body)
		}
		return d
	}
	first := read("/digests/2026-W47.json")
	if first.Coverage.Articles.Value != 8 {
		t.Fatalf("W47 holds %v articles, want the seed's 8", first.Coverage.Articles.Value)
	}
	time.Sleep(10 * time.Millisecond)
	if again := read("/digests/2026-W47.json"); !again.GeneratedAt.Equal(first.GeneratedAt) {
		t.Errorf("an unchanged store rebuilt the digest (%v, then %v)", first.GeneratedAt, again.GeneratedAt)
	}
	week := get(t, s, "/")
	a := reporttest.Article("https://ng.example/late", "ng", "Northern Gazette", "late", "A late story", "Filed late.", reporttest.Week47.Add(50*time.Hour), "rs1")
	if err := st.SaveArticles(context.Background(), []news.TaggedArticle{a}); err != nil {
		t.Fatal(err)
	}
	if after := read("/digests/2026-W47.json"); after.Coverage.Articles.Value != 9 {
		t.Errorf("after a crawl stored one more W47 article the digest shows %v articles, want 9", after.Coverage.Articles.Value)
	}
	if r := get(t, s, "/"); r.status != 200 || r.body == week.body {
		t.Errorf("this week's page did not change after a write to its week: %d", r.status)
	}
}
