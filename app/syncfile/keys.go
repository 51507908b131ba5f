// Package syncfile writes, reads and verifies the sync files that carry
// records between the county offices and the city bureau, and exports and
// imports them over an app.Store. OwnCard, ReadCard, Send, Receive, Accept
// and Backup are the exchange's steps over an app.Service, as the window
// and the commands both run them.
//
// A sync file is a zip (a manifest, its Ed25519 signature by the sender
// office, and the records as JSON lines per table) encrypted with age to
// the recipient office's X25519 key. Everything is checked before anything
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

// NewKeys makes an office's keys: an Ed25519 signing key and an age X25519
// identity, with the public card that goes with them.
func NewKeys(o app.Office, now time.Time) (app.OfficeKeys, app.Card, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return app.OfficeKeys{}, app.Card{}, fmt.Errorf("make signing key: %w", err)
	}
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return app.OfficeKeys{}, app.Card{}, fmt.Errorf("make encryption key: %w", err)
	}
	k := app.OfficeKeys{SignPrivate: priv, AgeIdentity: id.String(), Created: now.UTC()}
	c, err := CardOf(o, k)
	return k, c, err
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
	return app.Card{Office: o.Code, Name: o.Name, Role: o.Role, SignKey: []byte(pub),
		AgeRecipient: id.Recipient().String(), Created: k.Created}, nil
}

// cardFile is a card as written to a file.
type cardFile struct {
	Kind   string `json:"kind"`
	Format int    `json:"format"`
	app.Card
}

// MarshalCard is the card file of c: indented JSON that says what it is.
func MarshalCard(c app.Card) []byte {
	b, err := json.MarshalIndent(cardFile{Kind: kindCard, Format: Format, Card: c}, "", "  ")
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
	if f.Format > Format {
		return app.Card{}, errors.New("公钥卡由更新版本的五个一工作台写出：请先安装新版本")
	}
	if err := f.Card.Validate(); err != nil {
		return app.Card{}, err
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
