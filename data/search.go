package data

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"wugeyi/app"
)

// searchSpec is how one kind of record is searched: its table (aliased
// x), the tables its label and names come from (its enterprise e, a
// visit's leader l), the expressions of its day, its label and its
// enterprise's name, its searched fields, the other texts it is found by
// (names: its enterprise's, a visit's leader's) and the records those
// names come from (parents).
type searchSpec struct {
	kind    app.SearchKind
	table   string
	joins   string
	date    string
	label   string
	ent     string
	fields  []string
	names   []string
	parents []searchParent
}

// searchParent is a record whose name another is found by: its table,
// and the column of the other record that holds its ID.
type searchParent struct {
	table app.Table
	col   string
}

// The bits of a row of the search index (see migration 014): its kind's
// number (one more than its place in searchSpecs) from bit kindShift, the
// record's day from bit dayShift, the record's rowid below.
const (
	kindShift = 56
	dayShift  = 40
	maxDay    = 1<<(kindShift-dayShift) - 1
)

const withEnterprise = " LEFT JOIN enterprises e ON e.id = x.enterprise_id"

// searchSpecs are the kinds in the order of app.SearchKinds.
func searchSpecs() []searchSpec {
	const ent = "COALESCE(e.name, '')"
	byEnt := []searchParent{{app.TableEnterprises, "enterprise_id"}}
	return []searchSpec{
		{kind: app.FoundEnterprise, table: "enterprises", date: "''", label: "x.name", ent: "''",
			fields: []string{"x.name", "x.credit_code", "x.legal_rep"}},
		{kind: app.FoundLeader, table: "leaders", date: "''", label: "trim(x.name || ' ' || x.post)", ent: "''",
			fields: []string{"x.name", "x.post"}},
		{kind: app.FoundVisit, table: "visits", joins: " LEFT JOIN leaders l ON l.id = x.leader_id" + withEnterprise,
			date: "x.date", label: "COALESCE(l.name, '')", ent: ent, fields: []string{"x.findings", "x.companions"},
			names:   []string{ent, "COALESCE(l.name, '')"},
			parents: append(byEnt, searchParent{app.TableLeaders, "leader_id"})},
		{kind: app.FoundProblem, table: "problems", joins: withEnterprise, date: "x.registered", label: "x.number", ent: ent,
			fields: []string{"x.number", "x.description", "x.request", "x.result", "x.lead_dept"},
			names:  []string{ent}, parents: byEnt},
		{kind: app.FoundMeeting, table: "meetings", joins: withEnterprise, date: "x.date", label: "trim(x.kind || ' ' || x.place)", ent: ent,
			fields: []string{"x.place", "x.agenda", "x.minutes",
				// The decisions' texts and units, not the JSON's keys.
				`COALESCE((SELECT group_concat(trim(COALESCE(j.value->>'text', '') || ' ' || COALESCE(j.value->>'unit', '')), char(10)) ` +
					`FROM json_each(x.decisions) j), '')`},
			names: []string{ent}, parents: byEnt},
		{kind: app.FoundNeed, table: "financing_needs", joins: withEnterprise, date: "x.date", label: "x.bank", ent: ent,
			fields: []string{"x.purpose", "x.bank"}, names: []string{ent}, parents: byEnt},
		{kind: app.FoundLoan, table: "bridge_loans", joins: withEnterprise, date: "x.applied_on", label: "x.bank", ent: ent,
			fields: []string{"x.bank", "x.note"}, names: []string{ent}, parents: byEnt},
	}
}

// texts are the expressions of every text a record of s is found by: its
// fields, then its names.
func (s searchSpec) texts() []string { return append(append([]string(nil), s.fields...), s.names...) }

// kindRows are the first and last row of the search index that kind k
// may hold.
func kindRows(k int) (lo, hi int64) {
	lo = int64(k+1) << kindShift
	return lo, lo + 1<<kindShift - 1
}

// Search finds the live records of each kind whose texts (searched fields,
// enterprise's and leader's names) hold every word, through the search
// index: the newest limit of each kind and how many match in all. Letters
// A–Z match either case.
func (r reader) Search(ctx context.Context, words []string, limit int) ([]app.SearchFound, error) {
	if limit <= 0 {
		limit = 20 // a search never reads every record
	}
	specs := searchSpecs()
	match := searchMatch(words)
	out := make([]app.SearchFound, 0, len(specs))
	for k, s := range specs {
		f, err := r.search(ctx, k, s, match, limit)
		if err != nil {
			return nil, fmt.Errorf("search %s: %w", s.kind, err)
		}
		out = append(out, f)
	}
	return out, nil
}

