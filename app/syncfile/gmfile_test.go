package syncfile_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"encoding/pem"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/emmansun/gmsm/smx509"

	"wugeyi/app"
	"wugeyi/app/syncfile"
	"wugeyi/data/datatest"
)

// zipParts are the parts of the zip inside file, sent to keys' office.
func zipParts(t *testing.T, file []byte, keys app.OfficeKeys) map[string][]byte {
	t.Helper()
	plain := decryptFor(t, file, keys)
	zr, err := zip.NewReader(bytes.NewReader(plain), int64(len(plain)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		parts[zf.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return parts
}

// TestFormatChoice: an office is sent format 2 when both cards have SM2
// keys, format 1 when the recipient's registered card has none (even if
// the recipient has SM2 keys by now), and each reads.
func TestFormatChoice(t *testing.T) {
	hg, c := newParty(t, haigang), newParty(t, city)
	oldC := oldParty(c)
	for _, tc := range []struct {
		name   string
		from   party
		to     app.Card // the recipient's card as the sender registered it
		reader party
		format int
		magic  string
	}{
		{"both upgraded", hg, c.card, c, syncfile.FormatSM, syncfile.GMMagic},
		{"the recipient's card from before", hg, oldC.card, c, syncfile.FormatAge, "age-encryption.org/v1\n"},
		{"a recipient from before", hg, oldC.card, oldC, syncfile.FormatAge, "age-encryption.org/v1\n"},
		{"a sender from before", oldParty(hg), c.card, c, syncfile.FormatAge, "age-encryption.org/v1\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			to := tc.reader
			to.card = tc.to
			b := validFile(t, tc.from, to, 5)
			if !bytes.HasPrefix(b, []byte(tc.magic)) {
				t.Errorf("file starts %q, want %q", b[:min(len(b), 24)], tc.magic)
			}
			f, err := syncfile.Read(b, tc.reader.office, tc.reader.keys, cards(tc.from.card))
			if err != nil {
				t.Fatal(err)
			}
			if f.Manifest.Format != tc.format || len(f.Changes) != 5 {
				t.Errorf("format %d with %d records, want %d with 5", f.Manifest.Format, len(f.Changes), tc.format)
			}
			for _, p := range f.Manifest.Parts {
				if (p.SM3 != "") != (tc.format == syncfile.FormatSM) || (p.SHA256 != "") != (tc.format == syncfile.FormatAge) {
					t.Errorf("part %+v in format %d", p, tc.format)
				}
			}
		})
	}
}

// TestReadRefusesMixedFormats: a format 2 file whose sender's registered
// card is from before format 2 cannot be checked (the user is told to
// register the new card), and a manifest of one format in the encryption
// of the other is refused.
func TestReadRefusesMixedFormats(t *testing.T) {
	hg, c := newParty(t, haigang), newParty(t, city)
	f, err := syncfile.Read(validFile(t, hg, c, 2), c.office, c.keys, cards(oldParty(hg).card))
	if f != nil {
		t.Fatal("accepted")
	}
	wantCode(t, err, syncfile.ErrUntrusted)
	if !strings.Contains(err.Error(), "新的公钥卡") {
		t.Errorf("message %q does not say to register the new card", err)
	}

	base := syncfile.Manifest{Schema: syncfile.SchemaVersion, Sender: "130302", SenderName: "海港区", Recipient: "130300",
		Created: fileTime, SeqFrom: 1, SeqTo: 1}
	one := func() *crafted {
		cr := &crafted{}
		cr.add("records/leaders.jsonl", lines(t, change(t, app.TableLeaders, "130302", 1)))
		return cr
	}
	counts := func(m *syncfile.Manifest) { m.Counts = map[app.Table]int{app.TableLeaders: 1} }
	// Signed and hashed as format 1, sealed as format 2.
	b := one().build(t, base, counts, oldParty(hg).keys, c.card)
	if !bytes.HasPrefix(b, []byte(syncfile.GMMagic)) {
		t.Fatal("not sealed as format 2")
	}
	f, err = syncfile.Read(b, c.office, c.keys, cards(hg.card))
	if f != nil {
		t.Fatal("a format 1 manifest in format 2's encryption accepted")
	}
	wantCode(t, err, syncfile.ErrDamaged)
	// Saying format 2 inside age.
	b = one().build(t, base, func(m *syncfile.Manifest) { counts(m); m.Format = syncfile.FormatSM }, hg.keys, oldParty(c).card)
	f, err = syncfile.Read(b, c.office, c.keys, cards(hg.card))
	if f != nil {
		t.Fatal("a format 2 manifest in age accepted")
	}
	wantCode(t, err, syncfile.ErrDamaged)
	// A format 2 file for an office without SM2 keys.
	f, err = syncfile.Read(validFile(t, hg, c, 1), c.office, oldParty(c).keys, cards(hg.card))
	if f != nil {
		t.Fatal("opened without SM2 keys")
	}
	wantCode(t, err, syncfile.ErrNotForMe)
}

// TestManifestOpenSSL: OpenSSL 3 verifies the SM2 signature of the
// manifest of a file the program wrote, and computes the SM3 the manifest
// lists for each part.
func TestManifestOpenSSL(t *testing.T) {
	ossl := syncfile.Tool(t, "openssl")
	if out, err := exec.Command(ossl, "list", "-public-key-algorithms").Output(); err != nil || !bytes.Contains(bytes.ToLower(out), []byte("sm2")) {
		t.Skip("this openssl has no SM2 (OpenSSL 3 of Debian 12 has it)")
	}
	hg, c := newParty(t, haigang), newParty(t, city)
	parts := zipParts(t, validFile(t, hg, c, 30), c.keys)
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	pub, err := syncfile.SM2PublicKey(hg.card.SM2SignKey)
	if err != nil {
		t.Fatal(err)
	}
	der, err := smx509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	pubPEM := write("pub.pem", pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	out, err := exec.Command(ossl, "pkeyutl", "-verify", "-pubin", "-inkey", pubPEM, "-rawin", "-digest", "sm3",
		"-pkeyopt", "distid:1234567812345678", "-in", write("manifest.json", parts["manifest.json"]),
		"-sigfile", write("manifest.sig", parts["manifest.sig"])).CombinedOutput()
	if err != nil {
		t.Fatalf("openssl does not verify the manifest: %v\n%s", err, out)
	}
	var m syncfile.Manifest
	if err := json.Unmarshal(parts["manifest.json"], &m); err != nil || len(m.Parts) == 0 {
		t.Fatalf("manifest: %v", err)
	}
	for _, p := range m.Parts {
		out, err := exec.Command(ossl, "dgst", "-sm3", "-r", write("part", parts[p.Name])).Output()
		if err != nil || !strings.HasPrefix(string(out), p.SM3+" ") {
			t.Errorf("openssl SM3 of %s: %q (%v), manifest %s", p.Name, out, err, p.SM3)
		}
	}
}

// TestRoundMixedFormats is the round of files between a city on format 2
// and a county still on format 1, then the county upgraded: each file of
// the format its recipient's registered card calls for, each imported,
// and the county's first format 2 file refused until the city registers
// its new card.
func TestRoundMixedFormats(t *testing.T) {
	ctx := context.Background()
	oldKeys, _, err := syncfile.NewKeys(rtHaigang, rtNow)
	if err != nil {
		t.Fatal(err)
	}
	oldKeys.SM2Sign, oldKeys.SM2Decrypt = nil, nil
	hg, city := rtNew(t, rtHaigang, &oldKeys), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg)
	hg.enter(t)
	format := func(path string) int {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.HasPrefix(b, []byte(syncfile.GMMagic)) {
			return syncfile.FormatSM
		}
		return syncfile.FormatAge
	}
	path, m := hg.export(t, rtCity.Code, false)
	if m.Format != syncfile.FormatAge || format(path) != syncfile.FormatAge {
		t.Errorf("the county from before wrote format %d", m.Format)
	}
	city.importFile(t, path)
	path, m = city.export(t, rtHaigang.Code, true)
	if m.Format != syncfile.FormatAge {
		t.Errorf("the city wrote format %d to a county from before", m.Format)
	}
	hg.importFile(t, path)

	// The county upgrades: its keys gain SM2 keys, its card changes.
	if _, err := syncfile.OwnCard(ctx, hg.svc); err != nil {
		t.Fatal(err)
	}
	if !hg.card(t).SM2() {
		t.Fatal("the upgraded county's card has no SM2 keys")
	}
	e := app.Enterprise{Name: "秦皇岛国密测试有限公司", CreditCode: datatest.CreditCode(77), Industry: "玻璃"}
	if err := hg.svc.SaveEnterprise(ctx, &e); err != nil {
		t.Fatal(err)
	}
	path, m = hg.export(t, rtCity.Code, false)
	if m.Format != syncfile.FormatSM || format(path) != syncfile.FormatSM {
		t.Errorf("the upgraded county wrote format %d", m.Format)
	}
	if _, err := city.read(t, path); err == nil {
		t.Fatal("the city read a format 2 file with the county's old card")
	} else {
		rtCode(t, err, syncfile.ErrUntrusted)
	}
	if err := city.svc.Trust(ctx, hg.card(t), false); err == nil {
		t.Error("the new card replaced the old one without being asked to")
	}
	if err := city.svc.Trust(ctx, hg.card(t), true); err != nil {
		t.Fatal(err)
	}
	city.importFile(t, path)
	path, m = city.export(t, rtHaigang.Code, false)
	if m.Format != syncfile.FormatSM {
		t.Errorf("the city wrote format %d to the upgraded county", m.Format)
	}
	hg.importFile(t, path)
	if got, want := hg.lists(t, ""), city.lists(t, ""); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the county has %d records, the city %d", len(got), len(want))
	}
}
