package app

// ImportWord is a value an office writes in a workbook's column that the
// program did not know, and the value the clerk said it means: the next
// import of the same database reads it the same way. Import words stay in
// the database they were made in; they are not synced.
type ImportWord struct {
	Column string `json:"column"` // the column's label, e.g. 企业类别
	From   string `json:"from"`   // the value as written in the workbook (folded: no spaces, half-width)
	To     string `json:"to"`     // the value of the program it means
}
