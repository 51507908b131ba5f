package xlsx_test

import (
	"maps"
	"strings"
	"testing"

	"wugeyi/app"
	"wugeyi/app/xlsx"
)

// A directory of departments under a title row: new ones, one on record
// corrected, one the same, a repeat and a row without a name.
func TestImportDepartments(t *testing.T) {
	svc, st := service(t)
	old := app.Department{Name: "海港区住房和城乡建设局", Short: "区住建局"}
	same := app.Department{Name: "海港区商务局"}
	for _, d := range []*app.Department{&old, &same} {
		if err := svc.SaveDepartment(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	b := newBook(t, "责任单位").
		row(1, "海港区重点企业服务责任单位名单").merge("A1", "E1").
		row(2, "序号", "单位名称", "简称", "联络员", "联系电话").
		row(3, 1, "海港区自然资源和规划局", "区自然资源局", "孙伟", 3012345).
		row(4, 2, "海港区住房和城乡建设局", nil, "王平", "0335-3011111").
		row(5, 3, "海港区商务局").
		row(6, 4, "海港区自然资源和规划局", "重复").
		row(7, 5, nil, "区发改局").
		row(8, 6, " 海港区行政审批局 ")
	p, err := preview(t, svc, xlsx.KindDepartments, b.bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]xlsx.Outcome{3: xlsx.Create, 4: xlsx.Update, 5: xlsx.Same, 6: xlsx.Refused, 7: xlsx.Refused, 8: xlsx.Create}
	if got := outcomes(p); !maps.Equal(got, want) {
		t.Fatalf("outcomes %v, want %v\n%+v", got, want, p.Rows)
	}
	for row, says := range map[int]string{4: "联系人、联系电话", 6: "与第3行重复", 7: "请填写责任单位名称"} {
		if !strings.Contains(msg(p, row), says) {
			t.Errorf("row %d: %q, want it to say %q", row, msg(p, row), says)
		}
	}
	ops := len(st.Ops())
	if err := p.Apply(ctx, svc, nil); err != nil {
		t.Fatal(err)
	}
	if n := len(st.Ops()) - ops; n != 1 {
		t.Errorf("the import took %d transactions, want 1", n)
	}
	list, err := svc.Departments(ctx, app.DepartmentFilter{Office: haigang.Code})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]app.Department{}
	for _, d := range list {
		got[d.Name] = d
	}
	if len(got) != 4 {
		t.Errorf("stored %v", list)
	}
	if d := got["海港区自然资源和规划局"]; d.Short != "区自然资源局" || d.Contact != "孙伟" || d.Phone != "3012345" {
		t.Errorf("row 3 stored as %+v", d)
	}
	if d := got["海港区住房和城乡建设局"]; d.ID != old.ID || d.Version != 2 || d.Short != "区住建局" || d.Contact != "王平" {
		t.Errorf("the department on record was not corrected in place: %+v", d)
	}
	if _, ok := got["海港区行政审批局"]; !ok {
		t.Errorf("row 8 not stored trimmed: %v", list)
	}
}
