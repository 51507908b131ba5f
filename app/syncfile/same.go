package syncfile

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"time"

	"wugeyi/app"
)

// sameVersionWarnings compares the records of a file that carry the
// version already stored (they are left as stored) with what is stored,
// and returns a warning per table where some differ: with one writer per
// record that should never happen, and the user should know it did.
//
// The stored records are read in bulk, one list per table (one list of a
// problem's timeline per problem for its events), and only for the tables
// where the file has such records. A stored record that the lists do not
// show (a tombstone) is not compared.
func sameVersionWarnings(ctx context.Context, st app.Reader, sender string, same map[app.Table][]app.Change) ([]string, error) {
	var out []string
	for _, t := range app.SyncedTables {
		cs := same[t]
		if len(cs) == 0 {
			continue
		}
		stored, err := storedData(ctx, st, t, sender, cs)
		if err != nil {
			return nil, err
		}
		n, first := 0, ""
		for _, c := range cs {
			s, ok := stored[c.ID]
			if !ok {
				continue // deleted here, or a tombstone: nothing to compare
			}
			if c.Deleted || !sameJSON(c.Data, s) {
				if n == 0 {
					first = c.ID
				}
				n++
			}
		}
		if n > 0 {
			out = append(out, fmt.Sprintf("%s的%s有 %d 条记录与本机已有的版本号相同但内容不同（第一条 ID %s）：本机保留原有内容，请与对方核实是否从旧备份恢复过或改动过数据库",
				app.OfficeName(sender), t.Label(), n, first))
		}
	}
	return out, nil
}

// storedData is the live records of table t owned by office that cs
// carries, as their app types marshal them, by ID. For events it reads only the timelines of
// the problems that cs's events belong to.
func storedData(ctx context.Context, st app.Reader, t app.Table, office string, cs []app.Change) (map[string][]byte, error) {
	out := map[string][]byte{}
	want := make(map[string]bool, len(cs))
	for _, c := range cs {
		want[c.ID] = true
	}
	var err error
	switch t {
	case app.TableEnterprises:
		err = collect(out, want, office, func() ([]app.Enterprise, error) {
			return st.Enterprises(ctx, app.EnterpriseFilter{Office: office})
		}, func(x app.Enterprise) app.Meta { return x.Meta })
	case app.TableLeaders:
		err = collect(out, want, office, func() ([]app.Leader, error) {
			return st.Leaders(ctx, app.LeaderFilter{Office: office})
		}, func(x app.Leader) app.Meta { return x.Meta })
	case app.TableDepartments:
		err = collect(out, want, office, func() ([]app.Department, error) {
			return st.Departments(ctx, app.DepartmentFilter{Office: office})
		}, func(x app.Department) app.Meta { return x.Meta })
	case app.TableAssignments:
		err = collect(out, want, office, func() ([]app.Assignment, error) {
			return st.Assignments(ctx, app.AssignmentFilter{Office: office})
		}, func(x app.Assignment) app.Meta { return x.Meta })
	case app.TableVisits:
		err = collect(out, want, office, func() ([]app.Visit, error) {
			return st.Visits(ctx, app.VisitFilter{Office: office})
		}, func(x app.Visit) app.Meta { return x.Meta })
	case app.TableProblems:
		err = collect(out, want, office, func() ([]app.Problem, error) {
			return st.Problems(ctx, app.ProblemFilter{Office: office})
		}, func(x app.Problem) app.Meta { return x.Meta })
	case app.TableEvents:
		seen := map[string]bool{}
		for _, c := range cs {
			var x struct {
				ProblemID string `json:"problem_id"`
			}
			if json.Unmarshal(c.Data, &x) != nil || x.ProblemID == "" || seen[x.ProblemID] {
				continue
			}
			seen[x.ProblemID] = true
			err = collect(out, want, office, func() ([]app.Event, error) {
				return st.Events(ctx, x.ProblemID)
			}, func(x app.Event) app.Meta { return x.Meta })
			if err != nil {
				break
			}
		}
	case app.TableMeetings:
		err = collect(out, want, office, func() ([]app.Meeting, error) {
			return st.Meetings(ctx, app.MeetingFilter{Office: office})
		}, func(x app.Meeting) app.Meta { return x.Meta })
	case app.TableFinancing:
		err = collect(out, want, office, func() ([]app.FinancingNeed, error) {
			return st.FinancingNeeds(ctx, app.FinancingFilter{Office: office})
		}, func(x app.FinancingNeed) app.Meta { return x.Meta })
	case app.TableLoans:
		err = collect(out, want, office, func() ([]app.BridgeLoan, error) {
			return st.BridgeLoans(ctx, app.LoanFilter{Office: office})
		}, func(x app.BridgeLoan) app.Meta { return x.Meta })
	case app.TableComments:
		err = collect(out, want, office, func() ([]app.Comment, error) {
			return st.Comments(ctx, app.CommentFilter{})
		}, func(x app.Comment) app.Meta { return x.Meta })
	case app.TableCalendar:
		err = collect(out, want, office, func() ([]app.CalendarYear, error) {
			return st.CalendarYears(ctx)
		}, func(x app.CalendarYear) app.Meta { return x.Meta })
	case app.TableLoanDecisions:
		err = collect(out, want, office, func() ([]app.LoanDecision, error) {
			return st.LoanDecisions(ctx, app.LoanDecisionFilter{})
		}, func(x app.LoanDecision) app.Meta { return x.Meta })
	}
	if err != nil {
		return nil, fmt.Errorf("read stored %s of %s: %w", t, office, err)
	}
	return out, nil
}

