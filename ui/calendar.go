package ui

import (
	"fmt"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// calendarView (年度会议日历) shows, for a year, which of the required
// meetings were held month by month (现场办公会) and quarter by quarter
// (恳谈会, 银企对接会), and which are missing.
type calendarView struct {
	u       *UI
	year    *widget.Select
	grid    *fyne.Container
	summary *widget.Label
	periods map[app.MeetingKind][]app.MeetingPeriod
	root    fyne.CanvasObject
}

func newCalendarView(u *UI) *calendarView {
	c := &calendarView{u: u, grid: container.NewVBox(), summary: widget.NewLabel("")}
	this := u.svc.Today().Year()
	var years []string
	for y := this; y >= this-10; y-- {
		years = append(years, strconv.Itoa(y))
	}
	c.year = newSelect(years, func(string) { c.reload() })
	c.year.SetSelected(years[0])
	legend := container.NewHBox(
		cell("已召开", theme.ColorNameSuccess), cell("未召开", theme.ColorNameError),
		cell("待召开", theme.ColorNameWarning), cell("未到期", theme.ColorNameDisabled))
	c.root = container.NewVScroll(container.NewVBox(
		container.NewHBox(widget.NewLabel("年度"), c.year, widget.NewLabel("　图例："), legend),
		c.summary, c.grid))
	return c
}

// cell is a tinted box with text, one period of the calendar. The tint is
// the theme's colour made light, so the text stays readable in either
// theme; a missing meeting is also said in bold red.
func cell(text string, name fyne.ThemeColorName) fyne.CanvasObject {
	r, g, b, _ := theme.Color(name).RGBA()
	bg := canvas.NewRectangle(color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x48})
	bg.CornerRadius = 4
	bg.StrokeColor = theme.Color(name)
	bg.StrokeWidth = 1
	l := widget.NewLabel(text)
	l.Alignment = fyne.TextAlignCenter
	if name == theme.ColorNameError {
		l.Importance = widget.DangerImportance
		l.TextStyle.Bold = true
	}
	return container.NewStack(bg, l)
}

// stateColor is the colour of a period's state.
func stateColor(s app.PeriodState) fyne.ThemeColorName {
	switch s {
	case app.PeriodHeld:
		return theme.ColorNameSuccess
	case app.PeriodMissing:
		return theme.ColorNameError
	case app.PeriodDue:
		return theme.ColorNameWarning
	}
	return theme.ColorNameDisabled
}

func (c *calendarView) reload() {
	y, err := strconv.Atoi(c.year.Selected)
	if err != nil {
		return
	}
	list, err := c.u.svc.Meetings(c.u.ctx, app.MeetingFilter{Office: c.u.viewOffice(), From: app.D(y, 1, 1), To: app.D(y, 12, 31)})
	if err != nil {
		c.summary.SetText(app.Message(err))
		return
	}
	var began app.Date // another office's start is not known here
	if office := c.u.viewOffice(); office == "" || office == c.u.office.Code {
		st, err := c.u.svc.Settings(c.u.ctx)
		if err != nil {
			c.summary.SetText(app.Message(err))
			return
		}
		began = st.Began
	}
	c.periods = app.MeetingCalendar(y, list, c.u.svc.Today(), began)
	c.grid.RemoveAll()
	missing := 0
	for _, k := range app.MeetingKinds {
		ps := c.periods[k]
		row := container.NewGridWithColumns(len(ps))
		for _, p := range ps {
			name := app.QuarterName(p.Index)
			if k.Monthly() {
				name = fmt.Sprintf("%d月", p.Index)
			}
			text := name + "\n" + string(p.State)
			if p.Held > 1 {
				text = fmt.Sprintf("%s\n已召开%d次", name, p.Held)
			}
			if p.State == app.PeriodMissing {
				missing++
			}
			row.Add(cell(text, stateColor(p.State)))
		}
		rhythm := "每季度一次"
		if k.Monthly() {
			rhythm = "每月一次"
		}
		c.grid.Add(sectionTitle(fmt.Sprintf("%s（%s）", k, rhythm)))
		c.grid.Add(row)
	}
	c.summary.SetText(fmt.Sprintf("%d年应召开的会议中，已过期未召开 %d 次。", y, missing))
}
