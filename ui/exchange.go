package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
	"wugeyi/app/syncfile"
)

// exchangeScreen (数据交换) is where an office exchanges sync files with the
// city bureau (a county) or with the counties (the city): its own card and
// the cards it trusts, exporting a file, importing one after a preview, and
// the log of every file sent and received.
type exchangeScreen struct {
	u        *UI
	own      *widget.Label
	cards    []app.Card
	cardT    *recordTable
	to       *widget.Select
	all      *widget.Check
	progress *widget.ProgressBar
	busy     *widget.Label
	preview  *fyne.Container
	log      []app.SyncEntry
	logT     *recordTable
	cardBtns *fyne.Container   // export and register a card, above the list
	main     fyne.CanvasObject // the cards, sending, receiving and the log
	guide    fyne.CanvasObject // the first steps, while no other office is registered
	guideFP  *widget.Label     // this office's fingerprint in the guide
	root     fyne.CanvasObject

	file *syncfile.File // the file being previewed
}

func newExchangeScreen(u *UI) *exchangeScreen {
	s := &exchangeScreen{u: u, own: widget.NewLabel(""), busy: widget.NewLabel(""), preview: container.NewVBox()}
	s.own.Wrapping = fyne.TextWrapWord
	s.cardT = newRecordTable(
		[]column{{"单位", 200}, {"机构代码", 90}, {"指纹（与对方电话核对）", 380}, {"发给对方的文件", 280}},
		func() int { return len(s.cards) },
		func(r, c int) (string, widget.Importance) {
			k := &s.cards[r]
			return [...]string{k.Name, k.Office, k.Fingerprint(), syncfile.Receives(*k)}[c], widget.MediumImportance
		}, nil)
	s.to = newSelect(nil, nil)
	s.all = widget.NewCheck("全部记录（对方初次接收或数据丢失时用）", nil)
	s.progress = widget.NewProgressBar()
	s.progress.Hide()
	s.logT = newRecordTable(
		[]column{{"时间", 135}, {"方向", 50}, {"对方", 150}, {"结果", 70}, {"记录数", 65}, {"文件", 330}, {"说明", 300}},
		func() int { return len(s.log) },
		func(r, c int) (string, widget.Importance) {
			e := &s.log[r]
			imp := widget.MediumImportance
			if e.Outcome == app.SyncRefused {
				imp = widget.DangerImportance
			}
			return [...]string{e.At.Local().Format("2006-01-02 15:04"), string(e.Direction), app.OfficeName(e.Peer),
				e.Outcome, fmt.Sprint(recordCount(e.Counts)), e.File, e.Message}[c], imp
		}, nil)

	cardOut := widget.NewButton("导出本单位公钥卡…", s.exportCard)
	cardIn := widget.NewButton("登记对方公钥卡…", s.importCard)
	exp := widget.NewButton("导出同步文件…", s.export)
	exp.Importance = widget.HighImportance
	imp := widget.NewButton("导入同步文件…", s.pickImport)
	imp.Importance = widget.HighImportance

	s.cardBtns = container.NewHBox(cardOut, cardIn)
	top := container.NewVBox(sectionTitle("本单位公钥卡"), s.own, s.cardBtns)
	sendRecv := container.NewVBox(
		widget.NewSeparator(),
		sectionTitle("发送"), container.NewHBox(widget.NewLabel("接收单位"), s.to, s.all, exp),
		sectionTitle("接收"), container.NewHBox(imp, widget.NewLabel("导入前先核对签名和内容，显示将要改动的记录，确认后才写入，并自动备份数据库。")),
		s.progress, s.busy, s.preview,
		sectionTitle("收发记录"))
	split := container.NewVSplit(container.NewBorder(sectionTitle("已登记的单位"), nil, nil, nil, s.cardT),
		container.NewBorder(sendRecv, nil, nil, nil, s.logT))
	split.Offset = 0.22
	s.main = split
	s.guide = s.newGuide()
	s.guide.Hide()
	s.root = container.NewBorder(top, nil, nil, nil, container.NewStack(s.main, s.guide))
	return s
}

