package syncfile

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"wugeyi/app"
)

// Export writes this office's sync file for office to into folder dir and
// logs it: the records changed since the last file sent to that office, or
// every record when all is set. A county sends its own records to the
// city; the city sends a county its comments (督办意见) on that county's
// problems. The file appears under its final name only once it is whole.
func Export(ctx context.Context, st app.Store, op app.Op, to string, all bool, dir string, progress func(done, total int)) (string, Manifest, error) {
	me, err := st.Office(ctx)
	if err != nil {
		return "", Manifest{}, err
	}
	if to == me.Code {
		return "", Manifest{}, errors.New("不能把同步文件发给本单位自己：请选择接收单位")
	}
	card, err := st.Card(ctx, to)
	if errors.Is(err, app.ErrNotFound) {
		return "", Manifest{}, fmt.Errorf("还没有登记%s（%s）的公钥卡：请先与对方交换并登记公钥卡", app.OfficeName(to), to)
	}
	if err != nil {
		return "", Manifest{}, err
	}
	keys, err := st.Keys(ctx)
	if err != nil {
		return "", Manifest{}, err
	}
	var after int64
	if !all {
		if after, err = lastSeq(ctx, st, to, app.SyncExport); err != nil {
			return "", Manifest{}, err
		}
	}
	changes, top, err := st.Changes(ctx, me.Code, after)
	if err != nil {
		return "", Manifest{}, err
	}
	if me.Role == app.RoleCity {
		changes = forCounty(changes, to)
	}
	content, err := toSend(ctx, st, changes, to, all)
	if err != nil {
		return "", Manifest{}, err
	}
	m := Manifest{Schema: SchemaVersion, Sender: me.Code, SenderName: me.Name, Recipient: to, Created: op.At.UTC(),
		SeqFrom: after + 1, SeqTo: top, All: all}
	tmp, err := os.CreateTemp(dir, ".wugeyi-export-*")
	if err != nil {
		return "", Manifest{}, fmt.Errorf("不能在文件夹 %s 中写文件（%w）：请换一个文件夹或检查U盘", dir, err)
	}
	defer os.Remove(tmp.Name()) // after the rename there is nothing left to remove
	h := sha256.New()
	bw := bufio.NewWriter(io.MultiWriter(tmp, h))
	err = write(bw, &m, changes, content, keys, card, progress)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Sync() // on the disk or stick before it takes the final name
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", Manifest{}, fmt.Errorf("write sync file: %w", err)
	}
	name := FileName(m)
	path := filepath.Join(dir, name)
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", Manifest{}, fmt.Errorf("write sync file %s: %w", path, err)
	}
	counts := map[app.Table]app.TableCounts{}
	for t, n := range m.Counts {
		counts[t] = app.TableCounts{New: n}
	}
	e := app.SyncEntry{Direction: app.SyncExport, File: name, Hash: hex.EncodeToString(h.Sum(nil)), Peer: to, At: op.At,
		Operator: op.Operator, SeqFrom: m.SeqFrom, SeqTo: m.SeqTo, All: all, Counts: counts, Outcome: app.SyncOK,
		Sent: slices.Sorted(maps.Keys(content))}
	if err := st.Update(ctx, op, func(tx app.Tx) error { return tx.LogSync(&e) }); err != nil {
		os.Remove(path) // not logged: the next export must carry these changes again
		return "", Manifest{}, err
	}
	return path, m, nil
}

