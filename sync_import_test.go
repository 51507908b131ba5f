package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"wugeyi/app"
	"wugeyi/app/syncfile"
	"wugeyi/data"
	"wugeyi/data/datatest"
)

// craftFile writes a file of the county database at county to the city
// that carries every record of the county, two of them made invalid (an
// enterprise's name of 10,000 characters, a leader's post with a control
// character), signed with the county's key: what a county's program gone
// wrong could send. It returns the file and the IDs of the two records.
func craftFile(t *testing.T, dir, county string) (string, []string) {
	t.Helper()
	ctx := context.Background()
	db, err := data.Open(county)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	keys, err := db.Keys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	card, err := db.Card(ctx, app.CityCode)
	if err != nil {
		t.Fatal(err)
	}
	cs, top, err := db.Changes(ctx, "130302", 0)
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	edit := func(tbl app.Table, field, value string) {
		for i, c := range cs {
			if c.Table != tbl || c.Deleted {
				continue
			}
			var m map[string]any
			if err := json.Unmarshal(c.Data, &m); err != nil {
				t.Fatal(err)
			}
			m[field] = value
			if cs[i].Data, err = json.Marshal(m); err != nil {
				t.Fatal(err)
			}
			bad = append(bad, c.ID)
			return
		}
		t.Fatalf("no %s to edit", tbl)
	}
	edit(app.TableEnterprises, "name", strings.Repeat("企", 10000))
	edit(app.TableLeaders, "post", "副区长\a")
	path := filepath.Join(dir, "crafted.wgy")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	m := syncfile.Manifest{Schema: syncfile.SchemaVersion, Sender: "130302", SenderName: "海港区", Recipient: app.CityCode,
		SeqFrom: 1, SeqTo: top, All: true}
	if err := syncfile.Write(out, &m, cs, keys, card); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return path, bad
}

// A file with two invalid records is refused whole, by -dry-run and by
// the import alike: both list every refused record, the refusal (one
// line) names the first, nothing is imported and each refusal is in the
// sync log. The county's own file then imports, and says what it
// imported only after it is committed.
func TestImportRefusesTheWholeFile(t *testing.T) {
	dir := t.TempDir()
	city, file := syncPair(t, dir, 1)
	crafted, bad := craftFile(t, dir, filepath.Join(dir, "hg.db"))
	_, before := dbState(t, city)
	for i, args := range [][]string{{"-dry-run"}, nil} {
		code, out, errOut := cli(t, append(append([]string{"import", "-db", city}, args...), crafted)...)
		if code == 0 || strings.Count(errOut, "\n") != 1 || !strings.HasPrefix(errOut, "不能导入同步文件：文件中有 2 条记录不能导入，整个文件未导入") ||
			!strings.Contains(errOut, bad[0]) {
			t.Errorf("import %v: exit %d, stderr %q", args, code, errOut)
		}
		for _, id := range bad {
			if !strings.Contains(out, "拒绝：") || !strings.Contains(out, id) {
				t.Errorf("import %v does not list the refused record %s:\n%s", args, id, out)
			}
		}
		if strings.Contains(out, "已导入") || strings.Contains(errOut, "已导入") {
			t.Errorf("import %v claims records imported:\n%s%s", args, out, errOut)
		}
		if _, now := dbState(t, city); now != strings.Replace(before, "sync_log=0", fmt.Sprintf("sync_log=%d", i+1), 1) {
			t.Errorf("after import %v the database holds %s, was %s", args, now, before)
		}
	}
	code, out, errOut := cli(t, "import", "-db", city, file)
	if code != 0 || !strings.Contains(out, "已导入 ") || !strings.Contains(out, "导入前的数据库已备份到") || strings.Contains(errOut, "已导入") {
		t.Errorf("the county's own file: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// A read-only database refuses the import in Chinese and nothing claims
// a record imported: the progress says 正在写入 while the transaction
// runs, never 已导入.
func TestImportReadOnlyClaimsNothing(t *testing.T) {
	dir := t.TempDir()
	city, file := syncPair(t, dir, 1)
	integrity, before := dbState(t, city)
	how := datatest.ReadOnly(t, city)
	if how == "" {
		t.Skip("cannot make the database read-only here")
	}
	code, out, errOut := cli(t, "import", "-db", city, file)
	t.Logf("read-only by %s: exit %d, stdout %q, stderr %q", how, code, out, errOut)
	if code == 0 || !strings.Contains(errOut, "数据库文件是只读的") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if strings.Contains(out, "已导入") || strings.Contains(errOut, "已导入") {
		t.Errorf("claims records imported:\n%s%s", out, errOut)
	}
	if ok, now := dbState(t, city); ok != integrity || now != before {
		t.Errorf("the read-only database holds %s (%s), was %s", now, ok, before)
	}
}
