package main

// The print subcommand: minutes, the assessment form, the problem ledger
// and the blank forms as PDF files, and the minutes and the notice as
// Word documents too (docs/SPEC.md, "Printing").

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"wugeyi/app"
	"wugeyi/app/chart"
	"wugeyi/app/print"
	"wugeyi/assets"
	"wugeyi/data"
)

// printUsage is the usage line of wugeyi print.
const printUsage = "wugeyi print minutes|assessment|ledger|notice|figures|form|profile -db 数据库文件 -o 文件.pdf [选项]；" +
	"minutes -meeting 会议ID或latest；assessment -office 机构代码 -year 年份 [-blank]；ledger [-status 状态|在办|逾期] [-office 机构代码]；" +
	"notice -period 2026-03|2026Q1|2026（市工信局）；figures -period 2026Q1 等（本单位工作情况统计表）；" +
	"minutes、notice 的 -o 以 .docx 结尾（或加 -format docx）时写出 Word 文档，供修改后签发；" +
	"form -form visit|problem|signin|financing|loan（空白表）；" +
	"form -form problem|supervise -problem 问题编号、-form signin -meeting 会议ID、-form visit -visit 走访ID、-form loan -loan 转贷ID（按记录填写）；" +
	"profile -enterprise 企业ID、统一社会信用代码或企业全称（一企一档，一页）"

