package syncfile_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"wugeyi/app"
	"wugeyi/app/syncfile"
)

// Files a signer could make but a correct sender never writes: each is
// refused with its code, and the well-formed ones around them pass.
func TestReadChecksTheManifest(t *testing.T) {
	eachFormat(t, func(t *testing.T, mk func(app.Office) party) {
		hg, c := mk(haigang), mk(city)
		base := syncfile.Manifest{Schema: syncfile.SchemaVersion, Sender: "130302", SenderName: "海港区", Recipient: "130300",
			Created: fileTime, SeqFrom: 1, SeqTo: 2}
		signer := hg.keys
		leaders := func(cs ...app.Change) *crafted {
			cr := &crafted{}
			cr.add("records/leaders.jsonl", lines(t, cs...))
			return cr
		}
		counts := func(n int) func(*syncfile.Manifest) {
			return func(m *syncfile.Manifest) { m.Counts = map[app.Table]int{app.TableLeaders: n} }
		}
		photo := []byte("一张照片")
		sum := sha256.Sum256(photo)
		photoName := "attachments/" + hex.EncodeToString(sum[:])
		mine := change(t, app.TableLeaders, "130302", 1)
		// claims is mine whose record (not its envelope) names office.
		claims := func(office string) app.Change {
			x := mine
			other := change(t, app.TableLeaders, office, 1)
			x.Data = other.Data
			return x
		}

		tests := []struct {
			name string
			file func() []byte
			code string // "" when the file is accepted
		}{
			{"well formed", func() []byte { return leaders(mine).build(t, base, counts(1), signer, c.card) }, ""},
			{"with an attachment", func() []byte {
				cr := leaders(mine)
				cr.add(photoName, photo)
				return cr.build(t, base, counts(1), signer, c.card)
			}, ""},
			{"an attachment whose name is not its hash", func() []byte {
				cr := leaders(mine)
				cr.add("attachments/"+strings.Repeat("0", 64), photo)
				return cr.build(t, base, counts(1), signer, c.card)
			}, syncfile.ErrDamaged},
			{"an attachment changed after signing", func() []byte {
				cr := leaders(mine)
				cr.add(photoName, photo)
				return cr.build(t, base, func(m *syncfile.Manifest) {
					counts(1)(m)
					m.Parts[1].SHA256, m.Parts[1].SM3 = strings.Repeat("ab", 32), strings.Repeat("ab", 32)
				}, signer, c.card)
			}, syncfile.ErrDamaged},
			{"a listed part missing from the zip", func() []byte {
				return leaders(mine).build(t, base, func(m *syncfile.Manifest) {
					counts(1)(m)
					m.Parts = append(m.Parts, syncfile.Part{Name: photoName, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(photo))})
				}, signer, c.card)
			}, syncfile.ErrDamaged},
			{"a part listed twice", func() []byte {
				return leaders(mine).build(t, base, func(m *syncfile.Manifest) {
					counts(1)(m)
					m.Parts = append(m.Parts, m.Parts[0])
				}, signer, c.card)
			}, syncfile.ErrDamaged},
			{"a part twice in the zip", func() []byte {
				cr := leaders(mine)
				cr.add("records/leaders.jsonl", lines(t, mine))
				return cr.build(t, base, counts(1), signer, c.card)
			}, syncfile.ErrDamaged},
			{"records of a table this version does not know", func() []byte {
				cr := leaders(mine)
				cr.add("records/surveys.jsonl", []byte("{}\n"))
				return cr.build(t, base, counts(1), signer, c.card)
			}, syncfile.ErrNewerFormat},
			{"a record twice", func() []byte { return leaders(mine, mine).build(t, base, counts(2), signer, c.card) }, syncfile.ErrDamaged},
			{"a record whose data names another owner", func() []byte {
				return leaders(claims("130303")).build(t, base, counts(1), signer, c.card)
			}, syncfile.ErrForeignOwner},
			{"a record whose data names an unknown owner", func() []byte {
				return leaders(claims("999999")).build(t, base, counts(1), signer, c.card)
			}, syncfile.ErrForeignOwner},
			{"a record whose data has another version", func() []byte {
				x := mine
				x.Version = 2
				return leaders(x).build(t, base, counts(1), signer, c.card)
			}, syncfile.ErrDamaged},
			{"a tombstone whose data is not deleted", func() []byte {
				x := mine
				x.Deleted = true
				return leaders(x).build(t, base, counts(1), signer, c.card)
			}, syncfile.ErrDamaged},
			{"a record in the wrong table's part", func() []byte {
				cr := &crafted{}
				cr.add("records/visits.jsonl", lines(t, mine))
				return cr.build(t, base, func(m *syncfile.Manifest) { m.Counts = map[app.Table]int{app.TableVisits: 1} }, signer, c.card)
			}, syncfile.ErrDamaged},
			{"a record with no ID", func() []byte {
				x := mine
				x.ID = ""
				return leaders(x).build(t, base, counts(1), signer, c.card)
			}, syncfile.ErrDamaged},
			{"an empty line", func() []byte {
				cr := &crafted{}
				cr.add("records/leaders.jsonl", append(lines(t, mine), '\n'))
				return cr.build(t, base, counts(1), signer, c.card)
			}, syncfile.ErrDamaged},
			{"a newer schema", func() []byte {
				return leaders(mine).build(t, base, func(m *syncfile.Manifest) {
					counts(1)(m)
					m.Schema = syncfile.SchemaVersion + 1
				}, signer, c.card)
			}, syncfile.ErrNewerFormat},
			{"a manifest of another kind", func() []byte {
				return leaders(mine).build(t, base, func(m *syncfile.Manifest) { m.Kind = "wugeyi-card" }, signer, c.card)
			}, syncfile.ErrNotSyncFile},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				f, err := syncfile.Read(tc.file(), c.office, c.keys, cards(hg.card))
				if tc.code == "" {
					if err != nil || f == nil || len(f.Changes) != 1 {
						t.Fatalf("refused: %v", err)
					}
					return
				}
				if f != nil {
					t.Fatalf("accepted: %+v", f.Manifest)
				}
				wantCode(t, err, tc.code)
			})
		}
	})
}

