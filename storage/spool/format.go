package spool

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"time"
)

// A segment is magic, then records. A record is
//
//	length  uint32 LE   bytes of data
//	crc     uint32 LE   CRC-32C of time and data
//	time    int64  LE   unix nanoseconds of the Append
//	data    length bytes
const (
	magic        = "FWSPOOL1"
	recordHeader = 16
	maxRecord    = 256 << 20
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ErrTorn means the segment ends inside a record: its writer died while
// appending it. ErrCorrupt means a record's checksum or length is wrong.
var (
	ErrTorn    = errors.New("spool: segment ends inside a record")
	ErrCorrupt = errors.New("spool: corrupt record")
)

// Record is one decoded record.
type Record struct {
	Time time.Time
	Data []byte
	End  int64 // offset just past the record
}

func encodeRecord(data []byte, at time.Time) []byte {
	buf := make([]byte, recordHeader+len(data))
	binary.LittleEndian.PutUint32(buf[0:], uint32(len(data)))
	binary.LittleEndian.PutUint64(buf[8:], uint64(at.UnixNano()))
	copy(buf[recordHeader:], data)
	binary.LittleEndian.PutUint32(buf[4:], crc32.Checksum(buf[8:], castagnoli))
	return buf
}

// Decode reads the records of segment data from offset off (past the
// magic at least) to the end. It returns the good records, the offset
// where reading stopped, and nil, ErrTorn (a partial record at the end) or
// an error wrapping ErrCorrupt. It never panics and never allocates more
// than data holds: the input comes from disk.
func Decode(data []byte, off int64) ([]Record, int64, error) {
	if len(data) < len(magic) || string(data[:len(magic)]) != magic {
		if len(data) < len(magic) && string(data) == magic[:len(data)] {
			return nil, 0, ErrTorn // created, header not complete
		}
		return nil, 0, fmt.Errorf("%w: not a spool segment (bad header)", ErrCorrupt)
	}
	if off < int64(len(magic)) {
		off = int64(len(magic))
	}
	if off > int64(len(data)) { // an ack past the end: nothing left to read
		off = int64(len(data))
	}
	var recs []Record
	for off < int64(len(data)) {
		rest := data[off:]
		if len(rest) < recordHeader {
			return recs, off, ErrTorn
		}
		n := binary.LittleEndian.Uint32(rest[0:])
		if n == 0 || n > maxRecord {
			return recs, off, fmt.Errorf("%w at offset %d: length %d", ErrCorrupt, off, n)
		}
		if uint64(len(rest)) < recordHeader+uint64(n) {
			return recs, off, ErrTorn
		}
		body := rest[8 : recordHeader+int(n)]
		if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(rest[4:]) {
			return recs, off, fmt.Errorf("%w at offset %d: checksum mismatch", ErrCorrupt, off)
		}
		end := off + recordHeader + int64(n)
		recs = append(recs, Record{
			Time: time.Unix(0, int64(binary.LittleEndian.Uint64(rest[8:]))),
			Data: rest[recordHeader : recordHeader+int(n)],
			End:  end,
		})
		off = end
	}
	return recs, off, nil
}
