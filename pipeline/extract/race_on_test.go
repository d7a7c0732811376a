//go:build race

package extract

// raceDetector: this test binary runs under -race (see scrapinghub_test.go).
const raceDetector = true
