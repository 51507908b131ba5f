package main

// The headless sync commands: card, trust, export and import (docs/SPEC.md,
// "Sync files and ownership" and "The headless commands"). A county exchanges cards with the city bureau once, then
// sends its changes to the city and imports what the city sends back.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"wugeyi/app"
	"wugeyi/app/syncfile"
	"wugeyi/data"
)

// wired is the service over db as main wires it: changes stamped with
// operator, and sync keys made by package syncfile.
func wired(db app.Store, operator string) *app.Service {
	svc := app.NewService(db, operator)
	svc.MakeKeys = func(o app.Office, now time.Time) (app.OfficeKeys, error) {
		k, _, err := syncfile.NewKeys(o, now)
		return k, err
	}
	return svc
}

// newService is the service of a headless command: wired, and when the
// environment names an account (envOperator, envPassword) it signs in as that account,
// whose name is then the operator; a wrong password is refused. Without
// one, a database that has accounts refuses every write (the Service says
// so, naming these variables), and one without works as before.
func newService(db app.Store, operator string) (*app.Service, error) {
	svc := wired(db, operator)
	name := strings.TrimSpace(os.Getenv(envOperator))
	if name == "" {
		return svc, nil
	}
	ctx := context.Background()
	has, err := svc.HasAccounts(ctx)
	if err != nil {
		return nil, err
	}
	if !has {
		// As -operator did: the name is recorded, nothing is checked.
		svc.Operator = name
		return svc, nil
	}
	if err := svc.SignIn(ctx, name, os.Getenv(envPassword)); err != nil {
		return nil, app.Refusal(fmt.Sprintf("登录失败（环境变量 %s、%s）：%s", envOperator, envPassword, app.Message(err)))
	}
	return svc, nil
}

// The environment variables that name the account a command acts for.
const (
	envOperator    = "WUGEYI_OPERATOR"
	envPassword    = "WUGEYI_PASSWORD"
	envNewPassword = "WUGEYI_NEW_PASSWORD" // wugeyi account add and passwd
)

// runCard writes this office's public card to a file and prints its
// fingerprint, for the other office to compare by phone.
func runCard(c *cmdContext) error {
	dbPath := c.fs.String("db", "", "")
	out := c.fs.String("o", "", "")
	path, err := c.existingDB(dbPath)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*out) == "" {
		return c.usageErr("缺少参数 -o（公钥卡文件）")
	}
	return withDB(path, false, func(db *data.DB) error {
		ctx := context.Background()
		svc, err := newService(db, cliOperator)
		if err != nil {
			return err
		}
		card, err := syncfile.OwnCard(ctx, svc)
		if err != nil {
			return err
		}
		if err := writeFileAtomic(*out, syncfile.MarshalCard(card)); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "已写出%s（%s）的公钥卡 %s\n指纹：%s\n", card.Name, card.Office, *out, card.Fingerprint())
		if card.SM2() {
			fmt.Fprintf(c.stdout, "尚未升级到国密格式的单位看到的指纹：%s\n", card.OldFingerprint())
		}
		cards, err := svc.Cards(ctx)
		if err != nil {
			return err
		}
		for _, k := range cards {
			fmt.Fprintf(c.stdout, "发给%s（%s）的文件：%s\n", k.Name, k.Office, syncfile.Receives(k))
		}
		return nil
	})
}

// runTrust registers another office's card. A county trusts the city
// bureau; the city trusts the counties. A card with another key than the
// one registered for that office replaces it only with -replace.
func runTrust(c *cmdContext) error {
	dbPath := c.fs.String("db", "", "")
	replace := c.fs.Bool("replace", false, "")
	path, file, err := c.dbAndFile(dbPath, "公钥卡文件")
	if err != nil {
		return err
	}
	card, err := syncfile.ReadCard(file)
	if err != nil {
		return refusal(err.Error())
	}
	return withDB(path, false, func(db *data.DB) error {
		ctx := context.Background()
		svc, err := newService(db, cliOperator)
		if err != nil {
			return err
		}
		if err := svc.Trust(ctx, card, *replace); err != nil {
			if errors.Is(err, app.ErrNotSetUp) || errors.Is(err, app.ErrLocked) {
				return err
			}
			return refusal(strings.Replace(err.Error(), "选择“替换”", "加 -replace", 1))
		}
		fmt.Fprintf(c.stdout, "已登记%s（%s）的公钥卡\n指纹：%s（请与对方电话核对）\n发给对方的文件：%s\n", card.Name, card.Office,
			card.Fingerprint(), syncfile.Receives(card))
		return nil
	})
}

