package syncfile

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"filippo.io/age"

	"wugeyi/app"
)

// Format is the newest version of the sync file format this build writes
// and reads: 2, 国密 (SM2, SM3, SM4). A file of a newer format is refused
// with a message to update.
const Format = FormatSM

// The versions of the sync file format: FormatAge (Ed25519, SHA-256, age),
// written to an office whose registered card has no SM2 keys, and
// FormatSM, written to one whose card has them.
const (
	FormatAge = 1
	FormatSM  = 2
)

// SchemaVersion is the version of the records' shape this build writes
// and reads: the database schema (data's migrations) the record types
// match, 3 since the sync tables came, 4 since the city fund (loans to
// it, its decisions). Export writes it in the manifest;
// Read refuses a file of a higher one (its records may carry fields this
// build would drop) with a message to update. Raise it with a migration
// that changes a synced record.
const SchemaVersion = 4

// Names of the parts of the zip.
const (
	manifestName  = "manifest.json"
	signatureName = "manifest.sig"
	recordsDir    = "records/"
	attachDir     = "attachments/"
)

// Part is one part of a file as the manifest lists it, with its hash:
// SHA-256 in format 1, SM3 in format 2.
type Part struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256,omitempty"`
	SM3    string `json:"sm3,omitempty"`
	Size   int64  `json:"size"`
}

// hash is the hash p lists for a file of format f.
func (p Part) hash(f int) string {
	if f >= FormatSM {
		return p.SM3
	}
	return p.SHA256
}

// partOf is the part name with content b in a file of format f.
func partOf(f int, name string, b []byte) Part {
	p := Part{Name: name, Size: int64(len(b))}
	if f >= FormatSM {
		p.SM3 = sm3Hex(b)
	} else {
		p.SHA256 = app.ContentHash(b)
	}
	return p
}

// Manifest says what a file is, who sent it to whom, and the hash of every
// part. It is what the sender signs.
type Manifest struct {
	Kind       string            `json:"kind"`
	Format     int               `json:"format"`
	Schema     int               `json:"schema"`
	Sender     string            `json:"sender"`
	SenderName string            `json:"sender_name"`
	Recipient  string            `json:"recipient"`
	Created    time.Time         `json:"created"`
	SeqFrom    int64             `json:"seq_from"` // the sender's change-log range the file covers
	SeqTo      int64             `json:"seq_to"`
	All        bool              `json:"all,omitempty"` // every record, not only the changes since the last file
	Counts     map[app.Table]int `json:"counts"`
	Parts      []Part            `json:"parts"`
}

// File is a sync file that passed every check.
type File struct {
	Manifest Manifest
	Changes  []app.Change // table by table in app.SyncedTables order, each table in sequence order
	// Content holds the attachment contents the file carries, by SHA-256,
	// each checked against its hash.
	Content map[string][]byte
	Hash    string // SHA-256 of the whole file as received, hex
	Name    string // the file's name, set by the caller, for the sync log
}

// Codes of the errors Read and Import return.
const (
	ErrNotSyncFile    = "not-sync-file"
	ErrDamaged        = "damaged"
	ErrTooBig         = "too-big"
	ErrUntrusted      = "untrusted"
	ErrBadSignature   = "bad-signature"
	ErrWrongRecipient = "wrong-recipient"
	ErrNewerFormat    = "newer-format"
	ErrForeignOwner   = "foreign-owner"
	ErrNotForMe       = "not-for-me"
	ErrDuplicate      = "duplicate"
	ErrRecords        = "refused-records" // a record of the file cannot be imported (Plan.Err)
	ErrNoSpace        = "no-space"        // the disk has too little room for the import (Accept)
)

// Error is why a file is refused: a code for programs and a message in
// Chinese that says what is wrong and what to do.
type Error struct {
	Code   string
	Msg    string
	Sender string // the sender's office code, when the manifest could be read
}

// Error is the message in Chinese.
func (e *Error) Error() string { return e.Msg }

// UserMessage is the message in Chinese, for the user (app.UserError).
func (e *Error) UserMessage() string { return e.Msg }

func refuse(code, format string, a ...any) *Error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, a...)}
}

// Limits bound what Read accepts, so that a hostile file cannot exhaust
// the PC's memory.
type Limits struct {
	File    int64 // the file, and the zip inside it
	Part    int64 // one part, uncompressed
	Entries int   // parts in the zip
}

