package ui

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"wugeyi/app"
	"wugeyi/app/xlsx"
)

// workbook is a workbook of one sheet with rows from A1 on.
func workbook(t *testing.T, rows ...[]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		axis, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", axis, &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A sheet whose credit-code column has a name the program does not know
// cannot be imported until the user maps it; then the preview lists the
// rows, the wrong one in red, and the import writes the good ones.
func TestImportDialog(t *testing.T) {
	u, st := newTestUI(t)
	u.selectTab(u.ents)
	b := workbook(t,
		[]any{"重点企业名单"},
		[]any{"序号", "单位名称", "执照号码", "行业"},
		[]any{1, "秦皇岛甲机械有限公司", creditCode(t, 1), "装备制造"},
		[]any{2, "秦皇岛乙玻璃有限公司", 911303021234567890, "玻璃"},
		[]any{3, "秦皇岛丙食品有限公司", creditCode(t, 3), "食品"})
	d := u.openImport(xlsx.KindEnterprises, "名单.xlsx", b)
	if d == nil {
		t.Fatal("no import dialog")
	}
	if d.summary.Importance != widget.DangerImportance || !strings.Contains(d.summary.Text, "缺少必需的列") || !d.ok.Disabled() {
		t.Fatalf("unmapped credit code: summary %q, import enabled %v", d.summary.Text, !d.ok.Disabled())
	}
	if d.mapped("Name") != "单位名称" || d.mapped("Industry") != "行业" {
		t.Errorf("guessed mapping %v", d.m)
	}
	// The credit-code field is the second pair of the mapping grid.
	sel := d.mapBox.Objects[3].(*widget.Select)
	sel.SetSelected("C列 执照号码")
	if d.plan == nil || d.plan.Writes() != 2 || d.ok.Disabled() || d.ok.Text != "导入无误的 2 条" {
		t.Fatalf("after mapping: %q, button %q", d.summary.Text, d.ok.Text)
	}
	if !strings.Contains(d.summary.Text, "表头在第2行") || !strings.Contains(d.summary.Text, "有误1条") {
		t.Errorf("summary %q", d.summary.Text)
	}
	if text, imp := d.table.cell(1, 3); !strings.Contains(text, "存成了数字") || imp != widget.DangerImportance {
		t.Errorf("row 4 shows %q (%v)", text, imp)
	}
	d.table.pick(1)
	if !strings.Contains(d.detail.Text, "第4行") || !strings.Contains(d.detail.Text, "照营业执照重新填写") {
		t.Errorf("picking row 4 shows %q, want its whole message", d.detail.Text)
	}
	if list, _ := st.Enterprises(u.ctx, app.EnterpriseFilter{}); len(list) != 0 {
		t.Fatal("the preview wrote records")
	}

	var mu sync.Mutex
	u.do = func(f func()) {
		mu.Lock()
		defer mu.Unlock()
		f()
	}
	test.Tap(d.ok)
	deadline := time.Now().Add(10 * time.Second)
	for {
		var status string
		u.do(func() { status = u.status.Text })
		if strings.Contains(status, "已导入企业清单：新增2条") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 10 s the status says %q", status)
		}
		time.Sleep(10 * time.Millisecond)
	}
	list, _ := st.Enterprises(u.ctx, app.EnterpriseFilter{})
	if len(list) != 2 || len(u.ents.list) != 2 {
		t.Errorf("stored %d enterprises, the screen lists %d; want 2", len(list), len(u.ents.list))
	}
}

func TestImportNotAWorkbook(t *testing.T) {
	u, st := newTestUI(t)
	if d := u.openImport(xlsx.KindProblems, "台账.xlsx", []byte("企业名称,问题描述\n")); d != nil {
		t.Error("a text file opened an import dialog")
	}
	if n := countProblems(t, st); n != 0 {
		t.Errorf("%d problems after a refused file", n)
	}
}

