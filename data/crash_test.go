package data_test

import (
	"context"
	"maps"
	"os"
	"os/exec"
	"strings"
	"testing"

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
