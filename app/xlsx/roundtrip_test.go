package xlsx_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"wugeyi/app"
	"wugeyi/app/xlsx"
	"wugeyi/data"
)

// ledger fills svc's store with enterprises and problems in every state
// the ledger knows.
func ledger(t testing.TB, svc *app.Service) {
	t.Helper()
	var ents []app.Enterprise
	for i, name := range []string{"秦皇岛甲机械有限公司", "秦皇岛乙玻璃有限公司", "秦皇岛丙食品有限公司"} {
		e := app.Enterprise{Name: name, CreditCode: code(t, i+1), Industry: "制造", Categories: []string{"规模以上"}, Phone: "0335-12345" + fmt.Sprint(i)}
		if err := svc.SaveEnterprise(ctx, &e); err != nil {
			t.Fatal(err)
		}
		ents = append(ents, e)
	}
	reg := app.D(2026, 3, 2)
	assign := app.Action{Kind: app.ActAssign, Date: reg, LeadDept: "自然资源局", SupportDepts: "住建局", Person: "刘科长", Deadline: app.D(2026, 3, 20)}
	then := map[string][]app.Action{
		"登记未交办":  nil,
		"已交办":    {assign},
		"办理中":    {assign, {Kind: app.ActProgress, Date: reg, Text: "已现场踏勘"}},
		"已办结":    {assign, {Kind: app.ActFinish, Date: app.D(2026, 3, 18), Text: "已办理用地手续"}},
		"当场解决":   {{Kind: app.ActOnSpot, Date: reg, Text: "会上明确政策口径"}},
		"依法不能办理": {{Kind: app.ActExplain, Date: app.D(2026, 3, 4), Text: "不符合规划，已向企业解释"}},
		"已回访":    {assign, {Kind: app.ActFinish, Date: app.D(2026, 3, 18), Text: "已办结"}, {Kind: app.ActFollowUp, Date: app.D(2026, 3, 18), Text: "电话回访", Satisfaction: "满意"}},
		"已销号": {assign, {Kind: app.ActFinish, Date: app.D(2026, 3, 18), Text: "已办结"}, {Kind: app.ActFollowUp, Date: app.D(2026, 3, 18), Text: "电话回访", Satisfaction: "基本满意"},
			{Kind: app.ActClose, Date: app.D(2026, 3, 18)}},
	}
	for i, desc := range slices.Sorted(func(yield func(string) bool) {
		for k := range then {
			if !yield(k) {
				return
			}
		}
	}) {
		np := app.NewProblem{Problem: app.Problem{EnterpriseID: ents[i%3].ID, Source: "走访", Category: app.Categories[i%len(app.Categories)],
			Description: "问题：" + desc, Request: "请协调", Registered: reg}, Then: then[desc]}
		if err := svc.ImportProblems(ctx, []app.NewProblem{np}, nil); err != nil {
			t.Fatalf("%s: %v", desc, err)
		}
		if i == 0 {
			// The same problem registered twice, which the program allows:
			// the exported ledger tells the two apart by their numbers.
			np.Problem.ID, np.Problem.Number = "", ""
			if err := svc.ImportProblems(ctx, []app.NewProblem{np}, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// export writes the table of kind k of svc's store as a workbook.
func export(t testing.TB, svc *app.Service, k xlsx.ExportKind) []byte {
	t.Helper()
	tb, err := xlsx.Export(ctx, svc, k, xlsx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := tb.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// comparable is a problem without what a store gives it.
func comparable(p app.Problem) string {
	p.Meta, p.Number, p.EnterpriseID = app.Meta{}, "", ""
	return fmt.Sprintf("%+v", p)
}

// An exported enterprise list and ledger, imported into a new database of
// the same office, give the same records; imported back into the database
// they came from, they match every record and write nothing.
func TestRoundTrip(t *testing.T) {
	src, _ := service(t)
	ledger(t, src)
	ents, ledgerFile := export(t, src, xlsx.ExportEnterprises), export(t, src, xlsx.ExportProblems)

	dst, dstStore := service(t)
	for _, f := range []struct {
		k xlsx.Kind
		b []byte
	}{{xlsx.KindEnterprises, ents}, {xlsx.KindProblems, ledgerFile}} {
		p, err := preview(t, dst, f.k, f.b)
		if err != nil {
			t.Fatal(err)
		}
		if p.Count(xlsx.Refused) != 0 || p.Count(xlsx.Create) != len(p.Rows) {
			t.Fatalf("%s: %s\n%+v", f.k, p.Summary(), p.Rows)
		}
		if err := p.Apply(ctx, dst, nil); err != nil {
			t.Fatal(err)
		}
	}
	want, _ := src.Store.Problems(ctx, app.ProblemFilter{})
	got, _ := dstStore.Problems(ctx, app.ProblemFilter{})
	key := func(ps []app.Problem) []string {
		var out []string
		for _, p := range ps {
			out = append(out, comparable(p))
		}
		slices.Sort(out)
		return out
	}
	if w, g := key(want), key(got); len(w) != 9 || !slices.Equal(w, g) {
		t.Errorf("round trip:\nwant %s\ngot  %s", strings.Join(w, "\n     "), strings.Join(g, "\n     "))
	}
	we, _ := src.Store.Enterprises(ctx, app.EnterpriseFilter{})
	ge, _ := dstStore.Enterprises(ctx, app.EnterpriseFilter{})
	for i := range we {
		we[i].Meta = app.Meta{}
	}
	for i := range ge {
		ge[i].Meta = app.Meta{}
	}
	if fmt.Sprint(we) != fmt.Sprint(ge) {
		t.Errorf("enterprises:\nwant %+v\ngot  %+v", we, ge)
	}

	for _, k := range []xlsx.Kind{xlsx.KindEnterprises, xlsx.KindProblems} {
		b := ents
		if k == xlsx.KindProblems {
			b = ledgerFile
		}
		p, err := preview(t, src, k, b)
		if err != nil {
			t.Fatal(err)
		}
		if p.Writes() != 0 || p.Count(xlsx.Same) != len(p.Rows) {
			t.Errorf("%s imported back where it came from: %s", k, p.Summary())
		}
	}
}

// The exported table has its header frozen, dates as dates, amounts as
// numbers and columns as wide as their content.
func TestExportCells(t *testing.T) {
	svc, _ := service(t)
	ledger(t, svc)
	e, _ := svc.Store.Enterprises(ctx, app.EnterpriseFilter{Limit: 1})
	n := app.FinancingNeed{Date: app.D(2026, 3, 2), EnterpriseID: e[0].ID, Amount: 12345000, Use: "流动资金", TermMonths: 12, Bank: "工商银行"}
	if err := svc.SaveFinancingNeed(ctx, &n); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(export(t, svc, xlsx.ExportFinancing)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := f.GetSheetName(0)
	panes, err := f.GetPanes(sh)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v (%v), want the header row frozen", panes, err)
	}
	if v, _ := f.GetCellValue(sh, "D2", excelize.Options{RawCellValue: true}); v != "1234.5" {
		t.Errorf("amount cell holds %q, want the number 1234.5 (万元)", v)
	}
	if typ, _ := f.GetCellType(sh, "A2"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("date cell type %v, want a number", typ)
	}
	if v, _ := f.GetCellValue(sh, "A2"); v != "2026-03-02" {
		t.Errorf("date cell shows %q", v)
	}
	if v, _ := f.GetCellValue(sh, "C2"); v != e[0].CreditCode {
		t.Errorf("credit code cell %q, want the text %q", v, e[0].CreditCode)
	}
	wb, _ := f.GetColWidth(sh, "B") // 企业名称: 10 characters
	wd, _ := f.GetColWidth(sh, "F") // 期限（月）
	if wb < 20 || wd > wb {
		t.Errorf("widths: name %v, term %v", wb, wd)
	}
}

// BenchmarkImport10000 reads, previews and imports a workbook of 10,000
// rows into a SQLite database: an enterprise list, and a problem ledger
// (each problem assigned, so registered with two actions) of 100
// enterprises already on record.
func BenchmarkImport10000(b *testing.B) {
	ents := newBook(b, "企业名单").row(1, "企业名称", "统一社会信用代码", "所属行业", "联系人", "联系电话", "地址")
	for i := range 10000 {
		ents.row(i+2, fmt.Sprintf("秦皇岛测试企业%05d有限公司", i), code(b, i), "装备制造", "李联", "0335-1234567", "海港区某某路"+fmt.Sprint(i)+"号")
	}
	probs := newBook(b, "台账").row(1, "企业名称", "统一社会信用代码", "问题类别", "问题描述", "登记日期", "责任单位", "责任人", "办理时限")
	for i := range 10000 {
		probs.row(i+2, fmt.Sprintf("秦皇岛测试企业%05d有限公司", i%100), code(b, i%100), "用地", fmt.Sprintf("第%d个问题：用地指标不足，需协调", i),
			46086, "自然资源局", "刘科长", "2026-03-20")
	}
	for _, bench := range []struct {
		name string
		k    xlsx.Kind
		file []byte
		pre  int // enterprises on record before
	}{{"enterprises", xlsx.KindEnterprises, ents.bytes(), 0}, {"problems", xlsx.KindProblems, probs.bytes(), 100}} {
		b.Run(bench.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				db, err := data.Open(filepath.Join(b.TempDir(), "b.db"))
				if err != nil {
					b.Fatal(err)
				}
				svc := app.NewService(db, "测试")
				svc.Now = func() time.Time { return now }
				if err := svc.SetUp(ctx, haigang); err != nil {
					b.Fatal(err)
				}
				var es []app.Enterprise
				for i := range bench.pre {
					es = append(es, app.Enterprise{Name: fmt.Sprintf("秦皇岛测试企业%05d有限公司", i), CreditCode: code(b, i)})
				}
				if err := svc.ImportEnterprises(ctx, es, nil); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				p, err := preview(b, svc, bench.k, bench.file)
				if err != nil {
					b.Fatal(err)
				}
				if err := p.Apply(ctx, svc, nil); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if p.Count(xlsx.Create) != 10000 {
					b.Fatalf("%s", p.Summary())
				}
				db.Close()
				b.StartTimer()
			}
		})
	}
}

// The visits table says of each contact whether it counts as a 走访; the
// leaders table has a row for each assignment and one for a leader with
// none.
func TestExportVisitsAndLeaders(t *testing.T) {
	svc, _ := service(t)
	es := []app.Enterprise{{Name: "秦皇岛甲机械有限公司", CreditCode: code(t, 1)}, {Name: "秦皇岛乙玻璃有限公司", CreditCode: code(t, 2)}}
	for i := range es {
		if err := svc.SaveEnterprise(ctx, &es[i]); err != nil {
			t.Fatal(err)
		}
	}
	l := app.Leader{Name: "张建国", Post: "副区长", Level: app.LevelCounty, Body: "政府"}
	idle := app.Leader{Name: "李明", Post: "区长", Level: app.LevelCounty, Body: "政府"}
	for _, x := range []*app.Leader{&l, &idle} {
		if err := svc.SaveLeader(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range es {
		a := app.Assignment{LeaderID: l.ID, EnterpriseID: e.ID, Liaison: "王五", From: app.D(2026, 1, 1)}
		if err := svc.SaveAssignment(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	for _, mode := range []string{"实地", "电话"} {
		v := app.Visit{Date: app.D(2026, 3, 2), LeaderID: l.ID, EnterpriseID: es[0].ID, Mode: mode, Findings: "生产正常"}
		if err := svc.SaveVisit(ctx, &v, nil); err != nil {
			t.Fatal(err)
		}
	}
	rows := func(k xlsx.ExportKind) [][]string {
		t.Helper()
		f, err := excelize.OpenReader(bytes.NewReader(export(t, svc, k)))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		r, err := f.GetRows(f.GetSheetName(0))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	counted := map[string]string{}
	for _, r := range rows(xlsx.ExportVisits)[1:] {
		counted[r[4]] = r[5]
		if r[3] != es[0].CreditCode {
			t.Errorf("a visit's credit code %q", r[3])
		}
	}
	if counted["实地"] != "走访" || counted["电话"] != "联系" {
		t.Errorf("计为: %v", counted)
	}
	byLeader := map[string][]string{}
	for _, r := range rows(xlsx.ExportLeaders)[1:] {
		ent := ""
		if len(r) > 5 {
			ent = r[5]
		}
		byLeader[r[0]] = append(byLeader[r[0]], ent)
	}
	if len(byLeader["张建国"]) != 2 || len(byLeader["李明"]) != 1 || byLeader["李明"][0] != "" {
		t.Errorf("leaders' rows: %v", byLeader)
	}
}