// runPrint writes one document as a PDF file, or the minutes or the
// notice as a Word document when -o ends in .docx or -format is docx.
// The kind comes first, then its flags.
func runPrint(c *cmdContext) error {
	if len(c.args) == 0 || strings.HasPrefix(c.args[0], "-") {
		return c.usageErr("缺少要打印的文件种类（minutes、assessment、ledger、notice、figures、form 或 profile）")
	}
	kind := c.args[0]
	c.args = c.args[1:]
	dbPath := c.fs.String("db", "", "")
	out := c.fs.String("o", "", "")
	format := c.fs.String("format", "", "")
	var build func(ctx context.Context, db *data.DB, svc *app.Service, fs *print.Fonts) (*print.Doc, error)
	// word writes the document as .docx, for the kinds that have one.
	var word func(ctx context.Context, db *data.DB, svc *app.Service) (*print.Word, error)
	switch kind {
	case "minutes":
		id := c.fs.String("meeting", "", "")
		build = func(ctx context.Context, db *data.DB, svc *app.Service, fs *print.Fonts) (*print.Doc, error) {
			m, is, enterprise, err := minutesOf(ctx, c, db, *id)
			if err != nil {
				return nil, err
			}
			return print.MinutesBy(fs, m, is, enterprise, svc.Now())
		}
		word = func(ctx context.Context, db *data.DB, svc *app.Service) (*print.Word, error) {
			m, is, enterprise, err := minutesOf(ctx, c, db, *id)
			if err != nil {
				return nil, err
			}
			return print.MinutesWord(m, is, enterprise, svc.Now())
		}
	case "assessment":
		office := c.fs.String("office", "", "")
		year := c.fs.Int("year", 0, "")
		blank := c.fs.Bool("blank", false, "")
		build = func(ctx context.Context, db *data.DB, svc *app.Service, fs *print.Fonts) (*print.Doc, error) {
			return printAssessment(ctx, c, svc, fs, *office, *year, *blank)
		}
	case "ledger":
		status := c.fs.String("status", "", "")
		office := c.fs.String("office", "", "")
		build = func(ctx context.Context, db *data.DB, svc *app.Service, fs *print.Fonts) (*print.Doc, error) {
			return printLedger(ctx, c, db, fs, *office, *status, svc.Today(), svc.Now())
		}
	case "notice":
		period := c.fs.String("period", "", "")
		build = func(ctx context.Context, db *data.DB, svc *app.Service, fs *print.Fonts) (*print.Doc, error) {
			is, n, err := noticeOf(ctx, c, svc, *period)
			if err != nil {
				return nil, err
			}
			charts, err := noticeCharts(ctx, svc, n, (*chart.Charts).NoticeDrawings)
			if err != nil {
				return nil, err
			}
			return print.NoticeDoc(fs, is, n, charts, svc.Now())
		}
		word = func(ctx context.Context, db *data.DB, svc *app.Service) (*print.Word, error) {
			is, n, err := noticeOf(ctx, c, svc, *period)
			if err != nil {
				return nil, err
			}
			charts, err := noticeCharts(ctx, svc, n, (*chart.Charts).Notice)
			if err != nil {
				return nil, err
			}
			return print.NoticeWord(is, n, charts, svc.Now())
		}
	case "figures":
		period := c.fs.String("period", "", "")
		build = func(ctx context.Context, db *data.DB, svc *app.Service, fs *print.Fonts) (*print.Doc, error) {
			me, err := svc.Office(ctx)
			if err != nil {
				return nil, err
			}
			is, n, err := figuresOf(ctx, c, svc, me, *period, svc.OwnFigures)
			if err != nil {
				return nil, err
			}
			return print.OwnFiguresDoc(fs, is, n, svc.Now())
		}
	case "form":
		form := c.fs.String("form", "", "")
		var rec formRecord
		c.fs.StringVar(&rec.problem, "problem", "", "")
		c.fs.StringVar(&rec.meeting, "meeting", "", "")
		c.fs.StringVar(&rec.visit, "visit", "", "")
		c.fs.StringVar(&rec.loan, "loan", "", "")
		build = func(ctx context.Context, db *data.DB, svc *app.Service, fs *print.Fonts) (*print.Doc, error) {
			return printForm(ctx, c, svc, fs, *form, rec)
		}
	case "profile":
		key := c.fs.String("enterprise", "", "")
		build = func(ctx context.Context, db *data.DB, svc *app.Service, fs *print.Fonts) (*print.Doc, error) {
			id, err := enterpriseOf(ctx, c, svc, *key)
			if err != nil {
				return nil, err
			}
			p, err := svc.Profile(ctx, id)
			if err != nil {
				return nil, err
			}
			return print.ProfileForm(fs, p, svc.Now())
		}
	default:
		return c.usageErr("没有“%s”这种文件：可打印 minutes、assessment、ledger、notice、figures、form 或 profile", kind)
	}
	path, err := c.existingDB(dbPath)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*out) == "" {
		return c.usageErr("缺少参数 -o（要写出的 PDF 文件）")
	}
	docx := strings.EqualFold(filepath.Ext(*out), ".docx")
	switch *format {
	case "":
	case "pdf":
		docx = false
	case "docx":
		docx = true
	default:
		return c.usageErr("-format 须是 pdf 或 docx，不是“%s”", *format)
	}
	if docx && word == nil {
		return c.usageErr("只有 minutes（纪要）和 notice（通报）能写成 Word 文档（.docx）")
	}
	if fi, err := os.Stat(filepath.Dir(*out)); err != nil || !fi.IsDir() {
		return refusal("文件夹 " + filepath.Dir(*out) + " 不存在：请用 -o 指定一个已有文件夹中的文件")
	}
	if docx {
		return withDB(path, false, func(db *data.DB) error {
			svc, err := newService(db, cliOperator)
			if err != nil {
				return err
			}
			w, err := word(context.Background(), db, svc)
			if err != nil {
				return err
			}
			if err := w.WriteFile(*out); err != nil {
				return err
			}
			fmt.Fprintf(c.stdout, "已写出 %s（Word 文档，可修改后签发）\n", *out)
			return nil
		})
	}
	fs, err := loadPrintFonts()
	if err != nil {
		return err
	}
	return withDB(path, false, func(db *data.DB) error {
		ctx := context.Background()
		svc, err := newService(db, cliOperator)
		if err != nil {
			return err
		}
		d, err := build(ctx, db, svc, fs)
		if err != nil {
			return err
		}
		if err := d.WriteFile(*out); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "已写出 %s（%d 页）\n", *out, d.Pages())
		if m := d.Missing(); len(m) > 0 {
			fmt.Fprintln(c.stderr(), "注意："+(&print.MissingError{Runes: m}).Error())
		}
		return nil
	})
}

