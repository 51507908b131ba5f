package demo

import "wugeyi/app"

// Meeting texts. Besides the placeholders of text.go, minutes use:
//
//	{D} the meeting's day, 2026年3月5日    {C} the chair
//	{T} the meeting's title                {F} its format
//	{PL} its place                         {E} the enterprises there
//	{Q} the quarter, 2026年一季度           {R} the host enterprise's legal representative
//	{S} a part of a works                  {BN} the banks there, {nb} how many
//	{nn} financing needs gathered, {amt} their sum in 万元
//	{j} enterprises that reached an understanding with a bank
//	{prod} a bank's products

// roundtablePlaces are where round tables meet, by format.
var roundtablePlaces = map[string][]string{
	"早餐会": {"X政府机关餐厅二楼", "X企业家之家", "港城宾馆二楼多功能厅"},
	"茶叙会": {"X企业家之家茶室", "X政务服务中心三楼茶叙室", "X工商联会客室"},
	"座谈会": {"X政府第一会议室", "X政府第三会议室", "X政务服务中心五楼会议室", "X企业家之家"},
}

// projectSites end the place of an on-site meeting at a project.
var projectSites = []string{"扩产项目建设现场", "技改项目施工现场", "新建项目工地", "二期项目建设现场"}

// bankPlaces are where bank meetings meet.
var bankPlaces = []string{"X政府第一会议室", "X政务服务中心五楼会议室", "X金融服务中心", "X企业家之家"}

// The departments that attend (列席) each kind of meeting.
var (
	roundtableDepts = []string{"X工信局", "X发改局", "X财政局", "X商务局", "X市场监管局", "X行政审批局", "X人社局", "X税务局", "X工商联"}
	onSiteDepts     = []string{"X发改局", "X工信局", "X自然资源和规划局", "X住建局", "X金融办", "X人社局", "X行政审批局", "X生态环境分局", "属地乡镇政府"}
	bankDepts       = []string{"X金融办", "X工信局", "X财政局", "X发改局", "人民银行秦皇岛市分行", "秦皇岛金融监管分局"}
)

// agendas are the agendas of each kind of meeting.
var agendas = map[app.MeetingKind][]string{
	app.MeetingRoundtable: {
		"一、X工信局通报全X工业经济运行情况\n二、解读支持实体经济发展的政策措施\n三、企业家发言，提出意见建议\n四、有关部门现场回应\n五、X政府主要负责同志讲话",
		"一、通报规模以上工业企业生产经营情况\n二、企业家围绕发展中的困难和问题座谈交流\n三、有关部门解读惠企政策并回应企业诉求\n四、领导讲话",
		"一、听取重点企业生产经营情况汇报\n二、企业家建言献策\n三、研究解决企业反映的突出问题",
	},
	app.MeetingOnSite: {
		"一、实地查看企业生产经营和项目建设情况\n二、听取企业汇报存在的困难和问题\n三、有关部门逐项研究解决办法\n四、明确责任部门、负责人员和办理时限",
		"一、察看项目建设现场\n二、企业汇报项目进展及需要协调的问题\n三、现场办公，逐项研究\n四、领导讲话",
	},
	app.MeetingBank: {
		"一、X金融办通报重点企业融资需求\n二、各银行介绍金融产品和服务\n三、银企现场对接洽谈\n四、X政府分管负责同志讲话",
		"一、发布重点企业和重点项目融资需求清单\n二、银行机构推介金融产品\n三、企业与银行现场对接\n四、通报应急转贷资金使用情况",
	},
}

var minutesOpen = map[app.MeetingKind][]string{
	app.MeetingRoundtable: {
		"{D}，{C}在{PL}主持召开{T}（{F}），{E}主要负责人参加。",
		"{D}，X政府以{F}形式召开{T}，{C}主持，{E}主要负责人应邀参加。",
	},
	app.MeetingOnSite: {
		"{D}，{C}带领有关部门负责同志到{PL}召开{T}，实地查看了{S}，听取了企业负责人{R}关于生产经营和项目建设情况的汇报。",
		"{D}，{C}在{PL}主持召开{T}，现场察看了{P}生产和项目建设情况，企业负责人{R}汇报了需要协调解决的问题。",
	},
	app.MeetingBank: {
		"{D}，{C}在{PL}主持召开{T}。{BN}等{nb}家银行机构负责同志，{E}负责人参加。",
		"{D}，X政府召开{T}，{C}主持。{BN}等{nb}家银行机构和{E}参加对接。",
	},
}

var minutesBody = map[app.MeetingKind][]string{
	app.MeetingRoundtable: {
		"会上，X工信局通报了{Q}全X工业经济运行情况，X发改局、X财政局解读了支持实体经济发展的政策措施。与会企业家围绕市场开拓、融资、用工、项目建设等方面畅所欲言，提出意见建议{k}条。",
		"会议通报了{Q}全X规模以上工业企业生产经营情况，解读了省、市关于促进民营经济发展壮大的政策措施。企业家们结合自身实际，就技术改造、用地保障、人才引进等提出意见建议{k}条。",
		"会上，企业家们介绍了企业生产经营情况，围绕降本增效、数字化转型、融资等方面提出意见建议{k}条，有关部门逐一作了回应。",
	},
	app.MeetingOnSite: {
		"X发改局、X自然资源和规划局、X住建局、X金融办、X人社局等部门负责同志现场办公。",
		"有关部门负责同志围绕企业反映的问题现场研究、逐项会商。",
	},
	app.MeetingBank: {
		"会上，X金融办通报了重点企业融资需求{nn}项、金额合计{amt}万元；各银行机构介绍了{prod}等金融产品。经现场对接，{j}家企业与银行达成初步合作意向。",
		"X金融办发布了本季度重点企业融资需求清单（{nn}项，合计{amt}万元），各银行机构推介了{prod}等产品，与企业逐一对接洽谈，{j}家企业达成融资意向。",
	},
}