// toSend is the content of the live attachments among changes that the
// office to has not been sent yet (all of it when all is set).
func toSend(ctx context.Context, st app.Reader, changes []app.Change, to string, all bool) (map[string][]byte, error) {
	sent := map[string]bool{}
	if !all {
		var err error
		if sent, err = st.SentContent(ctx, to); err != nil {
			return nil, err
		}
	}
	out := map[string][]byte{}
	var total int64
	for _, c := range changes {
		a, ok := attachmentOf(c)
		if !ok || sent[a.SHA256] || out[a.SHA256] != nil {
			continue
		}
		b, err := st.Content(ctx, a.SHA256)
		if err != nil {
			return nil, fmt.Errorf("附件“%s”的文件内容不在本数据库中，不能导出：%w", a.Name, err)
		}
		out[a.SHA256] = b
		if total += int64(len(b)); total > maxContent {
			return nil, fmt.Errorf("本次要发送的附件超过 %s，一个同步文件装不下（对方电脑也难以读入）：请把较大的照片缩小后重新添加，或每添加一批附件就导出一次", size(maxContent))
		}
	}
	return out, nil
}

// maxContent is the most attachment content one file carries: room is
// left within DefaultLimits.File for ten years of records.
const maxContent = 384 << 20

// attachmentOf is the live attachment change c carries, if it carries one.
func attachmentOf(c app.Change) (app.Attachment, bool) {
	var a app.Attachment
	if c.Table != app.TableAttachments || c.Deleted || json.Unmarshal(c.Data, &a) != nil {
		return a, false
	}
	return a, true
}

// lastSeq is the highest sequence of the successful files of direction
// exchanged with peer.
func lastSeq(ctx context.Context, st app.Reader, peer string, d app.SyncDirection) (int64, error) {
	log, err := st.SyncLog(ctx, peer, 0)
	if err != nil {
		return 0, err
	}
	var top int64
	for _, e := range log {
		if e.Direction == d && e.Outcome == app.SyncOK && e.SeqTo > top {
			top = e.SeqTo
		}
	}
	return top, nil
}

// forCounty keeps the city's records that go to county: its comments on
// that county's problems, its fund's decisions on that county's
// applications, the progress notices it published, the years of holidays
// it entered, and the county's own published assessments.
func forCounty(changes []app.Change, county string) []app.Change {
	var out []app.Change
	for _, c := range changes {
		switch c.Table {
		case app.TableNotices, app.TableCalendar:
			out = append(out, c)
		case app.TableComments, app.TableLoanDecisions, app.TableAssessments:
			if addressee(c) == county {
				out = append(out, c)
			}
		}
	}
	return out
}

// addressee is the one office a city record of c is for: the office
// whose problem a comment is on, or the office an assessment assesses;
// "" for other records, or when c's data cannot be read.
func addressee(c app.Change) string {
	var x struct {
		ProblemOffice string `json:"problem_office"` // of a comment
		LoanOffice    string `json:"loan_office"`    // of a loan decision
		Result        struct {
			Office string `json:"office"`
		} `json:"result"` // of an assessment
	}
	if err := json.Unmarshal(c.Data, &x); err != nil {
		return ""
	}
	switch c.Table {
	case app.TableComments:
		return x.ProblemOffice
	case app.TableLoanDecisions:
		return x.LoanOffice
	case app.TableAssessments:
		return x.Result.Office
	}
	return ""
}

// Refusal is a record of a file that cannot be imported, and why: one
// refuses the whole file.
type Refusal struct {
	Table app.Table
	ID    string
	Name  string // its ledger number or name, when it has one
	Msg   string // in Chinese: every reason, joined
}

// Text names the record and says why it is refused, in Chinese:
// 问题“海港-2026-0001”（记录编号 …）：… .
func (r Refusal) Text() string {
	what := app.Clip(r.Table.Label())
	if r.Name != "" {
		what += "“" + r.Name + "”"
	}
	return fmt.Sprintf("%s（记录编号 %s）：%s", what, app.Clip(r.ID), r.Msg)
}

// Plan is what importing a file does, shown before the user confirms.
// When any record is refused (Refused), importing the file writes
// nothing (Err): Counts still say what each of the other records would
// do.
type Plan struct {
	File      *File
	Counts    map[app.Table]app.TableCounts
	Apply     []app.Change // what Import writes, in file order
	Refused   []Refusal    // in file order
	Warnings  []string     // in Chinese: things to look at, such as a sequence going backwards
	Duplicate bool         // the file was imported before: nothing to do
	// Content is the attachment content Import stores: what the file
	// carries for the attachments it applies and this database lacks.
	Content map[string][]byte

	kinds []int // for each of Apply, which count it adds to
}