// DefaultLimits are the limits of Read: far above ten years of a county's
// records (about 60 MB of JSON), far below what a 4 GB PC can hold. Each
// attachment is a part of its own, hence the many entries.
var DefaultLimits = Limits{File: 512 << 20, Part: 256 << 20, Entries: 20000}

var (
	recordsPart = regexp.MustCompile(`^records/([a-z_]+)\.jsonl$`)
	attachPart  = regexp.MustCompile(`^attachments/[0-9a-f]{64}$`)
)

// FileName is the name of a file: sender, recipient, date and the
// sequence range, in characters that every system accepts.
func FileName(m Manifest) string {
	return fmt.Sprintf("%s%s_至_%s_%s_序号%06d-%06d.wgy", m.Sender, app.OfficeName(m.Sender), m.Recipient,
		m.Created.Local().Format("20060102-150405"), m.SeqFrom, m.SeqTo)
}

// Write writes the sync file of changes from the office whose keys are
// keys to the office of card to: the zip signed with the sender's key,
// encrypted to the recipient's, in format 2 when both have SM2 keys
// (FormatFor), format 1 otherwise. It fills in m's kind, format, counts
// and parts.
func Write(w io.Writer, m *Manifest, changes []app.Change, keys app.OfficeKeys, to app.Card) error {
	return write(w, m, changes, nil, keys, to, nil)
}

// WriteWith is Write with attachment contents, each a part named by its
// SHA-256.
func WriteWith(w io.Writer, m *Manifest, changes []app.Change, content map[string][]byte, keys app.OfficeKeys, to app.Card) error {
	return write(w, m, changes, content, keys, to, nil)
}

// FormatFor is the format an office with keys writes to the office of
// card to: FormatSM when both have SM2 keys, FormatAge otherwise.
func FormatFor(keys app.OfficeKeys, to app.Card) int {
	if keys.SM2Sign != nil && to.SM2() {
		return FormatSM
	}
	return FormatAge
}

func write(w io.Writer, m *Manifest, changes []app.Change, content map[string][]byte, keys app.OfficeKeys, to app.Card, progress func(done, total int)) error {
	m.Kind, m.Format = kindSync, FormatFor(keys, to)
	seal, sign, err := sealer(m.Format, keys, to)
	if err != nil {
		return err
	}
	byTable := map[app.Table][]app.Change{}
	for _, c := range changes {
		byTable[c.Table] = append(byTable[c.Table], c)
	}
	m.Counts = map[app.Table]int{}
	m.Parts = nil
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	done := 0
	for _, t := range app.SyncedTables {
		cs := byTable[t]
		if len(cs) == 0 {
			continue
		}
		var part bytes.Buffer
		enc := json.NewEncoder(&part)
		for _, c := range cs {
			if err := enc.Encode(c); err != nil {
				return fmt.Errorf("write %s %s: %w", t, c.ID, err)
			}
			done++
			if progress != nil && done%1000 == 0 {
				progress(done, len(changes))
			}
		}
		name := recordsDir + string(t) + ".jsonl"
		if err := addPart(zw, name, part.Bytes()); err != nil {
			return err
		}
		m.Parts = append(m.Parts, partOf(m.Format, name, part.Bytes()))
		m.Counts[t] = len(cs)
	}
	for _, h := range slices.Sorted(maps.Keys(content)) {
		b := content[h]
		name := attachDir + app.ContentHash(b)
		// Photos and PDFs are compressed already: deflating them again
		// took four times as long for nothing.
		if err := addPartAs(zw, name, b, zip.Store); err != nil {
			return err
		}
		m.Parts = append(m.Parts, partOf(m.Format, name, b))
	}
	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	if err := addPart(zw, manifestName, mb); err != nil {
		return err
	}
	sig, err := sign(mb)
	if err != nil {
		return err
	}
	if err := addPart(zw, signatureName, sig); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write zip: %w", err)
	}
	if err := seal(w, zbuf.Bytes()); err != nil {
		return fmt.Errorf("encrypt: %w", err)
	}
	if progress != nil {
		progress(len(changes), len(changes))
	}
	return nil
}

