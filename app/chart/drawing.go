package chart

import (
	"image"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A Drawing is a chart as vector shapes and text, for a PDF writer to
// draw line by line rather than embed as a picture. Lengths are in
// points (1/72 inch) from the chart's top left corner, y growing
// downwards, as on a page.
type Drawing struct {
	W, H float64 // the chart's size
	Ops  []Op    // in drawing order: later ops cover earlier ones
}

// OpKind is what an Op draws.
type OpKind int

// The kinds of Op.
const (
	Stroke OpKind = iota // the outline of Paths, Width wide, dashed by Dash
	Fill                 // the inside of Paths (each closed)
	Text                 // Text at At, Size points, turned Angle
)

// A Point is a place on a Drawing, in points from its top left corner.
type Point struct{ X, Y float64 }

// An Op is one drawing operation, all in Color.
type Op struct {
	Kind  OpKind
	Color color.RGBA

	// Stroke and Fill: polylines (curves and arcs flattened into short
	// segments); a closed one ends where it starts.
	Paths [][]Point
	// Stroke: line width, and dash pattern (dash, gap, dash, …; none for
	// a solid line) started DashOffset into the pattern.
	Width      float64
	Dash       []float64
	DashOffset float64

	// Text: the string, the left end of its baseline, its size, and its
	// angle in radians counterclockwise (π/2 reads bottom to top). The
	// typeface is the one the Charts were made with.
	Text  string
	At    Point
	Size  float64
	Angle float64
}

// affine is a 2-D transform: x' = a·x + c·y + e, y' = b·x + d·y + f.
type affine struct{ a, b, c, d, e, f float64 }

// then is m followed by n applied to the points first: the transform
// after n is set within m.
func (m affine) then(n affine) affine {
	return affine{
		a: m.a*n.a + m.c*n.b, b: m.b*n.a + m.d*n.b,
		c: m.a*n.c + m.c*n.d, d: m.b*n.c + m.d*n.d,
		e: m.a*n.e + m.c*n.f + m.e, f: m.b*n.e + m.d*n.f + m.f,
	}
}

func (m affine) apply(p vg.Point) (float64, float64) {
	x, y := float64(p.X), float64(p.Y)
	return m.a*x + m.c*y + m.e, m.b*x + m.d*y + m.f
}

// state is what Push saves and Pop restores.
type state struct {
	m          affine
	width      float64
	dash       []float64
	dashOffset float64
	col        color.RGBA
}

// recorder is a vg.CanvasSizer that records what is drawn on it into a
// Drawing.
type recorder struct {
	d     *Drawing
	cur   state
	saved []state
}

func newRecorder(w, h vg.Length) *recorder {
	r := &recorder{d: &Drawing{W: float64(w), H: float64(h)}}
	r.cur.m = affine{a: 1, d: 1}
	vg.Initialize(r)
	return r
}

func (r *recorder) Size() (vg.Length, vg.Length) { return vg.Length(r.d.W), vg.Length(r.d.H) }

func (r *recorder) SetLineWidth(w vg.Length) { r.cur.width = float64(w) }

func (r *recorder) SetLineDash(pattern []vg.Length, offset vg.Length) {
	r.cur.dash = nil
	for _, l := range pattern {
		r.cur.dash = append(r.cur.dash, float64(l))
	}
	r.cur.dashOffset = float64(offset)
}

func (r *recorder) SetColor(c color.Color) {
	if c == nil {
		c = color.Black
	}
	r.cur.col = color.RGBAModel.Convert(c).(color.RGBA)
}

func (r *recorder) Rotate(rad float64) {
	s, c := math.Sincos(rad)
	r.cur.m = r.cur.m.then(affine{a: c, b: s, c: -s, d: c})
}

func (r *recorder) Translate(pt vg.Point) {
	r.cur.m = r.cur.m.then(affine{a: 1, d: 1, e: float64(pt.X), f: float64(pt.Y)})
}

func (r *recorder) Scale(x, y float64) { r.cur.m = r.cur.m.then(affine{a: x, d: y}) }

func (r *recorder) Push() {
	s := r.cur
	s.dash = append([]float64(nil), r.cur.dash...)
	r.saved = append(r.saved, s)
}

func (r *recorder) Pop() {
	if n := len(r.saved); n > 0 {
		r.cur, r.saved = r.saved[n-1], r.saved[:n-1]
	}
}

// scale is how much the current transform stretches lengths.
func (r *recorder) scale() float64 {
	m := r.cur.m
	return math.Sqrt(math.Abs(m.a*m.d - m.b*m.c))
}

// page is p transformed and turned the page's way up.
func (r *recorder) page(p vg.Point) Point {
	x, y := r.cur.m.apply(p)
	return Point{X: x, Y: r.d.H - y}
}

// polylines flattens path into polylines on the page.
func (r *recorder) polylines(path vg.Path) [][]Point {
	var out [][]Point
	var line []Point
	var at vg.Point // the pen, before transforming
	pen := false
	to := func(p vg.Point) {
		if !pen {
			if len(line) > 1 {
				out = append(out, line)
			}
			line, pen = nil, true
		}
		if q := r.page(p); len(line) == 0 || !near(q, line[len(line)-1]) {
			line = append(line, q)
		}
		at = p
	}
	for _, c := range path {
		switch c.Type {
		case vg.MoveComp:
			pen = false
			to(c.Pos)
		case vg.LineComp:
			to(c.Pos)
		case vg.ArcComp:
			n := int(math.Ceil(math.Abs(c.Angle) / (math.Pi / 18)))
			if n < 1 {
				n = 1
			}
			for i := 0; i <= n; i++ {
				s, co := math.Sincos(c.Start + c.Angle*float64(i)/float64(n))
				to(vg.Point{X: c.Pos.X + c.Radius*vg.Length(co), Y: c.Pos.Y + c.Radius*vg.Length(s)})
			}
		case vg.CurveComp:
			from := at
			const n = 16
			for i := 1; i <= n; i++ {
				t := float64(i) / n
				to(bezier(from, c.Control, c.Pos, t))
			}
		case vg.CloseComp:
			if len(line) > 0 && !near(line[0], line[len(line)-1]) {
				line = append(line, line[0])
			}
			pen = false
		}
	}
	if len(line) > 1 {
		out = append(out, line)
	}
	return out
}

// near is whether p and q are the same point, but for rounding.
func near(p, q Point) bool {
	return math.Abs(p.X-q.X) < 1e-6 && math.Abs(p.Y-q.Y) < 1e-6
}

// bezier is the point t of the way along the quadratic or cubic curve
// from p0 through the control points ctl to p.
func bezier(p0 vg.Point, ctl []vg.Point, p vg.Point, t float64) vg.Point {
	pts := append(append([]vg.Point{p0}, ctl...), p)
	for len(pts) > 1 { // de Casteljau
		for i := range pts[:len(pts)-1] {
			pts[i] = vg.Point{
				X: pts[i].X + vg.Length(t)*(pts[i+1].X-pts[i].X),
				Y: pts[i].Y + vg.Length(t)*(pts[i+1].Y-pts[i].Y),
			}
		}
		pts = pts[:len(pts)-1]
	}
	return pts[0]
}

func (r *recorder) Stroke(path vg.Path) {
	if r.cur.width <= 0 {
		return
	}
	lines := r.polylines(path)
	if len(lines) == 0 {
		return
	}
	k := r.scale()
	op := Op{Kind: Stroke, Color: r.cur.col, Paths: lines, Width: r.cur.width * k, DashOffset: r.cur.dashOffset * k}
	for _, l := range r.cur.dash {
		op.Dash = append(op.Dash, l*k)
	}
	r.d.Ops = append(r.d.Ops, op)
}

func (r *recorder) Fill(path vg.Path) {
	lines := r.polylines(path)
	if len(lines) == 0 {
		return
	}
	r.d.Ops = append(r.d.Ops, Op{Kind: Fill, Color: r.cur.col, Paths: lines})
}

func (r *recorder) FillString(f font.Face, pt vg.Point, text string) {
	if f.Font.Size == 0 || text == "" {
		return
	}
	m := r.cur.m
	r.d.Ops = append(r.d.Ops, Op{Kind: Text, Color: r.cur.col, Text: text, At: r.page(pt),
		Size: float64(f.Font.Size) * r.scale(), Angle: math.Atan2(m.b, m.a)})
}

// DrawImage records nothing: the charts draw no pictures.
func (r *recorder) DrawImage(vg.Rectangle, image.Image) {}

// record draws p w × h cm as a Drawing.
func record(p *plot.Plot, wcm, hcm float64) *Drawing {
	r := newRecorder(vg.Length(wcm)*vg.Centimeter, vg.Length(hcm)*vg.Centimeter)
	p.Draw(draw.New(r))
	return r.d
}