// Err is the refusal of the whole file when a record of it is refused,
// an *Error of code ErrRecords naming how many and the first; nil when
// none is.
func (p Plan) Err() error {
	if len(p.Refused) == 0 {
		return nil
	}
	sender := ""
	if p.File != nil {
		sender = p.File.Manifest.Sender
	}
	return &Error{Code: ErrRecords, Sender: sender, Msg: fmt.Sprintf("文件中有 %d 条记录不能导入，整个文件未导入，本次未做任何改动（一个文件的记录要么全部导入，要么都不导入）。第一条：%s",
		len(p.Refused), p.Refused[0].Text())}
}

// Imported says in Chinese what importing p wrote, to be said once the
// import is committed: 已导入 N 条记录（新增 …，更新 …，删除 …；… 条与本机相同，未改动）.
func (p Plan) Imported() string {
	var n app.TableCounts
	for _, k := range p.Counts {
		n.New += k.New
		n.Updated += k.Updated
		n.Deleted += k.Deleted
		n.Unchanged += k.Unchanged
	}
	return fmt.Sprintf("已导入 %d 条记录（新增 %d，更新 %d，删除 %d；%d 条与本机相同，未改动）", n.New+n.Updated+n.Deleted, n.New, n.Updated, n.Deleted, n.Unchanged)
}

// What a change does to its table's counts.
const (
	kindNew = iota
	kindUpdated
	kindDeleted
)

// Open reads and verifies data, a sync file sent to the office of st, with
// the cards st trusts. A file already imported successfully is refused
// with an *Error of code ErrDuplicate before anything else is read, so
// that a file brought twice costs only its hash.
func Open(ctx context.Context, st app.Reader, data []byte) (*File, error) {
	sum := sha256.Sum256(data)
	if e, ok, err := st.SyncByHash(ctx, hex.EncodeToString(sum[:])); err != nil {
		return nil, err
	} else if ok {
		return nil, &Error{Code: ErrDuplicate, Sender: e.Peer, Msg: fmt.Sprintf("这个文件已经导入过（%s 导入，%s的文件 %s），不需要再导入，本次未做任何改动",
			e.At.Local().Format("2006-01-02 15:04"), app.OfficeName(e.Peer), e.File)}
	}
	me, err := st.Office(ctx)
	if err != nil {
		return nil, err
	}
	keys, err := st.Keys(ctx)
	if err != nil {
		return nil, err
	}
	return Read(data, me, keys, func(office string) (app.Card, error) { return st.Card(ctx, office) })
}

