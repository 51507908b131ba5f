package data_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data"
)

// The benchmark database: 10 offices × 10 years, built once per run.
var bench struct {
	once  sync.Once
	dir   string
	db    *data.DB
	err   error
	built time.Duration
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bench.db != nil {
		bench.db.Close()
	}
	if bench.dir != "" {
		os.RemoveAll(bench.dir)
	}
	os.Exit(code)
}

// benchDB returns the shared benchmark database, building it on first use.
// WUGEYI_BENCH_DB=PATH keeps it at PATH and reuses it in later runs.
func benchDB(b *testing.B) *data.DB {
	b.Helper()
	bench.once.Do(func() {
		start := time.Now()
		path := os.Getenv("WUGEYI_BENCH_DB")
		if path != "" {
			if _, err := os.Stat(path); err == nil {
				bench.db, bench.err = data.Open(path)
				return
			}
		} else {
			bench.dir, bench.err = os.MkdirTemp("", "wugeyi-bench-")
			if bench.err != nil {
				return
			}
			path = filepath.Join(bench.dir, "bench.db")
		}
		bench.db, bench.err = data.Open(path)
		if bench.err != nil {
			return
		}
		bench.err = fillBench(bench.db)
		bench.built = time.Since(start)
		fmt.Fprintf(os.Stderr, "bench database built in %v\n", bench.built.Round(time.Millisecond))
	})
	if bench.err != nil {
		b.Fatalf("build bench database: %v", bench.err)
	}
	return bench.db
}

