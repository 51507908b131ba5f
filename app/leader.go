package app

import "context"

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

// LeaderFilter selects leaders.
type LeaderFilter struct {
	Office string
	Query  string
}

// SaveLeader checks and saves a leader.
func (s *Service) SaveLeader(ctx context.Context, l *Leader) error {
	l.Normalize()
	if err := l.Validate(); err != nil {
		return err
	}
	return saveCopy(s, ctx, l, Tx.SaveLeader)
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

// AssignmentFilter selects assignments.
type AssignmentFilter struct {
	Office       string
	LeaderID     string
	EnterpriseID string
	ActiveOn     Date // in force on that day, when set
}

// SaveAssignment checks and saves a leader↔enterprise assignment.
func (s *Service) SaveAssignment(ctx context.Context, a *Assignment) error {
	a.Normalize()
	if err := a.Validate(); err != nil {
		return err
	}
	return saveCopy(s, ctx, a, Tx.SaveAssignment)
}