// collect adds the live records that list returns, that office owns and
// that are wanted to out, by ID, each as its app type marshals it.
func collect[T any](out map[string][]byte, want map[string]bool, office string, list func() ([]T, error), meta func(T) app.Meta) error {
	rs, err := list()
	if err != nil {
		return err
	}
	for _, r := range rs {
		m := meta(r)
		if m.Office != office || m.Deleted || !want[m.ID] {
			continue
		}
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		out[m.ID] = b
	}
	return nil
}

// sameJSON reports whether two records' JSON say the same: an absent
// field, null and an empty value are alike (stores differ in how they
// give back an empty list), numbers compare by value and times by the
// instant to the second (stores differ in zone and precision).
func sameJSON(a, b []byte) bool {
	if bytes.Equal(a, b) {
		return true
	}
	x, err := decodeJSON(a)
	if err != nil {
		return false
	}
	y, err := decodeJSON(b)
	if err != nil {
		return false
	}
	return sameValue(x, y)
}

func decodeJSON(b []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	err := d.Decode(&v)
	return v, err
}

func sameValue(x, y any) bool {
	if empty(x) && empty(y) {
		return true
	}
	switch a := x.(type) {
	case map[string]any:
		b, ok := y.(map[string]any)
		if !ok {
			return false
		}
		for k, v := range a {
			if !sameValue(v, b[k]) {
				return false
			}
		}
		for k, v := range b {
			if _, ok := a[k]; !ok && !empty(v) {
				return false
			}
		}
		return true
	case []any:
		b, ok := y.([]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for i := range a {
			if !sameValue(a[i], b[i]) {
				return false
			}
		}
		return true
	case json.Number:
		b, ok := y.(json.Number)
		if !ok {
			return false
		}
		if a == b {
			return true
		}
		fa, ea := a.Float64()
		fb, eb := b.Float64()
		return ea == nil && eb == nil && fa == fb
	case string:
		b, ok := y.(string)
		if !ok {
			return false
		}
		if a == b {
			return true
		}
		ta, ea := time.Parse(time.RFC3339Nano, a)
		tb, eb := time.Parse(time.RFC3339Nano, b)
		return ea == nil && eb == nil && math.Abs(ta.Sub(tb).Seconds()) < 1
	case bool:
		b, ok := y.(bool)
		return ok && a == b
	}
	return false
}

// empty reports whether v is null or an empty value of its kind.
func empty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case map[string]any:
		return len(x) == 0
	case []any:
		return len(x) == 0
	case string:
		return x == ""
	case bool:
		return !x
	case json.Number:
		f, err := x.Float64()
		return err == nil && f == 0
	}
	return false
}