// newGuide makes the steps a newcomer follows before the first exchange:
// give this office's card to the other office, register theirs, compare
// the fingerprints by phone, then export the first sync file; each step
// with its button.
func (s *exchangeScreen) newGuide() fyne.CanvasObject {
	peer, give := "市工信局", "交给市工信局"
	if s.u.office.Role == app.RoleCity {
		peer, give = "县区", "交给各县区（每个县区一份）"
	}
	s.guideFP = widget.NewLabel("")
	s.guideFP.Selectable = true
	step := func(n int, text string, b *widget.Button, more ...fyne.CanvasObject) fyne.CanvasObject {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		head := sectionTitle(fmt.Sprintf("第%d步", n))
		body := container.NewVBox(append([]fyne.CanvasObject{l}, more...)...)
		body.Add(container.NewHBox(b))
		return container.NewBorder(nil, nil, head, nil, body)
	}
	exportCard := widget.NewButton("导出本单位公钥卡…", s.exportCard)
	exportCard.Importance = widget.HighImportance
	importCard := widget.NewButton("登记对方公钥卡…", s.importCard)
	importCard.Importance = widget.HighImportance
	showFP := widget.NewButton("查看指纹", func() {
		dialog.ShowInformation("指纹", s.fingerprints()+"\n\n请打电话与对方互相念一遍，逐字核对。", s.u.win)
	})
	exportFile := widget.NewButton("导出同步文件…", s.export)
	exportFile.Disable() // the guide shows only while no office is registered
	intro := widget.NewLabel(fmt.Sprintf("还没有登记任何单位。县区和市工信局之间不联网，记录用U盘传递；"+
		"先按下面四步与%s互换公钥卡（相当于本单位的“名片”），对方才能确认文件确实来自本单位、中途没有被改动。", peer))
	intro.Wrapping = fyne.TextWrapWord
	return container.NewVScroll(container.NewVBox(
		widget.NewSeparator(),
		sectionTitle("第一次使用数据交换"),
		intro,
		step(1, "导出本单位公钥卡，存到U盘上，"+give+"。", exportCard),
		step(2, "拿到"+peer+"的公钥卡文件（同样用U盘拷来），点“登记对方公钥卡”，选中这个文件。", importCard),
		step(3, "登记前打电话给"+peer+"，互相念一遍指纹，逐字核对：对方念的应与登记时显示的一致，"+
			"你念的本单位指纹应与对方登记时看到的一致。一致后再确认登记。", showFP, s.guideFP),
		step(4, "登记好以后，本页会列出已登记的单位：选择接收单位，导出同步文件，用U盘交给对方。以后每次报送都只需这一步。", exportFile),
	))
}

func (s *exchangeScreen) view() fyne.CanvasObject { return s.root }

func (s *exchangeScreen) reload() {
	card, err := syncfile.OwnCard(s.u.ctx, s.u.svc)
	if err != nil {
		s.own.SetText(app.Message(err))
	} else {
		s.own.SetText(fmt.Sprintf("%s（%s）  指纹：%s", card.Name, card.Office, card.Fingerprint()))
		if card.SM2() {
			s.own.SetText(s.own.Text + "\n尚未升级到国密格式的单位看到的指纹：" + card.OldFingerprint())
		}
		s.guideFP.SetText("本单位指纹：" + card.Fingerprint())
	}
	s.cards, err = s.u.svc.Cards(s.u.ctx)
	if err != nil {
		s.u.notify(app.Message(err))
	}
	var peers []string
	for _, c := range s.cards {
		peers = append(peers, peerChoice(c))
	}
	s.to.SetOptions(peers)
	for _, p := range peers { // wide enough for the longest name
		if len([]rune(p)) > len([]rune(s.to.PlaceHolder)) {
			s.to.PlaceHolder = p
		}
	}
	if len(peers) > 0 && !contains(peers, s.to.Selected) {
		s.to.SetSelected(peers[0])
	}
	s.log, err = s.u.svc.SyncLog(s.u.ctx, "", 500)
	if err != nil {
		s.u.notify(app.Message(err))
	}
	s.cardT.reset()
	s.logT.reset()
	newcomer := len(s.cards) == 0
	s.cardBtns.Hidden = newcomer
	if newcomer {
		s.main.Hide()
		s.guide.Show()
	} else {
		s.guide.Hide()
		s.main.Show()
	}
	s.cardBtns.Refresh()
}

