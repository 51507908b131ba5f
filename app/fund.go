package app

import (
	"context"
	"errors"
	"fmt"
)

// The city's emergency bridge-loan fund (市级应急转贷基金, 1亿元): a county
// that runs no fund of its own sends its applications (BridgeLoan with
// CityFund) to the city in its sync file; the city decides each by a
// LoanDecision, its own record, which travels back to the county and
// shows there read-only.

// TableLoanDecisions holds the city's decisions on the counties'
// applications to the city fund.
const TableLoanDecisions Table = "loan_decisions"

// LoanOutcome is what the city decided on an application.
type LoanOutcome string

// The outcomes of an application to the city fund.
const (
	LoanGranted LoanOutcome = "批准"
	LoanDenied  LoanOutcome = "不予支持"
)

// LoanDecision is the city fund's decision on a county's application:
// approved (the amount, paid out on PaidOn, due back on DueBack, and once
// repaid the day and the fee) or refused with a reason. The city writes it;
// it travels to the county whose application it is.
type LoanDecision struct {
	Meta
	LoanID     string      `json:"loan_id"`
	LoanOffice string      `json:"loan_office"` // the county whose application it is
	Outcome    LoanOutcome `json:"outcome"`
	Date       Date        `json:"date"` // the day decided: the pay-out day of an approval
	Approved   Yuan        `json:"approved"`
	PaidOn     Date        `json:"paid_on"`
	DueBack    Date        `json:"due_back"`
	RepaidOn   Date        `json:"repaid_on"`
	Fee        Yuan        `json:"fee"`
	Reason     string      `json:"reason"` // of a refusal
}

// Normalize trims the decision's text.
func (d *LoanDecision) Normalize() { trim(&d.Reason) }

// Validate checks a decision in itself (the fund's rules are DecideLoan's).
func (d *LoanDecision) Validate() error {
	var v Invalid
	if d.LoanID == "" {
		v.Add("LoanID", "请选择转贷申请")
	}
	if d.Date.IsZero() {
		v.Add("Date", "请填写日期")
	}
	switch d.Outcome {
	case LoanGranted:
		if d.Approved <= 0 {
			v.Add("Approved", "批准金额应大于零（万元）")
		}
		if d.PaidOn.IsZero() {
			v.Add("PaidOn", "请填写放款日期")
		} else if !d.DueBack.After(d.PaidOn) {
			v.Add("DueBack", "约定归还日期应晚于放款日期")
		}
		if !d.RepaidOn.IsZero() && d.RepaidOn.Before(d.PaidOn) {
			v.Add("RepaidOn", "归还日期不能早于放款日期")
		}
		if d.Fee < 0 {
			v.Add("Fee", "费用不能为负数")
		}
	case LoanDenied:
		if blank(d.Reason) {
			v.Add("Reason", "请填写不予支持的理由")
		}
	default:
		v.Add("Outcome", "决定只能是“批准”或“不予支持”")
	}
	return v.Err()
}

// LoanDecisionFilter selects decisions.
type LoanDecisionFilter struct {
	LoanID     string
	LoanOffice string
}

// Decided is application l as the city's decision d (nil: none yet) makes
// it: 申请 while undecided, 不予支持, or approved and paid out (放款) and
// then repaid (结清), with the decision's amount and days.
func (l BridgeLoan) Decided(d *LoanDecision) BridgeLoan {
	l.Decision = d
	if d == nil {
		return l
	}
	switch d.Outcome {
	case LoanDenied:
		l.Status = LoanRefused
	case LoanGranted:
		l.Approved, l.ApprovedOn, l.PaidOn, l.DueBack = d.Approved, d.PaidOn, d.PaidOn, d.DueBack
		l.Status = LoanPaid
		if !d.RepaidOn.IsZero() {
			l.RepaidOn, l.Fee, l.Status = d.RepaidOn, d.Fee, LoanSettled
		}
	}
	return l
}

// WithDecisions is loans each with its decision among ds (a city-fund
// application; other loans are kept as they are).
func WithDecisions(loans []BridgeLoan, ds []LoanDecision) []BridgeLoan {
	by := make(map[string]*LoanDecision, len(ds))
	for i := range ds {
		by[ds[i].LoanID] = &ds[i]
	}
	out := make([]BridgeLoan, len(loans))
	for i, l := range loans {
		if l.CityFund {
			l = l.Decided(by[l.ID])
		}
		out[i] = l
	}
	return out
}

// fundLoans are the loans of this office's fund, each application with
// the city's decision: at the city its own loans and every county's
// application to it; at a county its own loans but its applications to
// the city.
func fundLoans(ctx context.Context, r Reader, me Office) ([]BridgeLoan, error) {
	f := LoanFilter{Office: me.Code}
	if me.Role == RoleCity {
		f.Office = ""
	}
	loans, err := r.BridgeLoans(ctx, f)
	if err != nil {
		return nil, err
	}
	ds, err := r.LoanDecisions(ctx, LoanDecisionFilter{})
	if err != nil {
		return nil, err
	}
	var out []BridgeLoan
	for _, l := range WithDecisions(loans, ds) {
		if (me.Role == RoleCity && (l.Office == me.Code || l.CityFund)) || (me.Role != RoleCity && !l.CityFund) {
			out = append(out, l)
		}
	}
	return out, nil
}

