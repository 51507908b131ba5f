package syncfile_test

import (
	"bytes"
	"testing"

	"wugeyi/app"
	"wugeyi/app/syncfile"
)

// BenchmarkFormats writes and reads the same file (20,000 records, about
// 10 MB of JSON, and 8 MB of photos) in format 1 and format 2: the cost
// of the cryptography, the only part of an export or an import that
// differs between them.
func BenchmarkFormats(b *testing.B) {
	hg, c := newParty(b, haigang), newParty(b, city)
	var cs []app.Change
	for i := 1; i <= 20000; i++ {
		cs = append(cs, change(b, app.TableLeaders, haigang.Code, i))
	}
	photo := randomBytes(8 << 20)
	content := map[string][]byte{app.ContentHash(photo): photo}
	for _, f := range []struct {
		name     string
		from, to party
	}{{"format1", oldParty(hg), oldParty(c)}, {"format2", hg, c}} {
		m := syncfile.Manifest{Schema: syncfile.SchemaVersion, Sender: haigang.Code, SenderName: haigang.Name,
			Recipient: city.Code, Created: fileTime, SeqFrom: 1, SeqTo: int64(len(cs))}
		var file bytes.Buffer
		b.Run(f.name+"/write", func(b *testing.B) {
			for b.Loop() {
				file.Reset()
				if err := syncfile.WriteWith(&file, &m, cs, content, f.from.keys, f.to.card); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(file.Len())/(1<<20), "MB")
		})
		b.Run(f.name+"/read", func(b *testing.B) {
			for b.Loop() {
				r, err := syncfile.Read(file.Bytes(), f.to.office, f.to.keys, cards(f.from.card))
				if err != nil || r.Manifest.Format != syncfile.FormatFor(f.from.keys, f.to.card) || len(r.Changes) != len(cs) {
					b.Fatalf("read: %v", err)
				}
			}
		})
	}
}
