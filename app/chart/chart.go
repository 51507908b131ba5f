// Package chart draws the progress notice's charts with gonum.org/v1/plot,
// as PNG images the window shows and the printed notice embeds: the
// settle rate and the overdue problems of each county, and the meetings
// held against those required.
package chart

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"

	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"wugeyi/app"
)

// Charts draws charts in one typeface, read once (safe for concurrent
// use).
type Charts struct {
	cache *font.Cache
	face  font.Font
}

// New reads the TrueType font the charts' text is set in (it must cover
// Chinese).
func New(ttf []byte) (*Charts, error) {
	f, err := opentype.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("read the chart font: %w", err)
	}
	face := font.Font{Typeface: "wugeyi"}
	return &Charts{cache: font.NewCache(font.Collection{{Font: face, Face: f}}), face: face}, nil
}

// Colours of the bars.
var (
	blue  = color.RGBA{R: 0x2b, G: 0x6c, B: 0xb0, A: 0xff}
	red   = color.RGBA{R: 0xc0, G: 0x39, B: 0x2b, A: 0xff}
	grey  = color.RGBA{R: 0xb0, G: 0xb0, B: 0xb0, A: 0xff}
	green = color.RGBA{R: 0x27, G: 0x8c, B: 0x4f, A: 0xff}
)

// newPlot is a plot titled title whose every text is set in the charts'
// typeface.
func (c *Charts) newPlot(title, yLabel string) *plot.Plot {
	p := plot.New()
	p.TextHandler = text.Plain{Fonts: c.cache}
	for _, s := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle, &p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
		s.Font = font.From(c.face, s.Font.Size)
		s.Handler = p.TextHandler
	}
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = 13
	p.Y.Label.Text = yLabel
	p.Y.Min = 0
	p.Legend.Top = true
	return p
}

// names are the counties' short names, in rank order.
func names(rs []app.NoticeRow) []string {
	var out []string
	for _, r := range rs {
		name := app.OfficeName(r.Office)
		if o, ok := app.LookupOffice(r.Office); ok && o.Short != "" {
			name = o.Short
		}
		out = append(out, name)
	}
	return out
}

// bars adds bars of values to p, the i-th of n side by side.
func bars(p *plot.Plot, label string, values plotter.Values, col color.Color, i, n int) error {
	w := vg.Points(28 / float64(n))
	b, err := plotter.NewBarChart(values, w)
	if err != nil {
		return err
	}
	b.Color = col
	b.LineStyle.Width = 0
	b.Offset = w * vg.Length(float64(i)-float64(n-1)/2)
	p.Add(b)
	p.Legend.Add(label, b)
	return nil
}

// SettleRates charts each county's settle rate (%) and overdue problems,
// in rank order.
func (c *Charts) SettleRates(n app.Notice, wcm, hcm float64) ([]byte, error) {
	rs := n.Ranked()
	p := c.newPlot(n.Period.Label()+" 各县区问题累计办结率与逾期问题", "办结率（%） / 逾期（件）")
	var rate, overdue plotter.Values
	for _, r := range rs {
		rate = append(rate, 100*r.SettleRate)
		overdue = append(overdue, float64(r.Overdue))
	}
	if err := bars(p, "累计办结率（%）", rate, blue, 0, 2); err != nil {
		return nil, err
	}
	if err := bars(p, "逾期问题（件）", overdue, red, 1, 2); err != nil {
		return nil, err
	}
	p.NominalX(names(rs)...)
	return encode(p, wcm, hcm)
}

// Meetings charts each county's meetings held against required, all
// three kinds together, in rank order.
func (c *Charts) Meetings(n app.Notice, wcm, hcm float64) ([]byte, error) {
	rs := n.Ranked()
	p := c.newPlot(n.Period.Label()+" 各县区会议召开情况（期数）", "期数")
	var held, required plotter.Values
	for _, r := range rs {
		var h, q int
		for k := range r.MeetingsHeld {
			h, q = h+r.MeetingsHeld[k], q+r.MeetingsRequired[k]
		}
		held = append(held, float64(h))
		required = append(required, float64(q))
	}
	if err := bars(p, "应召开", required, grey, 0, 2); err != nil {
		return nil, err
	}
	if err := bars(p, "已召开", held, green, 1, 2); err != nil {
		return nil, err
	}
	p.NominalX(names(rs)...)
	return encode(p, wcm, hcm)
}

// Trend charts the problems registered, settled and overdue month by
// month of year, all counties together.
func (c *Charts) Trend(year int, points []app.TrendPoint, wcm, hcm float64) ([]byte, error) {
	p := c.newPlot(fmt.Sprintf("%d年 全市问题办理情况（按月）", year), "件数")
	if len(points) == 0 { // the year has not begun: an empty chart
		p.Y.Max = 1
		return encode(p, wcm, hcm)
	}
	var labels []string
	for i, series := range []struct {
		name string
		col  color.Color
		v    func(app.TrendPoint) int
	}{
		{"登记", blue, func(t app.TrendPoint) int { return t.Raised }},
		{"办结", green, func(t app.TrendPoint) int { return t.Settled }},
		{"月末逾期", red, func(t app.TrendPoint) int { return t.Overdue }},
	} {
		xys := make(plotter.XYs, len(points))
		for j, t := range points {
			xys[j] = plotter.XY{X: float64(j), Y: float64(series.v(t))}
			if i == 0 {
				labels = append(labels, fmt.Sprintf("%d月", t.Month))
			}
		}
		l, err := plotter.NewLine(xys)
		if err != nil {
			return nil, fmt.Errorf("trend chart: %w", err)
		}
		l.Color = series.col
		l.Width = vg.Points(2)
		p.Add(l)
		p.Legend.Add(series.name, l)
	}
	p.NominalX(labels...)
	return encode(p, wcm, hcm)
}

// Notice draws the charts of notice n, each 16 × 8 cm: settle rates and
// overdue problems, meetings, and the trend of its year up to its end.
func (c *Charts) Notice(n app.Notice, trend []app.TrendPoint) ([][]byte, error) {
	const w, h = 16, 8
	settle, err := c.SettleRates(n, w, h)
	if err != nil {
		return nil, err
	}
	meetings, err := c.Meetings(n, w, h)
	if err != nil {
		return nil, err
	}
	months, err := c.Trend(n.Period.Year, trend, w, h)
	if err != nil {
		return nil, err
	}
	return [][]byte{settle, meetings, months}, nil
}

// encode draws p w × h cm at 150 dots per inch as PNG.
func encode(p *plot.Plot, wcm, hcm float64) ([]byte, error) {
	// Room above the data for the legend, which sits at the top right, so
	// that it never covers a line or a bar.
	if p.Y.Max > p.Y.Min {
		p.Y.Max += 0.3 * (p.Y.Max - p.Y.Min)
	}
	c := vgimg.NewWith(vgimg.UseWH(vg.Length(wcm)*vg.Centimeter, vg.Length(hcm)*vg.Centimeter), vgimg.UseDPI(150))
	p.Draw(draw.New(c))
	var b bytes.Buffer
	if err := png.Encode(&b, c.Image()); err != nil {
		return nil, fmt.Errorf("encode chart: %w", err)
	}
	return b.Bytes(), nil
}
