package xlsx

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"wugeyi/app"
)

// attendeeCell writes a group's attendees as MeetingTable does: names
// separated by 、 after their kind, "领导：张三、李四；银行：…", a kind
// named again where the list goes back to it, so that the order is kept.
func attendeeCell(as []app.Attendee) string {
	var b strings.Builder
	kind := ""
	for i, a := range as {
		switch {
		case i == 0 || a.Kind != kind:
			if i > 0 {
				b.WriteString("；")
			}
			b.WriteString(a.Kind + "：")
			kind = a.Kind
		default:
			b.WriteString("、")
		}
		b.WriteString(quoteName(a.Name))
	}
	return b.String()
}

// nameSeps are what separates kinds and names in an attendee cell.
const nameSeps = "、，,；;：:\n"

// quoteName is a name as an attendee cell writes it: in “” when it holds
// a separator (区委常委、副区长倪玉兰).
func quoteName(n string) string {
	if strings.ContainsAny(n, nameSeps) {
		return "“" + n + "”"
	}
	return n
}

// splitNames splits a cell's text at the separators seps outside “”,
// keeping the quotes (unquote takes them off a name).
func splitNames(s, seps string) []string {
	var out []string
	var b strings.Builder
	quoted := false
	for _, c := range s {
		switch {
		case c == '“':
			quoted = true
		case c == '”':
			quoted = false
		case !quoted && strings.ContainsRune(seps, c):
			out = append(out, b.String())
			b.Reset()
			continue
		}
		b.WriteRune(c)
	}
	return append(out, b.String())
}

// unquote is a name without the “” quoteName put around it.
func unquote(n string) string {
	n = strings.TrimSpace(n)
	if q, ok := strings.CutPrefix(n, "“"); ok {
		if q, ok := strings.CutSuffix(q, "”"); ok {
			return q
		}
	}
	return n
}

// attendees reads the field key as the attendees of group: parts
// separated by ；, each "类别：名字、名字", a part without a kind being
// leaders.
func (r rowReader) attendees(key, group string) ([]app.Attendee, error) {
	var out []app.Attendee
	var errs rowErrors
	for _, part := range splitNames(r.text(key), "；;\n") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		kind, names := "领导", part
		if k, rest, ok := cutAny(part, "：", ":"); ok && !strings.HasPrefix(strings.TrimSpace(part), "“") {
			w, known := r.v.read(attendeeKindCol, k, r.row)
			if !known {
				errs.add(unknownError(attendeeKindCol, w))
				continue
			}
			kind, names = w, rest
		}
		for _, n := range splitNames(names, "、，,") {
			if n = unquote(n); n != "" {
				if kind == "银行" {
					n = traditional.Replace(n)
				}
				out = append(out, app.Attendee{Group: group, Kind: kind, Name: n})
			}
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", errs.String())
	}
	return out, nil
}

// cutPrefixAny is s without the first of prefixes it begins with.
func cutPrefixAny(s string, prefixes ...string) (string, bool) {
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return rest, true
		}
	}
	return s, false
}

// cutAny cuts s around the first of seps it holds.
func cutAny(s string, seps ...string) (string, string, bool) {
	for _, sep := range seps {
		if a, b, ok := strings.Cut(s, sep); ok {
			return a, b, true
		}
	}
	return s, "", false
}

// decisionCell writes a meeting's decisions as MeetingTable does:
// "1.内容（责任单位，2026-03-31前）；2.…".
func decisionCell(ds []app.Decision) string {
	var l []string
	for i, d := range ds {
		l = append(l, fmt.Sprintf("%d.%s（%s，%s前）", i+1, d.Text, d.Unit, d.Deadline))
	}
	return strings.Join(l, "；")
}

// parseDecisions reads a cell decisionCell wrote (the numbers may also be
// followed by 、).
func parseDecisions(s string) ([]app.Decision, error) {
	rest := strings.TrimSpace(s)
	if rest == "" {
		return nil, nil
	}
	var parts []string
	for i := 1; ; i++ {
		n, ok := strconv.Itoa(i), false
		if rest, ok = cutPrefixAny(rest, n+".", n+"、"); !ok {
			return nil, fmt.Errorf("议定事项应写成“1.内容（责任单位，2026-03-31前）；2.…”，第%d项没有找到编号", i)
		}
		n = "；" + strconv.Itoa(i+1)
		next := -1
		for _, sep := range []string{n + ".", n + "、"} {
			if j := strings.Index(rest, sep); j >= 0 && (next < 0 || j < next) {
				next = j
			}
		}
		if next < 0 {
			parts = append(parts, rest)
			break
		}
		parts = append(parts, rest[:next])
		rest = rest[next+len("；"):]
	}
	var out []app.Decision
	for i, p := range parts {
		d, err := parseDecision(strings.TrimSpace(p))
		if err != nil {
			return nil, fmt.Errorf("议定事项%d：%w", i+1, err)
		}
		out = append(out, d)
	}
	return out, nil
}

