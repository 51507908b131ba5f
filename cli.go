package main

// The headless subcommands (docs/SPEC.md, "The headless commands"): init,
// demo and stats. Each exits 0 on success; otherwise it writes exactly one line in
// Chinese on stderr, saying what is wrong and what to do, exits non-zero
// and leaves every file as it was: a database it was refused is not created
// and the sidecar files it would have made (PATH.lock, PATH-wal, PATH-shm)
// are removed again.
//
// The change log names the operator of a headless change: "命令行" for init,
// "演示数据" for the records demo generates, so that a clerk can tell them
// from records typed in at the window.

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"wugeyi/app"
	"wugeyi/app/demo"
	"wugeyi/data"
)

// Operators recorded in the change log by the headless commands.
const (
	cliOperator  = "命令行"
	demoOperator = "演示数据"
)

// Exit codes of the headless commands.
const (
	exitOK    = 0
	exitFail  = 1 // refused or failed: the reason is on stderr
	exitUsage = 2 // the command line itself is wrong
)

// command is one headless subcommand.
type command struct {
	name    string
	summary string // what it does, in a few Chinese words, for the usage
	usage   string // how it is called; parts after "；" are printed on lines of their own
	run     func(c *cmdContext) error
}

// commands are the headless subcommands, in the order the usage lists them.
func commands() []command {
	return []command{
		{"init", "为本单位建立新数据库", "wugeyi init -db 数据库文件 -office 机构代码 -name 单位名称 -role county|city", runInit},
		{"demo", "在新数据库中生成演示数据", "wugeyi demo -db 数据库文件 [-years 年数] [-seed 随机种子]", runDemo},
		{"stats", "统计各类记录的条数（JSON）", "wugeyi stats -db 数据库文件", runStats},
		{"card", "写出本单位的公钥卡", "wugeyi card -db 数据库文件 -o 公钥卡文件", runCard},
		{"trust", "登记对方单位的公钥卡", "wugeyi trust -db 数据库文件 [-replace] 对方的公钥卡文件", runTrust},
		{"export", "导出同步文件", "wugeyi export -db 数据库文件 -o 文件夹或文件 [-to 接收单位机构代码] [-all]", runExport},
		{"import", "导入同步文件", "wugeyi import -db 数据库文件 [-dry-run] 同步文件", runImport},
		{"comment", "填写督办意见（市工信局）", "wugeyi comment -db 数据库文件 -problem 问题编号 -text 督办意见 [-author 署名]", runComment},
		{"history", "查看记录的修改记录、已删除的记录", "wugeyi history -db 数据库文件 -id 记录编号 | -deleted", runHistory},
		{"undelete", "恢复本单位删除的记录", "wugeyi undelete -db 数据库文件 -id 记录编号", runUndelete},
		{"print", "打印会议纪要、考核评估表、问题台账、通报、空白表格（PDF）", printUsage, runPrint},
		{"xlsx", "从 Excel 导入企业名单、问题台账、联系领导、走访记录、会议，或导出为 Excel", xlsxUsage, runXlsx},
		{"assess", "年度考核（市工信局）", assessUsage, runAssess},
		{"search", "在企业、领导、走访、问题、会议、融资需求、转贷中搜索", "wugeyi search -db 数据库文件 [-limit 每类条数] 词语…", runSearch},
		{"account", "管理操作员账号（管理员、录入员、只读）", accountUsage, runAccount},
		{"workdays", "按本单位的放假安排推算若干个工作日之后的日期", "wugeyi workdays -db 数据库文件 -from 起算日期 -days 工作日数", runWorkdays},
	}
}

