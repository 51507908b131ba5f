package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// ErrNotDeleted is the refusal to restore a record that is not deleted.
var ErrNotDeleted = Refusal("这条记录没有删除，不需要恢复")

// Refusals of Undelete.
var (
	errRestoreOther   = Refusal("只能恢复本单位的记录")
	errRestoreMissing = Refusal("找不到这条记录：只能恢复本单位删除的记录")
)

// Restored is what Undelete brought back.
type Restored struct {
	Table       Table
	ID          string
	Title       string // what the record is, in a few words
	Events      int    // its problem's 办理记录 restored with it
	Attachments int    // its attachments restored with it
}

// String says what was restored, in Chinese.
func (r Restored) String() string {
	var with []string
	if r.Events > 0 {
		with = append(with, fmt.Sprintf("%d 条办理记录", r.Events))
	}
	if r.Attachments > 0 {
		with = append(with, fmt.Sprintf("%d 个附件", r.Attachments))
	}
	s := "已恢复" + r.Title
	if len(with) > 0 {
		s += "（连同" + strings.Join(with, "、") + "）"
	}
	return s
}

// parentRef is a field by which a record hangs on another.
type parentRef struct {
	field string // its JSON name
	table Table
	name  string // the other record as staff call it
}

// parentRefs are the references Undelete checks, as the store checks them
// on a save (a reference left empty is none).
var parentRefs = []parentRef{
	{"enterprise_id", TableEnterprises, "所属企业"},
	{"leader_id", TableLeaders, "联系领导"},
	{"problem_id", TableProblems, "所属问题"},
	{"meeting_id", TableMeetings, "所属会议"},
	{"loan_id", TableLoans, "所属转贷申请"},
}

// Undelete brings back the deleted record id of table t, of this office, as
// a new version that syncs like any change; the attachments deleted with it
// (and a problem's 办理记录 deleted with it) come back too. It is refused,
// nothing changed, for a record of another office, one not deleted, one
// whose parent (the enterprise of a visit, the leader of an assignment,
// the problem of an event…) is itself deleted, and an enterprise whose
// credit code another live enterprise has now.
func (s *Service) Undelete(ctx context.Context, t Table, id string) (Restored, error) {
	r := Restored{Table: t, ID: id}
	err := s.update(ctx, func(tx Tx) error {
		rows, err := tx.History(ctx, id)
		if err != nil {
			return err
		}
		// The store refuses another office's record, a live one, a
		// credit code taken; then the references are checked, the
		// restore rolled back if one is deleted.
		if err := tx.Undelete(t, id); err != nil {
			return undeleteRefusal(err)
		}
		if n := len(rows); n == 0 || rows[n-1].Op != "delete" {
			return fmt.Errorf("undelete %s %s: the change log does not hold its deletion", t, id)
		}
		del := rows[len(rows)-1]
		var rec map[string]json.RawMessage
		if err := json.Unmarshal(del.Data, &rec); err != nil {
			return fmt.Errorf("undelete %s %s: %w", t, id, err)
		}
		if err := parentsLive(ctx, tx, rec); err != nil {
			return err
		}
		if err := stillOne(ctx, tx, t, id); err != nil {
			return err
		}
		r.Title = recordTitle(t, rec, s.refNames(ctx, rows))
		if t == TableProblems {
			if r.Events, err = undeleteWith(ctx, tx, TableEvents, del, func(c map[string]json.RawMessage) bool {
				return valueText(c["problem_id"], nil) == id
			}); err != nil {
				return err
			}
		}
		if slices.Contains(AttachableTables, t) {
			if r.Attachments, err = undeleteWith(ctx, tx, TableAttachments, del, func(c map[string]json.RawMessage) bool {
				return valueText(c["record_table"], nil) == string(t) && valueText(c["record_id"], nil) == id
			}); err != nil {
				return err
			}
		}
		return nil
	})
	return r, err
}

// UndeleteID is Undelete of the record id, whatever its table (from the
// change log of this office).
func (s *Service) UndeleteID(ctx context.Context, id string) (Restored, error) {
	rows, err := s.Store.History(ctx, strings.TrimSpace(id))
	if err != nil {
		return Restored{}, err
	}
	if len(rows) == 0 {
		return Restored{}, fmt.Errorf("undelete %s: %w", id, errRestoreMissing)
	}
	return s.Undelete(ctx, rows[len(rows)-1].Table, rows[0].ID)
}

// undeleteRefusal says in the words of Undelete why the store refused.
func undeleteRefusal(err error) error {
	switch {
	case errors.Is(err, ErrNotOwner):
		return fmt.Errorf("%w (%w)", errRestoreOther, err)
	case errors.Is(err, ErrNotFound):
		return fmt.Errorf("%w (%w)", errRestoreMissing, err)
	}
	return err
}

