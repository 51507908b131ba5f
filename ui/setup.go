package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// setupForm asks, on the first start, which office this database belongs
// to and who is working; done runs once both are saved.
func (u *UI) setupForm(done func()) fyne.CanvasObject {
	var names []string
	for _, o := range app.Offices {
		names = append(names, o.Code+" "+o.Name)
	}
	office := newSelect(names, nil)
	office.PlaceHolder = "请选择本单位"
	name := widget.NewEntry()
	role := widget.NewRadioGroup([]string{app.RoleCounty.Label(), app.RoleCity.Label()}, nil)
	role.Horizontal = true
	operator := widget.NewEntry()
	operator.SetPlaceHolder("录入人员姓名，记入每条修改记录")
	office.OnChanged = func(s string) {
		code, _, _ := strings.Cut(s, " ")
		if k, ok := app.LookupOffice(code); ok {
			name.SetText(k.Name)
			if k.Role == app.RoleCity {
				role.SetSelected(app.RoleCity.Label())
			} else {
				role.SetSelected(app.RoleCounty.Label())
			}
		}
	}

	var f *fieldForm
	save := func() {
		code, _, _ := strings.Cut(office.Selected, " ")
		o := app.Office{Code: code, Name: name.Text, Role: app.RoleCounty}
		if role.Selected == app.RoleCity.Label() {
			o.Role = app.RoleCity
		}
		var v app.Invalid
		if strings.TrimSpace(operator.Text) == "" {
			v.Add("Operator", "请填写录入人员姓名")
		}
		if err := o.Validate(); err != nil {
			f.show(err)
			return
		}
		if err := v.Err(); err != nil {
			f.show(err)
			return
		}
		if err := u.svc.SetUp(u.ctx, o); err != nil {
			f.show(err)
			return
		}
		u.setOperator(operator.Text)
		done()
	}
	f = newFieldForm(save)
	f.add("Code", "本单位", office)
	f.add("Name", "单位名称", name)
	f.add("Role", "单位类型", role)
	f.add("Operator", "录入人员", operator)
	intro := widget.NewLabel("第一次使用：请设置本数据库所属单位。设置后不能更改，同步文件以此识别本单位。")
	intro.Wrapping = fyne.TextWrapWord
	btn := widget.NewButton("开始使用", save)
	btn.Importance = widget.HighImportance
	return centered("设置本单位", container.NewVBox(intro, f.object(), btn))
}

// operatorForm asks who is working on this PC; done runs once the name is
// kept.
func (u *UI) operatorForm(done func()) fyne.CanvasObject {
	operator := widget.NewEntry()
	var f *fieldForm
	save := func() {
		if strings.TrimSpace(operator.Text) == "" {
			f.show(app.FieldError{Field: "Operator", Msg: "请填写录入人员姓名"})
			return
		}
		u.setOperator(operator.Text)
		done()
	}
	f = newFieldForm(save)
	f.add("Operator", "录入人员", operator)
	intro := widget.NewLabel("请填写您的姓名：每条新增或修改的记录都会记下录入人员。")
	intro.Wrapping = fyne.TextWrapWord
	btn := widget.NewButton("确定", save)
	btn.Importance = widget.HighImportance
	return centered(u.office.Name, container.NewVBox(intro, f.object(), btn))
}

// setOperator makes name the operator of every change from now on and
// remembers it for the next start.
func (u *UI) setOperator(name string) {
	name = strings.TrimSpace(name)
	u.svc.Operator = name
	u.app.Preferences().SetString(prefOperator, name)
}

// centered puts a titled card of fixed width in the middle of the window.
func centered(title string, content fyne.CanvasObject) fyne.CanvasObject {
	const width = 560
	card := widget.NewCard(title, "", content)
	// A wrapped label is one line high until it knows its width: lay the
	// card out at its width first, so that its height counts every line.
	card.Resize(fyne.NewSize(width, card.MinSize().Height))
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(width, card.MinSize().Height), card))
}
