package app

import (
	"context"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/framewatch/framewatch/news"
	"github.com/framewatch/framewatch/pipeline/crawl"
	"github.com/framewatch/framewatch/storage"
)

// Metric names: the Grafana dashboard in docs/ and docs/operations.md use
// them, so they are a contract.
const (
	MetricFetches          = "framewatch_fetches_total"
	MetricArticlesStored   = "framewatch_articles_stored_total"
	MetricTaggingSeconds   = "framewatch_tagging_seconds"
	MetricInsertSeconds    = "framewatch_insert_seconds"
	MetricSpoolRecords     = "framewatch_spool_records"
	MetricSpoolBytes       = "framewatch_spool_bytes"
	MetricSpoolAge         = "framewatch_spool_oldest_age_seconds"
	MetricWrites           = "framewatch_writes_total"
	MetricLastSuccess      = "framewatch_source_last_success_timestamp_seconds"
	MetricSourceFailures   = "framewatch_source_consecutive_failures"
	MetricSourceFailing    = "framewatch_source_failing"
	MetricCharsetMismatch  = "framewatch_charset_mismatches_total"
	MetricRulesReloads     = "framewatch_rules_reloads_total"
	MetricCrawlRunsSeconds = "framewatch_crawl_seconds"
	MetricStoreUp          = "framewatch_store_up"
)

// metrics is what the daemon counts for Prometheus, in a registry of its
// own (no global state: tests build several Apps in one process).
type metrics struct {
	reg       *prometheus.Registry
	fetches   *prometheus.CounterVec
	stored    *prometheus.CounterVec
	charset   *prometheus.CounterVec
	tagging   prometheus.Histogram
	inserts   *prometheus.HistogramVec
	reloads   *prometheus.CounterVec
	crawlTime *prometheus.HistogramVec
}

func newMetrics(a *App) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		fetches: prometheus.NewCounterVec(prometheus.CounterOpts{Name: MetricFetches,
			Help: "Fetches of feeds, listings and article pages, by crawl-log outcome and HTTP status (0: no response)."},
			[]string{"outcome", "status"}),
		stored: prometheus.NewCounterVec(prometheus.CounterOpts{Name: MetricArticlesStored,
			Help: "Articles stored (written, or kept in the spool for the store), by source."}, []string{"source"}),
		charset: prometheus.NewCounterVec(prometheus.CounterOpts{Name: MetricCharsetMismatch,
			Help: "Article pages whose declared charset the bytes contradicted (read as UTF-8), by source."}, []string{"source"}),
		tagging: prometheus.NewHistogram(prometheus.HistogramOpts{Name: MetricTaggingSeconds,
			Help: "Time to tag one article.", Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14)}),
		inserts: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: MetricInsertSeconds,
			Help: "Latency of one insert statement into the store, by table and result (ok, error).", Buckets: prometheus.ExponentialBuckets(0.001, 2, 16)},
			[]string{"table", "result"}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{Name: MetricRulesReloads,
			Help: "Rules reloads, by result (ok, failed)."}, []string{"result"}),
		crawlTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: MetricCrawlRunsSeconds,
			Help: "Duration of one crawl of a source.", Buckets: prometheus.ExponentialBuckets(0.1, 2, 14)}, []string{"source"}),
	}
	m.reg.MustRegister(m.fetches, m.stored, m.charset, m.tagging, m.inserts, m.reloads, m.crawlTime,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		&stateCollector{a: a})
	return m
}

// Metrics is the App's Prometheus registry, served on /metrics.
func (a *App) Metrics() *prometheus.Registry { return a.metrics.reg }

func (m *metrics) observeInsert(table string, rows int, took time.Duration, err error) {
	result := "ok"
	if err != nil {
		result = "error"
	}
	m.inserts.WithLabelValues(table, result).Observe(took.Seconds())
}

// observeEvents counts the fetches of a batch of crawl-log events, with
// their final outcome.
func (m *metrics) observeEvents(evs []news.CrawlEvent) {
	for _, e := range evs {
		m.fetches.WithLabelValues(e.Outcome, strconv.Itoa(e.Status)).Inc()
	}
}

