package print

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"wugeyi/app"
)

// LedgerInfo says whose problem ledger is printed, and how.
type LedgerInfo struct {
	Title  string   // whose ledger it is: 海港区, 全市
	Office string   // the code of the one office whose ledger it is; "" for every office's
	Filter string   // how the list was filtered, in Chinese; "" for every problem
	Today  app.Date // the day it is printed: open problems past their deadline are overdue on it
	// Calendar is the office's (Settings.Calendar): a deadline on a rest
	// day is due the next working day.
	Calendar app.Calendar
	// City is the city bureau's ledger: a 督办意见 column of Comments,
	// and a 县区 column unless it is one office's. A ledger of problems of
	// more than one office has the 县区 column too.
	City     bool
	Comments []app.Comment // the city's comments (督办意见) on the problems, in any order
}

// A ledgerCol is a column of the printed ledger.
type ledgerCol struct {
	head  string
	align Align
	// grow marks a column of long texts: it takes a share of the width
	// the others leave (see balance), at least min em of 小五 wide. Any
	// other column is as wide as its longest line, but no narrower than
	// min em and no wider than max em (when max is set); it wraps beyond.
	grow     bool
	min, max float64
	heavy    bool // set in Hei, to stand out
	text     func(r ledgerRow) string
}

// ledgerRow is what a row of the ledger is made of: the problem, its
// place in the list (from 1), the day printed and the city's comments on
// it.
type ledgerRow struct {
	p        *app.Problem
	n        int
	today    app.Date
	cal      app.Calendar
	comments []app.Comment
}

// ledgerColumns are the columns of the ledger: with 县区 when county is
// set, with 督办意见 when city is.
func ledgerColumns(county, city bool) []ledgerCol {
	cols := []ledgerCol{
		{head: "序号", align: Center, min: 2, text: func(r ledgerRow) string { return fmt.Sprint(r.n) }},
		{head: "县区", align: Center, min: 2, max: 5, text: func(r ledgerRow) string { return countyName(r.p.Office) }},
		{head: "编号", min: 2, max: 16, text: func(r ledgerRow) string { return r.p.Number }},
		{head: "企业名称", grow: true, min: 4, text: func(r ledgerRow) string { return r.p.EnterpriseName }},
		{head: "类别", align: Center, min: 2, max: 4, text: func(r ledgerRow) string { return r.p.Category }},
		{head: "问题描述及企业诉求", grow: true, min: 6, text: func(r ledgerRow) string {
			return joinNonEmpty("\n", r.p.Description, prefixed("诉求：", r.p.Request))
		}},
		{head: "牵头单位（配合单位）", grow: true, min: 4, text: func(r ledgerRow) string {
			return r.p.LeadDept + parenthesized(r.p.SupportDepts)
		}},
		{head: "责任人", grow: true, min: 5, text: func(r ledgerRow) string { return personText(r.p.Person) }},
		{head: "登记日期", align: Center, min: 2, text: func(r ledgerRow) string { return r.p.Registered.String() }},
		{head: "办理时限", align: Center, min: 2, text: func(r ledgerRow) string { return r.p.Deadline.String() }},
		{head: "状态", align: Center, min: 2, max: 3, text: func(r ledgerRow) string { return string(r.p.Status) }},
		{head: "逾期天数", align: Center, min: 2, max: 3, heavy: true, text: func(r ledgerRow) string { return overdueDays(r.p, r.today, r.cal) }},
		{head: "办理结果", grow: true, min: 4, text: func(r ledgerRow) string {
			return joinNonEmpty("\n", r.p.Result, r.p.Explanation, prefixed("企业满意度：", r.p.Satisfaction))
		}},
		{head: "督办意见", grow: true, min: 8, text: func(r ledgerRow) string { return commentsText(r.comments, r.today) }},
	}
	return slices.DeleteFunc(cols, func(c ledgerCol) bool {
		return c.head == "县区" && !county || c.head == "督办意见" && !city
	})
}

