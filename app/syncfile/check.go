package syncfile

// What Preview checks of each record of a file before anything is written,
// so that the import obeys what the preview decided. Every record is
// checked by app.CheckIncoming: the rules the window applies, bounds on
// text, days, amounts and versions, and the tables the sender's role
// sends. Every record that would be written (a version above the stored
// one) that passes is then checked against this database:
//
//   - its ID is not already a record of another office, which the file
//     would take over (takeover);
//   - a live record's references point at records of the sender, stored
//     here (deleted or not) or in the same file (refsOf, refs); a comment
//     (督办意见) of the city points at a problem of this office stored
//     here, a decision of the city fund at an application of this office;
//   - a live problem's ledger number is no other live problem's, stored
//     here or in the file (numbers);
//   - a live attachment's content is in the file or stored here, and is
//     what the attachment says it is: size, SHA-256, type read from its
//     bytes (attachment).
//
// A record a check refuses is counted Refused and in no other count, and
// refuses the whole file (Plan.Err).

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"wugeyi/app"
)

// ref is a reference of a record to another: the label of its field, the
// tables the record may be in, its ID and whose record it must be.
type ref struct {
	label  string
	tables []app.Table
	id     string
	mine   bool // a record of this office (a comment's problem), not of the sender
}

// refFields are the fields of the synced records that name another
// record, or name the record itself in messages.
type refFields struct {
	Name         string    `json:"name"`
	Number       string    `json:"number"`
	EnterpriseID string    `json:"enterprise_id"`
	LeaderID     string    `json:"leader_id"`
	ProblemID    string    `json:"problem_id"`
	SourceID     string    `json:"source_id"`
	MeetingID    string    `json:"meeting_id"`
	RecordTable  app.Table `json:"record_table"`
	RecordID     string    `json:"record_id"`
	LoanID       string    `json:"loan_id"`
}

// refsOf is what a live record of table t with fields x points at. A
// problem's source (SourceID) is the visit or the meeting it was raised
// at; a meeting's enterprise and a financing need's meeting are optional.
// Enterprises, leaders, departments, notices and assessments point at
// nothing.
func refsOf(t app.Table, x refFields) []ref {
	var out []ref
	add := func(label, id string, mine bool, tables ...app.Table) {
		if id != "" { // a missing required one is CheckIncoming's
			out = append(out, ref{label, tables, id, mine})
		}
	}
	switch t {
	case app.TableAssignments:
		add("联系领导", x.LeaderID, false, app.TableLeaders)
		add("重点企业", x.EnterpriseID, false, app.TableEnterprises)
	case app.TableVisits:
		add("走访领导", x.LeaderID, false, app.TableLeaders)
		add("被走访企业", x.EnterpriseID, false, app.TableEnterprises)
	case app.TableProblems:
		add("问题所属企业", x.EnterpriseID, false, app.TableEnterprises)
		add("问题来源记录", x.SourceID, false, app.TableVisits, app.TableMeetings)
	case app.TableEvents:
		add("所属问题", x.ProblemID, false, app.TableProblems)
	case app.TableMeetings:
		add("所在企业", x.EnterpriseID, false, app.TableEnterprises)
	case app.TableFinancing:
		add("企业", x.EnterpriseID, false, app.TableEnterprises)
		add("银企对接会", x.MeetingID, false, app.TableMeetings)
	case app.TableLoans:
		add("申请企业", x.EnterpriseID, false, app.TableEnterprises)
	case app.TableAttachments:
		add("附件所属记录", x.RecordID, false, x.RecordTable)
	case app.TableComments:
		add("督办的问题", x.ProblemID, true, app.TableProblems)
	case app.TableLoanDecisions:
		add("决定的转贷申请", x.LoanID, true, app.TableLoans)
	}
	return out
}

// verdict is what checking one record of a file found.
type verdict struct {
	faults []string // in Chinese, each a reason to refuse it
	name   string   // its ledger number or name, for messages
	fields refFields
}

// checker checks the records of file f against the database st of
// office me, reading what it needs once.
type checker struct {
	ctx    context.Context
	st     app.Reader
	f      *File
	me     app.Office
	sender string

	inFile  map[app.Table]map[string]bool   // every record of the file
	senders map[app.Table]map[string]int64  // the sender's stored records, by table: ID → version
	owners  map[app.Table]map[string]string // the other offices' stored records, by table: ID → office
}

