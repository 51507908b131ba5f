package main

// The assess subcommand: the city bureau's yearly assessment of the
// counties, headless: hand scores, the ranking, publishing.

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"wugeyi/app"
	"wugeyi/data"
)

// assessUsage is the usage line of wugeyi assess.
const assessUsage = "wugeyi assess -db 数据库文件 -year 年份 [-fund 资金总额（万元）] [-score 机构代码:指标名称=得分 ...] [-publish]"

// runAssess saves the hand scores given (all or none), prints the ranking
// of the year, and publishes it with -publish.
func runAssess(c *cmdContext) error {
	dbPath := c.fs.String("db", "", "")
	year := c.fs.Int("year", 0, "")
	fundText := c.fs.String("fund", "", "")
	publish := c.fs.Bool("publish", false, "")
	var scores []app.HandScore
	c.fs.Func("score", "", func(v string) error {
		h, err := parseHandScore(v)
		if err != nil {
			return err
		}
		scores = append(scores, h)
		return nil
	})
	path, err := c.existingDB(dbPath)
	if err != nil {
		return err
	}
	fund, err := app.ParseWan(*fundText)
	if err != nil {
		return c.usageErr("-fund 须是以万元计的金额，如 1000（%s）", err.Error())
	}
	if *year < 2017 {
		return c.usageErr("缺少参数 -year（考核年度，如 2025）")
	}
	return withDB(path, false, func(db *data.DB) error {
		ctx := context.Background()
		svc, err := newService(db, cliOperator)
		if err != nil {
			return err
		}
		if len(scores) > 0 {
			if err := svc.SetHandScores(ctx, *year, scores); err != nil {
				return err
			}
			fmt.Fprintf(c.stdout, "已保存%d项人工评分\n", len(scores))
		}
		var r app.Ranking
		if *publish {
			r, err = svc.PublishRanking(ctx, *year, fund)
		} else {
			r, err = svc.Ranking(ctx, *year, fund)
		}
		if err != nil {
			return err
		}
		writeRanking(c, r)
		if *publish {
			fmt.Fprintf(c.stdout, "已发布%d年度考核结果并锁定：下次向各县区导出同步文件时一并发送\n", r.Year)
		}
		return nil
	})
}

// parseHandScore reads a -score value: 130302:信息报送与资料管理=8.5.
func parseHandScore(v string) (app.HandScore, error) {
	office, rest, ok1 := strings.Cut(v, ":")
	name, score, ok2 := strings.Cut(rest, "=")
	x, err := strconv.ParseFloat(strings.TrimSpace(score), 64)
	if !ok1 || !ok2 || err != nil {
		return app.HandScore{}, fmt.Errorf("-score 应写作 机构代码:指标名称=得分，如 130302:信息报送与资料管理=8.5，不是“%s”", v)
	}
	return app.HandScore{Office: strings.TrimSpace(office), Indicator: strings.TrimSpace(name), Score: x}, nil
}

// writeRanking prints r as a table, best first, with its state.
func writeRanking(c *cmdContext, r app.Ranking) {
	fmt.Fprintln(c.stdout, "排名\t单位\t总分\t等次\t建议分配资金\t人工评分")
	for _, a := range r.Ranked() {
		state := "完整"
		if n := a.Missing(); n > 0 {
			state = fmt.Sprintf("缺%d项", n)
		}
		share := "—"
		if a.Fund > 0 {
			share = a.Share.String()
		}
		fmt.Fprintf(c.stdout, "%d\t%s\t%.1f\t%s\t%s\t%s\n", a.Rank, app.OfficeName(a.Office), a.Total, a.Grade, share, state)
	}
	for _, o := range r.Absent {
		fmt.Fprintf(c.stdout, "—\t%s\t未报送同步文件，不参加考核\n", app.OfficeName(o))
	}
	if !r.Published.IsZero() {
		fmt.Fprintf(c.stdout, "%d年度考核结果已于%s发布并锁定\n", r.Year, r.Published.Chinese())
	}
}
