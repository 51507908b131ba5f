package syncfile

import (
	"bytes"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/emmansun/gmsm/smx509"
)

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSM3Vectors runs the two examples of GB/T 32905-2016 (Appendix A).
func TestSM3Vectors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"},
		{strings.Repeat("abcd", 16), "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"},
	} {
		if got := sm3Hex([]byte(c.in)); got != c.want {
			t.Errorf("SM3(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

// TestSM4Vector runs the example of GB/T 32907-2016 (Appendix A): one
// block, and the same block encrypted 1,000,000 times.
func TestSM4Vector(t *testing.T) {
	key := unhex(t, "0123456789abcdeffedcba9876543210")
	b, err := sm4Block(key)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]byte, 16)
	b.Encrypt(out, key)
	if want := unhex(t, "681edf34d206965e86b3e94f536e4246"); !bytes.Equal(out, want) {
		t.Errorf("SM4 = %x, want %x", out, want)
	}
	if testing.Short() {
		return
	}
	out = bytes.Clone(key)
	for range 1000000 {
		b.Encrypt(out, out)
	}
	if want := unhex(t, "595298c7c6fd271f0402f804c33d3f66"); !bytes.Equal(out, want) {
		t.Errorf("SM4 × 1000000 = %x, want %x", out, want)
	}
}

// TestSM2Vector verifies the SM2 signature of OpenSSL's test data
// (test/recipes/30-test_evp_data/evppkey_sm2.txt, SM2_key1: a digest e and
// its signature) and refuses it changed.
func TestSM2Vector(t *testing.T) {
	pub, err := sm2PublicOf(unhex(t, "d09156733017bdad809fd9bbd8c693f602305931 69b6f94aaf1c8ee138cc99b5"))
	if err != nil {
		t.Fatal(err)
	}
	want := unhex(t, "04393a2ad9e27e43acaaab85a19d3b85591e14406157175addd37bf77ff0caf9ed37fcf3a8b4f55c038523261fca6636afe6a7afa2a1482a606f5cb3a18b2e2a1e")
	if !bytes.Equal(pub, want) {
		t.Fatalf("public key of SM2_key1 = %x, want %x", pub, want)
	}
	k, err := sm2Public(pub)
	if err != nil {
		t.Fatal(err)
	}
	e := unhex(t, "D7AD397F6FFA5D4F7F11E7217F241607DC30618C236D2C09C1B9EA8FDADEE2E8")
	sig := unhex(t, "3046022100AB1DB64DE7C40EDBDE6651C9B8EBDB804673DB836E5D5C7FE15DCF9ED2725037022100EBA714451FF69B0BB930B379E192E7CD5FA6E3C41C7FBD8303B799AB54A54621")
	if !sm2VerifyDigest(k, e, sig) {
		t.Error("the published signature does not verify")
	}
	e[0] ^= 1
	if sm2VerifyDigest(k, e, sig) {
		t.Error("the signature verifies a changed digest")
	}
}

// TestSM2RoundTrip signs and verifies, seals and opens, and refuses a
// changed message, another signer's key, another recipient and a changed
// envelope.
func TestSM2RoundTrip(t *testing.T) {
	d, pub, err := newSM2()
	if err != nil {
		t.Fatal(err)
	}
	d2, pub2, err := newSM2()
	if err != nil {
		t.Fatal(err)
	}
	msg := []byte(`{"kind":"wugeyi-sync"}`)
	sig, err := sm2Sign(d, msg)
	if err != nil {
		t.Fatal(err)
	}
	if !sm2Verify(pub, msg, sig) {
		t.Fatal("own signature does not verify")
	}
	if sm2Verify(pub2, msg, sig) || sm2Verify(pub, append(bytes.Clone(msg), ' '), sig) {
		t.Error("signature verifies under another key or for another message")
	}
	plain := bytes.Repeat([]byte("记录"), 1000)
	box, err := sealSM(pub, plain)
	if err != nil {
		t.Fatal(err)
	}
	got, err := openSM(d, box)
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("openSM = %d bytes, %v", len(got), err)
	}
	if _, err := openSM(d2, box); !errors.Is(err, errNotForMe) {
		t.Errorf("opened with another key: %v", err)
	}
	for _, i := range []int{len(gmMagic) + 5, len(box) - 40, len(box) - 1} {
		bad := bytes.Clone(box)
		bad[i] ^= 1
		if _, err := openSM(d, bad); err == nil {
			t.Errorf("opened with byte %d changed", i)
		}
	}
	if _, err := openSM(d, box[:len(box)-1]); err == nil {
		t.Error("opened cut short")
	}
	if _, err := sm2Public(append([]byte{4}, make([]byte, 64)...)); err == nil {
		t.Error("a point off the curve taken for a public key")
	}
}

