package syncfile_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/app/syncfile"
)

// TestOwnCardAddsSM2Keys: an office whose keys were made before format 2
// keeps its Ed25519 and age keys and gains SM2 keys the first time its
// card is shown, once; the card carries them and an SM3 fingerprint.
func TestOwnCardAddsSM2Keys(t *testing.T) {
	ctx := context.Background()
	svc, st := recvOffice(t, haigang)
	k, oldCard, err := syncfile.NewKeys(haigang, svc.Now())
	if err != nil {
		t.Fatal(err)
	}
	k.SM2Sign, k.SM2Decrypt = nil, nil
	if err := st.Update(ctx, svc.Op(), func(tx app.Tx) error { return tx.SaveKeys(k) }); err != nil {
		t.Fatal(err)
	}
	card, err := syncfile.OwnCard(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	if !card.SM2() || string(card.SignKey) != string(oldCard.SignKey) || card.AgeRecipient != oldCard.AgeRecipient {
		t.Errorf("card after the upgrade %+v", card)
	}
	again, err := syncfile.OwnCard(ctx, svc)
	if err != nil || again.Fingerprint() != card.Fingerprint() {
		t.Fatalf("card again %s, %v; first %s", again.Fingerprint(), err, card.Fingerprint())
	}
	got, err := svc.Keys(ctx)
	if err != nil || len(got.SM2Sign) != 32 || len(got.SM2Decrypt) != 32 || string(got.SignPrivate) != string(k.SignPrivate) {
		t.Errorf("keys after the upgrade: %v", err)
	}
	if n := len(st.Ops()); n != 2 {
		t.Errorf("%d commits, want 2 (the old keys, the SM2 keys)", n)
	}
}

// TestParseCardFormats: a card file of a build before format 2 (no SM2
// keys) still parses with its old fingerprint; a new card file keeps card
// format 1, so that such a build reads it; an SM2 key off the curve is
// refused.
func TestParseCardFormats(t *testing.T) {
	k, c, err := syncfile.NewKeys(haigang, time.Date(2026, 3, 16, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	b := syncfile.MarshalCard(c)
	var f struct {
		Format  int    `json:"format"`
		SM2Sign []byte `json:"sm2_sign_key"`
	}
	if err := json.Unmarshal(b, &f); err != nil || f.Format != 1 || len(f.SM2Sign) != 65 {
		t.Errorf("card file %s: %v", b, err)
	}
	old := strings.NewReplacer(`"sm2_sign_key"`, `"x1"`, `"sm2_encrypt_key"`, `"x2"`).Replace(string(b))
	oc, err := syncfile.ParseCard([]byte(old))
	if err != nil || oc.SM2() {
		t.Fatalf("old card: %+v, %v", oc, err)
	}
	k.SM2Sign, k.SM2Decrypt = nil, nil
	plain, err := syncfile.CardOf(haigang, k)
	if err != nil || oc.Fingerprint() != plain.Fingerprint() || oc.Fingerprint() == c.Fingerprint() {
		t.Errorf("old card's fingerprint %s, as made without SM2 keys %s, with them %s (%v)", oc.Fingerprint(), plain.Fingerprint(), c.Fingerprint(), err)
	}
	bad := c
	bad.SM2SignKey = append([]byte{4}, make([]byte, 64)...)
	if _, err := syncfile.ParseCard(syncfile.MarshalCard(bad)); err == nil || !strings.Contains(err.Error(), "SM2") {
		t.Errorf("card with a point off the curve: %v", err)
	}
}

// TestTrustUpgradedCard: the card of an office that upgraded (its old
// keys and new SM2 keys) replaces the registered old card only with
// replace, and the refusal says it is the upgrade.
func TestTrustUpgradedCard(t *testing.T) {
	ctx := context.Background()
	svc, _ := recvOffice(t, city)
	_, card, err := syncfile.NewKeys(haigang, svc.Now())
	if err != nil {
		t.Fatal(err)
	}
	old := card
	old.SM2SignKey, old.SM2EncryptKey = nil, nil
	if err := svc.Trust(ctx, old, false); err != nil {
		t.Fatal(err)
	}
	err = svc.Trust(ctx, card, false)
	if err == nil || !strings.Contains(err.Error(), "升级到了国密格式") || !strings.Contains(err.Error(), card.Fingerprint()) {
		t.Fatalf("the upgraded card without replace: %v", err)
	}
	if err := svc.Trust(ctx, card, true); err != nil {
		t.Fatal(err)
	}
	if got, err := svc.Card(ctx, haigang.Code); err != nil || !got.SM2() || got.OldFingerprint() != old.Fingerprint() {
		t.Errorf("registered %+v, %v", got, err)
	}
}
