package app

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"
)

// SearchKind is a kind of record that Search finds, named as its screen
// names it.
type SearchKind string

// The kinds of record Search finds, in the order it shows them.
const (
	FoundEnterprise SearchKind = "重点企业"
	FoundLeader     SearchKind = "联系领导"
	FoundVisit      SearchKind = "走访记录"
	FoundProblem    SearchKind = "问题"
	FoundMeeting    SearchKind = "会议"
	FoundNeed       SearchKind = "融资需求"
	FoundLoan       SearchKind = "应急转贷"
)

// SearchKinds are the kinds Search finds, in the order it shows them.
func SearchKinds() []SearchKind {
	return []SearchKind{FoundEnterprise, FoundLeader, FoundVisit, FoundProblem, FoundMeeting, FoundNeed, FoundLoan}
}

// MaxSearchWords is how many words of a search are used; the rest are
// left out.
const MaxSearchWords = 8

// SearchHit is a record the store found: every word is in one of its
// Texts (the searched fields: an enterprise's name, credit code and legal
// representative; a leader's name and post; a visit's findings and
// companions; a problem's number, description, request, result and lead
// department; a meeting's place, agenda, minutes and decisions; a
// financing need's use and bank; a loan's bank and note; then, for the
// records of an enterprise, its name, and for a visit its leader's name).
type SearchHit struct {
	Kind       SearchKind
	ID         string
	Office     string
	Date       Date   // the record's day (visit, registered, meeting, need, applied), zero for enterprises and leaders
	Label      string // the record's own name: the enterprise's or leader's name, a problem's number, a meeting's kind and place, a bank
	Enterprise string // the name of the enterprise it is about, or ""
	Texts      []string
}

// SearchFound is what the store found of one kind: the newest hits, at
// most the limit asked, and how many records match in all.
type SearchFound struct {
	Kind  SearchKind
	Total int
	Hits  []SearchHit
}

// SearchPart is a piece of a snippet; Match says it is one of the words
// searched for.
type SearchPart struct {
	Text  string
	Match bool
}

// SearchResult is a record found, as the search box shows it.
type SearchResult struct {
	Kind    SearchKind
	ID      string
	Office  string
	Title   string
	Snippet []SearchPart // the text around the first match, the words marked
}

// SearchGroup is the records found of one kind, newest first.
type SearchGroup struct {
	Kind    SearchKind
	Total   int // records that match, of which Results are the newest
	Results []SearchResult
}

// SearchResults are the groups of a search, only kinds with a match, in
// the order of SearchKinds.
type SearchResults struct {
	Words  []string
	Groups []SearchGroup
}

// Count is the number of records found of every kind.
func (r SearchResults) Count() int {
	n := 0
	for _, g := range r.Groups {
		n += g.Total
	}
	return n
}

// SearchWords are the words of a search box's text: split at spaces, a
// word repeated kept once, at most MaxSearchWords.
func SearchWords(text string) []string {
	var words []string
	for _, w := range strings.Fields(text) {
		dup := false
		for _, x := range words {
			if strings.EqualFold(x, w) {
				dup = true
			}
		}
		if !dup && len(words) < MaxSearchWords {
			words = append(words, w)
		}
	}
	return words
}

// Search finds the live records of every kind that hold all the words of
// text, at most limit of each kind, the newest first. The words are taken
// literally (no wildcards); words of one or two characters work, and a
// record is found by its enterprise's name too (a visit by its leader's).
func (s *Service) Search(ctx context.Context, text string, limit int) (SearchResults, error) {
	words := SearchWords(text)
	res := SearchResults{Words: words}
	if len(words) == 0 {
		return res, nil
	}
	if limit <= 0 {
		limit = 20
	}
	found, err := s.Store.Search(ctx, words, limit)
	if err != nil {
		return res, fmt.Errorf("search %q: %w", text, err)
	}
	for _, f := range found {
		if f.Total == 0 {
			continue
		}
		g := SearchGroup{Kind: f.Kind, Total: f.Total}
		for _, h := range f.Hits {
			g.Results = append(g.Results, SearchResult{
				Kind: h.Kind, ID: h.ID, Office: h.Office,
				Title:   searchTitle(h),
				Snippet: Snippet(h.Texts, words),
			})
		}
		res.Groups = append(res.Groups, g)
	}
	return res, nil
}

// searchTitle names a hit: its day, its own name and its enterprise.
func searchTitle(h SearchHit) string {
	var parts []string
	if !h.Date.IsZero() {
		parts = append(parts, h.Date.String())
	}
	for _, s := range []string{h.Label, h.Enterprise} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		return string(h.Kind)
	}
	return strings.Join(parts, "  ")
}

// snippetBefore and snippetRunes size a snippet: the characters kept
// before the first match, and in all.
const (
	snippetBefore = 12
	snippetRunes  = 60
)

// Snippet is the text around the first of the words found in texts (the
// first text holding one), on one line, cut to about 60 characters, with
// every word in it marked. Letters A–Z match either case, as the store's
// search does.
func Snippet(texts []string, words []string) []SearchPart {
	for _, t := range texts {
		t = strings.Join(strings.Fields(t), " ")
		first := -1
		for _, w := range words {
			if i := indexFold(t, w); i >= 0 && (first < 0 || i < first) {
				first = i
			}
		}
		if first < 0 {
			continue
		}
		start := first
		for n := 0; n < snippetBefore && start > 0; n++ {
			_, size := utf8.DecodeLastRuneInString(t[:start])
			start -= size
		}
		end := start
		for n := 0; n < snippetRunes && end < len(t); n++ {
			_, size := utf8.DecodeRuneInString(t[end:])
			end += size
		}
		cut := t[start:end]
		// Keep a word that starts in the snippet whole.
		for _, w := range words {
			if i := indexFold(t[start:], w); i >= 0 && i < len(cut) && i+len(w) > len(cut) {
				cut = t[start : start+i+len(w)]
			}
		}
		parts := markWords(cut, words)
		if start > 0 {
			parts = append([]SearchPart{{Text: "…"}}, parts...)
		}
		if start+len(cut) < len(t) {
			parts = append(parts, SearchPart{Text: "…"})
		}
		return parts
	}
	return nil
}

// markWords splits s into parts, those that are one of words marked.
func markWords(s string, words []string) []SearchPart {
	var parts []SearchPart
	plain := 0
	for i := 0; i < len(s); {
		n := 0
		for _, w := range words {
			if len(w) > n && i+len(w) <= len(s) && equalFoldASCII(s[i:i+len(w)], w) {
				n = len(w)
			}
		}
		if n == 0 {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			continue
		}
		if plain < i {
			parts = append(parts, SearchPart{Text: s[plain:i]})
		}
		parts = append(parts, SearchPart{Text: s[i : i+n], Match: true})
		i += n
		plain = i
	}
	if plain < len(s) {
		parts = append(parts, SearchPart{Text: s[plain:]})
	}
	return parts
}

// indexFold is strings.Index with A–Z and a–z equal, as SQL LIKE takes
// them; the index is of a whole character of s.
func indexFold(s, w string) int {
	if w == "" {
		return -1
	}
	for i := 0; i+len(w) <= len(s); {
		if equalFoldASCII(s[i:i+len(w)], w) {
			return i
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return -1
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
