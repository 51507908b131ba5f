package print_test

import (
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/makiuchi-d/gozxing"
	multiqr "github.com/makiuchi-d/gozxing/multi/qrcode"

	"wugeyi/app"
	"wugeyi/app/print"
	"wugeyi/data/datatest"
)

// slip is a problem of 海港区 assigned to the housing bureau, with the
// office's deadline rules.
func slip() print.ProblemSlip {
	p := app.Problem{Number: "海港-2026-0001", EnterpriseName: "秦皇岛耀华玻璃制品有限公司", Source: "走访", Category: "建设",
		Description: "企业新建厂房已取得用地，施工图审查后迟迟未能办理施工许可，影响二期项目开工。",
		Request:     "请协调区住建局加快办理施工许可", Registered: app.D(2026, 3, 2), Status: app.StatusAssigned,
		Handling: app.HandleAssign, LeadDept: "区住建局", SupportDepts: "区自然资源局、区行政审批局", Person: "王堃",
		Deadline: app.D(2026, 3, 23)}
	p.Office, p.ID = "130302", "6f1c2e0a-3b7d-4c1e-9a55-0d2b7c9e4f10"
	return print.ProblemSlip{Problem: p, Registrar: "李娜", AssignedOn: app.D(2026, 3, 3),
		Rules: app.DeadlineRules{DefaultDays: 15, MaxDays: 30}}
}

// The 交办单 prints the problem as the record has it, the deadline with
// the office's rule (the settings', not a fixed 30 days), and a receipt to
// cut off; both its QR codes read back as the ledger number.
func TestProblemForm(t *testing.T) {
	s := slip()
	b, txt := onePage(t)(print.ProblemForm(testFonts(t), s, printedAt))
	// pdftotext reads a table's label column before the cells beside it:
	// the labels are checked in order down the page, the values anywhere.
	inOrder(t, txt, "企业问题交办单", "交办单位：海港区", "编号：海港-2026-0001",
		"企业名称", "问题来源", "登记日期", "问题描述", "企业诉求", "牵头单位", "配合单位", "办理时限", "交办领导（签字）", "承办单位签收",
		"沿此虚线剪下", "问题办理回执", "问题编号", "问题摘要", "办理结果", "经办人（签字）")
	anywhere(t, txt, "秦皇岛耀华玻璃制品有限公司", "问题类别", "走访", "建设", "2026年3月2日", "登记人", "李娜",
		s.Problem.Description, s.Problem.Request, "区住建局", "责任人", "王堃", "区自然资源局、区行政审批局",
		"2026年3月23日前办结（一般问题15个工作日内办结）", "交办日期", "2026年3月3日", "签收日期", "承办单位（盖章）", string([]rune(s.Problem.Description)[:28])+"……")
	if strings.Contains(txt, "30个工作日") {
		t.Error("the slip states 30 working days, not the office's 15")
	}
	if got := qrCodes(t, b, 1); !slices.Equal(got, []string{"海港-2026-0001", "海港-2026-0001"}) {
		t.Errorf("QR codes read %q, want the ledger number twice (slip and receipt)", got)
	}

	// Another office's rule, and a problem not yet assigned: its deadline
	// and assignment date are left to write in.
	s.Rules.DefaultDays = 10
	s.Problem.Deadline, s.AssignedOn, s.Problem.LeadDept, s.Problem.Person = app.Date{}, app.Date{}, "", ""
	_, txt = onePage(t)(print.ProblemForm(testFonts(t), s, printedAt))
	anywhere(t, txt, "年月日前办结（一般问题10个工作日内办结）")
}

// A description of 2,000 characters (the most a problem takes) flows onto
// a second page in rows marked 续, every character inside the page, and
// the receipt follows whole.
func TestProblemFormLong(t *testing.T) {
	s := slip()
	s.Problem.Description = strings.Repeat("企业反映厂区周边道路年久失修，大型货车通行困难，雨季积水严重。", 65)[:2000*3]
	d, err := print.ProblemForm(testFonts(t), s, printedAt)
	if err != nil {
		t.Fatal(err)
	}
	if n := d.Pages(); n < 2 || n > 3 {
		t.Errorf("%d pages, want 2 or 3", n)
	}
	b := render(t, d)
	txt := pdfText(t, b)
	inOrder(t, txt, "问题描述", "问题描述（续）", "企业诉求", "问题办理回执", "经办人（签字）")
	if got, want := strings.Count(squeeze(txt), "雨季积水严重"), 64; got < want-1 {
		t.Errorf("%d of the description's %d sentences printed", got, want)
	}
	inPage(t, b)
}

