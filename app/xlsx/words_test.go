package xlsx

import (
	"slices"
	"strings"
	"testing"

	"wugeyi/app"
)

// Each enumerated column reads the ways offices write its values:
// abbreviations, fuller forms, the endings 类/问题/企业, traditional
// characters, full-width letters and spaces; a value it does not know is
// not read, and an empty cell is "".
func TestValuesAsOfficesWriteThem(t *testing.T) {
	for _, c := range []struct {
		col  valueColumn
		in   string
		want string // "" for not known
	}{
		{enterpriseCategoryCol, "规上工业企业", "规模以上"},
		{enterpriseCategoryCol, "规模以上企业", "规模以上"},
		{enterpriseCategoryCol, "規模以上", "规模以上"},
		{enterpriseCategoryCol, " 规 上 ", "规模以上"},
		{enterpriseCategoryCol, "高成长型企业", "高成长性"},
		{enterpriseCategoryCol, "瞪羚企业", "高成长性"},
		{enterpriseCategoryCol, "国家高新技术企业", "高新技术"},
		{enterpriseCategoryCol, "高企", "高新技术"},
		{enterpriseCategoryCol, "小巨人企业", "专精特新"},
		{enterpriseCategoryCol, "專精特新", "专精特新"},
		{enterpriseCategoryCol, "专精特新“小巨人”企业", "专精特新"},
		{enterpriseCategoryCol, "三大一新企业", "三大一新"},
		{enterpriseCategoryCol, "龙头企业", ""},

		{problemCategoryCol, "用地类", "用地"},
		{problemCategoryCol, "融资问题", "融资"},
		{problemCategoryCol, " 环保 类问题 ", "环保"},
		{problemCategoryCol, "审批方面", "审批"},
		{problemCategoryCol, "土地问题", "用地"},
		{problemCategoryCol, "資金", "融资"},
		{problemCategoryCol, "招工难", "用工"},
		{problemCategoryCol, "行政审批类", "审批"},
		{problemCategoryCol, "其它", "其他"},
		{problemCategoryCol, "交通", ""},

		{sourceCol, "走访企业", "走访"},
		{sourceCol, "座谈会", "企业家恳谈会"},
		{sourceCol, "早餐会", "企业家恳谈会"},
		{sourceCol, "現場辦公會", "现场办公会"},
		{sourceCol, "会议议定事项", app.SourceDecision},
		{sourceCol, "政银企对接会", "银企对接会"},
		{sourceCol, "企业来电", "企业反映"},
		{sourceCol, "信访", ""},

		{statusCol, "已交办", "交办"},
		{statusCol, "正在办理", "办理中"},
		{statusCol, "已签收", "办理中"},
		{statusCol, "已完結", "已办结"},
		{statusCol, "办结", "已办结"},
		{statusCol, "已销号", "销号"},
		{statusCol, "已回访", "回访"},
		{statusCol, "依法不能办理", "已解释"},
		{statusCol, "暂缓", ""},

		{handlingCol, "现场解决", app.HandleOnSpot},
		{handlingCol, "当场办结", app.HandleOnSpot},
		{handlingCol, "转办", app.HandleAssign},
		{handlingCol, "依法依规不能办理", app.HandleExplain},
		{handlingCol, "督办", ""},

		{satisfactionCol, "非常满意", "满意"},
		{satisfactionCol, "比较满意", "基本满意"},
		{satisfactionCol, "滿意", "满意"},
		{satisfactionCol, "不太满意", "不满意"},
		{satisfactionCol, "满意 ", "满意"},
		{satisfactionCol, "说不清", ""},

		{visitModeCol, "实地走访", "实地"},
		{visitModeCol, "上门", "实地"},
		{visitModeCol, "电话联系", "电话"},
		{visitModeCol, "電話", "电话"},
		{visitModeCol, "视频会议", "视频"},
		{visitModeCol, "座谈", "会议"},
		{visitModeCol, "微信", ""},

		{meetingKindCol, "恳谈会", "企业家恳谈会"},
		{meetingKindCol, "现场办公会", "企业现场办公会"},
		{meetingKindCol, "银企对接", "银企对接会"},
		{meetingKindCol, "招商会", ""},

		{levelCol, "县（区）级", "县级"},
		{levelCol, "市领导", "市级"},
		{levelCol, "省级", ""},
		{bodyCol, "区委", "党委"},
		{bodyCol, "区政府", "政府"},
		{bodyCol, "纪委", ""},
		{attendeeKindCol, "金融机构", "银行"},
	} {
		got, ok := known(c.in, c.col.values, c.col.words)
		if c.want == "" && ok || c.want != "" && got != c.want {
			t.Errorf("%s %q → %q (%v), want %q", c.col.label, c.in, got, ok, c.want)
		}
	}
}

// Every word of every table names one of its column's values, and no
// word is a value of its column already (it would never be looked up).
func TestWordTablesNameValues(t *testing.T) {
	for _, col := range []valueColumn{enterpriseCategoryCol, problemCategoryCol, sourceCol, statusCol, handlingCol, satisfactionCol,
		visitModeCol, meetingKindCol, levelCol, bodyCol, attendeeKindCol} {
		for w, v := range col.words {
			if !slices.Contains(col.values, v) {
				t.Errorf("%s: %q → %q, which is no value", col.label, w, v)
			}
			if fold(w) != w {
				t.Errorf("%s: the word %q is not folded (%q): it is never matched", col.label, w, fold(w))
			}
		}
	}
}

