package app

import (
	"context"
	"sort"
)

// Financing need statuses: gathered, then answered by the bank.
const (
	NeedOpen    = "待对接"
	NeedCredit  = "已授信"
	NeedLent    = "已放款"
	NeedRefused = "未获批准"
)

// NeedStatuses lists the statuses of a financing need.
var NeedStatuses = []string{NeedOpen, NeedCredit, NeedLent, NeedRefused}

// FinancingNeed (融资需求) is an enterprise's need for money, gathered for a
// 银企对接会 and recommended to a bank, with the bank's answer.
type FinancingNeed struct {
	Meta
	Date         Date   `json:"date"` // the day it was gathered
	EnterpriseID string `json:"enterprise_id"`
	MeetingID    string `json:"meeting_id"` // the matchmaking meeting, if any
	Amount       Yuan   `json:"amount"`
	Use          string `json:"use"`
	TermMonths   int    `json:"term_months"`
	Collateral   string `json:"collateral"`
	Bank         string `json:"bank"` // recommended to
	Status       string `json:"status"`
	Credit       Yuan   `json:"credit"` // credit line granted
	Lent         Yuan   `json:"lent"`
	LentOn       Date   `json:"lent_on"`
	Reason       string `json:"reason"` // why the bank refused

	EnterpriseName string `json:"-"` // filled by the store when listing
}

// Normalize trims the need's text.
func (n *FinancingNeed) Normalize() {
	trim(&n.Use, &n.Collateral, &n.Bank, &n.Status, &n.Reason)
	n.Bank = BankName(n.Bank)
}

// Validate checks a financing need and the bank's answer.
func (n *FinancingNeed) Validate() error {
	var v Invalid
	if n.EnterpriseID == "" {
		v.Add("EnterpriseID", "请选择企业")
	}
	if n.Date.IsZero() {
		v.Add("Date", "请填写登记日期")
	}
	if n.Amount <= 0 {
		v.Add("Amount", "融资金额应大于零（万元）")
	}
	if blank(n.Use) {
		v.Add("Use", "请填写资金用途")
	}
	if n.TermMonths < 0 || n.TermMonths > 360 {
		v.Add("TermMonths", "期限应为0至360个月")
	}
	if n.Status == "" {
		n.Status = NeedOpen
	}
	switch n.Status {
	case NeedOpen:
	case NeedCredit:
		if n.Credit <= 0 {
			v.Add("Credit", "已授信的，请填写授信额度")
		}
	case NeedLent:
		if n.Lent <= 0 {
			v.Add("Lent", "已放款的，请填写放款金额")
		}
		if n.LentOn.IsZero() {
			v.Add("LentOn", "已放款的，请填写放款日期")
		}
	case NeedRefused:
		if blank(n.Reason) {
			v.Add("Reason", "未获批准的，请填写银行给出的原因")
		}
	default:
		v.Add("Status", "请选择对接结果：待对接、已授信、已放款或未获批准")
	}
	if n.Status != NeedOpen && n.Status != "" && blank(n.Bank) {
		v.Add("Bank", "有银行答复的，请填写推荐的银行")
	}
	if n.Credit < 0 {
		v.Add("Credit", "授信额度不能为负数")
	}
	if n.Lent < 0 {
		v.Add("Lent", "放款金额不能为负数")
	}
	return v.Err()
}

// BankTotal sums the financing needs recommended to one bank (or of one
// meeting).
type BankTotal struct {
	Bank    string
	Needs   int
	Amount  Yuan // asked for
	Credit  Yuan // granted
	Lent    Yuan
	Refused int
}

// TotalsByBank sums needs per bank, banks in name order; needs with no bank
// yet are summed under 未推荐.
func TotalsByBank(needs []FinancingNeed) []BankTotal {
	m := map[string]*BankTotal{}
	for _, n := range needs {
		if n.Deleted {
			continue
		}
		b := n.Bank
		if b == "" {
			b = "未推荐"
		}
		t := m[b]
		if t == nil {
			t = &BankTotal{Bank: b}
			m[b] = t
		}
		t.add(n)
	}
	out := make([]BankTotal, 0, len(m))
	for _, t := range m {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Bank < out[j].Bank })
	return out
}

// TotalOf sums needs, e.g. those of one meeting.
func TotalOf(needs []FinancingNeed) BankTotal {
	var t BankTotal
	for _, n := range needs {
		if !n.Deleted {
			t.add(n)
		}
	}
	return t
}

func (t *BankTotal) add(n FinancingNeed) {
	t.Needs++
	t.Amount += n.Amount
	t.Credit += n.Credit
	t.Lent += n.Lent
	if n.Status == NeedRefused {
		t.Refused++
	}
}

// Banks are the banks in Qinhuangdao that matchmaking meetings usually
// invite; a form offers them and takes any other name too.
var Banks = []string{
	"中国银行秦皇岛分行", "中国工商银行秦皇岛分行", "中国建设银行秦皇岛分行", "中国农业银行秦皇岛分行",
	"交通银行秦皇岛分行", "中国邮政储蓄银行秦皇岛分行", "秦皇岛银行", "河北银行秦皇岛分行",
	"兴业银行秦皇岛分行", "中信银行秦皇岛分行", "光大银行秦皇岛分行", "华夏银行秦皇岛分行",
}

// FinancingFilter selects financing needs, newest first.
type FinancingFilter struct {
	Office       string
	EnterpriseID string
	MeetingID    string
	Bank         string
	Status       string
	Limit        int
}

// SaveFinancingNeed checks and saves a financing need and the bank's answer.
func (s *Service) SaveFinancingNeed(ctx context.Context, n *FinancingNeed) error {
	n.Normalize()
	if err := n.Validate(); err != nil {
		return err
	}
	return saveCopy(s, ctx, n, Tx.SaveFinancingNeed)
}
