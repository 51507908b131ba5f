package xlsx

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"wugeyi/app"
)

// valueColumn is an enumerated column: the values the program knows and
// the ways offices write each of them (words: as written, folded → value).
// A cell is read folded (fold) and with the endings offices add taken off
// (wordEndings), so the words hold only what differs beyond that.
type valueColumn struct {
	label  string // the column as the program writes it, and as a mapping names it
	values []string
	words  map[string]string
}

// statusValues are the names of the problem statuses.
func statusValues() []string {
	var l []string
	for _, s := range app.Statuses {
		l = append(l, string(s))
	}
	return l
}

// meetingKindValues are the names of the meeting kinds.
func meetingKindValues() []string {
	var l []string
	for _, k := range app.MeetingKinds {
		l = append(l, string(k))
	}
	return l
}

// The enumerated columns, each with its table of words.
var (
	enterpriseCategoryCol = valueColumn{"企业类别", app.EnterpriseCategories, map[string]string{
		"规上": "规模以上", "规上工业": "规模以上", "规模以上工业": "规模以上", "规模": "规模以上", "规模工业": "规模以上",
		"专精特新中小": "专精特新", "省级专精特新": "专精特新", "国家级专精特新": "专精特新", "专精特新小巨人": "专精特新",
		"专精特新“小巨人”": "专精特新", "专精特新\"小巨人\"": "专精特新", "小巨人": "专精特新", "国家级专精特新小巨人": "专精特新",
		"创新型中小": "专精特新", "专精特新示范": "专精特新",
		"高新": "高新技术", "国家高新技术": "高新技术", "国家级高新技术": "高新技术", "国家高新": "高新技术", "国高新": "高新技术",
		"高企": "高新技术", "科技型": "高新技术", "高新技术产业": "高新技术",
		"高成长": "高成长性", "高成长型": "高成长性", "瞪羚": "高成长性", "高成长性科技": "高成长性",
		"三大一新项目": "三大一新", "三大一新产业": "三大一新",
	}}
	problemCategoryCol = valueColumn{"问题类别", app.Categories, map[string]string{
		"城乡规划": "规划", "规划调整": "规划", "规划许可": "规划",
		"土地": "用地", "项目用地": "用地", "土地供应": "用地", "供地": "用地", "土地手续": "用地",
		"工程建设": "建设", "项目建设": "建设", "基础设施": "建设", "基础设施建设": "建设",
		"资金": "融资", "贷款": "融资", "融资贷款": "融资", "融资难": "融资", "资金短缺": "融资", "金融": "融资", "金融服务": "融资",
		"招工": "用工", "招工难": "用工", "人才": "用工", "人才用工": "用工", "劳动用工": "用工", "用工难": "用工", "人力资源": "用工",
		"环境保护": "环保", "生态环境": "环保", "环评": "环保", "环保督察": "环保",
		"行政审批": "审批", "手续办理": "审批", "证照办理": "审批", "手续": "审批", "审批手续": "审批", "行政许可": "审批",
		"政策落实": "政策", "政策兑现": "政策", "政策咨询": "政策", "惠企政策": "政策", "政策支持": "政策",
		"其它": "其他", "其他方面": "其他",
	}}
	sourceCol = valueColumn{"问题来源", app.Sources, map[string]string{
		"走访企业": "走访", "入企走访": "走访", "实地走访": "走访", "领导走访": "走访", "包联走访": "走访", "走访调研": "走访", "分包领导走访": "走访",
		"恳谈会": "企业家恳谈会", "座谈会": "企业家恳谈会", "企业座谈会": "企业家恳谈会", "企业家座谈会": "企业家恳谈会",
		"早餐会": "企业家恳谈会", "茶叙会": "企业家恳谈会", "政企恳谈会": "企业家恳谈会",
		"企业现场办公会": "现场办公会", "现场办公": "现场办公会", "现场会": "现场办公会",
		"银企对接": "银企对接会", "政银企对接会": "银企对接会", "融资对接会": "银企对接会", "银企座谈会": "银企对接会",
		"企业自身反映": "企业反映", "企业自行反映": "企业反映", "企业来电": "企业反映", "企业来访": "企业反映",
		"企业诉求": "企业反映", "企业上报": "企业反映", "企业自报": "企业反映", "来电来访": "企业反映", "自主反映": "企业反映",
		"会议议定事项": app.SourceDecision, "议定事项": app.SourceDecision, "会议议定": app.SourceDecision, "会议交办": app.SourceDecision,
		"其它": "其他",
	}}
	statusCol = valueColumn{"办理状态", statusValues(), map[string]string{
		"待办": "登记", "未交办": "登记", "待交办": "登记", "已登记": "登记", "新登记": "登记",
		"已交办": "交办", "交办中": "交办",
		"正在办理": "办理中", "推进中": "办理中", "未办结": "办理中", "未完成": "办理中", "逾期": "办理中",
		"在办": "办理中", "正在办理中": "办理中", "已签收": "办理中", "签收": "办理中", "办理": "办理中",
		"办结": "已办结", "已完成": "已办结", "完成": "已办结", "已解决": "已办结", "解决": "已办结", "已完结": "已办结",
		"完结": "已办结", "已办理": "已办结",
		"已回访": "回访", "已销号": "销号", "办结销号": "销号",
		"不能办理": "已解释", "依法不能办理": "已解释", "解释": "已解释", "已作解释": "已解释", "无法办理": "已解释", "解释说明": "已解释",
	}}
	handlingCol = valueColumn{"处理方式", []string{app.HandleOnSpot, app.HandleAssign, app.HandleExplain}, map[string]string{
		"现场解决": app.HandleOnSpot, "当场办结": app.HandleOnSpot, "现场办结": app.HandleOnSpot, "即时办结": app.HandleOnSpot,
		"立即解决": app.HandleOnSpot, "当即解决": app.HandleOnSpot, "现场答复": app.HandleOnSpot,
		"已交办": app.HandleAssign, "转办": app.HandleAssign, "交办办理": app.HandleAssign, "分办": app.HandleAssign,
		"依法依规不能办理": app.HandleExplain, "不能办理": app.HandleExplain, "解释": app.HandleExplain,
		"做好解释": app.HandleExplain, "解释说明": app.HandleExplain, "无法办理": app.HandleExplain,
	}}
	satisfactionCol = valueColumn{"满意度", app.Satisfactions, map[string]string{
		"非常满意": "满意", "很满意": "满意", "十分满意": "满意",
		"比较满意": "基本满意", "较满意": "基本满意", "一般": "基本满意", "基本": "基本满意",
		"不太满意": "不满意", "很不满意": "不满意", "非常不满意": "不满意",
	}}
	visitModeCol = valueColumn{"走访方式", app.VisitModes, map[string]string{
		"实地走访": "实地", "现场": "实地", "现场走访": "实地", "上门": "实地", "上门走访": "实地", "入企": "实地",
		"入企走访": "实地", "走访": "实地", "实地调研": "实地", "实地查看": "实地",
		"电话联系": "电话", "电话走访": "电话", "电话回访": "电话", "电话沟通": "电话", "电话调度": "电话",
		"会议座谈": "会议", "座谈": "会议", "座谈会": "会议", "会上": "会议",
		"视频会议": "视频", "线上": "视频", "视频连线": "视频", "网络视频": "视频", "视频通话": "视频",
	}}
	meetingKindCol = valueColumn{"会议类型", meetingKindValues(), map[string]string{
		"恳谈会": string(app.MeetingRoundtable), "企业家座谈会": string(app.MeetingRoundtable), "政企恳谈会": string(app.MeetingRoundtable),
		"现场办公会": string(app.MeetingOnSite), "现场会": string(app.MeetingOnSite),
		"银企对接": string(app.MeetingBank), "政银企对接会": string(app.MeetingBank), "融资对接会": string(app.MeetingBank),
	}}
	levelCol = valueColumn{"级别", app.Levels, map[string]string{
		"市": "市级", "市领导": "市级", "市级领导": "市级", "县": "县级", "区": "县级", "县区级": "县级",
		"区级": "县级", "县(区)级": "县级", "县领导": "县级", "区领导": "县级", "县级领导": "县级", "区县级": "县级",
	}}
	bodyCol = valueColumn{"所在班子", app.Bodies, map[string]string{
		"市政府": "政府", "县政府": "政府", "区政府": "政府", "人民政府": "政府",
		"市委": "党委", "县委": "党委", "区委": "党委", "党委": "党委", "县委常委": "党委", "区委常委": "党委",
		"人大常委会": "人大", "县人大": "人大", "区人大": "人大", "县政协": "政协", "区政协": "政协",
	}}
	attendeeKindCol = valueColumn{"参会人员类别", app.AttendeeKinds, map[string]string{
		"领导同志": "领导", "单位": "部门", "部门单位": "部门", "金融机构": "银行",
	}}
)

