package app

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/emmansun/gmsm/sm3"
)

// TableComments holds the city's comments (督办意见) on the offices'
// problems. A comment is the city's record that points at a county's
// problem, so the problem itself stays the county's alone.
const TableComments Table = "comments"

// TableNotices holds the progress notices (通报) the city bureau published;
// every county receives them.
const TableNotices Table = "notices"

// TableCalendar holds the years of holidays offices entered (CalendarYear);
// the city's go to every county.
const TableCalendar Table = "calendar_years"

// SyncedTables lists every table that travels in sync files, in the order a
// file carries them and an import applies them (referenced before
// referencing).
var SyncedTables = []Table{TableEnterprises, TableLeaders, TableDepartments, TableAssignments, TableVisits, TableProblems,
	TableEvents, TableMeetings, TableFinancing, TableLoans, TableComments, TableLoanDecisions, TableNotices, TableAssessments, TableAttachments, TableCalendar}

// OfficeKeys are this office's secret keys: an Ed25519 key that signs the
// sync files it sends, and an age X25519 identity that opens the files sent
// to it; since sync file format 2 also an SM2 key that signs and an SM2
// key that opens (国密, GB/T 32918). They stay in the office's database and
// never leave it.
type OfficeKeys struct {
	SignPrivate []byte    // ed25519.PrivateKey, 64 bytes
	AgeIdentity string    // "AGE-SECRET-KEY-1…"
	SM2Sign     []byte    // SM2 private key that signs, 32 bytes; nil for keys made before format 2
	SM2Decrypt  []byte    // SM2 private key that opens files sent to this office, 32 bytes; nil as SM2Sign
	Created     time.Time // when init made them
}

// Card is an office's public card (单位公钥卡): what another office
// registers to check the files it signs and to encrypt the files it is sent.
type Card struct {
	Office       string `json:"office"`        // office code, e.g. 130302
	Name         string `json:"name"`          // office name
	Role         Role   `json:"role"`          // county or city
	SignKey      []byte `json:"sign_key"`      // Ed25519 public key, 32 bytes
	AgeRecipient string `json:"age_recipient"` // "age1…"
	// The SM2 public keys (uncompressed points, 65 bytes) of an office
	// whose build writes sync file format 2; absent from older cards.
	SM2SignKey    []byte    `json:"sm2_sign_key,omitempty"`
	SM2EncryptKey []byte    `json:"sm2_encrypt_key,omitempty"`
	Created       time.Time `json:"created"`
}

// SM2 says whether the card carries SM2 keys: the office reads sync file
// format 2 (国密), and is sent it.
func (c Card) SM2() bool { return len(c.SM2SignKey) > 0 }

// Fingerprint is what two people read to each other by phone to be sure a
// card is the office's own: a digest of all its public keys, its first 16
// bytes as eight groups of four hex digits. The digest is SM3 for a card
// with SM2 keys, SHA-256 for an older card (whose fingerprint so stays
// what it was).
func (c Card) Fingerprint() string {
	h := sha256.New()
	if c.SM2() {
		h = sm3.New()
	}
	h.Write(c.SignKey)
	h.Write([]byte(c.AgeRecipient))
	h.Write(c.SM2SignKey)
	h.Write(c.SM2EncryptKey)
	sum := fmt.Sprintf("%X", h.Sum(nil)[:16])
	groups := make([]string, 0, 8)
	for i := 0; i < len(sum); i += 4 {
		groups = append(groups, sum[i:i+4])
	}
	return strings.Join(groups, " ")
}

// OldFingerprint is the fingerprint a build before sync file format 2
// shows for the card: SHA-256 of its Ed25519 and age keys alone, grouped
// as Fingerprint. An office still on such a build reads it for a card
// with SM2 keys (whose keys it does not know).
func (c Card) OldFingerprint() string {
	c.SM2SignKey, c.SM2EncryptKey = nil, nil
	return c.Fingerprint()
}

// Validate checks that the card could be an office's: a known office code, an
// Ed25519 key of the right size and an age recipient.
func (c Card) Validate() error {
	if _, ok := LookupOffice(c.Office); !ok {
		return fmt.Errorf("公钥卡的单位代码 %q 不是秦皇岛市的单位：请确认文件是对方导出的公钥卡", c.Office)
	}
	if len(c.SignKey) != 32 {
		return fmt.Errorf("公钥卡的签名公钥不完整：请让对方重新导出公钥卡")
	}
	if !strings.HasPrefix(c.AgeRecipient, "age1") {
		return fmt.Errorf("公钥卡的加密公钥不完整：请让对方重新导出公钥卡")
	}
	if (c.SM2SignKey != nil || c.SM2EncryptKey != nil) && (!sm2Point(c.SM2SignKey) || !sm2Point(c.SM2EncryptKey)) {
		return fmt.Errorf("公钥卡的国密（SM2）公钥不完整：请让对方重新导出公钥卡")
	}
	return nil
}

