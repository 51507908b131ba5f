package print_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"wugeyi/app"
	"wugeyi/app/chart"
	"wugeyi/app/print"
	"wugeyi/assets"
	"wugeyi/data/datatest"
)

// noticeToday is the day the notices of these tests are computed: 2026Q1
// is over.
var noticeToday = app.D(2026, 4, 10)

// noticeCity is a city database with the problems of the counties
// Offices[1+i] for i in records, put as an import puts them, and a file
// imported from each county of reported (indexes alike) on 2 April, after
// 2026Q1. County i registered 3 problems in 2026Q1 (deadline 28 February)
// and settled i%3 of them on 1 March; it also settled on 20 January the 3
// problems it registered on 1 December 2025. The service's clock says
// noticeToday.
func noticeCity(t *testing.T, records, reported []int) (*app.Service, *datatest.Store) {
	t.Helper()
	ctx := context.Background()
	st := datatest.NewSetUp(t, app.Office{Code: app.CityCode, Name: "秦皇岛市工业和信息化局", Role: app.RoleCity})
	at := time.Date(2026, 4, 10, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	n := 0
	err := st.Update(ctx, app.Op{Operator: "导入", At: at}, func(tx app.Tx) error {
		for _, i := range records {
			code := app.Offices[1+i].Code
			put := func(registered, deadline, closed app.Date) error {
				n++
				p := app.Problem{Meta: app.Meta{ID: fmt.Sprintf("00000000-0000-4000-8000-%012d", n), Office: code, Version: 1,
					UpdatedAt: at, UpdatedBy: "张三"}, Number: fmt.Sprintf("%s-%d-%04d", code, registered.Year(), n),
					Source: "企业反映", Category: "用地", Description: "用地指标不足", Registered: registered, Deadline: deadline,
					Status: app.StatusInProgress}
				if !closed.IsZero() {
					p.Status, p.ClosedOn, p.Result = app.StatusDone, closed, "已协调解决"
				}
				data, err := json.Marshal(p)
				if err != nil {
					return err
				}
				return tx.Put(app.Change{Table: app.TableProblems, ID: p.ID, Office: code, Version: 1, Data: data})
			}
			for k := range 3 {
				var closed app.Date
				if k < i%3 {
					closed = app.D(2026, 3, 1)
				}
				if err := put(app.D(2026, 1, 15), app.D(2026, 2, 28), closed); err != nil {
					return err
				}
			}
			for range 3 {
				if err := put(app.D(2025, 12, 1), app.D(2025, 12, 31), app.D(2026, 1, 20)); err != nil {
					return err
				}
			}
		}
		for _, i := range reported {
			code := app.Offices[1+i].Code
			err := tx.LogSync(&app.SyncEntry{Direction: app.SyncImport, File: code + ".wgy", Hash: "h" + code, Peer: code,
				At: time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC), Outcome: app.SyncOK})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return &app.Service{Store: st, Operator: "市工信局", Now: func() time.Time { return at }}, st
}

// noticeOf is the notice of 2026's quarter q (the year with 0) that svc
// computes.
func noticeOf(t *testing.T, svc *app.Service, q int) app.Notice {
	t.Helper()
	n, err := svc.Notice(context.Background(), app.NoticePeriod{Year: 2026, Quarter: q})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// cityIssuer issues the notices of these tests: the city bureau by
// default, with a 抄送.
var cityIssuer = func() app.Issuer {
	s := app.DefaultSettings()
	s.CopyTo = "市政府办公室"
	return s.Issuer(app.Office{Code: app.CityCode, Name: "秦皇岛市工业和信息化局", Role: app.RoleCity})
}()

// noticePDF is the text of notice n printed at printedAt, with a chart,
// checked for the parts of a 公文 and their geometry (see checkNotice),
// and the number of whole lines of body text measured on page 1.
func noticePDF(t *testing.T, n app.Notice) (string, int) {
	t.Helper()
	c, err := chart.New(assets.UIFont)
	if err != nil {
		t.Fatal(err)
	}
	charts, err := c.PublishedDrawings(n)
	if err != nil {
		t.Fatal(err)
	}
	d, err := print.NoticeDoc(testFonts(t), cityIssuer, n, charts[:1], printedAt)
	if err != nil {
		t.Fatal(err)
	}
	b := render(t, d)
	txt := pdfText(t, b)
	dated := n.Published
	if dated.IsZero() {
		dated = app.DateOf(printedAt)
	}
	return txt, checkNotice(t, txt, words(t, b), pageSizes(t, b), dated)
}

// pageSizes are the width and height (mm) of each page of the PDF b, as
// pdfinfo reads them.
func pageSizes(t *testing.T, b []byte) [][2]float64 {
	t.Helper()
	out, err := exec.Command(tool(t, "pdfinfo"), "-f", "1", "-l", "999", writePDF(t, b)).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	var sizes [][2]float64
	for _, m := range pdfPageSize.FindAllStringSubmatch(string(out), -1) {
		w, _ := strconv.ParseFloat(m[1], 64)
		h, _ := strconv.ParseFloat(m[2], 64)
		sizes = append(sizes, [2]float64{w * 25.4 / 72, h * 25.4 / 72})
	}
	return sizes
}

// pdfPageSize is a page's size as pdfinfo says it.
var pdfPageSize = regexp.MustCompile(`Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts`)

// checkNotice checks the text and words of a notice dated on dated: the
// 版头, the title, the 主送, the 附件说明 before the 落款, the table as
// attachment 1 on a landscape page, the chart as attachment 2 on a
// portrait one, the 版记 with 抄送 and 印发 at the end; the text on page 1
// set 28 characters a line across the text block. It returns the number
// of whole lines of body text measured on page 1.
func checkNotice(t *testing.T, txt string, ws []word, sizes [][2]float64, dated app.Date) int {
	t.Helper()
	inOrder(t, txt, "秦皇岛市工业和信息化局文件", fmt.Sprintf("〔%d〕", dated.Year()), "号",
		"关于", "进展情况的通报", "各县、区人民政府，开发区、北戴河新区管委：", "现将",
		"附件：1．各县区“五个一”工作机制进展情况统计表", "2．各县区“五个一”工作机制进展情况图表",
		"秦皇岛市工业和信息化局", dated.Chinese(),
		"附件1", "各县区“五个一”工作机制进展情况统计表", "排名", "单位", "累计办结率", "备注", "说明：",
		"附件2", "各县区“五个一”工作机制进展情况图表",
		"抄送：市政府办公室。", "秦皇岛市工业和信息化局", dated.Chinese()+"印发")
	pageOf := map[string]int{}
	for _, w := range ws {
		if _, ok := pageOf[w.text]; !ok {
			pageOf[w.text] = w.page
		}
	}
	table, charts := pageOf["附件1"], pageOf["附件2"]
	if table < 2 || charts <= table || charts > len(sizes) {
		t.Fatalf("attachment 1 on page %d, attachment 2 on page %d of %d", table, charts, len(sizes))
	}
	for i, s := range sizes {
		p := i + 1
		landscape := s[0] > s[1]
		if landscape != (p >= table && p < charts) || !near(min(s[0], s[1]), 210, 0.5) || !near(max(s[0], s[1]), 297, 0.5) {
			t.Errorf("page %d is %.0f × %.0f mm; the table's pages alone are landscape A4, the others portrait", p, s[0], s[1])
		}
	}
	// The lines of the body text on page 1 from the one that starts it
	// to the last before the 附件说明 or the page's end: all but the
	// first and last from the left edge of the text block to the right,
	// 28 characters where they are all Chinese.
	const left, right = 28, 184
	var body []word
	in := false
	for _, w := range ws {
		switch {
		case w.page != 1:
		case strings.HasPrefix(w.text, "现将"):
			in = true
		case strings.HasPrefix(w.text, "附件："):
			in = false
		}
		if in && w.page == 1 && w.top < 262 { // not the page number
			body = append(body, w)
		}
	}
	if len(body) < 2 {
		t.Fatalf("only %d lines of body text on page 1", len(body))
	}
	var wide int
	for _, w := range body[1 : len(body)-1] {
		if !near(w.left, left, 0.3) || !near(w.right, right, 0.3) {
			t.Errorf("page 1: a line at %.1f–%.1f mm, want %d–%d: %q", w.left, w.right, left, right, w.text)
		}
		// A line of Chinese characters alone (no half-width digits).
		if n := utf8.RuneCountInString(w.text); n == len(w.text)/3 {
			wide++
			if n != 28 {
				t.Errorf("page 1: a line of %d characters, want 28: %q", n, w.text)
			}
		}
	}
	if len(body) > 3 && wide == 0 {
		t.Error("no line of page 1 is of Chinese characters alone")
	}
	return len(body) - 2
}

// With 2 of 9 counties reporting for 2026Q1, the notice ranks none: it
// gives the two counties' figures, names the other 7 once as not
// reported, praises and blames nobody; it is a draft, dated the day it is
// printed, and says why 山海关区 settled more problems than it registered.
// 北戴河区, whose file came in February, is among the 7 and its row says
// how far its data go.
func TestNoticeDocTwoOfNine(t *testing.T) {
	svc, _ := noticeCity(t, []int{0, 1, 2}, []int{0, 1})
	ctx := context.Background()
	err := svc.Store.Update(ctx, app.Op{Operator: "导入", At: time.Now()}, func(tx app.Tx) error {
		return tx.LogSync(&app.SyncEntry{Direction: app.SyncImport, File: "b.wgy", Hash: "hb", Peer: "130304",
			At: time.Date(2026, 2, 10, 9, 0, 0, 0, time.UTC), Outcome: app.SyncOK})
	})
	if err != nil {
		t.Fatal(err)
	}
	n := noticeOf(t, svc, 1)
	text := print.NoticeText(n)
	want := "现将2026年第一季度（统计截至2026年3月31日）各县区重点企业联系服务“五个一”工作机制进展情况通报如下。" +
		"本期报送数据的县区仅2个，不足4个，不作综合排名。" +
		"海港区登记问题3个、办结3个，累计办结率50.0%，逾期问题3个，走访0次；" +
		"山海关区登记问题3个、办结4个，累计办结率66.7%，逾期问题2个，走访0次。" +
		"北戴河区、抚宁区、青龙满族自治县、昌黎县、卢龙县、秦皇岛经济技术开发区、北戴河新区等7个县区截至统计日未报送本期数据，" +
		"表中数字为已收到的记录，请尽快报送。"
	if text != want {
		t.Errorf("the notice reads\n%s\nwant\n%s", text, want)
	}
	for _, o := range app.Offices[1:] {
		if c := strings.Count(text, o.Name); c != 1 {
			t.Errorf("%s named %d times", o.Name, c)
		}
	}
	for _, w := range []string{"前三", "靠后", "末位", "位列第一", "前两名"} {
		if strings.Contains(text, w) {
			t.Errorf("the notice says %q with 2 counties reporting", w)
		}
	}
	txt, lines := noticePDF(t, n)
	if lines < 4 {
		t.Errorf("%d whole lines of body text on page 1, want at least 4", lines)
	}
	inOrder(t, txt, "关于2026年第一季度重点企业联系服务“五个一”工作机制进展情况的通报", "（送审稿）", "不作综合排名",
		"等7个县区截至统计日未报送本期数据", "秦皇岛市工业和信息化局", "2026年3月16日", "附件1", "海港区", "山海关区", "北戴河区", "数据截至2月10日", "抚宁区", "未报送本期数据",
		"办结数含本期以前登记、本期办结的问题，其中山海关区3个、北戴河区3个，故办结问题数多于登记问题数。",
		"2026年3月16日印发")
	if strings.Contains(txt, "第1季度") {
		t.Error("the notice writes 第1季度")
	}
}

// With all 9 reporting, the notice ranks them and names three ahead and
// three behind; nobody is named as not reported; the year's notice says
// its settled problems include those of earlier years.
func TestNoticeDocNineOfNine(t *testing.T) {
	all := []int{0, 1, 2, 3, 4, 5, 6, 7, 8}
	svc, _ := noticeCity(t, all, all)
	n := noticeOf(t, svc, 1)
	// Rates 5/6 for i%3 == 2, 4/6 for 1, 3/6 for 0; ties go to the lower code.
	want := "现将2026年第一季度（统计截至2026年3月31日）各县区重点企业联系服务“五个一”工作机制进展情况通报如下。" +
		"按问题累计办结率、逾期问题数和走访次数综合排名，北戴河区、昌黎县、北戴河新区位列前三；海港区、抚宁区、卢龙县排名靠后，请加快推进。"
	if text := print.NoticeText(n); text != want {
		t.Errorf("the notice reads\n%s\nwant\n%s", text, want)
	}
	txt, _ := noticePDF(t, n)
	inOrder(t, txt, "（送审稿）", "位列前三", "1", "北戴河区", "2", "昌黎县", "9", "卢龙县",
		"其中北戴河区3个、昌黎县3个、北戴河新区3个、山海关区3个、青龙满族自治县3个、秦皇岛经济技术开发区3个，")
	if strings.Contains(txt, "未报送") {
		t.Error("with all 9 reporting the notice names one not reported")
	}

	year := noticeOf(t, svc, 0)
	// The year runs to 10 April; the files came on 2 April: nobody has reported up to the 10th.
	if text := print.NoticeText(year); !strings.HasSuffix(text, "（统计截至2026年4月10日）各县区重点企业联系服务“五个一”工作机制进展情况通报如下。"+
		"截至统计日各县区均未报送本期数据，本期不作综合排名，表中数字为已收到的记录，请各县区尽快报送。") {
		t.Errorf("the year running, files of 2 April: %s", text)
	}
	txt, _ = noticePDF(t, year)
	inOrder(t, txt, "关于2026年全年", "办结数含以前年度登记、本期办结的问题，其中山海关区3个、北戴河区3个、")
}

// A published notice is dated on the day it was published and is no
// draft.
func TestNoticeDocPublished(t *testing.T) {
	all := []int{0, 1, 2, 3, 4, 5, 6, 7, 8}
	svc, _ := noticeCity(t, all, all)
	pub, err := svc.PublishNotice(context.Background(), app.NoticePeriod{Year: 2026, Quarter: 1})
	if err != nil {
		t.Fatal(err)
	}
	n, err := pub.Notice()
	if err != nil {
		t.Fatal(err)
	}
	txt, _ := noticePDF(t, n)
	inOrder(t, txt, "关于2026年第一季度", "位列前三", "秦皇岛市工业和信息化局", "2026年4月10日")
	if strings.Contains(txt, "送审稿") || strings.Contains(txt, "2026年3月16日") {
		t.Errorf("the published notice reads as a draft:\n%s", txt)
	}
}

// A county's own figures print on one landscape page: its title, the
// period, its row and its departments.
func TestOwnFiguresDoc(t *testing.T) {
	p, err := app.ParsePeriod("2026Q1")
	if err != nil {
		t.Fatal(err)
	}
	n := app.Notice{Period: p, End: app.D(2026, 3, 31),
		Rows:  []app.NoticeRow{{Office: "130302", Leaders: 8, Enterprises: 30, Visits: 41, Raised: 12, Settled: 9, Open: 3, Overdue: 1, SettleRate: 0.75}},
		Depts: []app.DeptFigure{{Office: "130302", Dept: "区住建局", Assigned: 5, OnTime: 3, Late: 1, Open: 1, Settled: 4, AvgDays: 11}}}
	is := app.DefaultSettings().Issuer(haigang)
	d, err := print.OwnFiguresDoc(testFonts(t), is, n, printedAt)
	if err != nil {
		t.Fatal(err)
	}
	b := render(t, d)
	if dir := os.Getenv("FIGURES_PDF"); dir != "" {
		_ = os.WriteFile(dir, b, 0o644)
	}
	if d.Pages() != 1 {
		t.Errorf("%d pages, want 1", d.Pages())
	}
	if s := pageSizes(t, b); len(s) != 1 || s[0][0] < s[0][1] {
		t.Errorf("page sizes %v, want one landscape page", s)
	}
	inOrder(t, pdfText(t, b), "海港区重点企业联系服务“五个一”工作机制进展情况统计表", "（2026年第一季度，统计截至2026年3月31日）",
		"排名", "海港区", "75.0%", "说明：", "各责任单位问题办理情况", "区住建局", "说明：统计本期登记、已交办的问题，按牵头责任单位分列；")
}
