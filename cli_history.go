package main

// The headless history command: a record's versions from the change log,
// or the list of deleted records whose history can be read.

import (
	"context"
	"fmt"
	"io"
	"strings"

	"wugeyi/app"
	"wugeyi/data"
)

// runHistory prints the history of the record -id: each version with its
// time, operator and the fields it changed (old → new). With -deleted it
// lists the deleted records instead, each with the ID to ask for.
func runHistory(c *cmdContext) error {
	dbPath := c.fs.String("db", "", "")
	id := c.fs.String("id", "", "")
	deleted := c.fs.Bool("deleted", false, "")
	path, err := c.existingDB(dbPath)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*id) == "" && !*deleted {
		return c.usageErr("缺少参数 -id（记录编号；用 -deleted 列出已删除的记录）")
	}
	return withDB(path, false, func(db *data.DB) error {
		ctx := context.Background()
		svc, err := newService(db, cliOperator)
		if err != nil {
			return err
		}
		if *deleted {
			list, err := svc.DeletedRecords(ctx, app.DeletedFilter{})
			if err != nil {
				return err
			}
			if len(list) == 0 {
				fmt.Fprintln(c.stdout, "没有已删除的记录")
			}
			for _, d := range list {
				fmt.Fprintf(c.stdout, "%s  %s删除  %s  -id %s\n", d.At.Local().Format("2006-01-02 15:04"), d.By, d.Title, d.ID)
			}
			return nil
		}
		h, err := svc.History(ctx, strings.TrimSpace(*id))
		if err != nil {
			return err
		}
		printHistory(c.stdout, h)
		return nil
	})
}

// printHistory writes h as lines of text: the record, then each version
// and the fields it changed.
func printHistory(w io.Writer, h app.History) {
	state := ""
	if h.Deleted {
		state = "（已删除）"
	}
	fmt.Fprintf(w, "%s%s  %s  编号 %s\n", h.Title, state, app.OfficeName(h.Office), h.ID)
	if h.Partial {
		fmt.Fprintf(w, "这是%s的记录，本库只有收到的最新版本；逐次修改记录在%s的数据库中\n", app.OfficeName(h.Office), app.OfficeName(h.Office))
	}
	for _, v := range h.Versions {
		fmt.Fprintf(w, "第 %d 版  %s  %s  %s\n", v.Version, v.At.Local().Format("2006-01-02 15:04:05"), v.By, v.Op)
		for _, f := range v.Changes {
			fmt.Fprintf(w, "    %s：%s → %s\n", f.Label, orEmpty(f.Old), orEmpty(f.New))
		}
	}
}

// orEmpty is s, or says it is empty.
func orEmpty(s string) string {
	if s == "" {
		return "（空）"
	}
	return oneLine(s)
}
