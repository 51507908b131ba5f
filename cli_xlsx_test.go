package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"wugeyi/app"
	"wugeyi/data"
	"wugeyi/data/datatest"
)

// creditCodeN is a valid credit code of Haigang numbered n.
func creditCodeN(t *testing.T, n int) string {
	t.Helper()
	return datatest.CreditCode(n)
}

// importRun runs an import that must succeed; its stderr may carry only
// the progress count.
func importRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := cli(t, args...)
	if code != 0 || strings.TrimLeft(strings.ReplaceAll(errOut, "\r已导入", ""), " 0123456789/条\n") != "" {
		t.Fatalf("wugeyi %s: exit %d, stderr %q", strings.Join(args, " "), code, errOut)
	}
	return out
}

// writeBook writes a workbook of one sheet with rows from A1 on.
func writeBook(t *testing.T, path string, rows ...[]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		axis, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", axis, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// sheetRows reads the rows of the first sheet of the workbook at path.
func sheetRows(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestXlsxImportEnterprises(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "hg.db")
	mustRun(t, "init", "-db", db, "-office", "130302", "-name", "海港区", "-role", "county")
	file := filepath.Join(dir, "企业名单.xlsx")
	writeBook(t, file,
		[]any{"海港区重点企业名单"},
		[]any{"序号", "单位名称", "信用代码", "行业"},
		[]any{1, "秦皇岛甲机械有限公司", creditCodeN(t, 1), "装备制造"},
		[]any{2, "秦皇岛乙玻璃有限公司", 911303021234567890, "玻璃"},
		[]any{3, "秦皇岛丙食品有限公司", creditCodeN(t, 3), "食品"})

	refuse(t, dir, "第4行", "xlsx", "import-enterprises", "-db", db, file)
	out := mustRun(t, "xlsx", "import-enterprises", "-db", db, "-dry-run", file)
	if !strings.Contains(out, "有误\t第4行") || !strings.Contains(out, "新增2条") || !strings.Contains(out, "试导入") {
		t.Errorf("dry run printed %q", out)
	}
	if m := stats(t, db); m["enterprises"] != 0 {
		t.Errorf("a dry run stored %d enterprises", m["enterprises"])
	}
	out = importRun(t, "xlsx", "import-enterprises", "-db", db, "-skip-bad", file)
	if !strings.Contains(out, "已导入企业清单：新增2条") || !strings.Contains(out, "备份") {
		t.Errorf("import printed %q", out)
	}
	if m := stats(t, db); m["enterprises"] != 2 {
		t.Errorf("stored %d enterprises, want 2", m["enterprises"])
	}
	out = mustRun(t, "xlsx", "import-enterprises", "-db", db, "-skip-bad", file)
	if !strings.Contains(out, "已有2条") || !strings.Contains(out, "未做任何改动") {
		t.Errorf("second import printed %q", out)
	}

	// A column named otherwise is mapped by hand.
	odd := filepath.Join(dir, "odd.xlsx")
	writeBook(t, odd, []any{"企业名称", "代码号", "所属行业"}, []any{"秦皇岛丁电子有限公司", creditCodeN(t, 4), "电子"})
	refuse(t, dir, "缺少必需的列：“统一社会信用代码”", "xlsx", "import-enterprises", "-db", db, odd)
	out = importRun(t, "xlsx", "import-enterprises", "-db", db, "-map", "统一社会信用代码=代码号", odd)
	if !strings.Contains(out, "新增1条") {
		t.Errorf("mapped import printed %q", out)
	}

	notBook := filepath.Join(dir, "名单.xlsx")
	if err := os.WriteFile(notBook, []byte("企业名称,统一社会信用代码\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	refuse(t, dir, "不是 Excel 工作簿", "xlsx", "import-enterprises", "-db", db, notBook)
	refuse(t, dir, "用法", "xlsx", "import-things", "-db", db, file)
	refuse(t, dir, "缺少要导入的 Excel 文件", "xlsx", "import-problems", "-db", db)
}

// Every table of a year of demo records exports; the exported enterprise
// list and ledger import into a new database of the same office as the
// same number of records, with no row refused.
func TestXlsxExportAndBack(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "hg.db")
	mustRun(t, "init", "-db", db, "-office", "130302", "-name", "海港区", "-role", "county")
	mustRun(t, "demo", "-db", db, "-years", "1")
	m := stats(t, db)
	heads := map[string]string{"enterprises": "企业名称", "problems": "问题编号", "meetings": "会议", "financing": "登记日期", "loans": "企业名称",
		"visits": "走访日期", "leaders": "领导姓名"}
	for kind, head := range heads {
		out := filepath.Join(dir, kind+".xlsx")
		mustRun(t, "xlsx", "export", kind, "-db", db, "-o", out)
		rows := sheetRows(t, out)
		if len(rows) < 2 || rows[0][0] != head {
			t.Errorf("%s: %d rows, header %v", kind, len(rows), rows[0])
		}
		want := map[string]int{"enterprises": m["enterprises"], "problems": m["problems"],
			"meetings":  m["meetings_roundtable"] + m["meetings_onsite"] + m["meetings_bank"],
			"financing": m["financing_needs"], "loans": m["bridge_loans"], "visits": m["visits"],
			// A row for each assignment, and one for each leader with none.
			"leaders": m["assignments"] + m["leaders"] - leadersAssigned(t, db)}[kind]
		if len(rows)-1 != want {
			t.Errorf("%s: %d rows under the header, want %d", kind, len(rows)-1, want)
		}
	}
	refuse(t, dir, "县区不能导出", "xlsx", "export", "notice", "-db", db, "-o", filepath.Join(dir, "n.xlsx"), "-period", "2026Q1")
	refuse(t, dir, "用法", "xlsx", "export", "trips", "-db", db, "-o", filepath.Join(dir, "v.xlsx"))

	fresh := filepath.Join(dir, "fresh.db")
	mustRun(t, "init", "-db", fresh, "-office", "130302", "-name", "海港区", "-role", "county")
	importRun(t, "xlsx", "import-enterprises", "-db", fresh, filepath.Join(dir, "enterprises.xlsx"))
	out := importRun(t, "xlsx", "import-problems", "-db", fresh, filepath.Join(dir, "problems.xlsx"))
	t.Log(out)
	n := stats(t, fresh)
	if n["enterprises"] != m["enterprises"] || n["problems"] != m["problems"] || n["problems_open"] != m["problems_open"] {
		t.Errorf("exported and imported again: %v, want %v", n, m)
	}
	// Leaders with their assignments, visits and meetings held come back too.
	for _, kind := range []string{"leaders", "visits", "meetings"} {
		out := importRun(t, "xlsx", "import-"+kind, "-db", fresh, filepath.Join(dir, kind+".xlsx"))
		if !strings.Contains(out, "有误0条") {
			t.Errorf("import-%s printed %q", kind, out)
		}
	}
	n = stats(t, fresh)
	for _, k := range []string{"leaders", "assignments", "visits", "meetings_roundtable", "meetings_onsite", "meetings_bank"} {
		if n[k] != m[k] || m[k] == 0 {
			t.Errorf("%s: %d after the round trip, want %d", k, n[k], m[k])
		}
	}
	again := mustRun(t, "xlsx", "import-meetings", "-db", fresh, filepath.Join(dir, "meetings.xlsx"))
	if !strings.Contains(again, "新增0条，更新0条") || !strings.Contains(again, "未做任何改动") {
		t.Errorf("meetings imported again printed %q", again)
	}
}

// A value no table of words knows refuses its rows and says how to map
// it; -map-value to a value that does not exist is refused and changes
// nothing; mapped, the rows import and the next import reads the value
// the same way by itself.
func TestXlsxMapValue(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "hg.db")
	mustRun(t, "init", "-db", db, "-office", "130302", "-name", "海港区", "-role", "county")
	file := filepath.Join(dir, "企业名单.xlsx")
	writeBook(t, file,
		[]any{"企业名称", "统一社会信用代码", "企业类别"},
		[]any{"秦皇岛甲机械有限公司", creditCodeN(t, 1), "龙头骨干"},
		[]any{"秦皇岛乙玻璃有限公司", creditCodeN(t, 2), "龙头骨干、規上"},
		[]any{"秦皇岛丙食品有限公司", creditCodeN(t, 3), "高企"})
	refuse(t, dir, "-map-value 企业类别=龙头骨干:", "xlsx", "import-enterprises", "-db", db, file)
	out := mustRun(t, "xlsx", "import-enterprises", "-db", db, "-dry-run", file)
	if !strings.Contains(out, "不认识\t企业类别“龙头骨干”\t2行") {
		t.Errorf("dry run printed %q", out)
	}
	refuse(t, dir, "企业类别没有“龙头企业”这个值", "xlsx", "import-enterprises", "-db", db, "-map-value", "企业类别=龙头骨干:龙头企业", file)
	refuse(t, dir, "没有“问题描述”这一列", "xlsx", "import-enterprises", "-db", db, "-map-value", "问题描述=龙头骨干:规上", file)
	refuse(t, dir, "应写成 列=原值:新值", "xlsx", "import-enterprises", "-db", db, "-map-value", "企业类别=龙头骨干", file)
	refuse(t, dir, "没有“所属行业”这一列可以对应取值", "xlsx", "import-enterprises", "-db", db, "-map-value", "企业类别=龙头骨干:规上", "-map-value", "所属行业=x:y", file)
	if m := stats(t, db); m["enterprises"] != 0 {
		t.Fatalf("refused imports stored %d enterprises", m["enterprises"])
	}
	out = importRun(t, "xlsx", "import-enterprises", "-db", db, "-map-value", "企业类别=龙头骨干:规上", file)
	if !strings.Contains(out, "新增3条") || !strings.Contains(out, "对应\t企业类别“龙头骨干”→“规模以上”") {
		t.Errorf("mapped import printed %q", out)
	}
	next := filepath.Join(dir, "名单2.xlsx")
	writeBook(t, next, []any{"企业名称", "统一社会信用代码", "企业类别"}, []any{"秦皇岛丁电子有限公司", creditCodeN(t, 4), "龙头骨干企业"})
	if out := importRun(t, "xlsx", "import-enterprises", "-db", db, next); !strings.Contains(out, "新增1条") {
		t.Errorf("the next import printed %q", out)
	}
	if m := stats(t, db); m["enterprises"] != 4 {
		t.Errorf("%d enterprises, want 4", m["enterprises"])
	}
}

func TestXlsxExportNotice(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "city.db")
	mustRun(t, "init", "-db", db, "-office", "130300", "-name", "秦皇岛市工业和信息化局", "-role", "city")
	out := filepath.Join(dir, "通报.xlsx")
	mustRun(t, "xlsx", "export", "notice", "-db", db, "-o", out, "-period", "2026")
	rows := sheetRows(t, out)
	// No county reported: none is ranked.
	if len(rows) != 10 || rows[0][0] != "排名" || rows[1][0] != "" || rows[1][1] != "海港区" || !strings.Contains(strings.Join(rows[1], " "), "未报送本期数据") {
		t.Errorf("notice rows %v", rows)
	}
}

