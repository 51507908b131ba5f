package ui

import (
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// shrinkSide is the longer side, in pixels, of a photo shrunk on request:
// sharp on an A4 page, a few hundred KB.
const shrinkSide = 2048

// thumbSide is the longer side of a thumbnail.
const thumbSide = 150

// recordExtras is what every record's page has below its form: the
// attachments (附件) with a thumbnail of each photo, and the button that
// shows the record's history (修改记录).
type recordExtras struct {
	u      *UI
	table  app.Table
	id     string // the record shown; "" for a new one
	office string // its owner
	list   []app.Attachment
	// thumbs keeps the thumbnails drawn, by content hash: decoding a
	// photo of a few MB takes tens of milliseconds.
	thumbs map[string]image.Image

	root    *fyne.Container
	items   *fyne.Container
	hint    *widget.Label
	addBtn  *widget.Button
	histBtn *widget.Button
}

func newRecordExtras(u *UI, t app.Table) *recordExtras {
	x := &recordExtras{u: u, table: t, thumbs: map[string]image.Image{}}
	x.items = container.NewGridWrap(fyne.NewSize(180, 190))
	x.hint = widget.NewLabel("")
	x.hint.Importance = widget.LowImportance
	x.hint.Wrapping = fyne.TextWrapWord
	x.addBtn = widget.NewButtonWithIcon("添加附件…", theme.ContentAddIcon(), x.choose)
	x.histBtn = widget.NewButtonWithIcon("修改记录", theme.HistoryIcon(), func() { u.showHistory(x.id) })
	x.root = container.NewVBox(widget.NewSeparator(),
		container.NewBorder(nil, nil, sectionTitle("附件（照片、扫描件）"), x.addBtn), x.hint, x.items)
	x.set("", "")
	return x
}

// set shows the attachments of record id owned by office ("" for a new
// record, which takes none until it is saved).
func (x *recordExtras) set(id, office string) {
	x.id, x.office = id, office
	x.histBtn.Hidden = id == ""
	x.addBtn.Hidden = id == "" || office != x.u.office.Code
	x.reload()
}

// reload reads the record's attachments again.
func (x *recordExtras) reload() {
	x.items.RemoveAll()
	x.list = nil
	switch {
	case x.id == "":
		x.hint.SetText("保存记录后，可以添加照片（JPG、PNG）和 PDF 扫描件")
		return
	case x.office != x.u.office.Code:
		x.hint.SetText("这是" + app.OfficeName(x.office) + "的记录，附件由该单位添加")
	default:
		x.hint.SetText("点“添加附件”选择文件，或把文件拖到窗口上")
	}
	list, err := x.u.svc.Attachments(x.u.ctx, app.AttachmentFilter{RecordTable: x.table, RecordID: x.id})
	if err != nil {
		x.hint.SetText(app.Message(err))
		return
	}
	x.list = list
	if len(list) == 0 && x.office != x.u.office.Code {
		x.hint.SetText("没有附件")
	}
	for _, a := range list {
		x.items.Add(x.item(a))
	}
}

// item is the tile of one attachment: its thumbnail (an icon for a PDF),
// name and size, and buttons to open and remove it.
func (x *recordExtras) item(a app.Attachment) fyne.CanvasObject {
	var pic fyne.CanvasObject = widget.NewIcon(theme.FileIcon())
	if img := x.thumbnail(a); img != nil {
		ci := canvas.NewImageFromImage(img)
		ci.FillMode = canvas.ImageFillContain
		pic = ci
	}
	box := container.NewGridWrap(fyne.NewSize(170, 110), pic)
	name := widget.NewLabel(shortText(a.Name, 12) + "　" + a.SizeText())
	name.Truncation = fyne.TextTruncateEllipsis
	open := widget.NewButton("打开", func() { x.open(a) })
	btns := container.NewHBox(open)
	if a.Office == x.u.office.Code {
		del := widget.NewButton("删除", func() { x.remove(a) })
		del.Importance = widget.DangerImportance
		btns.Add(del)
	}
	return container.NewVBox(box, name, btns)
}

// thumbnail is the picture of a photo, nil for a PDF or a photo that
// cannot be read.
func (x *recordExtras) thumbnail(a app.Attachment) image.Image {
	if !a.IsImage() {
		return nil
	}
	if img, ok := x.thumbs[a.SHA256]; ok {
		return img
	}
	b, err := x.u.svc.AttachmentContent(x.u.ctx, a)
	if err != nil {
		return nil
	}
	img, err := app.Thumbnail(b, thumbSide)
	if err != nil {
		return nil
	}
	x.thumbs[a.SHA256] = img
	return img
}

// choose asks for files with the file dialog.
func (x *recordExtras) choose() {
	x.u.fileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			x.u.showError(err)
			return
		}
		if r == nil {
			return
		}
		x.addURI(r.URI())
		r.Close()
	}, ".jpg", ".jpeg", ".png", ".pdf", ".JPG", ".JPEG", ".PNG", ".PDF")
}