// parseDecision reads "内容（责任单位，2026-03-31前）"; the unit may hold
// brackets of its own.
func parseDecision(p string) (app.Decision, error) {
	body, ok := strings.CutSuffix(p, "前）")
	c := strings.LastIndex(body, "，")
	if !ok || c < 0 {
		return app.Decision{}, fmt.Errorf("“%s”应写成“内容（责任单位，2026-03-31前）”", p)
	}
	deadline, err := app.ParseDate(body[c+len("，"):])
	if err != nil {
		return app.Decision{}, fmt.Errorf("完成时限：%v", err)
	}
	// The bracket that opens the unit: the one whose closing is the last.
	depth, open := 0, -1
	for i := c - 1; i >= 0 && open < 0; i-- {
		switch {
		case strings.HasPrefix(body[i:], "）"):
			depth++
		case strings.HasPrefix(body[i:], "（"):
			if depth == 0 {
				open = i
			}
			depth--
		}
	}
	if open < 0 {
		return app.Decision{}, fmt.Errorf("“%s”应写成“内容（责任单位，2026-03-31前）”", p)
	}
	return app.Decision{Text: body[:open], Unit: body[open+len("（") : c], Deadline: deadline}, nil
}

// titleSeq is the year and number a meeting's title gives
// (2026年第3次企业现场办公会), or zeros.
var titleSeq = regexp.MustCompile(`^(\d{4})年第(\d{1,4})次`)

// meetingKey identifies a meeting held: its kind, day and place.
func meetingKey(m app.Meeting) string {
	return string(m.Kind) + "\x00" + m.Date.String() + "\x00" + m.Place
}

// PreviewMeetings previews importing the list of meetings held in sh with
// mapping m into the database of office me, as MeetingTable writes it. A
// row matches this office's meeting of the same kind, day and place (and
// corrects it where the row differs; the unit and deadline of a decision
// the ledger follows stay as they are); an enterprise named must be on
// record. A new meeting keeps the number its title gives when that number
// is free; its decisions enter the ledger as when it is saved on screen.
func PreviewMeetings(ctx context.Context, r Records, me app.Office, sh *Sheet, h Header, m Mapping) (*Plan, error) {
	return Preview(ctx, r, me, KindMeetings, sh, h, m, nil)
}

func previewMeetings(ctx context.Context, r Records, me app.Office, p *Plan, rows []int, read func(int) rowReader) error {
	_, byName, err := enterprises(ctx, r)
	if err != nil {
		return err
	}
	ms, err := r.Meetings(ctx, app.MeetingFilter{Office: me.Code, HeldOnly: true})
	if err != nil {
		return err
	}
	stored := map[string]app.Meeting{}
	for _, m := range ms {
		stored[meetingKey(m)] = m
	}
	first, day := map[string]int{}, today(r)
	for _, ri := range rows {
		rr := read(ri)
		res := RowResult{Sheet: p.Sheet, Row: ri + 1}
		m, errs := readMeeting(rr, byName)
		res.Name = strings.TrimSpace(string(m.Kind) + " " + m.Date.String() + " " + m.Place)
		if len(errs) == 0 {
			m.Normalize()
			errs.add(m.Validate(day))
		}
		key := meetingKey(m)
		if len(errs) == 0 {
			if row, ok := first[key]; ok {
				errs.add(fmt.Errorf("与第%d行是同一天、同一地点的同一类会议：只导入第一次出现的那一行", row))
			}
			first[key] = res.Row
		}
		old, ok := stored[key]
		var diff []string
		if len(errs) == 0 && ok {
			m, diff = correctMeeting(old, m, &errs)
		}
		switch {
		case len(errs) > 0:
			res.Outcome, res.Msg = Refused, errs.String()
		case !ok:
			res.Outcome, res.Msg = Create, fmt.Sprintf("议定事项%d项", len(m.Decisions))
			if len(m.Decisions) > 0 {
				res.Msg += "，将纳入问题台账"
			}
		case len(diff) == 0:
			res.Outcome, res.Msg = Same, "已有（"+old.Title()+"），内容相同"
		default:
			res.Outcome, res.Msg = Update, "已有（"+old.Title()+"），将更新："+strings.Join(diff, "、")
		}
		if res.Outcome == Create || res.Outcome == Update {
			p.batch.Meetings = append(p.batch.Meetings, m)
			p.write(res.Row, app.TableMeetings)
		}
		p.Rows = append(p.Rows, res)
	}
	return nil
}

