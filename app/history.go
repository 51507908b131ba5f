package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// LoggedChange is one row of the change log: a write of this office, with
// the record as it stood after it.
type LoggedChange struct {
	Table   Table
	ID      string
	Office  string
	Seq     int64
	Version int64
	Op      string // insert, update or delete
	At      time.Time
	By      string // the operator
	Data    json.RawMessage
}

// DeletedFilter selects deleted records.
type DeletedFilter struct {
	Table Table // one kind of record, when set
	Limit int
}

// FieldChange is one field a version changed, as staff read it.
type FieldChange struct {
	Field string // the record's field as stored
	Label string // its name in Chinese
	Old   string
	New   string
}

// HistoryVersion is one version of a record: when, by whom, what changed.
type HistoryVersion struct {
	Version int64
	Op      string // 新增, 修改, 删除 or 恢复
	At      time.Time
	By      string
	Changes []FieldChange // every field set for the first version
}

// History is a record's history, oldest version first.
type History struct {
	Table    Table
	ID       string
	Office   string
	Title    string // what the record is, in a few words
	Deleted  bool
	Versions []HistoryVersion
	// Partial says the change log holds only the versions received from
	// the owning office, not every edit it made.
	Partial bool
}

// opNames are the change log's operations as staff read them.
var opNames = map[string]string{"insert": "新增", "update": "修改", "delete": "删除"}

// skipFields are the identity fields a history does not list as changes.
var skipFields = map[string]bool{"id": true, "office": true, "version": true, "updated_at": true, "updated_by": true, "deleted": true}

// fieldLabels name the records' fields in Chinese.
var fieldLabels = map[string]string{
	"address": "地址", "agenda": "议题", "amount": "融资金额", "applied": "申请金额", "applied_on": "申请日期",
	"approved": "批准金额", "approved_on": "批准日期", "attendees": "参会人员", "author": "签发人", "bank": "银行",
	"body": "所属", "categories": "企业类别", "category": "问题类别", "chair": "主持人", "closed_on": "办结日期",
	"collateral": "担保方式", "commitment": "续贷承诺", "companions": "陪同人员", "conditions": "条件", "contact": "联系人",
	"credit": "授信金额", "credit_code": "统一社会信用代码", "date": "日期", "deadline": "办理时限", "decisions": "议定事项",
	"description": "问题描述", "due_back": "应还日期", "enterprise_id": "企业", "explanation": "说明", "fee": "费用",
	"findings": "走访情况", "follow_up": "回访情况", "format": "形式", "handling": "办理情况", "industry": "行业",
	"kind": "类型", "lead_dept": "牵头部门", "leader_id": "联系领导", "legal_rep": "法定代表人", "lent": "放贷金额",
	"lent_on": "放贷日期", "level": "级别", "liaison": "联络员", "liaison_phone": "联络员电话", "meeting_id": "会议",
	"minutes": "会议纪要", "mode": "方式", "name": "名称", "new_deadline": "新时限", "deadline_counted": "考核时限", "approver": "批准人", "note": "备注", "number": "编号",
	"old_deadline": "原时限", "original": "原贷款金额", "original_due": "原贷款到期日", "paid_on": "放款日期",
	"person": "责任人", "phone": "电话", "place": "地点", "post": "职务", "problem_id": "问题", "problem_office": "问题所属单位",
	"purpose": "用途", "use": "用途", "reason": "原因", "registered": "登记日期", "repaid_on": "归还日期", "request": "诉求",
	"result": "办理结果", "satisfaction": "满意度", "seq": "届次", "source": "来源", "source_id": "来源记录",
	"status": "状态", "support_depts": "配合部门", "term_months": "期限（月）", "text": "内容", "date_from": "起始日期",
	"date_to": "截止日期", "record_table": "所属记录类型", "record_id": "所属记录", "type": "文件类型", "size": "大小（字节）",
	"sha256": "校验值", "period": "期间", "label": "名称", "end_date": "截止日", "published": "发布日期", "figures": "数据",
}