// The city sends only its own records; a county's record in a file from
// the city is refused like any other office's.
func TestReadCityFile(t *testing.T) {
	hg, c := newParty(t, haigang), newParty(t, city)
	m := syncfile.Manifest{Schema: syncfile.SchemaVersion, Sender: app.CityCode, Recipient: haigang.Code, Created: fileTime, SeqFrom: 1, SeqTo: 2}
	comment := func(office string) app.Change {
		t.Helper()
		data, err := json.Marshal(app.Comment{Meta: app.Meta{ID: "c-" + office, Office: office, Version: 1, UpdatedAt: fileTime},
			ProblemID: "p1", ProblemOffice: haigang.Code, Date: app.DateOf(fileTime), Text: "请加快办理"})
		if err != nil {
			t.Fatal(err)
		}
		return app.Change{Seq: 1, Table: app.TableComments, ID: "c-" + office, Office: office, Version: 1, Data: data}
	}
	for _, tc := range []struct {
		owner string
		code  string
	}{{app.CityCode, ""}, {haigang.Code, syncfile.ErrForeignOwner}} {
		var b strings.Builder
		mm := m
		if err := syncfile.Write(&b, &mm, []app.Change{comment(tc.owner)}, c.keys, hg.card); err != nil {
			t.Fatal(err)
		}
		f, err := syncfile.Read([]byte(b.String()), hg.office, hg.keys, cards(c.card))
		if tc.code == "" {
			if err != nil || len(f.Changes) != 1 {
				t.Errorf("the city's comment: %v", err)
			}
			continue
		}
		if f != nil {
			t.Fatalf("a county's record from the city was accepted")
		}
		wantCode(t, err, tc.code)
	}
}

// Every 97th byte flipped and every 97th length cut: each refused with a
// code, never accepted.
func TestReadRefusesEvery97th(t *testing.T) {
	eachFormat(t, func(t *testing.T, mk func(app.Office) party) {
		hg, c := mk(haigang), mk(city)
		good := validFile(t, hg, c, 120)
		codes := map[string]bool{syncfile.ErrDamaged: true, syncfile.ErrNotSyncFile: true, syncfile.ErrNotForMe: true}
		check := func(what string, b []byte) {
			t.Helper()
			f, err := syncfile.Read(b, c.office, c.keys, cards(hg.card))
			var e *syncfile.Error
			if f != nil || !errors.As(err, &e) || !codes[e.Code] || !hasHan(e.Msg) {
				t.Fatalf("%s: file %v, error %v", what, f != nil, err)
			}
		}
		for pos := 0; pos < len(good); pos += 97 {
			b := []byte(string(good))
			b[pos] ^= 0x20
			check("byte "+strconv.Itoa(pos)+" flipped", b)
			check("cut to "+strconv.Itoa(pos), good[:pos])
		}
		check("cut by one byte", good[:len(good)-1])
		check("a byte added", append([]byte(string(good)), 0))
	})
}

