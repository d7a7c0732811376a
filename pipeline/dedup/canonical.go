// Package dedup decides when two fetched articles are the same: the same
// article under different URLs (Canonical), and the same story syndicated
// across outlets with light edits (Fingerprint, AssignStory).
package dedup

import (
	"fmt"
	"net"
	"net/url"
	"path"
	"sort"
	"strings"
)

// trackingParams are query parameters that identify the click, campaign or
// referrer, never the article. Matched case-insensitively; any parameter
// starting with one of trackingPrefixes goes too.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "twclid": true, "ttclid": true, "li_fat_id": true,
	"igshid": true, "igsh": true, "mc_cid": true, "mc_eid": true, "mkt_tok": true,
	"ocid": true, "cmpid": true, "cmp": true, "icid": true, "intcmp": true, "int_cmp": true,
	"_ga": true, "_gl": true, "_hsenc": true, "_hsmi": true, "hsctatracking": true,
	"ref": true, "ref_src": true, "ref_url": true, "referrer": true, "referer": true,
	"s_cid": true, "s_kwcid": true, "sr_share": true, "share": true,
	"smid": true, "smtyp": true, "ito": true, "rss": true, "rssfeed": true,
	"fromrss": true, "xtor": true, "wt.mc_id": true, "wt_mc_id": true,
	"__twitter_impression": true, "amp": true, "amp_js_v": true, "amp_gsa": true,
	"usqp": true, "outputtype": true, "mbid": true,
}

var trackingPrefixes = []string{"utm_", "at_", "ns_", "pk_", "mtm_", "hsa_", "oly_", "vero_"}

func tracking(name string) bool {
	n := strings.ToLower(name)
	if trackingParams[n] {
		return true
	}
	for _, p := range trackingPrefixes {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	return false
}

// Canonical returns the identity form of an article URL, so one article
// reached through feeds, shares and AMP links is stored once:
//
//   - scheme and host lower-cased, default port, user info and fragment dropped;
//   - http upgraded to https for named hosts on the default port (every UK
//     outlet serves https, and the same story arrives as both); IP-literal
//     and localhost URLs, and URLs with an explicit port, keep their scheme
//     because there https is a different server;
//   - tracking parameters (utm_*, fbclid, gclid, mc_cid, ocid, cmpid, at_*…)
//     removed and the rest sorted;
//   - AMP variants mapped to the page itself: amp. host prefix, Google AMP
//     cache URLs, an "amp" path segment, a .amp / .amp.html suffix, ?amp=1;
//   - dot segments resolved and duplicate slashes merged; an empty path is
//     "/". A trailing slash is kept as the publisher wrote it: /a and /a/
//     are different resources to a server (one usually redirects to the
//     other), and the publisher's own form is what <link rel=canonical>
//     declares, so a link in the other form is merged with it when the
//     crawler re-canonicalises to the page's declared URL.
func Canonical(rawURL string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return "", fmt.Errorf("canonical url %q: %w", rawURL, err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("canonical url %q: not an http(s) URL", rawURL)
	}
	host := strings.TrimRight(strings.ToLower(u.Hostname()), ".")
	if host == "" {
		return "", fmt.Errorf("canonical url %q: no host", rawURL)
	}
	port := u.Port()
	if port == "80" && u.Scheme == "http" || port == "443" && u.Scheme == "https" {
		port = ""
	}
	if inner, ok := ampCache(host, u); ok {
		return Canonical(inner)
	}
	host = strings.TrimPrefix(host, "amp.")
	if port == "" && u.Scheme == "http" && net.ParseIP(host) == nil && host != "localhost" && strings.Contains(host, ".") {
		u.Scheme = "https"
	}
	u.Host = host
	if strings.Contains(host, ":") { // IPv6 literal
		u.Host = "[" + host + "]"
	}
	if port != "" {
		u.Host += ":" + port
	}
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	u.Opaque = ""

	u.Path = cleanPath(u.Path)
	u.RawPath = ""

	q := u.Query()
	for k := range q {
		if tracking(k) {
			delete(q, k)
		}
	}
	u.RawQuery = sortedQuery(q)
	u.ForceQuery = false
	return u.String(), nil
}

// cleanPath resolves dot segments, merges slashes and removes AMP markers,
// keeping a trailing slash.
func cleanPath(p string) string {
	if p == "" {
		return "/"
	}
	slash := strings.HasSuffix(p, "/")
	p = path.Clean("/" + p)
	segs := strings.Split(p, "/")
	out := segs[:0]
	for i, s := range segs {
		if strings.EqualFold(s, "amp") && i > 0 {
			continue
		}
		if i == len(segs)-1 {
			low := strings.ToLower(s)
			switch {
			case strings.HasSuffix(low, ".amp.html"):
				s = s[:len(s)-len(".amp.html")] + ".html"
			case strings.HasSuffix(low, ".amp"):
				s = s[:len(s)-len(".amp")]
			}
		}
		out = append(out, s)
	}
	p = strings.Join(out, "/")
	if p == "" {
		return "/"
	}
	if slash && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// ampCache unwraps a Google AMP cache URL,
// https://www-example-com.cdn.ampproject.org/c/s/www.example.com/story,
// into the publisher's URL.
func ampCache(host string, u *url.URL) (string, bool) {
	if !strings.HasSuffix(host, ".cdn.ampproject.org") {
		return "", false
	}
	p := u.Path
	scheme := "http://"
	for _, prefix := range []string{"/c/s/", "/v/s/", "/i/s/"} {
		if strings.HasPrefix(p, prefix) {
			p, scheme = strings.TrimPrefix(p, prefix), "https://"
			break
		}
	}
	if scheme == "http://" {
		for _, prefix := range []string{"/c/", "/v/", "/i/"} {
			if strings.HasPrefix(p, prefix) {
				p = strings.TrimPrefix(p, prefix)
				break
			}
		}
	}
	if p == u.Path || p == "" {
		return "", false
	}
	inner := scheme + p
	if u.RawQuery != "" {
		inner += "?" + u.RawQuery
	}
	return inner, true
}

// sortedQuery encodes q with keys sorted and, within a key, values sorted,
// so parameter order never makes two URLs differ.
func sortedQuery(q url.Values) string {
	if len(q) == 0 {
		return ""
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		vs := append([]string(nil), q[k]...)
		sort.Strings(vs)
		for _, v := range vs {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k))
			if v != "" {
				b.WriteByte('=')
				b.WriteString(url.QueryEscape(v))
			}
		}
	}
	return b.String()
}
