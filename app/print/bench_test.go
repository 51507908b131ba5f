package print_test

import (
	"testing"

	"wugeyi/app"
	"wugeyi/app/print"
)

// BenchmarkDocuments lays out and writes each document: time and memory per
// document, and the file's size and pages. (BenchmarkMinutes and
// BenchmarkLedger measure the two long ones.)
func BenchmarkDocuments(b *testing.B) {
	fs := testFonts(b)
	filled := app.BlankAssessment("130302", 2026, app.DefaultIndicators())
	for i := range filled.Rows {
		if r := &filled.Rows[i]; r.Code != "" {
			r.Scored, r.Score, r.Figure = true, r.Weight*0.9, "登记334件，办结308件（92.2%）"
		}
	}
	docs := []struct {
		name  string
		build func() (*print.Doc, error)
	}{
		{"assessment", func() (*print.Doc, error) {
			return print.AssessmentForm(fs, filled, "海港区", app.AssessmentStamp{}, printedAt)
		}},
		{"assessment-blank", func() (*print.Doc, error) {
			return print.AssessmentForm(fs, app.BlankAssessment("130302", 2026, app.DefaultIndicators()), "海港区", app.AssessmentStamp{}, printedAt)
		}},
	}
	for _, k := range print.FormKinds {
		docs = append(docs, struct {
			name  string
			build func() (*print.Doc, error)
		}{"form-" + string(k), func() (*print.Doc, error) { return print.BlankForm(fs, k, haigang, app.DefaultSettings(), printedAt) }})
	}
	for _, d := range docs {
		b.Run(d.name, func(b *testing.B) {
			b.ReportAllocs()
			var size, pages int
			for b.Loop() {
				doc, err := d.build()
				if err != nil {
					b.Fatal(err)
				}
				pages = doc.Pages()
				size = len(render(b, doc))
			}
			b.ReportMetric(float64(size)/1024, "KB")
			b.ReportMetric(float64(pages), "pages")
		})
	}
}