// addURI reads the file at uri and adds it.
func (x *recordExtras) addURI(uri fyne.URI) {
	st, err := x.u.svc.Settings(x.u.ctx)
	if err != nil {
		x.u.showError(err)
		return
	}
	r, err := storage.Reader(uri)
	if err != nil {
		x.u.showError(fmt.Errorf("不能读取文件 %s（%w）", uri.Name(), err))
		return
	}
	defer r.Close()
	// Photos above the cap may still be shrunk; read up to a bound well
	// above it, and no further.
	b, err := io.ReadAll(io.LimitReader(r, 4*st.AttachLimit()+1))
	if err != nil {
		x.u.showError(fmt.Errorf("不能读取文件 %s（%w）", uri.Name(), err))
		return
	}
	if int64(len(b)) > 4*st.AttachLimit() {
		x.u.showError(fmt.Errorf("“%s”超过 %d MB，太大了，不能作为附件", uri.Name(), 4*st.AttachLimit()>>20))
		return
	}
	x.add(uri.Name(), b)
}

// add attaches a file; a photo above the settings' size is offered to be
// shrunk first, never shrunk without asking.
func (x *recordExtras) add(name string, b []byte) {
	if x.id == "" || x.office != x.u.office.Code {
		x.u.notify("请先打开或保存本单位的一条记录，再添加附件")
		return
	}
	st, err := x.u.svc.Settings(x.u.ctx)
	if err != nil {
		x.u.showError(err)
		return
	}
	typ := app.SniffType(b)
	if (typ == app.TypeJPEG || typ == app.TypePNG) && int64(len(b)) > st.ShrinkAbove() {
		msg := fmt.Sprintf("照片“%s”有 %.1f MB，超过 %d MB。\n缩小后添加（长边 %d 像素，清晰度足够打印），还是按原样添加？",
			name, float64(len(b))/(1<<20), st.ShrinkAbove()>>20, shrinkSide)
		d := dialog.NewConfirm("照片较大", msg, func(shrink bool) {
			if !shrink {
				x.attach(name, b)
				return
			}
			small, err := app.ShrinkImage(b, shrinkSide)
			if err != nil {
				x.u.showError(err)
				return
			}
			x.attach(app.ShrinkName(name), small)
		}, x.u.win)
		d.SetConfirmText("缩小后添加")
		d.SetDismissText("按原样添加")
		d.Show()
		return
	}
	x.attach(name, b)
}

// attach saves the attachment and shows it.
func (x *recordExtras) attach(name string, b []byte) {
	a, added, err := x.u.svc.Attach(x.u.ctx, x.table, x.id, name, b)
	if err != nil {
		x.u.showError(err)
		return
	}
	if added {
		x.u.notify(fmt.Sprintf("已添加附件“%s”（%s）", a.Name, a.SizeText()))
	} else {
		x.u.notify(fmt.Sprintf("这个文件已经是本记录的附件“%s”，没有重复添加", a.Name))
	}
	x.reload()
}

// open writes the attachment's content to a file of its own and opens it
// with the PC's program for it. The file's name is made safe and its
// extension is the one of the bytes (app.OpenName): content that is not a
// photo or a PDF of the attachment's type is refused, so that opening
// shows a file and never runs one, whatever another office's file said.
func (x *recordExtras) open(a app.Attachment) {
	b, err := x.u.svc.AttachmentContent(x.u.ctx, a)
	if err != nil {
		x.u.showError(err)
		return
	}
	name, err := app.OpenName(a, b)
	if err != nil {
		x.u.showError(err)
		return
	}
	dir := filepath.Join(os.TempDir(), "五个一工作台附件", app.ContentHash(b)[:16])
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(dir, 0o755); err == nil {
		err = os.WriteFile(path, b, 0o644)
	}
	if err != nil {
		x.u.showError(fmt.Errorf("不能写出附件“%s”（%w）", a.Name, err))
		return
	}
	if err := x.u.openPath(path); err != nil {
		dialog.ShowInformation("附件", fmt.Sprintf("没能用本机的程序打开附件（%v）。文件在：%s", err, path), x.u.win)
	}
}

// remove deletes an attachment after asking.
func (x *recordExtras) remove(a app.Attachment) {
	dialog.ShowConfirm("删除附件", fmt.Sprintf("确定删除附件“%s”吗？", a.Name), func(ok bool) {
		if !ok {
			return
		}
		if err := x.u.svc.Delete(x.u.ctx, app.TableAttachments, a.ID); err != nil {
			x.u.showError(err)
			return
		}
		x.reload()
	}, x.u.win)
}

// attacher is a screen that shows a record files can be dropped on.
type attacher interface{ extras() *recordExtras }

// dropped adds the files dropped on the window to the record shown.
func (u *UI) dropped(_ fyne.Position, uris []fyne.URI) {
	s, ok := u.current().(attacher)
	if !ok || s.extras() == nil || s.extras().id == "" {
		u.notify("请先打开走访、问题、会议、融资需求或转贷的一条记录，再把文件拖到窗口上")
		return
	}
	for _, uri := range uris {
		s.extras().addURI(uri)
	}
}
