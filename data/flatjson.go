package data

import (
	"encoding/json"

	"wugeyi/app"
)

// Meetings carry their attendees and decisions as JSON arrays of flat
// objects; encoding/json took 40 ms to read those of the city's 1,900
// meetings, most of the time the 会议 tab took to open. flatList reads
// them directly, and falls back to encoding/json for anything it does not
// expect.

// flatList reads s, a JSON array of objects whose values are all strings,
// into *l with set, which gives each key's value to a new element; false
// (and *l unchanged) when s is not such an array.
func flatList[T any](s string, l *[]T, set func(x *T, key, val string) bool) bool {
	p := flatParser{s: s}
	var out []T
	p.space()
	if !p.byte('[') {
		return false
	}
	p.space()
	if p.byte(']') {
		*l = nil
		return p.end()
	}
	for {
		p.space()
		if !p.byte('{') {
			return false
		}
		var x T
		p.space()
		if !p.byte('}') {
			for {
				p.space()
				k, ok := p.str()
				if !ok {
					return false
				}
				p.space()
				if !p.byte(':') {
					return false
				}
				p.space()
				v, ok := p.str()
				if !ok || !set(&x, k, v) {
					return false
				}
				p.space()
				if p.byte('}') {
					break
				}
				if !p.byte(',') {
					return false
				}
			}
		}
		out = append(out, x)
		p.space()
		if p.byte(']') {
			break
		}
		if !p.byte(',') {
			return false
		}
	}
	if !p.end() {
		return false
	}
	*l = out
	return true
}

type flatParser struct {
	s string
	i int
}

func (p *flatParser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\n' || p.s[p.i] == '\t' || p.s[p.i] == '\r') {
		p.i++
	}
}

func (p *flatParser) byte(b byte) bool {
	if p.i < len(p.s) && p.s[p.i] == b {
		p.i++
		return true
	}
	return false
}

func (p *flatParser) end() bool {
	p.space()
	return p.i == len(p.s)
}

// str reads a JSON string: as a part of s when it has no escapes, else
// through encoding/json.
func (p *flatParser) str() (string, bool) {
	if p.i >= len(p.s) || p.s[p.i] != '"' {
		return "", false
	}
	j := p.i + 1
	for j < len(p.s) && p.s[j] != '"' && p.s[j] != '\\' && p.s[j] >= 0x20 {
		j++
	}
	if j < len(p.s) && p.s[j] == '"' {
		v := p.s[p.i+1 : j]
		p.i = j + 1
		return v, true
	}
	for j < len(p.s) && p.s[j] != '"' {
		if p.s[j] == '\\' {
			j++
		}
		j++
	}
	if j >= len(p.s) {
		return "", false
	}
	var v string
	if json.Unmarshal([]byte(p.s[p.i:j+1]), &v) != nil {
		return "", false
	}
	p.i = j + 1
	return v, true
}

// setAttendee and setDecision give a field of a meeting's attendee or
// decision its value, by its JSON name; false for a name they do not know.
func setAttendee(a *app.Attendee, key, val string) bool {
	switch key {
	case "group":
		a.Group = val
	case "kind":
		a.Kind = val
	case "name":
		a.Name = val
	default:
		return false
	}
	return true
}

func setDecision(d *app.Decision, key, val string) bool {
	switch key {
	case "text":
		d.Text = val
	case "unit":
		d.Unit = val
	case "problem_id":
		d.ProblemID = val
	case "deadline":
		v, err := app.ParseDate(val)
		if err != nil {
			return false
		}
		d.Deadline = v
	default:
		return false
	}
	return true
}
