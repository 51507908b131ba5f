package syncfile_test

import (
	"context"
	"strings"
	"testing"

	"wugeyi/app"
	"wugeyi/app/syncfile"
)

// The import of a file that a key-holding county (or bad luck) made
// hostile: every record is checked before anything is written, and one
// record refused refuses the whole file (issue 18). Every name of this
// file starts with hs.

// refusedWhole imports the file at path into n as Accept does (Import) and
// checks that the whole file is refused: an *Error of code ErrRecords
// whose message names the first refused record, the database exactly as
// it was but for one refusal line in the sync log that says so, and the
// plan's counts adding up to the file's records with each refused record
// counted once, as refused. It returns the plan.
func (n *rtNode) refusedWhole(t *testing.T, path string) syncfile.Plan {
	t.Helper()
	before := n.st.Snapshot()
	logged := len(rtLog(t, n))
	f := n.mustRead(t, path)
	p, err := syncfile.Import(context.Background(), n.st, n.op(), f, "", nil)
	se := rtCode(t, err, syncfile.ErrRecords)
	if len(p.Refused) == 0 {
		t.Fatalf("refused with %q, yet the plan refuses no record", se.Msg)
	}
	if !strings.Contains(se.Msg, p.Refused[0].ID) || !strings.Contains(se.Msg, "整个文件未导入") {
		t.Errorf("the refusal %q does not name the first refused record %s and say the file is not imported", se.Msg, p.Refused[0].ID)
	}
	if d := before.Diff(n.st.Snapshot()); len(d) != 1 || !strings.Contains(d[0], "sync_log") {
		t.Errorf("the refused file changed %v, want the sync log only", d)
	}
	log := rtLog(t, n)
	if len(log) != logged+1 || log[0].Outcome != app.SyncRefused || log[0].Message != se.Msg || log[0].File != f.Name {
		t.Errorf("the sync log after the refusal: %d lines (were %d), newest %+v", len(log), logged, log[0])
	}
	records, refused := 0, 0
	for _, c := range p.Counts {
		records += c.New + c.Updated + c.Unchanged + c.Deleted + c.Refused
		refused += c.Refused
	}
	if records != len(f.Changes) || refused != len(p.Refused) {
		t.Errorf("the plan counts %d records, %d refused, of %d in the file and %d refusals", records, refused, len(f.Changes), len(p.Refused))
	}
	for _, r := range p.Refused {
		if !rtHasHan(r.Msg) || !strings.Contains(r.Text(), r.Table.Label()) {
			t.Errorf("the refusal of %s %s says %q", r.Table, r.ID, r.Text())
		}
	}
	return p
}
