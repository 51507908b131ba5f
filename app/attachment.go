package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	_ "image/png" // decodes PNG photos to shrink them and draw thumbnails
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/image/draw"
)

// TableAttachments holds the attachments (附件) of records: photos of
// visits and on-site meetings, scans of signed minutes and of the banks'
// letters. The content itself is stored once per SHA-256, apart from the
// records that point at it.
const TableAttachments Table = "attachments"

// AttachableTables are the kinds of record that take attachments.
var AttachableTables = []Table{TableVisits, TableProblems, TableMeetings, TableFinancing, TableLoans}

// The types of file an attachment can be.
const (
	TypeJPEG = "image/jpeg"
	TypePNG  = "image/png"
	TypePDF  = "application/pdf"
)

// Attachment is a file attached to a record. It travels in sync files like
// the record it belongs to; its content travels beside it, once.
type Attachment struct {
	Meta
	RecordTable Table  `json:"record_table"` // the kind of record it belongs to
	RecordID    string `json:"record_id"`
	Name        string `json:"name"` // the file's name as it was added
	Type        string `json:"type"` // TypeJPEG, TypePNG or TypePDF
	Size        int64  `json:"size"` // bytes
	SHA256      string `json:"sha256"`
}

// IsImage reports whether the attachment is a photo (JPEG or PNG).
func (a Attachment) IsImage() bool { return a.Type == TypeJPEG || a.Type == TypePNG }

// AttachmentFilter selects the live attachments of one record.
type AttachmentFilter struct {
	RecordTable Table
	RecordID    string
}

// ContentHash is the SHA-256 of b in hex, the key content is stored under.
func ContentHash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// SniffType is the type of an attachment's content, read from its first
// bytes (not its name), or "" when it is none of JPEG, PNG and PDF.
func SniffType(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return TypeJPEG
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return TypePNG
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return TypePDF
	}
	return ""
}

// DefaultAttachMaxMB is the largest attachment when the settings name none.
const DefaultAttachMaxMB = 20

// DefaultShrinkAboveMB is the size above which a photo is offered to be
// shrunk when the settings name none.
const DefaultShrinkAboveMB = 2

// AttachLimit is the largest file that can be attached, in bytes.
func (s Settings) AttachLimit() int64 {
	if s.AttachMaxMB <= 0 {
		return DefaultAttachMaxMB << 20
	}
	return int64(s.AttachMaxMB) << 20
}

// ShrinkAbove is the size in bytes above which adding a photo offers to
// shrink it.
func (s Settings) ShrinkAbove() int64 {
	if s.ShrinkAboveMB <= 0 {
		return DefaultShrinkAboveMB << 20
	}
	return int64(s.ShrinkAboveMB) << 20
}

// sizeText says n bytes as staff read it: 3.4 MB, 120 KB.
func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", max(n>>10, 1))
}

// SizeText says an attachment's size as staff read it.
func (a Attachment) SizeText() string { return sizeText(a.Size) }

// Attach attaches the file name with content to the live record id of
// table t, storing the content once however many records it is attached to.
// The same content attached to the same record again adds nothing: it
// returns the attachment already there with added false. A file that is not
// JPEG, PNG or PDF, or is above the settings' size cap, is refused with a
// message saying what to do.
func (s *Service) Attach(ctx context.Context, t Table, id, name string, content []byte) (a Attachment, added bool, err error) {
	if !slices.Contains(AttachableTables, t) {
		return a, false, fmt.Errorf("attach to %s: records of this kind take no attachments", t)
	}
	name = strings.TrimSpace(filepath.Base(strings.ReplaceAll(name, "\\", "/")))
	if name == "" || name == "." || name == "/" {
		name = "附件"
	}
	typ := SniffType(content)
	if typ == "" {
		return a, false, FieldError{"Attachments", fmt.Sprintf("“%s”不是照片（JPG、PNG）或 PDF 文件，不能作为附件：请先转换为 JPG 或 PDF 再添加", name)}
	}
	st, err := s.Store.Settings(ctx)
	if err != nil {
		return a, false, err
	}
	if lim := st.AttachLimit(); int64(len(content)) > lim {
		return a, false, FieldError{"Attachments", fmt.Sprintf("“%s”有 %s，超过每个附件 %s 的上限，未添加：照片可选择“缩小后添加”，PDF 请降低扫描分辨率后再添加（上限可在“设置”中修改）",
			name, sizeText(int64(len(content))), sizeText(lim))}
	}
	hash := ContentHash(content)
	err = s.update(ctx, func(tx Tx) error {
		list, err := tx.Attachments(ctx, AttachmentFilter{RecordTable: t, RecordID: id})
		if err != nil {
			return err
		}
		for _, x := range list {
			if x.SHA256 == hash {
				a = x
				return nil
			}
		}
		if err := tx.PutContent(hash, content); err != nil {
			return err
		}
		x := Attachment{RecordTable: t, RecordID: id, Name: name, Type: typ, Size: int64(len(content)), SHA256: hash}
		if err := tx.SaveAttachment(&x); err != nil {
			return err
		}
		a, added = x, true
		return nil
	})
	if err != nil {
		return Attachment{}, false, err
	}
	return a, added, nil
}

// AttachmentContent is the content of a, checked against its hash: what
// opens is byte for byte what was attached.
func (s *Service) AttachmentContent(ctx context.Context, a Attachment) ([]byte, error) {
	b, err := s.Store.Content(ctx, a.SHA256)
	if errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("附件“%s”的文件内容不在本数据库中：请让%s重新导出同步文件（全部导出）", a.Name, OfficeName(a.Office))
	}
	if err != nil {
		return nil, err
	}
	if ContentHash(b) != a.SHA256 {
		return nil, fmt.Errorf("附件“%s”的文件内容已损坏（校验不符）：请从备份恢复数据库", a.Name)
	}
	return b, nil
}

// ShrinkImage scales a JPEG or PNG photo down so that its longer side is
// at most maxSide pixels and writes it as a JPEG of good quality; a photo
// already small enough is only re-encoded. It is done when the user asks
// for it, never on its own.
func ShrinkImage(content []byte, maxSide int) ([]byte, error) {
	img, _, err := image.Decode(bytes.NewReader(content))
	if err != nil {
		return nil, errors.New("照片无法读取，不能缩小：可以按原样添加，或用看图软件另存后再添加")
	}
	dst := Scale(img, maxSide)
	var out bytes.Buffer
	if err := jpeg.Encode(&out, dst, &jpeg.Options{Quality: 85}); err != nil {
		return nil, fmt.Errorf("shrink photo: %w", err)
	}
	return out.Bytes(), nil
}

// Scale is img scaled down so that its longer side is at most maxSide
// pixels (img itself, copied to RGBA, when it is small enough).
func Scale(img image.Image, maxSide int) *image.RGBA {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if long := max(w, h); long > maxSide && maxSide > 0 {
		w, h = max(1, w*maxSide/long), max(1, h*maxSide/long)
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	return dst
}

// ShrinkName is the name of a shrunk photo: the same name as a .jpg.
func ShrinkName(name string) string {
	return strings.TrimSuffix(name, filepath.Ext(name)) + ".jpg"
}

// Thumbnail is a photo's picture scaled down so that its longer side is at
// most side pixels, for showing beside its record.
func Thumbnail(content []byte, side int) (image.Image, error) {
	img, _, err := image.Decode(bytes.NewReader(content))
	if err != nil {
		return nil, fmt.Errorf("照片无法显示：%w", err)
	}
	return Scale(img, side), nil
}
