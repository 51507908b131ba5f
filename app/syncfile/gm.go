package syncfile

// The commercial cryptography (国密) the sync files of format 2 use, from
// github.com/emmansun/gmsm (pure Go, no cgo):
//
//   - SM3 (GB/T 32905) hashes the parts the manifest lists;
//   - SM2 (GB/T 32918.2) signs the manifest, with the standard's default
//     user ID "1234567812345678" (the one OpenSSL and most libraries use
//     when none is given); the signature is ASN.1 DER (r, s);
//   - SM2 (GB/T 32918.4) encrypts a fresh 128-bit SM4 key to the
//     recipient, the ciphertext ASN.1 DER in the order C1 C3 C2
//     (GM/T 0009), as OpenSSL writes it;
//   - SM4 (GB/T 32907) in GCM mode encrypts the zip under that key.
//
// Keys are kept as bytes: a private key is its 32-byte scalar, a public
// key the 65-byte uncompressed point 04‖X‖Y.

import (
	"bytes"
	"crypto/cipher"
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"

	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/sm3"
	"github.com/emmansun/gmsm/sm4"
)

// sm2UID is the user ID of GB/T 32918.2's Z value: the standard's default.
var sm2UID = []byte("1234567812345678")

// gmMagic starts a sync file of format 2: the SM2/SM4 envelope.
const gmMagic = "wugeyi-sm/2\n"

// sm3Hex is the SM3 digest of b, hex.
func sm3Hex(b []byte) string {
	sum := sm3.Sum(b)
	return hex.EncodeToString(sum[:])
}

// newSM2 makes an SM2 key pair: the private scalar and the public point.
func newSM2() (priv, pub []byte, err error) {
	k, err := sm2.GenerateKey(rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("make SM2 key: %w", err)
	}
	return k.D.FillBytes(make([]byte, 32)), pointBytes(&k.PublicKey), nil
}

// pointBytes is the uncompressed form of public key k.
func pointBytes(k *ecdsa.PublicKey) []byte {
	b := make([]byte, 65)
	b[0] = 4
	k.X.FillBytes(b[1:33])
	k.Y.FillBytes(b[33:])
	return b
}

// sm2Private is the SM2 private key of scalar d.
func sm2Private(d []byte) (*sm2.PrivateKey, error) {
	c := sm2.P256()
	n := new(big.Int).SetBytes(d)
	if len(d) != 32 || n.Sign() == 0 || n.Cmp(new(big.Int).Sub(c.Params().N, big.NewInt(1))) >= 0 {
		return nil, errors.New("invalid SM2 private key")
	}
	k := &sm2.PrivateKey{}
	k.Curve, k.D = c, n
	k.X, k.Y = c.ScalarBaseMult(d)
	return k, nil
}

// sm2PublicOf is the public point of private scalar d.
func sm2PublicOf(d []byte) ([]byte, error) {
	k, err := sm2Private(d)
	if err != nil {
		return nil, err
	}
	return pointBytes(&k.PublicKey), nil
}

// sm2Public is the SM2 public key of uncompressed point b, refusing a
// point not on the curve.
func sm2Public(b []byte) (*ecdsa.PublicKey, error) {
	if len(b) != 65 || b[0] != 4 {
		return nil, errors.New("invalid SM2 public key")
	}
	c := sm2.P256()
	x, y := new(big.Int).SetBytes(b[1:33]), new(big.Int).SetBytes(b[33:])
	if x.Cmp(c.Params().P) >= 0 || y.Cmp(c.Params().P) >= 0 || !c.IsOnCurve(x, y) {
		return nil, errors.New("invalid SM2 public key")
	}
	return &ecdsa.PublicKey{Curve: c, X: x, Y: y}, nil
}

// sm2Sign signs msg with private scalar d (GB/T 32918.2: e = SM3(Z‖msg)
// with the default user ID), DER.
func sm2Sign(d, msg []byte) ([]byte, error) {
	k, err := sm2Private(d)
	if err != nil {
		return nil, err
	}
	sig, err := k.Sign(rand.Reader, msg, sm2.NewSM2SignerOption(true, sm2UID))
	if err != nil {
		return nil, fmt.Errorf("SM2 sign: %w", err)
	}
	return sig, nil
}