// noticeOf is the city's progress notice of period (2026Q1, 2026H1,
// 2026…) and its issuer, refused at a county and for a period not yet
// begun.
func noticeOf(ctx context.Context, c *cmdContext, svc *app.Service, period string) (app.Issuer, app.Notice, error) {
	me, err := svc.Office(ctx)
	if err != nil {
		return app.Issuer{}, app.Notice{}, err
	}
	if me.Role != app.RoleCity {
		return app.Issuer{}, app.Notice{}, refusal("进展情况通报由市工信局根据各县区报送的数据生成，县区不能生成；本单位的工作情况统计表请用 wugeyi print figures")
	}
	return figuresOf(ctx, c, svc, me, period, svc.Notice)
}

// figuresOf is office me's issuer and the figures compute gives for period
// (2026Q1, 2026H1, 2026…), refused for a period not yet begun.
func figuresOf(ctx context.Context, c *cmdContext, svc *app.Service, me app.Office, period string,
	compute func(context.Context, app.NoticePeriod) (app.Notice, error)) (app.Issuer, app.Notice, error) {
	p, err := app.ParsePeriod(strings.TrimSpace(period))
	if err != nil {
		return app.Issuer{}, app.Notice{}, c.usageErr("%v", err)
	}
	if p.From().After(svc.Today()) {
		return app.Issuer{}, app.Notice{}, c.usageErr("%s 还没有开始，没有可通报的数据", p.Label())
	}
	n, err := compute(ctx, p)
	if err != nil {
		return app.Issuer{}, app.Notice{}, err
	}
	st, err := svc.Settings(ctx)
	if err != nil {
		return app.Issuer{}, app.Notice{}, err
	}
	return st.Issuer(me), n, nil
}

// enterpriseOf is the ID of the enterprise key names: its ID, its credit
// code or its full name.
func enterpriseOf(ctx context.Context, c *cmdContext, svc *app.Service, key string) (string, error) {
	key = strings.TrimSpace(key)
	if key == "" {
		return "", c.usageErr("缺少参数 -enterprise（企业ID、统一社会信用代码或企业全称）")
	}
	if e, err := svc.Enterprise(ctx, key); err == nil {
		return e.ID, nil
	} else if !errors.Is(err, app.ErrNotFound) {
		return "", err
	}
	l, err := svc.Enterprises(ctx, app.EnterpriseFilter{Query: key})
	if err != nil {
		return "", err
	}
	for _, e := range l {
		if e.Name == key || strings.EqualFold(e.CreditCode, key) {
			return e.ID, nil
		}
	}
	return "", refusal("没有找到企业“" + key + "”：请用企业ID、统一社会信用代码或企业全称")
}

// formRecord names the record a form is filled from: at most one of
// -problem (a ledger number or ID), -meeting, -visit and -loan (IDs).
type formRecord struct{ problem, meeting, visit, loan string }

