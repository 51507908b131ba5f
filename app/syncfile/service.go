package syncfile

// The exchange as the window and the commands run it, over an
// app.Service: each step here once, so that a screen keeps only its
// dialogs and a command only its flags and printing.

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"wugeyi/app"
)

// OwnCard is the public card of the office of svc, its keys made first
// when the database has none yet.
func OwnCard(ctx context.Context, svc *app.Service) (app.Card, error) {
	if err := ensureKeys(ctx, svc); err != nil {
		return app.Card{}, err
	}
	o, err := svc.Office(ctx)
	if err != nil {
		return app.Card{}, err
	}
	k, err := svc.Keys(ctx)
	if err != nil {
		return app.Card{}, err
	}
	return CardOf(o, k)
}

// ensureKeys makes the keys of the office of svc when its database has
// none (app.Service.EnsureKeys), and adds the SM2 keys of format 2 to keys
// made before it, so that an office's card carries them from the first
// time it is shown or a file is sent or received after the upgrade.
func ensureKeys(ctx context.Context, svc *app.Service) error {
	if err := svc.EnsureKeys(ctx); err != nil || svc.MakeKeys == nil {
		return err
	}
	k, err := svc.Keys(ctx)
	if err != nil || k.SM2Sign != nil {
		return err
	}
	gm, err := NewSM2Keys()
	if err != nil {
		return err
	}
	return svc.Store.Update(ctx, svc.Op(), func(tx app.Tx) error {
		if k, err := tx.Keys(ctx); err != nil || k.SM2Sign != nil {
			return err // nil: made meanwhile
		}
		return tx.AddSM2Keys(gm)
	})
}

// ReadCard reads the card file at path, refusing anything that is not a
// valid card; the office registers it with svc.Trust once the user has
// compared its fingerprint.
func ReadCard(path string) (app.Card, error) {
	b, err := ReadFile(path, MaxCardFile)
	if err != nil {
		return app.Card{}, err
	}
	return ParseCard(b)
}

// Send writes the sync file of the office of svc for office to into
// folder dir and logs it (see Export), its keys made first when missing.
func Send(ctx context.Context, svc *app.Service, to string, all bool, dir string, progress func(done, total int)) (string, Manifest, error) {
	// Sending is logged (what was sent): a 只读 account cannot.
	if err := svc.Allowed(ctx, app.AccessClerk); err != nil {
		return "", Manifest{}, err
	}
	if err := ensureKeys(ctx, svc); err != nil {
		return "", Manifest{}, err
	}
	return Export(ctx, svc.Checked(), svc.Op(), to, all, dir, progress)
}

// Records is how many records the file carries.
func (m Manifest) Records() int {
	n := 0
	for _, k := range m.Counts {
		n += k
	}
	return n
}

// Receive reads the sync file at path, checks it and works out what
// importing it would do, writing nothing but a line in the sync log for a
// refused file. The plan it returns (its File named after path) is shown
// to the user, who then imports it with Accept. It returns:
//
//   - for an operator who may not import (a 只读 account), that refusal;
//   - for a file already imported, an *Error of code ErrDuplicate (see
//     IsDuplicate), not logged: bringing a file twice is no fault;
//   - for a file that fails the checks (or cannot be checked), or that
//     has a record the plan refuses (Plan.Err: the plan lists them all),
//     the refusal, logged as a refused file (joined with the logging
//     error if that fails);
//   - for a file that cannot be read, or a plan that cannot be worked out,
//     the error, not logged.
func Receive(ctx context.Context, svc *app.Service, path string) (Plan, error) {
	if err := svc.Allowed(ctx, app.AccessClerk); err != nil {
		return Plan{}, err
	}
	if err := ensureKeys(ctx, svc); err != nil {
		return Plan{}, err
	}
	b, err := ReadFile(path, DefaultLimits.File)
	if err != nil {
		return Plan{}, err
	}
	name := filepath.Base(path)
	f, err := Open(ctx, svc.Store, b)
	if IsDuplicate(err) {
		return Plan{}, err
	}
	if err != nil {
		if lerr := LogRefused(ctx, svc.Checked(), svc.Op(), name, b, err); lerr != nil {
			err = errors.Join(err, lerr)
		}
		return Plan{}, err
	}
	f.Name = name
	p, err := Preview(ctx, svc.Store, f, svc.Today())
	switch {
	case err != nil:
		return p, err
	case p.Duplicate: // imported since Open looked
		return p, duplicate(f)
	case p.Err() != nil:
		return p, refused(ctx, svc.Checked(), svc.Op(), f, p, p.Err())
	}
	return p, nil
}

