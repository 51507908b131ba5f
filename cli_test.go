package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"wugeyi/data"
)

// cli runs a headless command and returns its exit code and output.
func cli(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	handled, code := runCommand(args, &out, &errOut)
	if !handled {
		t.Fatalf("runCommand(%q) not handled", args)
	}
	return code, out.String(), errOut.String()
}

// mustRun runs a command that must succeed and returns its stdout.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := cli(t, args...)
	if code != 0 || errOut != "" {
		t.Fatalf("wugeyi %s: exit %d, stderr %q", strings.Join(args, " "), code, errOut)
	}
	return out
}

// dirState is every file under dir with a hash of its content.
func dirState(t *testing.T, dir string) map[string]string {
	t.Helper()
	st := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			st[rel] = "dir"
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		st[rel] = fmt.Sprintf("%x", sha256.Sum256(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// refuse runs a command that must fail: non-zero exit, one line on stderr,
// nothing on stdout, and no file under dir changed, made or removed.
func refuse(t *testing.T, dir string, want string, args ...string) {
	t.Helper()
	before := dirState(t, dir)
	code, out, errOut := cli(t, args...)
	cmd := "wugeyi " + strings.Join(args, " ")
	if code == 0 {
		t.Errorf("%s: exit 0, want a refusal", cmd)
	}
	if lines := strings.Split(strings.TrimRight(errOut, "\n"), "\n"); len(lines) != 1 || lines[0] == "" || !strings.HasSuffix(errOut, "\n") {
		t.Errorf("%s: stderr %q, want one line", cmd, errOut)
	}
	if !strings.Contains(errOut, want) {
		t.Errorf("%s: stderr %q, want it to say %q", cmd, errOut, want)
	}
	if out != "" {
		t.Errorf("%s: stdout %q, want nothing", cmd, out)
	}
	after := dirState(t, dir)
	if fmt.Sprint(before) != fmt.Sprint(after) {
		t.Errorf("%s changed files:\nbefore %v\nafter  %v", cmd, before, after)
	}
	t.Logf("%s → exit %d: %s", cmd, code, strings.TrimSpace(errOut))
}

var statsKeys = []string{"offices", "enterprises", "leaders", "assignments", "visits", "problems", "problems_open",
	"problems_overdue", "meetings_roundtable", "meetings_onsite", "meetings_bank", "financing_needs", "bridge_loans",
	"notices", "assessments", "imports", "holidays", "loan_applications", "departments", "decisions", "decisions_open", "meetings_planned"}

// stats runs stats and returns its JSON object.
func stats(t *testing.T, db string) map[string]int {
	t.Helper()
	out := mustRun(t, "stats", "-db", db)
	if strings.Count(out, "\n") != 1 {
		t.Errorf("stats printed %q, want one line", out)
	}
	var m map[string]int
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("stats printed %q: %v", out, err)
	}
	for _, k := range statsKeys {
		if _, ok := m[k]; !ok {
			t.Errorf("stats has no key %q: %s", k, out)
		}
	}
	return m
}

func TestInitDemoStats(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "海港 区.db")
	out := mustRun(t, "init", "-db", db, "-office", "130302", "-name", "海港区", "-role", "county")
	if !strings.Contains(out, "海港区") {
		t.Errorf("init printed %q", out)
	}
	m := stats(t, db)
	if m["offices"] != 1 || m["enterprises"] != 0 {
		t.Errorf("stats of a new database: %v", m)
	}
	out = mustRun(t, "demo", "-db", db, "-years", "3")
	for _, want := range []string{"演示数据", "会议", "企业家恳谈会", "企业现场办公会", "银企对接会", "融资需求", "转贷"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo printed %q, want it to say %s", out, want)
		}
	}
	m = stats(t, db)
	for _, k := range statsKeys[:13] { // all but notices, assessments and imports
		if m[k] <= 0 {
			t.Errorf("after demo, %s = %d, want > 0", k, m[k])
		}
	}
	if m["offices"] != 1 || m["enterprises"] != 3*30 || m["visits"] < 1500 || m["problems"] < 1000 {
		t.Errorf("after demo -years 3: %v", m)
	}
	// A new county runs no fund of its own: every loan is an application
	// to the city's.
	if m["loan_applications"] != m["bridge_loans"] {
		t.Errorf("after demo: %d applications to the city fund of %d loans", m["loan_applications"], m["bridge_loans"])
	}
	// Three years of an on-site meeting a month and a round table and a
	// bank meeting a quarter, a few missed.
	if m["meetings_onsite"] < 28 || m["meetings_onsite"] > 37 || m["meetings_roundtable"] < 7 || m["meetings_roundtable"] > 13 ||
		m["meetings_bank"] < 7 || m["meetings_bank"] > 13 {
		t.Errorf("after demo -years 3, meetings: %v", m)
	}
	// What demo says it made is what stats counts.
	said := fmt.Sprintf("会议%d次（企业家恳谈会%d次、企业现场办公会%d次、银企对接会%d次），计划召开的会议%d次，融资需求%d项，转贷%d笔",
		m["meetings_roundtable"]+m["meetings_onsite"]+m["meetings_bank"], m["meetings_roundtable"], m["meetings_onsite"], m["meetings_bank"],
		m["meetings_planned"], m["financing_needs"], m["bridge_loans"])
	if !strings.Contains(out, said) {
		t.Errorf("demo printed %q; stats say %s", out, said)
	}
	if said := fmt.Sprintf("责任单位%d个", m["departments"]); m["departments"] == 0 || !strings.Contains(out, said) {
		t.Errorf("demo printed %q; stats say %s", out, said)
	}
	t.Logf("stats: %v", m)

	// A database made by demo opens, and nothing else than it is left in
	// the folder but the lock file.
	st := dirState(t, dir)
	for name := range st {
		if name != "." && name != "海港 区.db" && name != "海港 区.db.lock" {
			t.Errorf("file %s left in the folder", name)
		}
	}
	d, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	d.Close()
}

