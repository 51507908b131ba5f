package xlsx

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"

	"wugeyi/app"
)

// step is an action on an imported problem and the column each of its
// fields comes from, to say where an error is.
type step struct {
	a      app.Action
	labels map[string]string // the action's field → column label
}

// PreviewProblems previews importing the problem ledger in sh with mapping
// m into the database of office me. Each row's enterprise is found by its
// credit code, or else by its name, among the enterprises on record; a
// row matches a problem already there by its number, or by the same
// enterprise, description and registration day. The ledger's status, handling, departments,
// deadline and result become the actions that bring the new problem where
// the ledger says it stands, checked by the rules of app.Problem.Apply
// with this office's settings.
func PreviewProblems(ctx context.Context, r Records, me app.Office, sh *Sheet, h Header, m Mapping) (*Plan, error) {
	return Preview(ctx, r, me, KindProblems, sh, h, m, nil)
}

func previewProblems(ctx context.Context, r Records, me app.Office, p *Plan, rows []int, read func(int) rowReader) error {
	li, err := newLedgerImport(ctx, r, me)
	if err != nil {
		return err
	}
	for _, ri := range rows {
		res, np := li.preview(read(ri))
		if np != nil {
			p.batch.Problems = append(p.batch.Problems, *np)
			p.write(ri+1, app.TableProblems)
		}
		p.Rows = append(p.Rows, res)
	}
	return nil
}

// ledgerImport is what the rows of a problem ledger are checked against:
// the office's settings, the enterprises on record, the office's problems
// and the rows before.
type ledgerImport struct {
	me               app.Office
	rules            app.DeadlineRules // the settings' rules without the limit on new deadlines
	limit            int               // that limit, in working days: a row past it is noted
	byCode           map[string]app.Enterprise
	byName           map[string][]app.Enterprise
	byNumber, byText map[string]app.Problem // by number and by problemKey
	firstRow         map[string]int         // "#" and a number, or a problemKey → the first row with it
}

func newLedgerImport(ctx context.Context, r Records, me app.Office) (*ledgerImport, error) {
	st, err := r.Settings(ctx)
	if err != nil {
		return nil, err
	}
	// The limit on new deadlines is not applied to a ledger's history (see
	// app.Service.ImportProblems); a row past it is imported with a note.
	li := &ledgerImport{me: me, rules: st.Rules(), limit: st.Rules().MaxDays,
		byCode: map[string]app.Enterprise{}, byName: map[string][]app.Enterprise{},
		byNumber: map[string]app.Problem{}, byText: map[string]app.Problem{}, firstRow: map[string]int{}}
	li.rules.MaxDays, li.rules.Receipt = 0, false
	ents, err := r.Enterprises(ctx, app.EnterpriseFilter{})
	if err != nil {
		return nil, err
	}
	for _, e := range ents {
		li.byCode[e.CreditCode] = e
		li.byName[e.Name] = append(li.byName[e.Name], e)
	}
	stored, err := r.Problems(ctx, app.ProblemFilter{Office: me.Code})
	if err != nil {
		return nil, err
	}
	for _, p := range stored {
		li.byNumber[p.Number] = p
		li.byText[problemKey(p)] = p
	}
	return li, nil
}

// preview says what row rr becomes and returns the problem to create from
// it, or nil.
func (li *ledgerImport) preview(rr rowReader) (RowResult, *app.NewProblem) {
	res := RowResult{Sheet: rr.sh.Name, Row: rr.row + 1}
	np, ent, errs := li.read(rr)
	q := &np.Problem
	res.Name = ent.Name + "：" + short(q.Description, 30)
	if ent.ID == "" {
		res.Name = rr.text("EnterpriseName") + "：" + short(q.Description, 30)
	}
	key, number := problemKey(*q), rr.text("Number")
	if len(errs) == 0 {
		errs.add(li.repeated(number, key, res.Row))
	}
	if len(errs) > 0 {
		res.Outcome, res.Msg = Refused, errs.String()
		return res, nil
	}
	if old, ok := li.byNumber[number]; ok && number != "" {
		res.Outcome, res.Msg = Same, "已有（问题编号 "+old.Number+"），不重复导入"
		return res, nil
	}
	if old, ok := li.byText[key]; ok {
		res.Outcome, res.Msg = Same, "已有（问题编号 "+old.Number+"，同一企业、同一天登记的同一问题），不重复导入"
		return res, nil
	}
	res.Outcome, res.Msg = Create, "状态："+string(statusAfter(*q, np.Then, li.rules))
	if dl := rr.deadline(); li.limit > 0 && !dl.IsZero() && dl.After(li.rules.Calendar.AddWorkingDays(q.Registered, li.limit)) {
		res.Msg += fmt.Sprintf("；注意：办理时限 %s 距登记日期超过%d个工作日，按台账导入", dl, li.limit)
	}
	return res, &np
}