// Ledger lays out the problem ledger (问题台账) ps on landscape pages,
// oldest first (by date registered, then number), a row per problem with
// the table's head on every page. The columns share the page's width so
// that the rows are as low as the texts allow (see balance); a problem's
// number, a date and a number are never broken across lines.
func Ledger(fs *Fonts, ps []app.Problem, info LedgerInfo, at time.Time) (*Doc, error) {
	d, err := New(fs, Landscape, info.Title+"重点企业问题台账", at)
	if err != nil {
		return nil, err
	}
	d.Title(info.Title + "重点企业问题台账")
	sub := fmt.Sprintf("截至%s，共%d件", info.Today.Chinese(), len(ps))
	if info.Filter != "" {
		sub = info.Filter + "；" + sub
	}
	d.Centred("（"+sub+"）", Song, Size4)
	d.Space(3)
	t, rows := ledgerTable(d, ps, &info)
	d.Table(t, rows)
	return d, nil
}

// ledgerTable is the ledger's table of ps and its rows, oldest first.
func ledgerTable(d *Doc, ps []app.Problem, info *LedgerInfo) (Table, []Row) {
	ps = slices.Clone(ps)
	slices.SortStableFunc(ps, func(a, b app.Problem) int {
		if c := cmp.Compare(a.Registered.String(), b.Registered.String()); c != 0 {
			return c
		}
		return cmp.Compare(a.Number, b.Number)
	})
	comments := map[string][]app.Comment{}
	if info.City {
		for _, c := range info.Comments {
			comments[c.ProblemID] = append(comments[c.ProblemID], c)
		}
	}
	county := info.City && info.Office == ""
	for i := range ps {
		county = county || ps[i].Office != ps[0].Office
	}
	cols := ledgerColumns(county, info.City)
	rows := make([]Row, len(ps))
	for i := range ps {
		lr := ledgerRow{p: &ps[i], n: i + 1, today: info.Today, cal: info.Calendar, comments: comments[ps[i].ID]}
		cells := make([]Cell, len(cols))
		for c, col := range cols {
			cells[c] = Cell{Text: col.text(lr), Align: col.align}
			if col.heavy {
				cells[c].Face = Hei
			}
		}
		rows[i] = Row{Cells: cells}
	}
	t := Table{Size: Small5, Widths: balance(d, cols, rows)}
	var head Row
	for _, c := range cols {
		head.Cells = append(head.Cells, Cell{Text: c.head, Align: Center, Face: Hei})
	}
	t.Head = []Row{head}
	return t, rows
}

// balance chooses the widths of the ledger's columns, mm, filling the
// text block. A column that is not grow is as wide as its longest line
// (within its min and max). The grow columns share what is left (one
// with no text at all needs no more than 2 em for its head), in whole
// em of 小五 (a line of hanzi fills a whole number of them): each starts
// with a share in proportion to the length of its texts, and then the em
// of every two and every three of them are shared out anew, trying every
// way, while that makes the rows, added up, fewer lines high (estimated,
// see shares).
func balance(d *Doc, cols []ledgerCol, rows []Row) []float64 {
	d.setFont(Song, Small5)
	em := d.runeWidth('中')
	widths := make([]float64, len(cols))
	var grow []int
	room := d.Width()
	for c, col := range cols {
		if col.grow {
			grow = append(grow, c)
			room -= 2 * cellPad
			continue
		}
		w := col.min * em
		for _, r := range rows {
			for _, para := range strings.Split(r.Cells[c].Text, "\n") {
				w = max(w, d.measure(para))
			}
		}
		if col.max > 0 {
			w = min(w, col.max*em)
		}
		widths[c] = w + 2*cellPad
		room -= widths[c]
	}
	if len(grow) == 0 {
		return widths
	}
	s := shares{fixed: make([]int, len(rows)), paras: make([][][]float64, len(grow)), lines: make([][][]int32, len(grow))}
	for i, r := range rows {
		for c, col := range cols {
			if !col.grow && r.Cells[c].Text != "" {
				s.fixed[i] = max(s.fixed[i], len(d.cellLines(Table{Size: Small5}, r.Cells[c], widths[c])))
			}
		}
	}
	total := make([]float64, len(grow))
	for g, c := range grow {
		s.paras[g] = make([][]float64, len(rows))
		for i, r := range rows {
			for _, para := range strings.Split(r.Cells[c].Text, "\n") {
				w := d.measure(para) / em
				s.paras[g][i] = append(s.paras[g][i], w)
				total[g] += w
			}
		}
	}
	ems := make([]int, len(grow))
	least := 0
	for g, c := range grow {
		e := int(math.Ceil(cols[c].min))
		if total[g] == 0 {
			e = 2 // nothing but its head, in lines of two
		}
		s.least = append(s.least, e)
		least += e
	}
	n := max(int(room/em+1e-9), least)
	s.start(ems, total, n)
	s.search(ems)
	extra := (room - float64(n)*em) / float64(len(grow)) // less than an em in all
	for g, c := range grow {
		widths[c] = float64(ems[g])*em + max(extra, 0) + 2*cellPad
	}
	return widths
}

