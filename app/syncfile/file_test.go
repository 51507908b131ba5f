package syncfile_test

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"wugeyi/app"
	"wugeyi/app/syncfile"
)

var (
	city     = app.Office{Code: "130300", Name: "秦皇岛市工业和信息化局", Role: app.RoleCity}
	haigang  = app.Office{Code: "130302", Name: "海港区", Role: app.RoleCounty}
	shanhai  = app.Office{Code: "130303", Name: "山海关区", Role: app.RoleCounty}
	fileTime = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
)

// party is an office with its keys and card.
type party struct {
	office app.Office
	keys   app.OfficeKeys
	card   app.Card
}

func newParty(t testing.TB, o app.Office) party {
	t.Helper()
	k, c, err := syncfile.NewKeys(o, fileTime)
	if err != nil {
		t.Fatal(err)
	}
	return party{o, k, c}
}

// cards answers the card lookup of Read from the given trusted cards.
func cards(trusted ...app.Card) func(string) (app.Card, error) {
	return func(office string) (app.Card, error) {
		for _, c := range trusted {
			if c.Office == office {
				return c, nil
			}
		}
		return app.Card{}, app.ErrNotFound
	}
}

// change is a record of office as it travels.
func change(t testing.TB, tbl app.Table, office string, n int) app.Change {
	t.Helper()
	id := fmt.Sprintf("00000000-0000-4000-8000-%012d", n)
	data, err := json.Marshal(app.Leader{Meta: app.Meta{ID: id, Office: office, Version: 1, UpdatedAt: fileTime, UpdatedBy: "张三"},
		Name: fmt.Sprintf("领导%d", n), Post: "副区长", Level: app.LevelCounty, Body: "政府"})
	if err != nil {
		t.Fatal(err)
	}
	return app.Change{Seq: int64(n), Table: tbl, ID: id, Office: office, Version: 1, Data: data}
}

