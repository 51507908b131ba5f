package main

// The headless undelete command: a deleted record of this office brought
// back, as 设置 → 已删除的记录 → 恢复 does.

import (
	"context"
	"fmt"
	"strings"

	"wugeyi/data"
)

// runUndelete restores the deleted record -id (its table found by its
// ID) and says what came back with it; a refusal is one line.
func runUndelete(c *cmdContext) error {
	dbPath := c.fs.String("db", "", "")
	id := c.fs.String("id", "", "")
	path, err := c.existingDB(dbPath)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*id) == "" {
		return c.usageErr("缺少参数 -id（记录编号；用 wugeyi history -deleted 列出已删除的记录）")
	}
	return withDB(path, false, func(db *data.DB) error {
		svc, err := newService(db, cliOperator)
		if err != nil {
			return err
		}
		r, err := svc.UndeleteID(context.Background(), *id)
		if err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "%s  -id %s\n", r, r.ID)
		return nil
	})
}