// FieldLabel names a stored field in Chinese, or gives it as it is.
func FieldLabel(field string) string {
	if l, ok := fieldLabels[field]; ok {
		return l
	}
	return field
}

// History is the history of the record id from the change log: each
// version with its time, operator and the fields it changed (old → new),
// references to enterprises and leaders given by name. A record of another
// office, whose edits are logged at that office, shows the version this
// database holds, with Partial set. A record nowhere is ErrNotFound.
func (s *Service) History(ctx context.Context, id string) (History, error) {
	rows, err := s.Store.History(ctx, id)
	if err != nil {
		return History{}, err
	}
	h := History{ID: id}
	if len(rows) == 0 {
		r, err := s.heldVersion(ctx, id)
		if err != nil {
			return h, err
		}
		rows, h.Partial = []LoggedChange{r}, true
	}
	names := s.refNames(ctx, rows)
	var prev map[string]json.RawMessage
	for _, r := range rows {
		var cur map[string]json.RawMessage
		if err := json.Unmarshal(r.Data, &cur); err != nil {
			return h, fmt.Errorf("history of %s: version %d: %w", id, r.Version, err)
		}
		v := HistoryVersion{Version: r.Version, Op: opNames[r.Op], At: r.At, By: r.By}
		if v.Op == "" {
			v.Op = r.Op
		}
		if r.Op == "update" && h.Deleted {
			v.Op = "恢复" // the version after a deletion (Undelete)
		}
		if r.Op != "delete" {
			v.Changes = diffFields(prev, cur, names)
		}
		h.Versions = append(h.Versions, v)
		h.Table, h.Office, h.Deleted = r.Table, r.Office, r.Op == "delete"
		h.Title = recordTitle(r.Table, cur, names)
		prev = cur
	}
	return h, nil
}

// heldVersion is the record id of another office as this database holds
// it, as a change-log row of one insert.
func (s *Service) heldVersion(ctx context.Context, id string) (LoggedChange, error) {
	type getter func() (any, Meta, error)
	for _, g := range []struct {
		t   Table
		get getter
	}{
		{TableEnterprises, func() (any, Meta, error) { x, err := s.Store.Enterprise(ctx, id); return x, x.Meta, err }},
		{TableLeaders, func() (any, Meta, error) { x, err := s.Store.Leader(ctx, id); return x, x.Meta, err }},
		{TableDepartments, func() (any, Meta, error) { x, err := s.Store.Department(ctx, id); return x, x.Meta, err }},
		{TableAssignments, func() (any, Meta, error) { x, err := s.Store.Assignment(ctx, id); return x, x.Meta, err }},
		{TableVisits, func() (any, Meta, error) { x, err := s.Store.Visit(ctx, id); return x, x.Meta, err }},
		{TableProblems, func() (any, Meta, error) { x, err := s.Store.Problem(ctx, id); return x, x.Meta, err }},
		{TableMeetings, func() (any, Meta, error) { x, err := s.Store.Meeting(ctx, id); return x, x.Meta, err }},
		{TableFinancing, func() (any, Meta, error) { x, err := s.Store.FinancingNeed(ctx, id); return x, x.Meta, err }},
		{TableLoans, func() (any, Meta, error) { x, err := s.Store.BridgeLoan(ctx, id); return x, x.Meta, err }},
	} {
		x, m, err := g.get()
		if err != nil {
			continue
		}
		b, err := json.Marshal(x)
		if err != nil {
			return LoggedChange{}, err
		}
		return LoggedChange{Table: g.t, ID: id, Office: m.Office, Version: m.Version, Op: "insert", At: m.UpdatedAt, By: m.UpdatedBy, Data: b}, nil
	}
	return LoggedChange{}, fmt.Errorf("history of %s: %w", id, ErrNotFound)
}

