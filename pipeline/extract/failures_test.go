package extract

import (
	"strings"
	"testing"
)

// para is a paragraph of ordinary article prose; n tells them apart.
func para(n int) string {
	return "<p>Paragraph " + string(rune('A'+n)) + ": the magistrates heard that the defendant, who had been held on remand since the summer, " +
		"had pleaded guilty at the first opportunity and had written to the victim to apologise.</p>"
}

func paras(from, to int) string {
	var b strings.Builder
	for i := from; i < to; i++ {
		b.WriteString(para(i))
	}
	return b.String()
}

const chrome = `<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>`
const foot = `<footer><p>© Example Media. All rights reserved. Terms, privacy and cookies.</p></footer>`

// One table for the failures found page by page on real sites (issue 12):
// each fixture is the smallest page that showed one.
func TestExtractRealPageFailures(t *testing.T) {
	tests := []struct {
		name      string
		page      string
		wantEmpty string   // Reason, "" when the article must be kept
		want      []string // in the text
		notWant   []string
	}{
		{
			name: "WordPress article classed newsletter keeps its body",
			page: `<html><body class="post-template-default single">` + chrome + `<main><article class="post-4711 post type-post status-publish category-news tag-newsletter newsletter">` +
				`<h1>Council votes on new prison</h1>` + paras(0, 5) + `</article></main>` + foot + `</body></html>`,
			want: []string{"Paragraph A:", "Paragraph E:"},
		},
		{
			name: "Drupal node-promoted keeps its body",
			page: `<html><body>` + chrome + `<div class="node node-article node-promoted node-teaser clearfix"><div class="field-item">` + paras(0, 5) + `</div></div>` + foot + `</body></html>`,
			want: []string{"Paragraph A:", "Paragraph E:"},
		},
		{
			name: "body classed shared-article-renderer keeps its body",
			page: `<html><body class="shared-article-renderer">` + chrome + `<div class="story">` + paras(0, 5) +
				`<div class="share-bar"><a href="#">Share on Facebook</a></div></div>` + foot + `</body></html>`,
			want: []string{"Paragraph A:", "Paragraph E:"}, notWant: []string{"Share on Facebook"},
		},
		{
			name: "newsletter box inside the body still goes",
			page: `<html><body><article>` + paras(0, 3) + `<div class="newsletter-signup"><p>Get the Courier Daily in your inbox every morning, free.</p></div>` + paras(3, 5) + `</article></body></html>`,
			want: []string{"Paragraph A:", "Paragraph E:"}, notWant: []string{"Courier Daily"},
		},
		{
			name: "metered paywall markup around a complete article is not a stub",
			page: `<html><head><script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree":false}</script></head><body>` + chrome +
				`<article><div class="paywall article-body">` + paras(0, 8) + `</div><div class="subscribe-prompt"><p>Subscribe to continue reading.</p></div></article>` + foot + `</body></html>`,
			want: []string{"Paragraph A:", "Paragraph H:"}, notWant: []string{"Subscribe to continue"},
		},
		{
			name: "a real paywall stub is still marked",
			page: `<html><head><script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree":false}</script></head><body>` +
				`<article><p>The court heard the opening of a case that will run for weeks.</p><div class="paywall"><p>Subscribe to continue reading.</p></div></article></body></html>`,
			wantEmpty: "paywall",
		},
		{
			name: "Chinese article is not empty",
			page: `<html lang="zh"><body><article><h1>法院审理案件</h1>` + strings.Repeat("<p>法院星期二审理了一宗盗窃案，被告承认控罪，法官表示将在下月判刑，并要求提交感化报告。</p>", 3) + `</article></body></html>`,
			want: []string{"法院星期二审理了一宗盗窃案"},
		},
		{
			name: "Japanese article is not empty",
			page: `<html lang="ja"><body><article>` + strings.Repeat("<p>東京地方裁判所は火曜日、窃盗の罪に問われた男性に対し、執行猶予付きの判決を言い渡した。</p>", 3) + `</article></body></html>`,
			want: []string{"東京地方裁判所"},
		},
		{
			name:      "too short Chinese page is still empty",
			page:      `<html lang="zh"><body><article><p>法院审理案件。</p></article></body></html>`,
			wantEmpty: "no body",
		},
		{
			name: "body split over two containers around an ad keeps both",
			page: `<html><body>` + chrome + `<div class="article-chunks"><div class="grid"><div class="body">` + paras(0, 4) + `</div><div class="ad-rail">Advertisement</div></div>` +
				`<div class="inline-ad"><p>Advertisement</p></div><div class="grid"><div class="body">` + paras(4, 8) + `</div></div></div>` + foot + `</body></html>`,
			want: []string{"Paragraph A:", "Paragraph D:", "Paragraph E:", "Paragraph H:"},
		},
		{
			name: "legitimately repeated lines stay, a pull quote goes",
			page: `<html><body><article>` + paras(0, 2) +
				`<h3>Monday</h3><ul><li>Porridge with one cup of blueberries and seeds</li></ul><h3>Tuesday</h3><ul><li>Porridge with one cup of blueberries and seeds</li></ul>` +
				`<p>“Prison should be the last resort, not the first response to every problem we have,” she said after the hearing.</p>` +
				`<blockquote class="pullquote">Prison should be the last resort, not the first response</blockquote>` + paras(2, 4) + `</article></body></html>`,
			want: []string{"Porridge with one cup of blueberries and seeds\n\nTuesday\n\nPorridge with one cup of blueberries and seeds"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustExtract(t, tt.page, "https://news.example/crime/story")
			if r.Reason != tt.wantEmpty {
				t.Fatalf("Reason = %q, want %q (text %q)", r.Reason, tt.wantEmpty, r.Text)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.Text, w) {
					t.Errorf("text lacks %q:\n%s", w, r.Text)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(r.Text, w) {
					t.Errorf("text has %q:\n%s", w, r.Text)
				}
			}
			if strings.Count(r.Text, "Prison should be the last resort") > 1 {
				t.Errorf("pull quote kept:\n%s", r.Text)
			}
		})
	}
}

func TestWords(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want int
	}{
		{"", 0}, {"one two  three", 3}, {"don't stop", 2}, {"法院审理", 2}, {"法院审理了。案件", 4},
		{"東京 court 地裁", 1 + 2}, {"สวัสดีครับ", 5},
	} {
		if got := Words(tt.s); got != tt.want {
			t.Errorf("Words(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}