// An import names the row, field and character the print fonts lack, and
// imports the row all the same.
func TestXlsxImportWarnsOfUnprintable(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "hg.db")
	mustRun(t, "init", "-db", db, "-office", "130302", "-name", "海港区", "-role", "county")
	file := filepath.Join(dir, "企业名单.xlsx")
	writeBook(t, file,
		[]any{"企业名称", "统一社会信用代码", "法人代表"},
		[]any{"秦皇岛甲机械有限公司", creditCodeN(t, 1), "李甲"},
		[]any{"秦皇岛\U0002A6D6玻璃", creditCodeN(t, 2), "王建国"})
	out := importRun(t, "xlsx", "import-enterprises", "-db", db, file)
	if !strings.Contains(out, "注意\t第3行 企业名称：“\U0002A6D6”（U+2A6D6）\n") || strings.Contains(out, "第2行") {
		t.Errorf("import printed %q, want a warning of row 3 only", out)
	}
	if !strings.Contains(out, "新增2条") {
		t.Errorf("import printed %q, want both rows imported", out)
	}
	if m := stats(t, db); m["enterprises"] != 2 {
		t.Errorf("stored %d enterprises, want 2", m["enterprises"])
	}
}

// leadersAssigned is the number of live leaders of the database at path
// with at least one live assignment.
func leadersAssigned(t *testing.T, path string) int {
	t.Helper()
	db, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	as, err := db.Assignments(context.Background(), app.AssignmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, a := range as {
		ids[a.LeaderID] = true
	}
	return len(ids)
}