func TestDemoSeedAndYears(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	mustRun(t, "init", "-db", db, "-office", "130300", "-name", "秦皇岛市工业和信息化局", "-role", "city")
	mustRun(t, "demo", "-db", db, "-years", "1", "-seed", "9")
	m := stats(t, db)
	if m["problems"] < 300 || m["problems"] > 500 {
		t.Errorf("one year: %d problems", m["problems"])
	}
}

func TestRefusals(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	missing := filepath.Join(dir, "missing.db")
	// The database every refusal below must leave as it is.
	mustRun(t, "init", "-db", db, "-office", "130302", "-name", "海港区", "-role", "county")
	mustRun(t, "demo", "-db", db, "-years", "1")
	counts := stats(t, db)

	// A database that is not set up: opened once, no office.
	bare := filepath.Join(dir, "bare.db")
	d, err := data.Open(bare)
	if err != nil {
		t.Fatal(err)
	}
	d.Close()
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("这不是数据库，只是一段文字，长度要超过一百字节才像个文件。这不是数据库，只是一段文字。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		want string
		args []string
	}{
		// init
		{"单位类型", []string{"init", "-db", missing, "-office", "130302", "-name", "海港区", "-role", "mayor"}},
		{"-office", []string{"init", "-db", missing, "-name", "海港区", "-role", "county"}},
		{"-db", []string{"init", "-office", "130302", "-name", "海港区", "-role", "county"}},
		{"6位数字", []string{"init", "-db", missing, "-office", "13030", "-name", "海港区", "-role", "county"}},
		{"类型应为", []string{"init", "-db", missing, "-office", "130302", "-name", "海港区", "-role", "city"}},
		{"没有参数 -foo", []string{"init", "-foo", "-db", missing}},
		{"多余的参数", []string{"init", "-db", missing, "-office", "130302", "-name", "海港区", "-role", "county", "extra"}},
		{"缺少取值", []string{"init", "-db"}},
		{"init 只用于新数据库", []string{"init", "-db", db, "-office", "130303", "-name", "山海关区", "-role", "county"}},
		{"init 只用于新数据库", []string{"init", "-db", db, "-office", "130302", "-name", "海港区", "-role", "county"}},
		{"不存在", []string{"init", "-db", filepath.Join(dir, "no", "such", "folder", "a.db"), "-office", "130302", "-name", "海港区", "-role", "county"}},
		{"不是五个一工作台的数据库", []string{"init", "-db", text, "-office", "130302", "-name", "海港区", "-role", "county"}},
		{"是文件夹", []string{"init", "-db", dir, "-office", "130302", "-name", "海港区", "-role", "county"}},
		// demo
		{"找不到数据库文件", []string{"demo", "-db", missing}},
		{"尚未初始化", []string{"demo", "-db", bare}},
		{"尚未初始化", []string{"demo", "-db", empty}},
		{"已有本单位的企业记录", []string{"demo", "-db", db}},
		{"-years", []string{"demo", "-db", db, "-years", "0"}},
		{"-years", []string{"demo", "-db", db, "-years", "31"}},
		{"不是整数", []string{"demo", "-db", db, "-years", "三"}},
		{"-db", []string{"demo"}},
		{"不是五个一工作台的数据库", []string{"demo", "-db", text}},
		// stats
		{"找不到数据库文件", []string{"stats", "-db", missing}},
		{"-db", []string{"stats"}},
		{"不是五个一工作台的数据库", []string{"stats", "-db", text}},
		{"尚未初始化", []string{"stats", "-db", empty}},
		{"是文件夹", []string{"stats", "-db", dir}},
		{"多余的参数", []string{"stats", "-db", db, db}},
		// sync
		{"还没有登记秦皇岛市工业和信息化局", []string{"export", "-db", db, "-o", dir}},
		{"文件夹", []string{"export", "-db", db, "-o", filepath.Join(dir, "no", "x.wgy")}},
		{"缺少参数 -o", []string{"card", "-db", db}},
		{"不是五个一工作台的公钥卡", []string{"trust", "-db", db, text}},
		{"缺少公钥卡文件", []string{"trust", "-db", db}},
		{"找不到文件", []string{"import", "-db", db, missing}},
		{"缺少同步文件", []string{"import", "-db", db}},
		{"找不到编号", []string{"comment", "-db", db, "-problem", "海港-2026-9999", "-text", "请加快"}},
		// print
		{"缺少要打印的文件种类", []string{"print", "-db", db, "-o", filepath.Join(dir, "x.pdf")}},
		{"没有“notice2”这种文件", []string{"print", "notice2", "-db", db, "-o", filepath.Join(dir, "x.pdf")}},
		{"缺少参数 -o", []string{"print", "ledger", "-db", db}},
		{"文件夹", []string{"print", "ledger", "-db", db, "-o", filepath.Join(dir, "no", "x.pdf")}},
		{"-status 须是", []string{"print", "ledger", "-db", db, "-status", "未知", "-o", filepath.Join(dir, "x.pdf")}},
		{"找不到会议", []string{"print", "minutes", "-db", db, "-meeting", "no-such-id", "-o", filepath.Join(dir, "x.pdf")}},
		{"缺少参数 -meeting", []string{"print", "minutes", "-db", db, "-o", filepath.Join(dir, "x.pdf")}},
		{"-year 须是", []string{"print", "assessment", "-db", db, "-office", "130302", "-year", "1999", "-o", filepath.Join(dir, "x.pdf")}},
		{"-office 须是", []string{"print", "assessment", "-db", db, "-office", "999999", "-year", "2026", "-o", filepath.Join(dir, "x.pdf")}},
		{"-form 须是", []string{"print", "form", "-db", db, "-form", "receipt", "-o", filepath.Join(dir, "x.pdf")}},
		{"县区不能生成", []string{"print", "notice", "-db", db, "-period", "2026Q1", "-o", filepath.Join(dir, "x.pdf")}},
		{"找不到数据库文件", []string{"print", "form", "-db", missing, "-form", "visit", "-o", filepath.Join(dir, "x.pdf")}},
	} {
		refuse(t, dir, c.want, c.args...)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("a refused command made missing.db")
	}
	if m := stats(t, db); fmt.Sprint(m) != fmt.Sprint(counts) {
		t.Errorf("refusals changed the counts: %v, had %v", m, counts)
	}
}

