package app

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// TableDepartments holds each office's directory of 责任单位 (at the city,
// the 市级联络部门).
const TableDepartments Table = "departments"

// Department is one 责任单位 of an office's directory: the body a problem
// is 交办 to as its 牵头单位. A problem keeps the department's name
// (Problem.LeadDept), so the ledger, prints and records older than the
// directory read as before.
type Department struct {
	Meta
	Name    string `json:"name"`    // full name, e.g. 海港区住房和城乡建设局
	Short   string `json:"short"`   // optional short name for narrow tables, e.g. 区住建局
	Contact string `json:"contact"` // optional contact person
	Phone   string `json:"phone"`   // optional phone
}

// maxDeptName is the longest department name, in characters.
const maxDeptName = 100

// Normalize trims fields.
func (d *Department) Normalize() { trim(&d.Name, &d.Short, &d.Contact, &d.Phone) }

// Validate checks a department before it is saved.
func (d *Department) Validate() error {
	var v Invalid
	if blank(d.Name) {
		v.Add("Name", "请填写责任单位名称")
	}
	checkLen(&v, "Name", d.Name, maxDeptName)
	checkLen(&v, "Short", d.Short, 20)
	checkLen(&v, "Contact", d.Contact, 30)
	checkLen(&v, "Phone", d.Phone, 30)
	return v.Err()
}

// Label is the short name, or the name when there is none.
func (d Department) Label() string { return cmp.Or(d.Short, d.Name) }

// DepartmentFilter selects departments; Office "" is every office's.
type DepartmentFilter struct {
	Office string
	Query  string // name or short name, any part
}

// SaveDepartment checks and saves a department of this office's
// directory; a name another live department of the office has is refused.
func (s *Service) SaveDepartment(ctx context.Context, d *Department) error {
	d.Normalize()
	if err := d.Validate(); err != nil {
		return err
	}
	return saveCopy(s, ctx, d, func(tx Tx, x *Department) error {
		me, err := tx.Office(ctx)
		if err != nil {
			return err
		}
		list, err := tx.Departments(ctx, DepartmentFilter{Office: me.Code})
		if err != nil {
			return err
		}
		for _, o := range list {
			if o.Name == x.Name && o.ID != x.ID {
				return Invalid{{"Name", "目录中已有责任单位“" + x.Name + "”"}}
			}
		}
		return tx.SaveDepartment(x)
	})
}

// ensureDepartment adds name to this office's directory in tx unless a
// live department of the office has it: a 交办 to a department typed anew.
func ensureDepartment(ctx context.Context, tx Tx, name string) error {
	if blank(name) {
		return nil
	}
	me, err := tx.Office(ctx)
	if err != nil {
		return err
	}
	list, err := tx.Departments(ctx, DepartmentFilter{Office: me.Code})
	if err != nil {
		return err
	}
	if slices.ContainsFunc(list, func(d Department) bool { return d.Name == name }) {
		return nil
	}
	d := Department{Name: name}
	d.Normalize()
	if err := d.Validate(); err != nil {
		return Invalid{{"LeadDept", fmt.Sprintf("牵头责任单位的名称不超过%d个字", maxDeptName)}}
	}
	return tx.SaveDepartment(&d)
}

// DeptFigure is one department's figures (部门通报): the problems 交办 to
// it and how they went, judged on one day.
type DeptFigure struct {
	Office string // the office whose problems they are
	Dept   string // the 牵头单位, as the problems name it
	// Assigned counts the problems 交办 to the department (a 牵头单位 set).
	Assigned int
	// OnTime counts those settled (办结 or 依法不能办理) by the day, on or
	// before their deadline.
	OnTime int
	// Late counts those settled after their deadline, and those open on
	// the day past their deadline (逾期).
	Late int
	// Open counts those not settled by the day (逾期 or not).
	Open int
	// Settled counts those settled by the day; AvgDays is the average
	// number of calendar days from registration to settling among them
	// (0 with none).
	Settled int
	AvgDays float64
}

// DeptFigures computes the figures per department of problems, judged on
// day asOf: a problem settled after asOf counts as open on it. Problems
// with no 牵头单位 (当场解决, or not yet 交办) are left out. Rows are by
// office (as Offices lists them), then the most problems first, then name.
// A problem is late when settled, or still open on asOf, after its
// counted deadline (Problem.CountedDeadline: an extension counts only when
// approved in time) on the working days of cal. It is the one rule the
// 工作台 and the notice use.
func DeptFigures(problems []Problem, asOf Date, cal Calendar) []DeptFigure {
	type key struct{ office, dept string }
	at := map[key]*DeptFigure{}
	days := map[key]int{}
	for _, p := range problems {
		if blank(p.LeadDept) {
			continue
		}
		k := key{p.Office, p.LeadDept}
		f := at[k]
		if f == nil {
			f = &DeptFigure{Office: p.Office, Dept: p.LeadDept}
			at[k] = f
		}
		f.Assigned++
		settled := !p.Status.Open() && !p.ClosedOn.IsZero() && !p.ClosedOn.After(asOf)
		due := p.CountedDeadline()
		var late bool
		switch {
		case settled:
			f.Settled++
			days[k] += p.Registered.DaysUntil(p.ClosedOn)
			late = cal.Overdue(due, p.ClosedOn)
			if !late {
				f.OnTime++
			}
		default:
			f.Open++
			late = cal.Overdue(due, asOf)
		}
		if late {
			f.Late++
		}
	}
	order := map[string]int{}
	for i, o := range Offices {
		order[o.Code] = i
	}
	var out []DeptFigure
	for k, f := range at {
		if f.Settled > 0 {
			f.AvgDays = float64(days[k]) / float64(f.Settled)
		}
		out = append(out, *f)
	}
	slices.SortFunc(out, func(a, b DeptFigure) int {
		return cmp.Or(cmp.Compare(order[a.Office], order[b.Office]), cmp.Compare(b.Assigned, a.Assigned), cmp.Compare(a.Dept, b.Dept))
	})
	return out
}

// OnTimeRate is the share of the settled problems settled on time, as a
// text (e.g. 87.5%), or "—" with none settled.
func (f DeptFigure) OnTimeRate() string {
	if f.Settled == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(f.OnTime)/float64(f.Settled))
}

// ImportDepartments saves departments brought in from a workbook, new
// ones and corrections of this office's, in one transaction; a name
// another live department of the office has is refused. If any is
// refused, nothing is saved and the error is a RecordError naming it.
func (s *Service) ImportDepartments(ctx context.Context, ds []Department, progress func(done, total int)) error {
	xs := append([]Department(nil), ds...)
	for i := range xs {
		xs[i].Normalize()
		if err := xs[i].Validate(); err != nil {
			return RecordError{i, err}
		}
	}
	err := s.update(ctx, func(tx Tx) error {
		me, err := tx.Office(ctx)
		if err != nil {
			return err
		}
		list, err := tx.Departments(ctx, DepartmentFilter{Office: me.Code})
		if err != nil {
			return err
		}
		owner := map[string]string{}
		for _, d := range list {
			owner[d.Name] = d.ID
		}
		for i := range xs {
			if id, ok := owner[xs[i].Name]; ok && id != xs[i].ID {
				return RecordError{i, Invalid{{"Name", "目录中已有责任单位“" + xs[i].Name + "”"}}}
			}
			if err := tx.SaveDepartment(&xs[i]); err != nil {
				return RecordError{i, err}
			}
			owner[xs[i].Name] = xs[i].ID
			report(progress, i+1, len(xs))
		}
		return nil
	})
	if err != nil {
		return err
	}
	copy(ds, xs)
	return nil
}
