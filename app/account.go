package app

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Access is what an operator's account may do in its database.
type Access string

// The three kinds of account, from the most to the least trusted.
const (
	// AccessAdmin may do everything: the records, and the settings,
	// calendar of holidays, trusted cards, restores and accounts.
	AccessAdmin Access = "管理员"
	// AccessClerk keeps the records: every record, import, sync file,
	// delete and restore of a deleted record; not the settings or the
	// accounts.
	AccessClerk Access = "录入员"
	// AccessReader sees everything and changes nothing.
	AccessReader Access = "只读"
)

// Accesses are the kinds of account, most trusted first, as a pick list
// shows them.
func Accesses() []Access { return []Access{AccessAdmin, AccessClerk, AccessReader} }

// rank orders the kinds: more may more.
func (a Access) rank() int {
	switch a {
	case AccessAdmin:
		return 3
	case AccessClerk:
		return 2
	case AccessReader:
		return 1
	}
	return 0
}

// Valid reports whether a is one of the three kinds.
func (a Access) Valid() bool { return a.rank() > 0 }

// ParseAccess reads a kind of account as a clerk or a script writes it:
// its Chinese name, or admin, clerk, reader.
func ParseAccess(s string) (Access, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "管理员", "admin":
		return AccessAdmin, nil
	case "录入员", "clerk":
		return AccessClerk, nil
	case "只读", "reader", "readonly":
		return AccessReader, nil
	}
	return "", Refusal("账号类型应为 管理员、录入员 或 只读（admin、clerk、reader），不认识“" + s + "”")
}

// Account is an operator who signs in to this database. Accounts belong
// to the database file (a copy of it keeps them) and are not synced: each
// office keeps its own. The name is recorded on every change the operator
// makes.
type Account struct {
	Name      string
	Access    Access
	Hash      string    // the password's hash (HashPassword), never the password
	Failures  int       // wrong passwords in a row since the last sign-in
	LockedTo  time.Time // no sign-in before this time (after MaxFailures wrong passwords)
	Created   time.Time
	CreatedBy string
	Changed   time.Time // when the password or kind last changed
	ChangedBy string
}

// Rules of signing in.
const (
	// MaxFailures wrong passwords in a row make the account wait
	// LockFor before the next try.
	MaxFailures = 5
	LockFor     = time.Minute
	// MinPassword is the shortest password, in characters.
	MinPassword = 6
	// MaxAccountName is the longest name, in characters.
	MaxAccountName = 20
)

// Refusals of signing in and of an account's rights.
var (
	ErrWrongPassword = Refusal("账号或密码不对：请重新输入（连续输错5次，账号要等1分钟才能再登录）")
	ErrSignInNeeded  = Refusal("这个数据库设有操作员账号，请先登录后再修改（命令行：请在环境变量 WUGEYI_OPERATOR 和 WUGEYI_PASSWORD 中给出账号和密码）")
	ErrReadOnlyUser  = Refusal("只读账号只能查看，不能修改：本次操作没有做，数据库没有改动。需要录入请找管理员")
	ErrAdminOnly     = Refusal("只有管理员账号可以做这件事（设置、节假日日历、公钥卡、恢复备份和账号）：本次操作没有做，请找管理员")
	ErrLastAdmin     = Refusal("这是最后一个管理员账号，不能删除或改为其他类型：请先给另一位同事建一个管理员账号")
)

// Argon2id parameters of new hashes: 64 MiB and one pass, the choice of
// RFC 9106 for memory-constrained machines, about a tenth of a second on
// an office PC. A stored hash names its own, so these can grow later.
const (
	hashMemory  = 64 * 1024
	hashTime    = 1
	hashThreads = 2
	hashLen     = 32
	saltLen     = 16
)