// runExport writes one sync file for the city (a county) or for one county
// (the city, with -to) into the folder -o.
func runExport(c *cmdContext) error {
	dbPath := c.fs.String("db", "", "")
	to := c.fs.String("to", "", "")
	all := c.fs.Bool("all", false, "")
	dir := c.fs.String("o", ".", "")
	path, err := c.existingDB(dbPath)
	if err != nil {
		return err
	}
	// -o names a folder (the file is named by sender, recipient, date and
	// sequence) or a file.
	outDir, outFile := *dir, ""
	if fi, err := os.Stat(*dir); err != nil || !fi.IsDir() {
		outDir, outFile = filepath.Dir(*dir), *dir
		if fi, err := os.Stat(outDir); err != nil || !fi.IsDir() {
			return refusal("文件夹 " + outDir + " 不存在：请用 -o 指定存放同步文件的文件夹（例如U盘）或文件")
		}
	}
	return withDB(path, false, func(db *data.DB) error {
		ctx := context.Background()
		svc, err := newService(db, cliOperator)
		if err != nil {
			return err
		}
		me, err := svc.Office(ctx)
		if err != nil {
			return err
		}
		peer := *to
		if peer == "" {
			if me.Role == app.RoleCity {
				return c.usageErr("市工信局导出时须用 -to 指定接收的县区机构代码")
			}
			peer = app.Offices[0].Code // the city bureau
		}
		file, m, err := syncfile.Send(ctx, svc, peer, *all, outDir, counter(c.stderr(), "已导出"))
		if err != nil {
			return err
		}
		if outFile != "" {
			if err := os.Rename(file, outFile); err != nil {
				return fmt.Errorf("rename %s: %w", file, err)
			}
			file = outFile
		}
		fmt.Fprintf(c.stdout, "已导出 %d 条记录（变更序号 %d–%d）到 %s\n", m.Records(), m.SeqFrom, m.SeqTo, file)
		return nil
	})
}

// runImport checks a sync file, prints what it would change, and unless
// -dry-run applies it in one transaction after a backup. A file with a
// record that cannot be imported is refused whole: every such record is
// printed (with -dry-run too), and the refusal names the first. What was
// imported is said only once the transaction is committed.
func runImport(c *cmdContext) error {
	dbPath := c.fs.String("db", "", "")
	dry := c.fs.Bool("dry-run", false, "")
	path, file, err := c.dbAndFile(dbPath, "同步文件")
	if err != nil {
		return err
	}
	return withDB(path, false, func(db *data.DB) error {
		ctx := context.Background()
		svc, err := newService(db, cliOperator)
		if err != nil {
			return err
		}
		plan, err := syncfile.Receive(ctx, svc, file)
		if syncfile.IsDuplicate(err) {
			fmt.Fprintln(c.stdout, err.Error()+"。")
			return nil
		}
		if plan.File != nil {
			printPlan(c.stdout, plan)
		}
		if se := (*syncfile.Error)(nil); errors.As(err, &se) {
			return refusal(err.Error())
		}
		if err != nil {
			return err
		}
		if *dry {
			fmt.Fprintln(c.stdout, "（试导入：未做任何改动）")
			return nil
		}
		done, backup, err := syncfile.Accept(ctx, svc, plan.File, counter(c.stderr(), "正在写入"))
		if se := (*syncfile.Error)(nil); errors.As(err, &se) {
			for _, r := range done.Refused { // refused as they were written
				fmt.Fprintln(c.stdout, "拒绝："+r.Text())
			}
			return refusal(err.Error())
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, done.Imported()+"。导入前的数据库已备份到 "+backup)
		return nil
	})
}

