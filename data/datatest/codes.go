package datatest

import (
	"fmt"

	"wugeyi/app"
)

// CreditCode is a valid unified social credit code of 海港区 (130302)
// numbered n, for records made in tests.
func CreditCode(n int) string {
	body := fmt.Sprintf("91130302MA%07d", n)
	c, err := app.CreditCheckChar(body)
	if err != nil {
		panic(fmt.Sprintf("credit code %d: %v", n, err)) // n too large for seven digits
	}
	return body + string(c)
}