// TestSM2OpenSSL interoperates with OpenSSL 3: it verifies a signature of
// ours and computes the same SM3, we verify its signature, and it opens
// an SM4 key we encrypted to its key.
func TestSM2OpenSSL(t *testing.T) {
	ossl := tool(t, "openssl")
	if out, err := exec.Command(ossl, "list", "-public-key-algorithms").Output(); err != nil || !bytes.Contains(bytes.ToLower(out), []byte("sm2")) {
		t.Skip("this openssl has no SM2 (OpenSSL 3 of Debian 12 has it)")
	}
	dir := t.TempDir()
	d, pub, err := newSM2()
	if err != nil {
		t.Fatal(err)
	}
	k, err := sm2Private(d)
	if err != nil {
		t.Fatal(err)
	}
	der, err := smx509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	pubDER, err := smx509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	run := func(args ...string) []byte {
		out, err := exec.Command(ossl, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("openssl %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	privPEM := write("priv.pem", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	pubPEM := write("pub.pem", pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}))
	msg := bytes.Repeat([]byte(`{"kind":"wugeyi-sync","sender":"130302"}`), 50)
	msgFile := write("manifest.json", msg)

	if out := string(run("dgst", "-sm3", "-r", msgFile)); !strings.HasPrefix(out, sm3Hex(msg)+" ") {
		t.Errorf("openssl SM3 %q, ours %s", out, sm3Hex(msg))
	}
	sig, err := sm2Sign(d, msg)
	if err != nil {
		t.Fatal(err)
	}
	sigFile := write("manifest.sig", sig)
	run("pkeyutl", "-verify", "-pubin", "-inkey", pubPEM, "-rawin", "-digest", "sm3",
		"-pkeyopt", "distid:1234567812345678", "-in", msgFile, "-sigfile", sigFile)

	theirs := filepath.Join(dir, "openssl.sig")
	run("pkeyutl", "-sign", "-inkey", privPEM, "-rawin", "-digest", "sm3",
		"-pkeyopt", "distid:1234567812345678", "-in", msgFile, "-out", theirs)
	b, err := os.ReadFile(theirs)
	if err != nil {
		t.Fatal(err)
	}
	if !sm2Verify(pub, msg, b) {
		t.Error("OpenSSL's signature does not verify")
	}
	if sm2Verify(pub, msg[1:], b) {
		t.Error("OpenSSL's signature verifies another message")
	}

	box, err := sealSM(pub, []byte("zip"))
	if err != nil {
		t.Fatal(err)
	}
	n := int(box[len(gmMagic)])<<8 | int(box[len(gmMagic)+1])
	wrapped := write("key.sm2", box[len(gmMagic)+2:len(gmMagic)+2+n])
	key := run("pkeyutl", "-decrypt", "-inkey", privPEM, "-in", wrapped)
	if len(key) != 16 {
		t.Errorf("OpenSSL opened the wrapped SM4 key to %d bytes, want 16", len(key))
	}
}

// tool finds a command-line tool; without it the test is skipped, except
// under CI, which installs every tool (.ci/setup.sh).
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed: .ci/setup.sh should install it", name)
		}
		t.Skipf("%s is not installed", name)
	}
	return p
}
