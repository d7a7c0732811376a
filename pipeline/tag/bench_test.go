package tag

import (
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/rules"
)

// benchArticle is a typical court-and-prison story of about 4,000
// characters, with a handful of flagged words, quotes and frame cues.
var benchArticle = func() news.Article {
	paras := []string{
		"A man who attacked a shop worker during a robbery in Bolton has been jailed for six years, in a case the victim's family said showed the town had been let down.",
		"Daniel Smith, 34, of Derby Street, admitted robbery and assault occasioning actual bodily harm when he appeared at Bolton Crown Court on Thursday. The court heard he had 14 previous convictions.",
		"Prosecuting, Sarah Jones said the offender entered the shop shortly after 10pm, threatened the assistant with a bottle and took £340 from the till before fleeing on foot.",
		"“I thought I was going to die,” the worker said in a statement read to the court. “I have not been back to work since and I still cannot sleep at night.”",
		"Defending, John Roe said his client had been a drug addict for most of his adult life and had begun a rehabilitation course while on remand at HMP Forest Bank.",
		"Sentencing, Judge Amanda Reed told him: “You are a thug who chose a vulnerable target. The public needs protection from you, and this sentence must send a clear message.”",
		"Outside court, a neighbour said the area had become a ‘no-go zone’ and called on ministers to get tough on crime and lock them up for longer.",
		"The Prison Reform Trust said short sentences did little to reduce reoffending and that people leaving prison needed housing, work and support to turn their lives around.",
		"Figures from the Ministry of Justice show that the prison population in England and Wales rose by 4 per cent over the past year, with overcrowding at its highest since 2010.",
		"A spokesperson for the charity Unlock said employers who hire people with convictions report good results, and that labels such as ex-offender make it harder for people to move on.",
		"Det Insp Mark Lowe of Greater Manchester Police said: “This was a frightening attack on a man simply doing his job. I hope today's sentence brings some comfort to him and his family.”",
		"Smith will serve half of his sentence in custody before being released on licence. The victim's family said they would consider asking for the sentence to be reviewed as unduly lenient.",
		"Campaigners have long criticised the so-called ‘revolving door’ of short prison terms, arguing that community sentences are more effective at cutting crime in towns such as Bolton.",
		"The case is one of several robberies in the area this year. Police have increased patrols and urged anyone with information to call 101 or Crimestoppers anonymously.",
	}
	return news.Article{Title: "Bolton robber jailed for six years after ‘terrifying’ attack on shop worker", Text: strings.Join(paras, "\n\n"), Kind: "news"}
}()

// threadCPU is the CPU time used by the calling OS thread. The team's
// machine is shared, so wall-clock ns/op measures the neighbours as much as
// the code; the benchmarks also report cpu-ns/op from this.
func threadCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// measure runs f b.N times on one locked thread and reports its CPU time.
func measure(b *testing.B, f func()) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.ResetTimer()
	start := threadCPU()
	for i := 0; i < b.N; i++ {
		f()
	}
	b.ReportMetric(float64(threadCPU()-start)/float64(b.N), "cpu-ns/op")
}

func libraryEngine(b testing.TB, opts Options) *Engine {
	rs, err := rules.Load("")
	if err != nil {
		b.Fatal(err)
	}
	e, err := New(rs, opts)
	if err != nil {
		b.Fatal(err)
	}
	return e
}

// BenchmarkTag is the full shipped library, rules only (no NER).
func BenchmarkTag(b *testing.B) {
	e := libraryEngine(b, Options{})
	b.SetBytes(int64(len(benchArticle.Title) + len(benchArticle.Text)))
	b.ReportAllocs()
	measure(b, func() { e.Tag(benchArticle) })
}

// BenchmarkTag10xRules has ten times the library's term rules (the copies
// use made-up words, so the automaton grows but the matches stay the same).
func BenchmarkTag10xRules(b *testing.B) {
	rs, err := rules.Load("")
	if err != nil {
		b.Fatal(err)
	}
	big := *rs
	big.Rules = append([]*rules.Rule(nil), rs.Rules...)
	for k := 1; k < 10; k++ {
		for _, r := range rs.Rules {
			c := *r
			c.ID = fmt.Sprintf("%s_%d", r.ID, k)
			c.Match = nil
			for _, m := range r.Match {
				c.Match = append(c.Match, fmt.Sprintf("%s%cq%c", m, 'a'+k, 'z'-k))
			}
			big.Rules = append(big.Rules, &c)
		}
	}
	e, err := New(&big, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(benchArticle.Title) + len(benchArticle.Text)))
	b.ReportAllocs()
	measure(b, func() { e.Tag(benchArticle) })
}

// BenchmarkNaiveRegexp is the baseline: one case-insensitive regexp per
// term rule (its forms as alternatives, plurals optional), run over the
// headline and body. It does less than Tag: no conditions, quotes or frames.
func BenchmarkNaiveRegexp(b *testing.B) {
	rs, err := rules.Load("")
	if err != nil {
		b.Fatal(err)
	}
	var res []*regexp.Regexp
	for _, r := range rs.Rules {
		var alts []string
		for _, m := range r.Match {
			for _, f := range expandForm(m) {
				q := regexp.QuoteMeta(f)
				q = strings.NewReplacer(`\-`, `[\s\-‐‑–—]?`, " ", `[\s\-‐‑–—]?`, "'", `['’]`).Replace(q)
				alts = append(alts, q)
			}
		}
		res = append(res, regexp.MustCompile(`(?i)\b(?:`+strings.Join(alts, "|")+`)(?:s|es|['’]s|s['’])?\b`))
	}
	b.SetBytes(int64(len(benchArticle.Title) + len(benchArticle.Text)))
	b.ReportAllocs()
	n := 0
	measure(b, func() {
		for _, re := range res {
			n += len(re.FindAllStringIndex(benchArticle.Title, -1)) + len(re.FindAllStringIndex(benchArticle.Text, -1))
		}
	})
	_ = n
}

// BenchmarkTagEntities adds prose NER on the headline and first paragraphs.
func BenchmarkTagEntities(b *testing.B) {
	e := libraryEngine(b, Options{Entities: true})
	b.ReportAllocs()
	measure(b, func() { e.Tag(benchArticle) })
}
