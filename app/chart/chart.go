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
	"math"
	"sort"
	"strconv"

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

// The series' colours are far apart in lightness as well as in hue, so
// that a black-and-white print still tells them apart: dark against
// light for the bars, dark, middle and light for the trend's lines (whose
// dash patterns and markers differ too).
var (
	darkBlue  = color.RGBA{R: 0x1f, G: 0x4e, B: 0x8c, A: 0xff} // grey ≈ 71
	lightRed  = color.RGBA{R: 0xf4, G: 0xa5, B: 0x82, A: 0xff} // grey ≈ 185
	lightGrey = color.RGBA{R: 0xd0, G: 0xd0, B: 0xd0, A: 0xff} // grey 208
	darkGreen = color.RGBA{R: 0x1b, G: 0x5e, B: 0x20, A: 0xff} // grey ≈ 67
	midRed    = color.RGBA{R: 0xd0, G: 0x5a, B: 0x40, A: 0xff} // grey ≈ 122
	lightBlue = color.RGBA{R: 0x92, G: 0xc5, B: 0xde, A: 0xff} // grey ≈ 185
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
	p.Legend.XOffs = -vg.Points(6) // clear of the page's edge
	return p
}

// labelStyle is the style of the values written on the bars and at the
// lines' ends: small, black, in the charts' typeface.
func (c *Charts) labelStyle(p *plot.Plot, size vg.Length) text.Style {
	return text.Style{Color: color.Black, Font: font.From(c.face, size), Handler: p.TextHandler, XAlign: draw.XCenter}
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

// number is v written short: at most one decimal, none when whole.
func number(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

// bars adds bars of values to p, the i-th of n side by side, outlined in
// black so that a light fill still shows on white paper, with each bar's
// value written above it.
func (c *Charts) bars(p *plot.Plot, label string, values plotter.Values, col color.Color, i, n int) error {
	w := vg.Points(28 / float64(n))
	b, err := plotter.NewBarChart(values, w)
	if err != nil {
		return err
	}
	b.Color = col
	b.LineStyle.Width = vg.Points(0.5)
	b.LineStyle.Color = color.Black
	b.Offset = w * vg.Length(float64(i)-float64(n-1)/2)
	p.Add(b)
	p.Legend.Add(label, b)
	l := &plotter.Labels{Offset: vg.Point{X: b.Offset, Y: vg.Points(3)}}
	st := c.labelStyle(p, 7)
	for x, v := range values {
		l.XYs = append(l.XYs, plotter.XY{X: float64(x), Y: v})
		l.Labels = append(l.Labels, number(v))
		l.TextStyle = append(l.TextStyle, st)
	}
	p.Add(l)
	return nil
}

// headroom raises the top of p's value axis, once everything is added,
// so that the legend at the top right never covers a line or a bar, and
// widens its county axis by half a county each side so that the outer
// bars are drawn whole.
func headroom(p *plot.Plot) {
	if p.Y.Max > p.Y.Min {
		p.Y.Max += 0.3 * (p.Y.Max - p.Y.Min)
	}
	p.X.Min -= 0.5
	p.X.Max += 0.5
}

// SettleRates charts each county's settle rate (%) and overdue problems,
// in rank order, as PNG w × h cm.
func (c *Charts) SettleRates(n app.Notice, wcm, hcm float64) ([]byte, error) {
	p, err := c.settlePlot(n)
	if err != nil {
		return nil, err
	}
	return encode(p, wcm, hcm)
}

// settlePlot is the plot SettleRates draws.
func (c *Charts) settlePlot(n app.Notice) (*plot.Plot, error) {
	rs := n.Ranked()
	p := c.newPlot(n.Period.Label()+" 各县区问题累计办结率与逾期问题", "办结率（%） / 逾期（件）")
	var rate, overdue plotter.Values
	for _, r := range rs {
		rate = append(rate, 100*r.SettleRate)
		overdue = append(overdue, float64(r.Overdue))
	}
	if err := c.bars(p, "累计办结率（%）", rate, darkBlue, 0, 2); err != nil {
		return nil, fmt.Errorf("settle rate chart: %w", err)
	}
	if err := c.bars(p, "逾期问题（件）", overdue, lightRed, 1, 2); err != nil {
		return nil, fmt.Errorf("settle rate chart: %w", err)
	}
	p.NominalX(names(rs)...)
	headroom(p)
	return p, nil
}

// Meetings charts each county's meetings held against required, all
// three kinds together, in rank order, as PNG w × h cm.
func (c *Charts) Meetings(n app.Notice, wcm, hcm float64) ([]byte, error) {
	p, err := c.meetingsPlot(n)
	if err != nil {
		return nil, err
	}
	return encode(p, wcm, hcm)
}

// meetingsPlot is the plot Meetings draws.
func (c *Charts) meetingsPlot(n app.Notice) (*plot.Plot, error) {
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
	if err := c.bars(p, "应召开", required, lightGrey, 0, 2); err != nil {
		return nil, fmt.Errorf("meetings chart: %w", err)
	}
	if err := c.bars(p, "已召开", held, darkGreen, 1, 2); err != nil {
		return nil, fmt.Errorf("meetings chart: %w", err)
	}
	p.NominalX(names(rs)...)
	headroom(p)
	return p, nil
}

// trendSeries are the trend chart's lines: each its own colour lightness,
// dash pattern and marker, so that none needs colour to be told apart.
var trendSeries = []struct {
	name  string
	col   color.Color
	dash  []vg.Length
	glyph draw.GlyphDrawer
	v     func(app.TrendPoint) int
}{
	{"登记", darkBlue, nil, draw.CircleGlyph{}, func(t app.TrendPoint) int { return t.Raised }},
	{"办结", midRed, []vg.Length{vg.Points(6), vg.Points(3)}, draw.BoxGlyph{}, func(t app.TrendPoint) int { return t.Settled }},
	{"月末逾期", lightBlue, []vg.Length{vg.Points(1.5), vg.Points(2.5)}, draw.PyramidGlyph{}, func(t app.TrendPoint) int { return t.Overdue }},
}

// Trend charts the problems registered, settled and overdue month by
// month of year, all counties together, as PNG w × h cm.
func (c *Charts) Trend(year int, points []app.TrendPoint, wcm, hcm float64) ([]byte, error) {
	p, err := c.trendPlot(year, points)
	if err != nil {
		return nil, err
	}
	return encode(p, wcm, hcm)
}

// trendPlot is the plot Trend draws: a line with markers per series,
// each named at its last point (no legend: the names are on the lines).
func (c *Charts) trendPlot(year int, points []app.TrendPoint) (*plot.Plot, error) {
	p := c.newPlot(fmt.Sprintf("%d年 全市问题办理情况（按月）", year), "件数")
	if len(points) == 0 { // the year has not begun: an empty chart
		p.Y.Max = 1
		return p, nil
	}
	var labels []string
	for _, t := range points {
		labels = append(labels, fmt.Sprintf("%d月", t.Month))
	}
	ends := make([]float64, len(trendSeries))
	for i, series := range trendSeries {
		xys := make(plotter.XYs, len(points))
		for j, t := range points {
			xys[j] = plotter.XY{X: float64(j), Y: float64(series.v(t))}
		}
		l, s, err := plotter.NewLinePoints(xys)
		if err != nil {
			return nil, fmt.Errorf("trend chart: %w", err)
		}
		l.Color = series.col
		l.Width = vg.Points(1.5)
		l.Dashes = series.dash
		s.Color = series.col
		s.Shape = series.glyph
		s.Radius = vg.Points(3)
		p.Add(l, s)
		ends[i] = xys[len(xys)-1].Y
	}
	p.NominalX(labels...)
	// Room on the right for the names at the lines' ends.
	last := float64(len(points) - 1)
	p.X.Max = math.Max(p.X.Max, last+1.3)
	ends = spread(ends, 0.07*(p.Y.Max-p.Y.Min))
	names := &plotter.Labels{Offset: vg.Point{X: vg.Points(8), Y: vg.Points(-3)}}
	for i, series := range trendSeries {
		st := c.labelStyle(p, 8)
		st.XAlign = draw.XLeft
		names.XYs = append(names.XYs, plotter.XY{X: last, Y: ends[i]})
		names.Labels = append(names.Labels, series.name)
		names.TextStyle = append(names.TextStyle, st)
	}
	p.Add(names)
	return p, nil
}

// spread moves the values ys apart, keeping their order, so that no two
// are closer than gap: the heights of the names at the lines' ends, which
// would overprint where the lines end close together.
func spread(ys []float64, gap float64) []float64 {
	idx := make([]int, len(ys))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return ys[idx[a]] < ys[idx[b]] })
	out := append([]float64(nil), ys...)
	for k := 1; k < len(idx); k++ {
		if lo := out[idx[k-1]] + gap; out[idx[k]] < lo {
			out[idx[k]] = lo
		}
	}
	return out
}

