package xlsx

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"wugeyi/app"
)

// sheetLeader is a leader as the rows of a sheet name it: the leader, the
// first row that named it, and its index in the batch (-1 when the stored
// leader is kept as it is).
type sheetLeader struct {
	l     app.Leader
	row   int
	batch int
}

// leaderImport is what the rows of a list of leaders are checked against.
type leaderImport struct {
	me      app.Office
	stored  map[string][]app.Leader // this office's leaders by name
	byCode  map[string]app.Enterprise
	byName  map[string][]app.Enterprise
	assigns map[string]app.Assignment // this office's, by assignKey
	seen    map[string]*sheetLeader   // the sheet's leaders by name
	rows    map[string]int            // assignKey of a leader's name → the first row with it
}

// assignKey identifies an assignment: its leader (ID or name), its
// enterprise and the day it begins.
func assignKey(leader, ent string, from app.Date) string {
	return leader + "\x00" + ent + "\x00" + from.String()
}

// PreviewLeaders previews importing the list of leaders and their
// assignments in sh with mapping m into the database of office me, as
// LeaderTable writes it: a row for each assignment (a leader named again
// on several rows is one leader), or a row for a leader with none. A
// leader matches this office's leader of the same name (and corrects it
// where the row differs); an assignment matches the stored one of the
// same leader, enterprise and start day. The enterprise must be on record.
func PreviewLeaders(ctx context.Context, r Records, me app.Office, sh *Sheet, h Header, m Mapping) (*Plan, error) {
	return Preview(ctx, r, me, KindLeaders, sh, h, m, nil)
}

func previewLeaders(ctx context.Context, r Records, me app.Office, p *Plan, rows []int, read func(int) rowReader) error {
	li := &leaderImport{me: me, stored: map[string][]app.Leader{}, assigns: map[string]app.Assignment{},
		seen: map[string]*sheetLeader{}, rows: map[string]int{}}
	ls, err := r.Leaders(ctx, app.LeaderFilter{Office: me.Code})
	if err != nil {
		return err
	}
	for _, l := range ls {
		li.stored[l.Name] = append(li.stored[l.Name], l)
	}
	if li.byCode, li.byName, err = enterprises(ctx, r); err != nil {
		return err
	}
	as, err := r.Assignments(ctx, app.AssignmentFilter{Office: me.Code})
	if err != nil {
		return err
	}
	for _, a := range as {
		li.assigns[assignKey(a.LeaderID, a.EnterpriseID, a.From)] = a
	}
	for _, ri := range rows {
		p.Rows = append(p.Rows, li.preview(p, read(ri)))
	}
	return nil
}

// enterprises are the enterprises on record by credit code and by name.
func enterprises(ctx context.Context, r Records) (map[string]app.Enterprise, map[string][]app.Enterprise, error) {
	ents, err := r.Enterprises(ctx, app.EnterpriseFilter{})
	if err != nil {
		return nil, nil, err
	}
	byCode, byName := map[string]app.Enterprise{}, map[string][]app.Enterprise{}
	for _, e := range ents {
		byCode[e.CreditCode] = e
		byName[e.Name] = append(byName[e.Name], e)
	}
	return byCode, byName, nil
}

