package spool

import (
	"bytes"
	"testing"
	"time"
)

func nowForTest() time.Time { return time.Unix(1700000000, 0) }

// FuzzDecode feeds the segment reader arbitrary files: it must never panic,
// must return records that lie inside the input in increasing order, and
// must read back exactly what a writer wrote.
func FuzzDecode(f *testing.F) {
	good := append([]byte(magic), encodeRecord([]byte("a record"), nowForTest())...)
	good = append(good, encodeRecord([]byte(`{"inserts":[]}`), nowForTest())...)
	f.Add(good, int64(0))
	f.Add(good[:len(good)-3], int64(0))
	f.Add([]byte(magic), int64(8))
	f.Add([]byte("FWSP"), int64(0))
	f.Add(append([]byte(magic), 0xff, 0xff, 0xff, 0x0f, 1, 2, 3, 4), int64(0))
	f.Fuzz(func(t *testing.T, data []byte, off int64) {
		recs, end, err := Decode(data, off)
		if end < 0 || end > int64(len(data)) {
			t.Fatalf("end %d outside 0..%d", end, len(data))
		}
		last := int64(len(magic))
		for _, r := range recs {
			if r.End <= last || r.End > int64(len(data)) || len(r.Data) == 0 {
				t.Fatalf("record end %d after %d, len %d", r.End, last, len(data))
			}
			last = r.End
		}
		if err == nil && len(data) >= len(magic) && end != int64(len(data)) {
			t.Fatalf("no error but stopped at %d of %d", end, len(data))
		}
		// Round trip: what Decode accepted, re-encoded, decodes the same.
		var buf bytes.Buffer
		buf.WriteString(magic)
		for _, r := range recs {
			buf.Write(encodeRecord(r.Data, r.Time))
		}
		again, _, err2 := Decode(buf.Bytes(), 0)
		if err2 != nil || len(again) != len(recs) {
			t.Fatalf("re-encoded %d records, decoded %d (%v)", len(recs), len(again), err2)
		}
		for i := range again {
			if !bytes.Equal(again[i].Data, recs[i].Data) || !again[i].Time.Equal(recs[i].Time) {
				t.Fatalf("record %d changed in round trip", i)
			}
		}
	})
}
