package demo

import (
	"cmp"
	"context"
	"errors"
	"math/rand/v2"
	"slices"

	"wugeyi/app"
)

// Decisions counts what Decide did.
type Decisions struct {
	Approved int // approved and paid out
	Repaid   int // of those, repaid by today
	Refused  int
	Waiting  int // applied too lately to be paid out by today: left undecided
}

// denyReasons are the city fund's usual reasons to refuse.
var denyReasons = []string{
	"银行续贷承诺函未明确续贷金额和期限，请补充后重新申请",
	"企业存在欠息记录，不符合转贷条件",
	"原贷款已展期，不属于到期续贷",
}

// Decide has the city fund decide, oldest first, each county application
// the city holds and has not decided, through svc.DecideLoan and so under
// the fund's rules: most approved and paid out when the bank loan falls
// due, for the term asked, and repaid when it ends (some late, some still
// out); a few refused with a reason, and those the rules refuse (the
// fund's balance, the enterprise's uses in the year) refused with the
// rule's words. An application too recent to be paid out by today is left
// for the clerk. At a county it does nothing.
func Decide(ctx context.Context, svc *app.Service, seed int64) (Decisions, error) {
	var n Decisions
	me, err := svc.Office(ctx)
	if err != nil || me.Role != app.RoleCity {
		return n, err
	}
	st, err := svc.Settings(ctx)
	if err != nil {
		return n, err
	}
	b, err := svc.FundBook(ctx, "")
	if err != nil {
		return n, err
	}
	var apps []app.BridgeLoan
	for _, l := range b.Loans {
		if l.CityFund && l.Decision == nil {
			apps = append(apps, l)
		}
	}
	slices.SortFunc(apps, func(a, b app.BridgeLoan) int {
		if c := a.AppliedOn.DaysUntil(b.AppliedOn); c != 0 {
			return -c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	r := rand.New(rand.NewPCG(uint64(seed), 130300))
	today := svc.Today()
	between := func(lo, hi int) int { return lo + r.IntN(hi-lo+1) }
	for _, l := range apps {
		pay := weekday(l.AppliedOn.AddDays(between(1, 4)))
		if l.OriginalDue.After(pay) && !l.OriginalDue.After(today) {
			pay = l.OriginalDue
		}
		if pay.After(today) {
			n.Waiting++
			continue
		}
		refuse := func(reason string) error {
			_, err := svc.DecideLoan(ctx, l.ID, app.LoanAction{Kind: app.LoanActRefuse, Date: pay, Reason: reason})
			n.Refused++
			return err
		}
		if r.Float64() < 0.08 {
			if err := refuse(denyReasons[r.IntN(len(denyReasons))]); err != nil {
				return n, err
			}
			continue
		}
		amount := l.Applied
		if r.Float64() < 0.15 {
			amount = max(wan(50), amount*app.Yuan(between(8, 9))/10/wan(50)*wan(50))
		}
		days := max(1, min(l.TermDays, st.LoanMaxDays))
		d, err := svc.DecideLoan(ctx, l.ID, app.LoanAction{Kind: app.LoanActPay, Date: pay, Amount: amount, DueBack: pay.AddDays(days)})
		var inv app.Invalid
		var fe app.FieldError
		if errors.As(err, &inv) || errors.As(err, &fe) {
			if err := refuse("市级基金：" + app.Message(err)); err != nil {
				return n, err
			}
			continue
		}
		if err != nil {
			return n, err
		}
		n.Approved++
		repay := pay.AddDays(between(max(1, days-5), days))
		if r.Float64() < 0.07 {
			repay = repay.AddDays(between(1, 8)) // the bank lent late
		}
		if repay.After(today) {
			continue
		}
		fee := d.Approved * app.Yuan(max(1, pay.DaysUntil(repay))) / 10_000
		if _, err := svc.DecideLoan(ctx, l.ID, app.LoanAction{Kind: app.LoanActRepay, Date: repay, Fee: fee}); err != nil {
			return n, err
		}
		n.Repaid++
	}
	return n, nil
}
