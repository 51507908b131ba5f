package app_test

import (
	"strings"
	"testing"

	"wugeyi/app"
)

func TestSafeAttachmentName(t *testing.T) {
	for _, tc := range []struct {
		name, typ, want string
	}{
		{"车间.jpg", app.TypeJPEG, "车间.jpg"},
		{"车间.JPEG", app.TypeJPEG, "车间.jpg"},
		{"说明.pdf", app.TypePDF, "说明.pdf"},
		{"整改报告.pdf.exe", app.TypePDF, "整改报告.pdf"},
		{"说明.bat", app.TypePDF, "说明.pdf"},
		{"说明.exe.pdf", app.TypePDF, "说明.pdf"},
		{"照片.png.scr", app.TypePNG, "照片.png"},
		{"a.exe.", app.TypePDF, "a.pdf"},
		{"a.EXE .pdf", app.TypePDF, "a.pdf"},
		{"扫描件.docx", app.TypePDF, "扫描件_docx.pdf"}, // a dot is kept as "_": one extension only
		{"2026.03.16 会议纪要.pdf", app.TypePDF, "2026_03_16 会议纪要.pdf"},
		{"a photo.pdf", app.TypeJPEG, "a photo.jpg"}, // the type decides
		{"../../x.pdf", app.TypePDF, "x.pdf"},
		{`..\..\Windows\System32\x.pdf`, app.TypePDF, "x.pdf"},
		{`C:\Users\张三\桌面\现场.jpg`, app.TypeJPEG, "现场.jpg"},
		{"/etc/passwd", app.TypePDF, "passwd.pdf"},
		{"CON.pdf", app.TypePDF, "附件_CON.pdf"},
		{"con", app.TypePDF, "附件_con.pdf"},
		{"LPT1.jpg", app.TypeJPEG, "附件_LPT1.jpg"},
		{"nul .png", app.TypePNG, "附件_nul.png"},
		{"CONSOLE.pdf", app.TypePDF, "CONSOLE.pdf"},
		{"", app.TypePDF, "附件.pdf"},
		{".pdf", app.TypePDF, "附件.pdf"},
		{"...", app.TypePDF, "附件.pdf"},
		{"报告\u202Efdp.exe", app.TypePDF, "报告_fdp.pdf"},
		{"a<b>c:d\"e|f?g*h.pdf", app.TypePDF, "a_b_c_d_e_f_g_h.pdf"},
		{"行\n一\x00.pdf", app.TypePDF, "行_一.pdf"},
		{"bad\xff\xfe.pdf", app.TypePDF, "bad.pdf"},
		{"  空格  .pdf", app.TypePDF, "空格.pdf"},
		{"x.pdf", "application/x-msdownload", "x"}, // no type the window takes: no extension at all
	} {
		got := app.SafeAttachmentName(app.Attachment{Name: tc.name, Type: tc.typ})
		if got != tc.want {
			t.Errorf("SafeAttachmentName(%q, %s) = %q, want %q", tc.name, tc.typ, got, tc.want)
		}
	}
}

// Whatever the name, the result is one file name of at most 80
// characters and one extension, which is the type's, and the check the
// import makes takes it.
func TestSafeAttachmentNameIsSafe(t *testing.T) {
	long := strings.Repeat("很长的文件名", 100) + ".pdf"
	for _, name := range []string{long, strings.Repeat("a.", 300) + "exe", "COM¹.pdf", "\u200F\u2066x\u2069.jpg.lnk", " . . ", "a/b\\c:d"} {
		for typ, ext := range map[string]string{app.TypePDF: ".pdf", app.TypeJPEG: ".jpg", app.TypePNG: ".png"} {
			got := app.SafeAttachmentName(app.Attachment{Name: name, Type: typ})
			stem, ok := strings.CutSuffix(got, ext)
			if !ok || strings.Contains(stem, ".") || len([]rune(stem)) > 80 || stem == "" {
				t.Errorf("SafeAttachmentName(%q, %s) = %q: want a name of 1 to 80 characters without a dot, then %s", name, typ, got, ext)
			}
			if err := app.CheckAttachmentName(got); err != nil {
				t.Errorf("SafeAttachmentName(%q, %s) = %q, which the import refuses: %v", name, typ, got, err)
			}
		}
	}
}

func TestOpenName(t *testing.T) {
	pdf := []byte("%PDF-1.4\n%…\n")
	exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00"), make([]byte, 64)...)
	a := app.Attachment{Meta: app.Meta{Office: "130303"}, Name: "整改报告.pdf.exe", Type: app.TypePDF}
	if got, err := app.OpenName(a, pdf); err != nil || got != "整改报告.pdf" {
		t.Errorf("a PDF named 整改报告.pdf.exe opens as %q (%v), want 整改报告.pdf", got, err)
	}
	got, err := app.OpenName(a, exe)
	if err == nil || got != "" || !strings.Contains(app.Message(err), "这个附件不是 PDF 或图片，不能打开") ||
		!strings.Contains(app.Message(err), "山海关区") {
		t.Errorf("a program labelled PDF opens as %q (%v), want a refusal naming the office", got, err)
	}
	jpeg := []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10}
	if got, err := app.OpenName(a, jpeg); err == nil || got != "" || !strings.Contains(app.Message(err), "JPG 照片") {
		t.Errorf("a photo labelled PDF opens as %q (%v), want a refusal", got, err)
	}
	a.Type = app.TypeJPEG
	if got, err := app.OpenName(a, jpeg); err != nil || got != "整改报告.jpg" {
		t.Errorf("a photo opens as %q (%v)", got, err)
	}
}
