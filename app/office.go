package app

import (
	"fmt"
	"regexp"
	"strings"
)

// Role is what an office does in the mechanism.
type Role string

// The two roles: a county (or zone) office, and the city bureau that
// coordinates them (市工业和信息化局).
const (
	RoleCounty Role = "county"
	RoleCity   Role = "city"
)

// Label is the role in the words staff use.
func (r Role) Label() string {
	switch r {
	case RoleCity:
		return "市级统筹（市工信局）"
	case RoleCounty:
		return "县区"
	}
	return string(r)
}

// Office is one office that keeps records: a county or zone, or the city
// bureau. This database belongs to exactly one office.
type Office struct {
	Code string `json:"code"` // six digits
	Name string `json:"name"`
	Role Role   `json:"role"`
}

// CityCode is the code of the city bureau (市工信局).
const CityCode = "130300"

// KnownOffice is an office of Qinhuangdao with the short name used in
// problem numbers.
type KnownOffice struct {
	Office
	Short string
}

// Offices lists the offices of Qinhuangdao. The two zones have no
// administrative division code of their own; 130371 and 130372 are this
// program's codes for them.
var Offices = []KnownOffice{
	{Office{"130300", "秦皇岛市工业和信息化局", RoleCity}, "市级"},
	{Office{"130302", "海港区", RoleCounty}, "海港"},
	{Office{"130303", "山海关区", RoleCounty}, "山海关"},
	{Office{"130304", "北戴河区", RoleCounty}, "北戴河"},
	{Office{"130306", "抚宁区", RoleCounty}, "抚宁"},
	{Office{"130321", "青龙满族自治县", RoleCounty}, "青龙"},
	{Office{"130322", "昌黎县", RoleCounty}, "昌黎"},
	{Office{"130324", "卢龙县", RoleCounty}, "卢龙"},
	{Office{"130371", "秦皇岛经济技术开发区", RoleCounty}, "开发区"},
	{Office{"130372", "北戴河新区", RoleCounty}, "新区"},
}

// LookupOffice returns the known office with code.
func LookupOffice(code string) (KnownOffice, bool) {
	for _, o := range Offices {
		if o.Code == code {
			return o, true
		}
	}
	return KnownOffice{}, false
}

// OfficeName returns the name of a known office, or the code itself.
func OfficeName(code string) string {
	if o, ok := LookupOffice(code); ok {
		return o.Name
	}
	return code
}

// OfficeShort is the short name used in problem numbers (海港-2026-0001).
// An office this program does not know uses its code.
func OfficeShort(code string) string {
	if o, ok := LookupOffice(code); ok {
		return o.Short
	}
	return code
}

var sixDigits = regexp.MustCompile(`^[0-9]{6}$`)

// Validate checks an office before a database is set up for it.
func (o Office) Validate() error {
	var v Invalid
	if !sixDigits.MatchString(o.Code) {
		v.Add("Code", "机构代码应为6位数字，例如海港区 130302")
	}
	if blank(o.Name) {
		v.Add("Name", "请填写单位名称")
	}
	if o.Role != RoleCounty && o.Role != RoleCity {
		v.Add("Role", "单位类型应为县区（county）或市级（city）")
	}
	if k, ok := LookupOffice(o.Code); ok && k.Role != o.Role && o.Role != "" {
		v.Add("Role", fmt.Sprintf("机构代码 %s 是%s，类型应为%s", o.Code, k.Name, k.Role.Label()))
	}
	return v.Err()
}

// Normalize trims the office's fields.
func (o *Office) Normalize() {
	o.Code = strings.TrimSpace(o.Code)
	o.Name = strings.TrimSpace(o.Name)
}