// sameEnterprise reports whether two loans are of one enterprise: the
// same record, or records of two offices with the same credit code.
func sameEnterprise(a, b *BridgeLoan) bool {
	return a.EnterpriseID == b.EnterpriseID || (a.EnterpriseCode != "" && a.EnterpriseCode == b.EnterpriseCode)
}

// fundRules are the rules of a step of loan l on day on, over the loans of
// the fund (all, l among them or not): the settings, the money the other
// loans leave free and the enterprise's other pay-outs in on's year.
func fundRules(st Settings, all []BridgeLoan, l BridgeLoan, on Date, today Date) LoanRules {
	r := LoanRules{MaxDays: st.LoanMaxDays, UsesPerYear: st.LoanUsesPerYear, Today: today}
	var others []BridgeLoan
	for i := range all {
		x := &all[i]
		if x.ID == l.ID {
			continue
		}
		others = append(others, *x)
		if sameEnterprise(x, &l) && !x.PaidOn.IsZero() && x.PaidOn.Year() == on.Year() {
			r.UsesInYear++
		}
	}
	r.Free = Fund(st.FundSize, others).Free
	return r
}

// FundBook is what the loans screen shows.
type FundBook struct {
	Own    bool        // this office runs a fund: the city always, a county whose FundSize is above zero
	City   bool        // this office is the city, which decides the counties' applications
	State  FundState   // this office's fund (zero when it runs none)
	Ledger []FundEntry // its movements (FundLedger)
	Loans  []BridgeLoan
}

// FundBook is this office's fund and the loans to list: at a county its
// loans and its applications to the city fund with the city's decisions;
// at the city, for office "" the city fund's loans (its own and every
// county's applications), for one office that office's loans.
func (s *Service) FundBook(ctx context.Context, office string) (FundBook, error) {
	var b FundBook
	me, err := s.Store.Office(ctx)
	if err != nil {
		return b, err
	}
	st, err := s.Store.Settings(ctx)
	if err != nil {
		return b, err
	}
	b.City = me.Role == RoleCity
	b.Own = b.City || st.FundSize > 0
	fund, err := fundLoans(ctx, s.Store, me)
	if err != nil {
		return b, err
	}
	if b.Own {
		b.State, b.Ledger = Fund(st.FundSize, fund), FundLedger(st.FundSize, fund)
	}
	if b.City && office == "" {
		b.Loans = fund
		return b, nil
	}
	if !b.City {
		office = me.Code
	}
	loans, err := s.Store.BridgeLoans(ctx, LoanFilter{Office: office})
	if err != nil {
		return b, err
	}
	ds, err := s.Store.LoanDecisions(ctx, LoanDecisionFilter{LoanOffice: office})
	if err != nil {
		return b, err
	}
	b.Loans = WithDecisions(loans, ds)
	return b, nil
}

// LoanWithDecision is the loan with id, an application to the city fund
// with the city's decision when there is one.
func (s *Service) LoanWithDecision(ctx context.Context, id string) (BridgeLoan, error) {
	l, err := s.Store.BridgeLoan(ctx, id)
	if err != nil || !l.CityFund {
		return l, err
	}
	ds, err := s.Store.LoanDecisions(ctx, LoanDecisionFilter{LoanID: id})
	if err != nil {
		return l, err
	}
	return WithDecisions([]BridgeLoan{l}, ds)[0], nil
}

// undecided refuses an application to the city fund the city has decided.
func undecided(ctx context.Context, r Reader, id string) error {
	ds, err := r.LoanDecisions(ctx, LoanDecisionFilter{LoanID: id})
	if err != nil {
		return err
	}
	if len(ds) > 0 {
		return Refusal(fmt.Sprintf("市级应急转贷基金已于 %s 对这份申请作出决定（%s）：申请不能再修改或删除", ds[0].Date, ds[0].Outcome))
	}
	return nil
}

// ErrNotCityFund refuses a decision on a loan that is not a county's
// application to the city fund.
var ErrNotCityFund = Refusal("这笔转贷不是县区报市级应急转贷基金的申请：不能由市级基金作出决定")