// sm2Point says whether b has the shape of an uncompressed SM2 point
// (syncfile checks that it is on the curve).
func sm2Point(b []byte) bool { return len(b) == 65 && b[0] == 4 }

// Change is one record as it travels in a sync file: its latest state as the
// owner's change log has it.
type Change struct {
	Seq     int64           `json:"seq"` // the owner's change-log sequence of this state
	Table   Table           `json:"table"`
	ID      string          `json:"id"`
	Office  string          `json:"office"` // owner
	Version int64           `json:"version"`
	Deleted bool            `json:"deleted,omitempty"`
	Data    json.RawMessage `json:"data"` // the record as its app type marshals it
}

// SyncDirection says whether a sync-log line is a file sent or received.
type SyncDirection string

// The directions of the sync log.
const (
	SyncExport SyncDirection = "导出"
	SyncImport SyncDirection = "导入"
)

// The outcomes of an import or export in the sync log.
const (
	SyncOK        = "成功"
	SyncRefused   = "拒绝"
	SyncDuplicate = "重复文件"
)

// TableCounts is what an import does to one table: records new to this
// database, newer versions of stored ones, ones already as stored (or
// older), tombstones applied, and records refused.
type TableCounts struct {
	New       int `json:"new"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Deleted   int `json:"deleted"`
	Refused   int `json:"refused"`
}

// SyncEntry is a line of the sync log: one file exported or imported (or
// refused), kept for good.
type SyncEntry struct {
	ID        int64
	Direction SyncDirection
	File      string // the file's name, without its folder
	Hash      string // SHA-256 of the whole file, hex
	Peer      string // the other office's code
	At        time.Time
	Operator  string
	SeqFrom   int64 // the sender's change-log range the file carries
	SeqTo     int64
	All       bool                  // the file carried every record of the sender (exported with -all)
	Counts    map[Table]TableCounts // per table; for an export, New counts the records sent
	Outcome   string                // SyncOK, SyncRefused or SyncDuplicate
	Message   string                // why it was refused, or what to look at, in Chinese
	// Sent lists the hashes of the attachment contents an export carried,
	// so that the next file to the same office leaves them out.
	Sent []string
}

// Label is the table's name as staff call its records.
func (t Table) Label() string {
	switch t {
	case TableEnterprises:
		return "重点企业"
	case TableLeaders:
		return "联系领导"
	case TableDepartments:
		return "责任单位"
	case TableAssignments:
		return "分包关系"
	case TableVisits:
		return "走访记录"
	case TableProblems:
		return "问题"
	case TableEvents:
		return "办理记录"
	case TableMeetings:
		return "会议"
	case TableFinancing:
		return "融资需求"
	case TableLoans:
		return "应急转贷"
	case TableComments:
		return "督办意见"
	case TableLoanDecisions:
		return "转贷基金决定"
	case TableNotices:
		return "进展通报"
	case TableCalendar:
		return "放假安排"
	case TableAssessments:
		return "考核结果"
	case TableAttachments:
		return "附件"
	}
	return string(t)
}

// Trust registers another office's card, after the rule of who exchanges
// files with whom: each county with the city bureau, the city with each
// county. A card whose keys differ from the card registered for that office
// replaces it only when replace is set (the office made new keys), so a
// forged card cannot quietly take an office's place.
func (s *Service) Trust(ctx context.Context, c Card, replace bool) error {
	if err := c.Validate(); err != nil {
		return err
	}
	me, err := s.Store.Office(ctx)
	if err != nil {
		return err
	}
	switch {
	case c.Office == me.Code:
		return errors.New("这是本单位自己的公钥卡，不需要登记：请登记对方单位的公钥卡")
	case me.Role == RoleCounty && c.Role != RoleCity:
		return fmt.Errorf("县区只与市工信局交换数据：%s（%s）的公钥卡不能登记", c.Name, c.Office)
	case me.Role == RoleCity && c.Role == RoleCity:
		return errors.New("市工信局只登记各县区的公钥卡")
	}
	old, err := s.Store.Card(ctx, c.Office)
	switch {
	case err == nil && old.Fingerprint() != c.Fingerprint() && !replace && !old.SM2() && c.SM2() && old.OldFingerprint() == c.OldFingerprint():
		return fmt.Errorf("%s升级到了国密格式，新的公钥卡增加了国密公钥，指纹变为 %s：与对方电话核对这个新指纹后，选择“替换”再登记",
			c.Name, c.Fingerprint())
	case err == nil && old.Fingerprint() != c.Fingerprint() && !replace:
		return fmt.Errorf("已登记过%s的公钥卡（指纹 %s），这张卡的指纹 %s 不同：与对方核实换了密钥后，选择“替换”再登记",
			c.Name, old.Fingerprint(), c.Fingerprint())
	case err != nil && !errors.Is(err, ErrNotFound):
		return err
	}
	return s.admin(ctx, func(tx Tx) error { return tx.Trust(c) })
}