// readMeeting reads row rr as a meeting held.
func readMeeting(rr rowReader, byName map[string][]app.Enterprise) (app.Meeting, rowErrors) {
	var errs rowErrors
	m := app.Meeting{Place: rr.text("Place"), Chair: rr.text("Chair"), Agenda: rr.text("Agenda"), Minutes: rr.text("Minutes")}
	kind, err := rr.value("Kind", meetingKindCol)
	errs.add(err)
	m.Kind = app.MeetingKind(kind)
	if kind != "" {
		switch m.Format = rr.text("Format"); {
		case m.Format == "":
			m.Format = m.Kind.Formats()[0]
		case !slices.Contains(m.Kind.Formats(), m.Format):
			m.Format = fold(m.Format)
		}
		if !slices.Contains(m.Kind.Formats(), m.Format) {
			errs.add(fmt.Errorf("形式“%s”不是%s的形式：可以是%s", m.Format, m.Kind, strings.Join(m.Kind.Formats(), "、")))
		}
	}
	m.Date, err = rr.date("Date", "日期")
	errs.add(err)
	if name := rr.text("Enterprise"); name != "" {
		switch l := byName[name]; len(l) {
		case 0:
			errs.add(fmt.Errorf("企业“%s”不在企业清单中：请先导入企业清单，或核对名称", name))
		case 1:
			m.EnterpriseID = l[0].ID
		default:
			errs.add(fmt.Errorf("有%d家企业都叫“%s”：请在“会议”中选择", len(l), name))
		}
	}
	for _, g := range [][2]string{{"Present", app.Present}, {"Sitting", app.Sitting}, {"Absent", app.Absent}} {
		as, err := rr.attendees(g[0], g[1])
		errs.add(err)
		m.Attendees = append(m.Attendees, as...)
	}
	m.Decisions, err = parseDecisions(rr.text("Decisions"))
	errs.add(err)
	if s := titleSeq.FindStringSubmatch(rr.text("Title")); s != nil && s[1] == strconv.Itoa(m.Date.Year()) {
		m.Seq, _ = strconv.Atoi(s[2])
	}
	return m, errs
}

// correctMeeting is the stored meeting old with the fields of m, and the
// labels of those that changed. A decision the ledger follows keeps its
// problem, and may have its text corrected only.
func correctMeeting(old, m app.Meeting, errs *rowErrors) (app.Meeting, []string) {
	out, changed := old, []string(nil)
	for _, f := range []struct {
		label string
		dst   *string
		v     string
	}{{"形式", &out.Format, m.Format}, {"企业", &out.EnterpriseID, m.EnterpriseID}, {"主持人", &out.Chair, m.Chair},
		{"议程", &out.Agenda, m.Agenda}, {"纪要", &out.Minutes, m.Minutes}} {
		if f.v != *f.dst {
			*f.dst = f.v
			changed = append(changed, f.label)
		}
	}
	if !slices.Equal(old.Attendees, m.Attendees) {
		out.Attendees = m.Attendees
		changed = append(changed, "参会人员")
	}
	ds := slices.Clone(m.Decisions)
	same := len(ds) == len(old.Decisions)
	for i, d := range old.Decisions {
		if d.ProblemID == "" {
			same = same && i < len(ds) && ds[i] == d
			continue
		}
		if i >= len(ds) || ds[i].Unit != d.Unit || !ds[i].Deadline.Equal(d.Deadline) {
			errs.add(fmt.Errorf("议定事项%d已纳入问题台账，不能在导入时删除或改动责任单位、完成时限：请在问题台账中办理", i+1))
			return old, nil
		}
		same = same && ds[i].Text == d.Text
		ds[i].ProblemID = d.ProblemID
	}
	if !same {
		out.Decisions = ds
		changed = append(changed, "议定事项")
	}
	return out, changed
}