// shares are the grow columns of a ledger, for balance to share the
// width among them.
type shares struct {
	least []int         // of each column: its em at least
	fixed []int         // of each row: the lines it takes in the other columns
	paras [][][]float64 // of each column, of each row: the width of each paragraph, em
	lines [][][]int32   // of each column, at each width (em), of each row: the lines it takes; filled as needed
}

// start shares n em among the columns in proportion to total, the width
// of their texts (at least least em each); the em rounding leaves go to
// the columns with the most text.
func (s *shares) start(ems []int, total []float64, n int) {
	var sum float64
	left := n
	for g := range ems {
		ems[g] = s.least[g]
		left -= ems[g]
		sum += total[g]
	}
	if left <= 0 {
		return
	}
	give := left
	for g := range ems {
		if sum > 0 {
			k := int(float64(give) * total[g] / sum)
			ems[g] += k
			left -= k
		}
	}
	order := make([]int, len(ems))
	for g := range order {
		order[g] = g
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(total[b], total[a]) })
	for k := 0; left > 0; k, left = k+1, left-1 {
		ems[order[k%len(order)]]++
	}
}

// search shares the em of every two and then every three columns anew,
// trying every way, keeping the way that makes the rows fewest lines
// high, until no sharing lowers them.
func (s *shares) search(ems []int) {
	best := s.height(ems)
	for improved := true; improved; {
		improved = false
		for size := 2; size <= min(3, len(ems)); size++ {
			for _, set := range subsets(len(ems), size) {
				if h := s.reshare(ems, set, best); h < best {
					best, improved = h, true
				}
			}
		}
	}
}

// reshare tries every way of sharing the em of the columns in set among
// them, leaves ems with the lowest (best if none is lower) and returns
// its height.
func (s *shares) reshare(ems []int, set []int, best int) int {
	pool := 0
	for _, g := range set {
		pool += ems[g]
	}
	keep := make([]int, len(set))
	for k, g := range set {
		keep[k] = ems[g]
	}
	var try func(k, left int)
	try = func(k, left int) {
		g := set[k]
		if k == len(set)-1 {
			if left < s.least[g] {
				return
			}
			ems[g] = left
			if h := s.height(ems); h < best {
				best = h
				for k, g := range set {
					keep[k] = ems[g]
				}
			}
			return
		}
		for e := s.least[g]; e <= left; e++ {
			ems[g] = e
			try(k+1, left-e)
		}
	}
	try(0, pool)
	for k, g := range set {
		ems[g] = keep[k]
	}
	return best
}

// height is how many lines the rows take, added up, when the columns are
// ems wide.
func (s *shares) height(ems []int) int {
	cols := make([][]int32, len(ems))
	for g, e := range ems {
		cols[g] = s.linesAt(g, e)
	}
	h := 0
	for i, f := range s.fixed {
		n := max(f, 1)
		for _, l := range cols {
			n = max(n, int(l[i]))
		}
		h += n
	}
	return h
}