func (m *metrics) observeCrawl(sum crawl.Summary) {
	for _, s := range sum.Sources {
		m.stored.WithLabelValues(s.Source).Add(float64(s.Stored))
		if s.CharsetMismatch > 0 {
			m.charset.WithLabelValues(s.Source).Add(float64(s.CharsetMismatch))
		}
		if len(sum.Sources) == 1 {
			m.crawlTime.WithLabelValues(s.Source).Observe(sum.Duration.Seconds())
		}
	}
}

// stateCollector reads, at scrape time, what is state rather than events:
// the spool directory, the Store's write counts and every source's crawl
// state.
type stateCollector struct{ a *App }

var (
	descSpoolRecords = prometheus.NewDesc(MetricSpoolRecords, "Writes waiting in the spool (every process's).", nil, nil)
	descSpoolBytes   = prometheus.NewDesc(MetricSpoolBytes, "Bytes of the spool's segment files.", nil, nil)
	descSpoolAge     = prometheus.NewDesc(MetricSpoolAge, "Age of the oldest write waiting in the spool (0: none).", nil, nil)
	descWrites       = prometheus.NewDesc(MetricWrites, "Store writes of this process that were spooled, replayed from the spool, or lost (neither made nor spooled).", []string{"result"}, nil)
	descLastSuccess  = prometheus.NewDesc(MetricLastSuccess, "When the source's feed or listing was last read successfully (Unix time; 0: never).", []string{"source"}, nil)
	descFailures     = prometheus.NewDesc(MetricSourceFailures, "Consecutive failed crawls of the source (0 after a success).", []string{"source"}, nil)
	descFailing      = prometheus.NewDesc(MetricSourceFailing, "1 when the source has been failing for more than a day.", []string{"source"}, nil)
	descStoreUp      = prometheus.NewDesc(MetricStoreUp, "1 when the store answered a query at scrape time.", nil, nil)
)

func (c *stateCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descSpoolRecords, descSpoolBytes, descSpoolAge, descWrites, descLastSuccess, descFailures, descFailing, descStoreUp} {
		ch <- d
	}
}

func (c *stateCollector) Collect(ch chan<- prometheus.Metric) {
	a := c.a
	now := a.clock()
	if sp := a.spoolStats(); sp != nil {
		ch <- prometheus.MustNewConstMetric(descSpoolRecords, prometheus.GaugeValue, float64(sp.Records))
		ch <- prometheus.MustNewConstMetric(descSpoolBytes, prometheus.GaugeValue, float64(sp.Bytes))
		age := 0.0
		if !sp.Oldest.IsZero() {
			age = max(now.Sub(sp.Oldest).Seconds(), 0)
		}
		ch <- prometheus.MustNewConstMetric(descSpoolAge, prometheus.GaugeValue, age)
	}
	a.mu.Lock()
	st := a.store
	a.mu.Unlock()
	var ws storage.WriteStats // zero until a store is open
	if st != nil {
		ws = st.WriteStats()
	}
	ch <- prometheus.MustNewConstMetric(descWrites, prometheus.CounterValue, float64(ws.Spooled), "spooled")
	ch <- prometheus.MustNewConstMetric(descWrites, prometheus.CounterValue, float64(ws.Replayed), "replayed")
	ch <- prometheus.MustNewConstMetric(descWrites, prometheus.CounterValue, float64(ws.Lost), "lost")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	up := 0.0
	if st != nil && st.Ping(ctx) == nil {
		up = 1
	}
	ch <- prometheus.MustNewConstMetric(descStoreUp, prometheus.GaugeValue, up)
	for _, s := range a.sourceStates(ctx, up == 1) {
		last := 0.0
		if !s.LastSuccess.IsZero() {
			last = float64(s.LastSuccess.Unix())
		}
		failing := 0.0
		if s.FailingFor(now) > FailingAfter {
			failing = 1
		}
		ch <- prometheus.MustNewConstMetric(descLastSuccess, prometheus.GaugeValue, last, s.Source)
		ch <- prometheus.MustNewConstMetric(descFailures, prometheus.GaugeValue, float64(s.Failures), s.Source)
		ch <- prometheus.MustNewConstMetric(descFailing, prometheus.GaugeValue, failing, s.Source)
	}
}
