// Package report holds what the digest, the examples handout (and later the
// web UI) share: reporting periods, running a named query from queries/,
// and reading its rows into view models. Data access lives here and in the
// query files; rendering lives in the subpackages' templates.
package report

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // digest.timezone must load on machines without zoneinfo

	"github.com/framewatch/framewatch/queries"
	"github.com/framewatch/framewatch/storage"
	"github.com/framewatch/framewatch/storage/chsql"
)

// Period is a half-open reporting interval [Start, End).
type Period struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Label string    `json:"label"` // "2026-W47" or "2026-11-01 – 2026-11-07"
}

// Params returns the {week_start}/{week_end} parameters of the period.
func (p Period) Params() map[string]string {
	return map[string]string{
		"week_start": p.Start.UTC().Format(time.RFC3339),
		"week_end":   p.End.UTC().Format(time.RFC3339),
	}
}

// Before returns the n periods of the same calendar length before p, oldest
// first. Weeks are stepped in calendar days in p's location, so a week that
// crosses a clock change is still Monday to Monday.
func (p Period) Before(n int) []Period {
	days := int(p.End.Sub(p.Start).Hours()/24 + 0.5)
	if days < 1 {
		days = 1
	}
	out := make([]Period, n)
	start := p.Start
	for i := n - 1; i >= 0; i-- {
		prev := start.AddDate(0, 0, -days)
		out[i] = Period{Start: prev, End: start, Label: label(prev, start, p.Label)}
		start = prev
	}
	return out
}

func label(start, end time.Time, like string) string {
	if strings.Contains(like, "-W") {
		y, w := start.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	}
	return start.Format("2006-01-02") + " – " + end.AddDate(0, 0, -1).Format("2006-01-02")
}

// Week returns ISO week w of year y (Monday 00:00 to the next Monday 00:00)
// in loc.
func Week(y, w int, loc *time.Location) Period {
	// 4 January is always in ISO week 1.
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, loc)
	monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
	start := monday.AddDate(0, 0, 7*(w-1))
	return Period{Start: start, End: start.AddDate(0, 0, 7), Label: fmt.Sprintf("%04d-W%02d", y, w)}
}

// ParseWeek parses "2026-W47" (also "2026W47", "2026-w47").
func ParseWeek(s string, loc *time.Location) (Period, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	ys, ws, ok := strings.Cut(u, "W")
	ys = strings.TrimSuffix(ys, "-")
	y, err1 := strconv.Atoi(ys)
	w, err2 := strconv.Atoi(ws)
	if !ok || err1 != nil || err2 != nil || y < 1970 || y > 2105 || w < 1 || w > 53 {
		return Period{}, fmt.Errorf("week %q: want an ISO week such as 2026-W47", s)
	}
	p := Week(y, w, loc)
	if yy, ww := p.Start.ISOWeek(); yy != y || ww != w {
		return Period{}, fmt.Errorf("week %q: %d has no week %d", s, y, w)
	}
	return p, nil
}

// LastCompleteWeek returns the latest ISO week in loc that ended at or
// before now.
func LastCompleteWeek(now time.Time, loc *time.Location) Period {
	y, w := now.In(loc).ISOWeek()
	this := Week(y, w, loc)
	prev := this.Start.AddDate(0, 0, -7)
	py, pw := prev.ISOWeek()
	return Week(py, pw, loc)
}

// Days returns the period from the start of day from to the end of day to
// (both inclusive, YYYY-MM-DD) in loc.
func Days(from, to string, loc *time.Location) (Period, error) {
	f, err := time.ParseInLocation("2006-01-02", from, loc)
	if err != nil {
		return Period{}, fmt.Errorf("--from %q: want YYYY-MM-DD", from)
	}
	t, err := time.ParseInLocation("2006-01-02", to, loc)
	if err != nil {
		return Period{}, fmt.Errorf("--to %q: want YYYY-MM-DD", to)
	}
	if t.Before(f) {
		return Period{}, fmt.Errorf("--to %s is before --from %s", to, from)
	}
	end := t.AddDate(0, 0, 1)
	return Period{Start: f, End: end, Label: label(f, end, "")}, nil
}

