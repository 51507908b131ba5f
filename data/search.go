package data

import (
	"context"
	"fmt"
	"strings"

	"wugeyi/app"
)

// searchSpec is how one kind of record is searched: its table (aliased
// x), the tables its label and enterprise's name come from (its
// enterprise e where it has one), the expressions of its day, its label
// and its enterprise's name, and its searched fields.
type searchSpec struct {
	kind   app.SearchKind
	table  string
	joins  string
	date   string
	label  string
	ent    string
	fields []searchField
}

// searchField is a searched field: its text (sel), and raw, the column
// that holds that text among other things (a JSON list's keys), where a
// word without letters A–Z is looked for; "" when it is sel.
type searchField struct{ sel, raw string }

func fields(cols ...string) []searchField {
	out := make([]searchField, len(cols))
	for i, c := range cols {
		out[i] = searchField{sel: c}
	}
	return out
}

const withEnterprise = " LEFT JOIN enterprises e ON e.id = x.enterprise_id"

// searchSpecs are the kinds in the order of app.SearchKinds.
func searchSpecs() []searchSpec {
	const ent = "COALESCE(e.name, '')"
	return []searchSpec{
		{kind: app.FoundEnterprise, table: "enterprises", date: "''", label: "x.name", ent: "''",
			fields: fields("x.name", "x.credit_code", "x.legal_rep")},
		{kind: app.FoundLeader, table: "leaders", date: "''", label: "trim(x.name || ' ' || x.post)", ent: "''",
			fields: fields("x.name", "x.post")},
		{kind: app.FoundVisit, table: "visits", joins: " LEFT JOIN leaders l ON l.id = x.leader_id" + withEnterprise,
			date: "x.date", label: "COALESCE(l.name, '')", ent: ent, fields: fields("x.findings", "x.companions")},
		{kind: app.FoundProblem, table: "problems", joins: withEnterprise, date: "x.registered", label: "x.number", ent: ent,
			fields: fields("x.number", "x.description", "x.request", "x.result", "x.lead_dept")},
		{kind: app.FoundMeeting, table: "meetings", joins: withEnterprise, date: "x.date", label: "trim(x.kind || ' ' || x.place)", ent: ent,
			fields: append(fields("x.place", "x.agenda", "x.minutes"), searchField{
				// The decisions' texts and units, not the JSON's keys.
				sel: `COALESCE((SELECT group_concat(trim(COALESCE(j.value->>'text', '') || ' ' || COALESCE(j.value->>'unit', '')), char(10)) ` +
					`FROM json_each(x.decisions) j), '')`,
				raw: "x.decisions"})},
		{kind: app.FoundNeed, table: "financing_needs", joins: withEnterprise, date: "x.date", label: "x.bank", ent: ent,
			fields: fields("x.purpose", "x.bank")},
		{kind: app.FoundLoan, table: "bridge_loans", joins: withEnterprise, date: "x.applied_on", label: "x.bank", ent: ent,
			fields: fields("x.bank", "x.note")},
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

// hasLetter tells whether s holds a letter A–Z or a–z, which LIKE takes
// in either case.
func hasLetter(s string) bool {
	return strings.IndexFunc(s, func(c rune) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }) >= 0
}

// search finds the IDs first, reading only the searched table: a word
// without letters A–Z with instr, several times faster than LIKE; one
// with them with LIKE, either case. Then it reads the hits' titles and
// texts.
func (r reader) search(ctx context.Context, s searchSpec, words []string, n int) (app.SearchFound, error) {
	found := app.SearchFound{Kind: s.kind}
	if len(words) == 0 {
		return found, nil
	}
	var w where
	w.add("x.deleted = 0")
	for _, word := range words {
		var ors []string
		var args []any
		for _, f := range s.fields {
			if hasLetter(word) {
				ors = append(ors, f.sel+` LIKE ? ESCAPE '\'`)
				args = append(args, likeArg(word))
				continue
			}
			col := f.raw
			if col == "" {
				col = f.sel
			}
			ors = append(ors, "instr("+col+", ?) > 0")
			args = append(args, word)
		}
		w.add("("+strings.Join(ors, " OR ")+")", args...)
	}
	q := "SELECT x.id, COUNT(*) OVER () FROM " + s.table + " x" + w.sql() +
		" ORDER BY " + s.date + " DESC, x.updated_at DESC, x.id" + limit(n)
	rows, err := r.q.QueryContext(ctx, q, w.args...)
	if err != nil {
		return found, err
	}
	var ids []any
	for rows.Next() {
		var id string
		if err := rows.Scan(&id, &found.Total); err != nil {
			rows.Close()
			return found, err
		}
		ids = append(ids, id)
	}
	if err := rows.Close(); err != nil {
		return found, err
	}
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return found, err
	}
	sels := make([]string, len(s.fields))
	for i, f := range s.fields {
		sels[i] = f.sel
	}
	q = "SELECT x.id, x.office, " + s.date + ", " + s.label + ", " + s.ent + ", " + strings.Join(sels, ", ") +
		" FROM " + s.table + " x" + s.joins + " WHERE x.id IN (?" + strings.Repeat(", ?", len(ids)-1) + ")"
	hits := make(map[string]app.SearchHit, len(ids))
	rows, err = r.q.QueryContext(ctx, q, ids...)
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
		if err := rows.Scan(dest...); err != nil {
			return found, err
		}
		if date != "" {
			if h.Date, err = parseDate(date); err != nil {
				return found, fmt.Errorf("date of %s: %w", h.ID, err)
			}
		}
		hits[h.ID] = h
	}
	if err := rows.Err(); err != nil {
		return found, err
	}
	for _, id := range ids {
		if h, ok := hits[id.(string)]; ok {
			found.Hits = append(found.Hits, h)
		}
	}
	return found, nil
}
