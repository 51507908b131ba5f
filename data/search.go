package data

import (
	"context"
	"fmt"
	"strings"

	"wugeyi/app"
)

// searchSpec is how one kind of record is searched: its table (aliased
// x, its enterprise e where it has one), the expressions of its day, its
// label and its enterprise's name, and its searched fields.
type searchSpec struct {
	kind   app.SearchKind
	from   string
	date   string
	label  string
	ent    string
	fields []string
}

const withEnterprise = " LEFT JOIN enterprises e ON e.id = x.enterprise_id"

// searchSpecs are the kinds in the order of app.SearchKinds.
func searchSpecs() []searchSpec {
	return []searchSpec{
		{kind: app.FoundEnterprise, from: "enterprises x", date: "''", label: "x.name", ent: "''",
			fields: []string{"x.name", "x.credit_code", "x.legal_rep"}},
		{kind: app.FoundLeader, from: "leaders x", date: "''", label: "trim(x.name || ' ' || x.post)", ent: "''",
			fields: []string{"x.name", "x.post"}},
		{kind: app.FoundVisit, from: "visits x LEFT JOIN leaders l ON l.id = x.leader_id" + withEnterprise,
			date: "x.date", label: "COALESCE(l.name, '')", ent: "COALESCE(e.name, '')",
			fields: []string{"x.findings", "x.companions"}},
		{kind: app.FoundProblem, from: "problems x" + withEnterprise, date: "x.registered", label: "x.number", ent: "COALESCE(e.name, '')",
			fields: []string{"x.number", "x.description", "x.request", "x.result", "x.lead_dept"}},
		{kind: app.FoundMeeting, from: "meetings x" + withEnterprise, date: "x.date", label: "trim(x.kind || ' ' || x.place)", ent: "COALESCE(e.name, '')",
			fields: []string{"x.place", "x.agenda", "x.minutes",
				// The decisions' texts and units, not the JSON's keys.
				`COALESCE((SELECT group_concat(trim(COALESCE(j.value->>'text', '') || ' ' || COALESCE(j.value->>'unit', '')), char(10)) ` +
					`FROM json_each(x.decisions) j), '')`}},
		{kind: app.FoundNeed, from: "financing_needs x" + withEnterprise, date: "x.date", label: "x.bank", ent: "COALESCE(e.name, '')",
			fields: []string{"x.purpose", "x.bank"}},
		{kind: app.FoundLoan, from: "bridge_loans x" + withEnterprise, date: "x.applied_on", label: "x.bank", ent: "COALESCE(e.name, '')",
			fields: []string{"x.bank", "x.note"}},
	}
}

// Search finds the live records of each kind whose searched fields hold
// every word (LIKE, the wildcards % and _ escaped): the newest limit of
// each kind and how many match in all. The fields are joined by a line
// break, which a word (no spaces) cannot match across.
func (r reader) Search(ctx context.Context, words []string, limit int) ([]app.SearchFound, error) {
	if limit <= 0 {
		limit = 20 // a search never reads every record
	}
	specs := searchSpecs()
	out := make([]app.SearchFound, 0, len(specs))
	for _, s := range specs {
		f, err := r.search(ctx, s, words, limit)
		if err != nil {
			return nil, fmt.Errorf("search %s: %w", s.kind, err)
		}
		out = append(out, f)
	}
	return out, nil
}

func (r reader) search(ctx context.Context, s searchSpec, words []string, n int) (app.SearchFound, error) {
	found := app.SearchFound{Kind: s.kind}
	if len(words) == 0 {
		return found, nil
	}
	var w where
	w.add("x.deleted = 0")
	joined := "(" + strings.Join(s.fields, " || char(10) || ") + ")"
	if len(s.fields) == 1 {
		joined = s.fields[0]
	}
	for _, word := range words {
		w.add(joined+` LIKE ? ESCAPE '\'`, likeArg(word))
	}
	q := "SELECT x.id, x.office, " + s.date + ", " + s.label + ", " + s.ent + ", " + strings.Join(s.fields, ", ") +
		", COUNT(*) OVER () FROM " + s.from + w.sql() +
		" ORDER BY " + s.date + " DESC, x.updated_at DESC, x.id" + limit(n)
	rows, err := r.q.QueryContext(ctx, q, w.args...)
	if err != nil {
		return found, err
	}
	defer rows.Close()
	for rows.Next() {
		h := app.SearchHit{Kind: s.kind, Texts: make([]string, len(s.fields))}
		var date string
		dest := []any{&h.ID, &h.Office, &date, &h.Label, &h.Enterprise}
		for i := range h.Texts {
			dest = append(dest, &h.Texts[i])
		}
		dest = append(dest, &found.Total)
		if err := rows.Scan(dest...); err != nil {
			return found, err
		}
		if date != "" {
			if h.Date, err = parseDate(date); err != nil {
				return found, fmt.Errorf("date of %s: %w", h.ID, err)
			}
		}
		found.Hits = append(found.Hits, h)
	}
	return found, rows.Err()
}
