package dedup

import (
	"net/url"
	"testing"
)

func TestCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		// scheme, host case, default ports, user info, fragments
		{"HTTPS://WWW.Example.CO.UK/News/Story", "https://www.example.co.uk/News/Story"},
		{"https://example.org:443/a", "https://example.org/a"},
		{"http://example.org:80/a", "https://example.org/a"},
		{"http://example.org/a", "https://example.org/a"},
		{"https://user:pw@example.org/a", "https://example.org/a"},
		{"https://example.org/a#comments", "https://example.org/a"},
		{"https://example.org./a", "https://example.org/a"},
		{"  https://example.org/a  ", "https://example.org/a"},
		{"https://example.org", "https://example.org/"},
		{"https://example.org?utm_source=x", "https://example.org/"},
		// http kept where https would be another server
		{"http://127.0.0.1:8080/a/", "http://127.0.0.1:8080/a/"},
		{"http://127.0.0.1/a", "http://127.0.0.1/a"},
		{"http://localhost/a", "http://localhost/a"},
		{"http://example.org:8080/a", "http://example.org:8080/a"},
		{"http://[::1]:8080/a", "http://[::1]:8080/a"},
		// tracking parameters
		{"https://example.org/a?utm_source=rss&utm_medium=feed&utm_campaign=crime", "https://example.org/a"},
		{"https://example.org/a?UTM_Source=x&id=7", "https://example.org/a?id=7"},
		{"https://example.org/a?fbclid=abc&gclid=def&mc_cid=1&mc_eid=2&ocid=x&cmpid=y&at_medium=z&at_campaign=w", "https://example.org/a"},
		{"https://example.org/a?b=2&a=1&ns_mchannel=social&_ga=1.2", "https://example.org/a?a=1&b=2"},
		{"https://example.org/a?x=2&x=1", "https://example.org/a?x=1&x=2"},
		{"https://example.org/a?", "https://example.org/a"},
		{"https://example.org/search?q=knife+crime&page=2", "https://example.org/search?page=2&q=knife+crime"},
		// AMP variants
		{"https://example.org/news/story/amp", "https://example.org/news/story"},
		{"https://example.org/news/story/amp/", "https://example.org/news/story/"},
		{"https://example.org/amp/news/story/", "https://example.org/news/story/"},
		{"https://example.org/news/story.amp.html", "https://example.org/news/story.html"},
		{"https://example.org/news/story.amp", "https://example.org/news/story"},
		{"https://example.org/news/story?amp=1", "https://example.org/news/story"},
		{"https://example.org/news/story?amp", "https://example.org/news/story"},
		{"https://example.org/news/story?outputType=amp", "https://example.org/news/story"},
		{"https://amp.example.org/news/story", "https://example.org/news/story"},
		{"https://www-example-org.cdn.ampproject.org/c/s/www.example.org/news/story?utm_source=x", "https://www.example.org/news/story"},
		{"https://www-example-org.cdn.ampproject.org/c/www.example.org/news/story", "https://www.example.org/news/story"},
		// paths
		{"https://example.org/a/./b/../c", "https://example.org/a/c"},
		{"https://example.org//a//b/", "https://example.org/a/b/"},
		{"https://example.org/a%20b", "https://example.org/a%20b"},
		{"https://example.org/caf%C3%A9", "https://example.org/caf%C3%A9"},
	}
	for _, tt := range tests {
		got, err := Canonical(tt.in)
		if err != nil {
			t.Errorf("Canonical(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Canonical(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Variants of one article reach one canonical URL.
func TestCanonicalVariantsAgree(t *testing.T) {
	variants := []string{
		"https://www.gazette.example/news/crime/man-jailed-20431",
		"http://www.gazette.example/news/crime/man-jailed-20431",
		"https://WWW.GAZETTE.EXAMPLE:443/news/crime/man-jailed-20431#comments",
		"https://www.gazette.example/news/crime/man-jailed-20431?utm_source=rss&utm_medium=feed",
		"https://www.gazette.example/news/crime/man-jailed-20431?fbclid=IwAR0abc",
		"https://www.gazette.example/news/crime/man-jailed-20431/amp",
		"https://amp.www.gazette.example/news/crime/man-jailed-20431",
		"https://www.gazette.example/news/crime/man-jailed-20431?amp=1&utm_campaign=x",
	}
	want, _ := Canonical(variants[0])
	for _, v := range variants {
		if got, err := Canonical(v); err != nil || got != want {
			t.Errorf("Canonical(%q) = %q, %v; want %q", v, got, err, want)
		}
	}
}

func TestCanonicalErrors(t *testing.T) {
	for _, in := range []string{"", "not a url", "/relative/path", "ftp://example.org/a", "mailto:news@example.org",
		"javascript:alert(1)", "https://", "https:///path", "http://%zz/"} {
		if got, err := Canonical(in); err == nil {
			t.Errorf("Canonical(%q) = %q, want an error", in, got)
		}
	}
}

// FuzzCanonical: any accepted URL canonicalises to an absolute http(s) URL
// that is its own canonical form.
func FuzzCanonical(f *testing.F) {
	for _, s := range []string{
		"https://example.org/a?utm_source=x#f", "http://EXAMPLE.org:80//a/../b/amp/?amp=1&z=1&a=2",
		"https://amp.example.org/story.amp.html", "https://x-y.cdn.ampproject.org/c/s/x.y/a?b=c",
		"http://[::1]:80/%2F?%zz", "https://example.org/a%20b?q=a+b&q=%26", "http://127.0.0.1:1/a/",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := Canonical(in)
		if err != nil {
			return
		}
		u, err := url.Parse(got)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") || u.Fragment != "" {
			t.Fatalf("Canonical(%q) = %q: not an absolute http(s) URL without fragment", in, got)
		}
		again, err := Canonical(got)
		if err != nil || again != got {
			t.Fatalf("Canonical not idempotent: %q -> %q -> %q (%v)", in, got, again, err)
		}
	})
}