var (
	benchToday  = app.D(2026, 3, 16)
	benchStart  = app.D(2016, 3, 16)
	benchDays   = benchStart.DaysUntil(benchToday)
	benchOffice = []string{"130302", "130303", "130304", "130306", "130321", "130322", "130324", "130371", "130372", "130300"}
	nameHead    = []string{"宏达", "华信", "耀华", "长城", "渤海", "燕山", "港城", "秦港", "北方", "天马", "金海", "鑫源", "中冶", "首秦", "山海", "正大", "海阳", "昌盛", "卢龙", "青龙"}
	nameTrade   = []string{"机械制造", "玻璃", "钢铁", "重工", "食品", "葡萄酒", "电子科技", "新材料", "生物医药", "船舶", "物流", "光伏", "汽车零部件", "包装", "建材"}
	surnames    = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗"}
	given       = []string{"建国", "海涛", "志强", "丽华", "晓东", "春燕", "立新", "红梅", "国庆", "明辉", "秀英", "伟", "静", "磊", "洋", "敏"}
	posts       = []string{"区长", "副区长", "常务副区长", "区委书记", "区委副书记", "人大主任", "政协主席", "副县长"}
	depts       = []string{"自然资源和规划局", "住房和城乡建设局", "人力资源和社会保障局", "金融工作办公室", "生态环境局", "行政审批局", "发展和改革局", "工业和信息化局", "商务局", "税务局"}
	topics      = map[string][]string{
		"规划": {"厂区规划调整审批周期长", "项目规划许可办理缓慢", "园区道路规划未落地"},
		"用地": {"新厂区用地指标不足", "土地证办理缓慢", "项目用地征收进度慢"},
		"建设": {"厂房施工许可手续复杂", "配套管网建设滞后", "施工图审查时间长"},
		"融资": {"流动资金贷款到期续贷困难", "缺少有效抵押物融资难", "设备更新贷款利率偏高"},
		"用工": {"熟练技术工人招聘困难", "高校毕业生留不住", "季节性用工短缺"},
		"环保": {"环评审批时间长", "排污许可证延续办理", "环保设备改造资金不足"},
		"审批": {"生产许可证换证缓慢", "消防验收排队时间长", "特种设备检验周期长"},
		"政策": {"技改补贴政策兑现慢", "研发费用加计扣除不清楚", "专精特新奖励申报咨询"},
		"其他": {"厂区周边道路破损", "通勤公交线路不足", "供电容量不足需扩容"},
	}
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func person(r *rand.Rand) string { return pick(r, surnames) + pick(r, given) }

// fillBench generates the benchmark records, one transaction per office,
// then gives each office's rows to that office.
func fillBench(db *data.DB) error {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(2017, 200))
	if err := db.Update(ctx, app.Op{Operator: "生成", At: now}, func(tx app.Tx) error {
		if err := tx.SetUp(app.Office{Code: "130302", Name: "海港区", Role: app.RoleCounty}); err != nil {
			return err
		}
		return tx.SaveSettings(app.DefaultSettings())
	}); err != nil {
		return err
	}
	code := 0
	for oi, office := range benchOffice {
		made := map[app.Table][]string{}
		add := func(t app.Table, id string) { made[t] = append(made[t], id) }
		err := db.Update(ctx, app.Op{Operator: "生成", At: now}, func(tx app.Tx) error {
			ents := make([]app.Enterprise, 300)
			for i := range ents {
				code++
				body := fmt.Sprintf("91%s%09d", office, code)
				c, err := app.CreditCheckChar(body)
				if err != nil {
					return err
				}
				ents[i] = app.Enterprise{CreditCode: body + string(c),
					Name:       fmt.Sprintf("秦皇岛%s%s有限公司%d", pick(r, nameHead), pick(r, nameTrade), code),
					Industry:   pick(r, nameTrade),
					Categories: []string{pick(r, app.EnterpriseCategories)},
					LegalRep:   person(r), Contact: person(r), Phone: fmt.Sprintf("1390335%04d", r.IntN(10000))}
				if err := tx.SaveEnterprise(&ents[i]); err != nil {
					return err
				}
				add(app.TableEnterprises, ents[i].ID)
			}
			leaders := make([]app.Leader, 30)
			for i := range leaders {
				lvl := app.LevelCounty
				if office == app.CityCode {
					lvl = app.LevelCity
				}
				leaders[i] = app.Leader{Name: person(r), Post: pick(r, posts), Level: lvl, Body: pick(r, app.Bodies)}
				if err := tx.SaveLeader(&leaders[i]); err != nil {
					return err
				}
				add(app.TableLeaders, leaders[i].ID)
			}
			var as []app.Assignment
			for li := range leaders {
				if li >= 28 {
					continue // a couple of idle leaders per office
				}
				for range 5 + r.IntN(11) {
					a := app.Assignment{LeaderID: leaders[li].ID, EnterpriseID: pick(r, ents).ID, Liaison: person(r),
						LeadDept: pick(r, depts), From: benchStart.AddDays(r.IntN(benchDays / 2))}
					if r.IntN(5) == 0 {
						a.To = a.From.AddDays(365 + r.IntN(2000))
					}
					if err := tx.SaveAssignment(&a); err != nil {
						return err
					}
					add(app.TableAssignments, a.ID)
					as = append(as, a)
				}
			}
			periodStart := app.PeriodStart(benchToday, 3)
			for i := range 6000 {
				a := pick(r, as)
				d := benchStart.AddDays(r.IntN(benchDays + 1))
				if i < len(as) && r.IntN(10) < 7 {
					a = as[i]
					d = periodStart.AddDays(r.IntN(periodStart.DaysUntil(benchToday) + 1))
				}
				v := app.Visit{Date: d, LeaderID: a.LeaderID, EnterpriseID: a.EnterpriseID, Mode: pick(r, app.VisitModes),
					Companions: person(r), Findings: "企业生产经营总体平稳，" + pick(r, topics[pick(r, app.Categories)])}
				if err := tx.SaveVisit(&v); err != nil {
					return err
				}
				add(app.TableVisits, v.ID)
			}
			for range 4000 {
				p, evs := benchProblem(r, pick(r, ents).ID)
				if err := tx.SaveProblem(&p); err != nil {
					return err
				}
				add(app.TableProblems, p.ID)
				for i := range evs {
					evs[i].ProblemID = p.ID
					if err := tx.SaveEvent(&evs[i]); err != nil {
						return err
					}
					add(app.TableEvents, evs[i].ID)
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("office %s: %w", office, err)
		}
		if oi == 0 {
			continue
		}
		for t, list := range made {
			if err := data.SetOwner(db, t, office, list...); err != nil {
				return err
			}
		}
	}
	return data.Optimize(db)
}

// benchProblem makes a problem in a realistic final state with its timeline.
func benchProblem(r *rand.Rand, enterpriseID string) (app.Problem, []app.Event) {
	cat := pick(r, app.Categories)
	reg := benchStart.AddDays(r.IntN(benchDays + 1))
	p := app.Problem{EnterpriseID: enterpriseID, Source: pick(r, app.Sources), Category: cat,
		Description: pick(r, topics[cat]) + "，影响企业正常生产", Request: "请相关部门协调解决", Registered: reg, Status: app.StatusRegistered}
	evs := []app.Event{{Kind: app.EventRegistered, Date: reg, Text: p.Description, Status: app.StatusRegistered}}
	ev := func(k app.ActionKind, d app.Date, s app.Status, text string) {
		evs = append(evs, app.Event{Kind: k, Date: d, Status: s, Text: text})
		p.Status = s
	}
	age := reg.DaysUntil(benchToday)
	x := r.IntN(100)
	if age <= 90 && x < 20 {
		return p, evs // 登记, waiting to be assigned
	}
	if x >= 95 && age > 90 {
		p.Handling, p.Explanation, p.ClosedOn = app.HandleExplain, "依据现行规定不能办理，已向企业解释", reg.AddDays(3)
		ev(app.ActExplain, p.ClosedOn, app.StatusExplained, p.Explanation)
		return p, evs
	}
	p.Handling, p.LeadDept, p.Person = app.HandleAssign, "区"+pick(r, depts), person(r)
	p.Deadline = app.Calendar{}.AddWorkingDays(reg.AddDays(1), 15)
	ev(app.ActAssign, reg.AddDays(1), app.StatusAssigned, "")
	evs[len(evs)-1].LeadDept, evs[len(evs)-1].Person, evs[len(evs)-1].NewDeadline = p.LeadDept, p.Person, p.Deadline
	open := (age <= 90 && x < 70) || (age > 90 && x < 3)
	if open {
		if x%2 == 0 {
			ev(app.ActProgress, reg.AddDays(5), app.StatusInProgress, "已对接企业，正在办理")
		}
		return p, evs
	}
	p.Result, p.ClosedOn = "已协调解决", reg.AddDays(10+r.IntN(20))
	ev(app.ActFinish, p.ClosedOn, app.StatusDone, p.Result)
	if age <= 90 || x < 10 {
		return p, evs
	}
	p.FollowUp, p.Satisfaction = "电话回访", pick(r, app.Satisfactions[:2])
	ev(app.ActFollowUp, p.ClosedOn.AddDays(5), app.StatusFollowedUp, p.FollowUp)
	if x < 20 {
		return p, evs
	}
	ev(app.ActClose, p.ClosedOn.AddDays(7), app.StatusClosed, "")
	return p, evs
}

func benchProblems(b *testing.B, f app.ProblemFilter) {
	db := benchDB(b)
	ctx := context.Background()
	b.ResetTimer()
	var n int
	for b.Loop() {
		ps, err := db.Problems(ctx, f)
		if err != nil {
			b.Fatal(err)
		}
		n = len(ps)
	}
	if n == 0 {
		b.Fatal("no rows")
	}
	b.ReportMetric(float64(n), "rows")
}

func BenchmarkDashboard(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	var d app.Dashboard
	for b.Loop() {
		var err error
		if d, err = db.Dashboard(ctx, benchToday, app.DefaultSettings(), ""); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(d.Overdue)), "overdue")
	b.ReportMetric(float64(len(d.DueSoon)), "duesoon")
	b.ReportMetric(float64(len(d.Unassigned)), "unassigned")
	b.ReportMetric(float64(len(d.Unvisited)), "unvisited")
	b.ReportMetric(float64(len(d.IdleLeaders)), "idle")
}

func BenchmarkProblemsFilterStatus(b *testing.B) {
	benchProblems(b, app.ProblemFilter{Status: app.StatusInProgress})
}

func BenchmarkProblemsFilterStatusClosed(b *testing.B) {
	benchProblems(b, app.ProblemFilter{Status: app.StatusClosed})
}

func BenchmarkProblemsFilterOverdueDept(b *testing.B) {
	benchProblems(b, app.ProblemFilter{Overdue: true, Today: benchToday, Dept: "自然资源"})
}

func BenchmarkProblemsFilterOfficeCategory(b *testing.B) {
	benchProblems(b, app.ProblemFilter{Office: "130303", Category: "融资"})
}

func BenchmarkProblemsSearch4(b *testing.B) {
	benchProblems(b, app.ProblemFilter{Query: "抵押物融"})
}

func BenchmarkProblemsSearch4Limit(b *testing.B) {
	benchProblems(b, app.ProblemFilter{Query: "用地指标", Limit: 200})
}

func BenchmarkProblemsSearch2(b *testing.B) {
	benchProblems(b, app.ProblemFilter{Query: "续贷"})
}

func BenchmarkProblemsAll(b *testing.B) {
	benchProblems(b, app.ProblemFilter{})
}

// A page of the ledger as the screen asks for it: the newest 500 rows of a
// status, of the whole ledger, and of the overdue problems.

func BenchmarkLedgerPageClosed(b *testing.B) {
	benchProblems(b, app.ProblemFilter{Status: app.StatusClosed, Limit: 500})
}

func BenchmarkLedgerPageAll(b *testing.B) {
	benchProblems(b, app.ProblemFilter{Limit: 500})
}

func BenchmarkLedgerPageOverdue(b *testing.B) {
	benchProblems(b, app.ProblemFilter{Overdue: true, Today: benchToday, Limit: 500})
}

func BenchmarkStats(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	var s app.Stats
	for b.Loop() {
		var err error
		if s, err = db.Stats(ctx, benchToday); err != nil {
			b.Fatal(err)
		}
	}
	// At least: BenchmarkSaveProblemWithEvent adds problems to a database
	// kept with WUGEYI_BENCH_DB.
	if s.Offices != 10 || s.Problems < 40000 {
		b.Fatalf("stats %+v", s)
	}
	b.ReportMetric(float64(s.ProblemsOpen), "open")
	b.ReportMetric(float64(s.ProblemsOverdue), "overdue")
}

func BenchmarkSaveProblemWithEvent(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	es, err := db.Enterprises(ctx, app.EnterpriseFilter{Office: "130302", Limit: 1})
	if err != nil || len(es) == 0 {
		b.Fatal(err)
	}
	for b.Loop() {
		err := db.Update(ctx, app.Op{Operator: "测", At: now}, func(tx app.Tx) error {
			p := app.Problem{EnterpriseID: es[0].ID, Source: "走访", Category: "用地", Description: "测试写入", Registered: benchToday, Status: app.StatusRegistered}
			if err := tx.SaveProblem(&p); err != nil {
				return err
			}
			ev := app.RegisterEvent(&p)
			return tx.SaveEvent(&ev)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
