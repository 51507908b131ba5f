package xlsx

import (
	"context"
	"fmt"
	"strings"

	"wugeyi/app"
)

// PreviewDepartments previews importing the directory of departments in
// sh with mapping m into the directory of office me: a row whose name is
// a department of the office on record matches it (and corrects its short
// name, contact and phone where the row gives others); a name that appears
// again further down the sheet is refused there.
func PreviewDepartments(ctx context.Context, r Records, me app.Office, sh *Sheet, h Header, m Mapping) (*Plan, error) {
	return Preview(ctx, r, me, KindDepartments, sh, h, m, nil)
}

func previewDepartments(ctx context.Context, r Records, me app.Office, p *Plan, rows []int, read func(int) rowReader, m Mapping) error {
	stored, err := r.Departments(ctx, app.DepartmentFilter{Office: me.Code})
	if err != nil {
		return err
	}
	byName := make(map[string]app.Department, len(stored))
	for _, d := range stored {
		byName[d.Name] = d
	}
	firstRow := map[string]int{}
	for _, ri := range rows {
		rr := read(ri)
		res := RowResult{Sheet: p.Sheet, Row: ri + 1}
		var errs rowErrors
		d := app.Department{Name: rr.text("Name"), Short: rr.text("Short"), Contact: rr.text("Contact"), Phone: rr.text("Phone")}
		d.Normalize()
		res.Name = d.Name
		errs.add(d.Validate())
		if d.Name != "" {
			if first, ok := firstRow[d.Name]; ok {
				errs.add(fmt.Errorf("责任单位“%s”与第%d行重复：只导入第一次出现的那一行", d.Name, first))
			} else {
				firstRow[d.Name] = ri + 1
			}
		}
		if len(errs) > 0 {
			res.Outcome, res.Msg = Refused, errs.String()
			p.Rows = append(p.Rows, res)
			continue
		}
		old, ok := byName[d.Name]
		if !ok {
			res.Outcome = Create
			p.depts = append(p.depts, d)
			p.write(ri + 1)
			p.Rows = append(p.Rows, res)
			continue
		}
		out, changed := old, []string(nil)
		for _, f := range []struct {
			key, label string
			dst        *string
			v          string
		}{{"Short", "简称", &out.Short, d.Short}, {"Contact", "联系人", &out.Contact, d.Contact}, {"Phone", "联系电话", &out.Phone, d.Phone}} {
			if _, mapped := m[f.key]; mapped && f.v != "" && f.v != *f.dst {
				*f.dst = f.v
				changed = append(changed, f.label)
			}
		}
		if len(changed) == 0 {
			res.Outcome, res.Msg = Same, "已有，内容相同"
		} else {
			res.Outcome, res.Msg = Update, "已有，将更新："+strings.Join(changed, "、")
			p.depts = append(p.depts, out)
			p.write(ri + 1)
		}
		p.Rows = append(p.Rows, res)
	}
	return nil
}