// newChecker is the checker of the records of f for office me.
func newChecker(ctx context.Context, st app.Reader, f *File, me app.Office) *checker {
	c := &checker{ctx: ctx, st: st, f: f, me: me, sender: f.Manifest.Sender,
		inFile: map[app.Table]map[string]bool{}, senders: map[app.Table]map[string]int64{},
		owners: map[app.Table]map[string]string{}}
	for _, ch := range f.Changes {
		ids := c.inFile[ch.Table]
		if ids == nil {
			ids = map[string]bool{}
			c.inFile[ch.Table] = ids
		}
		ids[ch.ID] = true
	}
	return c
}

// incoming checks every change of the file by app.CheckIncoming with
// limits l, and reads what each names, on every processor: a ten-year
// county file has 35,000 records. An error is a fault of the program.
func incoming(changes []app.Change, l app.IncomingLimits) ([]verdict, error) {
	out := make([]verdict, len(changes))
	errs := make([]error, len(changes))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(changes)/500))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(changes); i += workers {
				errs[i] = checkOne(changes[i], l, &out[i])
			}
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("check %s %s: %w", changes[i].Table, changes[i].ID, err)
		}
	}
	return out, nil
}

// checkOne checks change c into v; an error is a fault of the program.
func checkOne(c app.Change, l app.IncomingLimits, v *verdict) (err error) {
	defer func() {
		if r := recover(); r != nil { // a bug must not end the program
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	json.Unmarshal(c.Data, &v.fields) // what does not decode, CheckIncoming refuses
	v.name = app.Clip(strings.TrimSpace(cmp(v.fields.Number, v.fields.Name)))
	if c.Table != app.TableProblems && c.Table != app.TableEnterprises && c.Table != app.TableLeaders && c.Table != app.TableDepartments && c.Table != app.TableAttachments {
		v.name = "" // "name" of other records is not theirs
	}
	switch cerr := app.CheckIncoming(c, l); {
	case cerr == nil:
	case isInvalid(cerr):
		v.faults = append(v.faults, cerr.Error())
	default:
		return cerr
	}
	return nil
}

// cmp is a, or b when a is empty.
func cmp(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// isInvalid reports whether err is a refusal of the record, not a fault.
func isInvalid(err error) bool {
	var inv app.Invalid
	return errors.As(err, &inv)
}

// sendersOf is the sender's stored records of table t, ID → version.
func (c *checker) sendersOf(t app.Table) (map[string]int64, error) {
	vs, ok := c.senders[t]
	if !ok {
		var err error
		if vs, err = c.st.Versions(c.ctx, t, c.sender); err != nil {
			return nil, err
		}
		c.senders[t] = vs
	}
	return vs, nil
}

// ownersOf is the stored records of table t of every office but the
// sender (this office's among them), ID → office.
func (c *checker) ownersOf(t app.Table) (map[string]string, error) {
	if m, ok := c.owners[t]; ok {
		return m, nil
	}
	m := map[string]string{}
	offices := []string{c.me.Code}
	for _, o := range app.Offices {
		if o.Code != c.me.Code {
			offices = append(offices, o.Code)
		}
	}
	for _, o := range offices {
		if o == c.sender {
			continue
		}
		vs, err := c.st.Versions(c.ctx, t, o)
		if err != nil {
			return nil, err
		}
		for id := range vs {
			m[id] = o
		}
	}
	c.owners[t] = m
	return m, nil
}

// whose names office o in a message: 本单位 for this office.
func (c *checker) whose(o string) string {
	if o == c.me.Code {
		return "本单位（" + c.me.Name + "）"
	}
	return app.OfficeName(o)
}

// takeover refuses a record new to the sender here whose ID is another
// office's record: a file never takes a record over.
func (c *checker) takeover(ch app.Change, v *verdict) error {
	owners, err := c.ownersOf(ch.Table)
	if err != nil {
		return err
	}
	if o, ok := owners[ch.ID]; ok {
		v.faults = append(v.faults, fmt.Sprintf("记录编号已是%s的%s记录所用：%s的文件不能改动或接管其他单位的记录",
			c.whose(o), ch.Table.Label(), app.OfficeName(c.sender)))
	}
	return nil
}

// refs refuses a live record whose references point at no record of
// the sender (of this office, for a comment's problem).
func (c *checker) refs(ch app.Change, v *verdict) error {
	for _, r := range refsOf(ch.Table, v.fields) {
		found, other := false, ""
		for _, t := range r.tables {
			owners, err := c.ownersOf(t)
			if err != nil {
				return err
			}
			if r.mine {
				if owners[r.id] == c.me.Code {
					found = true
				} else if o, ok := owners[r.id]; ok {
					other = o
				}
				continue
			}
			vs, err := c.sendersOf(t)
			if err != nil {
				return err
			}
			if _, ok := vs[r.id]; ok || c.inFile[t][r.id] {
				found = true
			} else if o, ok := owners[r.id]; ok {
				other = o
			}
		}
		owner := app.OfficeName(c.sender)
		if r.mine {
			owner = "本单位"
		}
		switch {
		case found:
		case other != "":
			v.faults = append(v.faults, fmt.Sprintf("%s指向%s的记录（记录编号 %s）：只能是%s自己的记录",
				r.label, c.whose(other), app.Clip(r.id), owner))
		case r.mine:
			v.faults = append(v.faults, fmt.Sprintf("%s（记录编号 %s）不在本单位的数据库中", r.label, app.Clip(r.id)))
		default:
			v.faults = append(v.faults, fmt.Sprintf("%s（记录编号 %s）在本数据库和本文件中都找不到：可能%s此前的同步文件还没有导入（请先导入较早的文件），或请%s勾选“全部记录”重新导出",
				r.label, app.Clip(r.id), owner, owner))
		}
	}
	return nil
}

// numbers refuses each live problem of todo (indexes into the file's
// changes, each to be written) whose ledger number another live problem
// has once the file is imported: one stored here and not rewritten by
// the file, or one before it in the file.
func (c *checker) numbers(todo []int, vs []verdict) error {
	if len(todo) == 0 {
		return nil
	}
	ps, err := c.st.Problems(c.ctx, app.ProblemFilter{})
	if err != nil {
		return err
	}
	type holder struct {
		id, office string
		file       bool // a problem this file writes
	}
	held := make(map[string]holder, len(ps))   // number → its problem, once the file is imported
	stored := make(map[string]string, len(ps)) // ID → number of each stored live problem
	for _, p := range ps {
		held[p.Number], stored[p.ID] = holder{p.ID, p.Office, false}, p.Number
	}
	for _, i := range todo { // the numbers the file rewrites are free
		if n, ok := stored[c.f.Changes[i].ID]; ok && held[n].id == c.f.Changes[i].ID {
			delete(held, n)
		}
	}
	for _, i := range todo {
		ch, v := c.f.Changes[i], &vs[i]
		n := v.fields.Number
		if ch.Deleted || n == "" { // a missing number is CheckIncoming's
			continue
		}
		switch h, ok := held[n]; {
		case !ok:
			held[n] = holder{ch.ID, c.sender, true}
		case h.file:
			v.faults = append(v.faults, fmt.Sprintf("台账编号 %s 与本文件中另一个问题（记录编号 %s）重复", app.Clip(n), app.Clip(h.id)))
		default:
			v.faults = append(v.faults, fmt.Sprintf("台账编号 %s 已是%s的另一个问题（记录编号 %s）所用", app.Clip(n), c.whose(h.office), h.id))
		}
	}
	return nil
}

// attachment refuses a live attachment whose content is neither in the
// file nor stored here, or is not what the attachment says it is. It
// returns the content to store: the file's, when this database lacks it.
func (c *checker) attachment(ch app.Change, v *verdict) ([]byte, error) {
	var a app.Attachment
	if err := json.Unmarshal(ch.Data, &a); err != nil {
		return nil, fmt.Errorf("attachment %s: %w", ch.ID, err) // CheckIncoming decoded it
	}
	b, inFile := c.f.Content[a.SHA256]
	stored, err := c.st.HasContent(c.ctx, a.SHA256)
	if err != nil {
		return nil, err
	}
	if !inFile && stored {
		if b, err = c.st.Content(c.ctx, a.SHA256); err != nil {
			return nil, err
		}
	}
	if !inFile && !stored {
		v.faults = append(v.faults, fmt.Sprintf("文件缺少附件“%s”的文件内容，本数据库中也没有：请%s勾选“全部记录”重新导出",
			app.Clip(a.Name), app.OfficeName(c.sender)))
		return nil, nil
	}
	if err := app.CheckAttachmentContent(a, b); err != nil {
		v.faults = append(v.faults, err.Error())
		return nil, nil
	}
	if stored {
		return nil, nil
	}
	return b, nil
}

// msg is v's faults as one message.
func (v *verdict) msg() string { return strings.Join(slices.Compact(v.faults), "；") }