// sealer is how a file of format f from the office with keys to the
// office of card to is encrypted and its manifest signed.
func sealer(f int, keys app.OfficeKeys, to app.Card) (seal func(w io.Writer, zip []byte) error, sign func(manifest []byte) ([]byte, error), err error) {
	if f >= FormatSM {
		if _, err := sm2Public(to.SM2EncryptKey); err != nil {
			return nil, nil, fmt.Errorf("%s的公钥卡中的国密加密公钥无效：请重新登记对方的公钥卡", to.Name)
		}
		if _, err := sm2Private(keys.SM2Sign); err != nil {
			return nil, nil, errors.New("本单位的国密签名密钥不完整：请从备份恢复数据库")
		}
		seal = func(w io.Writer, zip []byte) error {
			b, err := sealSM(to.SM2EncryptKey, zip)
			if err == nil {
				_, err = w.Write(b)
			}
			return err
		}
		return seal, func(mb []byte) ([]byte, error) { return sm2Sign(keys.SM2Sign, mb) }, nil
	}
	if len(keys.SignPrivate) != ed25519.PrivateKeySize {
		return nil, nil, errors.New("本单位的签名密钥不完整：请从备份恢复数据库")
	}
	rcpt, err := age.ParseX25519Recipient(to.AgeRecipient)
	if err != nil {
		return nil, nil, fmt.Errorf("%s的公钥卡中的加密公钥无效：请重新登记对方的公钥卡", to.Name)
	}
	seal = func(w io.Writer, zip []byte) error {
		aw, err := age.Encrypt(w, rcpt)
		if err != nil {
			return err
		}
		if _, err := aw.Write(zip); err != nil {
			return err
		}
		return aw.Close()
	}
	return seal, func(mb []byte) ([]byte, error) { return ed25519.Sign(ed25519.PrivateKey(keys.SignPrivate), mb), nil }, nil
}

func addPart(zw *zip.Writer, name string, b []byte) error { return addPartAs(zw, name, b, zip.Deflate) }

