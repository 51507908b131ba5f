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
