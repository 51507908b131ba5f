package app

import (
	"errors"
	"fmt"
	"io/fs"
)

// UserError is an error whose text is already a message for the user: in
// Chinese, saying what is wrong and what to do. Any package's error type
// that is such a message says so with this method, so that Message shows it
// as it is without this package knowing the type.
type UserError interface {
	error
	UserMessage() string
}

// Refusal returns an error whose text msg is a message for the user. Like
// errors.New, each call makes a distinct error, so a sentinel made with it
// is matched by errors.Is and by nothing else.
func Refusal(msg string) error { return &refusal{msg} }

type refusal struct{ msg string }

func (e *refusal) Error() string       { return e.msg }
func (e *refusal) UserMessage() string { return e.msg }

// Message is the one Chinese line that a screen or a command shows for err:
// the message of a UserError, wherever it is in the chain; the record a
// batch refused, then why; what to do about a full disk, a missing file or
// one without permission; and anything else as not done, with its details.
// It is "" for nil.
func Message(err error) string {
	var pe ProblemError
	var re RecordError
	var ue UserError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &pe):
		return fmt.Sprintf("第%d个问题：%s", pe.Index+1, Message(pe.Err))
	case errors.As(err, &re):
		return fmt.Sprintf("第%d条：%s", re.Index+1, Message(re.Err))
	case errors.As(err, &ue):
		return ue.UserMessage()
	case diskFull(err):
		return "磁盘已满：请清理磁盘空间后再试，数据没有改动"
	case errors.Is(err, fs.ErrPermission):
		return "没有权限读写这个文件或其所在文件夹：请换一个有写入权限的位置（" + err.Error() + "）"
	case errors.Is(err, fs.ErrNotExist):
		return "文件或文件夹不存在：请检查路径（" + err.Error() + "）"
	}
	return "操作未完成，数据没有改动：" + err.Error()
}
