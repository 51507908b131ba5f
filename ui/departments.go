package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
	"wugeyi/app/xlsx"
)

// departmentsView (责任单位目录, opened from 设置) lists the office's
// departments, the bodies problems are 交办 to, and edits them; at the
// city it lists the counties' directories too, to look at. A 交办 to a
// name not in the directory adds it there.
type departmentsView struct {
	u      *UI
	list   []app.Department
	search *widget.Entry
	table  *recordTable
	count  *widget.Label

	cur     app.Department
	heading *widget.Label
	form    *fieldForm
	name    *widget.Entry
	short   *widget.Entry
	contact *widget.Entry
	phone   *widget.Entry
	save    *widget.Button
	del     *widget.Button

	root fyne.CanvasObject
}

func newDepartmentsView(u *UI) *departmentsView {
	s := &departmentsView{u: u, count: widget.NewLabel("")}
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder("按名称查找")
	s.search.OnChanged = func(string) { s.reload() }
	s.table = newRecordTable(
		[]column{{"单位", 70}, {"责任单位", 220}, {"简称", 90}, {"联系人", 70}},
		func() int { return len(s.list) },
		func(r, c int) (string, widget.Importance) {
			d := s.list[r]
			return [...]string{app.OfficeShort(d.Office), d.Name, d.Short, d.Contact}[c], widget.MediumImportance
		},
		func(r int) { s.edit(s.list[r]) })
	s.heading = sectionTitle("")
	s.name = widget.NewEntry()
	s.name.SetPlaceHolder("例如 海港区住房和城乡建设局")
	s.short = widget.NewEntry()
	s.short.SetPlaceHolder("例如 区住建局（可不填）")
	s.contact = widget.NewEntry()
	s.phone = widget.NewEntry()
	s.form = newFieldForm(s.saveRecord)
	s.form.add("Name", "名称", s.name)
	s.form.add("Short", "简称", s.short)
	s.form.add("Contact", "联系人", s.contact)
	s.form.add("Phone", "联系电话", s.phone)
	s.save = widget.NewButton("保存", s.saveRecord)
	s.save.Importance = widget.HighImportance
	s.del = widget.NewButton("删除", s.remove)
	s.del.Importance = widget.DangerImportance
	newBtn := widget.NewButton("新增责任单位", func() { s.edit(app.Department{}) })
	note := wrapped("交办问题时从这里选择牵头责任单位；输入目录中没有的名称交办，会同时加入目录。删除或改名不影响已交办问题上记载的名称。")
	left := container.NewBorder(container.NewVBox(note, container.NewBorder(nil, nil, nil,
		buttonBar(newBtn, u.importButton(xlsx.KindDepartments)), s.search)), s.count, nil, nil, s.table)
	split := container.NewHSplit(left, formPane(s.heading, s.form.object(), s.save, s.del))
	split.Offset = 0.55
	s.root = split
	s.edit(app.Department{})
	return s
}

// showDepartments opens the directory of departments in a dialog.
func (u *UI) showDepartments() {
	s := newDepartmentsView(u)
	s.reload()
	d := dialog.NewCustom("责任单位目录", "关闭", s.root, u.win)
	d.Resize(fyne.NewSize(min(u.win.Canvas().Size().Width-40, 960), min(u.win.Canvas().Size().Height-40, 600)))
	d.Show()
}

// departmentOffice is whose departments the directory lists: this
// office's, or at the city every office's.
func (u *UI) departmentOffice() string {
	if u.office.Role == app.RoleCity {
		return ""
	}
	return u.office.Code
}

func (s *departmentsView) reload() {
	list, err := s.u.svc.Departments(s.u.ctx, app.DepartmentFilter{Office: s.u.departmentOffice(), Query: strings.TrimSpace(s.search.Text)})
	if err != nil {
		s.count.SetText(app.Message(err))
		return
	}
	s.list = list
	s.count.SetText(fmt.Sprintf("共 %d 个", len(list)))
	s.table.reset()
	s.table.follow(s.cur.ID, len(s.list), func(i int) string { return s.list[i].ID }, func() { s.edit(app.Department{}) })
}

func (s *departmentsView) edit(d app.Department) {
	s.cur = d
	s.form.clear()
	own := d.ID == "" || d.Office == s.u.office.Code
	switch {
	case d.ID == "":
		s.heading.SetText("新增责任单位")
	case own:
		s.heading.SetText("责任单位：" + d.Name)
	default:
		s.heading.SetText(app.OfficeName(d.Office) + "的责任单位（只能查看）：" + d.Name)
	}
	s.save.Hidden = !own
	s.del.Hidden = !own || d.ID == ""
	s.save.Refresh()
	s.del.Refresh()
	s.name.SetText(d.Name)
	s.short.SetText(d.Short)
	s.contact.SetText(d.Contact)
	s.phone.SetText(d.Phone)
}

func (s *departmentsView) saveRecord() {
	d := s.cur
	d.Name, d.Short, d.Contact, d.Phone = s.name.Text, s.short.Text, s.contact.Text, s.phone.Text
	if err := s.u.svc.SaveDepartment(s.u.ctx, &d); err != nil {
		s.form.show(err)
		return
	}
	s.reload()
	s.edit(d)
	s.u.saved("已保存："+d.Name, printField{"责任单位", d.Name})
}

func (s *departmentsView) remove() {
	d := s.cur
	dialog.ShowConfirm("删除责任单位", "确定从目录中删除“"+d.Name+"”吗？已交办给它的问题不受影响。", func(ok bool) {
		if !ok {
			return
		}
		if err := s.u.svc.Delete(s.u.ctx, app.TableDepartments, d.ID); err != nil {
			s.u.showError(err)
			return
		}
		s.reload()
		s.edit(app.Department{})
	}, s.u.win)
}

// departmentChoices are the names of this office's departments, for the
// 牵头责任单位 of a 交办.
func (u *UI) departmentChoices() []string {
	list, err := u.svc.Departments(u.ctx, app.DepartmentFilter{Office: u.office.Code})
	if err != nil {
		u.notify(app.Message(err))
		return nil
	}
	names := make([]string, len(list))
	for i, d := range list {
		names[i] = d.Name
	}
	return names
}