// sm2Digest is e = SM3(Z‖msg) of GB/T 32918.2 for public key pub and the
// default user ID: what the signature signs.
func sm2Digest(pub *ecdsa.PublicKey, msg []byte) ([]byte, error) {
	z, err := sm2.CalculateZA(pub, sm2UID)
	if err != nil {
		return nil, fmt.Errorf("SM2 Z: %w", err)
	}
	h := sm3.New()
	h.Write(z)
	h.Write(msg)
	return h.Sum(nil), nil
}

// sm2Verify says whether sig is the signature of msg by the holder of
// public point pub.
func sm2Verify(pub, msg, sig []byte) bool {
	k, err := sm2Public(pub)
	if err != nil {
		return false
	}
	e, err := sm2Digest(k, msg)
	return err == nil && sm2VerifyDigest(k, e, sig)
}

// sm2VerifyDigest says whether sig is a signature of digest e by k.
func sm2VerifyDigest(k *ecdsa.PublicKey, e, sig []byte) bool {
	return sm2.VerifyASN1(k, e, sig)
}

// sealSM is the envelope of format 2 around plain: gmMagic, the length (2 bytes,
// big-endian) and SM2 ciphertext of a fresh SM4 key encrypted to public
// point to, a 12-byte nonce, and plain sealed with SM4-GCM, everything
// before the sealed bytes its additional data.
func sealSM(to, plain []byte) ([]byte, error) {
	pub, err := sm2Public(to)
	if err != nil {
		return nil, err
	}
	key := make([]byte, 16)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("make SM4 key: %w", err)
	}
	wrapped, err := sm2.Encrypt(rand.Reader, pub, key, sm2.ASN1EncrypterOpts)
	if err != nil {
		return nil, fmt.Errorf("SM2 encrypt: %w", err)
	}
	aead, err := sm4GCM(key)
	if err != nil {
		return nil, err
	}
	head := make([]byte, 0, len(gmMagic)+2+len(wrapped)+aead.NonceSize())
	head = append(head, gmMagic...)
	head = binary.BigEndian.AppendUint16(head, uint16(len(wrapped)))
	head = append(head, wrapped...)
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, fmt.Errorf("make nonce: %w", err)
	}
	head = append(head, nonce...)
	out := make([]byte, len(head), len(head)+len(plain)+aead.Overhead())
	copy(out, head)
	return aead.Seal(out, nonce, plain, head), nil
}

// errNotForMe is openSM's error when the SM4 key is not encrypted to the
// private key given.
var errNotForMe = errors.New("not encrypted to this key")

// openSM opens the envelope data with private scalar d: errNotForMe when
// the key was encrypted to another key, another error when data is not
// whole or was changed.
func openSM(d, data []byte) ([]byte, error) {
	k, err := sm2Private(d)
	if err != nil {
		return nil, err
	}
	rest, ok := bytes.CutPrefix(data, []byte(gmMagic))
	if !ok || len(rest) < 2 {
		return nil, errors.New("no SM envelope")
	}
	n := int(binary.BigEndian.Uint16(rest))
	if len(rest) < 2+n+12 {
		return nil, errors.New("SM envelope cut short")
	}
	key, err := k.Decrypt(nil, rest[2:2+n], sm2.ASN1DecrypterOpts)
	if err != nil || len(key) != 16 {
		return nil, errNotForMe
	}
	aead, err := sm4GCM(key)
	if err != nil {
		return nil, err
	}
	headLen := len(gmMagic) + 2 + n + aead.NonceSize()
	plain, err := aead.Open(nil, data[headLen-aead.NonceSize():headLen], data[headLen:], data[:headLen])
	if err != nil {
		return nil, fmt.Errorf("SM4-GCM open: %w", err)
	}
	return plain, nil
}

// sm4Block is the SM4 block cipher under key.
func sm4Block(key []byte) (cipher.Block, error) {
	b, err := sm4.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("SM4 key: %w", err)
	}
	return b, nil
}

// sm4GCM is SM4 in GCM mode under key.
func sm4GCM(key []byte) (cipher.AEAD, error) {
	b, err := sm4Block(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(b)
	if err != nil {
		return nil, fmt.Errorf("SM4-GCM: %w", err)
	}
	return aead, nil
}
