package app

import (
	"context"
	"fmt"
	"sort"
)

// LoanStatus is where a bridge loan stands. 逾期 is never stored: it is a
// paid-out loan past its due-back date (see BridgeLoan.Overdue).
type LoanStatus string

// The statuses of a bridge loan: 申请 → 审核 → 批准 → 放款 → 结清.
const (
	LoanApplied  LoanStatus = "申请"
	LoanReviewed LoanStatus = "审核"
	LoanApproved LoanStatus = "批准"
	LoanPaid     LoanStatus = "放款"
	LoanSettled  LoanStatus = "结清"
	LoanOverdue  LoanStatus = "逾期" // shown, never stored
	// LoanRefused is an application to the city fund the city refused:
	// shown from the city's decision, never stored on the loan.
	LoanRefused LoanStatus = "不予支持"
)

// LoanStatuses lists the stored statuses in order.
var LoanStatuses = []LoanStatus{LoanApplied, LoanReviewed, LoanApproved, LoanPaid, LoanSettled}

// LoanConditions are the four conditions of the notice an enterprise must
// meet for the fund, in its words.
var LoanConditions = []string{"符合产业导向", "企业运行正常", "自身转贷困难", "符合银行续贷条件"}

// BridgeLoan (转贷) is one use of the emergency bridge-loan fund: the fund
// repays an enterprise's maturing bank loan for a few days until the bank
// lends again.
type BridgeLoan struct {
	Meta
	EnterpriseID string     `json:"enterprise_id"`
	Bank         string     `json:"bank"`
	Original     Yuan       `json:"original"`     // the maturing bank loan
	OriginalDue  Date       `json:"original_due"` // its due date
	Commitment   string     `json:"commitment"`   // the bank's written renewal commitment (document, date)
	Conditions   []bool     `json:"conditions"`   // one per LoanConditions, checked at review
	Applied      Yuan       `json:"applied"`
	AppliedOn    Date       `json:"applied_on"`
	Approved     Yuan       `json:"approved"`
	ApprovedOn   Date       `json:"approved_on"`
	PaidOn       Date       `json:"paid_on"`
	DueBack      Date       `json:"due_back"`
	RepaidOn     Date       `json:"repaid_on"`
	Fee          Yuan       `json:"fee"`
	Status       LoanStatus `json:"status"`
	Note         string     `json:"note"`

	// CityFund marks a county's application to the city's fund: the county
	// enters only the application (with the bank's commitment and the
	// term asked for); the city decides it by a LoanDecision of its own.
	CityFund bool `json:"city_fund,omitempty"`
	TermDays int  `json:"term_days,omitempty"` // the days of use asked for (city-fund applications)

	EnterpriseName string        `json:"-"` // filled by the store when listing
	EnterpriseCode string        `json:"-"` // its credit code, filled by the store: one enterprise across offices
	Decision       *LoanDecision `json:"-"` // the city's decision on a city-fund application, filled by the Service
}

// Overdue reports whether the loan was paid out and not repaid by its
// due-back date.
func (l *BridgeLoan) Overdue(today Date) bool {
	return l.Status == LoanPaid && !l.DueBack.IsZero() && l.DueBack.Before(today)
}

// Shown is the status to show on day today: 逾期 for an overdue loan.
func (l *BridgeLoan) Shown(today Date) LoanStatus {
	if l.Overdue(today) {
		return LoanOverdue
	}
	return l.Status
}

// DaysUsed is how many days the fund's money was out: to the repayment, or
// to today while it is out.
func (l *BridgeLoan) DaysUsed(today Date) int {
	if l.PaidOn.IsZero() {
		return 0
	}
	end := today
	if !l.RepaidOn.IsZero() {
		end = l.RepaidOn
	}
	return l.PaidOn.DaysUntil(end)
}

// Holds reports whether the loan holds money of the fund: approved and not
// yet repaid.
func (l *BridgeLoan) Holds() bool {
	return !l.Deleted && (l.Status == LoanApproved || l.Status == LoanPaid)
}

// AllConditions reports whether every condition was found to hold.
func (l *BridgeLoan) AllConditions() bool {
	if len(l.Conditions) != len(LoanConditions) {
		return false
	}
	for _, c := range l.Conditions {
		if !c {
			return false
		}
	}
	return true
}

// Normalize trims the loan's text.
func (l *BridgeLoan) Normalize() {
	trim(&l.Bank, &l.Commitment, &l.Note)
	l.Bank = BankName(l.Bank)
}

