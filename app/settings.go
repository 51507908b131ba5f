package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Settings are the office's rules with numbers, editable on the settings
// screen. The defaults are those seen in practice (docs/SPEC.md,
// "Settings").
type Settings struct {
	AssignWithinDays    int `json:"assign_within_days"`    // 交办 within this many working days of registration
	DeadlineDays        int `json:"deadline_days"`         // default deadline, working days after 交办
	MaxDeadlineDays     int `json:"max_deadline_days"`     // latest deadline, working days after 交办
	VisitIntervalMonths int `json:"visit_interval_months"` // each assigned enterprise is visited once per this many months
	DueSoonDays         int `json:"due_soon_days"`         // the 工作台 lists problems due within this many days

	// Began (启用日期) is the day the office began keeping its records in
	// this program: set to the day its database is set up, moved earlier
	// when older records are entered. The periods of the meeting calendar
	// that ended before it are not reminded of as 未召开 (see
	// MeetingCalendar). The zero Date (a database of an earlier version)
	// reminds of every period.
	Began Date `json:"began,omitempty"`

	// VisitModesCounted widens the visit modes that count as a 走访
	// beyond 实地 (e.g. 电话); empty means 实地 alone. Use CountedModes.
	VisitModesCounted []string `json:"visit_modes_counted,omitempty"`

	// DeptReceipt makes a 交办 problem wait for its 牵头单位's 签收 (or
	// 退回) before it is worked on (交办后须责任单位签收); off by default.
	DeptReceipt bool `json:"dept_receipt,omitempty"`

	FundSize        Yuan `json:"fund_size"`          // the emergency bridge-loan fund: 1亿元 at the city; 0 at a county without a fund of its own
	LoanTermDays    int  `json:"loan_term_days"`     // a bridge loan's usual term, calendar days
	LoanMaxDays     int  `json:"loan_max_days"`      // its longest term
	LoanUsesPerYear int  `json:"loan_uses_per_year"` // pay-outs per enterprise per calendar year

	// IdleLock is how many minutes without use lock the window, which
	// then asks for the account's password again: 0 is DefaultIdleLock
	// (a database of an earlier version), -1 never. Use IdleLockMinutes.
	IdleLock int `json:"idle_lock,omitempty"`

	AttachMaxMB   int `json:"attach_max_mb,omitempty"`   // the largest attachment, MB; 0 is DefaultAttachMaxMB
	ShrinkAboveMB int `json:"shrink_above_mb,omitempty"` // photos above this many MB are offered to be shrunk; 0 is DefaultShrinkAboveMB

	// The issuing body (发文机关) of the office's documents: its full name
	// in the 落款 and the 版记 (e.g. 海港区人民政府办公室), the name that
	// heads its documents in red (发文机关标志, e.g. 海港区 in
	// "海港区企业现场办公会纪要") and the units minutes are copied to
	// (抄送). Empty means the default for the office (see Issuer).
	IssuerName  string `json:"issuer_name,omitempty"`
	IssuerShort string `json:"issuer_short,omitempty"`
	CopyTo      string `json:"copy_to,omitempty"`

	// Indicators is the city bureau's assessment scheme; empty means
	// DefaultIndicators. Use Scheme to read it.
	Indicators []Indicator `json:"indicators,omitempty"`

	// Calendar is the office's working-day calendar: the store fills it
	// when it reads the settings (NewCalendar over the years entered); it
	// is not saved with them.
	Calendar Calendar `json:"-"`
}

// Window locks (Settings.IdleLock): by default after half an hour without
// use, at most after eight hours.
const (
	DefaultIdleLock = 30
	MaxIdleLock     = 480
)

// IdleLockMinutes is how many minutes without use lock the window, 0 for
// never.
func (s Settings) IdleLockMinutes() int {
	switch {
	case s.IdleLock < 0:
		return 0
	case s.IdleLock == 0:
		return DefaultIdleLock
	}
	return s.IdleLock
}

// SetIdleLockMinutes sets IdleLock to n minutes, 0 for never.
func (s *Settings) SetIdleLockMinutes(n int) {
	if n == 0 {
		n = -1
	}
	s.IdleLock = n
}

// Scheme is the assessment scheme in force: s.Indicators, or the default.
func (s Settings) Scheme() []Indicator {
	if len(s.Indicators) == 0 {
		return DefaultIndicators()
	}
	return s.Indicators
}

// Issuer is the body that issues an office's documents.
type Issuer struct {
	Name   string // full name, as the 落款 and the 版记 give it: 海港区人民政府办公室
	Short  string // the name heading its documents: 海港区
	CopyTo string // 抄送 of minutes, "" for none
}

// Issuer is the issuing body of office o's documents as set, each part
// left empty taking its default: a county's government office
// ("<county>人民政府办公室", headed "<county>"), or the city bureau itself
// (秦皇岛市工业和信息化局).
func (s Settings) Issuer(o Office) Issuer {
	is := Issuer{Name: s.IssuerName, Short: s.IssuerShort, CopyTo: s.CopyTo}
	name := o.Name
	if name == "" {
		name = OfficeName(o.Code)
	}
	if is.Short == "" {
		is.Short = name
	}
	if is.Name == "" {
		is.Name = name
		if o.Role != RoleCity && o.Code != CityCode {
			is.Name = name + "人民政府办公室"
		}
	}
	return is
}

// maxIssuer is the longest issuing body's name, in characters: a 落款
// goes on one line.
const maxIssuer = 20