// read reads row rr as a new problem of its enterprise, with the actions
// that bring it where the row says it stands, and what is wrong with it.
func (li *ledgerImport) read(rr rowReader) (app.NewProblem, app.Enterprise, rowErrors) {
	var errs rowErrors
	source, err := rr.value("Source", sourceCol)
	source = cmp.Or(source, "其他")
	var ent app.Enterprise
	// A meeting's decision (会议议定) may concern no one enterprise.
	if source != app.SourceDecision || strings.TrimSpace(rr.text("EnterpriseName")+rr.text("CreditCode")) != "" {
		var err error
		ent, err = findEnterprise(rr, li.me, li.byCode, li.byName)
		errs.add(err)
	}
	np := app.NewProblem{Problem: app.Problem{EnterpriseID: ent.ID, Description: rr.text("Description"), Request: rr.text("Request")}}
	q := &np.Problem
	q.Source = source
	errs.add(err)
	q.Category, err = rr.value("Category", problemCategoryCol)
	q.Category = cmp.Or(q.Category, "其他")
	errs.add(err)
	q.Registered, err = rr.date("Registered", "登记日期")
	errs.add(err)
	q.Normalize()
	if len(errs) > 0 {
		return np, ent, errs
	}
	q.Status = app.StatusRegistered
	if err := q.Validate(); err != nil {
		errs.add(err)
		return np, ent, errs
	}
	steps, err := ledgerSteps(rr, q.Registered)
	errs.add(err)
	if err == nil {
		errs.add(check(*q, steps, li.rules))
		for _, s := range steps {
			np.Then = append(np.Then, s.a)
		}
	}
	return np, ent, errs
}

// repeated refuses a row whose number, or when it has none its problemKey,
// an earlier row had. Rows with numbers are told apart by them: the
// program itself may hold two problems alike in all else. Rows without are
// told apart by enterprise, day and description.
func (li *ledgerImport) repeated(number, key string, row int) error {
	seen, dup := "#"+number, "问题编号相同"
	if number == "" {
		seen, dup = key, "是同一企业同一天登记的同一问题"
	}
	if first, ok := li.firstRow[seen]; ok {
		return fmt.Errorf("与第%d行%s：只导入第一次出现的那一行", first, dup)
	}
	li.firstRow[seen] = row
	return nil
}

// problemKey identifies a problem that has no number in a ledger: the
// same enterprise's same description registered on the same day.
func problemKey(p app.Problem) string {
	return p.EnterpriseID + "\x00" + p.Registered.String() + "\x00" + p.Description
}

// deadline is the row's deadline, zero when it has none or it is wrong.
func (r rowReader) deadline() app.Date {
	d, _ := r.date("Deadline", "")
	return d
}

// findEnterprise is the row's enterprise: by credit code, or else by name.
func findEnterprise(rr rowReader, me app.Office, byCode map[string]app.Enterprise, byName map[string][]app.Enterprise) (app.Enterprise, error) {
	code, err := rr.creditCode("CreditCode")
	if err != nil {
		return app.Enterprise{}, err
	}
	name := strings.TrimSpace(rr.text("EnterpriseName"))
	var e app.Enterprise
	switch {
	case code != "":
		if err := app.CheckCreditCode(code); err != nil {
			return e, err
		}
		var ok bool
		if e, ok = byCode[code]; !ok {
			return e, fmt.Errorf("统一社会信用代码为 %s 的企业（%s）不在企业清单中：请先导入企业清单，或在“重点企业”中新增", code, name)
		}
	case name == "":
		return e, errors.New("请填写企业名称")
	default:
		list := byName[name]
		switch len(list) {
		case 0:
			return e, fmt.Errorf("企业“%s”不在企业清单中（按名称查找）：请先导入企业清单，或核对名称，或加上统一社会信用代码列", name)
		case 1:
			e = list[0]
		default:
			return e, fmt.Errorf("有%d家企业都叫“%s”：请在台账中加上统一社会信用代码列", len(list), name)
		}
	}
	if e.Office != me.Code {
		return e, fmt.Errorf("“%s”是%s的企业，其问题由该单位登记，本单位不能导入", e.Name, app.OfficeName(e.Office))
	}
	return e, nil
}

