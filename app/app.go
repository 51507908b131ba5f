// Package app is the domain of 五个一工作台: the records of the key-enterprise
// contact service mechanism (秦政办字〔2017〕200号), the rules that govern them,
// and the interfaces that storage and screens implement or use.
//
// It imports neither Fyne nor database/sql: package data stores these types
// and package ui shows them.
package app

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Meta is the identity every synced record carries from the day it is made:
// a global ID, the office that owns (and alone may change) it, a version that
// grows by one on every change, who changed it last and when, and a tombstone.
type Meta struct {
	ID        string    `json:"id"`
	Office    string    `json:"office"`
	Version   int64     `json:"version"`
	UpdatedAt time.Time `json:"updated_at"`
	UpdatedBy string    `json:"updated_by"`
	Deleted   bool      `json:"deleted,omitempty"`
}

// Op says who makes a change and when; the store stamps it on the record and
// on the change-log row.
type Op struct {
	Operator string
	At       time.Time
}

// Errors the store returns, each a message for the user (see Refusal);
// screens and commands show any error with Message.
var (
	ErrNotFound     = Refusal("记录不存在或已删除")
	ErrNotSetUp     = Refusal("数据库尚未初始化：请先设置本单位（机构代码、名称、类型）")
	ErrLocked       = Refusal("这个数据库正被另一个五个一工作台使用：请先关闭另一个窗口，或用 -db 选择别的数据库")
	ErrNewerSchema  = Refusal("这个数据库由更新版本的五个一工作台创建，本版本不能打开它：请安装新版本，数据库未做任何改动")
	ErrNotOwner     = Refusal("这条记录属于其他单位，本单位不能修改")
	ErrStaleVersion = Refusal("记录已被修改，请重新打开后再保存")

	// ErrDiskFull, ErrReadOnly and ErrDiskIO are faults of the database
	// file, not refusals of a record: the whole write was rolled back.
	ErrDiskFull = Refusal("磁盘已满：本次操作没有完成，数据库没有改动。请腾出磁盘空间后重试")
	ErrReadOnly = Refusal("数据库文件是只读的：本次操作没有完成，数据库没有改动。请检查文件属性和文件夹的写入权限，或把数据库复制到可以写入的位置")
	ErrDiskIO   = Refusal("读写数据库文件时出错（磁盘或文件故障）：本次操作没有完成，数据库没有改动。请检查磁盘后重试")
)

// FieldError is a refusal tied to one field of a form, so a screen can show
// the message next to that field.
type FieldError struct {
	Field string // the Go field name, e.g. "CreditCode"
	Msg   string // Chinese, says what is wrong and what to do
}

func (e FieldError) Error() string { return e.Msg }

// UserMessage is the message: it is for the user already.
func (e FieldError) UserMessage() string { return e.Msg }

// Invalid collects the field errors of one record; a record with any is not
// saved.
type Invalid []FieldError

func (v Invalid) Error() string {
	msgs := make([]string, len(v))
	for i, e := range v {
		msgs[i] = e.Msg
	}
	return strings.Join(msgs, "；")
}

// UserMessage is every field's message, joined.
func (v Invalid) UserMessage() string { return v.Error() }

// Add records that field is wrong, with a Chinese message.
func (v *Invalid) Add(field, msg string) { *v = append(*v, FieldError{field, msg}) }

// Err returns v as an error, or nil when there is nothing wrong.
func (v Invalid) Err() error {
	if len(v) == 0 {
		return nil
	}
	return v
}

// FieldMsg returns the message for field in err, if err holds one.
func FieldMsg(err error, field string) string {
	var inv Invalid
	if errors.As(err, &inv) {
		for _, e := range inv {
			if e.Field == field {
				return e.Msg
			}
		}
	}
	var fe FieldError
	if errors.As(err, &fe) && fe.Field == field {
		return fe.Msg
	}
	return ""
}

// blank reports whether s is empty once spaces are trimmed.
func blank(s string) bool { return strings.TrimSpace(s) == "" }

// trim cleans the text fields of a form as it is saved: the characters no
// field may hold (hidden) are dropped, so that a record saved here is one
// another office's import accepts, then spaces at either end.
func trim(ss ...*string) {
	for _, s := range ss {
		t := strings.Map(func(c rune) rune {
			if hidden(c) {
				return -1
			}
			return c
		}, strings.ToValidUTF8(*s, ""))
		*s = strings.TrimSpace(t)
	}
}

// hidden reports whether c is a character a clerk cannot see that no text
// may hold: a control character other than tab and line breaks (which a
// pasted tab or an Excel cell with Alt+Enter bring into any field), or a
// bidirectional control that can make text show other than it reads.
func hidden(c rune) bool {
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7f && c <= 0x9f || bidi(c)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func checkLen(v *Invalid, field, s string, max int) {
	if utf8.RuneCountInString(s) > max {
		v.Add(field, "内容过长：最多"+strconv.Itoa(max)+"个字")
	}
}
