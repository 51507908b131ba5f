package xlsx_test

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"wugeyi/app"
	"wugeyi/app/xlsx"
)

// An enterprise list under two title rows, with a merged title, a numeric
// credit code, a duplicate, a wrong check digit, blank rows in the middle
// and a row of an enterprise already on record: exactly the good rows are
// imported, the stored one corrected, the wrong rows refused by number.
func TestImportEnterprises(t *testing.T) {
	svc, st := service(t)
	old := app.Enterprise{Name: "秦皇岛老厂有限公司", CreditCode: code(t, 99), Phone: "0335-1111111"}
	if err := svc.SaveEnterprise(ctx, &old); err != nil {
		t.Fatal(err)
	}
	c1, c2, c3 := code(t, 1), code(t, 2), code(t, 3)
	bad := c3[:17] + string("0123456789ABCDEFGHJKLMNPQRTUWXY"[(strings.IndexByte("0123456789ABCDEFGHJKLMNPQRTUWXY", c3[17])+1)%31])
	b := newBook(t, "企业名单").
		row(1, "海港区重点企业名单").merge("A1", "I1").
		row(2, "填报单位：海港区工信局", nil, nil, nil, nil, "填报日期：2026年3月").
		row(3, "序号", "企业名称", "统一社会信用代码\n（18位）", "所属行业", "企业类别", "法人代表", "联系人", "联系电话", "包联领导").
		row(4, 1, "秦皇岛甲机械有限公司", c1, "装备制造", "规上企业、专精特新", "张甲", "李联", "0335-1234567", "王副区长").
		row(5, 2, "秦皇岛乙玻璃有限公司", strings.ToLower(c2), "玻璃", nil, nil, nil, 13812345678).
		row(7, 4, "秦皇岛丙食品有限公司", 911303027000012345).
		row(8, 5, "秦皇岛甲机械（重复）", c1).
		row(9, 6, "秦皇岛丁电子有限公司", bad).
		row(10, 7).
		row(11, 8, "秦皇岛戊化工有限公司", c3, nil, "高新").
		row(12, 9, nil, code(t, 4), "物流").
		row(14, 10, "秦皇岛老厂有限公司", old.CreditCode, nil, nil, nil, nil, "0335-2222222")
	p, err := preview(t, svc, xlsx.KindEnterprises, b.bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]xlsx.Outcome{4: xlsx.Create, 5: xlsx.Create, 7: xlsx.Refused, 8: xlsx.Refused, 9: xlsx.Refused,
		11: xlsx.Create, 12: xlsx.Refused, 14: xlsx.Update}
	if got := outcomes(p); !maps.Equal(got, want) {
		t.Fatalf("outcomes %v, want %v\n%+v", got, want, p.Rows)
	}
	for row, says := range map[int]string{7: "存成了数字", 8: "与第4行重复", 9: "校验位", 12: "企业名称", 14: "联系电话"} {
		if !strings.Contains(msg(p, row), says) {
			t.Errorf("row %d: %q, want it to say %q", row, msg(p, row), says)
		}
	}
	if p.Sheet != "企业名单" || p.Writes() != 4 {
		t.Errorf("sheet %q, writes %d", p.Sheet, p.Writes())
	}
	if err := p.Apply(ctx, svc, nil); err != nil {
		t.Fatal(err)
	}
	list, err := st.Enterprises(ctx, app.EnterpriseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]app.Enterprise{}
	for _, e := range list {
		got[e.CreditCode] = e
	}
	wantCodes := []string{c1, c2, c3, old.CreditCode}
	if ks := slices.Sorted(maps.Keys(got)); !slices.Equal(ks, slices.Sorted(slices.Values(wantCodes))) {
		t.Fatalf("stored codes %v, want %v", ks, wantCodes)
	}
	if e := got[c1]; e.Name != "秦皇岛甲机械有限公司" || e.LegalRep != "张甲" || !slices.Equal(e.Categories, []string{"规模以上", "专精特新"}) {
		t.Errorf("row 4 stored as %+v", e)
	}
	if e := got[c2]; e.Phone != "13812345678" {
		t.Errorf("a phone number stored by Excel as a number came in as %q", e.Phone)
	}
	if e := got[c3]; !slices.Equal(e.Categories, []string{"高新技术"}) {
		t.Errorf("row 11 categories %v", e.Categories)
	}
	if e := got[old.CreditCode]; e.Phone != "0335-2222222" || e.ID != old.ID || e.Version != 2 {
		t.Errorf("the stored enterprise was not corrected in place: %+v", e)
	}
	if n := len(st.Ops()); n != 2 { // the first save and the one import
		t.Errorf("%d transactions, want the import in one", n-1)
	}
}