// ledgerSteps are the actions that bring a problem registered on reg to
// where the row says it stands.
func ledgerSteps(rr rowReader, reg app.Date) ([]step, error) {
	var errs rowErrors
	statusText, err := rr.value("Status", statusCol)
	errs.add(err)
	status := app.Status(statusText)
	handling, err := rr.value("Handling", handlingCol)
	errs.add(err)
	satisfaction, err := rr.value("Satisfaction", satisfactionCol)
	errs.add(err)
	deadline, err := rr.date("Deadline", "办理时限")
	errs.add(err)
	closed, err := rr.date("ClosedOn", "办结日期")
	errs.add(err)
	if len(errs) > 0 {
		return nil, errors.New(errs.String())
	}
	lead, person := rr.text("LeadDept"), rr.text("Person")
	if statusText == "" {
		switch {
		case handling == app.HandleExplain:
			status = app.StatusExplained
		case handling == app.HandleOnSpot:
			status = app.StatusDone
		case !closed.IsZero() && rr.text("Result") != "":
			status = app.StatusDone
		case lead != "" || person != "" || !deadline.IsZero():
			status = app.StatusAssigned
		default:
			status = app.StatusRegistered
		}
	}
	closing := map[string]string{"Date": "办结日期", "Text": "办理结果"}
	assign := step{app.Action{Kind: app.ActAssign, Date: reg, LeadDept: lead, SupportDepts: rr.text("SupportDepts"),
		Person: person, Deadline: deadline}, map[string]string{"Date": "登记日期", "LeadDept": "牵头责任单位", "Person": "责任人", "Deadline": "办理时限"}}
	var steps []step
	switch status {
	case app.StatusAssigned:
		steps = append(steps, assign)
	case app.StatusInProgress:
		text := rr.text("Progress")
		if text == "" {
			text = "据导入的台账，正在办理"
		}
		steps = append(steps, assign, step{app.Action{Kind: app.ActProgress, Date: reg, Text: text}, map[string]string{"Date": "登记日期", "Text": "办理进展"}})
	case app.StatusDone, app.StatusFollowedUp, app.StatusClosed:
		if handling == app.HandleOnSpot {
			steps = append(steps, step{app.Action{Kind: app.ActOnSpot, Date: closed, Text: rr.text("Result")}, closing})
		} else {
			steps = append(steps, assign, step{app.Action{Kind: app.ActFinish, Date: closed, Text: rr.text("Result")}, closing})
		}
		if status != app.StatusDone {
			steps = append(steps, step{app.Action{Kind: app.ActFollowUp, Date: closed, Text: rr.text("FollowUp"), Satisfaction: satisfaction},
				map[string]string{"Date": "办结日期", "Satisfaction": "满意度"}})
		}
		if status == app.StatusClosed {
			steps = append(steps, step{app.Action{Kind: app.ActClose, Date: closed}, closing})
		}
	case app.StatusExplained:
		steps = append(steps, step{app.Action{Kind: app.ActExplain, Date: closed, Text: rr.text("Explanation")},
			map[string]string{"Date": "办结日期", "Text": "不能办理的解释"}})
	}
	return steps, nil
}

// check applies the steps to p by the rules, as registering will, and
// says what is wrong with the column each message is about.
func check(p app.Problem, steps []step, rules app.DeadlineRules) error {
	for _, s := range steps {
		q, _, err := p.Apply(s.a, rules)
		if err != nil {
			var inv app.Invalid
			if !errors.As(err, &inv) {
				return fmt.Errorf("%s：%v", s.a.Kind, err)
			}
			var msgs []string
			for _, fe := range inv {
				if l := s.labels[fe.Field]; l != "" && !strings.Contains(fe.Msg, l) {
					msgs = append(msgs, l+"："+fe.Msg)
				} else {
					msgs = append(msgs, fe.Msg)
				}
			}
			return fmt.Errorf("%s（%s）", strings.Join(msgs, "；"), s.a.Kind)
		}
		p = q
	}
	return nil
}

// statusAfter is p's status once acts are taken (they were checked).
func statusAfter(p app.Problem, acts []app.Action, rules app.DeadlineRules) app.Status {
	for _, a := range acts {
		q, _, err := p.Apply(a, rules)
		if err != nil {
			break
		}
		p = q
	}
	return p.Status
}

// short is s cut to n characters.
func short(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
