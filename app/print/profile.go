package print

import (
	"fmt"
	"strings"
	"time"

	"wugeyi/app"
)

// profileSize is the size of the text of the printed 一企一档, pt (小五):
// the enterprise's fields and the latest of each kind of record on one A4
// page.
const profileSize = 9

// profileSection is one list of the printed profile: its head, its rows
// of four cells, newest first.
type profileSection struct {
	head string
	rows [][4]string
}

// ProfileForm lays out the printed 一企一档 of an enterprise on one A4
// page: its QR code (the enterprise's ID), its fields and the leaders in
// charge, the profile's summary, then its leaders, visits, problems,
// 督办意见, meetings, financing needs and bridge loans, each list newest
// first and cut, when the page has no room for all of it, to the latest
// with "等N条".
func ProfileForm(fs *Fonts, p app.Profile, at time.Time) (*Doc, error) {
	e := p.Enterprise
	office := app.OfficeName(e.Office)
	d, err := newFilled(fs, FormEnterprise, e.Name+"一企一档", "填报单位："+office, "打印日期："+app.DateOf(at).Chinese(), e.ID, at)
	if err != nil {
		return nil, err
	}
	leaders := strings.Join(p.Leaders(), "、")
	t := Table{Widths: columns(d.Width(), 0.17, 0.33, 0.17, 0.33), Size: profileSize}
	d.Table(t, []Row{
		{Cells: []Cell{label("企业名称"), printed(e.Name, 3)}},
		{Cells: []Cell{label("统一社会信用代码"), printed(e.CreditCode, 1), label("所属行业"), printed(e.Industry, 1)}},
		{Cells: []Cell{label("法定代表人"), printed(e.LegalRep, 1), label("企业类别"), printed(strings.Join(e.Categories, "、"), 1)}},
		{Cells: []Cell{label("联系人"), printed(e.Contact, 1), label("联系电话"), printed(e.Phone, 1)}},
		{Cells: []Cell{label("地址"), printed(e.Address, 3)}},
		{Cells: []Cell{label("联系领导"), printed(orName(leaders, "无"), 3)}},
		{Cells: []Cell{label("概况"), printed(strings.TrimPrefix(p.Summary(), "联系领导："+orName(leaders, "无")+"　"), 3)}},
	})
	d.Space(2)
	d.profileLists(profileSections(p))
	return d, nil
}

// profileSections are the lists of the printed profile.
func profileSections(p app.Profile) []profileSection {
	var ss []profileSection
	add := func(head string, n int, row func(i int) [4]string) {
		s := profileSection{head: fmt.Sprintf("%s（%d）", head, n)}
		for i := range n {
			s.rows = append(s.rows, row(i))
		}
		ss = append(ss, s)
	}
	add("联系领导", len(p.Assignments), func(i int) [4]string {
		a := p.Assignments[i]
		return [4]string{a.LeaderName, p.State(a), a.From.String() + "起", "联络员：" + a.Liaison}
	})
	add("走访记录", len(p.Visits), func(i int) [4]string {
		v := p.Visits[i]
		return [4]string{v.Date.String(), v.LeaderName, v.Mode, v.Findings}
	})
	add("问题台账", len(p.Problems), func(i int) [4]string {
		x := p.Problems[i]
		return [4]string{x.Registered.String(), x.Number, p.ProblemStatus(x), x.Category + "：" + x.Description}
	})
	add("督办意见", len(p.Comments), func(i int) [4]string {
		c := p.Comments[i]
		return [4]string{c.Date.String(), c.ProblemNumber, orName(c.Author, app.OfficeName(c.Office)), c.Text}
	})
	add("会议", len(p.Meetings), func(i int) [4]string {
		m := p.Meetings[i]
		return [4]string{m.Date.String(), p.Role(m), m.Place, m.Title()}
	})
	add("融资需求", len(p.Financing), func(i int) [4]string {
		n := p.Financing[i]
		return [4]string{n.Date.String(), n.Amount.String(), n.Status, n.Bank + "　" + n.Use}
	})
	add("转贷", len(p.Loans), func(i int) [4]string {
		l := p.Loans[i]
		return [4]string{l.AppliedOn.String(), l.Applied.String(), string(l.Status), l.Bank}
	})
	return ss
}

// profileLists draws the sections in what is left of the page: a head
// row each, and as many of their rows as fit, shared out one at a time
// among the sections that have more; a section cut short ends with a row
// "……等N条".
func (d *Doc) profileLists(ss []profileSection) {
	t := Table{Widths: columns(d.Width(), 0.15, 0.22, 0.18, 0.45), Size: profileSize}
	one := d.rowHeight(t, Row{Cells: []Cell{printed("一", 4)}})
	room := int((d.bottom() - d.y - float64(len(ss))*one - 0.5) / one)
	shown := make([]int, len(ss))
	for more := true; more && room > 0; {
		more = false
		for i, s := range ss {
			if room > 0 && shown[i] < len(s.rows) {
				shown[i]++
				room--
				more = true
			}
		}
	}
	for i, s := range ss {
		rows := []Row{{Cells: []Cell{{Text: s.head, Span: 4, Face: Hei}}}}
		n := shown[i]
		if n < len(s.rows) {
			n-- // the last row says how many there are
		}
		for _, r := range s.rows[:max(n, 0)] {
			cells := make([]Cell, 4)
			for c, text := range r {
				cells[c] = printed(d.fit(text, t.Widths[c], t.Size), 1)
			}
			rows = append(rows, Row{Cells: cells})
		}
		if shown[i] < len(s.rows) && shown[i] > 0 {
			rows = append(rows, Row{Cells: []Cell{printed(fmt.Sprintf("……等%d条", len(s.rows)), 4)}})
		}
		d.Table(t, rows)
	}
}

// fit is text on one line of a cell w mm wide in Song of size, cut with
// "…" when longer.
func (d *Doc) fit(text string, w, size float64) string {
	text = strings.Join(strings.Fields(text), " ")
	d.setFont(Song, size)
	room := w - 2*cellPad - 0.5
	if d.measure(text) <= room {
		return text
	}
	r := []rune(text)
	for len(r) > 0 && d.measure(string(r)+"…") > room {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}
