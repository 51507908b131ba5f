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

// enterprisesScreen (重点企业) lists the office's key enterprises, with a
// search box, and edits one at a time.
type enterprisesScreen struct {
	u      *UI
	list   []app.Enterprise
	search *widget.Entry
	table  *recordTable
	count  *widget.Label

	cur        app.Enterprise
	heading    *widget.Label
	form       *fieldForm
	name       *widget.Entry
	code       *widget.Entry
	industry   *widget.Entry
	categories *widget.CheckGroup
	legalRep   *widget.Entry
	contact    *widget.Entry
	phone      *widget.Entry
	address    *widget.Entry
	del        *widget.Button
	printBtn   *widget.Button
	profile    *profilePane
	split      *container.Split // the list left, the form or page right
	root       fyne.CanvasObject
}

func newEnterprisesScreen(u *UI) *enterprisesScreen {
	s := &enterprisesScreen{u: u, count: widget.NewLabel("")}
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder("按企业名称或信用代码查找（Ctrl+F）")
	s.search.OnChanged = func(string) { s.reload() }
	s.table = newRecordTable(
		[]column{{"企业名称", 260}, {"统一社会信用代码", 190}, {"行业", 90}, {"类别", 150}},
		func() int { return len(s.list) },
		func(r, c int) (string, widget.Importance) {
			e := s.list[r]
			return [...]string{e.Name, e.CreditCode, e.Industry, strings.Join(e.Categories, "、")}[c], widget.MediumImportance
		},
		func(r int) { s.edit(s.list[r]) })

	s.heading = sectionTitle("")
	s.name = widget.NewEntry()
	s.code = widget.NewEntry()
	s.code.SetPlaceHolder("18位，见营业执照")
	s.industry = widget.NewEntry()
	s.categories = widget.NewCheckGroup(app.EnterpriseCategories, nil)
	s.legalRep = widget.NewEntry()
	s.contact = widget.NewEntry()
	s.phone = widget.NewEntry()
	s.address = widget.NewEntry()
	s.form = newFieldForm(s.save)
	s.form.add("Name", "企业名称", s.name)
	s.form.add("CreditCode", "统一社会信用代码", s.code)
	s.form.add("Industry", "所属行业", s.industry)
	s.form.add("Categories", "企业类别", s.categories)
	s.form.add("LegalRep", "法定代表人", s.legalRep)
	s.form.add("Contact", "联系人", s.contact)
	s.form.add("Phone", "联系电话", s.phone)
	s.form.add("Address", "地址", s.address)
	save := widget.NewButton("保存", s.save)
	save.Importance = widget.HighImportance
	s.del = widget.NewButton("删除", s.remove)
	s.del.Importance = widget.DangerImportance
	newBtn := widget.NewButton("新增企业", s.newRecord)
	s.profile = newProfilePane(u)
	s.printBtn = widget.NewButton("打印企业档案", s.profile.print)

	tools := buttonBar(newBtn, u.importButton(xlsx.KindEnterprises), u.exportButton(xlsx.ExportEnterprises, u.viewOptions))
	left := container.NewBorder(container.NewVBox(s.search, tools), s.count, nil, nil, s.table)
	right := formPane(s.heading, container.NewVBox(s.form.object(), s.profile.root), save, s.del, s.printBtn)
	s.split = container.NewHSplit(left, right)
	s.split.Offset = listOffset
	s.root = s.split
	s.edit(app.Enterprise{})
	return s
}

func (s *enterprisesScreen) view() fyne.CanvasObject { return s.root }

func (s *enterprisesScreen) reload() {
	list, err := s.u.svc.Enterprises(s.u.ctx, app.EnterpriseFilter{Office: s.u.ownOffice(), Query: strings.TrimSpace(s.search.Text)})
	if err != nil {
		s.count.SetText(app.Message(err))
		return
	}
	s.list = list
	s.count.SetText(fmt.Sprintf("共 %d 家", len(list)))
	s.table.reset()
	s.table.follow(s.cur.ID, len(s.list), func(i int) string { return s.list[i].ID }, func() { s.edit(app.Enterprise{}) })
}

func (s *enterprisesScreen) focusSearch() { s.u.win.Canvas().Focus(s.search) }

// newRecord empties the form for a new enterprise.
func (s *enterprisesScreen) newRecord() {
	s.edit(app.Enterprise{})
	s.u.win.Canvas().Focus(s.name)
}

// edit shows e in the form.
func (s *enterprisesScreen) edit(e app.Enterprise) {
	s.cur = e
	s.form.clear()
	if e.ID == "" {
		s.heading.SetText("新增重点企业")
		s.del.Hide()
		s.printBtn.Hide()
	} else {
		s.heading.SetText("企业：" + e.Name)
		s.del.Show()
		s.printBtn.Show()
	}
	s.profile.show(e.ID)
	// An enterprise's page (its 一企一档's lists) takes the wider side;
	// the list of enterprises, for a new one.
	if off := pageOffset(e.ID != ""); s.split.Offset != off {
		s.split.SetOffset(off)
	}
	s.name.SetText(e.Name)
	s.code.SetText(e.CreditCode)
	s.industry.SetText(e.Industry)
	s.categories.SetSelected(e.Categories)
	s.legalRep.SetText(e.LegalRep)
	s.contact.SetText(e.Contact)
	s.phone.SetText(e.Phone)
	s.address.SetText(e.Address)
}

func (s *enterprisesScreen) save() {
	e := s.cur
	e.Name, e.CreditCode, e.Industry = s.name.Text, s.code.Text, s.industry.Text
	e.Categories = append([]string(nil), s.categories.Selected...)
	e.LegalRep, e.Contact, e.Phone, e.Address = s.legalRep.Text, s.contact.Text, s.phone.Text, s.address.Text
	if err := s.u.svc.SaveEnterprise(s.u.ctx, &e); err != nil {
		s.form.show(err)
		return
	}
	s.reload()
	s.edit(e)
	s.u.saved("已保存："+e.Name, printField{"企业名称", e.Name}, printField{"法定代表人", e.LegalRep},
		printField{"联系人", e.Contact}, printField{"地址", e.Address}, printField{"所属行业", e.Industry})
}

func (s *enterprisesScreen) remove() {
	e := s.cur
	dialog.ShowConfirm("删除企业", "确定删除“"+e.Name+"”吗？删除会同步到市工信局。", func(ok bool) {
		if !ok {
			return
		}
		if err := s.u.svc.Delete(s.u.ctx, app.TableEnterprises, e.ID); err != nil {
			s.u.showError(err)
			return
		}
		s.reload()
		s.newRecord()
	}, s.u.win)
}