// DefaultSettings are the settings of a new database of the city bureau;
// a county's are the same but for FundSize, 0 (DefaultSettingsOf): the
// fund is the city's.
func DefaultSettings() Settings {
	return Settings{AssignWithinDays: 3, DeadlineDays: 15, MaxDeadlineDays: 30, VisitIntervalMonths: 3, DueSoonDays: 7,
		FundSize: 100_000_000, LoanTermDays: 15, LoanMaxDays: 30, LoanUsesPerYear: 2,
		AttachMaxMB: DefaultAttachMaxMB, ShrinkAboveMB: DefaultShrinkAboveMB}
}

// DefaultSettingsOf are the settings of a new database of an office of
// role r: a county runs no fund of its own (FundSize 0) and sends its
// bridge-loan applications to the city's fund.
func DefaultSettingsOf(r Role) Settings {
	s := DefaultSettings()
	if r != RoleCity {
		s.FundSize = 0
	}
	return s
}

// Validate checks settings before they are saved.
func (s Settings) Validate() error {
	var v Invalid
	if s.AssignWithinDays < 1 || s.AssignWithinDays > 30 {
		v.Add("AssignWithinDays", "交办期限应为1至30个工作日")
	}
	if s.DeadlineDays < 1 || s.DeadlineDays > 365 {
		v.Add("DeadlineDays", "默认办理时限应为1至365个工作日")
	}
	if s.MaxDeadlineDays < s.DeadlineDays || s.MaxDeadlineDays > 365 {
		v.Add("MaxDeadlineDays", "最长办理时限不能短于默认办理时限，且不超过365个工作日")
	}
	switch s.VisitIntervalMonths {
	case 1, 2, 3, 4, 6, 12:
	default:
		v.Add("VisitIntervalMonths", "走访周期应为1、2、3、4、6或12个月")
	}
	for _, m := range s.VisitModesCounted {
		if !contains(VisitModes, m) {
			v.Add("VisitModesCounted", "计为走访的方式只能是实地、电话、会议或视频")
			break
		}
	}
	if s.DueSoonDays < 1 || s.DueSoonDays > 60 {
		v.Add("DueSoonDays", "临期提醒天数应为1至60天")
	}
	if s.FundSize < 0 {
		v.Add("FundSize", "转贷基金规模不能为负数（万元）；县区不设本级基金的填0，转贷申请报市级基金")
	}
	if s.LoanTermDays < 1 || s.LoanTermDays > s.LoanMaxDays {
		v.Add("LoanTermDays", "转贷一般期限应为1天以上，且不超过最长期限")
	}
	if s.LoanMaxDays < 1 || s.LoanMaxDays > maxLoanDays {
		v.Add("LoanMaxDays", "转贷最长期限应为1至90天")
	}
	if s.LoanUsesPerYear < 1 || s.LoanUsesPerYear > 12 {
		v.Add("LoanUsesPerYear", "每家企业每年使用次数应为1至12次")
	}
	if s.IdleLock < -1 || s.IdleLock > MaxIdleLock {
		v.Add("IdleLock", fmt.Sprintf("无操作自动锁定应为1至%d分钟，填0为不锁定", MaxIdleLock))
	}
	if s.AttachMaxMB < 0 || s.AttachMaxMB > 200 {
		v.Add("AttachMaxMB", "每个附件的大小上限应为1至200 MB")
	}
	if s.ShrinkAboveMB < 0 || s.ShrinkAboveMB > 50 {
		v.Add("ShrinkAboveMB", "提示缩小照片的大小应为1至50 MB")
	}
	for _, f := range []struct{ field, label, value string }{
		{"IssuerName", "发文机关全称", s.IssuerName}, {"IssuerShort", "发文机关标志用名", s.IssuerShort}} {
		if utf8.RuneCountInString(f.value) > maxIssuer || strings.ContainsAny(f.value, "\r\n") {
			v.Add(f.field, fmt.Sprintf("%s应在一行内，不超过%d个字", f.label, maxIssuer))
		}
	}
	if utf8.RuneCountInString(s.CopyTo) > 200 {
		v.Add("CopyTo", "抄送单位不超过200个字")
	}
	if len(s.Indicators) > 0 {
		var inv Invalid
		if errors.As(ValidateScheme(s.Indicators), &inv) {
			v = append(v, inv...)
		}
	}
	return v.Err()
}

// Rules returns the deadline rules of s.
func (s Settings) Rules() DeadlineRules {
	return DeadlineRules{DefaultDays: s.DeadlineDays, MaxDays: s.MaxDeadlineDays, Calendar: s.Calendar, Receipt: s.DeptReceipt}
}

// VisitPeriodName names the visit period in Chinese: 本季度, 本月 …
func (s Settings) VisitPeriodName() string {
	switch s.VisitIntervalMonths {
	case 1:
		return "本月"
	case 3:
		return "本季度"
	case 6:
		return "本半年"
	case 12:
		return "本年度"
	}
	return "本周期"
}

// SaveSettings checks and saves the office's settings.
func (s *Service) SaveSettings(ctx context.Context, st Settings) error {
	if err := st.Validate(); err != nil {
		return err
	}
	if st.Began.After(s.Today()) {
		return FieldError{"Began", "启用日期不能晚于今天"}
	}
	return s.admin(ctx, func(tx Tx) error {
		me, err := tx.Office(ctx)
		if err != nil {
			return err
		}
		if me.Role == RoleCity && st.FundSize <= 0 {
			return FieldError{"FundSize", "市级应急转贷基金规模应大于零（万元）"}
		}
		return tx.SaveSettings(st)
	})
}
