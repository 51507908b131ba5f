package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"wugeyi/app"
)

// restoreTables are the tables Restore replaces, parents first.
func restoreTables() []string {
	return []string{"office", "settings", "enterprises", "leaders", "departments", "assignments", "visits", "problems", "problem_events",
		"meetings", "financing_needs", "bridge_loans", "comments", "loan_decisions", "notices", "assessments", "hand_scores", "calendar_years", "attachments", "attachment_content", "attachment_sent", "changes", "trusted_cards", "sync_log", "office_keys", "import_words"}
}

// Backup writes a consistent copy of the database to path. The copy is
// made with VACUUM INTO under a temporary name in the same folder (a name
// that starts with "." and does not end in ".db"), synced, opened again
// and checked (integrity, schema version, every table), and only then
// renamed to path: a file under path is always a whole backup. On any
// failure the temporary file is removed. It refuses to overwrite an
// existing file.
func (db *DB) Backup(ctx context.Context, path string) (err error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := absent(abs); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	f, err := os.CreateTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".part-*")
	if err != nil {
		return fmt.Errorf("backup to %s: 无法在备份文件夹中写入（请检查文件夹是否存在、是否有写入权限）: %w", path, err)
	}
	tmp := f.Name()
	f.Close()
	defer func() {
		if err != nil {
			removeDB(tmp)
		}
	}()
	if _, err := db.w.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return fmt.Errorf("backup to %s: 无法写入备份文件: %w", path, withFault("vacuum into", err))
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := checkBackup(tmp); err != nil {
		return fmt.Errorf("backup to %s: 备份文件写入后检查不通过，已删除: %w", path, err)
	}
	if err := absent(abs); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := os.Rename(tmp, abs); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}

// absent checks that nothing, not even a broken link, is at path.
func absent(path string) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("备份文件 %s 已存在：请换一个文件名，或先移走原文件", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// syncFile flushes the file at path to the disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("sync %s: %w", path, err)
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("sync %s: %w", path, err)
	}
	return nil
}

// checkBackup checks that the database file at path is a whole backup:
// a database of this program of this build's schema, with every table
// Restore reads, that passes PRAGMA integrity_check.
func checkBackup(path string) error {
	fi, err := checkFile(path)
	if err != nil {
		return err
	}
	if fi.version != latestVersion() {
		return fmt.Errorf("check %s: schema version %d: %w", path, fi.version, ErrNotDatabase)
	}
	c, err := sql.Open("sqlite", roURI(path))
	if err != nil {
		return fmt.Errorf("check %s: %w", path, err)
	}
	defer c.Close()
	c.SetMaxOpenConns(1)
	var ok string
	if err := c.QueryRow("PRAGMA integrity_check(1)").Scan(&ok); err != nil || ok != "ok" {
		return fmt.Errorf("check %s: integrity %q: %w", path, ok, errors.Join(ErrNotDatabase, err))
	}
	for _, tbl := range restoreTables() {
		var n int
		if err := c.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", tbl).Scan(&n); err != nil || n != 1 {
			return fmt.Errorf("check %s: table %s: %w", path, tbl, errors.Join(ErrNotDatabase, err))
		}
	}
	return nil
}

// Restore replaces every record, the settings, the change log, the trusted
// cards, the sync log and the office's keys (unless the backup has none)
// with those of the backup at path, in one transaction. The backup must be a database
// of this program, of a schema this build knows, of this office (or of any
// office when this database is not yet set up); otherwise nothing changes.
// The backup file itself is never written: a private copy is read.
func (db *DB) Restore(ctx context.Context, path string) (err error) {
	defer func() {
		if f := asFault(err); f != nil {
			err = f // says in Chinese that nothing changed
		}
		if err != nil {
			err = fmt.Errorf("restore from %s: %w", path, err)
		}
	}()
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("找不到备份文件 %s: %w", path, err)
	}
	tmp, err := copyToTemp(path, filepath.Dir(db.path))
	if err != nil {
		return err
	}
	defer removeDB(tmp)
	fi, err := checkFile(tmp)
	if err != nil {
		if errors.Is(err, app.ErrNewerSchema) {
			return fmt.Errorf("备份文件由更新版本的五个一工作台创建，本版本不能恢复它：请安装新版本；当前数据未做任何改动: %w", err)
		}
		return fmt.Errorf("这个文件不是五个一工作台的备份文件（或已损坏）；当前数据未做任何改动: %w", err)
	}
	if fi.office == "" {
		return errors.New("备份文件中没有单位信息，不是有效的备份；当前数据未做任何改动")
	}
	me, err := db.Office(ctx)
	switch {
	case errors.Is(err, app.ErrNotSetUp):
	case err != nil:
		return err
	case me.Code != fi.office:
		return fmt.Errorf("这是%s（%s）的备份，不是本单位%s（%s）的，不能恢复；当前数据未做任何改动",
			app.OfficeName(fi.office), fi.office, me.Name, me.Code)
	}
	if fi.version < latestVersion() {
		if err := migrateFile(ctx, tmp); err != nil {
			return err
		}
	}
	return db.replaceFrom(ctx, tmp)
}

