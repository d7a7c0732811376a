package news

import "time"

// SourceState is what the crawler remembers about one source between runs:
// how its recent crawls went, and when the daemon may try it next. A crawl
// fails when the source's feed or listing cannot be read or parsed.
type SourceState struct {
	Source       string    `json:"source"`
	Failures     int       `json:"failures"` // consecutive failed crawls; 0 after a success
	LastAttempt  time.Time `json:"last_attempt"`
	LastSuccess  time.Time `json:"last_success"`  // zero: never
	FailingSince time.Time `json:"failing_since"` // first failure of the current run; zero: not failing
	NextAttempt  time.Time `json:"next_attempt"`  // zero: whenever the schedule says
	LastError    string    `json:"last_error,omitempty"`
}

// FailingFor reports how long the source has been failing at now (0 when
// it is not).
func (s SourceState) FailingFor(now time.Time) time.Duration {
	if s.Failures == 0 || s.FailingSince.IsZero() {
		return 0
	}
	return now.Sub(s.FailingSince)
}
