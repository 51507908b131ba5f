package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/dialog"

	"wugeyi/app"
	"wugeyi/app/print"
	"wugeyi/app/xlsx"
	"wugeyi/assets"
)

// printFonts are the faces documents are printed in, read at the first
// use (a document or a check of saved text) and kept.
func (u *UI) printFonts() (*print.Fonts, error) {
	if u.printer.fonts == nil {
		fs, err := print.Load(print.Files{Song: assets.PrintSong, Hei: assets.UIFont, FangSong: assets.PrintFang,
			Kai: assets.PrintKai, TitleSong: assets.PrintTitle, Num: assets.PrintNum})
		if err != nil {
			return nil, err
		}
		u.printer.fonts = fs
	}
	return u.printer.fonts, nil
}

// missingPrint lists the characters of text that no print face has (see
// print.Fonts.Missing); none when the fonts cannot be read (printing
// tells of that).
func (u *UI) missingPrint(text string) []rune {
	fs, err := u.printFonts()
	if err != nil {
		return nil
	}
	return fs.Missing(print.Song, text)
}

// importWarning is the preview's warning of the characters of the rows
// plan imports from sh with m that no print face has, the first few
// named; "" when there are none.
func (u *UI) importWarning(p *xlsx.Plan, sh *xlsx.Sheet, m xlsx.Mapping) string {
	ws := xlsx.Unprintable(p, sh, m, u.missingPrint)
	if len(ws) == 0 {
		return ""
	}
	const shown = 5
	more := ""
	if len(ws) > shown {
		more = fmt.Sprintf("等%d处", len(ws))
		ws = ws[:shown]
	}
	return "注意：打印字体中没有这些字，照常导入，打印时将印为编码，请在打印件上手写补上：" + strings.Join(ws, "；") + more + "。"
}

// printField is a field of a record a document prints: its label as
// staff name it and its text.
type printField struct{ label, text string }

// unprintable names the characters of the fields that no print face has,
// field by field (企业名称中的“𪛖”（U+2A6D6）); "" when every one prints or
// the fonts cannot be read (printing tells of that).
func (u *UI) unprintable(fields ...printField) string {
	var parts []string
	for _, f := range fields {
		if m := u.missingPrint(f.text); len(m) > 0 {
			parts = append(parts, f.label+"中的"+runeNames(m))
		}
	}
	return strings.Join(parts, "，")
}

// runeNames lists characters with their codes: “𪛖”（U+2A6D6）、….
func runeNames(rs []rune) string {
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = fmt.Sprintf("“%c”（U+%04X）", r, r)
	}
	return strings.Join(names, "、")
}

// saved tells the user a record is saved with msg on the status line and,
// when characters of its printed fields are in no print face, warns in a
// dialog that names them: the record is kept as typed, and a document
// prints each such character as its code.
func (u *UI) saved(msg string, fields ...printField) {
	u.notify(msg)
	if w := u.unprintable(fields...); w != "" {
		dialog.ShowInformation("打印字体缺字", "已保存。注意："+w+"打印字体中没有，打印时将印为编码，请在打印件上手写补上。", u.win)
	}
}

// problemFields are the printed fields of problems newly registered with
// a visit, a meeting or the ledger's form; with more than one each label
// says which (第2个问题的问题描述).
func problemFields(nps []app.NewProblem) []printField {
	var out []printField
	for i, np := range nps {
		which := ""
		if len(nps) > 1 {
			which = fmt.Sprintf("第%d个问题的", i+1)
		}
		out = append(out, printField{which + "问题描述", np.Problem.Description}, printField{which + "企业诉求", np.Problem.Request})
	}
	return out
}

// meetingFields are the printed fields of meeting m.
func meetingFields(m app.Meeting) []printField {
	fs := []printField{{"会议地点", m.Place}, {"主持人", m.Chair}, {"会议议题", m.Agenda}, {"会议纪要", m.Minutes}}
	for _, a := range m.Attendees {
		fs = append(fs, printField{"参会人员姓名", a.Name})
	}
	for _, d := range m.Decisions {
		fs = append(fs, printField{"议定事项内容", d.Text}, printField{"议定事项责任单位", d.Unit})
	}
	return fs
}