// Fold makes full-width letters, digits and brackets half-width, takes
// spaces (the full-width one too) out and makes traditional characters
// simplified.
func TestFold(t *testing.T) {
	for in, want := range map[string]string{"ＡＢ１２": "AB12", "县（区）级": "县(区)级", " 规\u3000上 ": "规上", "專精特新": "专精特新", "銀行": "银行"} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// A clerk's mapping is read before the remembered ones, is noted to be
// remembered when used, and an unknown value is counted once per row.
func TestValuer(t *testing.T) {
	v := newValuer(Values{"企业类别": {"龙头": "规模以上"}}, []app.ImportWord{{Column: "企业类别", From: "龙头", To: "专精特新"},
		{Column: "企业类别", From: "骨干", To: "高新技术"}})
	if w, ok := v.read(enterpriseCategoryCol, "龙 头", 1); !ok || w != "规模以上" {
		t.Errorf("the clerk's mapping: %q %v", w, ok)
	}
	if w, ok := v.read(enterpriseCategoryCol, "骨干", 1); !ok || w != "高新技术" {
		t.Errorf("the remembered mapping: %q %v", w, ok)
	}
	for _, row := range []int{1, 1, 2, 5} {
		if _, ok := v.read(enterpriseCategoryCol, "重点", row); ok {
			t.Fatal("an unknown value read")
		}
	}
	if len(v.unknown) != 1 || v.unknown[0].Rows != 3 || v.unknown[0].Value != "重点" {
		t.Errorf("unknown %+v, want 重点 in 3 rows", v.unknown)
	}
	if w := v.words(); len(w) != 1 || w[0] != (app.ImportWord{Column: "企业类别", From: "龙头", To: "规模以上"}) {
		t.Errorf("words to remember %v", w)
	}
	if w, ok := v.read(enterpriseCategoryCol, "", 3); !ok || w != "" {
		t.Errorf("a blank cell: %q %v", w, ok)
	}
}

// A mapping names a column by its label or another name of its field,
// and a value of the program or a word for one; another column or a value
// that does not exist is refused and changes nothing.
func TestValuesSet(t *testing.T) {
	v := Values{}
	if err := v.Set(KindProblems, "来源", "信访件", "企业来电"); err != nil || v["问题来源"]["信访件"] != "企业反映" {
		t.Fatalf("set: %v, %v", err, v)
	}
	for _, c := range []struct {
		k             Kind
		col, from, to string
		want          string
	}{
		{KindProblems, "问题类别", "交通", "交通运输", "问题类别没有“交通运输”这个值"},
		{KindProblems, "问题描述", "x", "y", "没有“问题描述”这一列"},
		{KindEnterprises, "企业类别", "", "规上", "原值"},
		{KindDepartments, "责任单位", "x", "y", "没有可以对应取值的列"},
	} {
		err := v.Set(c.k, c.col, c.from, c.to)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s=%s:%s: %v, want %q", c.col, c.from, c.to, err, c.want)
		}
	}
	if len(v) != 1 || len(v["问题来源"]) != 1 {
		t.Errorf("refused mappings changed the values: %v", v)
	}
}

// The decisions of a meeting read back as MeetingTable writes them, a
// unit with brackets of its own and a text with ； included.
func TestDecisionCell(t *testing.T) {
	ds := []app.Decision{{Text: "协调用地；尽快供地", Unit: "区自然资源局（牵头）", Deadline: app.D(2026, 3, 31)},
		{Text: "研究贷款贴息", Unit: "区财政局", Deadline: app.D(2026, 4, 30)}}
	got, err := parseDecisions(decisionCell(ds))
	if err != nil || !slices.Equal(got, ds) {
		t.Errorf("%q read as %v, %v", decisionCell(ds), got, err)
	}
	if _, err := parseDecisions("协调用地"); err == nil {
		t.Error("decisions without numbers read")
	}
	as := []app.Attendee{{Group: "出席", Kind: "领导", Name: "张三"}, {Group: "出席", Kind: "银行", Name: "中国工商银行秦皇岛分行"},
		{Group: "出席", Kind: "领导", Name: "李四"}}
	if c := attendeeCell(as); c != "领导：张三；银行：中国工商银行秦皇岛分行；领导：李四" {
		t.Errorf("attendees written %q", c)
	}
	// Names holding a separator are quoted, and read back whole.
	as = []app.Attendee{{Group: "出席", Kind: "领导", Name: "区委常委、副区长倪玉兰"}, {Group: "出席", Kind: "领导", Name: "张三"},
		{Group: "出席", Kind: "企业", Name: "甲公司；乙分公司"}}
	sh := &Sheet{Name: "会议", Rows: [][]Cell{{{Text: attendeeCell(as)}}}}
	read, err := rowReader{sh: sh, m: Mapping{"Present": 0}}.attendees("Present", "出席")
	if err != nil || !slices.Equal(read, as) {
		t.Errorf("%q read as %v, %v", attendeeCell(as), read, err)
	}
}
