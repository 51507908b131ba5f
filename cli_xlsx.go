package main

// The xlsx subcommand: an enterprise list or a problem ledger brought in
// from an Excel/WPS workbook, and the tables handed out as workbooks
// (package app/xlsx).

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"wugeyi/app"
	"wugeyi/app/print"
	"wugeyi/app/syncfile"
	"wugeyi/app/xlsx"
	"wugeyi/data"
)

// xlsxUsage is the usage line of wugeyi xlsx.
const xlsxUsage = "wugeyi xlsx import-enterprises|import-problems|import-leaders|import-visits|import-meetings -db 数据库文件 [-dry-run] [-skip-bad] [-sheet 工作表] [-map 字段=列名,…] [-map-value 列=原值:新值 …] 文件.xlsx；" +
	"wugeyi xlsx export enterprises|problems|meetings|financing|loans|notice|visits|leaders|figures -db 数据库文件 -o 文件.xlsx " +
	"[-office 机构代码] [-status 状态]（problems）[-period 2026-03|2026Q1|2026]（notice、figures）"

// runXlsx runs wugeyi xlsx: the action comes first, then its flags.
func runXlsx(c *cmdContext) error {
	if len(c.args) == 0 || strings.HasPrefix(c.args[0], "-") {
		return c.usageErr("缺少操作：%s 或 export", strings.Join(importActions(), "、"))
	}
	action := c.args[0]
	c.args = c.args[1:]
	if action == "export" {
		c.name = "xlsx-export"
		return runXlsxExport(c)
	}
	for _, k := range importKinds {
		if action == "import-"+string(k) {
			c.name = "xlsx-import"
			return runXlsxImport(c, k)
		}
	}
	return c.usageErr("没有“%s”这种操作：可用 %s 或 export", action, strings.Join(importActions(), "、"))
}

// importKinds are the kinds wugeyi xlsx imports, as import-KIND.
var importKinds = []xlsx.Kind{xlsx.KindEnterprises, xlsx.KindProblems, xlsx.KindLeaders, xlsx.KindVisits, xlsx.KindMeetings}

// importActions are the import actions of wugeyi xlsx.
func importActions() []string {
	var l []string
	for _, k := range importKinds {
		l = append(l, "import-"+string(k))
	}
	return l
}

// valueFlags are the -map-value flags, as given: 列=原值:新值 each.
type valueFlags []string

func (v *valueFlags) String() string { return strings.Join(*v, " ") }

// Set takes one more -map-value; it is read once the kind is known.
func (v *valueFlags) Set(s string) error {
	*v = append(*v, s)
	return nil
}

// values reads the -map-value flags of an import of kind k: the command
// line is wrong when one is not 列=原值:新值; a column without values or
// a new value the column does not have is refused.
func (v valueFlags) values(c *cmdContext, k xlsx.Kind) (xlsx.Values, error) {
	vals := xlsx.Values{}
	for _, s := range v {
		col, rest, ok := strings.Cut(s, "=")
		from, to, ok2 := cutAny(rest, ":", "：")
		if !ok || !ok2 || strings.TrimSpace(col) == "" || strings.TrimSpace(from) == "" || strings.TrimSpace(to) == "" {
			return nil, c.usageErr("-map-value 的“%s”应写成 列=原值:新值，例如 企业类别=龙头企业:规模以上", s)
		}
		if err := vals.Set(k, col, from, to); err != nil {
			return nil, refusal(err.Error())
		}
	}
	return vals, nil
}

// cutAny cuts s around the first of seps it holds.
func cutAny(s string, seps ...string) (string, string, bool) {
	for _, sep := range seps {
		if a, b, ok := strings.Cut(s, sep); ok {
			return a, b, true
		}
	}
	return s, "", false
}

