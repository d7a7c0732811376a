package fetch

import (
	"strings"
	"testing"
)

// The HTML standard's sniffing order, and the one place framewatch departs
// from it: valid non-ASCII UTF-8 beats a declared legacy charset.
func TestDecodeSniffingOrder(t *testing.T) {
	utf := "£500, café – “quoted”"
	cp1252 := "\xa3500, caf\xe9 \x96 \x93quoted\x94"
	pad := strings.Repeat("<!-- padding to push the declaration past 1,024 bytes -->\n", 25)
	tests := []struct {
		name, ctype, body string
		charset, source   string
		declared          string
		mismatch          bool
	}{
		{"utf-8 bom beats header", "text/html; charset=windows-1252", "\xef\xbb\xbf<p>" + utf, "utf-8", "bom", "", false},
		{"utf-16le bom", "", "\xff\xfe<\x00p\x00>\x00\xa3\x00", "utf-16le", "bom", "", false},
		{"header legacy, legacy bytes", "text/html; charset=ISO-8859-1", "<p>" + cp1252, "windows-1252", "header", "iso-8859-1", false},
		{"header legacy, utf-8 bytes: bytes win", "text/html; charset=ISO-8859-1", "<p>" + utf, "utf-8", "utf-8 check", "iso-8859-1", true},
		{"meta legacy, utf-8 bytes: bytes win", "text/html", `<meta charset="windows-1252"><p>` + utf, "utf-8", "utf-8 check", "windows-1252", true},
		{"meta legacy, ascii bytes: label kept", "text/html", `<meta charset="windows-1252"><p>plain`, "windows-1252", "meta", "windows-1252", false},
		{"meta in first 1024 bytes", "", `<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>` + cp1252, "windows-1252", "meta", "iso-8859-1", false},
		{"meta after 1024 bytes, utf-8 bytes", "", pad + `<meta charset="utf-8"><p>` + utf, "utf-8", "utf-8 check", "", false},
		{"no declaration, utf-8 bytes", "text/html", "<p>" + utf, "utf-8", "utf-8 check", "", false},
		{"no declaration, legacy bytes", "text/html", "<p>" + cp1252, "windows-1252", "default", "", false},
		{"meta utf-16 means utf-8", "", `<meta charset="utf-16"><p>` + utf, "utf-8", "meta", "utf-16", false},
		{"unknown label, utf-8 bytes", "text/html; charset=x-bogus", "<p>" + utf, "utf-8", "utf-8 check", "x-bogus", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Decode([]byte(tt.body), tt.ctype)
			if d.Charset != tt.charset || d.Source != tt.source || d.Declared != tt.declared || d.Mismatch != tt.mismatch {
				t.Errorf("Decode = charset %q source %q declared %q mismatch %v, want %q %q %q %v",
					d.Charset, d.Source, d.Declared, d.Mismatch, tt.charset, tt.source, tt.declared, tt.mismatch)
			}
			if tt.charset != "utf-16le" && strings.Contains(tt.body, "caf") && !strings.Contains(string(d.Body), "£500, café") {
				t.Errorf("body = %q", d.Body)
			}
		})
	}
	if d := Decode([]byte("\xff\xfe<\x00p\x00>\x00\xa3\x00"), ""); string(d.Body) != "<p>£" {
		t.Errorf("utf-16le body = %q", d.Body)
	}
}
