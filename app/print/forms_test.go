package print_test

import (
	"testing"

	"wugeyi/app"
	"wugeyi/app/print"
)

// Each blank form prints on one page, headed by its title and the office,
// with its labels in reading order (pdftotext reads a table's label column
// before the cells beside it, so the order checked is that of the labels
// down the page) and its printed options and notes.
func TestBlankForms(t *testing.T) {
	office := app.Office{Code: "130302", Name: "海港区", Role: app.RoleCounty}
	tests := []struct {
		kind  print.FormKind
		order []string // in reading order
		also  []string // anywhere
	}{
		{print.FormVisit,
			[]string{"重点企业走访记录表", "填报单位：海港区", "企业名称", "统一社会信用代码", "走访日期", "走访方式",
				"陪同人员及联络员", "企业参加人员", "企业生产经营情况", "企业反映的", "困难和诉求", "现场答复及", "处理意见",
				"走访领导（签字）：", "企业负责人（签字）：", "日期："},
			[]string{"编号：", "联系领导", "□实地走访", "□座谈", "□电话", "1．", "2．", "3．",
				"□当场解决", "□交办（另填问题交办单）", "□依法依规不能办理，已做好解释"}},
		{print.FormProblem,
			[]string{"企业问题交办单", "填报单位：海港区", "企业名称", "问题来源", "问题类别", "登记日期", "问题描述", "企业诉求",
				"牵头单位", "配合单位", "办理时限", "交办领导（签字）", "承办单位签收", "办理结果", "回访情况", "满意度"},
			[]string{"编号：", "□走访", "□企业家恳谈会", "□现场办公会", "□银企对接会", "□企业反映",
				"□规划", "□用地", "□建设", "□融资", "□用工", "□环保", "□审批", "□政策", "□其他",
				"责任人", "前办结（一般问题15个工作日内办结）", "交办日期", "签收日期", "回访人：",
				"□满意", "□基本满意", "□不满意"}},
		{print.FormSignIn,
			[]string{"会议签到表", "填报单位：海港区", "会议名称", "会议类型", "主持人", "序号",
				"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"},
			[]string{"□企业家恳谈会", "□现场办公会", "□银企对接会", "记录人", "姓名", "单位", "职务", "联系电话", "签到时间"}},
		{print.FormFinancing,
			[]string{"企业融资需求表", "填报单位：海港区", "企业名称", "统一社会信用代码", "所属行业", "联系电话", "融资期限",
				"融资用途", "担保方式", "抵（质）押物", "企业近两年主要财务数据", "项目",
				"营业收入（万元）", "利润总额（万元）", "资产总额（万元）", "负债总额（万元）", "企业申明", "受理单位意见"},
			[]string{"联系人", "融资金额（万元）", "意向银行", "个月", "□抵押", "□质押", "□保证", "□信用", "□其他",
				"上年", "本年", "以上情况属实", "企业（盖章）", "经办人（签字）："}},
		{print.FormLoan,
			[]string{"应急转贷申请审批表", "填报单位：海港区", "企业名称", "统一社会信用代码", "法定代表人", "原贷款银行",
				"原贷款到期日", "使用天数", "续贷银行意见", "企业承诺", "县（区）工信部门", "基金管理机构", "注：", "1亿元"},
			[]string{"联系电话", "原贷款金额（万元）", "申请转贷金额（万元）", "天（自",
				"本企业承诺：所提供材料真实有效，应急转贷资金专款专用，仅用于归还上述到期银行贷款，续贷资金到位后按期归还。",
				"法定代表人（签字）：", "企业（盖章）", "□符合产业导向", "□企业运行正常", "□自身转贷困难", "□符合银行续贷条件",
				"审核意见", "同意转贷金额：", "审批意见", "负责人（签字）："}},
	}
	if len(tests) != len(print.FormKinds) {
		t.Fatalf("%d kinds tested, %d listed", len(tests), len(print.FormKinds))
	}
	for i, tt := range tests {
		if tt.kind != print.FormKinds[i] {
			t.Fatalf("FormKinds[%d] = %q, want %q", i, print.FormKinds[i], tt.kind)
		}
		t.Run(string(tt.kind), func(t *testing.T) {
			_, txt := onePage(t)(print.BlankForm(testFonts(t), tt.kind, office, app.DefaultSettings(), printedAt))
			inOrder(t, txt, tt.order...)
			anywhere(t, txt, tt.also...)
		})
	}
}

// Every kind is read back from its name; an unknown name is refused.
func TestParseFormKind(t *testing.T) {
	for _, k := range print.FormKinds {
		got, ok := print.ParseFormKind(string(k))
		if !ok || got != k {
			t.Errorf("ParseFormKind(%q) = %q, %v", k, got, ok)
		}
		if k.Label() == string(k) || k.Label() == "" {
			t.Errorf("%q has no Chinese label", k)
		}
	}
	for _, s := range []string{"", "minutes", "走访记录表", "visits"} {
		if got, ok := print.ParseFormKind(s); ok {
			t.Errorf("ParseFormKind(%q) = %q, want refusal", s, got)
		}
	}
	if _, err := print.BlankForm(testFonts(t), "minutes", app.Office{Name: "海港区"}, app.DefaultSettings(), printedAt); err == nil {
		t.Error("BlankForm of an unknown kind: no error")
	}
}