// Validate checks a new application, or the application part of a loan.
func (l *BridgeLoan) Validate() error {
	var v Invalid
	if l.EnterpriseID == "" {
		v.Add("EnterpriseID", "请选择申请企业")
	}
	if blank(l.Bank) {
		v.Add("Bank", "请填写贷款银行")
	}
	if l.Original <= 0 {
		v.Add("Original", "请填写到期贷款金额（万元）")
	}
	if l.OriginalDue.IsZero() {
		v.Add("OriginalDue", "请填写原贷款到期日")
	}
	switch {
	case l.Applied <= 0:
		v.Add("Applied", "申请金额应大于零（万元）")
	case l.Original > 0 && l.Applied > l.Original:
		v.Add("Applied", "申请金额不能超过到期贷款金额 "+l.Original.String())
	}
	if l.AppliedOn.IsZero() {
		v.Add("AppliedOn", "请填写申请日期")
	}
	if l.CityFund {
		if blank(l.Commitment) {
			v.Add("Commitment", "请填写银行的书面续贷承诺（文件名称、日期）：没有承诺市级基金不能批准")
		}
		if l.TermDays < 1 || l.TermDays > maxLoanDays {
			v.Add("TermDays", fmt.Sprintf("请填写申请使用天数（1至%d天）", maxLoanDays))
		}
	}
	return v.Err()
}

// maxLoanDays is the longest term any fund's settings allow.
const maxLoanDays = 90

// LoanActionKind is one step of a bridge loan.
type LoanActionKind string

// The steps of a bridge loan.
const (
	LoanActReview  LoanActionKind = "审核"
	LoanActApprove LoanActionKind = "批准"
	LoanActPay     LoanActionKind = "放款"
	LoanActRepay   LoanActionKind = "结清"
	// LoanActRefuse is the city's refusal of a county's application to
	// the city fund (DecideLoan); the city's approval of one is
	// LoanActPay, with the amount, and its repayment LoanActRepay.
	LoanActRefuse LoanActionKind = "不予支持"
)

var loanNext = map[LoanStatus][]LoanActionKind{
	LoanApplied:  {LoanActReview},
	LoanReviewed: {LoanActReview, LoanActApprove},
	LoanApproved: {LoanActPay},
	LoanPaid:     {LoanActRepay},
}

// LoanActions lists the steps a loan in status s allows.
func LoanActions(s LoanStatus) []LoanActionKind { return loanNext[s] }

// LoanAction is one step as the clerk fills it in.
type LoanAction struct {
	Kind       LoanActionKind
	Date       Date   // review, approval, pay-out or repayment day
	Conditions []bool // LoanActReview: one per LoanConditions
	Commitment string // LoanActReview: the bank's written renewal commitment
	Amount     Yuan   // LoanActApprove
	DueBack    Date   // LoanActPay
	Fee        Yuan   // LoanActRepay
	Reason     string // LoanActRefuse: why the city fund does not lend
}

// LoanRules bound the fund's loans: the settings, the money the fund has
// free (not held by other loans) and how often the enterprise already used
// the fund in the year of the pay-out.
type LoanRules struct {
	MaxDays     int  // the longest term, in calendar days
	UsesPerYear int  // pay-outs per enterprise per calendar year
	Free        Yuan // fund size less what other loans hold
	UsesInYear  int  // the enterprise's other pay-outs in the pay-out's year
	Today       Date // a step records what happened: never after today (zero: no bound)
}

