package syncfile_test

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"wugeyi/app"
	"wugeyi/app/syncfile"
)

// FuzzRead can change no byte behind age's authentication, so it stops at
// the encryption. The two targets below reach further: FuzzOpenZip
// encrypts what it is given, so the zip is fuzzed up to the signature;
// FuzzSignedParts also signs, so the manifest and the records are fuzzed
// through every check. Their seeds are in testdata/fuzz too.

// FuzzOpenZip feeds Read any zip (or not) correctly encrypted to the city.
func FuzzOpenZip(f *testing.F) {
	hg, c := fuzzParty(haigang, 1), fuzzParty(city, 2)
	f.Add(plainOf(f, validFile(f, hg, c, 3), c))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, plain []byte) {
		before := syncfile.Recovered()
		file, err := syncfile.Read(encrypt(t, plain, c.card), c.office, c.keys, cards(hg.card))
		if syncfile.Recovered() != before {
			t.Fatalf("Read panicked: %v", err)
		}
		if (file == nil) == (err == nil) {
			t.Fatalf("Read gave file %v and error %v", file != nil, err)
		}
	})
}

// FuzzSignedParts feeds Read a file signed by 海港区 with any manifest and
// any records of leaders. When the manifest is a JSON object without
// "parts", the true list of parts is put in, so that the fuzzer gets past
// the hashes.
func FuzzSignedParts(f *testing.F) {
	hg, c := fuzzParty(haigang, 1), fuzzParty(city, 2)
	var recs bytes.Buffer
	for i := 1; i <= 3; i++ {
		json.NewEncoder(&recs).Encode(change(f, app.TableLeaders, haigang.Code, i))
	}
	f.Add([]byte(`{"kind":"wugeyi-sync","format":1,"schema":3,"sender":"130302","recipient":"130300","seq_from":1,"seq_to":3,"counts":{"leaders":3}}`), recs.Bytes())
	f.Add([]byte(`{"kind":"wugeyi-sync","format":1,"sender":"130302","recipient":"130300","counts":{"leaders":1,"visits":2}}`), []byte("{}\n"))
	f.Fuzz(func(t *testing.T, manifest, records []byte) {
		file := signedFile(t, hg, c, manifest, records)
		got, _ := readSound(t, file, c, hg)
		if got != nil {
			for _, ch := range got.Changes {
				if ch.Office != haigang.Code || ch.ID == "" {
					t.Fatalf("accepted a record %+v", ch)
				}
			}
		}
	})
}

// signedFile is a file from 海港区 to the city with manifest and the
// records of leaders, signed and encrypted; a manifest that is a JSON
// object without "parts" gets the true list of parts.
func signedFile(t *testing.T, hg, c party, manifest, records []byte) []byte {
	t.Helper()
	var m map[string]any
	if json.Unmarshal(manifest, &m) == nil && m != nil {
		if _, ok := m["parts"]; !ok {
			sum := sha256.Sum256(records)
			m["parts"] = []syncfile.Part{{Name: "records/leaders.jsonl", SHA256: hex.EncodeToString(sum[:]), Size: int64(len(records))}}
			manifest, _ = json.Marshal(m)
		}
	}
	var z bytes.Buffer
	zw := zip.NewWriter(&z)
	for _, p := range []struct {
		name string
		b    []byte
	}{{"records/leaders.jsonl", records}, {"manifest.json", manifest},
		{"manifest.sig", ed25519.Sign(ed25519.PrivateKey(hg.keys.SignPrivate), manifest)}} {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(p.b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return encrypt(t, z.Bytes(), c.card)
}

// plainOf is the zip inside a file sent to c.
func plainOf(t testing.TB, file []byte, c party) []byte {
	t.Helper()
	return decryptFor(t, file, c.keys)
}

// The committed seeds named seed-valid are files Read accepts (made with
// the fixed keys of fuzzParty), so that fuzzing starts from a whole file.
func TestFuzzSeedsValid(t *testing.T) {
	hg, c := fuzzParty(haigang, 1), fuzzParty(city, 2)
	seed := func(target string) [][]byte {
		b, err := os.ReadFile(filepath.Join("testdata/fuzz", target, "seed-valid"))
		if err != nil {
			t.Fatal(err)
		}
		var args [][]byte
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n")[1:] {
			s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(line, "[]byte("), ")"))
			if err != nil {
				t.Fatalf("%s: %v", target, err)
			}
			args = append(args, []byte(s))
		}
		return args
	}
	if _, err := syncfile.Read(seed("FuzzRead")[0], c.office, c.keys, cards(hg.card)); err != nil {
		t.Errorf("FuzzRead/seed-valid: %v", err)
	}
	if _, err := syncfile.Read(encrypt(t, seed("FuzzOpenZip")[0], c.card), c.office, c.keys, cards(hg.card)); err != nil {
		t.Errorf("FuzzOpenZip/seed-valid: %v", err)
	}
	if args := seed("FuzzSignedParts"); len(args) != 2 {
		t.Errorf("FuzzSignedParts/seed-valid has %d arguments", len(args))
	} else if f, err := syncfile.Read(signedFile(t, hg, c, args[0], args[1]), c.office, c.keys, cards(hg.card)); err != nil || len(f.Changes) != 3 {
		t.Errorf("FuzzSignedParts/seed-valid: %v", err)
	}
}

// readSound reads b as office to would, from office from, and fails the
// test if Read panicked or did not give exactly one of a file and an
// error.
func readSound(t *testing.T, b []byte, to, from party) (*syncfile.File, error) {
	t.Helper()
	before := syncfile.Recovered()
	file, err := syncfile.Read(b, to.office, to.keys, cards(from.card))
	if syncfile.Recovered() != before {
		t.Fatalf("Read panicked: %v", err)
	}
	if (file == nil) == (err == nil) {
		t.Fatalf("Read gave file %v and error %v", file != nil, err)
	}
	return file, err
}