// DecideLoan takes the city fund's step a on the county's application
// with id, in one transaction, and returns the decision as saved: approve
// and pay out (LoanActPay: the amount, the pay-out day as Date, DueBack),
// refuse (LoanActRefuse: Date, Reason), or record the repayment of an
// approved one (LoanActRepay: Date, Fee). The fund's rules are checked
// over all its loans, the city's own and every county's applications: the
// amount within the application, the original loan and the money free;
// the term within LoanMaxDays; the enterprise's pay-outs in the year
// within LoanUsesPerYear. Only the city decides, and only on an
// application it has received.
func (s *Service) DecideLoan(ctx context.Context, id string, a LoanAction) (LoanDecision, error) {
	var out LoanDecision
	err := s.update(ctx, func(tx Tx) error {
		me, err := tx.Office(ctx)
		if err != nil {
			return err
		}
		if me.Role != RoleCity {
			return Refusal("报市级应急转贷基金的申请由市里审批：县区不能作出决定")
		}
		l, err := tx.BridgeLoan(ctx, id)
		if errors.Is(err, ErrNotFound) {
			return Refusal("本数据库中没有这份转贷申请（记录编号 " + Clip(id) + "）：市里没有收到（或县区已撤回）的申请不能作出决定")
		}
		if err != nil {
			return err
		}
		if !l.CityFund || l.Office == me.Code {
			return ErrNotCityFund
		}
		st, err := tx.Settings(ctx)
		if err != nil {
			return err
		}
		ds, err := tx.LoanDecisions(ctx, LoanDecisionFilter{LoanID: id})
		if err != nil {
			return err
		}
		var d *LoanDecision
		if len(ds) > 0 {
			d = &ds[0]
		}
		all, err := fundLoans(ctx, tx, me)
		if err != nil {
			return err
		}
		l = l.Decided(d)
		nd, err := decide(l, d, a, fundRules(st, all, l, a.Date, s.Today()))
		if err != nil {
			return err
		}
		nd.Normalize()
		if err := nd.Validate(); err != nil {
			return err
		}
		if err := tx.SaveLoanDecision(&nd); err != nil {
			return err
		}
		out = nd
		return nil
	})
	return out, err
}

// decide is the decision step a on application l (with the city's
// decision d so far, or nil) makes under rules r.
func decide(l BridgeLoan, d *LoanDecision, a LoanAction, r LoanRules) (LoanDecision, error) {
	decidedMsg := func() error {
		return FieldError{"Kind", fmt.Sprintf("市级基金已于 %s 对这份申请作出决定（%s），不能再次审批", d.Date, d.Outcome)}
	}
	switch a.Kind {
	case LoanActPay:
		if d != nil {
			return LoanDecision{}, decidedMsg()
		}
		// The county's application holds no review of its own: the
		// city's approval stands for it, the commitment still required.
		p := l
		p.Status, p.Conditions = LoanReviewed, make([]bool, len(LoanConditions))
		for i := range p.Conditions {
			p.Conditions[i] = true
		}
		q, err := p.Apply(LoanAction{Kind: LoanActApprove, Date: a.Date, Amount: a.Amount}, r)
		if err != nil {
			return LoanDecision{}, err
		}
		if _, err := q.Apply(LoanAction{Kind: LoanActPay, Date: a.Date, DueBack: a.DueBack}, r); err != nil {
			return LoanDecision{}, err
		}
		return LoanDecision{LoanID: l.ID, LoanOffice: l.Office, Outcome: LoanGranted, Date: a.Date,
			Approved: a.Amount, PaidOn: a.Date, DueBack: a.DueBack}, nil
	case LoanActRepay:
		if d == nil || d.Outcome != LoanGranted || !d.RepaidOn.IsZero() {
			return LoanDecision{}, FieldError{"Kind", "只有已放款、尚未归还的转贷才能登记归还"}
		}
		if _, err := l.Apply(a, r); err != nil {
			return LoanDecision{}, err
		}
		nd := *d
		nd.RepaidOn, nd.Fee = a.Date, a.Fee
		return nd, nil
	case LoanActRefuse:
		if d != nil {
			return LoanDecision{}, decidedMsg()
		}
		var v Invalid
		l.checkStepDate(&v, a.Date, r.Today)
		if blank(a.Reason) {
			v.Add("Reason", "请填写不予支持的理由")
		}
		if err := v.Err(); err != nil {
			return LoanDecision{}, err
		}
		return LoanDecision{LoanID: l.ID, LoanOffice: l.Office, Outcome: LoanDenied, Date: a.Date, Reason: a.Reason}, nil
	}
	return LoanDecision{}, FieldError{"Kind", fmt.Sprintf("市级基金对申请只能“放款”“不予支持”或“结清”，不能“%s”", a.Kind)}
}

// DecisionActions lists the city's steps on application l as decided so
// far: approve and pay out, or refuse, while undecided; record the
// repayment while the money is out; none after.
func DecisionActions(l *BridgeLoan) []LoanActionKind {
	switch {
	case l.Decision == nil:
		return []LoanActionKind{LoanActPay, LoanActRefuse}
	case l.Decision.Outcome == LoanGranted && l.Decision.RepaidOn.IsZero():
		return []LoanActionKind{LoanActRepay}
	}
	return nil
}
