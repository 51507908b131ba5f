package app

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The name an attachment is written under when the window opens it with
// the PC's program. Opening must show a photo or a PDF, never run a
// program: Windows picks the program by the name's last extension, so
// that extension is always the one of the bytes, and the rest of the name
// keeps no extension, no path and no name Windows reserves, whatever the
// record says (it may come from another office's sync file).

// openNameMax is the most characters of the name before its extension: a
// name in the temporary folder stays far from Windows' 260-character path
// limit.
const openNameMax = 80

// typeExts are the extensions an attachment is written under, by type.
var typeExts = map[string]string{TypeJPEG: ".jpg", TypePNG: ".png", TypePDF: ".pdf"}

// SafeAttachmentName is a's name made safe to write as a file and open,
// with the extension of a's type (.pdf, .jpg or .png; none when the type
// is none of them). From the name as stored it keeps the last element of
// any path, then:
//
//   - every dot becomes "_" and every extension a photo, a PDF or a
//     program has is dropped, so that the only extension is the type's
//     ("整改报告.pdf.exe" typed PDF is 整改报告.pdf);
//   - characters Windows does not take in a name (< > : " | ? * \ /),
//     control characters and bidirectional controls become "_";
//   - spaces and "_" at either end are trimmed, and the name is cut to 80
//     characters;
//   - a name Windows reserves for a device (CON, PRN, AUX, NUL, COM1,
//     LPT1 …) gets "附件_" before it, and an empty name is 附件.
func SafeAttachmentName(a Attachment) string {
	name := strings.ReplaceAll(a.Name, `\`, "/")
	name = name[strings.LastIndex(name, "/")+1:]
	var parts []string
	for i, p := range strings.Split(name, ".") {
		ext := strings.ToLower(strings.TrimSpace(p))
		if i > 0 && (slices.Contains(programExts, ext) || ext == "pdf" || ext == "jpg" || ext == "jpeg" || ext == "png") {
			continue
		}
		parts = append(parts, p)
	}
	stem := strings.Map(func(c rune) rune {
		if c < 0x20 || c >= 0x7f && c <= 0x9f || bidi(c) || c == utf8.RuneError || strings.ContainsRune(`<>:"|?*\/`, c) {
			return '_'
		}
		return c
	}, strings.Join(parts, "_"))
	stem = strings.TrimFunc(stem, func(c rune) bool { return unicode.IsSpace(c) || c == '_' })
	if r := []rune(stem); len(r) > openNameMax {
		stem = strings.TrimRightFunc(string(r[:openNameMax]), unicode.IsSpace)
	}
	switch {
	case stem == "":
		stem = "附件"
	case slices.Contains(reservedNames, strings.ToUpper(stem)):
		stem = "附件_" + stem
	}
	return stem + typeExts[a.Type]
}

// OpenName checks content, the content of attachment a, before the window
// writes it out to open it with the PC's program, and returns the name to
// write it under (SafeAttachmentName). Read from its first bytes, content
// must be a photo (JPEG, PNG) or a PDF, and of the type a says: otherwise
// it is refused, so that what opens is shown, never run.
func OpenName(a Attachment, content []byte) (string, error) {
	got := SniffType(content)
	switch {
	case got == "":
		return "", Refusal(fmt.Sprintf("这个附件不是 PDF 或图片，不能打开：“%s”的内容不是照片（JPG、PNG）或 PDF 文件，可能已被改动，请与%s核实",
			clip(a.Name), OfficeName(a.Office)))
	case got != a.Type:
		return "", Refusal(fmt.Sprintf("这个附件的内容与记录不符，不能打开：“%s”的内容是%s，记录上写的是%s，请与%s核实",
			clip(a.Name), typeName(got), typeName(a.Type), OfficeName(a.Office)))
	}
	return SafeAttachmentName(a), nil
}
