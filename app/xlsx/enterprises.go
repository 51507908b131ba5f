package xlsx

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"wugeyi/app"
)

// categories reads the row's cell of categories separated by 、 , ； or
// spaces.
func (r rowReader) categories() ([]string, error) {
	var out, bad []string
	for _, w := range strings.FieldsFunc(r.text("Categories"), func(r rune) bool { return strings.ContainsRune("、,，;；/ 　\n", r) }) {
		w, ok := r.v.read(enterpriseCategoryCol, w, r.row)
		switch {
		case !ok:
			bad = append(bad, w)
		case !slices.Contains(out, w):
			out = append(out, w)
		}
	}
	if len(bad) > 0 {
		return nil, unknownError(enterpriseCategoryCol, strings.Join(bad, "、"))
	}
	return out, nil
}

// PreviewEnterprises previews importing the enterprise list in sh with
// mapping m into the database of office me: a row whose credit code is on
// record matches that enterprise (and corrects it, if it is this office's
// and the row differs); a code that appears again further down the sheet
// is refused there.
func PreviewEnterprises(ctx context.Context, r Records, me app.Office, sh *Sheet, h Header, m Mapping) (*Plan, error) {
	return Preview(ctx, r, me, KindEnterprises, sh, h, m, nil)
}

func previewEnterprises(ctx context.Context, r Records, me app.Office, p *Plan, rows []int, read func(int) rowReader, m Mapping) error {
	stored, err := r.Enterprises(ctx, app.EnterpriseFilter{})
	if err != nil {
		return err
	}
	byCode := make(map[string]app.Enterprise, len(stored))
	for _, e := range stored {
		byCode[e.CreditCode] = e
	}
	firstRow := map[string]int{}
	for _, ri := range rows {
		rr := read(ri)
		res := RowResult{Sheet: p.Sheet, Row: ri + 1}
		var errs rowErrors
		e := app.Enterprise{Name: rr.text("Name"), Industry: rr.text("Industry"), LegalRep: rr.text("LegalRep"),
			Contact: rr.text("Contact"), Phone: rr.text("Phone"), Address: rr.text("Address")}
		code, cerr := rr.creditCode("CreditCode")
		errs.add(cerr)
		e.CreditCode = code
		cats, err := rr.categories()
		errs.add(err)
		e.Categories = cats
		e.Normalize()
		res.Name = e.Name
		if err := e.Validate(); err != nil {
			if cerr != nil { // the number-code message says it all
				err = dropField(err, "CreditCode")
			}
			errs.add(err)
		}
		if e.CreditCode != "" && cerr == nil {
			if first, ok := firstRow[e.CreditCode]; ok {
				errs.add(fmt.Errorf("统一社会信用代码 %s 与第%d行重复：同一企业只导入第一次出现的那一行", e.CreditCode, first))
			} else {
				firstRow[e.CreditCode] = ri + 1
			}
		}
		if len(errs) > 0 {
			res.Outcome, res.Msg = Refused, errs.String()
			p.Rows = append(p.Rows, res)
			continue
		}
		old, ok := byCode[e.CreditCode]
		switch {
		case !ok:
			res.Outcome = Create
			p.batch.Enterprises = append(p.batch.Enterprises, e)
			p.write(ri+1, app.TableEnterprises)
		case old.Office != me.Code:
			res.Outcome, res.Msg = Same, "已有（属于"+app.OfficeName(old.Office)+"，本单位不改动）"
		default:
			merged, changed := correct(old, e, m)
			if len(changed) == 0 {
				res.Outcome, res.Msg = Same, "已有，内容相同"
				break
			}
			res.Outcome, res.Msg = Update, "已有，将更新："+strings.Join(changed, "、")
			p.batch.Enterprises = append(p.batch.Enterprises, merged)
			p.write(ri+1, app.TableEnterprises)
		}
		p.Rows = append(p.Rows, res)
	}
	return nil
}

// correct is old with the fields the sheet gives (mapped and not blank)
// taken from e, and the labels of those that changed.
func correct(old, e app.Enterprise, m Mapping) (app.Enterprise, []string) {
	var changed []string
	set := func(key, label string, dst *string, v string) {
		if _, ok := m[key]; ok && v != "" && v != *dst {
			*dst = v
			changed = append(changed, label)
		}
	}
	out := old
	set("Name", "企业名称", &out.Name, e.Name)
	set("Industry", "所属行业", &out.Industry, e.Industry)
	set("LegalRep", "法定代表人", &out.LegalRep, e.LegalRep)
	set("Contact", "联系人", &out.Contact, e.Contact)
	set("Phone", "联系电话", &out.Phone, e.Phone)
	set("Address", "地址", &out.Address, e.Address)
	if _, ok := m["Categories"]; ok && len(e.Categories) > 0 && !slices.Equal(e.Categories, old.Categories) {
		out.Categories = e.Categories
		changed = append(changed, "企业类别")
	}
	return out, changed
}

// dropField is err without the messages about field.
func dropField(err error, field string) error {
	inv, ok := err.(app.Invalid)
	if !ok {
		return err
	}
	var out app.Invalid
	for _, fe := range inv {
		if fe.Field != field {
			out = append(out, fe)
		}
	}
	return out.Err()
}
