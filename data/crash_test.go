package data_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data"
)

// TestHelperCrashMidSave is run as a child process by TestCrashMidSave: it
// writes inside a transaction and then dies without committing, rolling
// back or closing, as a program does when the PC loses power.
func TestHelperCrashMidSave(t *testing.T) {
	path := os.Getenv("WUGEYI_CRASH_DB")
	if path == "" {
		t.Skip("helper process only")
	}
	db, err := data.Open(path)
	if err != nil {
		os.Stdout.WriteString("ERROR " + err.Error() + "\n")
		return
	}
	_ = db.Update(context.Background(), app.Op{Operator: "张三", At: now}, func(tx app.Tx) error {
		l := app.Leader{Name: "新领导", Post: "区长", Level: app.LevelCounty, Body: "政府"}
		if err := tx.SaveLeader(&l); err != nil {
			return err
		}
		e := app.Enterprise{CreditCode: creditCode(t, 77), Name: "半途企业", Industry: "装备制造"}
		if err := tx.SaveEnterprise(&e); err != nil {
			return err
		}
		os.Stdout.WriteString("WROTE\n")
		os.Exit(3)
		return nil
	})
}

func TestCrashMidSave(t *testing.T) {
	svc, db, path := newService(t)
	addEnterprise(t, svc, 1, "企业甲")
	before := counts(t, db)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperCrashMidSave$")
	cmd.Env = append(os.Environ(), "WUGEYI_CRASH_DB="+path)
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 || !strings.Contains(string(out), "WROTE") {
		t.Fatalf("the helper did not die in the middle of its save: %v, %q", err, out)
	}
	db2, err := data.Open(path)
	if err != nil {
		t.Fatalf("open after the crash: %v", err)
	}
	defer db2.Close()
	if after := counts(t, db2); !maps.Equal(before, after) {
		t.Errorf("rows changed by the save that never finished: %v → %v", before, after)
	}
}

// TestHelperBackupLoop is run as a child process by TestKillMidBackup: it
// makes backups of the database one after another into a folder until it
// is killed.
func TestHelperBackupLoop(t *testing.T) {
	path, dir := os.Getenv("WUGEYI_CRASH_DB"), os.Getenv("WUGEYI_BACKUP_DIR")
	if path == "" || dir == "" {
		t.Skip("helper process only")
	}
	db, err := data.Open(path)
	if err != nil {
		os.Stdout.WriteString("ERROR " + err.Error() + "\n")
		return
	}
	os.Stdout.WriteString("READY\n")
	for i := 0; ; i++ {
		name := filepath.Join(dir, fmt.Sprintf("备份_%d_%04d.db", os.Getpid(), i))
		if err := db.Backup(context.Background(), name); err != nil {
			os.Stdout.WriteString("ERROR " + err.Error() + "\n")
			os.Exit(4)
		}
	}
}

// Killing the program at random points while it makes backups (25 kills)
// never leaves a broken file under a backup's name: every file named
// *.db in the folder is a whole copy of the database, and what a kill
// leaves is a temporary file that starts with "." and does not end in
// ".db" (with its journal). The database itself is as it was.
func TestKillMidBackup(t *testing.T) {
	_, db := officeService(t, cityOffice)
	if errs, err := importAll(db, putChanges(t, 3000)); err != nil || errors.Join(errs...) != nil {
		t.Fatalf("seed: %v %v", err, errors.Join(errs...))
	}
	path := db.Path()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	before := fileState(t, path)
	dir := t.TempDir()
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 18))
	const kills = 25
	start := time.Now()
	for range kills {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperBackupLoop$")
		cmd.Env = append(os.Environ(), "WUGEYI_CRASH_DB="+path, "WUGEYI_BACKUP_DIR="+dir)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, err := bufio.NewReader(out).ReadString('\n')
		if line != "READY\n" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("the helper did not start: %q %v", line, err)
		}
		time.Sleep(time.Duration(rng.IntN(300_000)) * time.Microsecond)
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	whole, temps := 0, 0
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasSuffix(name, ".db"):
			s, integrity, err := data.Snapshot(filepath.Join(dir, name))
			if err != nil || integrity != "ok" || !maps.Equal(s, before) {
				t.Errorf("backup %s is not whole: %v, integrity %q, same tables %t", name, err, integrity, maps.Equal(s, before))
			}
			whole++
		case strings.HasPrefix(name, ".") && strings.Contains(name, ".db.part-"):
			if !strings.HasSuffix(name, "-journal") {
				temps++
			}
		default:
			t.Errorf("a file that is neither a backup nor a temporary one: %s", name)
		}
	}
	t.Logf("%d kills in %v (seed %d): %d whole backups, %d temporary files left by kills in the middle of a backup",
		kills, time.Since(start).Round(time.Millisecond), seed, whole, temps)
	if whole == 0 || temps == 0 {
		t.Errorf("the kills did not fall both between and in the middle of backups: %d backups, %d temporary files", whole, temps)
	}
	checkUnchanged(t, path, before)
}