// The ledger exports as filtered on screen.
func TestExportLedgerAsFiltered(t *testing.T) {
	u, _ := newTestUI(t)
	u.printer.dir = t.TempDir()
	var opened []string
	u.printer.open = func(path string) error { opened = append(opened, path); return nil }
	e := addEnterprise(t, u, "秦皇岛甲机械有限公司", 1)
	for _, c := range []string{"用地", "融资", "用地"} {
		np := app.NewProblem{Problem: app.Problem{EnterpriseID: e.ID, Category: c, Source: "走访", Description: c + "问题", Registered: today}}
		if err := u.svc.RegisterProblem(u.ctx, &np); err != nil {
			t.Fatal(err)
		}
	}
	u.selectTab(u.ledger)
	u.ledger.category.SetSelected("用地")
	u.exportXlsx(xlsx.ExportProblems, xlsx.Options{Problems: u.ledger.filter()})
	if len(opened) != 1 || !strings.HasSuffix(opened[0], ".xlsx") {
		t.Fatalf("opened %v", opened)
	}
	f, err := excelize.OpenFile(opened[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(f.GetSheetName(0))
	if len(rows) != 3 || rows[1][4] != "用地" || rows[2][4] != "用地" {
		t.Errorf("exported %v, want the header and the two 用地 problems", rows)
	}
}

// openEverySelect opens (and closes again) every drop-down of the dialog
// d: none may crash.
func openEverySelect(t *testing.T, u *UI, d *importDialog) int {
	t.Helper()
	n := 0
	for _, box := range []fyne.CanvasObject{d.sheet, d.mapBox, d.valueBox} {
		for _, sel := range findAll[*widget.Select](box) {
			test.Tap(sel)
			top := u.win.Canvas().Overlays().Top()
			if top == nil {
				t.Fatalf("the drop-down %q did not open", sel.Selected)
			}
			u.win.Canvas().Overlays().Remove(top)
			n++
		}
	}
	return n
}

// A value of 企业类别 the program does not know is listed once with its
// rows; picked as a known value, its rows import, and the next import
// reads it the same way without asking; left as it is, its rows stay
// refused.
func TestImportDialogMapsValues(t *testing.T) {
	u, st := newTestUI(t)
	u.selectTab(u.ents)
	b := workbook(t,
		[]any{"企业名称", "统一社会信用代码", "企业类别"},
		[]any{"秦皇岛甲机械有限公司", creditCode(t, 1), "龙头骨干"},
		[]any{"秦皇岛乙玻璃有限公司", creditCode(t, 2), "龙头骨干、规上"},
		[]any{"秦皇岛丙食品有限公司", creditCode(t, 3), "高企"})
	d := u.openImport(xlsx.KindEnterprises, "名单.xlsx", b)
	if d == nil || d.plan == nil {
		t.Fatal("no preview")
	}
	if n := openEverySelect(t, u, d); n < 10 {
		t.Errorf("opened %d drop-downs, want the sheet's, the mapping's and the value's", n)
	}
	if d.plan.Count(xlsx.Refused) != 2 || d.ok.Text != "导入无误的 1 条" {
		t.Fatalf("before mapping: %q, %q", d.summary.Text, d.ok.Text)
	}
	sels := findAll[*widget.Select](d.valueBox)
	labels := findAll[*widget.Label](d.valueBox)
	if len(sels) != 1 || !slices.ContainsFunc(labels, func(l *widget.Label) bool { return l.Text == "企业类别“龙头骨干”（2行）" }) {
		t.Fatalf("the values not known: %d choices, labels %q", len(sels), labelTexts(d.valueBox))
	}
	if !slices.Equal(sels[0].Options, append([]string{keepRefused}, app.EnterpriseCategories...)) {
		t.Errorf("choices %v", sels[0].Options)
	}
	sels[0].SetSelected("规模以上")
	if d.plan.Count(xlsx.Create) != 3 || d.ok.Text != "导入无误的 3 条" {
		t.Fatalf("after mapping: %q, %q", d.summary.Text, d.ok.Text)
	}
	// The mapping stays on the list, to be taken back.
	sels = findAll[*widget.Select](d.valueBox)
	if len(sels) != 1 || sels[0].Selected != "规模以上" {
		t.Fatalf("the mapped value's choice: %v", sels)
	}
	openEverySelect(t, u, d)
	sels[0].SetSelected(keepRefused)
	if d.plan.Count(xlsx.Refused) != 2 {
		t.Fatalf("taken back: %q", d.summary.Text)
	}
	findAll[*widget.Select](d.valueBox)[0].SetSelected("规模以上")
	if words, _ := st.ImportWords(u.ctx); len(words) != 0 {
		t.Fatalf("remembered before the import: %v", words)
	}

	var mu sync.Mutex
	u.do = func(f func()) {
		mu.Lock()
		defer mu.Unlock()
		f()
	}
	test.Tap(d.ok)
	waitStatus(t, u, "记住了1个值的对应")
	if words, _ := st.ImportWords(u.ctx); len(words) != 1 || words[0] != (app.ImportWord{Column: "企业类别", From: "龙头骨干", To: "规模以上"}) {
		t.Errorf("remembered %v", words)
	}

	// The next workbook's 龙头骨干 is read without asking.
	next := workbook(t, []any{"企业名称", "统一社会信用代码", "企业类别"}, []any{"秦皇岛丁电子有限公司", creditCode(t, 4), "龙头骨干"})
	d = u.openImport(xlsx.KindEnterprises, "名单2.xlsx", next)
	if d == nil || d.plan == nil || d.plan.Count(xlsx.Create) != 1 || len(findAll[*widget.Select](d.valueBox)) != 0 {
		t.Fatalf("the next import: %q", d.summary.Text)
	}
}

// waitStatus waits up to 10 s for the status line to hold want.
func waitStatus(t *testing.T, u *UI, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var status string
		u.do(func() { status = u.status.Text })
		if strings.Contains(status, want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 10 s the status says %q, want %q", status, want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// The leaders screen imports leaders with their assignments, and a row
// naming an enterprise not on record is refused with the reason.
func TestImportLeadersDialog(t *testing.T) {
	u, st := newTestUI(t)
	addEnterprise(t, u, "秦皇岛甲机械有限公司", 1)
	b := workbook(t,
		[]any{"领导姓名", "职务", "级别", "所在班子", "分包企业", "联络员", "分包开始日期"},
		[]any{"周平", "副区长", "县级", "区政府", "秦皇岛甲机械有限公司", "吴刚", "2026-01-05"},
		[]any{"周平", nil, nil, nil, "秦皇岛戊化工有限公司", "吴刚", "2026-01-05"})
	d := u.openImport(xlsx.KindLeaders, "领导.xlsx", b)
	if d == nil || d.plan == nil {
		t.Fatal("no preview")
	}
	openEverySelect(t, u, d)
	if text, imp := d.table.cell(1, 3); !strings.Contains(text, "不在企业清单中") || imp != widget.DangerImportance {
		t.Errorf("row 3 shows %q (%v)", text, imp)
	}
	before := st.Snapshot()
	var mu sync.Mutex
	u.do = func(f func()) {
		mu.Lock()
		defer mu.Unlock()
		f()
	}
	st.FailNextUpdate(errors.New("磁盘已满"))
	test.Tap(d.ok)
	deadline := time.Now().Add(10 * time.Second)
	for {
		var enabled bool
		u.do(func() { enabled = !d.ok.Disabled() })
		if enabled {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the import did not end")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if diff := before.Diff(st.Snapshot()); len(diff) > 0 {
		t.Fatalf("a failed import changed %v", diff)
	}
	test.Tap(d.ok)
	waitStatus(t, u, "已导入联系领导与分包：新增1条")
	if as, _ := st.Assignments(u.ctx, app.AssignmentFilter{}); len(as) != 1 {
		t.Errorf("%d assignments, want 1", len(as))
	}
}
