package print

import (
	"fmt"
	"time"

	"wugeyi/app"
)

// OwnFiguresDoc lays out an office's own figures for a period
// (app.Service.OwnFigures) as the table a county puts in its 工作总结:
// landscape A4, titled "<issuer>重点企业联系服务“五个一”工作机制进展情况统计表"
// with the period and the day counted to under it, the figures as the
// city's notice gives them (one row, not ranked) with their note, and its
// departments' figures when it has any.
func OwnFiguresDoc(fs *Fonts, is app.Issuer, n app.Notice, at time.Time) (*Doc, error) {
	title := is.Short + "重点企业联系服务“五个一”工作机制进展情况统计表"
	d, err := New(fs, Landscape, title, at)
	if err != nil {
		return nil, err
	}
	d.OfficialTitle(title)
	d.Centred(fmt.Sprintf("（%s，统计截至%s）", n.Period.Label(), n.End.Chinese()), Kai, Size3)
	d.Space(4)
	d.Table(noticeTableOf(d.Width(), n))
	d.Space(2)
	d.LabeledIn("说明：", figuresNote(n), Song, Size5)
	if len(n.Depts) > 0 {
		d.Space(6)
		d.Centred("各责任单位问题办理情况", Hei, Size3)
		d.Space(2)
		d.Table(deptTableOf(d.Width(), n))
		d.Space(2)
		d.LabeledIn("说明：", "统计本期登记、已交办的问题，按牵头责任单位分列；"+deptCounted, Song, Size5)
	}
	return d, nil
}