// valueColumns are the columns of each kind whose values a mapping may
// name, by field key.
func valueColumns(k Kind) map[string]valueColumn {
	switch k {
	case KindEnterprises:
		return map[string]valueColumn{"Categories": enterpriseCategoryCol}
	case KindProblems:
		return map[string]valueColumn{"Source": sourceCol, "Category": problemCategoryCol, "Status": statusCol,
			"Handling": handlingCol, "Satisfaction": satisfactionCol}
	case KindLeaders:
		return map[string]valueColumn{"Level": levelCol, "Body": bodyCol}
	case KindVisits:
		return map[string]valueColumn{"Mode": visitModeCol}
	case KindMeetings:
		return map[string]valueColumn{"Kind": meetingKindCol}
	}
	return nil
}

// traditional are the traditional characters of the words above, as some
// offices' templates (or a colleague's input method) still write them.
var traditional = strings.NewReplacer(
	"規", "规", "劃", "划", "區", "区", "縣", "县", "業", "业", "類", "类", "題", "题", "專", "专", "長", "长", "術", "术", "資", "资",
	"審", "审", "環", "环", "貸", "贷", "調", "调", "會", "会", "議", "议", "訪", "访", "實", "实", "電", "电", "話", "话", "視", "视",
	"頻", "频", "滿", "满", "辦", "办", "結", "结", "銷", "销", "號", "号", "釋", "释", "當", "当", "場", "场", "決", "决", "對", "对",
	"銀", "银", "級", "级", "黨", "党", "協", "协", "記", "记", "態", "态", "過", "过", "進", "进", "應", "应", "雙", "双", "數", "数",
	"與", "与", "請", "请", "設", "设", "紀", "纪", "產", "产", "報", "报", "來", "来", "現", "现", "談", "谈", "懇", "恳", "導", "导",
	"聯", "联", "絡", "络", "員", "员", "門", "门", "單", "单", "優", "优", "勢", "势", "農", "农", "華", "华", "興", "兴", "國", "国",
	"郵", "邮", "儲", "储", "園", "园", "營", "营", "務", "务", "勞", "劳", "動", "动", "稅", "税", "費", "费", "間", "间", "礎", "础",
	"較", "较", "鑒", "鉴", "項", "项", "並", "并", "無", "无", "為", "为", "線", "线", "網", "网", "緊", "紧", "觀", "观", "證", "证",
	"續", "续", "許", "许", "傳", "传", "統", "统", "問", "问", "護", "护", "轉", "转", "鄉", "乡", "創", "创", "諮", "咨",
	"詢", "询", "體", "体", "氣", "气",
)

