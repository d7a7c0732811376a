//go:build race

package app

// raceDetector: this test binary runs under -race, whose instrumentation
// changes what the Go heap holds (see TestRetagMemoryCeiling).
const raceDetector = true
