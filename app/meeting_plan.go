package app

import (
	"context"
	"fmt"
	"strings"
)

// The states of a meeting (Meeting.State). A held meeting's state is
// stored as "" (MeetingHeld is its name on screen).
const (
	MeetingHeld      = "已召开"
	MeetingPlanned   = "计划"
	MeetingCancelled = "已取消"
)

// Held reports whether the meeting was held: only held meetings have a
// number and count (the calendar, the notice, the assessment, the ledger).
func (m *Meeting) Held() bool { return m.State == "" || m.State == MeetingHeld }

// StateName names the meeting's state on screen: 已召开, 计划 or 已取消.
func (m *Meeting) StateName() string {
	if m.Held() {
		return MeetingHeld
	}
	return m.State
}

// checkPlan refuses what a planned meeting cannot be when it is entered
// on today: dated before today, or with problems raised at it.
func (m *Meeting) checkPlan(today Date, problems int) error {
	switch {
	case m.State == MeetingCancelled:
		return FieldError{"State", "取消会议请使用“取消会议”，并写明原因"}
	case m.State != MeetingPlanned:
		return nil
	case m.Date.Before(today):
		return FieldError{"Date", "计划召开日期不能早于今天：已开过的会议请直接登记"}
	case problems > 0:
		return FieldError{"Problems", "会议尚未召开：会上反映的问题请在召开后登记"}
	}
	return nil
}

// checkMeetingState refuses to save m over a stored meeting in a state
// that cannot become m's: a cancelled meeting is neither held nor changed,
// and a held one is not planned again.
func checkMeetingState(ctx context.Context, tx Tx, m Meeting) error {
	if m.ID == "" || m.Version == 0 {
		return nil
	}
	old, err := tx.Meeting(ctx, m.ID)
	if err != nil {
		return err
	}
	switch {
	case old.State == MeetingCancelled && m.Held():
		return FieldError{"State", "会议已取消，不能再召开：如仍要开会，请重新计划或登记"}
	case old.State == MeetingCancelled:
		return FieldError{"State", "会议已取消，不能再修改"}
	case old.Held() && !m.Held():
		return FieldError{"State", "会议已召开，不能改回计划"}
	}
	return nil
}

// HoldPlanned is planned meeting m as the form to hold it starts: held,
// on its planned date or today when that is still to come, every invitee
// present (each may then be marked 列席 or 请假). Attendance already
// marked is kept.
func HoldPlanned(m Meeting, today Date) Meeting {
	m.State = ""
	if m.Date.IsZero() || m.Date.After(today) {
		m.Date = today
	}
	if len(m.Attendees) == 0 {
		for _, a := range m.Invitees {
			m.Attendees = append(m.Attendees, Attendee{Group: Present, Kind: a.Kind, Name: a.Name})
		}
	}
	return m
}

// CancelMeeting cancels the planned meeting id for reason, which is
// required. A held meeting is not cancelled (it is deleted if it was
// recorded by mistake), nor one already cancelled.
func (s *Service) CancelMeeting(ctx context.Context, id, reason string) (Meeting, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Meeting{}, FieldError{"CancelReason", "请填写取消原因"}
	}
	var out Meeting
	err := s.update(ctx, func(tx Tx) error {
		m, err := tx.Meeting(ctx, id)
		if err != nil {
			return err
		}
		switch m.State {
		case MeetingPlanned:
		case MeetingCancelled:
			return FieldError{"State", "会议已取消"}
		default:
			return FieldError{"State", "会议已召开，不能取消；如系误登记，请删除"}
		}
		m.State, m.CancelReason = MeetingCancelled, reason
		if err := tx.SaveMeeting(&m); err != nil {
			return fmt.Errorf("cancel meeting: %w", err)
		}
		out = m
		return nil
	})
	return out, err
}

// NextPlanned is the earliest meeting planned in the period, if any.
func (p MeetingPeriod) NextPlanned() (Meeting, bool) {
	if len(p.Planned) == 0 {
		return Meeting{}, false
	}
	first := p.Planned[0]
	for _, m := range p.Planned[1:] {
		if m.Date.Before(first.Date) {
			first = m
		}
	}
	return first, true
}

// PlanText says when and where the period's next planned meeting is to be
// held, e.g. 已计划 12月18日 在县政府三楼会议室召开; "" when none is planned.
func (p MeetingPeriod) PlanText() string {
	m, ok := p.NextPlanned()
	if !ok {
		return ""
	}
	s := fmt.Sprintf("已计划 %d月%d日", m.Date.Month(), m.Date.Day())
	if m.Place != "" {
		s += " 在" + m.Place
	}
	return s + "召开"
}