// printForm lays out the paper form named by form: filled from the record
// rec names, or blank when it names none.
func printForm(ctx context.Context, c *cmdContext, svc *app.Service, fs *print.Fonts, form string, rec formRecord) (*print.Doc, error) {
	k, ok := print.ParseFormKind(form)
	if !ok {
		return nil, c.usageErr("-form 须是 visit、problem、supervise、signin、financing 或 loan，不是“%s”", form)
	}
	// Each kind takes its record from one flag; any other is a mistake.
	flags := []struct {
		name, value string
		kinds       []print.FormKind
	}{
		{"-problem", rec.problem, []print.FormKind{print.FormProblem, print.FormSupervise}},
		{"-meeting", rec.meeting, []print.FormKind{print.FormSignIn}},
		{"-visit", rec.visit, []print.FormKind{print.FormVisit}},
		{"-loan", rec.loan, []print.FormKind{print.FormLoan}},
	}
	var key string
	for _, f := range flags {
		if strings.TrimSpace(f.value) == "" {
			continue
		}
		if !slices.Contains(f.kinds, k) {
			return nil, c.usageErr("%s 只用于 -form %s，不用于 -form %s", f.name, f.kinds[0], k)
		}
		key = f.value
	}
	if key != "" {
		return print.Filled(ctx, svc, fs, k, key, svc.Now())
	}
	if k == print.FormSupervise {
		return nil, c.usageErr("督办单须用 -problem 指定问题编号（如 海港-2026-0001）")
	}
	me, err := svc.Office(ctx)
	if err != nil {
		return nil, err
	}
	st, err := svc.Settings(ctx)
	if err != nil {
		return nil, err
	}
	return print.BlankForm(fs, k, me, st, svc.Now())
}

// minutesOf is the meeting with id, or this office's latest meeting for
// "latest", with the body that issues its minutes and the enterprise it
// was held at ("" for none).
func minutesOf(ctx context.Context, c *cmdContext, db *data.DB, id string) (m app.Meeting, is app.Issuer, enterprise string, err error) {
	switch strings.TrimSpace(id) {
	case "":
		return m, is, "", c.usageErr("缺少参数 -meeting（会议ID，或 latest 表示本单位最近一次会议）")
	case "latest":
		me, err := db.Office(ctx)
		if err != nil {
			return m, is, "", err
		}
		l, err := db.Meetings(ctx, app.MeetingFilter{Office: me.Code, Limit: 1, HeldOnly: true})
		if err != nil {
			return m, is, "", err
		}
		if len(l) == 0 {
			return m, is, "", refusal("本单位还没有会议记录，没有纪要可打印")
		}
		m = l[0]
	default:
		if m, err = db.Meeting(ctx, id); errors.Is(err, app.ErrNotFound) {
			return m, is, "", refusal("找不到会议 " + id + "：请检查会议ID，或用 -meeting latest 打印最近一次会议的纪要")
		} else if err != nil {
			return m, is, "", err
		}
	}
	if m.EnterpriseID != "" {
		e, err := db.Enterprise(ctx, m.EnterpriseID)
		if err != nil && !errors.Is(err, app.ErrNotFound) {
			return m, is, "", err
		}
		enterprise = e.Name
	}
	// The issuing body set up in 设置 signs this office's minutes; another
	// office's meeting is signed with that office's default.
	is = app.DefaultSettings().Issuer(officeOf(m.Office))
	if me, err := db.Office(ctx); err == nil && me.Code == m.Office {
		st, err := db.Settings(ctx)
		if err != nil {
			return m, is, "", err
		}
		is = st.Issuer(me)
	}
	return m, is, enterprise, nil
}

// printAssessment lays out the assessment form of office for year: blank,
// as published, or filled from the records and the hand scores.
func printAssessment(ctx context.Context, c *cmdContext, svc *app.Service, fs *print.Fonts, office string, year int, blank bool) (*print.Doc, error) {
	o, ok := app.LookupOffice(office)
	if !ok {
		return nil, c.usageErr("-office 须是县区的机构代码（如 130302），不是“%s”", office)
	}
	if year < 2017 || year > svc.Today().Year() {
		return nil, c.usageErr("-year 须是 2017 到 %d 之间的年份", svc.Today().Year())
	}
	a, err := svc.AssessmentForm(ctx, o.Code, year, blank)
	if err != nil {
		return nil, err
	}
	stamp, err := svc.AssessmentStamp(ctx, o.Code, year)
	if err != nil {
		return nil, err
	}
	return print.AssessmentForm(fs, a, o.Name, stamp, svc.Now())
}

