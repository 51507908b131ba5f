package print

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"wugeyi/app"
)

// Minutes lays out the minutes of meeting m of office as a 纪要 issued by
// the office's default issuing body (app.Settings.Issuer); see MinutesBy.
func Minutes(fs *Fonts, m app.Meeting, office app.Office, enterprise string, at time.Time) (*Doc, error) {
	return MinutesBy(fs, m, app.DefaultSettings().Issuer(office), enterprise, at)
}

// MinutesBy lays out the minutes (会议纪要) of meeting m as GB/T 9704's
// 纪要, issued by is and printed at: the red mark "<is.Short><kind>纪要"
// with its number, the issuer and the meeting's date over a red rule; an
// opening paragraph (导语) with the date, place, chair and the leaders
// who attended, and the agenda; the minutes text a paragraph per line;
// the decisions (议定事项) numbered 一、二、 each with the unit that carries
// it out and its deadline; who attended (出席), sent apologies (请假) and
// sat in (列席); the 落款, kept with the text before it; and the 版记 with
// 抄送 and the printing date. enterprise is the name of the enterprise an
// on-site meeting was held at, or "".
func MinutesBy(fs *Fonts, m app.Meeting, is app.Issuer, enterprise string, at time.Time) (*Doc, error) {
	d, err := New(fs, Grid, m.Title()+"纪要", at)
	if err != nil {
		return nil, err
	}
	minutes(d, m, is, enterprise, at)
	return d, nil
}

// minutes writes the minutes of m on d (see MinutesBy).
func minutes(d official, m app.Meeting, is app.Issuer, enterprise string, at time.Time) {
	d.Mark(is.Short+string(m.Kind)+"纪要", 35)
	if m.Seq > 0 && !m.Date.IsZero() {
		d.Centred(fmt.Sprintf("%d年第%d期", m.Date.Year(), m.Seq), FangSong, Size3)
	}
	d.Spread(is.Name, m.Date.Chinese(), FangSong, Size3)
	d.Rule()

	// The pieces after the 版头, so that the last is kept with the 落款.
	pieces := []func(){func() { d.Body(lead(m, enterprise)) }}
	for _, p := range numbered(m.Minutes) {
		pieces = append(pieces, func() { d.Body(p) })
	}
	if len(m.Decisions) > 0 {
		pieces = append(pieces, func() { d.Body("会议议定事项如下：") })
	}
	for i, x := range m.Decisions {
		pieces = append(pieces, func() { d.Heading1(numeral(i) + "、" + strings.TrimRight(x.Text, "。；;.") + "。") })
		var who []string
		if x.Unit != "" {
			who = append(who, "责任单位："+x.Unit+"。")
		}
		if !x.Deadline.IsZero() {
			who = append(who, "完成时限："+x.Deadline.Chinese()+"前。")
		}
		if len(who) > 0 {
			pieces = append(pieces, func() { d.Body(strings.Join(who, "")) })
		}
	}
	for _, g := range []string{app.Present, app.Absent, app.Sitting} {
		var names []string
		for _, a := range m.Attendees {
			if a.Group == g {
				names = append(names, a.Name)
			}
		}
		if len(names) > 0 {
			pieces = append(pieces, func() { d.Listed(g+"：", people(names)+"。") })
		}
	}
	for i, p := range pieces {
		if i == len(pieces)-1 {
			d.keepLines(closingLines)
		}
		p()
	}
	d.Closing(is.Name, m.Date.Chinese())
	d.Colophon(is.CopyTo, is.Name, app.DateOf(at).Chinese()+"印发")
}

// lead is the opening paragraph of the minutes of m: when, where and by
// whom the meeting was held, the leaders who attended besides the chair
// (each as written, 职务 and 姓名), the units, and the agenda.
func lead(m app.Meeting, enterprise string) string {
	var b strings.Builder
	if !m.Date.IsZero() {
		b.WriteString(m.Date.Chinese() + "，")
	}
	if m.Chair != "" {
		b.WriteString(m.Chair)
	}
	if m.Place != "" {
		b.WriteString("在" + m.Place)
	}
	if m.Chair != "" {
		b.WriteString("主持")
	}
	b.WriteString("召开" + m.Title())
	if enterprise != "" {
		b.WriteString("，现场协调解决" + enterprise + "的困难和问题")
	}
	b.WriteString("。")
	var leaders, units []string
	for _, a := range m.Attendees {
		switch {
		case a.Group != app.Present || m.Chair != "" && strings.Contains(m.Chair, a.Name):
		case a.Kind == "领导":
			leaders = append(leaders, a.Name)
		default:
			units = append(units, a.Name)
		}
	}
	if len(leaders) > 0 {
		b.WriteString(people(leaders) + "出席会议")
		if len(units) > 0 {
			b.WriteString("，")
		}
	}
	if len(units) > 0 {
		b.WriteString(people(units) + "参加会议")
	}
	if len(leaders)+len(units) > 0 {
		b.WriteString("。")
	}
	if items := numbered(m.Agenda); len(items) > 0 {
		b.WriteString("会议议题：" + strings.TrimRight(strings.Join(items, "；"), "。；;.") + "。")
	}
	return b.String()
}

// people joins names with 、, or with ；when a name has a 、 or ，of its
// own ("区委常委、副区长覃少华"), so that the reader sees where each
// person ends.
func people(names []string) string {
	for _, n := range names {
		if strings.ContainsAny(n, "、，,") {
			return strings.Join(names, "；")
		}
	}
	return strings.Join(names, "、")
}

// enumerator is a number typed at the start of a line: 一、 1. 1、 （一）
// (1) ①.
var enumerator = regexp.MustCompile(`^\s*(?:[一二三四五六七八九十]+[、.．]|\d+\s*[、.．]|[（(][一二三四五六七八九十\d]+[）)]|[①-⑳])\s*`)

// numbered splits text into its non-empty lines; when more than one is
// numbered by the writer, each numbered line is numbered afresh （一）
// （二）… (a first-level 一、 is the decisions'), so that numbers of
// different levels are never mixed.
func numbered(text string) []string {
	var lines []string
	count := 0
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			lines = append(lines, p)
			if enumerator.MatchString(p) {
				count++
			}
		}
	}
	if count < 2 {
		return lines
	}
	n := 0
	for i, p := range lines {
		if enumerator.MatchString(p) {
			lines[i] = "（" + numeral(n) + "）" + enumerator.ReplaceAllString(p, "")
			n++
		}
	}
	return lines
}

// numeral is the Chinese numeral of heading i (from 0): 一, 二, 三 ….
func numeral(i int) string {
	ns := []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	if i < len(ns) {
		return ns[i]
	}
	if i < 19 {
		return "十" + ns[i-10]
	}
	return fmt.Sprint(i + 1)
}