// addPartAs adds the part name with content b, compressed by method.
func addPartAs(zw *zip.Writer, name string, b []byte, method uint16) error {
	f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if _, err := f.Write(b); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// Read decrypts and verifies a sync file sent to office me, whose keys are
// keys; card returns the registered card of an office (app.ErrNotFound if
// none). It returns the file only if every check passes; otherwise an
// *Error saying why. It never panics on any input.
func Read(data []byte, me app.Office, keys app.OfficeKeys, card func(office string) (app.Card, error)) (*File, error) {
	return ReadWithLimits(data, me, keys, card, DefaultLimits)
}

// recovered counts the panics ReadWithLimits turned into refusals: a bug
// the fuzz tests look for (export_test.go shows it to them).
var recovered atomic.Int64

// ReadWithLimits is Read with other limits.
func ReadWithLimits(data []byte, me app.Office, keys app.OfficeKeys, card func(office string) (app.Card, error), lim Limits) (f *File, err error) {
	defer func() {
		if r := recover(); r != nil { // a bug of ours or of a library must not lose the user's work
			recovered.Add(1)
			f, err = nil, refuse(ErrDamaged, "文件无法读取（%v）：请让对方重新导出后再导入", r)
		}
	}()
	if len(data) == 0 {
		return nil, refuse(ErrNotSyncFile, "文件是空的：请检查是否拷贝完整，或让对方重新导出")
	}
	if int64(len(data)) > lim.File {
		return nil, refuse(ErrTooBig, "文件超过 %s，不是五个一工作台的同步文件：请检查是否选错了文件", size(lim.File))
	}
	format, plain, err := open(data, keys, lim)
	if err != nil {
		return nil, err
	}
	parts, err := openZip(plain, lim)
	if err != nil {
		return nil, err
	}
	m, err := readManifest(parts, format, me, card)
	if err != nil {
		return nil, err
	}
	changes, content, err := readRecords(parts, m, lim)
	if err != nil {
		if e, ok := err.(*Error); ok {
			e.Sender = m.Sender
		}
		return nil, err
	}
	sum := sha256.Sum256(data)
	return &File{Manifest: m, Changes: changes, Content: content, Hash: hex.EncodeToString(sum[:])}, nil
}

// openZip opens the decrypted zip plain and returns its parts by name,
// refusing more than lim.Entries parts, zip64, a strange name or a name
// twice.
func openZip(plain []byte, lim Limits) (map[string]*zip.File, error) {
	switch n, zip64, _ := zipEntries(plain, lim.Entries); {
	case zip64:
		return nil, refuse(ErrDamaged, "文件的压缩包格式不是五个一工作台写出的（zip64）：这不是正常的同步文件，未导入")
	case n > lim.Entries:
		return nil, refuse(ErrTooBig, "文件包含超过 %d 个部分：这不是正常的同步文件，未导入", lim.Entries)
	}
	zr, err := zip.NewReader(bytes.NewReader(plain), int64(len(plain)))
	if err != nil {
		return nil, refuse(ErrDamaged, "文件已损坏（压缩包无法打开）：请让对方重新导出后再导入")
	}
	if len(zr.File) > lim.Entries {
		return nil, refuse(ErrTooBig, "文件包含 %d 个部分，超过 %d 个：这不是正常的同步文件，未导入", len(zr.File), lim.Entries)
	}
	parts := map[string]*zip.File{}
	for _, zf := range zr.File {
		if err := checkName(zf.Name); err != nil {
			return nil, err
		}
		if parts[zf.Name] != nil {
			return nil, refuse(ErrDamaged, "文件中“%s”出现了两次：这不是正常的同步文件，未导入", zf.Name)
		}
		parts[zf.Name] = zf
	}
	return parts, nil
}

// open decrypts data with keys: a file of format 1 (age) or 2 (SM2 and
// SM4), which it returns with the zip inside.
func open(data []byte, keys app.OfficeKeys, lim Limits) (int, []byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte("age-encryption.org/v1\n")):
		id, err := age.ParseX25519Identity(keys.AgeIdentity)
		if err != nil {
			return 0, nil, errors.New("本单位的加密密钥不完整，不能打开同步文件：请从备份恢复数据库")
		}
		plain, err := decrypt(data, id, lim)
		return FormatAge, plain, err
	case bytes.HasPrefix(data, []byte(gmMagic)):
		if keys.SM2Decrypt == nil {
			return 0, nil, refuse(ErrNotForMe, "这个文件是用国密加密给别的单位的（本单位还没有国密密钥）：请与对方核实，对方登记的是否是本单位的公钥卡")
		}
		plain, err := openSM(keys.SM2Decrypt, data)
		switch {
		case errors.Is(err, errNotForMe):
			return 0, nil, refuse(ErrNotForMe, "这个文件不是加密给本单位的（可能发给了别的单位，或对方登记的是本单位旧的公钥卡）：请与对方核实")
		case err != nil:
			return 0, nil, refuse(ErrDamaged, "文件已损坏或不完整（内容校验不符）：请检查是否拷贝完整，或让对方重新导出")
		case int64(len(plain)) > lim.File:
			return 0, nil, refuse(ErrTooBig, "文件内容超过 %s：这不是正常的同步文件，未导入", size(lim.File))
		}
		return FormatSM, plain, nil
	}
	return 0, nil, refuse(ErrNotSyncFile, "这不是五个一工作台的同步文件：请选择对方导出的 .wgy 文件")
}

