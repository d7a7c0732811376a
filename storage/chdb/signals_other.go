//go:build !linux

package chdb

// Outside Linux framewatch has not measured which handlers chDB replaces;
// nothing is saved and nothing restored.
type savedSignals struct{}

func saveSignals() (savedSignals, error) { return savedSignals{}, nil }
func (savedSignals) restore() error      { return nil }