// fingerprints says this office's fingerprint and those of the offices it
// trusts, for two people to compare by phone.
func (s *exchangeScreen) fingerprints() string {
	var b strings.Builder
	if card, err := syncfile.OwnCard(s.u.ctx, s.u.svc); err != nil {
		b.WriteString(app.Message(err))
	} else {
		fmt.Fprintf(&b, "本单位 %s（%s）指纹：%s", card.Name, card.Office, card.Fingerprint())
	}
	cards, err := s.u.svc.Cards(s.u.ctx)
	if err != nil {
		return b.String() + "\n" + app.Message(err)
	}
	if len(cards) == 0 {
		b.WriteString("\n尚未登记其他单位的公钥卡：县区登记市工信局的，市工信局登记各县区的。")
	}
	for _, c := range cards {
		fmt.Fprintf(&b, "\n已登记 %s（%s）指纹：%s，发给对方的文件：%s", c.Name, c.Office, c.Fingerprint(), syncfile.Receives(c))
	}
	return b.String()
}

// peerChoice is how an office is offered as the recipient of a file.
func peerChoice(c app.Card) string { return c.Name + "（" + c.Office + "）" }

// recordCount is how many records a log line's file carried.
func recordCount(counts map[app.Table]app.TableCounts) int {
	n := 0
	for _, c := range counts {
		n += c.New + c.Updated + c.Unchanged + c.Deleted + c.Refused
	}
	return n
}

func (s *exchangeScreen) exportCard() {
	card, err := syncfile.OwnCard(s.u.ctx, s.u.svc)
	if err != nil {
		s.u.showError(err)
		return
	}
	s.u.fileSave(fmt.Sprintf("公钥卡-%s-%s.json", card.Office, card.Name), func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		defer w.Close()
		if _, err := w.Write(syncfile.MarshalCard(card)); err != nil {
			s.u.showError(err)
			return
		}
		s.u.notify("已导出本单位公钥卡：" + uriPath(w.URI()) + "，指纹 " + card.Fingerprint())
	})
}

func (s *exchangeScreen) importCard() {
	s.u.fileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := uriPath(r.URI())
		r.Close()
		card, err := syncfile.ReadCard(path)
		if err != nil {
			s.u.showError(err)
			return
		}
		s.confirmCard(card)
	})
}

// confirmCard asks the user to compare the fingerprint with the other
// office by phone before the card is registered.
func (s *exchangeScreen) confirmCard(card app.Card) {
	msg := fmt.Sprintf("%s（%s）的公钥卡\n指纹：%s\n\n请打电话与对方核对指纹，一致后再登记。", card.Name, card.Office, card.Fingerprint())
	replace := false
	if old, err := s.u.svc.Card(s.u.ctx, card.Office); err == nil && old.Fingerprint() != card.Fingerprint() {
		msg += "\n\n注意：已登记的指纹是 " + old.Fingerprint() + "，登记后将替换它。"
		replace = true
	}
	dialog.ShowConfirm("登记公钥卡", msg, func(ok bool) {
		if !ok {
			return
		}
		if err := s.u.svc.Trust(s.u.ctx, card, replace); err != nil {
			s.u.showError(err)
			return
		}
		s.u.notify("已登记" + card.Name + "的公钥卡")
		s.reload()
	}, s.u.win)
}

// peerCode is the office code of the chosen recipient.
func (s *exchangeScreen) peerCode() string {
	for _, c := range s.cards {
		if peerChoice(c) == s.to.Selected {
			return c.Office
		}
	}
	return ""
}

func (s *exchangeScreen) export() {
	to := s.peerCode()
	if to == "" {
		s.u.showError(fmt.Errorf("还没有登记接收单位的公钥卡：请先登记对方的公钥卡"))
		return
	}
	s.u.folderOpen(func(dir string) {
		s.run("正在导出…", func(progress func(done, total int)) (string, error) {
			path, m, err := syncfile.Send(s.u.ctx, s.u.svc, to, s.all.Checked, dir, progress)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("已导出 %d 条记录到 %s", m.Records(), path), nil
		})
	})
}

func (s *exchangeScreen) pickImport() {
	s.u.fileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := uriPath(r.URI())
		r.Close()
		s.previewFile(path)
	})
}

