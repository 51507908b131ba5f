package app

import "strings"

// bankShort are the ways offices write the banks of Banks, each with the
// name Banks gives it: the short forms (工行, 建行), the forms without
// "中国" and the older names.
var bankShort = []struct{ short, full string }{
	{"中国邮政储蓄银行", "中国邮政储蓄银行"},
	{"邮政储蓄银行", "中国邮政储蓄银行"},
	{"邮储银行", "中国邮政储蓄银行"},
	{"中国工商银行", "中国工商银行"},
	{"工商银行", "中国工商银行"},
	{"工行", "中国工商银行"},
	{"中国建设银行", "中国建设银行"},
	{"建设银行", "中国建设银行"},
	{"建行", "中国建设银行"},
	{"中国农业银行", "中国农业银行"},
	{"农业银行", "中国农业银行"},
	{"农行", "中国农业银行"},
	{"中国银行", "中国银行"},
	{"中行", "中国银行"},
	{"交通银行", "交通银行"},
	{"交行", "交通银行"},
	{"中国光大银行", "光大银行"},
	{"中信银行", "中信银行"},
	{"兴业银行", "兴业银行"},
	{"华夏银行", "华夏银行"},
}

// BankName is name as Banks writes the bank: "工行秦皇岛分行", "工商银行秦皇岛分行"
// and "中国工商银行 秦皇岛分行" are all "中国工商银行秦皇岛分行", so that one
// bank is one row of the totals by bank. A branch written "秦皇岛市分行" or
// "秦皇岛支行" is kept as written, and a name of no bank it knows is only
// trimmed of spaces.
func BankName(name string) string {
	name = strings.Join(strings.Fields(name), "")
	for _, b := range bankShort {
		if rest, ok := strings.CutPrefix(name, b.short); ok {
			if strings.HasPrefix(rest, "股份有限公司") {
				rest = strings.TrimPrefix(rest, "股份有限公司")
			}
			return b.full + rest
		}
	}
	return name
}