// readManifest reads the manifest among parts of a file that came in the
// encryption of format and checks it: that format and records this build
// reads, signed by the sender whose card is registered (card gives it),
// and sent to office me.
func readManifest(parts map[string]*zip.File, format int, me app.Office, card func(office string) (app.Card, error)) (Manifest, error) {
	var m Manifest
	mb, err := readPart(parts[manifestName], manifestName, 1<<20)
	if err != nil {
		return m, err
	}
	sig, err := readPart(parts[signatureName], signatureName, 1<<10)
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(mb, &m); err != nil || m.Kind != kindSync {
		return m, refuse(ErrNotSyncFile, "这不是五个一工作台的同步文件（说明部分无法识别）：请选择对方导出的 .wgy 文件")
	}
	if m.Format > Format {
		return m, &Error{Code: ErrNewerFormat, Sender: m.Sender,
			Msg: fmt.Sprintf("这个文件由更新版本的五个一工作台导出（格式 %d，本版本只认识 %d）：请先安装新版本再导入", m.Format, Format)}
	}
	if m.Schema > SchemaVersion {
		return m, &Error{Code: ErrNewerFormat, Sender: m.Sender,
			Msg: fmt.Sprintf("这个文件的记录由更新版本的五个一工作台写出（数据版本 %d，本版本只认识 %d）：请先安装新版本再导入", m.Schema, SchemaVersion)}
	}
	if m.Format < 1 {
		return m, refuse(ErrNotSyncFile, "这不是五个一工作台的同步文件（格式版本无效）")
	}
	if m.Format != format {
		return m, &Error{Code: ErrDamaged, Sender: m.Sender,
			Msg: fmt.Sprintf("文件的说明部分写的是格式 %d，加密方式却是格式 %d 的：这不是正常的同步文件，未导入", m.Format, format)}
	}
	c, err := card(m.Sender)
	switch {
	case errors.Is(err, app.ErrNotFound):
		return m, &Error{Code: ErrUntrusted, Sender: m.Sender,
			Msg: fmt.Sprintf("未登记%s（%s）的公钥卡，不能确认文件来源：请先与对方电话核对指纹后登记其公钥卡", app.OfficeName(m.Sender), m.Sender)}
	case err != nil:
		return m, fmt.Errorf("read card of %s: %w", m.Sender, err)
	}
	if format >= FormatSM && !c.SM2() {
		return m, &Error{Code: ErrUntrusted, Sender: m.Sender,
			Msg: fmt.Sprintf("文件用国密签名，但登记的%s公钥卡是对方升级前的，没有国密公钥：请让对方导出新的公钥卡，电话核对指纹后替换登记", app.OfficeName(m.Sender))}
	}
	if !verified(format, c, mb, sig) {
		return m, &Error{Code: ErrBadSignature, Sender: m.Sender,
			Msg: fmt.Sprintf("签名不符：文件不是用已登记的%s公钥卡对应的密钥签发的，或已被改动。请与对方核实后让其重新导出", app.OfficeName(m.Sender))}
	}
	if m.Recipient != me.Code {
		return m, &Error{Code: ErrWrongRecipient, Sender: m.Sender,
			Msg: fmt.Sprintf("这个文件是发给%s（%s）的，不是发给本单位的：请把它交给%s", app.OfficeName(m.Recipient), m.Recipient, app.OfficeName(m.Recipient))}
	}
	return m, nil
}

// verified says whether sig is the signature of manifest mb by the office
// of card c in a file of format f.
func verified(f int, c app.Card, mb, sig []byte) bool {
	if f >= FormatSM {
		return sm2Verify(c.SM2SignKey, mb, sig)
	}
	return len(c.SignKey) == ed25519.PublicKeySize && ed25519.Verify(ed25519.PublicKey(c.SignKey), mb, sig)
}

// decrypt opens the age encryption, which also detects any change to the
// encrypted bytes and a truncated file.
func decrypt(data []byte, id age.Identity, lim Limits) ([]byte, error) {
	r, err := age.Decrypt(bytes.NewReader(data), id)
	if err != nil {
		var nm *age.NoIdentityMatchError
		if errors.As(err, &nm) {
			return nil, refuse(ErrNotForMe, "这个文件不是加密给本单位的（可能发给了别的单位，或对方登记的是本单位旧的公钥卡）：请与对方核实")
		}
		return nil, refuse(ErrDamaged, "文件已损坏（加密头无法读取）：请检查是否拷贝完整，或让对方重新导出")
	}
	plain, err := io.ReadAll(io.LimitReader(r, lim.File+1))
	if err != nil {
		return nil, refuse(ErrDamaged, "文件已损坏或不完整（内容校验不符）：请检查是否拷贝完整，或让对方重新导出")
	}
	if int64(len(plain)) > lim.File {
		return nil, refuse(ErrTooBig, "文件内容超过 %s：这不是正常的同步文件，未导入", size(lim.File))
	}
	return plain, nil
}

// checkName refuses a part whose name could point outside the archive or
// that a sync file never has.
func checkName(name string) error {
	switch {
	case name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") || strings.Contains(name, "..") || strings.Contains(name, ":"):
		return refuse(ErrDamaged, "文件中有不安全的路径“%s”：这不是正常的同步文件，未导入", name)
	case name == manifestName || name == signatureName || recordsPart.MatchString(name) || attachPart.MatchString(name):
		return nil
	}
	return refuse(ErrDamaged, "文件中有不认识的部分“%s”：这不是正常的同步文件，未导入", name)
}