// Preview works out what importing f on day today does, table by table,
// without writing anything, and checks every record of it (see check.go):
// a record refused is counted Refused, listed in Refused and refuses the
// whole file (Plan.Err). A file already imported successfully (by hash)
// is Duplicate and nothing else is worked out. A record whose version is
// at or below the stored one is Unchanged; at the same version with other
// content it is also reported in Warnings (the stored one stays). A file
// that is not All and whose sequence range overlaps one already imported
// from the sender is reported in Warnings (the sender's change log went
// back, as after restoring an old backup); files that come out of order
// do not overlap and are not reported. An error is a fault: the file
// could not be checked.
func Preview(ctx context.Context, st app.Reader, f *File, today app.Date) (Plan, error) {
	p := Plan{File: f, Counts: map[app.Table]app.TableCounts{}, Content: map[string][]byte{}}
	if _, ok, err := st.SyncByHash(ctx, f.Hash); err != nil {
		return p, err
	} else if ok {
		p.Duplicate = true
		return p, nil
	}
	me, err := st.Office(ctx)
	if err != nil {
		return p, err
	}
	settings, err := st.Settings(ctx)
	if err != nil {
		return p, err
	}
	sender := f.Manifest.Sender
	vs, err := incoming(f.Changes, app.IncomingLimits{Sender: sender, Receiver: me.Code, Today: today, AttachMax: settings.AttachLimit()})
	if err != nil {
		return p, err
	}
	ck := newChecker(ctx, st, f, me)
	kinds := make([]int, len(f.Changes))
	var problems []int                   // the problems to write, for their numbers
	same := map[app.Table][]app.Change{} // the records whose version is the stored one
	for i, c := range f.Changes {
		v := &vs[i]
		kinds[i] = -1
		if len(v.faults) > 0 {
			continue
		}
		stored, err := ck.sendersOf(c.Table)
		if err != nil {
			return p, err
		}
		version, ok := stored[c.ID]
		switch {
		case ok && c.Version <= version:
			if c.Version == version {
				same[c.Table] = append(same[c.Table], c)
			}
			continue // unchanged: nothing is written
		case c.Deleted:
			kinds[i] = kindDeleted
		case ok:
			kinds[i] = kindUpdated
		default:
			kinds[i] = kindNew
		}
		if !ok { // new to the sender here: perhaps another office's
			if err := ck.takeover(c, v); err != nil {
				return p, err
			}
		}
		if c.Table == app.TableProblems {
			problems = append(problems, i)
		}
		if c.Deleted {
			continue
		}
		if err := ck.refs(c, v); err != nil {
			return p, err
		}
		if c.Table == app.TableAttachments {
			b, err := ck.attachment(c, v)
			if err != nil {
				return p, err
			}
			if b != nil {
				var a app.Attachment
				json.Unmarshal(c.Data, &a) // ck.attachment decoded it
				p.Content[a.SHA256] = b
			}
		}
	}
	if err := ck.numbers(problems, vs); err != nil {
		return p, err
	}
	for i, c := range f.Changes {
		n := p.Counts[c.Table]
		switch v := &vs[i]; {
		case len(v.faults) > 0:
			n.Refused++
			p.Refused = append(p.Refused, Refusal{Table: c.Table, ID: c.ID, Name: v.name, Msg: v.msg()})
		case kinds[i] < 0:
			n.Unchanged++
		default:
			switch kinds[i] {
			case kindNew:
				n.New++
			case kindUpdated:
				n.Updated++
			case kindDeleted:
				n.Deleted++
			}
			p.Apply = append(p.Apply, c)
			p.kinds = append(p.kinds, kinds[i])
		}
		p.Counts[c.Table] = n
	}
	w, err := sameVersionWarnings(ctx, st, sender, same)
	if err != nil {
		return p, err
	}
	p.Warnings = append(p.Warnings, w...)
	if !f.Manifest.All {
		w, err := backwards(ctx, st, f.Manifest)
		if err != nil {
			return p, err
		}
		p.Warnings = append(p.Warnings, w...)
	}
	return p, nil
}

// backwards warns when the file's sequence range overlaps one already
// imported from the sender in another file: the sender's change log went
// back, as after restoring an old backup. Its records with lower versions
// are left as they are. A file that carried every record (All) is left out
// of the check: an earlier file that comes after it overlaps it by design.
func backwards(ctx context.Context, st app.Reader, m Manifest) ([]string, error) {
	log, err := st.SyncLog(ctx, m.Sender, 0)
	if err != nil {
		return nil, err
	}
	for _, e := range log {
		if e.Direction == app.SyncImport && e.Outcome == app.SyncOK && !e.All && m.SeqFrom <= e.SeqTo && e.SeqFrom <= m.SeqTo && m.SeqFrom <= m.SeqTo {
			return []string{fmt.Sprintf("%s的变更序号倒退了：本文件的序号 %d–%d 与已导入的文件 %s（序号 %d–%d）重叠。对方可能从旧备份恢复过数据库；版本不高于已有记录的不会覆盖，请与对方核实。",
				app.OfficeName(m.Sender), m.SeqFrom, m.SeqTo, e.File, e.SeqFrom, e.SeqTo)}, nil
		}
	}
	return nil, nil
}