// previewFile reads and checks the file at path and shows what importing
// it would change, with buttons to import or cancel. A file that fails the
// checks is logged as refused and changes nothing.
func (s *exchangeScreen) previewFile(path string) {
	s.preview.RemoveAll()
	s.file = nil
	plan, err := syncfile.Receive(s.u.ctx, s.u.svc, path)
	if syncfile.IsDuplicate(err) {
		s.preview.Add(sectionTitle("导入预览"))
		s.preview.Add(warningLabel(filepath.Base(path) + "：" + err.Error() + "。"))
		return
	}
	if err != nil && len(plan.Refused) > 0 { // refused whole for the records listed
		s.reload() // a refused file is in the log
		s.showPlan(plan)
		s.preview.Add(dangerLabel(app.Message(err)))
		s.preview.Add(container.NewHBox(widget.NewButton("关闭", func() { s.preview.RemoveAll() })))
		return
	}
	if err != nil {
		s.reload() // a refused file is in the log
		s.u.showError(err)
		return
	}
	s.showPlan(plan)
	s.file = plan.File
	ok := widget.NewButton("确认导入", s.importFile)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton("取消", func() { s.preview.RemoveAll(); s.file = nil })
	s.preview.Add(container.NewHBox(ok, cancel))
}

// showPlan shows the preview of an import: one line per table.
func (s *exchangeScreen) showPlan(p syncfile.Plan) {
	m := p.File.Manifest
	head := fmt.Sprintf("%s：%s 发给 %s，变更序号 %d–%d，生成于 %s", p.File.Name, app.OfficeName(m.Sender), app.OfficeName(m.Recipient),
		m.SeqFrom, m.SeqTo, m.Created.Local().Format("2006-01-02 15:04"))
	s.preview.Add(sectionTitle("导入预览"))
	s.preview.Add(widget.NewLabel(head))
	grid := container.NewGridWithColumns(6)
	for _, h := range []string{"记录", "新增", "更新", "未变", "删除", "拒绝"} {
		l := widget.NewLabel(h)
		l.TextStyle.Bold = true
		grid.Add(l)
	}
	for _, t := range app.SyncedTables {
		n, ok := p.Counts[t]
		if !ok {
			continue
		}
		for _, v := range []string{t.Label(), fmt.Sprint(n.New), fmt.Sprint(n.Updated), fmt.Sprint(n.Unchanged), fmt.Sprint(n.Deleted), fmt.Sprint(n.Refused)} {
			grid.Add(widget.NewLabel(v))
		}
	}
	s.preview.Add(grid)
	for _, r := range p.Refused {
		s.preview.Add(dangerLabel("拒绝：" + r.Text()))
	}
	for _, w := range p.Warnings {
		s.preview.Add(warningLabel("注意：" + w))
	}
}

// dangerLabel is a wrapped line of text in the danger colour.
func dangerLabel(text string) *widget.Label { return wrappedLabel(text, widget.DangerImportance) }

// warningLabel is a wrapped line of text in the warning colour.
func warningLabel(text string) *widget.Label { return wrappedLabel(text, widget.WarningImportance) }

// wrappedLabel is a wrapped line of text of importance imp.
func wrappedLabel(text string, imp widget.Importance) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = imp
	l.Wrapping = fyne.TextWrapWord
	return l
}

// importFile imports the file previewed, after a backup, in the
// background.
func (s *exchangeScreen) importFile() {
	f := s.file
	if f == nil {
		return
	}
	s.preview.RemoveAll()
	s.file = nil
	s.run("正在导入…", func(progress func(done, total int)) (string, error) {
		done, backup, err := syncfile.Accept(s.u.ctx, s.u.svc, f, progress)
		if err != nil {
			return "", err
		}
		msg := done.Imported() + "：" + f.Name
		if backup != "" {
			msg += "；导入前的数据库已备份到 " + backup
		}
		return msg, nil
	})
}

// run does work in the background with the progress bar showing, then
// tells the user how it went and reloads the screens.
func (s *exchangeScreen) run(what string, work func(progress func(done, total int)) (string, error)) {
	s.busy.SetText(what)
	s.progress.SetValue(0)
	s.progress.Show()
	progress := func(done, total int) {
		if total > 0 {
			s.u.do(func() { s.progress.SetValue(float64(done) / float64(total)) })
		}
	}
	go func() {
		msg, err := work(progress)
		s.u.do(func() {
			s.progress.Hide()
			s.busy.SetText("")
			if err != nil {
				s.u.showError(err)
			} else {
				s.u.notify(msg)
				s.busy.SetText(msg)
			}
			s.u.reloadAll()
		})
	}()
}