// parentsLive refuses the deleted record rec (its fields as logged) when a
// record it hangs on is not live, naming it.
func parentsLive(ctx context.Context, tx Tx, rec map[string]json.RawMessage) error {
	var v Invalid
	check := func(field string, t Table, name, pid string) error {
		ok, err := live(ctx, tx, t, pid)
		if err != nil || ok {
			return err
		}
		title := deletedTitle(ctx, tx, t, pid)
		if title == "" {
			v.Add(field, fmt.Sprintf("%s不存在或已删除，不能恢复", name))
			return nil
		}
		v.Add(field, fmt.Sprintf("%s“%s”已删除，请先恢复%s", name, title, strings.TrimPrefix(name, "所属")))
		return nil
	}
	for _, p := range parentRefs {
		if pid := valueText(rec[p.field], nil); pid != "" {
			if err := check(p.field, p.table, p.name, pid); err != nil {
				return err
			}
		}
	}
	if pid := valueText(rec["record_id"], nil); pid != "" {
		t := Table(valueText(rec["record_table"], nil))
		if err := check("record_id", t, "所属"+t.Label(), pid); err != nil {
			return err
		}
	}
	return v.Err()
}

// stillOne refuses the record id of t just restored when another live
// record of this office now holds what only one may (Service.SaveDepartment
// and SaveCalendarYear keep one department of a name, one entry a year).
func stillOne(ctx context.Context, tx Tx, t Table, id string) error {
	me, err := tx.Office(ctx)
	if err != nil {
		return err
	}
	switch t {
	case TableDepartments:
		list, err := tx.Departments(ctx, DepartmentFilter{Office: me.Code})
		if err != nil {
			return err
		}
		i := slices.IndexFunc(list, func(d Department) bool { return d.ID == id })
		for _, o := range list {
			if i >= 0 && o.ID != id && o.Name == list[i].Name {
				return Invalid{{"Name", "目录中已有责任单位“" + o.Name + "”，不能恢复同名的一个"}}
			}
		}
	case TableCalendar:
		all, err := tx.CalendarYears(ctx)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(all, func(y CalendarYear) bool { return y.ID == id })
		for _, o := range all {
			if i >= 0 && o.ID != id && o.Office == me.Code && o.Year == all[i].Year {
				return FieldError{"Year", fmt.Sprintf("本单位已录入%d年的放假安排，不能再恢复一份：请在已有的记录上修改", o.Year)}
			}
		}
	}
	return nil
}

// live reports whether the record id of table t can be read (is live).
func live(ctx context.Context, tx Tx, t Table, id string) (bool, error) {
	var err error
	switch t {
	case TableEnterprises:
		_, err = tx.Enterprise(ctx, id)
	case TableLeaders:
		_, err = tx.Leader(ctx, id)
	case TableProblems:
		_, err = tx.Problem(ctx, id)
	case TableMeetings:
		_, err = tx.Meeting(ctx, id)
	case TableLoans:
		_, err = tx.BridgeLoan(ctx, id)
	case TableVisits:
		_, err = tx.Visit(ctx, id)
	case TableFinancing:
		_, err = tx.FinancingNeed(ctx, id)
	default:
		return false, fmt.Errorf("undelete: records of %s are not checked", t)
	}
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// deletedTitle is the name (or number, or title) of the deleted record id
// of table t as this office's change log holds it, "" when it holds none.
func deletedTitle(ctx context.Context, tx Tx, t Table, id string) string {
	rows, err := tx.History(ctx, id)
	if err != nil || len(rows) == 0 {
		return ""
	}
	var rec map[string]json.RawMessage
	if json.Unmarshal(rows[len(rows)-1].Data, &rec) != nil {
		return ""
	}
	for _, k := range []string{"name", "number"} {
		if s := valueText(rec[k], nil); s != "" {
			return s
		}
	}
	return strings.TrimPrefix(recordTitle(t, rec, nil), t.Label()+" ")
}

// undeleteWith brings back the records of table t that were deleted in the
// same write as del (the deletion of their record) and that belong to it
// (of), and says how many. A deletion of the same write is logged before
// del with the same time (to the nanosecond) and operator: one deleted on
// its own earlier is not brought back.
func undeleteWith(ctx context.Context, tx Tx, t Table, del LoggedChange, of func(map[string]json.RawMessage) bool) (int, error) {
	rows, err := tx.DeletedRecords(ctx, DeletedFilter{Table: t})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, c := range rows {
		if !c.At.Equal(del.At) || c.By != del.By || c.Seq > del.Seq {
			continue
		}
		var rec map[string]json.RawMessage
		if err := json.Unmarshal(c.Data, &rec); err != nil {
			return n, fmt.Errorf("undelete %s %s: %w", t, c.ID, err)
		}
		if !of(rec) {
			continue
		}
		if err := tx.Undelete(t, c.ID); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