// readPart reads a part of at most max bytes, whatever its header says.
func readPart(zf *zip.File, name string, max int64) ([]byte, error) {
	if zf == nil {
		return nil, refuse(ErrDamaged, "文件不完整（缺少 %s）：请让对方重新导出后再导入", name)
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, refuse(ErrDamaged, "文件已损坏（%s 无法读取）：请让对方重新导出后再导入", name)
	}
	defer rc.Close()
	// Room for the size the header gives, as far as the compressed size
	// can hold it (deflate packs at most 1032:1), so that a large part is
	// not copied over and over as it grows.
	room := min(zf.UncompressedSize64, 1032*zf.CompressedSize64+64, uint64(max)) + 1
	b, err := readAllSized(io.LimitReader(rc, max+1), int(room))
	if err != nil {
		return nil, refuse(ErrDamaged, "文件已损坏（%s 无法读取）：请让对方重新导出后再导入", name)
	}
	if int64(len(b)) > max {
		return nil, refuse(ErrTooBig, "文件中的 %s 超过 %s：这不是正常的同步文件，未导入", name, size(max))
	}
	return b, nil
}

// readRecords checks every part against the signed manifest and reads the
// records, refusing any that the sender does not own. Every part listed
// must be in the zip and every part in the zip listed, each with its hash
// and size; attachments are checked and kept, by hash. All parts together
// may not exceed lim.File uncompressed.
func readRecords(parts map[string]*zip.File, m Manifest, lim Limits) ([]app.Change, map[string][]byte, error) {
	listed, err := checkParts(parts, m)
	if err != nil {
		return nil, nil, err
	}
	budget := lim.File // uncompressed bytes all parts may still take
	content, err := readAttachments(parts, m, lim, &budget)
	if err != nil {
		return nil, nil, err
	}
	jobs, err := tableJobs(listed, m, lim, budget)
	if err != nil {
		return nil, nil, err
	}
	runJobs(parts, m, jobs)
	var out []app.Change
	for _, j := range jobs { // the first refusal in table order
		if j.err != nil {
			return nil, nil, j.err
		}
		out = append(out, j.cs...)
	}
	return out, content, nil
}

// checkParts checks the parts the manifest m lists against the parts in
// the zip, and returns them by name: each listed once with a proper name
// and, for records, a table this build knows; each in the zip; none in the
// zip but the manifest and its signature unlisted.
func checkParts(parts map[string]*zip.File, m Manifest) (map[string]Part, error) {
	synced := map[app.Table]bool{}
	for _, t := range app.SyncedTables {
		synced[t] = true
	}
	listed := map[string]Part{}
	for _, p := range m.Parts {
		if err := checkName(p.Name); err != nil || p.Name == manifestName || p.Name == signatureName {
			return nil, refuse(ErrDamaged, "文件的清单中有不正常的部分“%s”：这不是正常的同步文件，未导入", p.Name)
		}
		if _, dup := listed[p.Name]; dup {
			return nil, refuse(ErrDamaged, "文件的清单中“%s”出现了两次：这不是正常的同步文件，未导入", p.Name)
		}
		if sub := recordsPart.FindStringSubmatch(p.Name); sub != nil && !synced[app.Table(sub[1])] {
			return nil, refuse(ErrNewerFormat, "文件中有本版本不认识的记录类型“%s”：请先安装新版本再导入", sub[1])
		}
		if parts[p.Name] == nil {
			return nil, refuse(ErrDamaged, "文件不完整（缺少“%s”）：请让对方重新导出后再导入", p.Name)
		}
		listed[p.Name] = p
	}
	for name := range parts {
		if _, ok := listed[name]; !ok && name != manifestName && name != signatureName {
			return nil, refuse(ErrDamaged, "文件中的“%s”不在签名的清单里：文件被改动过，未导入", name)
		}
	}
	for t := range m.Counts {
		if !synced[t] {
			return nil, refuse(ErrNewerFormat, "文件中有本版本不认识的记录类型“%s”：请先安装新版本再导入", t)
		}
	}
	return listed, nil
}

// readAttachments reads the attachments the manifest m lists, each
// checked against its hash and size, within lim.Part and what is left of
// *budget, which it lowers. It returns them by hash.
func readAttachments(parts map[string]*zip.File, m Manifest, lim Limits, budget *int64) (map[string][]byte, error) {
	content := map[string][]byte{}
	for _, p := range m.Parts {
		if !attachPart.MatchString(p.Name) {
			continue
		}
		if p.Size < 0 || p.Size > min(lim.Part, *budget) {
			return nil, refuse(ErrTooBig, "文件中的 %s 超过 %s：这不是正常的同步文件，未导入", p.Name, size(min(lim.Part, *budget)))
		}
		b, err := readPart(parts[p.Name], p.Name, p.Size)
		if err != nil {
			return nil, err
		}
		*budget -= int64(len(b))
		// The part is named by its SHA-256, the content's address in every
		// format; format 2 lists its SM3 as well.
		sum := app.ContentHash(b)
		listed := sum
		if m.Format >= FormatSM {
			listed = sm3Hex(b)
		}
		if int64(len(b)) != p.Size || listed != p.hash(m.Format) || attachDir+sum != p.Name {
			return nil, refuse(ErrDamaged, "文件已损坏（附件“%s”校验不符）：请让对方重新导出后再导入", strings.TrimPrefix(p.Name, attachDir))
		}
		content[sum] = b
	}
	return content, nil
}