// validFile is a file from 海港区 to the city with n leaders.
func validFile(t testing.TB, from, to party, n int) []byte {
	t.Helper()
	var cs []app.Change
	for i := 1; i <= n; i++ {
		cs = append(cs, change(t, app.TableLeaders, from.office.Code, i))
	}
	m := syncfile.Manifest{Schema: syncfile.SchemaVersion, Sender: from.office.Code, SenderName: from.office.Name,
		Recipient: to.office.Code, Created: fileTime, SeqFrom: 1, SeqTo: int64(n)}
	var b bytes.Buffer
	if err := syncfile.Write(&b, &m, cs, from.keys, to.card); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRoundTrip(t *testing.T) {
	hg, c := newParty(t, haigang), newParty(t, city)
	b := validFile(t, hg, c, 25)
	f, err := syncfile.Read(b, c.office, c.keys, cards(hg.card))
	if err != nil {
		t.Fatal(err)
	}
	m := f.Manifest
	if m.Sender != "130302" || m.Recipient != "130300" || m.Counts[app.TableLeaders] != 25 || len(f.Changes) != 25 || m.Format != syncfile.Format {
		t.Errorf("manifest %+v, %d changes", m, len(f.Changes))
	}
	sum := sha256.Sum256(b)
	if f.Hash != hex.EncodeToString(sum[:]) {
		t.Errorf("hash %s", f.Hash)
	}
	for i, ch := range f.Changes {
		if want := change(t, app.TableLeaders, "130302", i+1); ch.ID != want.ID || ch.Seq != want.Seq || !bytes.Equal(ch.Data, want.Data) {
			t.Fatalf("change %d = %+v, want %+v", i, ch, want)
		}
	}
	name := syncfile.FileName(m)
	for _, want := range []string{"130302海港区", "130300", "序号000001-000025", ".wgy"} {
		if !strings.Contains(name, want) {
			t.Errorf("file name %q lacks %q", name, want)
		}
	}
	if strings.ContainsAny(name, `\/:*?"<>|`) {
		t.Errorf("file name %q has characters Windows refuses", name)
	}
}

func TestCards(t *testing.T) {
	hg := newParty(t, haigang)
	b := syncfile.MarshalCard(hg.card)
	c, err := syncfile.ParseCard(b)
	if err != nil {
		t.Fatal(err)
	}
	if c.Fingerprint() != hg.card.Fingerprint() || c.Office != "130302" || c.Role != app.RoleCounty {
		t.Errorf("parsed %+v, want %+v", c, hg.card)
	}
	again, err := syncfile.CardOf(haigang, hg.keys)
	if err != nil || again.Fingerprint() != hg.card.Fingerprint() {
		t.Errorf("CardOf gives another card: %v", err)
	}
	if fp := c.Fingerprint(); len(fp) != 39 || strings.Count(fp, " ") != 7 {
		t.Errorf("fingerprint %q is not eight groups of four", fp)
	}
	if other := newParty(t, haigang); other.card.Fingerprint() == hg.card.Fingerprint() {
		t.Error("two key sets have one fingerprint")
	}
	bad := map[string][]byte{
		"empty":          nil,
		"not json":       []byte("公钥卡"),
		"a sync file":    validFile(t, hg, newParty(t, city), 1),
		"other kind":     bytes.Replace(b, []byte("wugeyi-card"), []byte("wugeyi-sync"), 1),
		"newer":          bytes.Replace(b, []byte(`"format": 1`), []byte(`"format": 9`), 1),
		"unknown office": bytes.Replace(b, []byte(`"office": "130302"`), []byte(`"office": "999999"`), 1),
		"short key":      []byte(`{"kind":"wugeyi-card","format":1,"office":"130302","sign_key":"AAAA","age_recipient":"age1x"}`),
	}
	for name, in := range bad {
		if _, err := syncfile.ParseCard(in); err == nil || !hasHan(err.Error()) {
			t.Errorf("%s: ParseCard gave %v, want a Chinese refusal", name, err)
		}
	}
}

// hasHan reports whether s has Chinese characters: the user's message.
func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// wantCode checks that err is a refusal with code and a Chinese message.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var e *syncfile.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T), want code %s", err, err, code)
	}
	if e.Code != code || !hasHan(e.Msg) {
		t.Errorf("code %s message %q, want code %s with a Chinese message", e.Code, e.Msg, code)
	}
}

// crafted builds a file by hand: parts as given, the manifest listing them
// (mutated by edit), signed by signer, encrypted to to. It lets a test make
// files a correct sender never writes but a signer could.
type crafted struct {
	parts map[string][]byte
	order []string
	extra []string // parts left out of the manifest
}

func (c *crafted) add(name string, b []byte) {
	if c.parts == nil {
		c.parts = map[string][]byte{}
	}
	c.parts[name] = b
	c.order = append(c.order, name)
}

// build makes the file, in the format signer (the sender's keys) writes
// to the office of card to (syncfile.FormatFor).
func (c *crafted) build(t *testing.T, m syncfile.Manifest, edit func(*syncfile.Manifest), signer app.OfficeKeys, to app.Card) []byte {
	t.Helper()
	format := syncfile.FormatFor(signer, to)
	m.Kind, m.Format = "wugeyi-sync", format
	for _, name := range c.order {
		if contains(c.extra, name) {
			continue
		}
		p := syncfile.Part{Name: name, Size: int64(len(c.parts[name]))}
		if format == syncfile.FormatSM {
			p.SM3 = syncfile.SM3Hex(c.parts[name])
		} else {
			sum := sha256.Sum256(c.parts[name])
			p.SHA256 = hex.EncodeToString(sum[:])
		}
		m.Parts = append(m.Parts, p)
	}
	if edit != nil {
		edit(&m)
	}
	mb, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var z bytes.Buffer
	zw := zip.NewWriter(&z)
	put := func(name string, b []byte) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range c.order {
		put(name, c.parts[name])
	}
	put("manifest.json", mb)
	put("manifest.sig", sign(t, signer, format, mb))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return encrypt(t, z.Bytes(), to)
}

