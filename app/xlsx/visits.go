package xlsx

import (
	"cmp"
	"context"
	"fmt"
	"time"

	"wugeyi/app"
)

// today is the day of r's clock when it has one (an *app.Service), else
// the computer's.
func today(r Records) app.Date {
	if c, ok := r.(interface{ Today() app.Date }); ok {
		return c.Today()
	}
	return app.DateOf(time.Now())
}

// ownLeaders are this office's leaders by name.
func ownLeaders(ctx context.Context, r Records, me app.Office) (map[string][]app.Leader, error) {
	ls, err := r.Leaders(ctx, app.LeaderFilter{Office: me.Code})
	if err != nil {
		return nil, err
	}
	out := map[string][]app.Leader{}
	for _, l := range ls {
		out[l.Name] = append(out[l.Name], l)
	}
	return out, nil
}

// findLeader is the leader of this office a row names.
func findLeader(byName map[string][]app.Leader, name string) (app.Leader, error) {
	switch l := byName[name]; {
	case name == "":
		return app.Leader{}, fmt.Errorf("请填写走访领导")
	case len(l) == 0:
		return app.Leader{}, fmt.Errorf("联系领导“%s”不在本单位的领导名单中：请先在“联系领导”中新增，或先导入联系领导", name)
	case len(l) > 1:
		return app.Leader{}, fmt.Errorf("本单位有%d位领导都叫“%s”：请在“联系领导”中区分后再导入", len(l), name)
	default:
		return l[0], nil
	}
}

// visitKey identifies a visit: its day, leader, enterprise and mode.
func visitKey(v app.Visit) string {
	return v.Date.String() + "\x00" + v.LeaderID + "\x00" + v.EnterpriseID + "\x00" + v.Mode
}

// PreviewVisits previews importing the list of visits in sh with mapping m
// into the database of office me, as VisitTable writes it. The leader must
// be one of this office's and the enterprise on record; a row matches the
// stored visit of the same day, leader, enterprise and mode (and corrects
// its companions and findings where the row gives others).
func PreviewVisits(ctx context.Context, r Records, me app.Office, sh *Sheet, h Header, m Mapping) (*Plan, error) {
	return Preview(ctx, r, me, KindVisits, sh, h, m, nil)
}

func previewVisits(ctx context.Context, r Records, me app.Office, p *Plan, rows []int, read func(int) rowReader) error {
	leaders, err := ownLeaders(ctx, r, me)
	if err != nil {
		return err
	}
	byCode, byName, err := enterprises(ctx, r)
	if err != nil {
		return err
	}
	vs, err := r.Visits(ctx, app.VisitFilter{Office: me.Code})
	if err != nil {
		return err
	}
	stored := map[string]app.Visit{}
	for _, v := range vs {
		stored[visitKey(v)] = v
	}
	first, day := map[string]int{}, today(r)
	for _, ri := range rows {
		rr := read(ri)
		res := RowResult{Sheet: p.Sheet, Row: ri + 1}
		var errs rowErrors
		v := app.Visit{Companions: rr.text("Companions"), Findings: rr.text("Findings")}
		v.Date, err = rr.date("Date", "走访日期")
		errs.add(err)
		l, err := findLeader(leaders, rr.text("Leader"))
		errs.add(err)
		ent, err := findEnterprise(rr, me, byCode, byName)
		errs.add(err)
		v.LeaderID, v.EnterpriseID = l.ID, ent.ID
		mode, err := rr.value("Mode", visitModeCol)
		errs.add(err)
		v.Mode = cmp.Or(mode, app.VisitOnSite)
		v.Normalize()
		res.Name = rr.text("Leader") + "：" + cmp.Or(ent.Name, rr.text("EnterpriseName"))
		if len(errs) == 0 {
			errs.add(v.Validate(day))
		}
		key := visitKey(v)
		if len(errs) == 0 {
			if row, ok := first[key]; ok {
				errs.add(fmt.Errorf("与第%d行是同一天、同一领导、同一企业、同一方式的走访：只导入第一次出现的那一行", row))
			}
			first[key] = res.Row
		}
		if len(errs) > 0 {
			res.Outcome, res.Msg = Refused, errs.String()
			p.Rows = append(p.Rows, res)
			continue
		}
		old, ok := stored[key]
		switch {
		case !ok:
			res.Outcome, res.Msg = Create, v.Date.String()+" "+v.Mode
			p.batch.Visits = append(p.batch.Visits, v)
			p.write(res.Row, app.TableVisits)
		case old.Companions == v.Companions && old.Findings == v.Findings:
			res.Outcome, res.Msg = Same, "已有，内容相同"
		default:
			old.Companions, old.Findings = v.Companions, v.Findings
			res.Outcome, res.Msg = Update, "已有，将更新陪同人员和走访情况"
			p.batch.Visits = append(p.batch.Visits, old)
			p.write(res.Row, app.TableVisits)
		}
		p.Rows = append(p.Rows, res)
	}
	return nil
}