// findCommand is the subcommand called name.
func findCommand(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// windowUsage is how the window is opened.
const windowUsage = "wugeyi [-db 数据库文件] [-operator 账号]"

// usage is what wugeyi help prints: how to open the window and every
// subcommand with what it does and how it is called.
func usage() string {
	var b strings.Builder
	b.WriteString("五个一工作台：重点企业联系服务“五个一”工作机制\n\n用法：\n")
	b.WriteString("  " + windowUsage + "\n")
	b.WriteString("        打开窗口；不指定 -db 时用本机用户配置文件夹中的 wugeyi.db；登录时先选中 -operator 给出的账号；环境变量 WUGEYI_OPERATOR 和 WUGEYI_PASSWORD 给出账号和密码时直接登录\n")
	b.WriteString("  wugeyi 命令 [参数]\n")
	b.WriteString("        不打开窗口，在命令行完成一项工作\n\n命令：\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-8s %s\n", c.name, c.summary)
		for _, part := range strings.Split(c.usage, "；") {
			b.WriteString("           " + part + "\n")
		}
	}
	fmt.Fprintf(&b, "  %-8s %s\n", "version", "显示版本（也可写 -version）")
	fmt.Fprintf(&b, "  %-8s %s\n", "help", "显示本说明（也可写 -h 或 --help）；wugeyi help 命令：只显示该命令的用法")
	return b.String()
}

// isHelp tells whether arg asks for the usage.
func isHelp(arg string) bool {
	switch arg {
	case "help", "-h", "-help", "--help":
		return true
	}
	return false
}

// windowArgs are the flags of the window.
type windowArgs struct {
	db, operator string
}

// run carries out the command line args (without the program's name): a
// subcommand, the usage, or — for no arguments or only the window's flags —
// the window, by calling window, whose exit code it returns. Anything else
// (an unknown subcommand, a wrong flag, a word left over) is refused with
// a line saying why and the usage on stderr and exit code 2; it never
// reaches window.
func run(args []string, stdout, stderr io.Writer, window func(w windowArgs, stderr io.Writer) int) int {
	refuse := func(reason string) int {
		fmt.Fprintln(stderr, reason)
		fmt.Fprint(stderr, "\n"+usage())
		return exitUsage
	}
	if len(args) > 0 && isHelp(args[0]) {
		if args[0] != "help" || len(args) == 1 {
			fmt.Fprint(stdout, usage())
			return exitOK
		}
		if len(args) > 2 {
			return refuse(fmt.Sprintf("多余的参数“%s”：wugeyi help 后面只写一个命令名。", args[2]))
		}
		c, ok := findCommand(args[1])
		if !ok {
			return refuse(fmt.Sprintf("没有“%s”这个命令。", args[1]))
		}
		fmt.Fprintln(stdout, c.name+"："+c.summary)
		for _, part := range strings.Split(c.usage, "；") {
			fmt.Fprintln(stdout, "用法："+part)
		}
		return exitOK
	}
	if handled, code := runCommand(args, stdout, stderr); handled {
		return code
	}
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return refuse(fmt.Sprintf("没有“%s”这个命令。", args[0]))
	}
	fs := flag.NewFlagSet("wugeyi", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var w windowArgs
	fs.StringVar(&w.db, "db", "", "")
	fs.StringVar(&w.operator, "operator", "", "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage())
			return exitOK
		}
		return refuse(flagReason(err) + "。")
	}
	if fs.NArg() > 0 {
		if _, ok := findCommand(fs.Arg(0)); ok {
			return refuse(fmt.Sprintf("命令 %s 要写在最前面：wugeyi %s …", fs.Arg(0), fs.Arg(0)))
		}
		return refuse(fmt.Sprintf("多余的参数“%s”。", fs.Arg(0)))
	}
	return window(w, stderr)
}

// runCommand runs the headless subcommand args[0] and returns its exit
// code. handled is false when args name no subcommand (no arguments, flags
// of the window such as -db, or an unknown word): run decides then.
func runCommand(args []string, stdout, stderr io.Writer) (handled bool, code int) {
	if len(args) == 0 {
		return false, 0
	}
	name := args[0]
	switch name {
	case "-version", "--version", "version":
		fmt.Fprintln(stdout, versionLine())
		return true, exitOK
	}
	cmd, ok := findCommand(name)
	if !ok {
		return false, 0
	}
	c := &cmdContext{name: name, usage: cmd.usage, args: args[1:], stdout: stdout, errw: stderr, fs: flag.NewFlagSet(name, flag.ContinueOnError)}
	c.fs.SetOutput(io.Discard)
	err := cmd.run(c)
	if err == nil {
		return true, exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, "用法："+cmd.usage)
		return true, exitOK
	}
	fmt.Fprintln(stderr, oneLine(c.message(err)))
	var ue usageError
	if errors.As(err, &ue) {
		return true, exitUsage
	}
	return true, exitFail
}

