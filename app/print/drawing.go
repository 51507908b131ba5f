package print

import (
	"math"

	"github.com/jung-kurt/gofpdf"

	"wugeyi/app/chart"
)

// Drawing draws the vector chart dr w mm wide (and high in proportion),
// centred in the text block, on a new page if it does not fit on this one:
// its lines, fills and labels become the PDF's own, sharp at any size and
// in black and white. Labels are set in the Hei face.
func (d *Doc) Drawing(dr *chart.Drawing, w float64) {
	if dr == nil || dr.W <= 0 || dr.H <= 0 {
		return
	}
	k := w / dr.W // mm per point of the drawing
	h := dr.H * k
	d.need(h)
	x0, y0 := d.layout.Left+(d.Width()-w)/2, d.y
	at := func(p chart.Point) (float64, float64) { return x0 + p.X*k, y0 + p.Y*k }
	face, size := d.face, d.size
	for _, op := range dr.Ops {
		switch op.Kind {
		case chart.Stroke:
			d.pdf.SetDrawColor(int(op.Color.R), int(op.Color.G), int(op.Color.B))
			d.pdf.SetLineWidth(op.Width * k)
			dash := make([]float64, len(op.Dash))
			for i, v := range op.Dash {
				dash[i] = v * k
			}
			d.pdf.SetDashPattern(dash, op.DashOffset*k)
			for _, path := range op.Paths {
				if len(path) < 2 {
					continue
				}
				// One path per polyline, so that a dash pattern runs on
				// over its corners.
				d.pdf.MoveTo(at(path[0]))
				for _, p := range path[1:] {
					d.pdf.LineTo(at(p))
				}
				d.pdf.DrawPath("D")
			}
		case chart.Fill:
			d.pdf.SetFillColor(int(op.Color.R), int(op.Color.G), int(op.Color.B))
			for _, path := range op.Paths {
				pts := make([]gofpdf.PointType, len(path))
				for i, p := range path {
					pts[i].X, pts[i].Y = at(p)
				}
				if len(pts) > 2 {
					d.pdf.Polygon(pts, "F")
				}
			}
		case chart.Text:
			x, y := at(op.At)
			d.setFont(Hei, op.Size)
			d.pdf.SetTextColor(int(op.Color.R), int(op.Color.G), int(op.Color.B))
			if op.Angle != 0 {
				d.pdf.TransformBegin()
				d.pdf.TransformRotate(op.Angle*180/math.Pi, x, y)
			}
			d.text(x, y, op.Text)
			if op.Angle != 0 {
				d.pdf.TransformEnd()
			}
		}
	}
	d.pdf.SetDashPattern([]float64{}, 0)
	d.pdf.SetDrawColor(0, 0, 0)
	d.pdf.SetFillColor(255, 255, 255)
	d.pdf.SetTextColor(0, 0, 0)
	d.pdf.SetLineWidth(0.2)
	d.setFont(face, size)
	d.y += h
}
