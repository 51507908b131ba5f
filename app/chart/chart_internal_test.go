package chart

import (
	"fmt"
	"image/color"
	"math"
	"testing"

	"wugeyi/app"
	"wugeyi/assets"
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

// drawings are the notice's charts of a quarter of nine counties and ten
// months, as vector drawings.
func drawings(t *testing.T) []*Drawing {
	t.Helper()
	c, err := New(assets.UIFont)
	if err != nil {
		t.Fatal(err)
	}
	p, err := app.ParsePeriod("2026Q1")
	if err != nil {
		t.Fatal(err)
	}
	n := app.Notice{Period: p, End: p.To()}
	for i, o := range app.Offices[1:] {
		n.Rows = append(n.Rows, app.NoticeRow{Office: o.Code, Rank: i + 1, SettleRate: 0.95 - float64(i)/20, Overdue: i,
			MeetingsHeld: [3]int{1, 3 - i%3, i % 2}, MeetingsRequired: [3]int{1, 3, 1}})
	}
	var pts []app.TrendPoint
	for m := 1; m <= 10; m++ {
		pts = append(pts, app.TrendPoint{Month: m, Raised: 30 + m, Settled: 25 + m, Overdue: m % 4})
	}
	ds, err := c.NoticeDrawings(n, pts)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 3 {
		t.Fatalf("%d drawings, want 3", len(ds))
	}
	return ds
}

// texts are the strings of d's text ops, each with its op.
func texts(d *Drawing) map[string]Op {
	out := map[string]Op{}
	for _, op := range d.Ops {
		if op.Kind == Text {
			out[op.Text] = op
		}
	}
	return out
}

// Every drawing is 16 × 8 cm with everything on it inside, its value
// axis's name turned to read upwards.
func TestDrawingsOnThePage(t *testing.T) {
	for i, d := range drawings(t) {
		if math.Abs(d.W-16/2.54*72) > 0.01 || math.Abs(d.H-8/2.54*72) > 0.01 {
			t.Errorf("drawing %d is %.1f × %.1f pt", i, d.W, d.H)
		}
		for _, op := range d.Ops {
			pts := []Point{op.At}
			for _, l := range op.Paths {
				pts = append(pts, l...)
			}
			for _, p := range pts {
				if p.X < -1 || p.Y < -1 || p.X > d.W+1 || p.Y > d.H+1 {
					t.Errorf("drawing %d: %v at %v, off the chart", i, op.Kind, p)
				}
			}
		}
	}
	settle := texts(drawings(t)[0])
	if y, ok := settle["办结率（%） / 逾期（件）"]; !ok || math.Abs(y.Angle-math.Pi/2) > 1e-9 {
		t.Errorf("value axis name %+v", y)
	}
	if title, ok := settle["2026年第一季度 各县区问题累计办结率与逾期问题"]; !ok || title.At.Y > 30 || title.Angle != 0 {
		t.Errorf("title %+v, want at the top", title)
	}
}

// The bar charts draw each county's two bars, one dark and one light,
// the value written above each.
func TestDrawingBars(t *testing.T) {
	ds := drawings(t)
	for _, tc := range []struct {
		d           *Drawing
		dark, light color.RGBA
		values      []string
	}{
		{ds[0], darkBlue, lightRed, []string{"95", "55", "0", "8"}},
		{ds[1], darkGreen, lightGrey, []string{"5", "4", "2"}},
	} {
		bars := map[color.RGBA]int{}
		for _, op := range tc.d.Ops {
			if op.Kind == Fill {
				bars[op.Color]++
			}
		}
		if bars[tc.dark] != 10 || bars[tc.light] != 10 { // nine counties and the legend
			t.Errorf("bars by colour %v", bars)
		}
		if d := grey(tc.light) - grey(tc.dark); d < 100 {
			t.Errorf("bars %d greys apart", d)
		}
		got := texts(tc.d)
		for _, v := range tc.values {
			if _, ok := got[v]; !ok {
				t.Errorf("no bar is labelled %q", v)
			}
		}
	}
}

// Each of the trend's lines is drawn in its own dash pattern with its own
// marker, and named right of its end.
func TestDrawingTrend(t *testing.T) {
	d := drawings(t)[2]
	got := texts(d)
	for i, s := range trendSeries {
		col := color.RGBAModel.Convert(s.col).(color.RGBA)
		var dashes []string
		markers := map[int]int{} // corners of the marker → how many
		end := 0.0
		for _, op := range d.Ops {
			if op.Color != col {
				continue
			}
			switch op.Kind {
			case Stroke:
				dashes = append(dashes, fmt.Sprint(op.Dash))
				for _, l := range op.Paths {
					end = math.Max(end, l[len(l)-1].X)
				}
			case Fill:
				markers[len(op.Paths[0])-1]++
			}
		}
		want := []string{"[]", "[6 3]", "[1.5 2.5]"}[i]
		if len(dashes) != 1 || dashes[0] != want {
			t.Errorf("%s: stroked with dashes %v, want %s", s.name, dashes, want)
		}
		corners := []int{36, 4, 3}[i] // a circle is drawn in 36 segments
		if markers[corners] != 10 || len(markers) != 1 {
			t.Errorf("%s: markers by corners %v, want 10 of %d", s.name, markers, corners)
		}
		if name, ok := got[s.name]; !ok || name.At.X <= end {
			t.Errorf("%s: named at %+v, the line ends at x %.1f", s.name, name, end)
		}
	}
}
