// Package syncfile writes, reads and verifies the sync files that carry
// records between the county offices and the city bureau, and exports and
// imports them over an app.Store. OwnCard, ReadCard, Send, Receive, Accept
// and Backup are the exchange's steps over an app.Service, as the window
// and the commands both run them.
//
// A sync file is a zip (a manifest, its signature by the sender office,
// and the records as JSON lines per table) encrypted to the recipient
// office. Format 1 signs with Ed25519, hashes the parts with SHA-256 and
// encrypts with age to the recipient's X25519 key; format 2 (国密, see
// gm.go) signs with SM2, hashes with SM3 and encrypts with SM4-GCM under a
// fresh key encrypted to the recipient's SM2 key. An office is sent format
// 2 when its registered card has SM2 keys, format 1 otherwise; both read. Everything is checked before anything
// is written: the signature against the card registered for the sender,
// every part's hash and size, the recipient, the owner of every record.
//
// The package is named syncfile, not sync, so that it does not shadow the
// standard library's sync where both are used.
package syncfile

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"filippo.io/age"

	"wugeyi/app"
)

// Kinds written into the files, so that a card is never taken for a sync
// file or the other way round.
const (
	kindCard = "wugeyi-card"
	kindSync = "wugeyi-sync"
)

// NewKeys makes an office's keys: an Ed25519 signing key, an age X25519
// identity and the two SM2 keys of format 2 (see NewSM2Keys), with the
// public card that goes with them.
func NewKeys(o app.Office, now time.Time) (app.OfficeKeys, app.Card, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return app.OfficeKeys{}, app.Card{}, fmt.Errorf("make signing key: %w", err)
	}
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return app.OfficeKeys{}, app.Card{}, fmt.Errorf("make encryption key: %w", err)
	}
	k, err := NewSM2Keys()
	if err != nil {
		return app.OfficeKeys{}, app.Card{}, err
	}
	k.SignPrivate, k.AgeIdentity, k.Created = priv, id.String(), now.UTC()
	c, err := CardOf(o, k)
	return k, c, err
}

// NewSM2Keys makes the SM2 keys of format 2: keys with only SM2Sign and
// SM2Decrypt set, one key pair that signs and one that opens files, as
// the practice of 国密 keeps signing and encryption keys apart.
func NewSM2Keys() (app.OfficeKeys, error) {
	sign, _, err := newSM2()
	if err != nil {
		return app.OfficeKeys{}, fmt.Errorf("make SM2 signing key: %w", err)
	}
	dec, _, err := newSM2()
	if err != nil {
		return app.OfficeKeys{}, fmt.Errorf("make SM2 encryption key: %w", err)
	}
	return app.OfficeKeys{SM2Sign: sign, SM2Decrypt: dec}, nil
}

// CardOf is the public card of office o with keys k.
func CardOf(o app.Office, k app.OfficeKeys) (app.Card, error) {
	if len(k.SignPrivate) != ed25519.PrivateKeySize {
		return app.Card{}, errors.New("本单位的签名密钥不完整：请从备份恢复数据库")
	}
	id, err := age.ParseX25519Identity(k.AgeIdentity)
	if err != nil {
		return app.Card{}, errors.New("本单位的加密密钥不完整：请从备份恢复数据库")
	}
	pub := ed25519.PrivateKey(k.SignPrivate).Public().(ed25519.PublicKey)
	c := app.Card{Office: o.Code, Name: o.Name, Role: o.Role, SignKey: []byte(pub),
		AgeRecipient: id.Recipient().String(), Created: k.Created}
	if k.SM2Sign != nil || k.SM2Decrypt != nil {
		if c.SM2SignKey, err = sm2PublicOf(k.SM2Sign); err != nil {
			return app.Card{}, errors.New("本单位的国密签名密钥不完整：请从备份恢复数据库")
		}
		if c.SM2EncryptKey, err = sm2PublicOf(k.SM2Decrypt); err != nil {
			return app.Card{}, errors.New("本单位的国密加密密钥不完整：请从备份恢复数据库")
		}
	}
	return c, nil
}

// Receives says, in the words of the 数据交换 screen, which format the
// office of registered card c is sent: 国密 when the card has SM2 keys,
// the format from before otherwise (until its new card is registered).
func Receives(c app.Card) string {
	if c.SM2() {
		return "国密格式（SM2/SM3/SM4）"
	}
	return "原格式（对方升级后请重新登记其公钥卡）"
}

// cardFile is a card as written to a file.
type cardFile struct {
	Kind   string `json:"kind"`
	Format int    `json:"format"`
	app.Card
}

// cardFormat is the format written in card files. It stays 1 with the SM2
// keys of sync file format 2: a build of format 1 reads such a card (it
// ignores the SM2 keys) and so keeps exchanging format 1 with its office.
const cardFormat = 1

// MarshalCard is the card file of c: indented JSON that says what it is.
func MarshalCard(c app.Card) []byte {
	b, err := json.MarshalIndent(cardFile{Kind: kindCard, Format: cardFormat, Card: c}, "", "  ")
	if err != nil { // a Card always marshals
		panic(err)
	}
	return append(b, '\n')
}

// ParseCard reads a card file, refusing anything that is not a valid card.
func ParseCard(b []byte) (app.Card, error) {
	var f cardFile
	if err := json.Unmarshal(b, &f); err != nil || f.Kind != kindCard {
		return app.Card{}, errors.New("这不是五个一工作台的公钥卡文件：请确认选择的是对方用“导出本单位公钥卡”或 wugeyi card 写出的文件")
	}
	if f.Format > cardFormat {
		return app.Card{}, errors.New("公钥卡由更新版本的五个一工作台写出：请先安装新版本")
	}
	if err := f.Card.Validate(); err != nil {
		return app.Card{}, err
	}
	if f.Card.SM2() {
		if _, err := sm2Public(f.Card.SM2SignKey); err != nil {
			return app.Card{}, errors.New("公钥卡的国密（SM2）签名公钥无效：请让对方重新导出公钥卡")
		}
		if _, err := sm2Public(f.Card.SM2EncryptKey); err != nil {
			return app.Card{}, errors.New("公钥卡的国密（SM2）加密公钥无效：请让对方重新导出公钥卡")
		}
	}
	return f.Card, nil
}

// MaxCardFile is the largest card file read: a card is under 1 KB.
const MaxCardFile = 1 << 20

// ReadAll reads r to its end, refusing more than max bytes with a message
// that the file cannot be one of ours, so a wrongly chosen huge file is
// never read into memory whole.
func ReadAll(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("read file: %w", err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("文件超过 %d MB，不是五个一工作台的文件：请检查是否选错了文件", max>>20)
	}
	return b, nil
}