// cmdContext is what a subcommand works with.
type cmdContext struct {
	name, usage string
	args        []string
	stdout      io.Writer
	errw        io.Writer // progress lines; the one error line is written by runCommand
	fs          *flag.FlagSet
}

// stderr is where a command writes its progress.
func (c *cmdContext) stderr() io.Writer { return c.errw }

// usageError is a command line that is wrong; its text is the whole line
// printed, usage included.
type usageError string

func (e usageError) Error() string { return string(e) }

// refusal is a reason, already in Chinese, why a command does nothing.
type refusal string

func (e refusal) Error() string { return string(e) }

// UserMessage is the reason, for the user (app.UserError).
func (e refusal) UserMessage() string { return string(e) }

var (
	undefinedFlag = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)
	flagNeedsArg  = regexp.MustCompile(`^flag needs an argument: -+(.*)$`)
	flagBadValue  = regexp.MustCompile(`^invalid (?:value|boolean value) "(.*)" for flag -+([^:]*)`)
)

// parse parses the subcommand's flags, refusing unknown flags and extra
// arguments with one line in Chinese.
func (c *cmdContext) parse() error {
	err := c.fs.Parse(c.args)
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
		return flag.ErrHelp
	default:
		return c.usageErr("%s", flagReason(err))
	}
	if c.fs.NArg() > 0 {
		return c.usageErr("多余的参数“%s”", c.fs.Arg(0))
	}
	return nil
}

// flagReason is the Chinese reason the flag package refused a command line.
func flagReason(err error) string {
	msg := err.Error()
	if m := undefinedFlag.FindStringSubmatch(msg); m != nil {
		return "没有参数 -" + m[1]
	}
	if m := flagNeedsArg.FindStringSubmatch(msg); m != nil {
		return "参数 -" + m[1] + " 后面缺少取值"
	}
	if m := flagBadValue.FindStringSubmatch(msg); m != nil {
		return "参数 -" + m[2] + " 的值“" + m[1] + "”不是整数"
	}
	return "参数有误（" + msg + "）"
}

// usageErr says what is wrong with the command line, and how it goes.
func (c *cmdContext) usageErr(format string, a ...any) error {
	return usageError(fmt.Sprintf(format, a...) + "。用法：" + c.usage)
}

// existingDB parses the flags and returns the -db path, refusing an empty
// one and one that is not an existing, non-empty file.
func (c *cmdContext) existingDB(path *string) (string, error) {
	if err := c.parse(); err != nil {
		return "", err
	}
	p, err := c.needDB(*path)
	if err != nil {
		return "", err
	}
	return p, existingDB(p)
}

// needDB returns the -db path, refusing an empty one.
func (c *cmdContext) needDB(path string) (string, error) {
	if strings.TrimSpace(path) == "" {
		return "", c.usageErr("缺少参数 -db（数据库文件）")
	}
	return path, nil
}