// preview says what row rr becomes and adds what it writes to p.
func (li *leaderImport) preview(p *Plan, rr rowReader) RowResult {
	res := RowResult{Sheet: p.Sheet, Row: rr.row + 1}
	var errs rowErrors
	l := app.Leader{Name: rr.text("Name"), Post: rr.text("Post"), Phone: rr.text("Phone")}
	level, err := rr.value("Level", levelCol)
	errs.add(err)
	l.Body, err = rr.value("Body", bodyCol)
	errs.add(err)
	l.Level = app.Level(level)
	l.Normalize()
	res.Name = l.Name
	// The leader: one named on an earlier row, one on record, or new.
	sl, leader, lmsg := li.leader(l, res.Row, &errs)
	// The assignment, when the row names an enterprise.
	var a app.Assignment
	hasEnt := strings.TrimSpace(rr.text("EnterpriseName")+rr.text("CreditCode")) != ""
	if hasEnt {
		ent, err := findEnterprise(rr, li.me, li.byCode, li.byName)
		errs.add(err)
		res.Name += "：" + cmp.Or(ent.Name, rr.text("EnterpriseName"))
		a = app.Assignment{EnterpriseID: ent.ID, Liaison: rr.text("Liaison"), LiaisonPhone: rr.text("LiaisonPhone"),
			LeadDept: rr.text("LeadDept"), SupportDepts: rr.text("SupportDepts")}
		a.From, err = rr.date("From", "分包开始日期")
		errs.add(err)
		a.To, err = rr.date("To", "分包结束日期")
		errs.add(err)
		a.Normalize()
		check := a
		check.LeaderID = "-" // the leader is checked above
		errs.add(check.Validate())
		key := assignKey(l.Name, ent.ID, a.From)
		if first, ok := li.rows[key]; ok && len(errs) == 0 {
			errs.add(fmt.Errorf("与第%d行是同一领导、同一企业、同一开始日期的分包：只导入第一次出现的那一行", first))
		} else if !ok {
			li.rows[key] = res.Row
		}
	}
	if len(errs) > 0 {
		res.Outcome, res.Msg = Refused, errs.String()
		return res
	}
	var msgs []string
	var tables []app.Table
	created, changed := false, false
	if sl == nil { // the leader's first row
		sl = &sheetLeader{l: leader, row: res.Row, batch: -1}
		li.seen[l.Name] = sl
		if lmsg != "" {
			sl.batch = len(p.batch.Leaders)
			p.batch.Leaders = append(p.batch.Leaders, leader)
			tables = append(tables, app.TableLeaders)
			created, changed = leader.ID == "", leader.ID != ""
			msgs = append(msgs, lmsg)
		}
	}
	if hasEnt {
		na := app.NewAssignment{Assignment: a, Leader: sl.batch}
		old, ok := app.Assignment{}, false
		if sl.l.ID != "" {
			old, ok = li.assigns[assignKey(sl.l.ID, a.EnterpriseID, a.From)]
			na.LeaderID = sl.l.ID
		}
		switch {
		case !ok:
			created = true
			msgs = append(msgs, "新增分包")
		default:
			merged, diff := correctAssignment(old, a)
			if len(diff) > 0 {
				changed = true
				na.Assignment = merged
				msgs = append(msgs, "分包将更新："+strings.Join(diff, "、"))
			} else {
				na.Leader = -2 // nothing to write
			}
		}
		if na.Leader != -2 {
			p.batch.Assignments = append(p.batch.Assignments, na)
			tables = append(tables, app.TableAssignments)
		}
	}
	switch {
	case created:
		res.Outcome = Create
	case changed:
		res.Outcome = Update
	default:
		res.Outcome, res.Msg = Same, "已有，内容相同"
		return res
	}
	res.Msg = strings.Join(msgs, "；")
	p.write(res.Row, tables...)
	return res
}

// leader is the leader row l names: sl when an earlier row named it
// (whose fields the row must not contradict); else the stored leader of
// that name, corrected by the row, or l as a new leader; and what will
// be written of it ("" for nothing).
func (li *leaderImport) leader(l app.Leader, row int, errs *rowErrors) (*sheetLeader, app.Leader, string) {
	if l.Name == "" {
		errs.add(fmt.Errorf("请填写领导姓名"))
		return nil, l, ""
	}
	if sl, ok := li.seen[l.Name]; ok {
		for _, f := range [][2]string{{l.Post, sl.l.Post}, {string(l.Level), string(sl.l.Level)}, {l.Body, sl.l.Body}, {l.Phone, sl.l.Phone}} {
			if f[0] != "" && f[0] != f[1] {
				errs.add(fmt.Errorf("领导“%s”的职务、级别、班子或电话与第%d行不同：同一领导请写成一样", l.Name, sl.row))
				break
			}
		}
		return sl, sl.l, ""
	}
	stored := li.stored[l.Name]
	switch len(stored) {
	case 0:
		errs.add(l.Validate())
		return nil, l, "新增领导"
	case 1:
	default:
		errs.add(fmt.Errorf("本单位有%d位领导都叫“%s”：请在“联系领导”中区分后再导入", len(stored), l.Name))
		return nil, l, ""
	}
	out, changed := stored[0], []string(nil)
	for _, f := range []struct {
		label string
		dst   *string
		v     string
	}{{"职务", &out.Post, l.Post}, {"所在班子", &out.Body, l.Body}, {"联系电话", &out.Phone, l.Phone}} {
		if f.v != "" && f.v != *f.dst {
			*f.dst = f.v
			changed = append(changed, f.label)
		}
	}
	if l.Level != "" && l.Level != out.Level {
		out.Level = l.Level
		changed = append(changed, "级别")
	}
	if len(changed) == 0 {
		return nil, out, ""
	}
	return nil, out, "领导将更新：" + strings.Join(changed, "、")
}

// correctAssignment is old with the fields of a the sheet gives (not
// blank), and the labels of those that changed.
func correctAssignment(old, a app.Assignment) (app.Assignment, []string) {
	out, changed := old, []string(nil)
	for _, f := range []struct {
		label string
		dst   *string
		v     string
	}{{"联络员", &out.Liaison, a.Liaison}, {"联络员电话", &out.LiaisonPhone, a.LiaisonPhone},
		{"牵头部门", &out.LeadDept, a.LeadDept}, {"配合部门", &out.SupportDepts, a.SupportDepts}} {
		if f.v != "" && f.v != *f.dst {
			*f.dst = f.v
			changed = append(changed, f.label)
		}
	}
	if !a.To.IsZero() && !a.To.Equal(old.To) {
		out.To = a.To
		changed = append(changed, "分包结束日期")
	}
	return out, changed
}
