package app_test

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"wugeyi/app"
)

// photo is a JPEG (or PNG) of w×h pixels.
func photo(tb testing.TB, w, h int, asPNG bool) []byte {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), uint8(x ^ y), 255})
		}
	}
	var b bytes.Buffer
	var err error
	if asPNG {
		err = png.Encode(&b, img)
	} else {
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: 90})
	}
	if err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func TestSniffType(t *testing.T) {
	for _, tc := range []struct {
		name string
		b    []byte
		want string
	}{
		{"jpeg", photo(t, 8, 8, false), app.TypeJPEG},
		{"png", photo(t, 8, 8, true), app.TypePNG},
		{"pdf", []byte("%PDF-1.7\n"), app.TypePDF},
		{"docx", []byte("PK\x03\x04"), ""},
		{"a .jpg that is text", []byte("not a photo"), ""},
		{"empty", nil, ""},
	} {
		if got := app.SniffType(tc.b); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestShrinkImage(t *testing.T) {
	for _, tc := range []struct {
		name         string
		w, h         int
		png          bool
		wantW, wantH int
	}{
		{"landscape JPEG", 800, 600, false, 400, 300},
		{"portrait PNG", 300, 900, true, 133, 400},
		{"already small", 200, 100, false, 200, 100},
	} {
		out, err := app.ShrinkImage(photo(t, tc.w, tc.h, tc.png), 400)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		img, format, err := image.Decode(bytes.NewReader(out))
		if err != nil || format != "jpeg" || img.Bounds().Dx() != tc.wantW || img.Bounds().Dy() != tc.wantH {
			t.Errorf("%s: %s %v %v; want a %d×%d JPEG", tc.name, format, img.Bounds(), err, tc.wantW, tc.wantH)
		}
	}
	if _, err := app.ShrinkImage([]byte("%PDF-1.4"), 400); err == nil || !strings.Contains(err.Error(), "照片无法读取") {
		t.Errorf("shrinking a PDF: %v", err)
	}
	if got := app.ShrinkName("车间.PNG"); got != "车间.jpg" {
		t.Errorf("ShrinkName = %q", got)
	}
}

func TestAttachSettings(t *testing.T) {
	var zero app.Settings
	if zero.AttachLimit() != 20<<20 || zero.ShrinkAbove() != 2<<20 {
		t.Errorf("defaults of unset settings: %d %d", zero.AttachLimit(), zero.ShrinkAbove())
	}
	s := app.DefaultSettings()
	s.AttachMaxMB, s.ShrinkAboveMB = 5, 1
	if s.AttachLimit() != 5<<20 || s.ShrinkAbove() != 1<<20 {
		t.Errorf("limits of 5 and 1 MB: %d %d", s.AttachLimit(), s.ShrinkAbove())
	}
	for _, bad := range []struct{ max, shrink int }{{201, 2}, {-1, 2}, {20, 51}} {
		s.AttachMaxMB, s.ShrinkAboveMB = bad.max, bad.shrink
		if err := s.Validate(); err == nil {
			t.Errorf("settings %d MB and %d MB accepted", bad.max, bad.shrink)
		}
	}
}

// Every field of the records that take attachments has a Chinese name in
// their history.
func TestFieldLabels(t *testing.T) {
	for _, rec := range []any{app.Visit{}, app.Problem{}, app.Meeting{}, app.FinancingNeed{}, app.BridgeLoan{}, app.Attachment{}, app.Enterprise{}} {
		b, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for k := range m {
			switch k {
			case "id", "office", "version", "updated_at", "updated_by", "deleted":
				continue
			}
			if app.FieldLabel(k) == k {
				t.Errorf("%T: field %s has no Chinese name", rec, k)
			}
		}
	}
}

// BenchmarkThumbnail draws the thumbnail of a 3000×2000 photo.
func BenchmarkThumbnail(b *testing.B) {
	p := photo(b, 3000, 2000, false)
	for b.Loop() {
		if _, err := app.Thumbnail(p, 150); err != nil {
			b.Fatal(err)
		}
	}
}