// printLedger lays out the problem ledger of office ("" for every office
// in the database), of one status when status is set ("在办" for every
// open status, "逾期" for the overdue). The city's ledger carries its
// comments (督办意见).
func printLedger(ctx context.Context, c *cmdContext, db *data.DB, fs *print.Fonts, office, status string, today app.Date, at time.Time) (*print.Doc, error) {
	f := app.ProblemFilter{Office: office, Today: today}
	var filter []string
	open := false
	switch status {
	case "":
	case "逾期":
		f.Overdue = true
		filter = append(filter, "逾期未办结")
	case ledgerOpen:
		open = true
		filter = append(filter, "状态："+ledgerOpen+"（"+strings.Join(openStatuses(), "、")+"）")
	default:
		if !validStatus(status) {
			return nil, c.usageErr("-status 须是 %s、%s 或 逾期，不是“%s”", statusList(), ledgerOpen, status)
		}
		f.Status = app.Status(status)
		filter = append(filter, "状态："+status)
	}
	me, err := db.Office(ctx)
	if err != nil {
		return nil, err
	}
	st, err := db.Settings(ctx)
	if err != nil {
		return nil, err
	}
	f.Calendar = st.Calendar
	info := print.LedgerInfo{Title: me.Name, Office: office, Filter: strings.Join(filter, "；"), Today: today,
		Calendar: st.Calendar, City: me.Role == app.RoleCity}
	switch {
	case office != "":
		o, ok := app.LookupOffice(office)
		if !ok {
			return nil, c.usageErr("-office 须是机构代码（如 130302），不是“%s”", office)
		}
		info.Title = o.Name
	case info.City:
		info.Title = "全市"
	}
	ps, err := db.Problems(ctx, f)
	if err != nil {
		return nil, err
	}
	if open {
		ps = slices.DeleteFunc(ps, func(p app.Problem) bool { return !p.Status.Open() })
	}
	if info.City {
		if info.Comments, err = db.Comments(ctx, app.CommentFilter{}); err != nil {
			return nil, err
		}
	}
	return print.Ledger(fs, ps, info, at)
}

// ledgerOpen is the -status of print ledger that selects every open
// status.
const ledgerOpen = "在办"

// openStatuses are the statuses of a problem still being handled.
func openStatuses() []string {
	var l []string
	for _, st := range app.Statuses {
		if st.Open() {
			l = append(l, string(st))
		}
	}
	return l
}

func validStatus(s string) bool {
	for _, st := range app.Statuses {
		if string(st) == s {
			return true
		}
	}
	return false
}

func statusList() string {
	var l []string
	for _, st := range app.Statuses {
		l = append(l, string(st))
	}
	return strings.Join(l, "、")
}

// officeOf is the office with code, or one named by its code alone when
// the code is not one of the city's.
func officeOf(code string) app.Office {
	if o, ok := app.LookupOffice(code); ok {
		return o.Office
	}
	return app.Office{Code: code, Name: code}
}

// noticeCharts draws the charts notice n carries with draw (as vector
// drawings for the PDF, as PNG for the .docx).
func noticeCharts[T any](ctx context.Context, svc *app.Service, n app.Notice, draw func(*chart.Charts, app.Notice, []app.TrendPoint) (T, error)) (T, error) {
	var none T
	c, err := chart.New(assets.UIFont)
	if err != nil {
		return none, err
	}
	trend, err := svc.Trend(ctx, n.Period.Year, n.End)
	if err != nil {
		return none, err
	}
	return draw(c, n, trend)
}

// loadPrintFonts reads the faces documents are printed in.
func loadPrintFonts() (*print.Fonts, error) {
	return print.Load(print.Files{Song: assets.PrintSong, Hei: assets.UIFont, FangSong: assets.PrintFang,
		Kai: assets.PrintKai, TitleSong: assets.PrintTitle, Num: assets.PrintNum})
}