// tableJob is the reading of one table's records part.
type tableJob struct {
	t   app.Table
	p   Part
	cs  []app.Change
	err error
}

// tableJobs lists the record parts to read in table order, refusing a
// table the manifest m counts records of but lists no part for, and a part
// larger than lim.Part or than what is left of budget.
func tableJobs(listed map[string]Part, m Manifest, lim Limits, budget int64) ([]*tableJob, error) {
	var jobs []*tableJob
	for _, t := range app.SyncedTables {
		p, ok := listed[recordsDir+string(t)+".jsonl"]
		if !ok {
			if m.Counts[t] != 0 {
				return nil, refuse(ErrDamaged, "文件不完整（缺少%s）：请让对方重新导出后再导入", t.Label())
			}
			continue
		}
		if p.Size < 0 || p.Size > min(lim.Part, budget) {
			return nil, refuse(ErrTooBig, "文件中的 %s 超过 %s：这不是正常的同步文件，未导入", p.Name, size(min(lim.Part, budget)))
		}
		budget -= p.Size
		jobs = append(jobs, &tableJob{t: t, p: p})
	}
	return jobs, nil
}

// runJobs reads and decodes the record parts side by side, each within
// the size the signed manifest gives it.
func runJobs(parts map[string]*zip.File, m Manifest, jobs []*tableJob) {
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			defer func() {
				if r := recover(); r != nil { // as in ReadWithLimits: a bug must not end the program
					recovered.Add(1)
					j.err = refuse(ErrDamaged, "文件无法读取（%v）：请让对方重新导出后再导入", r)
				}
			}()
			j.cs, j.err = readTable(parts[j.p.Name], j.p, j.t, m)
		}()
	}
	wg.Wait()
}

// readTable reads the records part p of table t, checks it against the
// manifest m and decodes its changes.
func readTable(zf *zip.File, p Part, t app.Table, m Manifest) ([]app.Change, error) {
	b, err := readPart(zf, p.Name, p.Size)
	if err != nil {
		return nil, err
	}
	if int64(len(b)) != p.Size || partOf(m.Format, p.Name, b) != p {
		return nil, refuse(ErrDamaged, "文件已损坏（%s部分校验不符）：请让对方重新导出后再导入", t.Label())
	}
	cs, err := parseLines(b, t, m.Sender, min(runtime.GOMAXPROCS(0), len(b)>>20)) // chunks of 1 MB or more
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(cs))
	for i, c := range cs {
		if seen[c.ID] {
			return nil, refuse(ErrDamaged, "文件中%s第 %d 条记录重复出现：请让对方重新导出后再导入", t.Label(), i+1)
		}
		seen[c.ID] = true
	}
	if len(cs) != m.Counts[t] {
		return nil, refuse(ErrDamaged, "文件中%s有 %d 条，清单上写的是 %d 条：请让对方重新导出后再导入", t.Label(), len(cs), m.Counts[t])
	}
	return cs, nil
}

