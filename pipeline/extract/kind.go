package extract

import (
	"net/url"
	"regexp"
	"strings"
)

// Article kinds (quotes.md §3.11): in opinion pieces and letters the whole
// text is the author's voice, so the tagger reports them apart from news.
const (
	KindNews    = "news"
	KindOpinion = "opinion"
	KindLetter  = "letter"
)

var letterSection = regexp.MustCompile(`(?i)^(letters?|letters to the editor|your letters|readers'? letters|postbag|mailbox)$`)
var opinionSection = regexp.MustCompile(`(?i)^(opinion|opinions|comment|comment is free|commentisfree|columnists?|column|editorial|leader|leaders|guest column|guest post|voices|viewpoint|point of view|op-ed|our view|your view)$`)
var letterPath = regexp.MustCompile(`(?i)^(letters?|letters-to-the-editor|your-letters|readers-letters)$`)
var opinionPath = regexp.MustCompile(`(?i)^(opinion|opinions|comment|commentisfree|columnists?|editorial|editorials|leaders?|voices|op-?ed)$`)
var letterTitle = regexp.MustCompile(`(?i)^(letters?|your letters|letter of the day)\s*[:|–—-]`)
var opinionTitle = regexp.MustCompile(`(?i)^(opinion|comment|column|editorial|our view|guest column)\s*[:|–—-]`)

// authorBio matches the closing line of a guest column: "Maria Lopez is
// chief executive of …", "The author is a serving prisoner at …".
var authorBio = regexp.MustCompile(`(?i)^(the (author|writer) is|[A-Z][\pL'’.-]+( [A-Z][\pL'’.-]+){0,3} (is|was) (a|an|the)?\s*(former |serving |retired )?(chief executive|director|founder|co-founder|chair|head|professor|lecturer|campaigner|columnist|barrister|solicitor|magistrate|prisoner|mp|member of parliament|governor|trustee|author|writer|journalist|senior|policy|research))`)
var prisonerByline = regexp.MustCompile(`(?i)\b(by a (serving |former )?prisoner|guest column|guest post|prisoner at hmp)\b`)

// kind classifies the article from section labels, structured data, the URL
// path, the headline prefix and the byline. News is the default: a signal
// has to be explicit, because calling news "opinion" would hide the
// journalist's language from the digest.
func (m *meta) kind(u *url.URL, title, byline string, paras []string) string {
	sections := append([]string{m.tag("article:section", "section", "parsely-section", "dc.subject")}, m.kickers...)
	for _, o := range m.ld {
		sections = append(sections, ldStrings(o["articleSection"])...)
	}
	for _, s := range sections {
		s = strings.TrimSpace(s)
		switch {
		case letterSection.MatchString(s):
			return KindLetter
		case opinionSection.MatchString(s):
			return KindOpinion
		}
	}
	for _, o := range m.ld {
		for _, t := range ldStrings(o["@type"]) {
			if strings.EqualFold(t, "OpinionNewsArticle") {
				return KindOpinion
			}
		}
	}
	for _, seg := range strings.Split(u.Path, "/") {
		switch {
		case letterPath.MatchString(seg):
			return KindLetter
		case opinionPath.MatchString(seg):
			return KindOpinion
		}
	}
	switch {
	case letterTitle.MatchString(title):
		return KindLetter
	case opinionTitle.MatchString(title) || prisonerByline.MatchString(byline):
		return KindOpinion
	}
	if len(paras) > 0 {
		last := strings.Trim(paras[len(paras)-1], "“”\" ")
		if len(strings.Fields(last)) <= 40 && authorBio.MatchString(last) &&
			(byline != "" && strings.HasPrefix(strings.ToLower(last), strings.ToLower(firstWord(byline))) ||
				strings.HasPrefix(strings.ToLower(last), "the ")) {
			return KindOpinion
		}
	}
	return KindNews
}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}
