package fetch

import (
	"bytes"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Decoding is how an HTML body was turned into UTF-8.
type Decoding struct {
	Body     []byte // UTF-8, any charset declaration in the head relabelled utf-8
	Charset  string // the encoding used: "utf-8", "windows-1252", "shift_jis" …
	Source   string // what decided it: "bom", "header", "meta", "utf-8 check" or "default"
	Declared string // the charset the header or <meta> named, "" when none
	// Mismatch: a legacy charset was declared but the bytes are valid,
	// non-ASCII UTF-8, so the bytes won.
	Mismatch bool
}

// ToUTF8 decodes an HTML body (see Decode) and returns it with the name of
// the encoding used.
func ToUTF8(body []byte, contentType string) ([]byte, string) {
	d := Decode(body, contentType)
	return d.Body, d.Charset
}

// Decode follows the HTML standard's encoding sniffing: a byte-order mark
// wins; then the Content-Type header's charset; then a <meta charset> or
// http-equiv found by prescanning the first 1,024 bytes; with none of
// those, bytes that are valid UTF-8 are UTF-8, and only the rest fall back
// to windows-1252 (which is also how ISO-8859-1 labels are read, as
// browsers do). One departure, the one browsers cannot afford but a
// crawler can: a declared legacy charset loses to bytes that are valid
// UTF-8 and not plain ASCII. Servers and templates mislabel UTF-8 pages as
// ISO-8859-1 far more often than a legacy page happens to form valid
// multi-byte UTF-8, and believing the label stores "Â£500" and "cafÃ©".
func Decode(body []byte, contentType string) Decoding {
	if enc, name, n := bom(body); enc != nil {
		d := Decoding{Charset: name, Source: "bom"}
		if name == "utf-8" {
			d.Body = body[n:]
			return d
		}
		out, err := enc.NewDecoder().Bytes(body[n:])
		if err != nil {
			out = body[n:]
		}
		d.Body = relabelUTF8(out)
		return d
	}
	var d Decoding
	enc, name := encoding.Encoding(nil), ""
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		d.Declared = strings.ToLower(strings.TrimSpace(params["charset"]))
		if enc, name = charset.Lookup(d.Declared); enc != nil {
			d.Source = "header"
		}
	}
	if enc == nil {
		if label := prescan(body[:min(len(body), 1024)]); label != "" {
			d.Declared = label
			if enc, name = charset.Lookup(label); enc != nil {
				d.Source = "meta"
				if strings.HasPrefix(name, "utf-16") { // a page cannot be UTF-16 and contain an ASCII <meta>
					enc, name = encoding.Nop, "utf-8"
				}
			}
		}
	}
	validUTF8 := utf8.Valid(body)
	switch {
	case enc != nil && name != "utf-8" && validUTF8 && !ascii(body):
		d.Mismatch = true
		enc, name, d.Source = nil, "utf-8", "utf-8 check"
	case enc == nil && validUTF8:
		name, d.Source = "utf-8", "utf-8 check"
	case enc == nil:
		enc, name, d.Source = charmap.Windows1252, "windows-1252", "default"
	}
	d.Charset = name
	if name == "utf-8" {
		d.Body = body
		return d
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		d.Body, d.Charset = body, "utf-8"
		return d
	}
	d.Body = relabelUTF8(out)
	return d
}

func bom(b []byte) (encoding.Encoding, string, int) {
	switch {
	case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")):
		return encoding.Nop, "utf-8", 3
	case bytes.HasPrefix(b, []byte("\xfe\xff")):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", 2
	case bytes.HasPrefix(b, []byte("\xff\xfe")):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", 2
	}
	return nil, "", 0
}

func ascii(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// prescan returns the charset label of the first <meta charset> or
// <meta http-equiv=content-type content="…charset=…"> in head, the first
// 1,024 bytes of the page (comments and other tags are skipped by the
// tokenizer, as the standard's prescan skips them).
func prescan(head []byte) string {
	z := html.NewTokenizer(bytes.NewReader(head))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "meta" || !hasAttr {
				continue
			}
			var cs, content string
			httpEquiv := false
			for more := true; more; {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch string(k) {
				case "charset":
					cs = string(v)
				case "content":
					content = string(v)
				case "http-equiv":
					httpEquiv = strings.EqualFold(string(v), "content-type")
				}
			}
			if cs = strings.TrimSpace(cs); cs != "" {
				return strings.ToLower(cs)
			}
			if httpEquiv {
				if l := contentCharset(content); l != "" {
					return l
				}
			}
		}
	}
}

// contentCharset is the charset= value of a http-equiv content attribute.
func contentCharset(content string) string {
	l := strings.ToLower(content)
	i := strings.Index(l, "charset")
	if i < 0 {
		return ""
	}
	l = strings.TrimLeft(l[i+len("charset"):], " \t")
	if !strings.HasPrefix(l, "=") {
		return ""
	}
	l = strings.Trim(strings.TrimLeft(l[1:], " \t"), `"'`)
	if j := strings.IndexAny(l, `;"' `); j >= 0 {
		l = l[:j]
	}
	return l
}

// relabelUTF8 rewrites a charset declaration in the head of a decoded page,
// so a parser further down that honours <meta charset> does not decode the
// now-UTF-8 bytes a second time.
func relabelUTF8(b []byte) []byte {
	n := min(len(b), 2048)
	head := bytes.ToLower(b[:n])
	i := bytes.Index(head, []byte("charset="))
	if i < 0 {
		return b
	}
	j := i + len("charset=")
	for j < n && (head[j] == '"' || head[j] == '\'' || head[j] == ' ') {
		j++
	}
	k := j
	for k < n && (head[k] == '-' || head[k] == '_' || head[k] == '.' || head[k] == ':' ||
		(head[k] >= 'a' && head[k] <= 'z') || (head[k] >= '0' && head[k] <= '9')) {
		k++
	}
	if k == j {
		return b
	}
	out := make([]byte, 0, len(b))
	out = append(out, b[:j]...)
	out = append(out, "utf-8"...)
	return append(out, b[k:]...)
}
