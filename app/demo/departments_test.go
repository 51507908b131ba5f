package demo_test

import (
	"context"
	"testing"

	"wugeyi/app"
)

// The demo fills a directory of departments for a county and for the
// city, and every problem it 交办 names a department of its office's
// directory.
func TestFillDepartments(t *testing.T) {
	city := app.Office{Code: app.CityCode, Name: "秦皇岛市工业和信息化局", Role: app.RoleCity}
	for _, o := range []app.Office{haigang, city} {
		db, c := fill(t, o, 1, 3)
		ctx := context.Background()
		ds, err := db.Departments(ctx, app.DepartmentFilter{Office: o.Code})
		if err != nil {
			t.Fatal(err)
		}
		if len(ds) != c.Departments || len(ds) < 5 {
			t.Fatalf("%s: %d departments, counted %d; want at least 5", o.Name, len(ds), c.Departments)
		}
		in := map[string]bool{}
		for _, d := range ds {
			in[d.Name] = true
		}
		ps, err := db.Problems(ctx, app.ProblemFilter{Office: o.Code})
		if err != nil {
			t.Fatal(err)
		}
		assigned := 0
		for _, p := range ps {
			if p.LeadDept == "" {
				continue
			}
			assigned++
			if !in[p.LeadDept] {
				t.Errorf("%s: problem %s is 交办 to %q, not in the directory", o.Name, p.Number, p.LeadDept)
			}
		}
		if assigned == 0 {
			t.Errorf("%s: no problem 交办", o.Name)
		}
	}
}
