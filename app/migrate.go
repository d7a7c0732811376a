package app

import (
	"context"

	"github.com/framewatch/framewatch/storage"
)

// SchemaState is where a store's schema stands.
type SchemaState struct {
	DSN     string // redacted
	Version int    // the newest migration applied
	Applied int    // how many migrations are applied
}

// Migrate applies every schema migration the store has not seen yet (Store
// does so on opening) and reports where the schema stands.
func (a *App) Migrate(ctx context.Context) (SchemaState, error) {
	st, err := a.Store(ctx)
	if err != nil {
		return SchemaState{}, err
	}
	applied, err := st.AppliedMigrations(ctx)
	if err != nil {
		return SchemaState{}, err
	}
	migs, err := storage.Migrations()
	if err != nil {
		return SchemaState{}, err
	}
	s := SchemaState{DSN: st.DSN(), Applied: len(applied)}
	for _, m := range migs {
		if applied[m.Version] && m.Version > s.Version {
			s.Version = m.Version
		}
	}
	return s, nil
}