// inPage checks that every word of the PDF b lies inside the A4 page's
// margins of a form (20 mm), as pdftotext -bbox places them.
func inPage(t *testing.T, b []byte) {
	t.Helper()
	out, err := exec.Command(tool(t, "pdftotext"), "-bbox", writePDF(t, b), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	const pt = 72 / 25.4
	word := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<`)
	n := 0
	for _, m := range word.FindAllStringSubmatch(string(out), -1) {
		n++
		var v [4]float64
		for i := range v {
			v[i], _ = strconv.ParseFloat(m[i+1], 64)
		}
		if v[0] < 19*pt || v[2] > (210-19)*pt || v[1] < 19*pt || v[3] > (297-19)*pt {
			t.Errorf("%q lies outside the margins: %v pt", m[5], v)
		}
	}
	if n == 0 {
		t.Fatal("pdftotext -bbox finds no word")
	}
}

// The 督办单 prints the problem as it stands on the day printed (overdue
// here), its latest progress and every comment of the city, oldest first,
// and is refused for a problem the city never commented on.
func TestSupervisionForm(t *testing.T) {
	s := slip()
	s.Problem.Deadline = app.D(2026, 3, 10)
	s.Progress = app.Event{Kind: app.ActProgress, Date: app.D(2026, 3, 6), Text: "施工图已补正，待消防审查"}
	s.Comments = []app.Comment{
		{Date: app.D(2026, 3, 11), Text: "请说明逾期原因，三日内报送进展。", Author: "秦皇岛市工业和信息化局", Meta: app.Meta{Office: app.CityCode}},
		{Date: app.D(2026, 3, 13), Text: "请区住建局主要负责同志牵头协调，本周内办结。", Meta: app.Meta{Office: app.CityCode}},
	}
	if _, err := print.SupervisionForm(testFonts(t), slip(), printedAt); err == nil || app.Message(err) == "" {
		t.Errorf("a problem without comments: %v, want a refusal", err)
	}
	b, txt := onePage(t)(print.SupervisionForm(testFonts(t), s, printedAt))
	inOrder(t, txt, "企业问题督办单", "督办单位：秦皇岛市工业和信息化局", "编号：海港-2026-0001", "承办单位",
		"企业名称", "登记日期", "问题描述", "企业诉求", "牵头单位", "办理时限", "办理进展", "督办意见",
		"督办要求", "督办事项办理回执", "办理进展", "及结果", "经办人（签字）")
	anywhere(t, txt, "海港区", "当前状态", "交办（已逾期6天）", "2026年3月10日", "2026年3月6日：施工图已补正，待消防审查", "请承办单位按督办意见抓紧办理")
	// The comments, oldest first.
	inOrder(t, txt, "2026年3月11日", "秦皇岛市工业和信息化局：请说明逾期原因，三日内报送进展。",
		"2026年3月13日", "秦皇岛市工业和信息化局：请区住建局主要负责同志牵头协调，本周内办结。")
	if got := qrCodes(t, b, 1); !slices.Equal(got, []string{"海港-2026-0001", "海港-2026-0001"}) {
		t.Errorf("QR codes read %q, want the ledger number twice", got)
	}
}

// The 签到表 lists the meeting's invitees, those present first, then
// those sitting in, then those on leave (marked so), then lines for
// others; its QR code reads back as the meeting's ID.
func TestSignInSheet(t *testing.T) {
	m := app.Meeting{Kind: app.MeetingOnSite, Format: "企业", Seq: 3, Date: app.D(2026, 3, 12), Place: "耀华玻璃二号会议室",
		Chair: "副区长张建国", Attendees: []app.Attendee{
			{Group: app.Present, Kind: "领导", Name: "副区长张建国"},
			{Group: app.Sitting, Kind: "企业", Name: "秦皇岛耀华玻璃制品有限公司"},
			{Group: app.Absent, Kind: "部门", Name: "区人社局"},
			{Group: app.Present, Kind: "部门", Name: "区住建局"},
		}}
	m.ID, m.Office = "0b9d6a5e-1f2c-4e3a-8b7c-6d5e4f3a2b1c", "130302"
	b, txt := onePage(t)(print.SignInSheet(testFonts(t), m, "秦皇岛耀华玻璃制品有限公司", printedAt))
	inOrder(t, txt, "会议签到表", "填报单位：海港区", "会议名称", "会议类型", "所在企业", "序号")
	anywhere(t, txt, "2026年第3次企业现场办公会", "企业现场办公会（企业）", "2026年3月12日", "耀华玻璃二号会议室", "副区长张建国", "单位或姓名", "类别", "参会", "签名", "联系电话")
	list := columnText(t, b, 20+170*0.07, 170*0.4, 297)
	inOrder(t, list, "副区长张建国", "区住建局", "秦皇岛耀华玻璃制品有限公司", "区人社局")
	inOrder(t, columnText(t, b, 20+170*0.63, 170*0.24, 297), "（请假）")
	// 4 invitees and 16 lines to fill, numbered 1 to 20.
	nums := columnText(t, b, 20, 170*0.07, 297)
	var want []string
	for i := range 20 {
		want = append(want, fmt.Sprint(i+1))
	}
	inOrder(t, nums, want...)
	if got := qrCodes(t, b, 1); !slices.Equal(got, []string{m.ID}) {
		t.Errorf("QR codes read %q, want the meeting's ID", got)
	}
}

// The 走访记录表 prints the visit, its mode ticked, and each problem the
// enterprise raised with how it was answered.
func TestVisitForm(t *testing.T) {
	v := app.Visit{Date: app.D(2026, 3, 5), LeaderName: "张建国", Mode: "实地", Companions: "区工信局刘洋",
		Findings: "企业一季度产值同比增长12%，新生产线已投产。", EnterpriseName: "秦皇岛耀华玻璃制品有限公司"}
	v.ID, v.Office = "3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98", "130302"
	onSpot := app.Problem{Number: "海港-2026-0002", Category: "用工", Description: "缺少熟练技工", Request: "组织专场招聘会",
		Handling: app.HandleOnSpot, Result: "区人社局当场安排3月专场招聘会"}
	assigned := slip().Problem
	r := print.VisitRecord{Visit: v, Leader: app.Leader{Name: "张建国", Post: "副区长"},
		Enterprise: app.Enterprise{Name: v.EnterpriseName, CreditCode: "91130300MA0CXXXX1X"},
		Problems:   []app.Problem{assigned, onSpot}}
	b, txt := onePage(t)(print.VisitForm(testFonts(t), r, printedAt))
	inOrder(t, txt, "重点企业走访记录表", "填报单位：海港区", "企业名称", "统一社会信用代码", "走访日期", "走访方式", "陪同人员",
		"企业参加人员", "走访情况", "企业反映的", "现场答复及", "走访领导（签字）：", "企业负责人（签字）：", "日期：2026年3月5日")
	anywhere(t, txt, "秦皇岛耀华玻璃制品有限公司", "91130300MA0CXXXX1X", "2026年3月5日", "联系领导", "副区长张建国",
		"■实地", "□电话", "□会议", "区工信局刘洋", "企业一季度产值同比增长12%，新生产线已投产。",
		"1．（建设）企业新建厂房", "（诉求：请协调区住建局加快办理施工许可）", "2．（用工）缺少熟练技工（诉求：组织专场招聘会）",
		"1．海港-2026-0001　交办区住建局，责任人王堃，2026年3月23日前办结", "2．海港-2026-0002　当场解决：区人社局当场安排3月专场招聘会")
	if got := qrCodes(t, b, 1); !slices.Equal(got, []string{v.ID}) {
		t.Errorf("QR codes read %q, want the visit's ID", got)
	}
}

// The 转贷审批表 prints the loan's amounts and dates, the four conditions
// as the review found them, the approval and the days used, and the
// fund's size from the settings.
func TestLoanForm(t *testing.T) {
	l := app.BridgeLoan{EnterpriseName: "秦皇岛耀华玻璃制品有限公司", Bank: "中国银行秦皇岛分行", Original: 8_000_000, OriginalDue: app.D(2026, 3, 20),
		Commitment: "中国银行秦皇岛分行续贷承诺函（2026年3月2日）", Conditions: []bool{true, true, false, true},
		Applied: 8_000_000, AppliedOn: app.D(2026, 3, 1), Approved: 7_500_000, ApprovedOn: app.D(2026, 3, 10),
		PaidOn: app.D(2026, 3, 18), DueBack: app.D(2026, 4, 2), Status: app.LoanPaid}
	l.ID, l.Office = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "130302"
	st := app.DefaultSettings()
	st.FundSize = 200_000_000
	r := print.LoanRecord{Loan: l, Settings: st, Enterprise: app.Enterprise{Name: l.EnterpriseName,
		CreditCode: "91130300MA0CXXXX1X", LegalRep: "赵明", Phone: "0335-3012345"}}
	b, txt := onePage(t)(print.LoanForm(testFonts(t), r, printedAt))
	inOrder(t, txt, "应急转贷申请审批表", "填报单位：海港区", "企业名称", "统一社会信用代码", "法定代表人", "原贷款银行",
		"原贷款到期日", "申请日期", "使用天数", "续贷银行意见", "企业承诺", "县（区）工信部门", "基金管理机构",
		"放款日期", "实际归还日期", "注：", "规模2亿元")
	anywhere(t, txt, "秦皇岛耀华玻璃制品有限公司", "91130300MA0CXXXX1X", "赵明", "0335-3012345", "中国银行秦皇岛分行",
		"原贷款（万元）", "800", "2026年3月20日", "申请转贷（万元）", "2026年3月1日", "当前状态", "放款",
		"15天（自2026年3月18日至2026年4月2日）", "续贷承诺：中国银行秦皇岛分行续贷承诺函（2026年3月2日）",
		"■符合产业导向　■企业运行正常", "□自身转贷困难　■符合银行续贷条件", "（未勾选的条件经审核不符合）",
		"同意转贷金额：750万元，使用期限：15天。", "2026年3月10日", "2026年3月18日", "约定归还日期", "2026年4月2日")
	if strings.Contains(txt, "750万元，使用期限：15天。\n") && strings.Contains(txt, "使用费（万元）0") {
		t.Error("a fee printed for a loan not yet repaid")
	}
	if got := qrCodes(t, b, 1); !slices.Equal(got, []string{l.ID}) {
		t.Errorf("QR codes read %q, want the loan's ID", got)
	}
}

// The blank 交办单 states the office's deadline rule, and the blank
// 转贷审批表 the fund's size, as the settings say.
func TestBlankFormsFollowSettings(t *testing.T) {
	st := app.DefaultSettings()
	st.DeadlineDays, st.FundSize = 20, 150_000_000
	office := app.Office{Code: "130302", Name: "海港区", Role: app.RoleCounty}
	d, err := print.BlankForm(testFonts(t), print.FormProblem, office, st, printedAt)
	if err != nil {
		t.Fatal(err)
	}
	anywhere(t, pdfText(t, render(t, d)), "前办结（一般问题20个工作日内办结）")
	d, err = print.BlankForm(testFonts(t), print.FormLoan, office, st, printedAt)
	if err != nil {
		t.Fatal(err)
	}
	anywhere(t, pdfText(t, render(t, d)), "规模15000万元")
	if _, err := print.BlankForm(testFonts(t), print.FormSupervise, office, st, printedAt); err == nil {
		t.Error("a blank 督办单: no error")
	}
}

// onePage returns a check of a document laid out on one page: it fails
// the test on an error or another number of pages, and gives the PDF and
// its text (see pdfText).
func onePage(t *testing.T) func(*print.Doc, error) ([]byte, string) {
	return func(d *print.Doc, err error) ([]byte, string) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		if n := d.Pages(); n != 1 {
			t.Errorf("%d pages, want 1", n)
		}
		b := render(t, d)
		return b, pdfText(t, b)
	}
}

// anywhere checks that each of want is in the text got, in any order.
func anywhere(t *testing.T, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		inOrder(t, got, w)
	}
}

// qrCodes are the texts of the QR codes on page of the PDF b, top to
// bottom, as a decoder reads them from the page rendered at 200 dpi.
func qrCodes(t *testing.T, b []byte, page int) []string {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, "page")
	p := fmt.Sprint(page)
	if msg, err := exec.Command(tool(t, "pdftoppm"), "-r", "200", "-png", "-f", p, "-l", p, "-singlefile",
		writePDF(t, b), out).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, msg)
	}
	f, err := os.Open(out + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	hints := map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true}
	rs, err := multiqr.NewQRCodeMultiReader().DecodeMultiple(bmp, hints)
	if err != nil {
		t.Fatalf("no QR code read on page %d: %v", page, err)
	}
	slices.SortFunc(rs, func(a, b *gozxing.Result) int {
		return int(a.GetResultPoints()[0].GetY() - b.GetResultPoints()[0].GetY())
	})
	var texts []string
	for _, r := range rs {
		texts = append(texts, r.GetText())
	}
	return texts
}

// The 转贷审批表 of a county's application to the city fund prints the
// city's approval from its decision, and the note names the city fund.
func TestLoanFormOfCityFund(t *testing.T) {
	ctx := context.Background()
	st := datatest.NewSetUp(t, app.Office{Code: "130302", Name: "海港区", Role: app.RoleCounty})
	svc := app.NewService(st, "测试员")
	svc.Now = func() time.Time { return printedAt }
	e := app.Enterprise{Name: "秦皇岛耀华玻璃制品有限公司", CreditCode: datatest.CreditCode(1)}
	if err := svc.SaveEnterprise(ctx, &e); err != nil {
		t.Fatal(err)
	}
	day := app.DateOf(printedAt)
	l := app.BridgeLoan{EnterpriseID: e.ID, Bank: "中国银行秦皇岛分行", Original: 8_000_000, OriginalDue: day, Applied: 8_000_000,
		AppliedOn: day.AddDays(-9), Commitment: "中国银行秦皇岛分行续贷承诺函", TermDays: 12}
	if err := svc.SaveBridgeLoan(ctx, &l); err != nil {
		t.Fatal(err)
	}
	d := app.LoanDecision{Meta: app.Meta{ID: "00000000-0000-4000-8000-0000000000d1", Office: app.CityCode, Version: 1, UpdatedAt: printedAt, UpdatedBy: "市金融办"},
		LoanID: l.ID, LoanOffice: "130302", Outcome: app.LoanGranted, Date: day.AddDays(-5), Approved: 7_000_000,
		PaidOn: day.AddDays(-5), DueBack: day.AddDays(7)}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Update(ctx, svc.Op(), func(tx app.Tx) error {
		return tx.Put(app.Change{Seq: 1, Table: app.TableLoanDecisions, ID: d.ID, Office: app.CityCode, Version: 1, Data: b})
	}); err != nil {
		t.Fatal(err)
	}
	_, txt := onePage(t)(print.Filled(ctx, st, testFonts(t), print.FormLoan, l.ID, printedAt))
	anywhere(t, txt, "同意转贷金额：700万元，使用期限：12天", "续贷承诺：中国银行秦皇岛分行续贷承诺函", "市级应急转贷基金")
}

// The 签到表 of a planned meeting, read from the store, lists its
// invitees to sign, in the order invited, and names the meeting by its
// planned day; once held, it lists the attendees marked then.
func TestSignInSheetOfPlannedMeeting(t *testing.T) {
	ctx := context.Background()
	st := datatest.NewSetUp(t, app.Office{Code: "130302", Name: "海港区", Role: app.RoleCounty})
	svc := app.NewService(st, "测试员")
	svc.Now = func() time.Time { return printedAt }
	day := app.DateOf(printedAt).AddDays(3)
	m := app.Meeting{State: app.MeetingPlanned, Kind: app.MeetingBank, Format: "对接会", Date: day, Place: "区政府第三会议室",
		Invitees: []app.Attendee{{Kind: "领导", Name: "副区长张建国"}, {Kind: "银行", Name: "中国银行秦皇岛分行"}, {Kind: "企业", Name: "秦皇岛耀华玻璃制品有限公司"}}}
	if err := svc.SaveMeeting(ctx, &m, nil); err != nil {
		t.Fatal(err)
	}
	b, txt := onePage(t)(print.Filled(ctx, st, testFonts(t), print.FormSignIn, m.ID, printedAt))
	anywhere(t, txt, day.Chinese()+"银企对接会", "区政府第三会议室")
	inOrder(t, columnText(t, b, 20+170*0.07, 170*0.4, 297), "副区长张建国", "中国银行秦皇岛分行", "秦皇岛耀华玻璃制品有限公司")
	inOrder(t, columnText(t, b, 20+170*0.55, 170*0.08, 297), "邀请", "邀请", "邀请")

	svc.Now = func() time.Time { return printedAt.AddDate(0, 0, 3) }
	h := app.HoldPlanned(m, svc.Today())
	h.Chair = "副区长张建国"
	h.Attendees[1].Group = app.Absent
	if err := svc.SaveMeeting(ctx, &h, nil); err != nil {
		t.Fatal(err)
	}
	b, txt = onePage(t)(print.Filled(ctx, st, testFonts(t), print.FormSignIn, m.ID, printedAt))
	anywhere(t, txt, fmt.Sprintf("%d年第1次银企对接会", day.Year()))
	inOrder(t, columnText(t, b, 20+170*0.07, 170*0.4, 297), "副区长张建国", "秦皇岛耀华玻璃制品有限公司", "中国银行秦皇岛分行")
	inOrder(t, columnText(t, b, 20+170*0.63, 170*0.24, 297), "（请假）")
}