// The size of each of the notice's charts, in cm.
const noticeW, noticeH = 16, 8

// Notice draws the charts of notice n as PNG, each 16 × 8 cm: settle
// rates and overdue problems, meetings, and the trend of its year up to
// its end.
func (c *Charts) Notice(n app.Notice, trend []app.TrendPoint) ([][]byte, error) {
	ps, err := c.noticePlots(n, trend)
	if err != nil {
		return nil, err
	}
	var out [][]byte
	for _, p := range ps {
		b, err := encode(p, noticeW, noticeH)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// NoticeDrawings is Notice's charts as vector drawings, each 16 × 8 cm,
// for a PDF to draw sharp at any scale.
func (c *Charts) NoticeDrawings(n app.Notice, trend []app.TrendPoint) ([]*Drawing, error) {
	ps, err := c.noticePlots(n, trend)
	if err != nil {
		return nil, err
	}
	var out []*Drawing
	for _, p := range ps {
		out = append(out, record(p, noticeW, noticeH))
	}
	return out, nil
}

// PublishedDrawings is the charts of a published notice n as vector
// drawings: settle rates and meetings (the trend needs every county's
// records, which only the city has).
func (c *Charts) PublishedDrawings(n app.Notice) ([]*Drawing, error) {
	ps, err := c.noticePlots(n, nil)
	if err != nil {
		return nil, err
	}
	return []*Drawing{record(ps[0], noticeW, noticeH), record(ps[1], noticeW, noticeH)}, nil
}

// noticePlots are the plots of notice n's charts, in order.
func (c *Charts) noticePlots(n app.Notice, trend []app.TrendPoint) ([]*plot.Plot, error) {
	settle, err := c.settlePlot(n)
	if err != nil {
		return nil, err
	}
	meetings, err := c.meetingsPlot(n)
	if err != nil {
		return nil, err
	}
	months, err := c.trendPlot(n.Period.Year, trend)
	if err != nil {
		return nil, err
	}
	return []*plot.Plot{settle, meetings, months}, nil
}

// dpi is the charts' resolution: sharp on paper, each chart still a
// small file.
const dpi = 300

// encode draws p w × h cm at dpi dots per inch as PNG.
func encode(p *plot.Plot, wcm, hcm float64) ([]byte, error) {
	c := vgimg.NewWith(vgimg.UseWH(vg.Length(wcm)*vg.Centimeter, vg.Length(hcm)*vg.Centimeter), vgimg.UseDPI(dpi))
	p.Draw(draw.New(c))
	var b bytes.Buffer
	if err := png.Encode(&b, c.Image()); err != nil {
		return nil, fmt.Errorf("encode chart: %w", err)
	}
	return b.Bytes(), nil
}
