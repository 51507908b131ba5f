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
// that county's problems, the progress notices it published, and the
// county's own published assessments.
func forCounty(changes []app.Change, county string) []app.Change {
	var out []app.Change
	for _, c := range changes {
		switch c.Table {
		case app.TableNotices:
			out = append(out, c)
		case app.TableComments, app.TableAssessments:
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
	case app.TableAssessments:
		return x.Result.Office
	}
	return ""
}

// Refusal is a record of a file that an import leaves out, and why.
type Refusal struct {
	Table app.Table
	ID    string
	Msg   string
}

// Plan is what importing a file does, shown before the user confirms.
type Plan struct {
	File      *File
	Counts    map[app.Table]app.TableCounts
	Apply     []app.Change // what Import writes, in file order
	Refused   []Refusal
	Warnings  []string // in Chinese: things to look at, such as a sequence going backwards
	Duplicate bool     // the file was imported before: nothing to do
	// Content is the attachment content Import stores: what the file
	// carries for the attachments it applies and this database lacks.
	Content map[string][]byte

	kinds []int // for each of Apply, which count it adds to
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

// Preview works out what importing f does, table by table, without writing
// anything. A file already imported successfully (by hash) is Duplicate and
// nothing else is worked out. A record whose version is at or below the
// stored one is Unchanged; at the same version with other content it is
// also reported in Warnings (the stored one stays). Comments (督办意见) are
// taken only from the city, and a county refuses those on another office's
// problems. A file that is not
// All and whose sequence range overlaps one already imported from the
// sender is reported in Warnings (the sender's change log went back, as
// after restoring an old backup); files that come out of order do not
// overlap and are not reported.
func Preview(ctx context.Context, st app.Reader, f *File) (Plan, error) {
	p := Plan{File: f, Counts: map[app.Table]app.TableCounts{}}
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
	sender := f.Manifest.Sender
	versions := map[app.Table]map[string]int64{}
	same := map[app.Table][]app.Change{} // the records whose version is the stored one
	for _, c := range f.Changes {
		n := p.Counts[c.Table]
		vs, ok := versions[c.Table]
		if !ok {
			if vs, err = st.Versions(ctx, c.Table, sender); err != nil {
				return p, err
			}
			versions[c.Table] = vs
		}
		if msg := cityOnlyRefusal(c, sender, me); msg != "" {
			n.Refused++
			p.Refused = append(p.Refused, Refusal{c.Table, c.ID, msg})
			p.Counts[c.Table] = n
			continue
		}
		stored, ok := vs[c.ID]
		kind := -1
		switch {
		case ok && c.Version <= stored:
			n.Unchanged++
			if c.Version == stored {
				same[c.Table] = append(same[c.Table], c)
			}
		case c.Deleted:
			n.Deleted++
			kind = kindDeleted
		case ok:
			n.Updated++
			kind = kindUpdated
		default:
			n.New++
			kind = kindNew
		}
		if kind >= 0 {
			p.Apply = append(p.Apply, c)
			p.kinds = append(p.kinds, kind)
		}
		p.Counts[c.Table] = n
	}
	if p.Content, err = neededContent(ctx, st, f, p.Apply); err != nil {
		return p, err
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

// neededContent is the content of the attachments among apply that this
// database lacks, taken from f. An attachment whose content is neither
// stored nor in the file refuses the whole file: its records would point at
// nothing.
func neededContent(ctx context.Context, st app.Reader, f *File, apply []app.Change) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, c := range apply {
		a, ok := attachmentOf(c)
		if !ok || out[a.SHA256] != nil {
			continue
		}
		if b, ok := f.Content[a.SHA256]; ok {
			if has, err := st.HasContent(ctx, a.SHA256); err != nil {
				return nil, err
			} else if !has {
				out[a.SHA256] = b
			}
			continue
		}
		if has, err := st.HasContent(ctx, a.SHA256); err != nil {
			return nil, err
		} else if !has {
			return nil, &Error{Code: ErrDamaged, Sender: f.Manifest.Sender,
				Msg: fmt.Sprintf("文件缺少附件“%s”（%s）的文件内容，整个文件未导入：请让%s在“数据交换”中选择“全部导出”重新导出后再导入",
					a.Name, a.RecordTable.Label(), app.OfficeName(f.Manifest.Sender))}
		}
	}
	return out, nil
}

// cityOnlyRefusal is why office me does not take in change c of a file
// from sender, or "" when it does: comments (督办意见), progress notices
// and assessments are the city bureau's alone, and a county takes only
// the comments on its own problems and its own assessments.
func cityOnlyRefusal(c app.Change, sender string, me app.Office) string {
	switch c.Table {
	case app.TableNotices, app.TableComments, app.TableAssessments:
	default:
		return ""
	}
	what := c.Table.Label()
	switch {
	case sender != app.CityCode:
		return what + "只能来自市工信局，" + app.OfficeName(sender) + "文件中的" + what + "不导入"
	case c.Table == app.TableComments && me.Role != app.RoleCity && addressee(c) != me.Code:
		return "督办意见针对的不是本单位的问题，不导入"
	case c.Table == app.TableAssessments && me.Role != app.RoleCity && addressee(c) != me.Code:
		return "考核结果不是本单位的，不导入"
	}
	return ""
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
// sets). A record the store refuses to Put is counted Refused and the rest
// is applied. A file already imported changes nothing, writes no log line
// and returns the plan (Duplicate set) with an *Error of code
// ErrDuplicate. progress, when set, is called about every 1000 records.
//
// It goes in three steps: the plan (Preview, where every check of the
// file and of its records is made, so that what it refuses is known
// before anything is written), the backup, and the one transaction that
// writes (apply).
func Import(ctx context.Context, st app.Store, op app.Op, f *File, backupPath string, progress func(done, total int)) (Plan, error) {
	p, err := Preview(ctx, st, f)
	if err != nil {
		return p, err
	}
	if p.Duplicate {
		return p, duplicate(f)
	}
	if err := backup(ctx, st, backupPath); err != nil {
		return p, err
	}
	counts, refused, err := apply(ctx, st, op, f, p, progress)
	if err != nil {
		return p, err
	}
	p.Counts, p.Refused = counts, refused
	return p, nil
}

// apply writes plan p of file f in one transaction with its line in the
// sync log, and returns the counts and refusals as written: a record the
// store refuses to Put moves from its count to Refused.
func apply(ctx context.Context, st app.Store, op app.Op, f *File, p Plan, progress func(done, total int)) (map[app.Table]app.TableCounts, []Refusal, error) {
	counts := map[app.Table]app.TableCounts{}
	var refused []Refusal
	err := st.Update(ctx, op, func(tx app.Tx) error {
		counts = copyCounts(p.Counts)
		refused = append([]Refusal(nil), p.Refused...)
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
		for i, c := range p.Apply {
			if err := errs[i]; err != nil {
				n := counts[c.Table]
				switch p.kinds[i] {
				case kindNew:
					n.New--
				case kindUpdated:
					n.Updated--
				case kindDeleted:
					n.Deleted--
				}
				n.Refused++
				counts[c.Table] = n
				refused = append(refused, Refusal{c.Table, c.ID, putMessage(err)})
			}
		}
		msg := ""
		if len(p.Warnings) > 0 {
			msg = p.Warnings[0]
		}
		if len(refused) > 0 {
			msg = fmt.Sprintf("%d 条记录未导入，第一条：%s %s", len(refused), refused[0].Table.Label(), refused[0].Msg)
		}
		return tx.LogSync(&app.SyncEntry{Direction: app.SyncImport, File: f.Name, Hash: f.Hash, Peer: f.Manifest.Sender,
			At: op.At, Operator: op.Operator, SeqFrom: f.Manifest.SeqFrom, SeqTo: f.Manifest.SeqTo, All: f.Manifest.All, Counts: counts,
			Outcome: app.SyncOK, Message: msg})
	})
	return counts, refused, err
}

func copyCounts(m map[app.Table]app.TableCounts) map[app.Table]app.TableCounts {
	out := make(map[app.Table]app.TableCounts, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// putMessage is why a record could not be written, in Chinese.
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
// numbered when two imports fall in the same second. A name that cannot
// be looked at (the folder is missing or is a file) is taken: the backup
// then says why it cannot be written.
func BackupPath(db string, at time.Time) string {
	base := filepath.Join(filepath.Dir(db), "backups",
		strings.TrimSuffix(filepath.Base(db), filepath.Ext(db))+"_导入前_"+at.Local().Format("20060102_150405"))
	p := base + ".db"
	for i := 2; ; i++ {
		if _, err := os.Lstat(p); err != nil {
			return p
		}
		p = fmt.Sprintf("%s_%d.db", base, i)
	}
}