// search finds the records of kind k (spec s) whose index row matches the
// full-text query match, newest first (by day, then the latest stored),
// then reads the hits' titles and texts.
func (r reader) search(ctx context.Context, k int, s searchSpec, match string, n int) (app.SearchFound, error) {
	found := app.SearchFound{Kind: s.kind}
	if match == "" {
		return found, nil
	}
	lo, hi := kindRows(k)
	rows, err := r.q.QueryContext(ctx, "SELECT rowid, COUNT(*) OVER () FROM search_fts"+
		" WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid DESC"+limit(n), match, lo, hi)
	if err != nil {
		return found, err
	}
	var ids []any // rowids of the records, newest first
	for rows.Next() {
		var row int64
		if err := rows.Scan(&row, &found.Total); err != nil {
			rows.Close()
			return found, err
		}
		ids = append(ids, row&(1<<dayShift-1))
	}
	if err := rows.Close(); err != nil {
		return found, err
	}
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return found, err
	}
	texts := s.texts()
	q := "SELECT x.rowid, x.id, x.office, " + s.date + ", " + s.label + ", " + s.ent + ", " + strings.Join(texts, ", ") +
		" FROM " + s.table + " x" + s.joins + " WHERE x.rowid IN (?" + strings.Repeat(", ?", len(ids)-1) + ")"
	hits := make(map[int64]app.SearchHit, len(ids))
	rows, err = r.q.QueryContext(ctx, q, ids...)
	if err != nil {
		return found, err
	}
	defer rows.Close()
	for rows.Next() {
		h := app.SearchHit{Kind: s.kind, Texts: make([]string, len(texts))}
		var rowid int64
		var date string
		dest := []any{&rowid, &h.ID, &h.Office, &date, &h.Label, &h.Enterprise}
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
		hits[rowid] = h
	}
	if err := rows.Err(); err != nil {
		return found, err
	}
	for _, id := range ids {
		if h, ok := hits[id.(int64)]; ok {
			found.Hits = append(found.Hits, h)
		}
	}
	return found, nil
}

// searchRune is r as the search index holds it: A–Z lowered, other ASCII
// punctuation and symbols moved to the private-use characters U+E021–
// U+E07E (which the ascii tokenizer keeps in a token, as it does every
// non-ASCII character); ok is false for a space or a control character,
// which ends a run of characters.
func searchRune(r rune) (_ rune, ok bool) {
	switch {
	case unicode.IsSpace(r) || unicode.IsControl(r):
		return 0, false
	case 'A' <= r && r <= 'Z':
		return r + 'a' - 'A', true
	case r < 0x80 && !('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
		return 0xE000 + r, true
	}
	return r, true
}

// searchRuns splits text into runs of characters as the index holds them,
// at spaces and control characters.
func searchRuns(text string) [][]rune {
	var runs [][]rune
	var run []rune
	for _, c := range text {
		r, ok := searchRune(c)
		if ok {
			run = append(run, r)
			continue
		}
		if len(run) > 0 {
			runs = append(runs, run)
			run = nil
		}
	}
	if len(run) > 0 {
		runs = append(runs, run)
	}
	return runs
}

// searchBody is the index's body of a record's texts: the pairs of
// characters of every run, each run's last character after them. The
// lone character keeps a phrase from matching across two runs, and a
// one-character word finds it as a prefix, as it finds every pair that
// starts with it.
func searchBody(texts []string) string {
	var b strings.Builder
	for _, t := range texts {
		for _, run := range searchRuns(t) {
			for i := range run {
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteRune(run[i])
				if i+1 < len(run) {
					b.WriteRune(run[i+1])
				}
			}
		}
	}
	return b.String()
}

// searchMatch is the full-text query of words, all of which must match:
// each run of a word is the phrase of its pairs of characters (a run of
// one character, any pair starting with it or the character alone). It
// is "" when no word has a character to look for.
func searchMatch(words []string) string {
	var phrases []string
	for _, w := range words {
		for _, run := range searchRuns(w) {
			if len(run) == 1 {
				phrases = append(phrases, `"`+string(run)+`"*`)
				continue
			}
			pairs := make([]string, len(run)-1)
			for i := range pairs {
				pairs[i] = string(run[i : i+2])
			}
			phrases = append(phrases, `"`+strings.Join(pairs, " ")+`"`)
		}
	}
	return strings.Join(phrases, " AND ")
}

// searchDirty is what a write transaction wrote of the records the search
// index holds, for txn.indexSearch: the IDs of the records written per
// table, and of the enterprises and leaders whose name changed (or which
// are new to this database: a county's visits may arrive before their
// enterprise), whose records' rows hold that name.
type searchDirty struct {
	records map[app.Table][]string
	renamed map[app.Table][]string
}

// searchWrite runs write, a write of the record id of table tb that
// reports whether it wrote, and notes for the search index what it
// changed.
func (t *txn) searchWrite(tb app.Table, id string, write func() (bool, error)) error {
	parent := tb == app.TableEnterprises || tb == app.TableLeaders
	var before string
	if parent {
		var err error
		if before, err = t.searchName(tb, id); err != nil {
			return err
		}
	}
	if wrote, err := write(); err != nil || !wrote {
		return err
	}
	if t.search.records == nil {
		t.search = searchDirty{records: map[app.Table][]string{}, renamed: map[app.Table][]string{}}
	}
	t.search.records[tb] = append(t.search.records[tb], id)
	if parent {
		after, err := t.searchName(tb, id)
		if err != nil {
			return err
		}
		if after != before {
			t.search.renamed[tb] = append(t.search.renamed[tb], id)
		}
	}
	return nil
}

// absentName stands for the name of a record not stored: no name equals it.
const absentName = "\x00"

// searchName is the name of the record id of tb (an enterprise or a
// leader), deleted or not, or absentName.
func (t *txn) searchName(tb app.Table, id string) (string, error) {
	st, err := t.prepared("SELECT name FROM " + string(tb) + " WHERE id = ?")
	if err != nil {
		return "", fmt.Errorf("read name of %s %s: %w", tb, id, err)
	}
	var name string
	err = st.QueryRowContext(t.ctx, id).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return absentName, nil
	}
	if err != nil {
		return "", fmt.Errorf("read name of %s %s: %w", tb, id, err)
	}
	return name, nil
}

