package app

import "context"

// Enterprise is a key enterprise (重点企业) on an office's list.
type Enterprise struct {
	Meta
	CreditCode string   `json:"credit_code"` // 统一社会信用代码, 18 characters
	Name       string   `json:"name"`
	Industry   string   `json:"industry"`
	Categories []string `json:"categories"` // from EnterpriseCategories
	LegalRep   string   `json:"legal_rep"`
	Contact    string   `json:"contact"`
	Phone      string   `json:"phone"`
	Address    string   `json:"address"`
}

// EnterpriseCategories are the groups the notice names.
var EnterpriseCategories = []string{"三大一新", "规模以上", "专精特新", "高成长性", "高新技术"}

// Normalize trims fields and normalizes the credit code.
func (e *Enterprise) Normalize() {
	e.CreditCode = NormalizeCreditCode(e.CreditCode)
	trim(&e.Name, &e.Industry, &e.LegalRep, &e.Contact, &e.Phone, &e.Address)
}

// Validate checks an enterprise before it is saved. A duplicate credit code
// is checked by the store, which sees the other records.
func (e *Enterprise) Validate() error {
	var v Invalid
	if blank(e.Name) {
		v.Add("Name", "请填写企业名称")
	}
	if e.CreditCode == "" {
		v.Add("CreditCode", "请填写统一社会信用代码（18位，见营业执照）")
	} else if err := CheckCreditCode(e.CreditCode); err != nil {
		v.Add("CreditCode", err.Error())
	}
	checkLen(&v, "Name", e.Name, 100)
	checkLen(&v, "Address", e.Address, 200)
	return v.Err()
}

// EnterpriseFilter selects enterprises. Zero fields select everything.
type EnterpriseFilter struct {
	Office string
	Query  string // name or credit code, any part
	Limit  int
}

// SaveEnterprise checks and saves an enterprise (new when e.ID is empty).
func (s *Service) SaveEnterprise(ctx context.Context, e *Enterprise) error {
	e.Normalize()
	if err := e.Validate(); err != nil {
		return err
	}
	return saveCopy(s, ctx, e, Tx.SaveEnterprise)
}
