package chdb

import (
	"context"
	"testing"
)

// When the process that owns the store exits (cleanly, or killed with -9)
// while another forwards to it, the other takes the store over: nothing it
// wrote through the owner is lost, and its next writes land in the engine
// it now owns. A write in flight at that moment may be reported failed
// (the owner might have run it); storage retries it, idempotently.
func TestOwnerExitsAndForwarderTakesOver(t *testing.T) {
	needLib(t)
	for _, how := range []string{"exit", "kill -9"} {
		t.Run(how, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			owner, stdin := startOwner(t, dir)
			b, err := Open(ctx, dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			if !b.Remote() {
				t.Fatal("not forwarding to the owner")
			}
			if err := b.Insert(ctx, "owned", []string{"n", "s"}, [][]any{{uint64(2), "via owner"}}); err != nil {
				t.Fatal(err)
			}
			if how == "exit" {
				stdin.Close()
			} else {
				owner.Process.Kill()
				stdin.Close()
			}
			owner.Wait()

			insert := func(n uint64) {
				err := b.Insert(ctx, "owned", []string{"n", "s"}, [][]any{{n, "after the owner left"}})
				if err != nil { // the one call in flight: the caller's retry
					t.Logf("first try after the owner left: %v", err)
					err = b.Insert(ctx, "owned", []string{"n", "s"}, [][]any{{n, "after the owner left"}})
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			insert(3)
			if b.Remote() {
				t.Fatal("still forwarding after the owner left")
			}
			insert(4)
			rows, err := b.Query(ctx, "SELECT groupArray(n) FROM (SELECT n FROM owned ORDER BY n)")
			if err != nil {
				t.Fatal(err)
			}
			if got := rows.Data[0][0]; len(got.([]any)) != 4 {
				t.Fatalf("rows after take-over: %v, want the owner's, ours via it and two of ours", got)
			}
			// The new owner serves the directory to the next process.
			if c, err := dial(ctx, dir, 1); err != nil {
				t.Fatalf("the new owner does not serve the socket: %v", err)
			} else {
				c.close()
			}
		})
	}
}