var minutesNone = map[app.MeetingKind][]string{
	app.MeetingRoundtable: {"企业提出的意见建议由X工信局汇总梳理，分别转有关部门研究吸纳。"},
	app.MeetingOnSite:     {"企业表示目前生产经营正常，暂无需要现场协调解决的问题。"},
	app.MeetingBank:       {"与会企业暂未提出需要协调解决的其他问题。"},
}

var minutesClose = map[app.MeetingKind][]string{
	app.MeetingRoundtable: {
		"{C}强调，各有关部门要树牢服务意识，对企业反映的问题建立台账、逐项销号，确保件件有着落、事事有回音。",
		"{C}指出，企业家是推动发展的重要力量，各部门要主动靠前服务，帮助企业解决实际困难，营造良好营商环境。",
	},
	app.MeetingOnSite: {
		"{C}要求，各责任部门要按照议定事项抓紧办理，按时反馈办理结果，X工信局跟踪督办。",
		"{C}强调，能够当场解决的即刻办理，不能当场解决的要明确时限、限期办结，依法依规不能办理的要向企业解释到位。",
	},
	app.MeetingBank: {
		"{C}强调，各银行机构要落实金融支持实体经济政策，对符合产业政策、暂时困难的企业不抽贷、不断贷、不压贷；X金融办要用好应急转贷资金，帮助企业解决续贷难题。",
		"{C}要求，X金融办和各银行机构要建立对接台账，跟踪融资需求落实情况，按季度通报对接成效。",
	},
}

// bankProducts are what banks offer at matchmaking meetings.
var bankProducts = []string{"科技贷、知识产权质押贷", "无还本续贷、普惠小微贷款", "供应链金融、应收账款融资", "专精特新贷、技改贷", "税易贷、信用贷"}

// decisionText is a decision of a meeting: its text, the unit that carries
// it out, and its deadline in days after the meeting.
type decisionText struct {
	text, unit string
	lo, hi     int
}

var decisionTexts = map[app.MeetingKind][]decisionText{
	app.MeetingRoundtable: {
		{"对本次恳谈会企业提出的意见建议，由X工信局牵头梳理分解，逐条明确责任单位", "X工信局", 7, 15},
		{"各责任单位对交办事项按时限办理，办理结果反馈企业并报X政府办公室", "X政府办公室", 20, 30},
		{"X发改局、X财政局做好惠企政策宣传解读，推动政策直达快享", "X发改局", 30, 45},
		{"X人社局组织重点企业专场招聘活动，帮助企业解决用工需求", "X人社局", 30, 60},
		{"X行政审批局对企业反映的审批事项开通绿色通道，实行帮办代办", "X行政审批局", 15, 30},
	},
	app.MeetingOnSite: {
		{"X工信局对本次现场办公会交办事项跟踪督办，每周调度办理进展", "X工信局", 7, 14},
		{"X发改局协调推进项目前期手续办理，确保项目按期开工", "X发改局", 20, 40},
		{"X自然资源和规划局会同属地乡镇做好项目用地保障", "X自然资源和规划局", 30, 60},
	},
	app.MeetingBank: {
		{"X金融办将本次对接会收集的企业融资需求推送至各参会银行", "X金融办", 5, 10},
		{"各参会银行对推荐企业开展实地尽调，提出授信意见", "各参会银行", 20, 30},
		{"X金融办做好应急转贷资金对接，帮助企业做好到期贷款续贷", "X金融办", 15, 30},
		{"X工信局会同X金融办跟踪银企合作意向落实情况，下次对接会通报", "X工信局", 60, 90},
	},
}

// Financing needs and bridge loans.
var (
	needUses = []string{"购买原材料", "补充流动资金", "技术改造设备购置", "新建生产线", "厂房建设", "研发投入", "支付供应商货款", "扩大生产规模"}
	// needTerms are loan terms in months.
	needTerms       = []int{6, 12, 12, 12, 24, 36, 60}
	needCollaterals = []string{"厂房及土地使用权抵押", "机器设备抵押", "应收账款质押", "知识产权质押", "融资担保公司担保", "信用", "股权质押", "法定代表人连带责任保证"}
	needReasons     = []string{
		"企业资产负债率偏高，不符合授信条件",
		"抵押物评估价值不足",
		"企业存在逾期记录，暂不予授信",
		"项目环评手续尚未完善",
		"企业经营现金流不足以覆盖还款",
		"超出该行对所属行业的授信限额",
	}
	loanNotes = []string{"", "", "企业在{B}的流动资金贷款到期，申请应急转贷资金过桥", "企业已提交续贷申请及相关材料", "经{B}推荐申请"}
)