// Import applies f after a backup to backupPath (none when empty): in one
// transaction, every record of the plan whose version is above the stored
// one, and a line in the sync log (file name f.Name, which the caller
// sets). The day of op.At is the day the records are checked on. A file
// already imported changes nothing, writes no log line and returns the
// plan (Duplicate set) with an *Error of code ErrDuplicate. progress, when
// set, is called about every 1000 records written; they are imported only
// once Import returns nil.
//
// It goes in three steps: the plan (Preview, where every check of the
// file and of its records is made, so that what it refuses is known
// before anything is written), the backup, and the one transaction that
// writes (apply). A file with a record refused, by the plan or by the
// store as it writes, is refused whole: nothing of it is written, the
// sync log gets a line saying how many records were refused and naming
// the first, and Import returns the plan and Plan.Err. A fault of the
// database (a full disk, a read-only file) leaves it as it was and is
// returned as the store says it, with no log line.
func Import(ctx context.Context, st app.Store, op app.Op, f *File, backupPath string, progress func(done, total int)) (Plan, error) {
	p, err := Preview(ctx, st, f, app.DateOf(op.At))
	if err != nil {
		return p, err
	}
	if p.Duplicate {
		return p, duplicate(f)
	}
	if err := p.Err(); err != nil {
		return p, refused(ctx, st, op, f, p, err)
	}
	if err := backup(ctx, st, backupPath); err != nil {
		return p, err
	}
	err = apply(ctx, st, op, f, p, progress)
	var rr putRefusals
	if errors.As(err, &rr) {
		p = rr.plan(p)
		return p, refused(ctx, st, op, f, p, p.Err())
	}
	return p, err
}

// refused logs file f, refused with err by plan p, and returns err
// (joined with the logging's error, if that fails).
func refused(ctx context.Context, st app.Store, op app.Op, f *File, p Plan, err error) error {
	e := app.SyncEntry{Direction: app.SyncImport, File: f.Name, Hash: f.Hash, Peer: f.Manifest.Sender, At: op.At,
		Operator: op.Operator, SeqFrom: f.Manifest.SeqFrom, SeqTo: f.Manifest.SeqTo, All: f.Manifest.All,
		Counts: p.Counts, Outcome: app.SyncRefused, Message: err.Error()}
	if lerr := st.Update(ctx, op, func(tx app.Tx) error { return tx.LogSync(&e) }); lerr != nil {
		return errors.Join(err, lerr)
	}
	return err
}

// putRefusals are the records of a plan that the store refused to Put
// (indexes into Plan.Apply, with the store's errors): the transaction
// is rolled back, and the file refused.
type putRefusals map[int]error

func (r putRefusals) Error() string {
	return fmt.Sprintf("the store refused %d records of the file", len(r))
}

// plan is p with the records the store refused moved from their counts
// to Refused, and nothing to apply.
func (r putRefusals) plan(p Plan) Plan {
	p.Counts = copyCounts(p.Counts)
	for _, i := range slices.Sorted(maps.Keys(r)) {
		c := p.Apply[i]
		n := p.Counts[c.Table]
		switch p.kinds[i] {
		case kindNew:
			n.New--
		case kindUpdated:
			n.Updated--
		case kindDeleted:
			n.Deleted--
		}
		n.Refused++
		p.Counts[c.Table] = n
		p.Refused = append(p.Refused, Refusal{Table: c.Table, ID: c.ID, Msg: putMessage(r[i])})
	}
	p.Apply, p.kinds, p.Content = nil, nil, nil
	return p
}