// Apply takes step a and returns the loan as it then is; l is not
// changed. Every refusal is a field error in Chinese.
func (l BridgeLoan) Apply(a LoanAction, r LoanRules) (BridgeLoan, error) {
	ok := false
	for _, k := range loanNext[l.Status] {
		ok = ok || k == a.Kind
	}
	if !ok {
		return l, FieldError{"Kind", fmt.Sprintf("转贷当前状态为“%s”，不能“%s”", l.Status, a.Kind)}
	}
	var v Invalid
	l.checkStepDate(&v, a.Date, r.Today)
	q := l
	switch a.Kind {
	case LoanActReview:
		if len(a.Conditions) != len(LoanConditions) {
			v.Add("Conditions", "请逐项核实四个条件")
		}
		q.Conditions = append([]bool(nil), a.Conditions...)
		q.Commitment = a.Commitment
		q.Status = LoanReviewed
	case LoanActApprove:
		if !l.AllConditions() {
			v.Add("Conditions", "四个条件（符合产业导向、企业运行正常、自身转贷困难、符合银行续贷条件）须全部符合才能批准")
		}
		if blank(l.Commitment) {
			v.Add("Commitment", "须有银行出具的书面续贷承诺才能批准")
		}
		switch {
		case a.Amount <= 0:
			v.Add("Amount", "批准金额应大于零（万元）")
		case a.Amount > l.Original:
			v.Add("Amount", "批准金额不能超过到期贷款金额 "+l.Original.String())
		case a.Amount > l.Applied:
			v.Add("Amount", "批准金额不能超过申请金额 "+l.Applied.String())
		case a.Amount > r.Free:
			v.Add("Amount", "基金可用余额只有 "+r.Free.String()+"，不能批准 "+a.Amount.String())
		}
		q.Approved, q.ApprovedOn, q.Status = a.Amount, a.Date, LoanApproved
	case LoanActPay:
		switch {
		case a.DueBack.IsZero():
			v.Add("DueBack", "请填写约定归还日期")
		case !a.Date.IsZero() && !a.DueBack.After(a.Date):
			v.Add("DueBack", "约定归还日期应晚于放款日期")
		case !a.Date.IsZero() && a.DueBack.After(a.Date.AddDays(r.MaxDays)):
			v.Add("DueBack", fmt.Sprintf("使用期限最长%d天（不晚于 %s）", r.MaxDays, a.Date.AddDays(r.MaxDays)))
		}
		if !a.Date.IsZero() && a.Date.Before(l.ApprovedOn) {
			v.Add("Date", "放款日期不能早于批准日期 "+l.ApprovedOn.String())
		}
		if r.UsesPerYear > 0 && r.UsesInYear >= r.UsesPerYear {
			v.Add("Date", fmt.Sprintf("该企业本年度已使用转贷基金%d次，每年最多%d次", r.UsesInYear, r.UsesPerYear))
		}
		q.PaidOn, q.DueBack, q.Status = a.Date, a.DueBack, LoanPaid
	case LoanActRepay:
		if !a.Date.IsZero() && a.Date.Before(l.PaidOn) {
			v.Add("Date", "归还日期不能早于放款日期 "+l.PaidOn.String())
		}
		if a.Fee < 0 {
			v.Add("Fee", "费用不能为负数")
		}
		q.RepaidOn, q.Fee, q.Status = a.Date, a.Fee, LoanSettled
	}
	if err := v.Err(); err != nil {
		return l, err
	}
	return q, nil
}

// checkStepDate refuses into v a step's day d that is missing, before the
// application or after today (when today is set).
func (l *BridgeLoan) checkStepDate(v *Invalid, d, today Date) {
	switch {
	case d.IsZero():
		v.Add("Date", "请填写日期")
	case d.Before(l.AppliedOn):
		v.Add("Date", "日期不能早于申请日期 "+l.AppliedOn.String())
	case !today.IsZero() && d.After(today):
		v.Add("Date", "日期不能晚于今天（"+today.String()+"）：请在办理当天或之后登记")
	}
}

// FundState is the fund's position: its size, what loans hold, what is free.
type FundState struct {
	Size  Yuan
	Held  Yuan // approved or paid out, not yet repaid
	Free  Yuan
	Out   int  // loans holding money
	Lent  Yuan // paid out in all, over all time
	Fees  Yuan
	Loans int
}

// Fund sums the fund's position from its loans.
func Fund(size Yuan, loans []BridgeLoan) FundState {
	f := FundState{Size: size}
	for i := range loans {
		l := &loans[i]
		if l.Deleted {
			continue
		}
		f.Loans++
		if l.Holds() {
			f.Held += l.Approved
			f.Out++
		}
		if !l.PaidOn.IsZero() {
			f.Lent += l.Approved
		}
		f.Fees += l.Fee
	}
	f.Free = f.Size - f.Held
	return f
}

// FundEntry is one movement of the fund's money in its ledger (基金台账):
// a pay-out to an enterprise or a repayment by it.
type FundEntry struct {
	Date       Date
	LoanID     string
	Enterprise string
	Bank       string
	Out        Yuan // paid out
	In         Yuan // repaid
	Fee        Yuan // the fee charged with a repayment
	Lent       Yuan // out with enterprises after this movement
	Balance    Yuan // in the fund's account after it: size less Lent
}

// FundLedger lists the fund's movements in date order, each with what is
// then out with enterprises and the balance left in the account. On one day
// repayments come before pay-outs, as money repaid in the morning can be
// lent again the same day.
func FundLedger(size Yuan, loans []BridgeLoan) []FundEntry {
	var es []FundEntry
	for i := range loans {
		l := &loans[i]
		if l.Deleted || l.PaidOn.IsZero() {
			continue
		}
		e := FundEntry{Date: l.PaidOn, LoanID: l.ID, Enterprise: l.EnterpriseName, Bank: l.Bank, Out: l.Approved}
		es = append(es, e)
		if !l.RepaidOn.IsZero() {
			e.Date, e.Out, e.In, e.Fee = l.RepaidOn, 0, l.Approved, l.Fee
			es = append(es, e)
		}
	}
	sort.SliceStable(es, func(i, j int) bool {
		a, b := &es[i], &es[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.Before(b.Date)
		}
		if (a.In > 0) != (b.In > 0) {
			return a.In > 0
		}
		return a.LoanID < b.LoanID
	})
	var lent Yuan
	for i := range es {
		lent += es[i].Out - es[i].In
		es[i].Lent, es[i].Balance = lent, size-lent
	}
	return es
}