// linesAt is how many lines each row takes in column g when it is e em
// wide: each paragraph takes the em of its text, in whole lines of e em
// (or at least one em).
func (s *shares) linesAt(g, e int) []int32 {
	for len(s.lines[g]) <= e {
		s.lines[g] = append(s.lines[g], nil)
	}
	if s.lines[g][e] == nil {
		width := float64(max(e, 1))
		l := make([]int32, len(s.paras[g]))
		for i, ps := range s.paras[g] {
			for _, w := range ps {
				l[i] += int32(max(1, int(math.Ceil(w/width-1e-9))))
			}
		}
		s.lines[g][e] = l
	}
	return s.lines[g][e]
}

// subsets are the sets of size of the numbers below n, each in increasing
// order.
func subsets(n, size int) [][]int {
	if size == 0 {
		return [][]int{nil}
	}
	var out [][]int
	for first := 0; first < n; first++ {
		for _, rest := range subsets(n-first-1, size-1) {
			set := []int{first}
			for _, r := range rest {
				set = append(set, first+1+r)
			}
			out = append(out, set)
		}
	}
	return out
}

// overdueDays is how many days p is past its deadline on today (calendar
// days, as the window counts them), "" unless it is open and overdue on
// cal.
func overdueDays(p *app.Problem, today app.Date, cal app.Calendar) string {
	if !p.Overdue(today, cal) {
		return ""
	}
	return fmt.Sprint(p.Deadline.DaysUntil(today))
}

// ledgerCommentRunes is how much of a comment the ledger shows: this
// many characters at most.
const ledgerCommentRunes = 24

// commentsText is the 督办意见 cell of a problem with comments cs: the
// latest of them (by date, then time saved), dated, with how many there
// are when there are more, cut to ledgerCommentRunes characters:
// "12月7日（共3次）：请于12月15日前报送进展。".
func commentsText(cs []app.Comment, today app.Date) string {
	if len(cs) == 0 {
		return ""
	}
	last := slices.MaxFunc(cs, func(a, b app.Comment) int {
		if c := cmp.Compare(a.Date.String(), b.Date.String()); c != 0 {
			return c
		}
		return a.UpdatedAt.Compare(b.UpdatedAt)
	})
	text := strings.Join(strings.Fields(last.Text), " ")
	if utf8.RuneCountInString(text) > ledgerCommentRunes {
		text = string([]rune(text)[:ledgerCommentRunes-1]) + "…"
	}
	head := shortDate(last.Date, today)
	if len(cs) > 1 {
		head += fmt.Sprintf("（共%d次）", len(cs))
	}
	return head + "：" + text
}

// shortDate is d as 12月8日, with its year when that is not today's.
func shortDate(d, today app.Date) string {
	if d.Year() != today.Year() {
		return d.Chinese()
	}
	return fmt.Sprintf("%d月%d日", d.Month(), d.Day())
}

// personText is the person responsible as the ledger shows them: a post
// after the name goes on a line of its own (付洋 / （局长）).
func personText(s string) string {
	if i := strings.Index(s, "（"); i > 0 {
		return strings.TrimSpace(s[:i]) + "\n" + s[i:]
	}
	return s
}

// countyName is the name of the office with code as the city's tables
// write it: 海港区, 北戴河新区; for a longer one its short name with its
// last character (青龙县 for 青龙满族自治县, 开发区 for
// 秦皇岛经济技术开发区); 市级 for the city bureau itself.
func countyName(code string) string {
	if o, ok := app.LookupOffice(code); ok && o.Role == app.RoleCity {
		return o.Short
	}
	name := strings.TrimPrefix(app.OfficeName(code), "秦皇岛")
	if utf8.RuneCountInString(name) <= 5 {
		return name
	}
	short := app.OfficeShort(code)
	last, _ := utf8.DecodeLastRuneInString(name)
	if r, _ := utf8.DecodeLastRuneInString(short); r != last {
		short += string(last)
	}
	return short
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

func prefixed(prefix, s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return prefix + s
}

func parenthesized(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return "（" + s + "）"
}