// A problem ledger with a two-row header (责任单位 merged over 牵头单位 and
// 配合单位, other headers merged downwards), Excel and text dates, a numeric
// credit code, a duplicate, an unknown enterprise and a finished problem
// with no result.
func TestImportProblems(t *testing.T) {
	svc, st := service(t)
	e1 := app.Enterprise{Name: "秦皇岛甲机械有限公司", CreditCode: code(t, 1)}
	e2 := app.Enterprise{Name: "秦皇岛乙玻璃有限公司", CreditCode: code(t, 2)}
	for _, e := range []*app.Enterprise{&e1, &e2} {
		if err := svc.SaveEnterprise(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	b := newBook(t, "台账").
		row(1, "海港区重点企业问题台账（2026年）").merge("A1", "K1").
		row(2, "序号", "企业名称", "信用代码", "存在问题", "提出时间", "责任单位", nil, "责任人", "完成时限", "办理状态", "办结时间", "办结情况").
		row(3, nil, nil, nil, nil, nil, "牵头单位", "配合单位")
	for _, col := range []string{"A", "B", "C", "D", "E", "H", "I", "J", "K", "L"} {
		b.merge(col+"2", col+"3")
	}
	b.merge("F2", "G2").
		row(4, 1, e1.Name, e1.CreditCode, "用地指标不足", 46086, "自然资源局", "发改局", "刘科长", "2026年3月20日", "交办").
		row(5, 2, e2.Name, nil, "用工招聘难", "2026.3.5", "人社局", nil, "赵科长", "2026-03-25", "已办结", "2026/3/10", "已组织专场招聘会").
		row(7, 3, e1.Name, 911303020000000000, "融资难").
		row(8, 4, e1.Name, e1.CreditCode, "用地指标不足", "2026年3月5日").
		row(9, 5, "秦皇岛不存在有限公司", nil, "环评审批慢", "2026-03-05").
		row(10, 6, e2.Name, e2.CreditCode, "电力增容", "2026-03-05", "发改局", nil, "孙科长", "2026-03-30", "已完成", "2026-03-12").
		row(11, 7, e2.Name, e2.CreditCode, "政策咨询", "2026-03-05")
	p, err := preview(t, svc, xlsx.KindProblems, b.bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]xlsx.Outcome{4: xlsx.Create, 5: xlsx.Create, 7: xlsx.Refused, 8: xlsx.Refused, 9: xlsx.Refused,
		10: xlsx.Refused, 11: xlsx.Create}
	if got := outcomes(p); !maps.Equal(got, want) {
		t.Fatalf("outcomes %v, want %v\n%+v", got, want, p.Rows)
	}
	for row, says := range map[int]string{7: "存成了数字", 8: "与第4行", 9: "不在企业清单中", 10: "办理结果"} {
		if !strings.Contains(msg(p, row), says) {
			t.Errorf("row %d: %q, want it to say %q", row, msg(p, row), says)
		}
	}
	var prog []int
	if err := p.Apply(ctx, svc, func(done, total int) { prog = append(prog, done) }); err != nil {
		t.Fatal(err)
	}
	if len(prog) == 0 || prog[len(prog)-1] != 3 {
		t.Errorf("progress %v, want it to end at 3", prog)
	}
	ps, err := st.Problems(ctx, app.ProblemFilter{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]app.Problem{}
	for _, p := range ps {
		got[p.Description] = p
	}
	if len(ps) != 3 {
		t.Fatalf("%d problems stored, want 3: %+v", len(ps), ps)
	}
	a := got["用地指标不足"]
	if a.EnterpriseID != e1.ID || !a.Registered.Equal(app.D(2026, 3, 5)) || a.Status != app.StatusAssigned ||
		a.LeadDept != "自然资源局" || a.SupportDepts != "发改局" || a.Person != "刘科长" || !a.Deadline.Equal(app.D(2026, 3, 20)) {
		t.Errorf("row 4 stored as %+v", a)
	}
	d := got["用工招聘难"]
	if d.EnterpriseID != e2.ID || !d.Registered.Equal(app.D(2026, 3, 5)) || d.Status != app.StatusDone ||
		!d.ClosedOn.Equal(app.D(2026, 3, 10)) || d.Result != "已组织专场招聘会" {
		t.Errorf("row 5 stored as %+v", d)
	}
	if r := got["政策咨询"]; r.Status != app.StatusRegistered || r.Category != "其他" || r.Source != "其他" {
		t.Errorf("row 11 stored as %+v", r)
	}
	evs, err := st.Events(ctx, d.ID)
	if err != nil || len(evs) != 3 {
		t.Errorf("a finished problem has %d events (%v), want 登记, 交办, 办结", len(evs), err)
	}
}

// Files and sheets that cannot be imported are refused with a clear
// message and change nothing.
func TestImportRefusals(t *testing.T) {
	header := func(b *book) *book {
		return b.row(1, "企业名称", "统一社会信用代码").row(2, "秦皇岛甲机械有限公司", code(t, 1))
	}
	noHeader := newBook(t, "Sheet1").row(1, "一些数字").row(2, 1, 2, 3)
	missing := newBook(t, "名单").row(1, "企业名称", "所属行业", "联系人").row(2, "秦皇岛甲机械有限公司", "装备制造", "李联")
	old := newBook(t, "x")
	old.row(1, "x")
	tests := []struct {
		name string
		file []byte
		want string
		err  error
	}{
		{"not a workbook", []byte("企业名称,统一社会信用代码\n甲,91130302\n"), "不是 Excel 工作簿", xlsx.ErrNotWorkbook},
		{"a broken zip", append([]byte("PK\x03\x04"), make([]byte, 100)...), "不是 Excel 工作簿", xlsx.ErrNotWorkbook},
		{"password", header(newBook(t, "Sheet1")).bytes(excelize.Options{Password: "123456"}), "密码", xlsx.ErrPassword},
		{"old xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 500)...), ".xls", xlsx.ErrOldFormat},
		{"no header", noHeader.bytes(), "找不到企业清单的表头", nil},
		{"missing column", missing.bytes(), "缺少必需的列：“统一社会信用代码”", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, st := service(t)
			p, err := preview(t, svc, xlsx.KindEnterprises, tt.file)
			if err == nil {
				t.Fatalf("previewed %+v, want a refusal", p)
			}
			if !strings.Contains(err.Error(), tt.want) || (tt.err != nil && !errors.Is(err, tt.err)) {
				t.Errorf("error %q, want it to say %q", err, tt.want)
			}
			if n := len(st.Ops()); n != 0 {
				t.Errorf("%d writes after a refused file", n)
			}
			t.Log(err)
		})
	}
}