// parseLines decodes the lines of the records part b of table t, each a
// change of a record of sender. The part is cut at line ends into about
// workers chunks, each decoded by its own goroutine; a refusal names the
// first bad line.
func parseLines(b []byte, t app.Table, sender string, workers int) ([]app.Change, error) {
	workers = max(1, workers)
	chunks := make([][]byte, 0, workers)
	for rest := b; len(rest) > 0; {
		cut := len(rest)
		if len(chunks) < workers-1 && len(b)/workers < len(rest) {
			cut = len(b) / workers
			if nl := bytes.IndexByte(rest[cut:], '\n'); nl >= 0 {
				cut += nl + 1
			} else {
				cut = len(rest)
			}
		}
		chunks = append(chunks, rest[:cut])
		rest = rest[cut:]
	}
	outs := make([][]app.Change, len(chunks))
	errs := make([]error, len(chunks))
	var wg sync.WaitGroup
	first := 1 // the number of the chunk's first line
	for w, chunk := range chunks {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil { // as in ReadWithLimits: a bug must not end the program
					recovered.Add(1)
					errs[w] = refuse(ErrDamaged, "文件无法读取（%v）：请让对方重新导出后再导入", r)
				}
			}()
			for line := range bytes.Lines(chunk) {
				var c app.Change
				if errs[w] = parseLine(line, t, sender, n, &c); errs[w] != nil {
					return
				}
				outs[w] = append(outs[w], c)
				n++
			}
		}(first)
		first += bytes.Count(chunk, []byte{'\n'})
	}
	wg.Wait()
	for _, err := range errs { // chunks are in line order
		if err != nil {
			return nil, err
		}
	}
	return slices.Concat(outs...), nil
}

// parseLine decodes line n (from 1) of the records of table t into c: a
// change of a record of sender whose data agrees with it on identity,
// owner, version and deletion.
func parseLine(line []byte, t app.Table, sender string, n int, c *app.Change) error {
	var meta app.Meta
	// Unmarshal checks the whole line, c.Data included, is valid JSON.
	if err := json.Unmarshal(line, c); err != nil || c.ID == "" || c.Table != t || c.Version < 1 || json.Unmarshal(c.Data, &meta) != nil {
		return refuse(ErrDamaged, "文件中%s第 %d 条记录无法识别：请让对方重新导出后再导入", t.Label(), n)
	}
	if c.Office != sender || meta.Office != sender {
		owner := c.Office
		if owner == sender {
			owner = meta.Office
		}
		return refuse(ErrForeignOwner, "文件中%s第 %d 条记录属于%s，不属于发送单位%s：每个单位只能发送自己的记录，文件未导入",
			t.Label(), n, ownerName(owner), app.OfficeName(sender))
	}
	if meta.ID != c.ID || meta.Version != c.Version || meta.Deleted != c.Deleted {
		return refuse(ErrDamaged, "文件中%s第 %d 条记录前后不一致：请让对方重新导出后再导入", t.Label(), n)
	}
	return nil
}

// ownerName names the office a record claims, or says it names none.
func ownerName(code string) string {
	if _, ok := app.LookupOffice(code); !ok {
		return fmt.Sprintf("未知单位“%s”", code)
	}
	return app.OfficeName(code)
}

// readAllSized is io.ReadAll starting with room for size bytes.
func readAllSized(r io.Reader, size int) ([]byte, error) {
	b := make([]byte, 0, max(size, 512))
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}

// size says n bytes as staff read it.
func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", max(n>>10, 1))
}

// zipEntries counts the headers of the zip z's central directory the way
// archive/zip reads them (from the end record, header after header until
// one is not a header, whatever count the end record says), stopping past
// limit, so that a zip with millions of headers is refused before
// archive/zip allocates one File for each. zip64 is reported as ok false
// with n 0 as is a zip without an end record: the writer never makes
// zip64 files, and archive/zip refuses what has no end record.
func zipEntries(z []byte, limit int) (n int, zip64, ok bool) {
	const endLen, headerLen = 22, 46
	end := -1
	for i := len(z) - endLen; i >= 0 && i >= len(z)-65*1024; i-- {
		if string(z[i:i+4]) == "PK\x05\x06" {
			if i+endLen+int(binary.LittleEndian.Uint16(z[i+20:])) <= len(z) {
				end = i
			}
			break
		}
	}
	if end < 0 {
		return 0, false, false
	}
	records, size, offset := binary.LittleEndian.Uint16(z[end+10:]), binary.LittleEndian.Uint32(z[end+12:]), binary.LittleEndian.Uint32(z[end+16:])
	if records == 0xffff || size == 0xffff || offset == 0xffffffff {
		return 0, true, false
	}
	for pos := end - int(size); pos >= 0 && pos+headerLen <= len(z) && string(z[pos:pos+4]) == "PK\x01\x02"; {
		n++
		if n > limit {
			break
		}
		pos += headerLen + int(binary.LittleEndian.Uint16(z[pos+28:])) + int(binary.LittleEndian.Uint16(z[pos+30:])) +
			int(binary.LittleEndian.Uint16(z[pos+32:]))
	}
	return n, false, true
}