// fold is a cell's value as the tables of words are written: no spaces
// (also the full-width one), full-width letters, digits and punctuation
// made half-width, and the traditional characters of traditional made
// simplified.
func fold(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0':
			return -1
		case r >= '！' && r <= '～':
			return r - '！' + '!'
		}
		return r
	}, s)
	return traditional.Replace(s)
}

// Values are the values a clerk maps at an import: for a column (its
// label, as valueColumn names it), each value as written (folded) → the
// program's value it means.
type Values map[string]map[string]string

// ValueColumns lists the labels of the columns of kind k whose values a
// mapping may name, and the values of each.
func ValueColumns(k Kind) map[string][]string {
	out := map[string][]string{}
	for _, c := range valueColumns(k) {
		out[c.label] = c.values
	}
	return out
}

// Set maps the value from of column col (its label, or another name of the
// field) to the program's value to, written as the program writes it or in
// a way its table of words knows. It refuses a column of kind k that has
// no list of values, and a value to that names none of them, in Chinese;
// v is then as it was.
func (v Values) Set(k Kind, col, from, to string) error {
	col, from, to = strings.TrimSpace(col), fold(from), strings.TrimSpace(to)
	var c valueColumn
	found := false
	for key, vc := range valueColumns(k) {
		for _, f := range Fields(k) {
			if f.Key == key && (col == vc.label || slices.Contains(f.names(), col)) {
				c, found = vc, true
			}
		}
	}
	if !found {
		var labels []string
		for _, vc := range valueColumns(k) {
			labels = append(labels, vc.label)
		}
		slices.Sort(labels)
		if len(labels) == 0 {
			return fmt.Errorf("%s没有可以对应取值的列", k.Label())
		}
		return fmt.Errorf("%s没有“%s”这一列可以对应取值：可以是%s", k.Label(), col, strings.Join(labels, "、"))
	}
	if from == "" {
		return fmt.Errorf("%s：请写出表格中的原值", c.label)
	}
	w, ok := known(to, c.values, c.words)
	if !ok {
		return fmt.Errorf("%s没有“%s”这个值，不能把“%s”对应到它：只能是%s；未做任何改动", c.label, to, from, strings.Join(c.values, "、"))
	}
	if v[c.label] == nil {
		v[c.label] = map[string]string{}
	}
	v[c.label][from] = w
	return nil
}