// runXlsxImport previews a workbook and, unless -dry-run, imports its rows
// in one transaction after a backup. A workbook with wrong rows is refused
// whole unless -skip-bad accepts the good ones.
func runXlsxImport(c *cmdContext, k xlsx.Kind) error {
	dbPath := c.fs.String("db", "", "")
	dry := c.fs.Bool("dry-run", false, "")
	skipBad := c.fs.Bool("skip-bad", false, "")
	sheet := c.fs.String("sheet", "", "")
	mapping := c.fs.String("map", "", "")
	var mapValues valueFlags
	c.fs.Var(&mapValues, "map-value", "")
	path, file, err := c.dbAndFile(dbPath, "要导入的 Excel 文件")
	if err != nil {
		return err
	}
	vals, err := mapValues.values(c, k)
	if err != nil {
		return err
	}
	b, err := syncfile.ReadFile(file, xlsx.MaxFile)
	if err != nil {
		return refusal(err.Error())
	}
	book, err := xlsx.Read(b)
	if err != nil {
		return refusal(filepath.Base(file) + "：" + err.Error())
	}
	sh, h, err := book.Sheet(*sheet, k)
	if err != nil {
		return refusal(err.Error())
	}
	m := xlsx.Guess(k, h)
	if err := applyMap(m, k, h, *mapping); err != nil {
		return c.usageErr("%v", err)
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
		p, err := xlsx.Preview(ctx, svc, me, k, sh, h, m, vals)
		if err != nil {
			return refusal(err.Error())
		}
		bad := p.Count(xlsx.Refused)
		if bad > 0 && !*dry && !*skipBad {
			first := p.Rows[0]
			for _, r := range p.Rows {
				if r.Outcome == xlsx.Refused {
					first = r
					break
				}
			}
			hint := "用 -dry-run 查看每一行的问题，改正后再导入，或加 -skip-bad 只导入无误的行"
			if len(p.Unknown) > 0 {
				u := p.Unknown[0]
				hint = fmt.Sprintf("不认识的值可用 -map-value 对应到已有的值（如 -map-value %s=%s:%s），", u.Column, u.Value, u.Values[0]) + hint
			}
			return refusal(fmt.Sprintf("工作表“%s”有%d行有误（第%d行：%s），未导入任何记录：%s", p.Sheet, bad, first.Row, first.Msg, hint))
		}
		fs, err := loadPrintFonts()
		if err != nil {
			return err
		}
		printXlsxPlan(c, p, xlsx.Unprintable(p, sh, m, func(text string) []rune { return fs.Missing(print.Song, text) }))
		if *dry {
			fmt.Fprintln(c.stdout, "（试导入：未做任何改动）")
			return nil
		}
		if p.Writes() == 0 {
			fmt.Fprintln(c.stdout, "没有需要导入的记录，未做任何改动。")
			return nil
		}
		backup, err := syncfile.Backup(ctx, svc)
		if err != nil {
			return err
		}
		if err := p.Apply(ctx, svc, counter(c.stderr(), "已导入")); err != nil {
			return refusal(err.Error())
		}
		fmt.Fprintf(c.stdout, "已导入%s：新增%d条，更新%d条。导入前的数据库已备份到 %s\n", k.Label(), p.Count(xlsx.Create), p.Count(xlsx.Update), backup)
		return nil
	})
}

// applyMap corrects the guessed mapping m with -map: 字段=列名 (or a column
// letter), separated by commas; 字段= leaves a field out.
func applyMap(m xlsx.Mapping, k xlsx.Kind, h xlsx.Header, spec string) error {
	for _, part := range strings.FieldsFunc(spec, func(r rune) bool { return r == ',' || r == '，' }) {
		field, col, ok := strings.Cut(part, "=")
		if !ok {
			return fmt.Errorf("-map 的“%s”应写成 字段=列名", part)
		}
		field, col = strings.TrimSpace(field), strings.TrimSpace(col)
		key := ""
		for _, f := range xlsx.Fields(k) {
			if f.Label == field || f.Key == field {
				key = f.Key
			}
		}
		if key == "" {
			return fmt.Errorf("-map：%s没有“%s”这个字段", k.Label(), field)
		}
		if col == "" {
			delete(m, key)
			continue
		}
		found := -1
		for i, name := range h.Columns {
			if name == col || xlsx.ColumnName(i) == strings.ToUpper(col) {
				found = i
				break
			}
		}
		if found < 0 {
			return fmt.Errorf("-map：表头（第%d行）中没有“%s”这一列", h.Row, col)
		}
		m[key] = found
	}
	return nil
}

