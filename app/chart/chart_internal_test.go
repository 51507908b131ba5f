package chart

import (
	"fmt"
	"image/color"
	"testing"
)

// grey is c's lightness as a black-and-white print shows it, 0 to 255.
func grey(c color.Color) int {
	return int(color.GrayModel.Convert(c).(color.Gray).Y)
}

// No two of the trend's lines share a dash pattern, a marker shape or
// (within 25 of 255) a grey.
func TestTrendSeriesApart(t *testing.T) {
	for i, a := range trendSeries {
		for _, b := range trendSeries[i+1:] {
			if fmt.Sprint(a.dash) == fmt.Sprint(b.dash) {
				t.Errorf("%s and %s share the dash pattern %v", a.name, b.name, a.dash)
			}
			if fmt.Sprintf("%T", a.glyph) == fmt.Sprintf("%T", b.glyph) {
				t.Errorf("%s and %s share the marker %T", a.name, b.name, a.glyph)
			}
			if d := grey(a.col) - grey(b.col); d < 25 && d > -25 {
				t.Errorf("%s and %s are greys %d and %d", a.name, b.name, grey(a.col), grey(b.col))
			}
		}
	}
}