// Accept imports f, a file Receive checked, into the database of svc (see
// Import), after backing the database up to BackupPath beside it. First it
// checks that the disk has room for the import and the backup (see
// checkRoom): a disk with too little is refused with an *Error of code
// ErrNoSpace, before anything is written. It returns what was done and
// where the backup is ("" when the store is not a file, as in some
// tests).
func Accept(ctx context.Context, svc *app.Service, f *File, progress func(done, total int)) (Plan, string, error) {
	return accept(ctx, svc, f, progress, DiskFree)
}

// accept is Accept with free, which says how much room a folder's disk
// has (DiskFree).
func accept(ctx context.Context, svc *app.Service, f *File, progress func(done, total int), free func(dir string) (int64, error)) (Plan, string, error) {
	op := svc.Op()
	backup, err := backupPath(svc.Store, op.At)
	if err != nil {
		return Plan{File: f}, "", err
	}
	if err := checkRoom(svc.Store, f, backup != "", free); err != nil {
		return Plan{File: f}, "", err
	}
	p, err := Import(ctx, svc.Checked(), op, f, backup, progress)
	return p, backup, err
}

// Backup backs the database of svc up to BackupPath beside it, as every
// import does first (an Excel workbook's too), and returns where; "" and
// no backup when the store is not a file.
func Backup(ctx context.Context, svc *app.Service) (string, error) {
	p, err := backupPath(svc.Store, svc.Now())
	if err != nil {
		return "", err
	}
	return p, backup(ctx, svc.Store, p)
}

// IsDuplicate reports whether err says that a file was imported before,
// which is nothing to do rather than a fault: its text says when.
func IsDuplicate(err error) bool {
	var se *Error
	return errors.As(err, &se) && se.Code == ErrDuplicate
}

// duplicate is the refusal of f, found imported before.
func duplicate(f *File) *Error {
	return &Error{Code: ErrDuplicate, Sender: f.Manifest.Sender, Msg: "这个文件已经导入过，不需要再导入，本次未做任何改动"}
}

// filed is a store kept in a file, such as the SQLite database.
type filed interface {
	Path() string // the database file
}

// backupPath is where an import at time at keeps the database of st as it
// was: BackupPath beside the database file, or "" when st is not a file.
func backupPath(st app.Store, at time.Time) (string, error) {
	f, ok := st.(filed)
	if !ok || f.Path() == "" {
		return "", nil
	}
	return BackupPath(f.Path(), at)
}

// backup writes a copy of the database of st to path, its folder made
// first; nothing when path is "".
func backup(ctx context.Context, st app.Store, path string) error {
	if path == "" {
		return nil
	}
	err := os.MkdirAll(filepath.Dir(path), 0o755)
	if err == nil {
		err = st.Backup(ctx, path)
	}
	if err != nil {
		return fmt.Errorf("导入前不能备份数据库（%w），未导入：请检查磁盘空间和权限", err)
	}
	return nil
}

// ReadFile reads the whole file at path, refusing one above max bytes, so
// that a wrongly chosen huge file is never read into memory; its messages
// say in Chinese what is wrong.
func ReadFile(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("找不到文件 %s：请检查路径", path)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	b, err := ReadAll(f, max)
	if err != nil {
		return nil, fmt.Errorf("%s：%w", path, err)
	}
	return b, nil
}
