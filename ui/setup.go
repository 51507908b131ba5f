package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// setupForm asks, on the first start, which office this database belongs
// to and for its first 管理员; done runs once both are saved and the
// 管理员 signed in.
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
	var admin adminFields
	save := func() {
		code, _, _ := strings.Cut(office.Selected, " ")
		o := app.Office{Code: code, Name: name.Text, Role: app.RoleCounty}
		if role.Selected == app.RoleCity.Label() {
			o.Role = app.RoleCity
		}
		if err := o.Validate(); err != nil {
			f.show(err)
			return
		}
		if err := admin.check(); err != nil {
			f.show(err)
			return
		}
		if err := u.svc.SetUp(u.ctx, o); err != nil {
			f.show(err)
			return
		}
		u.office = o
		// Checked above: only a fault of the disk fails here, and the
		// next start asks for the 管理员 again.
		if err := u.svc.AddFirstAdmin(u.ctx, admin.name.Text, admin.pass.Text); err != nil {
			u.win.SetContent(u.firstAdminForm(done))
			u.showError(err)
			return
		}
		u.signedIn()
		done()
	}
	f = newFieldForm(save)
	f.add("Code", "本单位", office)
	f.add("Name", "单位名称", name)
	f.add("Role", "单位类型", role)
	admin = newAdminFields(f, save)
	intro := widget.NewLabel("第一次使用：请设置本数据库所属单位，并建一个管理员账号。单位设置后不能更改，同步文件以此识别本单位；" +
		"以后每次打开都要登录，每条修改都记下账号。")
	intro.Wrapping = fyne.TextWrapWord
	btn := widget.NewButton("开始使用", save)
	btn.Importance = widget.HighImportance
	return centered("设置本单位", container.NewVBox(intro, f.object(), btn))
}

// centered puts a titled card of fixed width in the middle of the window.
func centered(title string, content fyne.CanvasObject) fyne.CanvasObject {
	card := widget.NewCard(title, "", content)
	return container.NewCenter(container.New(cardLayout{width: 560}, card))
}

// cardLayout gives its one object a fixed width and the height it needs
// at that width, which grows when a message appears on the form.
type cardLayout struct{ width float32 }

// MinSize is the width by the object's height at that width: a wrapped
// label is one line high until it knows its width, so the object is laid
// out at the width first.
func (l cardLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	o := objs[0]
	if o.Size().Width != l.width {
		o.Resize(fyne.NewSize(l.width, o.MinSize().Height))
	}
	return fyne.NewSize(l.width, o.MinSize().Height)
}

func (l cardLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(l.width, size.Height))
}