// sign is the signature of manifest mb by the office of keys in a file of
// format f.
func sign(t *testing.T, keys app.OfficeKeys, f int, mb []byte) []byte {
	t.Helper()
	if f == syncfile.FormatAge {
		return ed25519.Sign(ed25519.PrivateKey(keys.SignPrivate), mb)
	}
	sig, err := syncfile.SignSM2(keys.SM2Sign, mb)
	if err != nil {
		t.Fatal(err)
	}
	return sig
}

// oldParty is p as a build before format 2 has it: no SM2 keys, a card
// without them. Files between two such parties are of format 1.
func oldParty(p party) party {
	p.keys.SM2Sign, p.keys.SM2Decrypt = nil, nil
	p.card.SM2SignKey, p.card.SM2EncryptKey = nil, nil
	return p
}

// eachFormat runs test with parties made by mk: of format 2 as NewKeys
// makes them, then of format 1 (oldParty).
func eachFormat(t *testing.T, test func(t *testing.T, mk func(app.Office) party)) {
	t.Run("format 2", func(t *testing.T) { test(t, func(o app.Office) party { return newParty(t, o) }) })
	t.Run("format 1", func(t *testing.T) { test(t, func(o app.Office) party { return oldParty(newParty(t, o)) }) })
}

// decryptFor is the zip inside file, a file of either format sent to the
// office of keys.
func decryptFor(t testing.TB, file []byte, keys app.OfficeKeys) []byte {
	t.Helper()
	if bytes.HasPrefix(file, []byte(syncfile.GMMagic)) {
		b, err := syncfile.OpenSM(keys.SM2Decrypt, file)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	id, err := age.ParseX25519Identity(keys.AgeIdentity)
	if err != nil {
		t.Fatal(err)
	}
	r, err := age.Decrypt(bytes.NewReader(file), id)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// encrypt encrypts plain to the office of card to as a file of the format
// it is sent: SM4 under a key encrypted to its SM2 key when the card has
// one, age otherwise.
func encrypt(t testing.TB, plain []byte, to app.Card) []byte {
	t.Helper()
	if to.SM2() {
		b, err := syncfile.SealSM(to.SM2EncryptKey, plain)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	r, err := age.ParseX25519Recipient(to.AgeRecipient)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w, err := age.Encrypt(&out, r)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(plain); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// lines is the JSON lines of changes.
func lines(t *testing.T, cs ...app.Change) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, c := range cs {
		if err := json.NewEncoder(&b).Encode(c); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

func TestReadRefuses(t *testing.T) {
	eachFormat(t, func(t *testing.T, mk func(app.Office) party) {
		hg, shg, c := mk(haigang), mk(shanhai), mk(city)
		good := validFile(t, hg, c, 3)
		base := syncfile.Manifest{Schema: syncfile.SchemaVersion, Sender: "130302", SenderName: "海港区", Recipient: "130300",
			Created: fileTime, SeqFrom: 1, SeqTo: 1}
		one := func(tbl app.Table, office string) *crafted {
			cr := &crafted{}
			cr.add("records/"+string(tbl)+".jsonl", lines(t, change(t, tbl, office, 1)))
			return cr
		}
		counts := func(m *syncfile.Manifest) { m.Counts = map[app.Table]int{app.TableLeaders: 1} }
		signer := hg.keys

		var plainZip bytes.Buffer
		zw := zip.NewWriter(&plainZip)
		w, _ := zw.Create("hello.txt")
		w.Write([]byte("你好"))
		zw.Close()

		tests := []struct {
			name  string
			file  []byte
			lim   *syncfile.Limits
			trust []app.Card
			me    party
			code  string
		}{
			{"empty", nil, nil, nil, c, syncfile.ErrNotSyncFile},
			{"random bytes", randomBytes(5000), nil, nil, c, syncfile.ErrNotSyncFile},
			{"a plain zip", plainZip.Bytes(), nil, nil, c, syncfile.ErrNotSyncFile},
			{"a card", syncfile.MarshalCard(hg.card), nil, nil, c, syncfile.ErrNotSyncFile},
			{"age with garbage inside", encrypt(t, randomBytes(3000), c.card), nil, nil, c, syncfile.ErrDamaged},
			{"age with a plain zip inside", encrypt(t, plainZip.Bytes(), c.card), nil, nil, c, syncfile.ErrDamaged},
			{"untrusted sender", good, nil, []app.Card{shg.card}, c, syncfile.ErrUntrusted},
			{"signed with another key than the registered", good, nil, []app.Card{mk(haigang).card}, c, syncfile.ErrBadSignature},
			{"encrypted to another office", validFile(t, hg, shg, 2), nil, nil, c, syncfile.ErrNotForMe},
			{"for another recipient", one(app.TableLeaders, "130302").build(t, base, func(m *syncfile.Manifest) {
				counts(m)
				m.Recipient = "130303"
			}, signer, c.card), nil, nil, c, syncfile.ErrWrongRecipient},
			{"newer format", one(app.TableLeaders, "130302").build(t, base, func(m *syncfile.Manifest) {
				counts(m)
				m.Format = syncfile.Format + 1
			}, signer, c.card), nil, nil, c, syncfile.ErrNewerFormat},
			{"a record of another owner", one(app.TableLeaders, "130303").build(t, base, counts, signer, c.card), nil, nil, c, syncfile.ErrForeignOwner},
			{"a record of the recipient", one(app.TableLeaders, "130300").build(t, base, counts, signer, c.card), nil, nil, c, syncfile.ErrForeignOwner},
			{"a path outside the archive", func() []byte {
				cr := one(app.TableLeaders, "130302")
				cr.add("../evil.txt", []byte("x"))
				return cr.build(t, base, counts, signer, c.card)
			}(), nil, nil, c, syncfile.ErrDamaged},
			{"an absolute path", func() []byte {
				cr := one(app.TableLeaders, "130302")
				cr.add("/etc/passwd", []byte("x"))
				return cr.build(t, base, counts, signer, c.card)
			}(), nil, nil, c, syncfile.ErrDamaged},
			{"a windows path", func() []byte {
				cr := one(app.TableLeaders, "130302")
				cr.add(`records\..\..\x.jsonl`, []byte("x"))
				return cr.build(t, base, counts, signer, c.card)
			}(), nil, nil, c, syncfile.ErrDamaged},
			{"a part not in the manifest", func() []byte {
				cr := one(app.TableLeaders, "130302")
				cr.add("records/visits.jsonl", lines(t, change(t, app.TableVisits, "130302", 2)))
				cr.extra = []string{"records/visits.jsonl"}
				return cr.build(t, base, counts, signer, c.card)
			}(), nil, nil, c, syncfile.ErrDamaged},
			{"counts that do not match", one(app.TableLeaders, "130302").build(t, base, func(m *syncfile.Manifest) {
				m.Counts = map[app.Table]int{app.TableLeaders: 2}
			}, signer, c.card), nil, nil, c, syncfile.ErrDamaged},
			{"an unknown table", func() []byte {
				cr := one(app.TableLeaders, "130302")
				return cr.build(t, base, func(m *syncfile.Manifest) {
					m.Counts = map[app.Table]int{app.TableLeaders: 1, "notices_v9": 1}
				}, signer, c.card)
			}(), nil, nil, c, syncfile.ErrNewerFormat},
			{"a record that is not JSON", func() []byte {
				cr := &crafted{}
				cr.add("records/leaders.jsonl", []byte("{not json}\n"))
				return cr.build(t, base, counts, signer, c.card)
			}(), nil, nil, c, syncfile.ErrDamaged},
			{"a huge entry", func() []byte {
				cr := &crafted{}
				cr.add("records/leaders.jsonl", bytes.Repeat([]byte(" "), 2<<20)) // compresses to a few KB
				return cr.build(t, base, counts, signer, c.card)
			}(), &syncfile.Limits{File: 1 << 30, Part: 1 << 20, Entries: 64}, nil, c, syncfile.ErrTooBig},
			{"too many entries", func() []byte {
				cr := one(app.TableLeaders, "130302")
				for i := 0; i < 70; i++ {
					cr.add(fmt.Sprintf("attachments/%064x", i), []byte("x"))
				}
				return cr.build(t, base, counts, signer, c.card)
			}(), &syncfile.Limits{File: 512 << 20, Part: 256 << 20, Entries: 64}, nil, c, syncfile.ErrTooBig},
			{"a file above the size limit", good, &syncfile.Limits{File: int64(len(good) - 1), Part: 1 << 20, Entries: 64}, nil, c, syncfile.ErrTooBig},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				trust := tc.trust
				if trust == nil {
					trust = []app.Card{hg.card}
				}
				lim := syncfile.DefaultLimits
				if tc.lim != nil {
					lim = *tc.lim
				}
				f, err := syncfile.ReadWithLimits(tc.file, tc.me.office, tc.me.keys, cards(trust...), lim)
				if f != nil {
					t.Fatalf("accepted: %+v", f.Manifest)
				}
				wantCode(t, err, tc.code)
			})
		}
	})
}

// Every single flipped bit anywhere in a file, and every truncation, is
// refused: age authenticates every byte.
func TestReadRefusesDamage(t *testing.T) {
	eachFormat(t, func(t *testing.T, mk func(app.Office) party) {
		hg, c := mk(haigang), mk(city)
		good := validFile(t, hg, c, 40)
		read := func(b []byte) (*syncfile.File, error) {
			return syncfile.Read(b, c.office, c.keys, cards(hg.card))
		}
		if _, err := read(good); err != nil {
			t.Fatal(err)
		}
		r := rand.New(rand.NewSource(1))
		for pos := 0; pos < len(good); pos += 1 + r.Intn(40) {
			b := bytes.Clone(good)
			b[pos] ^= 1 << r.Intn(8)
			f, err := read(b)
			if f != nil || err == nil {
				t.Fatalf("a file with byte %d of %d flipped was accepted", pos, len(good))
			}
			var e *syncfile.Error
			if !errors.As(err, &e) || !hasHan(e.Msg) {
				t.Fatalf("byte %d flipped: %v", pos, err)
			}
		}
		for n := 0; n < len(good); n += 1 + r.Intn(60) {
			if f, err := read(good[:n]); f != nil || err == nil {
				t.Fatalf("a file cut to %d of %d bytes was accepted", n, len(good))
			}
		}
	})
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.New(rand.NewSource(int64(n))).Read(b)
	return b
}

// FuzzRead feeds Read anything: it must refuse or accept, never panic.
// The seeds in testdata/fuzz/FuzzRead are a valid file, a damaged one, a
// cut one and a card.
func FuzzRead(f *testing.F) {
	hg, c := fuzzParty(haigang, 1), fuzzParty(city, 2)
	good := validFile(f, hg, c, 3)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add(syncfile.MarshalCard(hg.card))
	f.Fuzz(func(t *testing.T, b []byte) { readSound(t, b, c, hg) })
}

// fuzzParty is an office with keys fixed by seed, so that the committed
// corpus stays a valid file from one run to the next.
func fuzzParty(o app.Office, seed byte) party {
	priv := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, ed25519.SeedSize))
	id := fixedIdentity(seed)
	k := app.OfficeKeys{SignPrivate: priv, AgeIdentity: id, Created: fileTime}
	c, err := syncfile.CardOf(o, k)
	if err != nil {
		panic(err)
	}
	return party{o, k, c}
}

// fixedIdentity is one of two age identities made once for the fuzz
// corpus (a secret of no office).
func fixedIdentity(seed byte) string {
	if seed == 1 {
		return "AGE-SECRET-KEY-1FSJ4MV34CUN83F2WSXT5JUR8S6VE5E9PUMNY766RX4RYQR8452LQWY4FA4"
	}
	return "AGE-SECRET-KEY-18A3Y8VR0X930VJLJ3075QQ8XYPZQHNAH09MDN6X56LL522CGU8AQXVJD52"
}
