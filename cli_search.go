package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"wugeyi/app"
	"wugeyi/data"
)

// searchLimit is how many records of each kind search prints.
const searchLimit = 20

// runSearch prints the live records of every kind that hold all the
// words, grouped by kind, one line each with the record's id and title;
// "没有找到" when none does.
func runSearch(c *cmdContext) error {
	dbPath := c.fs.String("db", "", "")
	limit := c.fs.Int("limit", searchLimit, "")
	if err := c.fs.Parse(c.args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return c.usageErr("%s", flagReason(err))
	}
	path, err := c.needDB(*dbPath)
	if err != nil {
		return err
	}
	if err := existingDB(path); err != nil {
		return err
	}
	words := strings.Join(c.fs.Args(), " ")
	if len(app.SearchWords(words)) == 0 {
		return c.usageErr("缺少要搜索的词")
	}
	if *limit < 1 || *limit > 1000 {
		return c.usageErr("-limit 须是 1 至 1000 的整数")
	}
	return withDB(path, false, func(db *data.DB) error {
		svc, err := newService(db, cliOperator)
		if err != nil {
			return err
		}
		r, err := svc.Search(context.Background(), words, *limit)
		if err != nil {
			return err
		}
		var b strings.Builder
		if len(r.Groups) == 0 {
			b.WriteString("没有找到\n")
		}
		for _, g := range r.Groups {
			fmt.Fprintf(&b, "%s（%d）\n", g.Kind, g.Total)
			for _, x := range g.Results {
				fmt.Fprintf(&b, "  %s  %s\n", x.ID, x.Title)
			}
			if more := g.Total - len(g.Results); more > 0 {
				fmt.Fprintf(&b, "  ……另有 %d 条\n", more)
			}
		}
		_, err = fmt.Fprint(c.stdout, b.String())
		return err
	})
}
