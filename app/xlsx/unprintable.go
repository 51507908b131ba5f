package xlsx

import (
	"fmt"
	"strings"
)

// Unprintable lists the characters of the rows p imports (new or updated)
// that missing reports, field by field: 第3行 企业名称：“𪛖”（U+2A6D6）.
// missing is given by the caller (the print fonts' check: this package
// knows no fonts); sh and m are the sheet and mapping p was previewed
// with. The import is not changed: a document prints such a character as
// its code, and the clerk is warned before importing.
func Unprintable(p *Plan, sh *Sheet, m Mapping, missing func(text string) []rune) []string {
	var out []string
	for _, r := range p.Rows {
		if r.Outcome != Create && r.Outcome != Update {
			continue
		}
		rr := rowReader{sh: sh, m: m, row: r.Row - 1}
		for _, f := range Fields(p.Kind) {
			rs := missing(rr.text(f.Key))
			if len(rs) == 0 {
				continue
			}
			names := make([]string, len(rs))
			for i, c := range rs {
				names[i] = fmt.Sprintf("“%c”（U+%04X）", c, c)
			}
			out = append(out, fmt.Sprintf("第%d行 %s：%s", r.Row, f.Label, strings.Join(names, "、")))
		}
	}
	return out
}