// A database another program has open is refused with the lock's message.
func TestLocked(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	mustRun(t, "init", "-db", db, "-office", "130322", "-name", "昌黎县", "-role", "county")
	d, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	refuse(t, dir, "正被另一个五个一工作台使用", "stats", "-db", db)
	refuse(t, dir, "正被另一个五个一工作台使用", "demo", "-db", db)
	refuse(t, dir, "正被另一个五个一工作台使用", "init", "-db", db, "-office", "130322", "-name", "昌黎县", "-role", "county")
}

func TestHelp(t *testing.T) {
	code, out, errOut := cli(t, "stats", "-h")
	if code != 0 || !strings.Contains(out, "wugeyi stats -db") || errOut != "" {
		t.Errorf("stats -h: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// Arguments that name no subcommand are left to the window.
func TestNotHandled(t *testing.T) {
	for _, args := range [][]string{nil, {}, {"-db", "x.db"}, {"-db", "x.db", "-operator", "张三"}} {
		var out, errOut bytes.Buffer
		if handled, _ := runCommand(args, &out, &errOut); handled || out.Len() > 0 || errOut.Len() > 0 {
			t.Errorf("runCommand(%q) handled it", args)
		}
	}
}

// -version prints the program's name, version and system, on stdout.
func TestVersion(t *testing.T) {
	for _, arg := range []string{"-version", "--version", "version"} {
		out := mustRun(t, arg)
		if !strings.HasPrefix(out, "五个一工作台 "+version) || !strings.Contains(out, runtime.GOOS+"/"+runtime.GOARCH) || strings.Count(out, "\n") != 1 {
			t.Errorf("wugeyi %s printed %q", arg, out)
		}
	}
}

// fakeWindow stands in for the window: it records the flags it was opened
// with and returns 7.
type fakeWindow struct {
	opened []windowArgs
}

func (f *fakeWindow) open(w windowArgs, _ io.Writer) int {
	f.opened = append(f.opened, w)
	return 7
}

// wugeyi runs the whole command line with a fake window.
func wugeyi(args ...string) (code int, stdout, stderr string, win *fakeWindow) {
	var out, errOut bytes.Buffer
	win = &fakeWindow{}
	code = run(args, &out, &errOut, win.open)
	return code, out.String(), errOut.String(), win
}

// The usage lists every subcommand, in Chinese, on stdout.
func TestUsage(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"-h"}, {"--help"}, {"-help"}, {"-db", "x.db", "-h"}} {
		code, out, errOut, win := wugeyi(args...)
		if code != 0 || errOut != "" || len(win.opened) > 0 {
			t.Errorf("wugeyi %q: exit %d, stderr %q, window opened %v", args, code, errOut, win.opened)
		}
		if out != usage() {
			t.Errorf("wugeyi %q printed %q, want the usage", args, out)
		}
	}
	u := usage()
	for _, want := range []string{"用法：", "打开窗口", windowUsage, "version", "help"} {
		if !strings.Contains(u, want) {
			t.Errorf("the usage does not say %q:\n%s", want, u)
		}
	}
	for _, c := range commands() {
		if !strings.Contains(u, "  "+c.name+" ") || !strings.Contains(u, c.summary) || !strings.Contains(u, "wugeyi "+c.name) {
			t.Errorf("the usage does not list %s:\n%s", c.name, u)
		}
	}
	// help COMMAND: that command's usage only.
	code, out, errOut, win := wugeyi("help", "print")
	if code != 0 || errOut != "" || len(win.opened) > 0 || !strings.Contains(out, "用法：wugeyi print") ||
		!strings.Contains(out, "用法：form -form") || strings.Contains(out, "wugeyi stats") {
		t.Errorf("wugeyi help print: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// An unknown subcommand or a wrong flag is refused with the reason and the
// usage on stderr and exit code 2; the window is never opened.
func TestRefusedCommandLine(t *testing.T) {
	for _, c := range []struct {
		want string
		args []string
	}{
		{"没有“statz”这个命令", []string{"statz", "-db", "x.db"}},
		{"没有“hlep”这个命令", []string{"hlep"}},
		{"没有“statz”这个命令", []string{"help", "statz"}},
		{"多余的参数“x”", []string{"help", "stats", "x"}},
		{"没有参数 -nope", []string{"-nope"}},
		{"没有参数 -database", []string{"-database", "x.db"}},
		{"参数 -db 后面缺少取值", []string{"-db"}},
		{"多余的参数“x.db”", []string{"-operator", "张三", "x.db"}},
		{"命令 stats 要写在最前面", []string{"-db", "x.db", "stats"}},
	} {
		code, out, errOut, win := wugeyi(c.args...)
		if code != exitUsage || out != "" || len(win.opened) > 0 {
			t.Errorf("wugeyi %q: exit %d, stdout %q, window opened %v; want exit 2, nothing on stdout, no window",
				c.args, code, out, win.opened)
		}
		first, rest, _ := strings.Cut(errOut, "\n")
		if !strings.Contains(first, c.want) || !strings.HasSuffix(errOut, usage()) || !strings.HasPrefix(rest, "\n") {
			t.Errorf("wugeyi %q: stderr %q, want the line %q and the usage", c.args, errOut, c.want)
		}
	}
}

// No arguments, -db and -operator open the window, with those flags.
func TestWindowArgs(t *testing.T) {
	for _, c := range []struct {
		args []string
		want windowArgs
	}{
		{nil, windowArgs{}},
		{[]string{"-db", "x.db"}, windowArgs{db: "x.db"}},
		{[]string{"-db", "海港 区.db", "-operator", "张三"}, windowArgs{db: "海港 区.db", operator: "张三"}},
		{[]string{"--operator=李四"}, windowArgs{operator: "李四"}},
	} {
		code, out, errOut, win := wugeyi(c.args...)
		if code != 7 || out != "" || errOut != "" || len(win.opened) != 1 || win.opened[0] != c.want {
			t.Errorf("wugeyi %q: exit %d, stdout %q, stderr %q, window opened %v; want it opened once with %+v",
				c.args, code, out, errOut, win.opened, c.want)
		}
	}
	// A subcommand never opens the window either.
	code, out, _, win := wugeyi("-version")
	if code != 0 || !strings.Contains(out, "五个一工作台") || len(win.opened) > 0 {
		t.Errorf("wugeyi -version: exit %d, stdout %q, window %v", code, out, win.opened)
	}
}
