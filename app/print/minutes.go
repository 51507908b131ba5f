package print

import (
	"fmt"
	"strings"
	"time"

	"wugeyi/app"
)

// Minutes lays out the minutes (会议纪要) of meeting m of office: its
// number, time, place, chair and form, who attended (出席), sat in (列席)
// and sent apologies (请假), the agenda, the minutes text a paragraph per
// line, and the numbered decisions (议定事项) with the unit that carries
// each out and its deadline; the office and date close it. enterprise is
// the name of the enterprise an on-site meeting was held at, or "".
func Minutes(fs *Fonts, m app.Meeting, office app.Office, enterprise string, at time.Time) (*Doc, error) {
	d, err := New(fs, Official, m.Title()+"纪要", at)
	if err != nil {
		return nil, err
	}
	d.Title(office.Name + string(m.Kind) + "纪要")
	if m.Seq > 0 && !m.Date.IsZero() {
		d.Centred(fmt.Sprintf("（%d年第%d期）", m.Date.Year(), m.Seq), Song, Size3)
	}
	d.Space(4)

	d.setFont(Song, Size3)
	field := func(label, value string) {
		if value != "" {
			d.Labeled(label, value)
		}
	}
	// Labels of two characters are spaced out to the width of four.
	spaced := map[string]string{app.Present: "出　　席：", app.Sitting: "列　　席：", app.Absent: "请　　假："}
	field("时　　间：", m.Date.Chinese())
	field("地　　点：", m.Place)
	field("企　　业：", enterprise)
	field("主 持 人：", m.Chair)
	field("会议形式：", m.Format)
	for _, g := range app.AttendanceGroups {
		var names []string
		for _, a := range m.Attendees {
			if a.Group == g {
				names = append(names, a.Name)
			}
		}
		field(spaced[g], strings.Join(names, "、"))
	}

	n := 0 // headings so far
	heading := func(title string) {
		d.Space(3)
		d.Heading(numeral(n) + "、" + title)
		n++
	}
	if m.Agenda != "" {
		heading("会议议题")
		d.paras(m.Agenda)
	}
	if m.Minutes != "" {
		heading("会议内容")
		d.paras(m.Minutes)
	}
	if len(m.Decisions) > 0 {
		heading("议定事项")
		d.setFont(Song, Size3)
		for i, x := range m.Decisions {
			text := x.Text
			var who []string
			if x.Unit != "" {
				who = append(who, "责任单位："+x.Unit)
			}
			if !x.Deadline.IsZero() {
				who = append(who, "完成时限："+x.Deadline.Chinese())
			}
			if len(who) > 0 {
				text += "（" + strings.Join(who, "；") + "）"
			}
			d.Labeled(fmt.Sprintf("%d．", i+1), text)
		}
	}

	d.Space(12)
	d.Right(office.Name, Song, Size3)
	d.Right(m.Date.Chinese(), Song, Size3)
	return d, nil
}

// numeral is the Chinese numeral of heading i (from 0): 一, 二, 三 ….
func numeral(i int) string {
	ns := []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	if i < len(ns) {
		return ns[i]
	}
	return fmt.Sprint(i + 1)
}

// paras sets each line of text as a paragraph of body text.
func (d *Doc) paras(text string) {
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			d.Para(p)
		}
	}
}