// message is the one Chinese line for err: a wrong command line as it is;
// anything else is app.Message after the command's head (不能导入同步文件：…),
// but a database not set up says which command sets it up.
func (c *cmdContext) message(err error) string {
	var ue usageError
	if errors.As(err, &ue) {
		return string(ue)
	}
	var head string
	switch c.name {
	case "init":
		head = "不能初始化数据库："
	case "demo":
		head = "不能生成演示数据："
	case "card":
		head = "不能写出公钥卡："
	case "trust":
		head = "不能登记公钥卡："
	case "export":
		head = "不能导出同步文件："
	case "import":
		head = "不能导入同步文件："
	case "comment":
		head = "不能填写督办意见："
	case "print":
		head = "不能打印："
	case "xlsx-import":
		head = "不能导入 Excel 文件："
	case "xlsx-export":
		head = "不能导出 Excel 文件："
	case "assess":
		head = "不能考核："
	case "history":
		head = "不能查看修改记录："
	case "undelete":
		head = "不能恢复记录："
	case "search":
		head = "不能搜索："
	case "account":
		head = "不能管理账号："
	case "workdays":
		head = "不能推算工作日："
	default:
		head = "不能统计记录："
	}
	if errors.Is(err, app.ErrNotSetUp) {
		return head + "数据库尚未初始化：请先运行 wugeyi init -db 数据库文件 -office 机构代码 -name 单位名称 -role county|city"
	}
	return head + app.Message(err)
}

// oneLine makes s a single line.
func oneLine(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
	return strings.TrimSpace(s)
}

// sidecars are the files that opening a database may make beside it.
func sidecars(path string) []string {
	return []string{path + ".lock", path + "-wal", path + "-shm", path + "-journal"}
}

// fileState remembers which of some files exist, to remove those a failed
// command made.
type fileState map[string]bool

func stateOf(paths ...string) fileState {
	s := fileState{}
	for _, p := range paths {
		_, err := os.Lstat(p)
		s[p] = err == nil
	}
	return s
}

// removeNew removes the files that did not exist when s was taken. The
// database must be closed.
func (s fileState) removeNew() error {
	var errs []error
	for p, existed := range s {
		if existed {
			continue
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fmt.Errorf("remove %s: %w", p, err))
		}
	}
	return errors.Join(errs...)
}

// existingDB refuses a path that is not an existing, non-empty file: demo
// and stats never make a database.
func existingDB(path string) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return refusal("找不到数据库文件 " + path + "：请检查路径，新数据库请先用 wugeyi init 初始化")
	case err != nil:
		return fmt.Errorf("stat %s: %w", path, err)
	case fi.IsDir():
		return refusal(path + " 是文件夹，不是数据库文件：请用 -db 指定数据库文件")
	case fi.Size() == 0:
		return refusal("数据库文件 " + path + " 是空的，尚未初始化：请先运行 wugeyi init")
	}
	return nil
}

// withDB opens the database at path, runs fn and closes it. If anything
// fails, the files opening made are removed again, and the database file
// itself too when create is set and it did not exist before.
func withDB(path string, create bool, fn func(db *data.DB) error) (err error) {
	files := sidecars(path)
	if create {
		files = append(files, path)
	}
	before := stateOf(files...)
	db, err := data.Open(path)
	if err != nil {
		if rerr := before.removeNew(); rerr != nil {
			err = errors.Join(err, rerr)
		}
		return err
	}
	err = fn(db)
	if cerr := db.Close(); cerr != nil && err == nil {
		err = cerr
	}
	if err != nil {
		if rerr := before.removeNew(); rerr != nil {
			err = errors.Join(err, rerr)
		}
	}
	return err
}

// runInit sets up a new database for an office. It refuses a database that
// is already set up, for this office or another.
func runInit(c *cmdContext) error {
	dbPath := c.fs.String("db", "", "")
	code := c.fs.String("office", "", "")
	name := c.fs.String("name", "", "")
	role := c.fs.String("role", "", "")
	if err := c.parse(); err != nil {
		return err
	}
	path, err := c.needDB(*dbPath)
	if err != nil {
		return err
	}
	for _, f := range []struct{ flag, value, what string }{
		{"office", *code, "机构代码，例如海港区 130302"},
		{"name", *name, "单位名称，例如海港区"},
		{"role", *role, "单位类型：county 或 city"},
	} {
		if strings.TrimSpace(f.value) == "" {
			return c.usageErr("缺少参数 -%s（%s）", f.flag, f.what)
		}
	}
	o := app.Office{Code: *code, Name: *name, Role: app.Role(strings.TrimSpace(*role))}
	o.Normalize()
	if err := o.Validate(); err != nil {
		return err
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return refusal(path + " 是文件夹：请用 -db 指定数据库文件的路径")
	}
	if dir := filepath.Dir(path); dir != "" {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return refusal("文件夹 " + dir + " 不存在：请先建好这个文件夹，或用 -db 换一个路径")
		}
	}
	return withDB(path, true, func(db *data.DB) error {
		ctx := context.Background()
		old, err := db.Office(ctx)
		switch {
		case err == nil:
			return refusal(fmt.Sprintf("%s 已是%s（%s，%s）的数据库，init 只用于新数据库：请用 -db 指定一个新文件",
				path, old.Name, old.Code, old.Role.Label()))
		case !errors.Is(err, app.ErrNotSetUp):
			return err
		}
		svc, err := newService(db, cliOperator)
		if err != nil {
			return err
		}
		if err := svc.SetUp(ctx, o); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "已初始化 %s：%s（%s，%s）\n", path, o.Name, o.Code, o.Role.Label())
		return nil
	})
}

