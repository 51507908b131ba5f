package data_test

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"testing"

	"wugeyi/app"
)

// TestSM2Keys: keys made before format 2 (no SM2 keys) read back without
// them and gain them once with AddSM2Keys; a card's SM2 keys are stored,
// replaced and read back, an old card's stay nil.
func TestSM2Keys(t *testing.T) {
	_, db, _ := newService(t)
	ctx := context.Background()
	sm2 := app.OfficeKeys{SM2Sign: bytes.Repeat([]byte{7}, 32), SM2Decrypt: bytes.Repeat([]byte{8}, 32)}
	if err := update(t, db, func(tx app.Tx) error { return tx.AddSM2Keys(sm2) }); err == nil {
		t.Error("SM2 keys added where there are no keys")
	}
	k := app.OfficeKeys{SignPrivate: []byte{1, 2, 3}, AgeIdentity: "AGE-SECRET-KEY-1XYZ", Created: now.UTC()}
	if err := update(t, db, func(tx app.Tx) error { return tx.SaveKeys(k) }); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Keys(ctx); err != nil || got.SM2Sign != nil || got.SM2Decrypt != nil {
		t.Fatalf("old keys %+v, %v", got, err)
	}
	if err := update(t, db, func(tx app.Tx) error { return tx.AddSM2Keys(app.OfficeKeys{SM2Sign: []byte{1}}) }); err == nil {
		t.Error("incomplete SM2 keys added")
	}
	if err := update(t, db, func(tx app.Tx) error { return tx.AddSM2Keys(sm2) }); err != nil {
		t.Fatal(err)
	}
	want := k
	want.SM2Sign, want.SM2Decrypt = sm2.SM2Sign, sm2.SM2Decrypt
	if got, err := db.Keys(ctx); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("keys %+v, %v", got, err)
	}
	again := app.OfficeKeys{SM2Sign: bytes.Repeat([]byte{9}, 32), SM2Decrypt: bytes.Repeat([]byte{9}, 32)}
	if err := update(t, db, func(tx app.Tx) error { return tx.AddSM2Keys(again) }); err == nil {
		t.Error("SM2 keys replaced")
	}
	if got, _ := db.Keys(ctx); !bytes.Equal(got.SM2Sign, sm2.SM2Sign) {
		t.Errorf("SM2 key %x after a refused replacement", got.SM2Sign)
	}

	city := app.Card{Office: cityOffice, Name: "秦皇岛市工业和信息化局", Role: app.RoleCity, SignKey: make([]byte, 32),
		AgeRecipient: "age1city", Created: now.UTC()}
	if err := update(t, db, func(tx app.Tx) error { return tx.Trust(city) }); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Card(ctx, cityOffice); err != nil || got.SM2SignKey != nil || got.SM2EncryptKey != nil || got.SM2() {
		t.Errorf("old card %+v, %v", got, err)
	}
	city.SM2SignKey, city.SM2EncryptKey = bytes.Repeat([]byte{4}, 65), bytes.Repeat([]byte{5}, 65)
	if err := update(t, db, func(tx app.Tx) error { return tx.Trust(city) }); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Card(ctx, cityOffice); err != nil || !reflect.DeepEqual(got, city) {
		t.Errorf("card %+v, %v", got, err)
	}
	if l, err := db.Cards(ctx); err != nil || len(l) != 1 || !bytes.Equal(l[0].SM2EncryptKey, city.SM2EncryptKey) {
		t.Errorf("cards %+v, %v", l, err)
	}
	if _, err := db.Card(ctx, otherCounty); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("card of %s: %v", otherCounty, err)
	}
}
