package demo

import "wugeyi/app"

// The tables below are read-only: the generator picks from them and never
// changes them.

// surnames are common Chinese surnames, the most common ones repeated so
// that they come up as often as they do in a county office.
var surnames = []string{
	"王", "王", "王", "李", "李", "李", "张", "张", "张", "刘", "刘", "陈", "陈", "杨", "杨", "赵", "赵",
	"黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗", "郑", "梁", "谢",
	"宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋",
	"蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟",
	"谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊",
	"秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛",
	"郝", "龚", "邵", "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤", "常", "温", "康",
	"施", "文", "牛", "樊", "葛", "邢", "安", "齐", "易", "乔", "伍", "庞", "颜", "倪", "庄", "聂",
}

// givenNames are given names of one or two characters.
var givenNames = []string{
	"建国", "建军", "建华", "海涛", "海波", "志强", "志刚", "志明", "丽华", "丽娟", "晓东", "晓明", "晓燕",
	"春燕", "春生", "立新", "立军", "红梅", "红霞", "国庆", "国华", "国强", "明辉", "明杰", "秀英", "秀兰",
	"玉兰", "桂芳", "淑珍", "凤英", "文杰", "文博", "俊杰", "子轩", "浩然", "雨涵", "欣怡", "思远", "嘉怡",
	"振华", "振宇", "宏伟", "宏亮", "永刚", "永胜", "德明", "德胜", "长青", "学文", "学军", "家豪", "佳琪",
	"亚楠", "晓光", "雪梅", "海燕", "金凤", "金龙", "云飞", "鹏飞", "利民", "向东", "卫东", "爱华", "爱民",
	"少华", "新民", "新宇", "庆丰", "树林", "宝山", "凤岐", "景春", "兆丰", "瑞霞", "素芬", "书文", "继业",
	"伟", "静", "磊", "洋", "敏", "勇", "军", "杰", "涛", "超", "明", "刚", "平", "辉", "鹏", "华", "飞",
	"丹", "玲", "萍", "颖", "琳", "宁", "峰", "强", "斌", "波", "亮", "健", "彬", "昊", "楠", "莹", "娜",
}

