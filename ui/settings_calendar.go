package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// calendarEditor (设置 › 放假安排) enters the holidays and 调休 working
// days of a year the program was not built with, from the State Council's
// notice; the city's entries go to the counties in its sync files.
type calendarEditor struct {
	u        *UI
	form     *fieldForm
	year     *widget.Entry
	holidays *textArea
	workdays *textArea
	source   *widget.Entry
	known    *widget.Label
	cur      app.CalendarYear // the office's own entry of the year shown, or a new one
	root     fyne.CanvasObject
}

func newCalendarEditor(u *UI) *calendarEditor {
	c := &calendarEditor{u: u, year: widget.NewEntry(), holidays: newTextArea(), workdays: newTextArea(),
		source: widget.NewEntry(), known: widget.NewLabel("")}
	c.known.Wrapping = fyne.TextWrapWord
	c.form = newFieldForm(c.save)
	c.year.SetPlaceHolder("如：2027")
	c.year.OnChanged = func(s string) {
		if y, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && y >= 2000 && y <= 2100 {
			c.load(y)
		}
	}
	c.holidays.SetPlaceHolder("如：2027-10-01至2027-10-07、2027-09-15")
	c.workdays.SetPlaceHolder("如：2027-09-26、2027-10-09（周六、周日上班的日期）")
	c.source.SetPlaceHolder("如：国务院办公厅关于2027年部分节假日安排的通知")
	c.form.add("Year", "年份", c.year)
	c.form.add("Holidays", "放假日期", c.holidays)
	c.form.add("Workdays", "调休上班日期", c.workdays)
	c.form.add("Source", "依据文件", c.source)
	save := widget.NewButton("保存放假安排", c.save)
	c.root = container.NewVBox(c.known,
		wrapped("本程序已内置国务院办公厅公布的放假安排；新的一年公布后、程序未更新前，在这里按通知录入。"+
			"日期之间用顿号或逗号分开，连续几天写成“开始日期至结束日期”。市工信局录入的放假安排随同步文件发给各县区，并代替县区自己录入的同一年。"),
		c.form.object(), buttonBar(save))
	return c
}

// calendar is the office's working-day calendar, or the published one
// when the settings cannot be read.
func (u *UI) calendar() app.Calendar {
	st, err := u.svc.Settings(u.ctx)
	if err != nil {
		return app.Calendar{}
	}
	return st.Calendar
}

// reload says which years are known and empties the form.
func (c *calendarEditor) reload() {
	c.known.SetText(c.knownText())
	c.cur = app.CalendarYear{}
	c.year.SetText("")
	c.holidays.SetText("")
	c.workdays.SetText("")
	c.source.SetText("")
	c.form.clear()
}

// knownText lists the published years and the years entered here.
func (c *calendarEditor) knownText() string {
	ys := app.PublishedYears()
	text := fmt.Sprintf("已内置：%d—%d年（国务院办公厅通知）", ys[0], ys[len(ys)-1])
	all, err := c.u.svc.CalendarYears(c.u.ctx)
	if err != nil {
		return text + "\n" + app.Message(err)
	}
	cal := c.u.calendar()
	var entered []string
	for _, y := range all {
		if y.Office != c.u.office.Code && y.Office != app.CityCode {
			continue
		}
		who := "本单位录入"
		if y.Office != c.u.office.Code {
			who = "市工信局发布"
		}
		state := "使用中"
		if _, built := cal.Notice(y.Year); built {
			state = "程序已内置，不再使用"
		} else if y.Office == c.u.office.Code && y.Office != app.CityCode && cityHas(all, y.Year) {
			state = "已由市工信局发布的代替"
		}
		entered = append(entered, fmt.Sprintf("%d年（%s，%s）", y.Year, who, state))
	}
	if len(entered) > 0 {
		text += "\n已录入：" + strings.Join(entered, "；")
	}
	return text
}

// cityHas reports whether the city sent an entry for year.
func cityHas(all []app.CalendarYear, year int) bool {
	for _, y := range all {
		if y.Office == app.CityCode && y.Year == year {
			return true
		}
	}
	return false
}

// load shows the office's own entry of year, if it has one.
func (c *calendarEditor) load(year int) {
	all, err := c.u.svc.CalendarYears(c.u.ctx)
	if err != nil {
		c.form.show(err)
		return
	}
	c.cur = app.CalendarYear{}
	for _, y := range all {
		if y.Year == year && y.Office == c.u.office.Code {
			c.cur = y
			c.holidays.SetText(app.FormatDateList(y.Holidays))
			c.workdays.SetText(app.FormatDateList(y.Workdays))
			c.source.SetText(y.Source)
			return
		}
	}
}

// save checks the form and saves the year; a refused year saves nothing.
func (c *calendarEditor) save() {
	var v app.Invalid
	y := c.cur
	year, err := strconv.Atoi(strings.TrimSpace(c.year.Text))
	if err != nil {
		v.Add("Year", "请填写年份，如 2027")
	}
	y.Year = year
	if y.Holidays, err = app.ParseDateList(c.holidays.Text); err != nil {
		v.Add("Holidays", err.Error())
	}
	if y.Workdays, err = app.ParseDateList(c.workdays.Text); err != nil {
		v.Add("Workdays", err.Error())
	}
	y.Source = c.source.Text
	if err := v.Err(); err != nil {
		c.form.show(err)
		return
	}
	if err := c.u.svc.SaveCalendarYear(c.u.ctx, &y); err != nil {
		c.form.show(err)
		return
	}
	c.cur = y
	c.form.clear()
	c.known.SetText(c.knownText())
	c.u.notify(fmt.Sprintf("%d年放假安排已保存", y.Year))
}
