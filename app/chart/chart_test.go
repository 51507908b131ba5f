package chart_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"wugeyi/app"
	"wugeyi/app/chart"
	"wugeyi/assets"
)

func notice(t *testing.T) app.Notice {
	t.Helper()
	p, err := app.ParsePeriod("2026Q1")
	if err != nil {
		t.Fatal(err)
	}
	n := app.Notice{Period: p, End: p.To()}
	for i, o := range app.Offices[1:] {
		n.Rows = append(n.Rows, app.NoticeRow{Office: o.Code, Rank: i + 1, SettleRate: 0.95 - float64(i)/20, Overdue: i,
			MeetingsHeld: [3]int{1, 3 - i%3, i % 2}, MeetingsRequired: [3]int{1, 3, 1}})
	}
	return n
}

func trend() []app.TrendPoint {
	var pts []app.TrendPoint
	for m := 1; m <= 10; m++ {
		pts = append(pts, app.TrendPoint{Month: m, Raised: 30 + m, Settled: 25 + m, Overdue: m % 4})
	}
	return pts
}

// greyLevels counts the grey levels, other than near black (axes and
// text) and near white (paper), that cover at least min pixels of img
// printed in black and white and lie at least 40 levels apart: the
// series a reader without colour tells apart.
func greyLevels(img image.Image, min int) int {
	count := map[uint8]int{}
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			g := color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y
			if g > 24 && g < 232 {
				count[g]++
			}
		}
	}
	n, last := 0, -100
	for g := 0; g < 256; g++ {
		if count[uint8(g)] >= min && g-last >= 40 {
			n, last = n+1, g
		}
	}
	return n
}

// Every chart draws as a PNG image of the size asked, at 300 dpi, whose
// series stay apart in grey: two levels for the bars, three for the
// trend's lines.
func TestCharts(t *testing.T) {
	c, err := chart.New(assets.UIFont)
	if err != nil {
		t.Fatal(err)
	}
	n := notice(t)
	for _, tc := range []struct {
		name   string
		draw   func() ([]byte, error)
		levels int // grey levels the series show
		min    int // pixels each level covers at least
	}{
		{"settle", func() ([]byte, error) { return c.SettleRates(n, 16, 8) }, 2, 5000},
		{"meetings", func() ([]byte, error) { return c.Meetings(n, 16, 8) }, 2, 5000},
		{"trend", func() ([]byte, error) { return c.Trend(2026, trend(), 16, 8) }, 3, 1000},
	} {
		b, err := tc.draw()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if w, h := img.Bounds().Dx(), img.Bounds().Dy(); w != 1890 || h != 945 { // 16 × 8 cm at 300 dpi
			t.Errorf("%s: %d × %d pixels", tc.name, w, h)
		}
		if got := greyLevels(img, tc.min); got < tc.levels {
			t.Errorf("%s: %d grey levels of %d pixels or more, want %d", tc.name, got, tc.min, tc.levels)
		}
	}
	if _, err := c.Trend(2026, nil, 16, 8); err != nil {
		t.Errorf("a year with no months yet: %v", err)
	}
	if _, err := chart.New([]byte("not a font")); err == nil {
		t.Error("a chart font that is not a font was taken")
	}
}