// printPlan prints what an import does, table by table, and every record
// refused.
func printPlan(w io.Writer, p syncfile.Plan) {
	m := p.File.Manifest
	fmt.Fprintf(w, "同步文件：%s 发给 %s，变更序号 %d–%d，生成于 %s\n", app.OfficeName(m.Sender), app.OfficeName(m.Recipient),
		m.SeqFrom, m.SeqTo, m.Created.Local().Format("2006-01-02 15:04"))
	fmt.Fprintf(w, "%-8s\t新增\t更新\t未变\t删除\t拒绝\n", "记录")
	for _, t := range app.SyncedTables {
		n, ok := p.Counts[t]
		if !ok {
			continue
		}
		fmt.Fprintf(w, "%-8s\t%d\t%d\t%d\t%d\t%d\n", t.Label(), n.New, n.Updated, n.Unchanged, n.Deleted, n.Refused)
	}
	for _, r := range p.Refused {
		fmt.Fprintln(w, "拒绝："+r.Text())
	}
	if len(p.Refused) > 0 {
		fmt.Fprintf(w, "有 %d 条记录不能导入，整个文件不导入（一个文件的记录要么全部导入，要么都不导入）\n", len(p.Refused))
	}
	for _, s := range p.Warnings {
		fmt.Fprintln(w, "注意："+s)
	}
}

// counter prints a running count on w, on one line that it rewrites.
func counter(w io.Writer, what string) func(done, total int) {
	return func(done, total int) {
		fmt.Fprintf(w, "\r%s %d/%d 条", what, done, total)
		if done == total {
			fmt.Fprintln(w)
		}
	}
}

// dbAndFile parses the flags with the one file argument among them and
// returns the -db path and the file, refusing a missing one (what names it).
func (c *cmdContext) dbAndFile(dbPath *string, what string) (path, file string, err error) {
	args, file := splitFileArg(c.args)
	c.args = args
	if path, err = c.existingDB(dbPath); err != nil {
		return "", "", err
	}
	if file == "" {
		return "", "", c.usageErr("缺少%s", what)
	}
	return path, file, nil
}

// splitFileArg takes the one argument that is not a flag (the file) out of
// args, so the file may come before or after the flags.
func splitFileArg(args []string) (flags []string, file string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case strings.HasPrefix(a, "-") && a != "-":
			flags = append(flags, a)
			if !strings.Contains(a, "=") && !isBoolFlag(a) && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		case file == "":
			file = a
		default:
			flags = append(flags, a) // a second file: parse refuses it
		}
	}
	return flags, file
}

// isBoolFlag reports whether a is one of the sync commands' switches.
func isBoolFlag(a string) bool {
	switch strings.TrimLeft(a, "-") {
	case "dry-run", "replace", "all", "skip-bad", "h", "help":
		return true
	}
	return false
}

// writeFileAtomic writes b to path through a temporary file in the same
// folder, so a half-written file never has the final name.
func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".wugeyi-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// runComment adds the city's comment (督办意见) to a problem of a county,
// found by its ledger number; it travels to that county in the city's next
// sync file.
func runComment(c *cmdContext) error {
	dbPath := c.fs.String("db", "", "")
	number := c.fs.String("problem", "", "")
	text := c.fs.String("text", "", "")
	author := c.fs.String("author", "", "")
	path, err := c.existingDB(dbPath)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*number) == "" {
		return c.usageErr("缺少参数 -problem（问题编号，例如 海港-2026-0001）")
	}
	return withDB(path, false, func(db *data.DB) error {
		ctx := context.Background()
		svc, err := newService(db, cliOperator)
		if err != nil {
			return err
		}
		list, err := db.Problems(ctx, app.ProblemFilter{Query: *number})
		if err != nil {
			return err
		}
		var p *app.Problem
		for i := range list {
			if list[i].Number == strings.TrimSpace(*number) {
				p = &list[i]
			}
		}
		if p == nil {
			return refusal("找不到编号为 " + *number + " 的问题：请先导入该县区的同步文件，或检查编号")
		}
		cm := app.Comment{ProblemID: p.ID, Date: svc.Today(), Text: *text, Author: *author}
		if err := svc.SaveComment(ctx, &cm); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "已对%s的问题 %s 填写督办意见，将随下一次发给%s的同步文件送达\n", app.OfficeName(p.Office), p.Number, app.OfficeName(p.Office))
		return nil
	})
}
