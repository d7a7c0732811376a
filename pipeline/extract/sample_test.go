package extract

import "testing"

// samplePages are the samplesite article pages with their ground truth.
func samplePages(t testing.TB) []page { return nil }