// Run runs the named query from queries/ with params bound client-side.
func Run(ctx context.Context, st *storage.Store, name string, params map[string]string) (*Table, error) {
	sql, err := queries.Get(name)
	if err != nil {
		return nil, err
	}
	rows, err := st.Query(ctx, sql, params)
	if err != nil {
		return nil, fmt.Errorf("query %s: %w", name, err)
	}
	return &Table{Rows: rows, name: name}, nil
}

// Table reads a query's rows by column name, so the view models do not
// depend on column order.
type Table struct {
	*chsql.Rows
	name string
}

// Len is the number of rows.
func (t *Table) Len() int { return len(t.Data) }

// SplitBy splits a table answering for several periods (its column col
// numbers them 1..n) into one table per period, rows in their order: a
// period without rows gets an empty table.
func (t *Table) SplitBy(col string, n int) []*Table {
	out := make([]*Table, n)
	for i := range out {
		out[i] = &Table{Rows: &chsql.Rows{Columns: t.Columns}, name: t.name}
	}
	for i := range t.Data {
		if k := t.Int(i, col); k >= 1 && k <= int64(n) {
			out[k-1].Data = append(out[k-1].Data, t.Data[i])
		}
	}
	return out
}

func (t *Table) val(i int, col string) any {
	j := t.Index(col)
	if j < 0 {
		panic(fmt.Sprintf("query %s has no column %q", t.name, col))
	}
	return t.Data[i][j]
}

// Str returns a String column.
func (t *Table) Str(i int, col string) string {
	s, _ := t.val(i, col).(string)
	return s
}

// Int returns an integer column.
func (t *Table) Int(i int, col string) int64 {
	switch v := t.val(i, col).(type) {
	case int64:
		return v
	case uint64:
		return int64(v)
	case float64:
		return int64(v)
	case string: // 18.16 quotes 64-bit integers in JSON
		n, _ := strconv.ParseInt(v, 10, 64)
		return n
	}
	return 0
}

// Float returns a numeric column as float64.
func (t *Table) Float(i int, col string) float64 {
	switch v := t.val(i, col).(type) {
	case float64:
		return v
	case int64:
		return float64(v)
	case uint64:
		return float64(v)
	case string:
		f, _ := strconv.ParseFloat(v, 64)
		return f
	}
	return 0
}

// Time returns a DateTime column (zero for the epoch, ClickHouse's "never").
func (t *Table) Time(i int, col string) time.Time {
	v, _ := t.val(i, col).(time.Time)
	if v.Unix() <= 0 {
		return time.Time{}
	}
	return v.UTC()
}

// Strs returns an Array(String) column.
func (t *Table) Strs(i int, col string) []string {
	var out []string
	switch v := t.val(i, col).(type) {
	case []any:
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
	case []string:
		out = v
	}
	return out
}

// Change compares a period's figure with the average of the same figure over
// earlier periods.
type Change struct {
	Value    float64 `json:"value"`
	Baseline float64 `json:"baseline"` // average over the previous periods
	Delta    float64 `json:"delta"`    // Value - Baseline
	// Pct is the relative change in percent; nil when the baseline is zero.
	Pct *float64 `json:"pct,omitempty"`
}

// Compare builds a Change of value against the mean of previous.
func Compare(value float64, previous []float64) Change {
	c := Change{Value: value}
	if len(previous) > 0 {
		var sum float64
		for _, p := range previous {
			sum += p
		}
		c.Baseline = sum / float64(len(previous))
	}
	c.Delta = c.Value - c.Baseline
	if c.Baseline != 0 {
		pct := 100 * c.Delta / c.Baseline
		c.Pct = &pct
	}
	return c
}

// Advice is a rule's message and alternatives, for matches stored before
// they carried them (schema v1). cmd builds the lookup from the rules in
// force.
type Advice struct {
	Message string
	Suggest []string
}

// Location loads the reporting time zone (digest.timezone; default
// Europe/London), in which weeks and days given by users are read.
func Location(name string) (*time.Location, error) {
	if name == "" {
		name = "Europe/London"
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("digest.timezone %q: %w", name, err)
	}
	return loc, nil
}
