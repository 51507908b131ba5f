package syncfile

import (
	"fmt"
	"os"
	"path/filepath"

	"wugeyi/app"
)

// The room an import needs on the disk of the database, checked before it
// starts (checkRoom), so that a disk too small is said plainly and early
// rather than met in the middle of the write.
const (
	// recordRoom is the room one record of a sync file takes while it is
	// imported: the pages it adds to the database (its row, its indexes,
	// the search index), written first to the write-ahead log and then,
	// at the checkpoint, to the database file. Measured by TestImportRoom:
	// a county's two years of demo records (6,891) into a new city
	// database grew the file by 4.3 MB and its log by 4.6 MB, 1,279 bytes
	// a record; 2 KB leaves room for longer texts than the demo's.
	recordRoom = 2048
	// slack is room kept over what the records need: the sync-log line,
	// the journal's and the page cache's spill, the file system's own
	// blocks.
	slack = 8 << 20
)

// importRoom is the room importing f needs, without the backup: its
// records, and the attachment content it carries written twice (the
// write-ahead log, then the database).
func importRoom(f *File) int64 {
	n := int64(len(f.Changes))*recordRoom + slack
	for _, b := range f.Content {
		n += 2 * int64(len(b))
	}
	return n
}

// checkRoom refuses, with an *Error of code ErrNoSpace, to import f into
// the database of st when the disk that holds it has less room than the
// import needs (importRoom) and, when backup is set, the backup beside it
// (as large as the database file and its write-ahead log). free says how
// much room a folder's disk has; when it cannot tell, or st is not a
// file, the import goes on (a full disk is then a fault the store meets
// and undoes).
func checkRoom(st app.Store, f *File, backup bool, free func(dir string) (int64, error)) error {
	fl, ok := st.(filed)
	if !ok || fl.Path() == "" {
		return nil
	}
	db := fl.Path()
	need, saved := importRoom(f), int64(0)
	if backup {
		saved = fileSize(db) + fileSize(db+"-wal")
	}
	have, err := free(filepath.Dir(db))
	if err != nil || have >= need+saved {
		return nil
	}
	msg := fmt.Sprintf("磁盘空间不足：导入需要约 %d MB", ceilMB(need+saved))
	if saved > 0 {
		msg += fmt.Sprintf("（其中导入前备份数据库约 %d MB）", ceilMB(saved))
	}
	msg += fmt.Sprintf("，数据库所在的磁盘（%s）只有 %d MB 可用。请删除不用的文件、腾出磁盘空间后再导入，本次未做任何改动", filepath.Dir(db), have>>20)
	return &Error{Code: ErrNoSpace, Sender: f.Manifest.Sender, Msg: msg}
}

// fileSize is the size of the file at path, 0 when there is none.
func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// ceilMB is n bytes in MB, rounded up.
func ceilMB(n int64) int64 { return (n + 1<<20 - 1) >> 20 }
