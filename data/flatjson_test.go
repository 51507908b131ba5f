package data

import (
	"encoding/json"
	"reflect"
	"testing"

	"wugeyi/app"
)

// The fast reader of a meeting's attendees and decisions reads what
// encoding/json reads, and leaves anything else to it.
func TestFlatListReadsAsEncodingJSON(t *testing.T) {
	attendees := [][]app.Attendee{
		{{Group: "出席", Kind: "领导", Name: "张建国"}},
		{{Group: "出席", Kind: "企业", Name: "秦皇岛\"海鹏\"机械\\有限公司\n"}, {Group: "列席", Kind: "部门", Name: "区发改局 \u2028 ☃ 😀"}},
		{{}},
	}
	for _, want := range attendees {
		b, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		var got []app.Attendee
		if !flatList(string(b), &got, setAttendee) || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: read %#v", b, got)
		}
	}
	decisions := []app.Decision{{Text: "三日内办结", Unit: "区行政审批局", Deadline: app.D(2026, 3, 5)}, {Text: "跟踪", Unit: ""}}
	b, _ := json.Marshal(decisions)
	var got []app.Decision
	if !flatList(string(b), &got, setDecision) || !reflect.DeepEqual(got, decisions) {
		t.Errorf("%s: read %#v", b, got)
	}
	for _, s := range []string{` [ { "group" : "出席" , "kind":"领导","name":"李" } ] `, `[]`, `[{}]`} {
		var fast, slow []app.Attendee
		if !flatList(s, &fast, setAttendee) {
			t.Errorf("%s: not read", s)
		}
		if err := json.Unmarshal([]byte(s), &slow); err != nil {
			t.Fatal(err)
		}
		if len(slow) == 0 {
			slow = nil
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Errorf("%s: read %#v, encoding/json %#v", s, fast, slow)
		}
	}
	// Left to encoding/json: another key, a value that is not a string, a
	// bad date, anything malformed.
	for _, s := range []string{`[{"group":"出席","age":"3"}]`, `[{"group":1}]`, `[{"deadline":"明天"}]`, `[{"group":"出席"}`,
		`[{"group":"出席"}] x`, `{"group":"出席"}`, `[{"group":"出席",}]`, `[{"group":"a` + "\x01" + `"}]`} {
		var a []app.Attendee
		var d []app.Decision
		if flatList(s, &a, setAttendee) && flatList(s, &d, setDecision) {
			t.Errorf("%s: read as %#v / %#v", s, a, d)
		}
	}
	// Through the column scanner, the fallback included.
	var l []app.Attendee
	if err := (jsonList[app.Attendee]{&l}).Scan(`[{"group":"出席","name":"王"}]`); err != nil || len(l) != 1 || l[0].Name != "王" {
		t.Errorf("scan: %v %#v", err, l)
	}
	var n []struct {
		Group string `json:"group"`
		N     int    `json:"n"`
	}
	if err := (jsonList[struct {
		Group string `json:"group"`
		N     int    `json:"n"`
	}]{&n}).Scan(`[{"group":"出席","n":2}]`); err != nil || len(n) != 1 || n[0].N != 2 {
		t.Errorf("scan of another type: %v %#v", err, n)
	}
}