// Unknown is a value of a column the program does not know, as the
// preview lists it once: how many rows use it, and the values it may be
// mapped to.
type Unknown struct {
	Column string   // the column's label, e.g. 企业类别
	Value  string   // as written (folded)
	Rows   int      // rows that use it
	Values []string // the program's values of the column
}

// valuer reads the enumerated cells of one preview: by the tables of
// words, then the clerk's mapping, then the mappings remembered from
// earlier imports; it counts the values it cannot read and notes the
// clerk's mappings used, to remember them.
type valuer struct {
	user, saved Values
	unknown     []*Unknown
	seen        map[string]int // column, value and row → seen
	used        map[[2]string]string
}

func newValuer(user Values, saved []app.ImportWord) *valuer {
	v := &valuer{user: user, saved: Values{}, seen: map[string]int{}, used: map[[2]string]string{}}
	for _, w := range saved {
		if v.saved[w.Column] == nil {
			v.saved[w.Column] = map[string]string{}
		}
		v.saved[w.Column][w.From] = w.To
	}
	return v
}

// read is the program's value of cell s of column c in row (from 0), and
// whether it names one; a blank cell is "" and true.
func (v *valuer) read(c valueColumn, s string, row int) (string, bool) {
	if strings.TrimSpace(s) == "" {
		return "", true
	}
	if w, ok := known(s, c.values, c.words); ok {
		return w, true
	}
	f := fold(s)
	if v == nil {
		return f, false
	}
	for _, w := range forms(f) {
		if to, ok := v.user[c.label][w]; ok && slices.Contains(c.values, to) {
			v.used[[2]string{c.label, w}] = to
			return to, true
		}
	}
	for _, w := range forms(f) {
		if to, ok := v.saved[c.label][w]; ok && slices.Contains(c.values, to) {
			return to, true
		}
	}
	key := fmt.Sprintf("%s\x00%s\x00%d", c.label, f, row)
	if _, ok := v.seen[key]; !ok {
		v.seen[key] = row
		i := slices.IndexFunc(v.unknown, func(u *Unknown) bool { return u.Column == c.label && u.Value == f })
		if i < 0 {
			v.unknown = append(v.unknown, &Unknown{Column: c.label, Value: f, Values: c.values})
			i = len(v.unknown) - 1
		}
		v.unknown[i].Rows++
	}
	return f, false
}

// words are the clerk's mappings this preview used, to remember.
func (v *valuer) words() []app.ImportWord {
	if v == nil {
		return nil
	}
	var out []app.ImportWord
	for k, to := range v.used {
		out = append(out, app.ImportWord{Column: k[0], From: k[1], To: to})
	}
	slices.SortFunc(out, func(a, b app.ImportWord) int { return strings.Compare(a.Column+"\x00"+a.From, b.Column+"\x00"+b.From) })
	return out
}

// unknownError says a cell's value names none of the column's.
func unknownError(c valueColumn, value string) error {
	return fmt.Errorf("%s“%s”不认识：只能是%s（也可以在导入时把它对应到其中一个）", c.label, value, strings.Join(c.values, "、"))
}
