package main

import (
	"context"
	"fmt"
	"strings"

	"wugeyi/app"
	"wugeyi/data"
)

// maxWorkdays is the most working days workdays counts: ten years.
const maxWorkdays = 2500

// runWorkdays prints the day -days working days after -from on this
// office's calendar (the published holidays and the years entered or
// received), as the program counts deadlines.
func runWorkdays(c *cmdContext) error {
	dbPath := c.fs.String("db", "", "")
	from := c.fs.String("from", "", "")
	days := c.fs.Int("days", -1, "")
	path, err := c.existingDB(dbPath)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*from) == "" {
		return c.usageErr("缺少参数 -from（起算日期，例如 2025-09-26）")
	}
	day, err := app.ParseDate(*from)
	if err != nil {
		return c.usageErr("-from：%v", err)
	}
	if *days < 0 || *days > maxWorkdays {
		return c.usageErr("-days 须是 0 至 %d 的工作日数", maxWorkdays)
	}
	return withDB(path, false, func(db *data.DB) error {
		st, err := db.Settings(context.Background())
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(c.stdout, st.Calendar.AddWorkingDays(day, *days))
		return err
	})
}