// apply writes plan p of file f in one transaction with its line in the
// sync log. A record the store refuses rolls the whole transaction back
// with putRefusals; a fault of the store (which ends the transaction by
// itself) is returned as it is.
func apply(ctx context.Context, st app.Store, op app.Op, f *File, p Plan, progress func(done, total int)) error {
	return st.Update(ctx, op, func(tx app.Tx) error {
		var put func(done int)
		if progress != nil {
			put = func(done int) { progress(done, len(p.Apply)) }
		}
		for _, h := range slices.Sorted(maps.Keys(p.Content)) {
			if err := tx.PutContent(h, p.Content[h]); err != nil {
				return err
			}
		}
		errs := tx.PutAll(p.Apply, put)
		if err := ctx.Err(); err != nil {
			return err
		}
		bad := putRefusals{}
		for i, err := range errs {
			switch {
			case err == nil:
			case errors.Is(err, app.ErrDiskFull), errors.Is(err, app.ErrReadOnly), errors.Is(err, app.ErrDiskIO):
				return err // the store has ended the transaction
			default:
				bad[i] = err
			}
		}
		if len(bad) > 0 {
			return bad
		}
		msg := ""
		if len(p.Warnings) > 0 {
			msg = p.Warnings[0]
		}
		return tx.LogSync(&app.SyncEntry{Direction: app.SyncImport, File: f.Name, Hash: f.Hash, Peer: f.Manifest.Sender,
			At: op.At, Operator: op.Operator, SeqFrom: f.Manifest.SeqFrom, SeqTo: f.Manifest.SeqTo, All: f.Manifest.All,
			Counts: p.Counts, Outcome: app.SyncOK, Message: msg})
	})
}

func copyCounts(m map[app.Table]app.TableCounts) map[app.Table]app.TableCounts {
	out := make(map[app.Table]app.TableCounts, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// putMessage is why the store refused to write a record, in Chinese.
func putMessage(err error) string {
	if errors.Is(err, app.ErrNotOwner) {
		return "这条记录在本数据库中属于其他单位，不能用这个文件改动"
	}
	return "记录无法写入（" + err.Error() + "）"
}

// LogRefused writes a line in the sync log for a file that was refused,
// with the reason; it changes no record.
func LogRefused(ctx context.Context, st app.Store, op app.Op, name string, data []byte, refusal error) error {
	sum := sha256.Sum256(data)
	e := app.SyncEntry{Direction: app.SyncImport, File: name, Hash: hex.EncodeToString(sum[:]), At: op.At,
		Operator: op.Operator, Outcome: app.SyncRefused, Message: refusal.Error()}
	var se *Error
	if errors.As(refusal, &se) {
		e.Peer = se.Sender
	}
	return st.Update(ctx, op, func(tx app.Tx) error { return tx.LogSync(&e) })
}

// BackupPath is where an import keeps the database as it was before it: a
// backups folder beside the database, the file named by the time, and
// numbered when two imports fall in the same second. Only a name that
// does not exist in any form is taken; a backups folder that cannot be
// looked into (a file of that name, a folder without permission, a link
// that loops) or maxBackups names of one second all taken are an error
// in Chinese, and the import does not start.
func BackupPath(db string, at time.Time) (string, error) {
	dir := filepath.Join(filepath.Dir(db), "backups")
	base := filepath.Join(dir, strings.TrimSuffix(filepath.Base(db), filepath.Ext(db))+"_导入前_"+at.Local().Format("20060102_150405"))
	p := base + ".db"
	for i := 2; i <= maxBackups+1; i++ {
		_, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return p, nil
		case err != nil:
			return "", fmt.Errorf("导入前不能备份数据库：无法查看备份文件夹 %s（%w），未导入。请检查它是否是文件夹、能否打开", dir, err)
		}
		p = fmt.Sprintf("%s_%d.db", base, i)
	}
	return "", fmt.Errorf("导入前不能备份数据库：备份文件夹 %s 中同一秒的备份已有 %d 个，未导入。请稍后再导入", dir, maxBackups)
}

// maxBackups is the most backups BackupPath names in one second.
const maxBackups = 1000
