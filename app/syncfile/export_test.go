package syncfile

// Recovered is how many panics Read has turned into refusals in this test
// process: the fuzz tests fail when it grows.
func Recovered() int64 { return recovered.Load() }

// ParseLines is parseLines, for tests of its chunks.
var ParseLines = parseLines

// AcceptWithFree is Accept with free, which says how much room a folder's
// disk has, in place of DiskFree.
var AcceptWithFree = accept

// ImportRoom is the room importing f needs, without the backup.
var ImportRoom = importRoom

// The primitives of format 2, for tests that make files by hand.
var (
	SealSM  = sealSM
	SignSM2 = sm2Sign
	SM3Hex  = sm3Hex
)

// OpenSM is openSM, for tests that open files by hand.
func OpenSM(d, data []byte) ([]byte, error) { return openSM(d, data) }

// GMMagic starts a file of format 2.
const GMMagic = gmMagic

// SM2PublicKey is sm2Public, for tests that hand keys to OpenSSL.
var SM2PublicKey = sm2Public

// Tool is tool, for the tests outside the package.
var Tool = tool