// HashPassword is the stored form of password: argon2id with a random
// salt, in the usual $argon2id$v=19$m=…,t=…,p=…$salt$hash text.
func HashPassword(password string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, hashTime, hashMemory, hashThreads, hashLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, hashMemory, hashTime, hashThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether password is the one hash was made from.
// A hash it cannot read (a damaged database) matches nothing.
func CheckPassword(hash, password string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	// A hash is this program's own: refuse parameters that would take
	// the machine's memory or hours (a hostile file can't make one, but
	// a damaged one could).
	if m < 8*uint32(p) || m > 1<<21 || t < 1 || t > 16 || p < 1 {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) < 16 || len(want) > 64 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// ValidateAccount refuses, as AddAccount does, a name, kind or password
// an account cannot have, so that a form can say so before it saves.
func ValidateAccount(name string, access Access, password string) error {
	name = strings.TrimSpace(name)
	var v Invalid
	switch {
	case name == "":
		v.Add("Name", "请填写账号（操作员姓名）")
	case utf8.RuneCountInString(name) > MaxAccountName:
		v.Add("Name", fmt.Sprintf("账号最多%d个字", MaxAccountName))
	case strings.ContainsAny(name, "\r\n\t"):
		v.Add("Name", "账号不能含换行或制表符")
	}
	if !access.Valid() {
		v.Add("Access", "请选择账号类型：管理员、录入员或只读")
	}
	if err := checkPassword(password); err != nil {
		v = append(v, err.(FieldError))
	}
	return v.Err()
}

// checkPassword refuses, with a FieldError, a password too short to keep
// anyone out.
func checkPassword(password string) error {
	if utf8.RuneCountInString(password) < MinPassword {
		return FieldError{"Password", fmt.Sprintf("密码至少%d位", MinPassword)}
	}
	return nil
}

// SignedIn is the account the service acts for, or nil before anyone
// signed in (or in a database without accounts).
func (s *Service) SignedIn() *Account { return s.account }

// HasAccounts reports whether this database has operator accounts, so
// that the window asks for one before anything else.
func (s *Service) HasAccounts(ctx context.Context) (bool, error) {
	list, err := s.Store.Accounts(ctx)
	return len(list) > 0, err
}

// SignIn checks name and password against this database's accounts and,
// when they match, acts for that account from now on: its name is the
// operator recorded on every change, its kind says what it may do. A wrong
// password counts against the account: after MaxFailures in a row it waits
// LockFor. The count is saved, so closing the window does not reset it.
func (s *Service) SignIn(ctx context.Context, name, password string) error {
	name = strings.TrimSpace(name)
	// Read, check, and write only when the count of wrong passwords
	// changes: a database on a read-only medium still opens, and the
	// slow hash holds no write lock.
	a, err := s.Store.Account(ctx, name)
	if errors.Is(err, ErrNotFound) {
		return ErrWrongPassword
	}
	if err != nil {
		return fmt.Errorf("sign in: %w", err)
	}
	now := s.Now()
	if now.Before(a.LockedTo) {
		wait := int(a.LockedTo.Sub(now).Seconds()) + 1
		return Refusal(fmt.Sprintf("密码连续输错%d次，账号“%s”暂时锁定：请%d秒后再试", MaxFailures, a.Name, wait))
	}
	right := CheckPassword(a.Hash, password)
	if right && a.Failures == 0 && a.LockedTo.IsZero() {
		s.account, s.Operator = &a, a.Name
		return nil
	}
	var refusal error
	err = s.Store.Update(ctx, s.Op(), func(tx Tx) error {
		a, err = tx.Account(ctx, name) // as stored now
		if err != nil {
			return err
		}
		if right {
			a.Failures, a.LockedTo = 0, time.Time{}
			return tx.SaveAccount(a)
		}
		a.Failures++
		refusal = ErrWrongPassword
		if a.Failures >= MaxFailures {
			a.Failures, a.LockedTo = 0, now.Add(LockFor)
			refusal = Refusal(fmt.Sprintf("密码连续输错%d次，账号“%s”锁定1分钟：请1分钟后再试", MaxFailures, a.Name))
		}
		return tx.SaveAccount(a)
	})
	if err != nil {
		return fmt.Errorf("sign in: %w", err)
	}
	if refusal != nil {
		return refusal
	}
	s.account, s.Operator = &a, a.Name
	return nil
}

// SignOut forgets the account: nothing can be changed until one signs in
// again (in a database with accounts).
func (s *Service) SignOut() { s.account = nil }

// AddFirstAdmin makes the first account of a database that has none, a
// 管理员, and signs in as it. It is refused once the database has an
// account: then only a 管理员 adds accounts (AddAccount).
func (s *Service) AddFirstAdmin(ctx context.Context, name, password string) error {
	name = strings.TrimSpace(name)
	if err := ValidateAccount(name, AccessAdmin, password); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	now := s.Now()
	a := Account{Name: name, Access: AccessAdmin, Hash: hash, Created: now, CreatedBy: name, Changed: now, ChangedBy: name}
	err = s.Store.Update(ctx, Op{Operator: name, At: now}, func(tx Tx) error {
		list, err := tx.Accounts(ctx)
		if err != nil {
			return err
		}
		if len(list) > 0 {
			return Refusal("这个数据库已有操作员账号：请用已有账号登录，新账号由管理员添加")
		}
		return tx.SaveAccount(a)
	})
	if err != nil {
		return fmt.Errorf("add first account: %w", err)
	}
	s.account = &a
	s.Operator = a.Name
	return nil
}

// AddAccount adds an account with its first password; only a 管理员 may.
func (s *Service) AddAccount(ctx context.Context, name string, access Access, password string) error {
	name = strings.TrimSpace(name)
	if err := ValidateAccount(name, access, password); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return s.write(ctx, AccessAdmin, s.Op(), func(tx Tx) error {
		if _, err := tx.Account(ctx, name); err == nil {
			return FieldError{"Name", "已有账号“" + name + "”：换一个名字，或为这个账号重设密码"}
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		now := s.Now()
		return tx.SaveAccount(Account{Name: name, Access: access, Hash: hash,
			Created: now, CreatedBy: s.Operator, Changed: now, ChangedBy: s.Operator})
	})
}

// SetAccess changes the kind of an account; only a 管理员 may, and the
// last 管理员 stays one.
func (s *Service) SetAccess(ctx context.Context, name string, access Access) error {
	if !access.Valid() {
		return FieldError{"Access", "请选择账号类型：管理员、录入员或只读"}
	}
	return s.write(ctx, AccessAdmin, s.Op(), func(tx Tx) error {
		a, err := tx.Account(ctx, name)
		if err != nil {
			return err
		}
		if a.Access == AccessAdmin && access != AccessAdmin {
			if err := notLastAdmin(ctx, tx); err != nil {
				return err
			}
		}
		a.Access, a.Changed, a.ChangedBy = access, s.Now(), s.Operator
		return tx.SaveAccount(a)
	})
}

// ResetPassword gives an account a new password (one who forgot theirs),
// and lifts a lock; only a 管理员 may.
func (s *Service) ResetPassword(ctx context.Context, name, password string) error {
	if err := checkPassword(password); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return s.write(ctx, AccessAdmin, s.Op(), func(tx Tx) error {
		a, err := tx.Account(ctx, name)
		if err != nil {
			return err
		}
		a.Hash, a.Failures, a.LockedTo = hash, 0, time.Time{}
		a.Changed, a.ChangedBy = s.Now(), s.Operator
		return tx.SaveAccount(a)
	})
}

// ChangePassword changes the signed-in operator's own password, which any
// account may, given the old one.
func (s *Service) ChangePassword(ctx context.Context, old, password string) error {
	if s.account == nil {
		return ErrSignInNeeded
	}
	if err := checkPassword(password); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	name := s.account.Name
	return s.Store.Update(ctx, s.Op(), func(tx Tx) error {
		a, err := tx.Account(ctx, name)
		if err != nil {
			return err
		}
		if !CheckPassword(a.Hash, old) {
			return FieldError{"Old", "原密码不对：本次没有修改密码"}
		}
		a.Hash, a.Changed, a.ChangedBy = hash, s.Now(), name
		return tx.SaveAccount(a)
	})
}

// RemoveAccount removes an account; only a 管理员 may, and not the last
// 管理员.
func (s *Service) RemoveAccount(ctx context.Context, name string) error {
	return s.write(ctx, AccessAdmin, s.Op(), func(tx Tx) error {
		a, err := tx.Account(ctx, name)
		if err != nil {
			return err
		}
		if a.Access == AccessAdmin {
			if err := notLastAdmin(ctx, tx); err != nil {
				return err
			}
		}
		return tx.DeleteAccount(name)
	})
}

// notLastAdmin refuses to take away one 管理员 when there is no other.
func notLastAdmin(ctx context.Context, tx Tx) error {
	list, err := tx.Accounts(ctx)
	if err != nil {
		return err
	}
	n := 0
	for _, a := range list {
		if a.Access == AccessAdmin {
			n++
		}
	}
	if n <= 1 {
		return ErrLastAdmin
	}
	return nil
}

// write runs fn in one write transaction stamped with op once the
// operator may do what needs: in a database without accounts anyone may
// (as before accounts existed, and so a new database can be set up);
// otherwise the signed-in account, read again in the transaction (it may
// have been removed or changed since), must be at least need.
func (s *Service) write(ctx context.Context, need Access, op Op, fn func(Tx) error) error {
	return s.Store.Update(ctx, op, func(tx Tx) error {
		if err := s.allowed(ctx, tx, need); err != nil {
			return err
		}
		return fn(tx)
	})
}

// allowed is the check of write and Allowed, on what r reads.
func (s *Service) allowed(ctx context.Context, r Reader, need Access) error {
	list, err := r.Accounts(ctx)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return nil
	}
	if s.account == nil {
		return ErrSignInNeeded
	}
	for _, a := range list {
		if a.Name != s.account.Name {
			continue
		}
		switch {
		case a.Access.rank() >= need.rank():
			return nil
		case need == AccessAdmin:
			return ErrAdminOnly
		default:
			return ErrReadOnlyUser
		}
	}
	return Refusal("账号“" + s.account.Name + "”已被管理员删除：请用其他账号登录")
}

// Allowed says why the signed-in operator may not do what needs, or nil
// when they may, so that a screen can leave out the buttons of what they
// may not and a command stop before it starts. Every write checks again.
func (s *Service) Allowed(ctx context.Context, need Access) error {
	return s.allowed(ctx, s.Store, need)
}