// LoanFilter selects bridge loans, newest application first.
type LoanFilter struct {
	Office       string
	EnterpriseID string
	Status       LoanStatus // a stored status
	Limit        int
}

// SaveBridgeLoan checks and saves a bridge-loan application, new or
// corrected. Its status, approval, pay-out and repayment move only by
// LoanAct, so they are kept as stored. A new application of a county that
// runs no fund of its own (FundSize 0) goes to the city's fund (CityFund):
// it holds the bank's commitment and the term asked for, and can be
// corrected only until the city has decided it.
func (s *Service) SaveBridgeLoan(ctx context.Context, l *BridgeLoan) error {
	l.Normalize()
	x := *l
	err := s.update(ctx, func(tx Tx) error {
		me, err := tx.Office(ctx)
		if err != nil {
			return err
		}
		st, err := tx.Settings(ctx)
		if err != nil {
			return err
		}
		var old BridgeLoan
		if x.ID == "" {
			x.CityFund = me.Role != RoleCity && st.FundSize <= 0
		} else {
			if old, err = tx.BridgeLoan(ctx, x.ID); err != nil {
				return err
			}
			x.CityFund = old.CityFund
		}
		if !x.CityFund {
			x.TermDays = 0
		}
		if err := x.Validate(); err != nil {
			return err
		}
		if x.CityFund && x.TermDays > st.LoanMaxDays {
			return FieldError{"TermDays", fmt.Sprintf("申请使用天数不能超过%d天（转贷最长期限）", st.LoanMaxDays)}
		}
		if x.ID == "" {
			// Only the application is taken from the form: the review,
			// approval, pay-out and repayment come by LoanAct, or from
			// the city's decision.
			commitment := ""
			if x.CityFund {
				commitment = x.Commitment
			}
			x = BridgeLoan{Meta: x.Meta, EnterpriseID: x.EnterpriseID, Bank: x.Bank, Original: x.Original,
				OriginalDue: x.OriginalDue, Applied: x.Applied, AppliedOn: x.AppliedOn, Note: x.Note, Status: LoanApplied,
				CityFund: x.CityFund, TermDays: x.TermDays, Commitment: commitment}
			return tx.SaveBridgeLoan(&x)
		}
		if old.CityFund {
			if err := undecided(ctx, tx, old.ID); err != nil {
				return err
			}
		}
		if x.Applied > 0 && old.Approved > 0 && x.Original < old.Approved {
			return Invalid{{"Original", "到期贷款金额不能小于已批准金额 " + old.Approved.String()}}
		}
		q := old
		q.Version = x.Version
		q.EnterpriseID, q.Bank, q.Original, q.OriginalDue = x.EnterpriseID, x.Bank, x.Original, x.OriginalDue
		q.Applied, q.AppliedOn, q.Note = x.Applied, x.AppliedOn, x.Note
		if old.CityFund {
			q.Commitment, q.TermDays = x.Commitment, x.TermDays
		}
		if err := tx.SaveBridgeLoan(&q); err != nil {
			return err
		}
		x = q
		return nil
	})
	if err != nil {
		return err
	}
	*l = x
	return nil
}

// LoanAct takes step a of the loan with id in one transaction. Approval is
// refused when the fund has not the money free; pay-out when the
// enterprise has used the fund as often as a year allows. The fund is this
// office's: at the city, its own loans and every county's application to
// it. An application to the city's fund moves only by the city's decision
// (DecideLoan).
func (s *Service) LoanAct(ctx context.Context, id string, a LoanAction) (BridgeLoan, error) {
	var out BridgeLoan
	err := s.update(ctx, func(tx Tx) error {
		me, err := tx.Office(ctx)
		if err != nil {
			return err
		}
		st, err := tx.Settings(ctx)
		if err != nil {
			return err
		}
		l, err := tx.BridgeLoan(ctx, id)
		if err != nil {
			return err
		}
		if l.CityFund {
			return FieldError{"Kind", "这是报市级应急转贷基金的申请：由市里审批、放款和登记归还，本单位不能办理"}
		}
		all, err := fundLoans(ctx, tx, me)
		if err != nil {
			return err
		}
		q, err := l.Apply(a, fundRules(st, all, l, a.Date, s.Today()))
		if err != nil {
			return err
		}
		if err := tx.SaveBridgeLoan(&q); err != nil {
			return err
		}
		out = q
		return nil
	})
	return out, err
}

// Fund is the position of this office's bridge-loan fund and the loans of
// office shown with it (FundBook).
func (s *Service) Fund(ctx context.Context, office string) (FundState, []BridgeLoan, error) {
	b, err := s.FundBook(ctx, office)
	return b.State, b.Loans, err
}
