package dedup

import (
	"fmt"
	"hash/fnv"
	"math/bits"
	"strings"
	"unicode"
)

// ShingleSize is the number of words per shingle. Chosen by
// TestMeasureStories (docs/extraction.md): single words make different
// court reports look alike (they share "court", "jailed", "police"); from
// 3 words up, lightly edited copies stay close while different stories on
// the same topic stay apart, and 3 is the best of those at Threshold.
const ShingleSize = 3

// Threshold is the largest Hamming distance between two fingerprints of the
// same story. Measured: copies with light edits of 300–600-word articles
// reach 21, different stories on similar topics come no closer than 17, and
// two unrelated texts are 32 apart on average (a chance match within 14 has
// probability 3.5e-6 per pair). 14 keeps every different-story pair apart
// with a margin and merges about 98% of edited copies.
const Threshold = 14

// Fingerprint is the 64-bit SimHash of text's word shingles. Text is
// normalised first (lower case, letters and digits only, curly and straight
// apostrophes dropped), so typography and punctuation differences between
// outlets do not matter. Text with fewer words than one shingle gives 0.
func Fingerprint(text string) uint64 { return fingerprint(text, ShingleSize) }

func fingerprint(text string, size int) uint64 {
	words := normalise(text)
	if len(words) < size {
		return 0
	}
	var v [64]int32
	h := fnv.New64a()
	for i := 0; i+size <= len(words); i++ {
		h.Reset()
		for j := i; j < i+size; j++ {
			h.Write([]byte(words[j]))
			h.Write([]byte{0})
		}
		x := mix(h.Sum64())
		for b := 0; b < 64; b++ {
			if x&(1<<b) != 0 {
				v[b]++
			} else {
				v[b]--
			}
		}
	}
	var fp uint64
	for b := 0; b < 64; b++ {
		if v[b] > 0 {
			fp |= 1 << b
		}
	}
	return fp
}

// mix is the splitmix64 finaliser. FNV alone spreads short inputs poorly
// across the high bits, and SimHash needs every bit to be a fair coin.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func normalise(text string) []string {
	return strings.FieldsFunc(strings.ToLower(strings.NewReplacer("'", "", "’", "", "‘", "").Replace(text)),
		func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// Distance is the Hamming distance between two fingerprints.
func Distance(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// Print is a stored article's fingerprint and story.
type Print struct {
	URL         string
	StoryID     string
	Fingerprint uint64
}

// AssignStory returns the story id for an article with fingerprint fp at
// url: the story already recorded for url if it is known, else the story of
// the nearest known print within Threshold (ties go to the earliest in
// known), else a new id. A new id is the fingerprint in hex,
// so two first sightings of one story in the same batch agree; an article
// with no fingerprint (too little text) gets an id from its URL and is never
// merged with anything.
func AssignStory(known []Print, url string, fp uint64) string {
	return assign(known, url, fp, Threshold)
}

func assign(known []Print, url string, fp uint64, threshold int) string {
	if fp == 0 {
		h := fnv.New64a()
		h.Write([]byte(url))
		return fmt.Sprintf("u%016x", h.Sum64())
	}
	best, bestD := "", threshold+1
	for _, k := range known {
		if k.URL == url && k.StoryID != "" {
			return k.StoryID // a re-crawl keeps its story, however much the text changed
		}
		if k.Fingerprint == 0 || k.StoryID == "" {
			continue
		}
		if d := Distance(fp, k.Fingerprint); d < bestD {
			best, bestD = k.StoryID, d
		}
	}
	if best != "" {
		return best
	}
	return fmt.Sprintf("%016x", fp)
}
