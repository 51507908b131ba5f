package xlsx

import (
	"slices"
	"strings"
)

// wordEndings are what offices add to a value's name in a workbook:
// "用地类", "融资问题", "规上企业", "高成长型企业".
var wordEndings = []string{"类问题", "方面问题", "方面", "问题", "类", "工业企业", "企业"}

// known is the value of list that cell v names: v itself, its entry in
// words (the ways offices write it), or either of those once folded (see
// fold) and an ending of wordEndings is taken off; false when it names
// none.
func known(v string, list []string, words map[string]string) (string, bool) {
	v = fold(v)
	for _, w := range forms(v) {
		if x, ok := words[w]; ok {
			w = x
		}
		if slices.Contains(list, w) {
			return w, true
		}
	}
	return v, false
}

// forms are folded value v and v without each ending of wordEndings it
// has.
func forms(v string) []string {
	try := []string{v}
	for _, e := range wordEndings {
		if w, ok := strings.CutSuffix(v, e); ok && w != "" {
			try = append(try, w)
		}
	}
	return try
}
