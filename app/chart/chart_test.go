package chart_test

import (
	"bytes"
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

// Both charts draw as PNG images of the size asked, with something drawn
// in the colours of the bars.
func TestCharts(t *testing.T) {
	c, err := chart.New(assets.UIFont)
	if err != nil {
		t.Fatal(err)
	}
	n := notice(t)
	for name, draw := range map[string]func(app.Notice, float64, float64) ([]byte, error){"settle": c.SettleRates, "meetings": c.Meetings} {
		b, err := draw(n, 16, 8)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if w, h := img.Bounds().Dx(), img.Bounds().Dy(); w != 945 || h != 472 { // 16 × 8 cm at 150 dpi
			t.Errorf("%s: %d × %d pixels", name, w, h)
		}
		coloured := 0
		for y := 0; y < img.Bounds().Dy(); y += 2 {
			for x := 0; x < img.Bounds().Dx(); x += 2 {
				r, g, b, _ := img.At(x, y).RGBA()
				if r != g || g != b {
					coloured++
				}
			}
		}
		if coloured < 1000 {
			t.Errorf("%s: only %d coloured pixels: no bars", name, coloured)
		}
	}
	var pts []app.TrendPoint
	for m := 1; m <= 10; m++ {
		pts = append(pts, app.TrendPoint{Month: m, Raised: 30 + m, Settled: 25 + m, Overdue: m % 4})
	}
	b, err := c.Trend(2026, pts, 16, 8)
	if err != nil {
		t.Fatal(err)
	}
	if img, err := png.Decode(bytes.NewReader(b)); err != nil || img.Bounds().Dx() != 945 {
		t.Errorf("trend: %v", err)
	}
	if _, err := c.Trend(2026, nil, 16, 8); err != nil {
		t.Errorf("a year with no months yet: %v", err)
	}
	if _, err := chart.New([]byte("not a font")); err == nil {
		t.Error("a chart font that is not a font was taken")
	}
}