// A zip whose end record understates its entries, or one in zip64 with
// more entries than a zip can count in 16 bits: refused before each
// header is read into memory.
func TestReadRefusesManyEntries(t *testing.T) {
	eachFormat(t, func(t *testing.T, mk func(app.Office) party) {
		hg, c := mk(haigang), mk(city)
		many := func(n int) []byte {
			t.Helper()
			var b bytes.Buffer
			zw := zip.NewWriter(&b)
			for i := range n {
				if _, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("attachments/%064x", i), Method: zip.Store}); err != nil {
					t.Fatal(err)
				}
			}
			if err := zw.Close(); err != nil {
				t.Fatal(err)
			}
			return b.Bytes()
		}
		understated := many(70)
		end := bytes.LastIndex(understated, []byte("PK\x05\x06"))
		binary.LittleEndian.PutUint16(understated[end+8:], 3)
		binary.LittleEndian.PutUint16(understated[end+10:], 3)
		for _, tc := range []struct {
			name  string
			plain []byte
			code  string
		}{
			{"an end record that says 3 of 70", understated, syncfile.ErrTooBig},
			{"zip64 with 70,000 entries", many(70_000), syncfile.ErrDamaged},
		} {
			f, err := syncfile.ReadWithLimits(encrypt(t, tc.plain, c.card), c.office, c.keys, cards(hg.card),
				syncfile.Limits{File: 512 << 20, Part: 256 << 20, Entries: 64})
			if f != nil {
				t.Fatalf("%s: accepted", tc.name)
			}
			wantCode(t, err, tc.code)
		}
	})
}

// The lines of a part decode the same in any number of chunks, and a bad
// line is named by its number whichever chunk it falls in.
func TestParseLinesChunks(t *testing.T) {
	const n = 100
	var good bytes.Buffer
	want := make([]string, n)
	for i := range n {
		id := fmt.Sprintf("l-%03d", i)
		want[i] = id
		data, err := json.Marshal(app.Leader{Meta: app.Meta{ID: id, Office: haigang.Code, Version: 2}, Name: "领导" + strconv.Itoa(i)})
		if err != nil {
			t.Fatal(err)
		}
		line, err := json.Marshal(app.Change{Seq: int64(i + 1), Table: app.TableLeaders, ID: id, Office: haigang.Code, Version: 2, Data: data})
		if err != nil {
			t.Fatal(err)
		}
		good.Write(append(line, '\n'))
	}
	lines := bytes.SplitAfter(good.Bytes(), []byte("\n"))
	bad := bytes.Join([][]byte{bytes.Join(lines[:76], nil), []byte("{\"seq\":77}\n"), bytes.Join(lines[77:], nil)}, nil)
	other := bytes.Replace(good.Bytes(), []byte(`"l-090","office":"130302"`), []byte(`"l-090","office":"130303"`), 1)
	for workers := 1; workers <= 9; workers++ {
		cs, err := syncfile.ParseLines(good.Bytes(), app.TableLeaders, haigang.Code, workers)
		if err != nil || len(cs) != n {
			t.Fatalf("%d chunks: %d changes, %v", workers, len(cs), err)
		}
		for i, c := range cs {
			if c.ID != want[i] || c.Seq != int64(i+1) {
				t.Fatalf("%d chunks: change %d is %s seq %d", workers, i, c.ID, c.Seq)
			}
		}
		cs, err = syncfile.ParseLines(bad, app.TableLeaders, haigang.Code, workers)
		wantCode(t, err, syncfile.ErrDamaged)
		if cs != nil || !strings.Contains(fmt.Sprint(err), "第 77 条") {
			t.Errorf("%d chunks, bad line 77: %d changes, %v", workers, len(cs), err)
		}
		cs, err = syncfile.ParseLines(other, app.TableLeaders, haigang.Code, workers)
		wantCode(t, err, syncfile.ErrForeignOwner)
		if cs != nil || !strings.Contains(fmt.Sprint(err), "第 91 条") {
			t.Errorf("%d chunks, line 91 of another office: %d changes, %v", workers, len(cs), err)
		}
	}
}