// refNames maps the IDs of the enterprises and leaders the rows refer to
// to their names, so that a history says who, not an ID. An ID that cannot
// be read (a deleted enterprise) stays as it is.
func (s *Service) refNames(ctx context.Context, rows []LoggedChange) map[string]string {
	out := map[string]string{}
	for _, r := range rows {
		var ref struct {
			Enterprise string `json:"enterprise_id"`
			Leader     string `json:"leader_id"`
		}
		if json.Unmarshal(r.Data, &ref) != nil {
			continue
		}
		if _, ok := out[ref.Enterprise]; ref.Enterprise != "" && !ok {
			if e, err := s.Store.Enterprise(ctx, ref.Enterprise); err == nil {
				out[ref.Enterprise] = e.Name
			}
		}
		if _, ok := out[ref.Leader]; ref.Leader != "" && !ok {
			if l, err := s.Store.Leader(ctx, ref.Leader); err == nil {
				out[ref.Leader] = l.Name
			}
		}
	}
	return out
}

// diffFields lists the fields of cur whose values differ from prev (every
// field set when prev is nil), in the order of their names.
func diffFields(prev, cur map[string]json.RawMessage, names map[string]string) []FieldChange {
	keys := make([]string, 0, len(cur))
	for k := range cur {
		if !skipFields[k] {
			keys = append(keys, k)
		}
	}
	for k := range prev {
		if _, ok := cur[k]; !ok && !skipFields[k] {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var out []FieldChange
	for _, k := range keys {
		o, n := valueText(prev[k], names), valueText(cur[k], names)
		if o == n || (prev == nil && n == "") {
			continue
		}
		out = append(out, FieldChange{Field: k, Label: FieldLabel(k), Old: o, New: n})
	}
	return out
}

// valueText is a stored JSON value as staff read it: text as it is, an ID
// of an enterprise or leader as its name, empty lists and zero dates as "".
func valueText(v json.RawMessage, names map[string]string) string {
	v = bytes.TrimSpace(v)
	switch {
	case len(v) == 0 || string(v) == "null" || string(v) == `""` || string(v) == "[]" || string(v) == "{}":
		return ""
	case v[0] == '"':
		var s string
		if json.Unmarshal(v, &s) != nil {
			return string(v)
		}
		if n, ok := names[s]; ok {
			return n
		}
		return s
	case v[0] == '[':
		var list []string
		if json.Unmarshal(v, &list) == nil {
			return strings.Join(list, "、")
		}
	}
	if n, err := strconv.ParseInt(string(v), 10, 64); err == nil && n == 0 {
		return ""
	}
	return string(v)
}

// recordTitle says what a record is in a few words, from its stored fields.
func recordTitle(t Table, rec map[string]json.RawMessage, names map[string]string) string {
	var parts []string
	for _, k := range []string{"number", "name", "date", "kind", "enterprise_id", "leader_id", "period"} {
		if s := valueText(rec[k], names); s != "" {
			parts = append(parts, shortRunes(s, 30))
		}
		if len(parts) == 3 {
			break
		}
	}
	return t.Label() + " " + strings.Join(parts, " ")
}

// shortRunes is s cut to n characters.
func shortRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// DeletedRecord is a record that was deleted: what it was, who deleted it
// and when.
type DeletedRecord struct {
	Table Table
	ID    string
	Title string
	At    time.Time
	By    string
}

// DeletedRecords lists the records of this office that are deleted, the
// latest deletion first, so that their history can be read.
func (s *Service) DeletedRecords(ctx context.Context, f DeletedFilter) ([]DeletedRecord, error) {
	rows, err := s.Store.DeletedRecords(ctx, f)
	if err != nil {
		return nil, err
	}
	names := s.refNames(ctx, rows)
	out := make([]DeletedRecord, 0, len(rows))
	for _, r := range rows {
		var rec map[string]json.RawMessage
		if err := json.Unmarshal(r.Data, &rec); err != nil {
			return nil, fmt.Errorf("deleted %s %s: %w", r.Table, r.ID, err)
		}
		out = append(out, DeletedRecord{Table: r.Table, ID: r.ID, Title: recordTitle(r.Table, rec, names), At: r.At, By: r.By})
	}
	return out, nil
}