// replaceFrom replaces the contents of every restored table with those of
// the database file at src, in one transaction.
func (db *DB) replaceFrom(ctx context.Context, src string) (err error) {
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("get writer: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS bak", src); err != nil {
		return fmt.Errorf("attach backup: %w", err)
	}
	defer func() {
		if _, derr := conn.ExecContext(context.Background(), "DETACH DATABASE bak"); derr != nil && err == nil {
			err = fmt.Errorf("detach backup: %w", derr)
		}
	}()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return fmt.Errorf("begin restore: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			conn.ExecContext(context.Background(), "ROLLBACK")
		}
	}()
	if _, err := conn.ExecContext(ctx, "DELETE FROM main.problems_fts"); err != nil {
		return fmt.Errorf("clear search index: %w", err)
	}
	for _, q := range []string{"INSERT INTO main.search_fts(search_fts) VALUES ('delete-all')", "DELETE FROM main.search_rows"} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("clear search index: %w", err)
		}
	}
	tables := restoreTables()
	for i := len(tables) - 1; i >= 0; i-- {
		q := "DELETE FROM main." + tables[i]
		if tables[i] == "office_keys" {
			// A backup made before the office had keys keeps the ones it
			// has: the other offices know this office by them.
			q += " WHERE EXISTS (SELECT 1 FROM bak.office_keys)"
		}
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("clear %s: %w", tables[i], err)
		}
	}
	for _, tbl := range tables {
		cols, err := columns(ctx, conn, tbl)
		if err != nil {
			return err
		}
		// The problems' search rows are made again by the insert trigger,
		// with the restored enterprises' names.
		q := "INSERT INTO main." + tbl + " (" + cols + ") SELECT " + cols + " FROM bak." + tbl + " ORDER BY rowid"
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("restore %s: %w", tbl, err)
		}
	}
	// The restored records have new rowids: the global search's index is
	// made again.
	if err := fillSearch(ctx, conn); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return fmt.Errorf("commit restore: %w", err)
	}
	committed = true
	return nil
}

// columns lists the quoted columns of main.tbl.
func columns(ctx context.Context, conn *sql.Conn, tbl string) (string, error) {
	rows, err := conn.QueryContext(ctx, "SELECT name FROM pragma_table_info(?, 'main')", tbl)
	if err != nil {
		return "", fmt.Errorf("columns of %s: %w", tbl, err)
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return "", fmt.Errorf("columns of %s: %w", tbl, err)
		}
		cols = append(cols, `"`+strings.ReplaceAll(c, `"`, `""`)+`"`)
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("columns of %s: %w", tbl, err)
	}
	if len(cols) == 0 {
		return "", fmt.Errorf("columns of %s: no such table", tbl)
	}
	return strings.Join(cols, ", "), nil
}

// copyToTemp copies the file at path to a new temporary file in dir.
func copyToTemp(path, dir string) (string, error) {
	in, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("打开备份文件失败: %w", err)
	}
	defer in.Close()
	out, err := os.CreateTemp(dir, ".wugeyi-restore-*.db")
	if err != nil {
		return "", fmt.Errorf("copy backup: %w", err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(out.Name())
		return "", fmt.Errorf("copy backup: %w", err)
	}
	if err := out.Close(); err != nil {
		os.Remove(out.Name())
		return "", fmt.Errorf("copy backup: %w", err)
	}
	return out.Name(), nil
}

// removeDB removes a database file and its journal files.
func removeDB(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
}

// migrateFile brings the database file at path to this build's schema.
func migrateFile(ctx context.Context, path string) error {
	c, err := sql.Open("sqlite", path+"?_busy_timeout=5000")
	if err != nil {
		return fmt.Errorf("upgrade backup: %w", err)
	}
	defer c.Close()
	c.SetMaxOpenConns(1)
	if err := migrate(ctx, c); err != nil {
		return fmt.Errorf("upgrade backup: %w", err)
	}
	return nil
}
