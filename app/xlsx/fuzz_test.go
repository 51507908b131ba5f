package xlsx_test

import (
	"testing"

	"wugeyi/app/xlsx"
)

// Whatever bytes come in, reading and previewing them returns a workbook
// or an error, never a panic.
func FuzzRead(f *testing.F) {
	b := newBook(f, "台账").row(1, "问题台账").merge("A1", "D1").
		row(2, "企业名称", "信用代码", "存在问题", "提出时间").
		row(3, "秦皇岛甲机械有限公司", code(f, 1), "用地", 46086)
	valid := b.bytes()
	f.Add(valid)
	f.Add(valid[:len(valid)/2])
	f.Add([]byte("PK\x03\x04"))
	svc, _ := service(f) // previews only read: one database serves every input
	f.Fuzz(func(t *testing.T, data []byte) {
		bk, err := xlsx.Read(data)
		if err != nil {
			return
		}
		for _, k := range []xlsx.Kind{xlsx.KindEnterprises, xlsx.KindProblems} {
			if _, err := preview(t, svc, k, data); err != nil {
				continue
			}
		}
		_ = bk
	})
}