// runDemo fills a set-up, empty database with generated records of its
// office, up to today.
func runDemo(c *cmdContext) error {
	dbPath := c.fs.String("db", "", "")
	years := c.fs.Int("years", 3, "")
	seed := c.fs.Int64("seed", 1, "")
	if err := c.parse(); err != nil {
		return err
	}
	path, err := c.needDB(*dbPath)
	if err != nil {
		return err
	}
	if *years < 1 || *years > demo.MaxYears {
		return c.usageErr("参数 -years 应为1至%d的整数，现在是%d", demo.MaxYears, *years)
	}
	if err := existingDB(path); err != nil {
		return err
	}
	return withDB(path, false, func(db *data.DB) error {
		svc, err := newService(db, demoOperator)
		if err != nil {
			return err
		}
		op := svc.Op()
		n, err := demo.Fill(context.Background(), svc.Checked(), op, demo.Options{Today: app.DateOf(op.At), Years: *years, Seed: *seed})
		if err != nil {
			return err
		}
		loans := fmt.Sprintf("转贷%d笔", n.BridgeLoans)
		if n.Applications > 0 {
			loans += fmt.Sprintf("（其中报市级应急转贷基金的申请%d笔）", n.Applications)
		}
		fmt.Fprintf(c.stdout, "已生成%d年演示数据：企业%d家，联系领导%d人，责任单位%d个，分包关系%d条，走访%d次，问题%d个（办理记录%d条），"+
			"会议%d次（企业家恳谈会%d次、企业现场办公会%d次、银企对接会%d次），计划召开的会议%d次，融资需求%d项，%s\n",
			*years, n.Enterprises, n.Leaders, n.Departments, n.Assignments, n.Visits, n.Problems, n.Events,
			n.Meetings, n.Roundtables, n.OnSiteMeetings, n.BankMeetings, n.Planned, n.FinancingNeeds, loans)
		// At the city, the fund decides the counties' applications
		// already imported.
		d, err := demo.Decide(context.Background(), svc, *seed)
		if err != nil {
			return err
		}
		if d.Approved+d.Refused+d.Waiting > 0 {
			fmt.Fprintf(c.stdout, "市级应急转贷基金审批县区申请：批准放款%d笔（已归还%d笔），不予支持%d笔，待审批%d笔\n",
				d.Approved, d.Repaid, d.Refused, d.Waiting)
		}
		return nil
	})
}

// runStats prints the counts of live records as one JSON object.
func runStats(c *cmdContext) error {
	dbPath := c.fs.String("db", "", "")
	path, err := c.existingDB(dbPath)
	if err != nil {
		return err
	}
	return withDB(path, false, func(db *data.DB) error {
		svc, err := newService(db, cliOperator)
		if err != nil {
			return err
		}
		s, err := db.Stats(context.Background(), svc.Today())
		if err != nil {
			return err
		}
		b, err := json.Marshal(s)
		if err != nil {
			return fmt.Errorf("write stats: %w", err)
		}
		if _, err := c.stdout.Write(append(b, '\n')); err != nil {
			return fmt.Errorf("write stats: %w", err)
		}
		return nil
	})
}