// printXlsxPlan prints the preview: every row that is not simply new,
// the characters of imported rows the print fonts lack (unprintable, see
// xlsx.Unprintable) and the counts.
func printXlsxPlan(c *cmdContext, p *xlsx.Plan, unprintable []string) {
	for _, r := range p.Rows {
		if r.Outcome == xlsx.Create {
			continue
		}
		fmt.Fprintf(c.stdout, "%s\t第%d行\t%s\t%s\n", r.Outcome.Label(), r.Row, r.Name, r.Msg)
	}
	for _, u := range p.Unknown {
		fmt.Fprintf(c.stdout, "不认识\t%s“%s”\t%d行\t可以是%s，用 -map-value %s=%s:新值 对应\n", u.Column, u.Value, u.Rows,
			strings.Join(u.Values, "、"), u.Column, u.Value)
	}
	for _, w := range p.Words() {
		fmt.Fprintf(c.stdout, "对应\t%s“%s”→“%s”\t导入后记住，下次导入照此对应\n", w.Column, w.From, w.To)
	}
	for _, w := range unprintable {
		fmt.Fprintf(c.stdout, "注意\t%s\n", w)
	}
	if len(unprintable) > 0 {
		fmt.Fprintln(c.stdout, "注意：以上的字打印字体中没有，照常导入，打印时将印为编码，请在打印件上手写补上。")
	}
	fmt.Fprintln(c.stdout, p.Summary())
}

// runXlsxExport writes one table as a workbook.
func runXlsxExport(c *cmdContext) error {
	if len(c.args) == 0 || strings.HasPrefix(c.args[0], "-") {
		return c.usageErr("缺少要导出的表格：enterprises、problems、meetings、financing、loans、notice、visits、leaders 或 figures")
	}
	k := xlsx.ExportKind(c.args[0])
	c.args = c.args[1:]
	known := false
	for _, x := range xlsx.ExportKinds {
		known = known || x == k
	}
	if !known {
		return c.usageErr("没有“%s”这种表格：可导出 enterprises、problems、meetings、financing、loans、notice、visits、leaders 或 figures", k)
	}
	dbPath := c.fs.String("db", "", "")
	out := c.fs.String("o", "", "")
	office := c.fs.String("office", "", "")
	status := c.fs.String("status", "", "")
	period := c.fs.String("period", "", "")
	path, err := c.existingDB(dbPath)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*out) == "" {
		return c.usageErr("缺少参数 -o（要写出的 .xlsx 文件）")
	}
	if fi, err := os.Stat(filepath.Dir(*out)); err != nil || !fi.IsDir() {
		return refusal("文件夹 " + filepath.Dir(*out) + " 不存在：请用 -o 指定一个已有文件夹中的文件")
	}
	o := xlsx.Options{Office: strings.TrimSpace(*office)}
	if o.Office != "" {
		if _, ok := app.LookupOffice(o.Office); !ok {
			return c.usageErr("-office 须是机构代码（如 130302），不是“%s”", o.Office)
		}
	}
	switch {
	case *status == "逾期":
		o.Problems.Overdue = true
	case *status != "":
		if !validStatus(*status) {
			return c.usageErr("-status 须是 %s 或 逾期，不是“%s”", statusList(), *status)
		}
		o.Problems.Status = app.Status(*status)
	}
	if k == xlsx.ExportNotice || k == xlsx.ExportFigures {
		if o.Period, err = app.ParsePeriod(strings.TrimSpace(*period)); err != nil {
			return c.usageErr("%v", err)
		}
	}
	return withDB(path, false, func(db *data.DB) error {
		ctx := context.Background()
		svc, err := newService(db, cliOperator)
		if err != nil {
			return err
		}
		t, err := xlsx.Export(ctx, svc, k, o)
		if err != nil {
			return refusal(err.Error())
		}
		var b bytes.Buffer
		if err := t.Write(&b); err != nil {
			return err
		}
		if err := writeFileAtomic(*out, b.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "已写出 %s（%s，%d 行）\n", *out, k.Label(), t.Rows())
		return nil
	})
}
