package app

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"

	"github.com/emmansun/gmsm/sm3"
)

// grouped is the first 16 bytes of sum as Fingerprint shows them.
func grouped(sum []byte) string {
	s := fmt.Sprintf("%X", sum[:16])
	var g []string
	for i := 0; i < len(s); i += 4 {
		g = append(g, s[i:i+4])
	}
	return strings.Join(g, " ")
}

// TestFingerprintSM3: a card without SM2 keys keeps its SHA-256
// fingerprint; one with them has the SM3 digest of all four keys, in the
// same groups.
func TestFingerprintSM3(t *testing.T) {
	c := Card{Office: "130302", Name: "海港区", Role: RoleCounty, SignKey: bytes.Repeat([]byte{1}, 32), AgeRecipient: "age1xyz"}
	old := sha256.Sum256(append(bytes.Clone(c.SignKey), c.AgeRecipient...))
	if got, want := c.Fingerprint(), grouped(old[:]); got != want {
		t.Errorf("old card's fingerprint %s, want %s", got, want)
	}
	c.SM2SignKey = append([]byte{4}, bytes.Repeat([]byte{2}, 64)...)
	c.SM2EncryptKey = append([]byte{4}, bytes.Repeat([]byte{3}, 64)...)
	h := sm3.New()
	for _, b := range [][]byte{c.SignKey, []byte(c.AgeRecipient), c.SM2SignKey, c.SM2EncryptKey} {
		h.Write(b)
	}
	got, want := c.Fingerprint(), grouped(h.Sum(nil))
	if got != want || len(got) != 39 || got == grouped(old[:]) {
		t.Errorf("SM2 card's fingerprint %s, want %s", got, want)
	}
	if c.OldFingerprint() != grouped(old[:]) {
		t.Errorf("SM2 card's old fingerprint %s, want %s", c.OldFingerprint(), grouped(old[:]))
	}
	if err := c.Validate(); err != nil {
		t.Errorf("valid SM2 card: %v", err)
	}
	for _, bad := range []func(*Card){
		func(c *Card) { c.SM2EncryptKey = nil },
		func(c *Card) { c.SM2SignKey = c.SM2SignKey[:64] },
		func(c *Card) { c.SM2EncryptKey = append([]byte{2}, c.SM2EncryptKey[1:]...) },
	} {
		b := c
		bad(&b)
		if err := b.Validate(); err == nil || !strings.Contains(err.Error(), "SM2") {
			t.Errorf("card %x / %x: %v", b.SM2SignKey, b.SM2EncryptKey, err)
		}
	}
}