// mobilePrefixes start the mobile numbers of Hebei.
var mobilePrefixes = []string{"130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "157", "158", "159", "177", "180", "181", "183", "185", "186", "187", "188", "189", "199"}

// tradeNames are the 字号 of enterprise names.
var tradeNames = []string{
	"宏达", "华信", "渤海", "燕山", "港城", "北方", "天马", "金海", "鑫源", "星海", "东方", "恒泰", "盛世",
	"佳美", "骊骅", "碣石", "孤竹", "祖山", "海滨", "博远", "润泽", "华瑞", "凯达", "通联", "瑞丰", "嘉和",
	"天元", "中兴", "永盛", "兴业", "德隆", "冀东", "昌达", "海阔", "汇丰源", "远航", "福润", "鼎盛", "金鼎",
	"长峰", "泰和", "安瑞", "宏昌", "正源", "华宇", "新港", "联创", "海誉", "天成", "龙腾", "卓越", "弘毅",
	"九龙", "海晟", "恒信", "康泰", "益民", "聚鑫", "力拓", "宝通", "信诚", "海纳", "迎宾", "秦港", "山海",
	"戴河", "洋河", "青石", "燕赵", "乾泰", "盛华", "金桥", "海峰", "广源", "永泰", "嘉禾", "明远", "东晟",
}

// industry is a line of business found in Qinhuangdao, with the words its
// enterprises' names and problems use.
type industry struct {
	name      string   // Enterprise.Industry
	nameWords []string // the trade part of a company name: 玻璃制品, 重工机械 …
	products  []string // what it makes or does, for problems and visits
	forms     []string // the company form
	leadDept  string   // the department that looks after it (with the office prefix)
}

var industries = []industry{
	{"玻璃制造", []string{"玻璃制品", "玻璃科技", "节能玻璃", "特种玻璃", "玻璃器皿"},
		[]string{"浮法玻璃", "玻璃深加工", "节能中空玻璃", "特种玻璃", "玻璃器皿", "汽车玻璃"},
		[]string{"有限公司", "股份有限公司", "有限责任公司"}, "工信局"},
	{"汽车零部件", []string{"汽车零部件", "汽车轮毂", "车轮", "汽车配件", "铸造"},
		[]string{"铝合金车轮", "汽车轮毂", "汽车铸件", "汽车线束", "制动器总成", "座椅骨架"},
		[]string{"有限公司", "股份有限公司", "制造有限公司"}, "工信局"},
	{"金属制品", []string{"金属制品", "钢结构", "精密铸造", "新材料", "冶金", "不锈钢"},
		[]string{"不锈钢板材", "镀锌钢管", "精密铸件", "金属结构件", "铜合金材料", "钢结构件"},
		[]string{"有限公司", "有限责任公司", "股份有限公司"}, "工信局"},
	{"食品加工", []string{"食品", "粮油", "农业开发", "绿色食品", "食品科技"},
		[]string{"甘薯粉丝", "板栗制品", "水产品", "速冻食品", "乳制品", "肉制品", "植物蛋白饮料"},
		[]string{"有限公司", "有限责任公司"}, "农业农村局"},
	{"葡萄酒酿造", []string{"葡萄酒", "酒业", "葡萄酿酒", "庄园葡萄酒"},
		[]string{"干红葡萄酒", "干白葡萄酒", "葡萄原酒", "起泡葡萄酒"},
		[]string{"有限公司", "股份有限公司"}, "工信局"},
	{"港口物流", []string{"物流", "国际物流", "港务", "供应链管理", "国际货运代理"},
		[]string{"集装箱运输", "散货仓储", "冷链物流", "多式联运", "保税仓储"},
		[]string{"有限公司", "集团有限公司"}, "商务局"},
	{"船舶修造", []string{"船舶重工", "船舶修造", "海洋工程", "船舶配套"},
		[]string{"船舶修理", "海洋工程装备", "船用钢结构", "船用配套件"},
		[]string{"有限公司", "股份有限公司", "有限责任公司"}, "工信局"},
	{"电子信息", []string{"电子科技", "光电科技", "信息技术", "智能科技", "数据科技"},
		[]string{"电子元器件", "智能仪表", "光电器件", "电源模块", "工业软件", "数据中心"},
		[]string{"有限公司", "股份有限公司"}, "工信局"},
	{"生物医药", []string{"药业", "生物科技", "制药", "医疗器械", "生物工程"},
		[]string{"原料药", "医疗器械", "中药饮片", "生物制剂", "医用敷料", "体外诊断试剂"},
		[]string{"有限公司", "股份有限公司"}, "工信局"},
	{"文化旅游", []string{"旅游开发", "文化旅游", "度假村", "酒店管理", "康养产业"},
		[]string{"景区", "度假酒店", "康养项目", "研学基地", "滨海度假区"},
		[]string{"有限公司", "集团有限公司"}, "文化广电和旅游局"},
	{"装备制造", []string{"重工机械", "机械制造", "重型装备", "机械设备", "桥梁装备"},
		[]string{"重型机械", "桥梁钢结构", "数控机床", "液压设备", "环保设备", "港口机械"},
		[]string{"有限公司", "股份有限公司", "制造有限公司"}, "工信局"},
	{"新型建材", []string{"建材", "新型建材", "水泥", "建筑材料"},
		[]string{"商品混凝土", "新型墙体材料", "水泥", "保温材料", "装配式构件"},
		[]string{"有限公司", "有限责任公司"}, "工信局"},
}

// Indexes into industries, for the offices' mixes.
const (
	indGlass = iota
	indAuto
	indMetal
	indFood
	indWine
	indPort
	indShip
	indElectronics
	indPharma
	indTourism
	indMachinery
	indBuilding
)

// place is where an office's enterprises are: the start of their addresses,
// the roads and parks there (# is a house number), and the mix of
// industries (an index repeated is more likely).
type place struct {
	code       string
	prefix     string
	streets    []string
	industries []int
}

var places = []place{
	{"130302", "秦皇岛市海港区", []string{"河北大街#号", "建设大街#号", "迎宾路#号", "文化路#号", "西港路#号", "东港路#号", "北环路#号", "海港经济开发区兴港路#号", "海阳路#号"},
		[]int{indGlass, indGlass, indGlass, indPort, indPort, indPort, indElectronics, indElectronics, indMachinery, indMachinery, indFood, indPharma, indMetal}},
	{"130303", "秦皇岛市山海关区", []string{"南海西路#号", "龙海大道#号", "关城南路#号", "山海关临港经济开发区船厂路#号", "一关路#号", "沈山路#号"},
		[]int{indShip, indShip, indShip, indMachinery, indMachinery, indMachinery, indMetal, indMetal, indTourism, indTourism, indPort}},
	{"130304", "秦皇岛市北戴河区", []string{"西山路#号", "联峰路#号", "海宁路#号", "戴河镇#号", "北戴河经济开发区#号", "保二路#号"},
		[]int{indTourism, indTourism, indTourism, indTourism, indFood, indFood, indPharma, indPharma, indElectronics}},
	{"130306", "秦皇岛市抚宁区", []string{"骊城大街#号", "金山大街#号", "抚宁经济开发区#号", "留守营镇#号", "榆关镇#号", "台营镇#号"},
		[]int{indMetal, indMetal, indMetal, indBuilding, indBuilding, indAuto, indAuto, indFood, indFood, indWine}},
	{"130321", "青龙满族自治县", []string{"青龙镇燕山路#号", "青龙经济开发区#号", "肖营子镇#号", "祖山镇#号", "干沟乡#号", "双山子镇#号"},
		[]int{indMetal, indMetal, indFood, indFood, indFood, indBuilding, indBuilding, indTourism, indPharma}},
	{"130322", "昌黎县", []string{"昌黎镇民生路#号", "葡萄小镇#号", "靖安镇#号", "昌黎经济开发区#号", "龙家店镇#号", "荒佃庄镇#号"},
		[]int{indWine, indWine, indWine, indWine, indFood, indFood, indFood, indMetal, indMetal, indTourism, indBuilding}},
	{"130324", "卢龙县", []string{"卢龙镇永平大街#号", "卢龙经济开发区#号", "石门镇#号", "潘庄镇#号", "燕河营镇#号", "木井镇#号"},
		[]int{indFood, indFood, indFood, indMetal, indMetal, indBuilding, indBuilding, indAuto, indPharma}},
	{"130371", "秦皇岛经济技术开发区", []string{"龙海道#号", "天山北路#号", "泰山路#号", "永定河道#号", "长江道#号", "珠江道#号", "黑龙江西道#号", "华山中路#号"},
		[]int{indAuto, indAuto, indAuto, indElectronics, indElectronics, indElectronics, indPharma, indPharma, indMachinery, indMachinery, indMetal, indFood, indGlass}},
	{"130372", "北戴河新区", []string{"团林乡#号", "大蒲河镇#号", "南戴河#号", "黄金海岸#号", "新区大道#号", "留守营镇#号"},
		[]int{indTourism, indTourism, indTourism, indPharma, indPharma, indFood, indFood, indElectronics, indWine}},
}

// countyPost is a post of a county's (or zone's) leaders; X stands for 区 or
// 县. The posts come in order: those who lead come first, those who may have
// no enterprise (the congress and the CPPCC) last.
type countyPost struct{ post, body string }

var countyPosts = []countyPost{
	{"X委书记", "党委"},
	{"X委副书记、X长", "政府"},
	{"X委常委、常务副X长", "政府"},
	{"X委常委、副X长", "政府"},
	{"副X长", "政府"},
	{"副X长", "政府"},
	{"副X长", "政府"},
	{"副X长", "政府"},
	{"副X长", "政府"},
	{"X委副书记", "党委"},
	{"X委常委、组织部部长", "党委"},
	{"X委常委、宣传部部长", "党委"},
	{"X委常委、统战部部长", "党委"},
	{"X委常委、办公室主任", "党委"},
	{"X人大常委会主任", "人大"},
	{"X政协主席", "政协"},
	{"X人大常委会副主任", "人大"},
	{"X政协副主席", "政协"},
	{"X人大常委会副主任", "人大"},
	{"X政协副主席", "政协"},
}

var zonePosts = []countyPost{
	{"党工委书记", "党委"},
	{"党工委副书记、管委会主任", "政府"},
	{"党工委委员、管委会常务副主任", "政府"},
	{"管委会副主任", "政府"},
	{"管委会副主任", "政府"},
	{"管委会副主任", "政府"},
	{"管委会副主任", "政府"},
	{"党工委副书记", "党委"},
	{"党工委委员、组织人事部部长", "党委"},
	{"党工委委员、纪工委书记", "党委"},
	{"党工委委员、管委会副主任", "政府"},
	{"党工委委员、办公室主任", "党委"},
	{"党工委委员、经济发展局局长", "政府"},
	{"党工委委员、招商局局长", "政府"},
	{"党工委委员、财政局局长", "政府"},
	{"党工委委员、建设局局长", "政府"},
	{"管委会副主任（挂职）", "政府"},
	{"党工委委员、宣传统战部部长", "党委"},
	{"管委会副主任（挂职）", "政府"},
	{"党工委委员、社会事业局局长", "党委"},
}

var cityPosts = []countyPost{
	{"市委书记", "党委"},
	{"市委副书记、市长", "政府"},
	{"市委常委、常务副市长", "政府"},
	{"市委常委、副市长", "政府"},
	{"副市长", "政府"},
	{"副市长", "政府"},
	{"副市长", "政府"},
	{"副市长", "政府"},
	{"市委副书记", "党委"},
	{"市委常委、秘书长", "党委"},
	{"市委常委、组织部部长", "党委"},
	{"市委常委、宣传部部长", "党委"},
	{"市委常委、统战部部长", "党委"},
	{"市政府秘书长", "政府"},
	{"市人大常委会主任", "人大"},
	{"市政协主席", "政协"},
	{"市人大常委会副主任", "人大"},
	{"市政协副主席", "政协"},
	{"市人大常委会副主任", "人大"},
	{"市政协副主席", "政协"},
}

// banks lend to the enterprises of Qinhuangdao: the first ten of the
// program's one list (app.Banks), so that the demo's records and its
// minutes name each bank as the pick lists and the totals do.
var banks = app.Banks[:10]