// indexSearch brings the search index up to date with what this
// transaction wrote: the rows of the records written, and of the records
// whose enterprise or leader was renamed, made again from the stored
// texts; a deleted record's row removed.
func (t *txn) indexSearch() error {
	if t.search.records == nil {
		return nil
	}
	for k, s := range searchSpecs() {
		var sel []string
		var args []any
		add := func(col string, ids []string) error {
			if len(ids) == 0 {
				return nil
			}
			b, err := json.Marshal(ids)
			if err != nil {
				return fmt.Errorf("index %s: %w", s.table, err)
			}
			sel = append(sel, "SELECT rowid FROM "+s.table+" WHERE "+col+" IN (SELECT value FROM json_each(?))")
			args = append(args, string(b))
			return nil
		}
		if err := add("id", t.search.records[app.Table(s.table)]); err != nil {
			return err
		}
		for _, p := range s.parents {
			if err := add(p.col, t.search.renamed[p.table]); err != nil {
				return err
			}
		}
		if len(sel) == 0 {
			continue
		}
		if err := indexRecords(t.ctx, t.tx, k, s, "x.rowid IN ("+strings.Join(sel, " UNION ")+")", args, true); err != nil {
			return err
		}
	}
	t.search = searchDirty{}
	return nil
}

// indexer is where the search index is written: a transaction, or the
// connection of a restore.
type indexer interface {
	querier
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// indexStmts are the statements that write the search index, prepared
// once for a run of records.
type indexStmts struct{ unrow, unfts, fts, row *sql.Stmt }

func prepareIndex(ctx context.Context, q indexer) (*indexStmts, error) {
	var st indexStmts
	for _, p := range []struct {
		s **sql.Stmt
		q string
	}{
		{&st.unrow, "DELETE FROM search_rows WHERE rec = ? RETURNING row"},
		{&st.unfts, "DELETE FROM search_fts WHERE rowid = ?"},
		{&st.fts, "INSERT INTO search_fts(rowid, body) VALUES (?, ?)"},
		{&st.row, "INSERT INTO search_rows(rec, row) VALUES (?, ?)"},
	} {
		s, err := q.PrepareContext(ctx, p.q)
		if err != nil {
			st.close()
			return nil, fmt.Errorf("prepare search index: %w", err)
		}
		*p.s = s
	}
	return &st, nil
}

func (st *indexStmts) close() {
	for _, s := range []*sql.Stmt{st.unrow, st.unfts, st.fts, st.row} {
		if s != nil {
			s.Close()
		}
	}
}

// fillSearch fills the empty search index with every live record.
func fillSearch(ctx context.Context, q indexer) error {
	for k, s := range searchSpecs() {
		if err := indexRecords(ctx, q, k, s, "x.deleted = 0", nil, false); err != nil {
			return err
		}
	}
	return nil
}

// indexBatch is how many records' texts indexRecords reads at a time.
const indexBatch = 1000

// indexRecords writes the search index's rows of the records of kind k
// (spec s) that cond selects (with args): a live record's row made from
// its stored texts, a deleted one's removed. replace says their rows may
// be in the index already. It removes every old row first, then adds the
// new ones in the order of their rowids: FTS5 writes out the rows it holds
// in memory whenever a row comes out of that order, or after a removal,
// and many small writes out cost many merges.
func indexRecords(ctx context.Context, q indexer, k int, s searchSpec, cond string, args []any, replace bool) error {
	st, err := prepareIndex(ctx, q)
	if err != nil {
		return err
	}
	defer st.close()
	lo, _ := kindRows(k)
	day := s.date
	if day == "''" {
		day = "substr(x.updated_at, 1, 10)"
	}
	type doc struct{ rowid, row int64 }
	var docs []doc
	err = func() error {
		rows, err := q.QueryContext(ctx, "SELECT x.rowid, x.deleted, "+day+" FROM "+s.table+" x WHERE "+cond, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d doc
			var deleted bool
			var date string
			if err := rows.Scan(&d.rowid, &deleted, &date); err != nil {
				return err
			}
			if replace {
				if err := st.unindex(ctx, searchRec(k, d.rowid)); err != nil {
					return err
				}
			}
			if !deleted {
				d.row = lo | searchDay(date)<<dayShift | d.rowid
				docs = append(docs, d)
			}
		}
		return rows.Err()
	}()
	if err != nil {
		return fmt.Errorf("index %s: %w", s.table, err)
	}
	slices.SortFunc(docs, func(a, b doc) int { return cmp.Compare(a.row, b.row) })
	sel := "SELECT x.rowid, " + strings.Join(s.texts(), ", ") + " FROM " + s.table + " x" + s.joins +
		" WHERE x.rowid IN (SELECT value FROM json_each(?))"
	texts := make([]string, len(s.texts()))
	var rowid int64
	dest := []any{&rowid}
	for i := range texts {
		dest = append(dest, &texts[i])
	}
	for len(docs) > 0 {
		batch := docs[:min(indexBatch, len(docs))]
		docs = docs[len(batch):]
		ids := make([]int64, len(batch))
		for i, d := range batch {
			ids[i] = d.rowid
		}
		bodies := make(map[int64]string, len(batch))
		err := func() error {
			list, err := json.Marshal(ids)
			if err != nil {
				return err
			}
			rows, err := q.QueryContext(ctx, sel, string(list))
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				if err := rows.Scan(dest...); err != nil {
					return err
				}
				bodies[rowid] = searchBody(texts)
			}
			return rows.Err()
		}()
		if err != nil {
			return fmt.Errorf("index %s: %w", s.table, err)
		}
		for _, d := range batch {
			if _, err := st.fts.ExecContext(ctx, d.row, bodies[d.rowid]); err != nil {
				return fmt.Errorf("index %s: %w", s.table, err)
			}
			if _, err := st.row.ExecContext(ctx, searchRec(k, d.rowid), d.row); err != nil {
				return fmt.Errorf("index %s: %w", s.table, err)
			}
		}
	}
	return nil
}

// searchRec is the key in search_rows of the record with rowid of the
// kind at place k of searchSpecs.
func searchRec(k int, rowid int64) int64 { return int64(k+1)<<dayShift | rowid }

// unindex removes the row of the record rec (kind << 40 | rowid) from
// the search index, if it has one.
func (st *indexStmts) unindex(ctx context.Context, rec int64) error {
	var row int64
	err := st.unrow.QueryRowContext(ctx, rec).Scan(&row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	_, err = st.unfts.ExecContext(ctx, row)
	return err
}

// searchDay is a stored day (2006-01-02) in days since 1970, as the
// index's rows order it: 0 for none or earlier, at most maxDay.
func searchDay(s string) int64 {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0
	}
	return min(max(t.Unix()/86400, 0), maxDay)
}
