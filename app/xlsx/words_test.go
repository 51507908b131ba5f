package xlsx

import (
	"testing"

	"wugeyi/app"
)

// Values as offices write them in their workbooks come to the program's
// own; a value that names none is refused, and an empty cell is the
// default.
func TestValuesAsOfficesWriteThem(t *testing.T) {
	for _, c := range []struct {
		in   string
		list []string
		word map[string]string
		want string // "" for refused
	}{
		{"用地类", app.Categories, nil, "用地"},
		{"融资问题", app.Categories, nil, "融资"},
		{" 环保 类问题 ", app.Categories, nil, "环保"},
		{"审批方面", app.Categories, nil, "审批"},
		{"交通", app.Categories, nil, ""},
		{"走访企业", app.Sources, sourceWords, "走访"},
		{"座谈会", app.Sources, sourceWords, "企业家恳谈会"},
		{"会议议定事项", app.Sources, sourceWords, app.SourceDecision},
		{"信访", app.Sources, sourceWords, ""},
		{"规上工业企业", app.EnterpriseCategories, categoryWords, "规模以上"},
		{"规模以上企业", app.EnterpriseCategories, categoryWords, "规模以上"},
		{"高成长型企业", app.EnterpriseCategories, categoryWords, "高成长性"},
		{"国家高新技术企业", app.EnterpriseCategories, categoryWords, "高新技术"},
		{"小巨人企业", app.EnterpriseCategories, categoryWords, "专精特新"},
		{"三大一新企业", app.EnterpriseCategories, categoryWords, "三大一新"},
		{"龙头企业", app.EnterpriseCategories, categoryWords, ""},
	} {
		got, ok := known(c.in, c.list, c.word)
		if c.want == "" && ok || c.want != "" && got != c.want {
			t.Errorf("%q → %q (%v), want %q", c.in, got, ok, c.want)
		}
	}
	if got, err := oneOf("", "其他", "问题类别", app.Categories, nil); err != nil || got != "其他" {
		t.Errorf("an empty cell: %q, %v", got, err)
	}
	if _, err := oneOf("交通", "其他", "问题类别", app.Categories, nil); err == nil {
		t.Error("an unknown category taken")
	}
	for in, want := range map[string]string{"非常满意": "满意", "比较满意": "基本满意", "不满意": "不满意", "满意 ": "满意"} {
		if got := satisfaction(in); got != want {
			t.Errorf("satisfaction(%q) = %q, want %q", in, got, want)
		}
	}
	cats, err := parseCategories("规上企业、专精特新企业，高新")
	if err != nil || len(cats) != 3 {
		t.Errorf("categories %v, %v", cats, err)
	}
}
