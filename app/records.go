package app

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Enterprise is a key enterprise (重点企业) on an office's list.
type Enterprise struct {
	Meta
	CreditCode string   `json:"credit_code"` // 统一社会信用代码, 18 characters
	Name       string   `json:"name"`
	Industry   string   `json:"industry"`
	Categories []string `json:"categories"` // from EnterpriseCategories
	LegalRep   string   `json:"legal_rep"`
	Contact    string   `json:"contact"`
	Phone      string   `json:"phone"`
	Address    string   `json:"address"`
}

// EnterpriseCategories are the groups the notice names.
var EnterpriseCategories = []string{"三大一新", "规模以上", "专精特新", "高成长性", "高新技术"}

// Normalize trims fields and normalizes the credit code.
func (e *Enterprise) Normalize() {
	e.CreditCode = NormalizeCreditCode(e.CreditCode)
	trim(&e.Name, &e.Industry, &e.LegalRep, &e.Contact, &e.Phone, &e.Address)
}

// Validate checks an enterprise before it is saved. A duplicate credit code
// is checked by the store, which sees the other records.
func (e *Enterprise) Validate() error {
	var v Invalid
	if blank(e.Name) {
		v.Add("Name", "请填写企业名称")
	}
	if e.CreditCode == "" {
		v.Add("CreditCode", "请填写统一社会信用代码（18位，见营业执照）")
	} else if err := CheckCreditCode(e.CreditCode); err != nil {
		v.Add("CreditCode", err.Error())
	}
	checkLen(&v, "Name", e.Name, 100)
	checkLen(&v, "Address", e.Address, 200)
	return v.Err()
}

// Level is a leader's level.
type Level string

// The levels of leaders: city and county.
const (
	LevelCity   Level = "市级"
	LevelCounty Level = "县级"
)

// Levels lists the leader levels.
var Levels = []string{string(LevelCity), string(LevelCounty)}

// Bodies lists the bodies a leader can belong to: the notice names the
// government and, where a county chooses, the party committee, the people's
// congress and the CPPCC.
var Bodies = []string{"政府", "党委", "人大", "政协"}

// Leader is a city or county leader (联系领导) who looks after key
// enterprises.
type Leader struct {
	Meta
	Name  string `json:"name"`
	Post  string `json:"post"` // 职务, e.g. 副区长
	Level Level  `json:"level"`
	Body  string `json:"body"`
	Phone string `json:"phone"`
}

// Normalize trims fields.
func (l *Leader) Normalize() { trim(&l.Name, &l.Post, &l.Body, &l.Phone) }

// Validate checks a leader before it is saved.
func (l *Leader) Validate() error {
	var v Invalid
	if blank(l.Name) {
		v.Add("Name", "请填写领导姓名")
	}
	if blank(l.Post) {
		v.Add("Post", "请填写职务，例如“副区长”")
	}
	if l.Level != LevelCity && l.Level != LevelCounty {
		v.Add("Level", "请选择级别：市级或县级")
	}
	if !contains(Bodies, l.Body) {
		v.Add("Body", "请选择所在班子：政府、党委、人大或政协")
	}
	checkLen(&v, "Name", l.Name, 30)
	return v.Err()
}

// Assignment (分包关系) says that a leader looks after an enterprise, with a
// staff member (联络员) responsible for the day-to-day work.
type Assignment struct {
	Meta
	LeaderID     string `json:"leader_id"`
	EnterpriseID string `json:"enterprise_id"`
	Liaison      string `json:"liaison"` // 联络员
	LiaisonPhone string `json:"liaison_phone"`
	LeadDept     string `json:"lead_dept"`
	SupportDepts string `json:"support_depts"`
	From         Date   `json:"from"`
	To           Date   `json:"to"` // zero: still in force

	LeaderName     string `json:"-"` // filled by the store when listing
	EnterpriseName string `json:"-"`
}

// Normalize trims fields.
func (a *Assignment) Normalize() { trim(&a.Liaison, &a.LiaisonPhone, &a.LeadDept, &a.SupportDepts) }

// Validate checks an assignment before it is saved.
func (a *Assignment) Validate() error {
	var v Invalid
	if a.LeaderID == "" {
		v.Add("LeaderID", "请选择联系领导")
	}
	if a.EnterpriseID == "" {
		v.Add("EnterpriseID", "请选择重点企业")
	}
	if blank(a.Liaison) {
		v.Add("Liaison", "请填写联络员（专人负责）")
	}
	if a.From.IsZero() {
		v.Add("From", "请填写分包开始日期")
	}
	if !a.To.IsZero() && a.To.Before(a.From) {
		v.Add("To", "结束日期不能早于开始日期")
	}
	return v.Err()
}

// ActiveOn reports whether the assignment is in force on day d.
func (a *Assignment) ActiveOn(d Date) bool {
	return !a.From.After(d) && (a.To.IsZero() || !a.To.Before(d))
}

// VisitModes are the ways a visit is made.
var VisitModes = []string{"实地", "电话", "会议"}

// Visit (走访记录) is one visit of a leader to an enterprise.
type Visit struct {
	Meta
	Date         Date   `json:"date"`
	LeaderID     string `json:"leader_id"`
	Companions   string `json:"companions"`
	EnterpriseID string `json:"enterprise_id"`
	Mode         string `json:"mode"`
	Findings     string `json:"findings"` // what was found, the enterprise's situation

	LeaderName     string `json:"-"`
	EnterpriseName string `json:"-"`
}

// Normalize trims fields.
func (x *Visit) Normalize() { trim(&x.Companions, &x.Mode, &x.Findings) }

// Validate checks a visit before it is saved; today is the day it is typed
// in, since a visit cannot be in the future.
func (x *Visit) Validate(today Date) error {
	var v Invalid
	if x.Date.IsZero() {
		v.Add("Date", "请填写走访日期")
	} else if x.Date.After(today) {
		v.Add("Date", "走访日期不能晚于今天")
	}
	if x.LeaderID == "" {
		v.Add("LeaderID", "请选择走访领导")
	}
	if x.EnterpriseID == "" {
		v.Add("EnterpriseID", "请选择被走访企业")
	}
	if !contains(VisitModes, x.Mode) {
		v.Add("Mode", "请选择走访方式：实地、电话或会议")
	}
	return v.Err()
}

func trim(ss ...*string) {
	for _, s := range ss {
		*s = strings.TrimSpace(*s)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func checkLen(v *Invalid, field, s string, max int) {
	if utf8.RuneCountInString(s) > max {
		v.Add(field, "内容过长：最多"+strconv.Itoa(max)+"个字")
	}
}
