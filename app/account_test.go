package app_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/app/syncfile"
	"wugeyi/data/datatest"
)

// The passwords of the accounts the tests make.
const (
	adminPass  = "guanli-2026"
	clerkPass  = "luru-2026"
	readerPass = "chakan-2026"
)

// addAccounts gives st a 管理员 张三, a 录入员 李四 and a 只读 王五, and
// returns the service signed in as 张三.
func addAccounts(t *testing.T, st app.Store, now time.Time) *app.Service {
	t.Helper()
	ctx := context.Background()
	admin := &app.Service{Store: st, Now: func() time.Time { return now }}
	if err := admin.AddFirstAdmin(ctx, "张三", adminPass); err != nil {
		t.Fatal(err)
	}
	if err := admin.AddAccount(ctx, "李四", app.AccessClerk, clerkPass); err != nil {
		t.Fatal(err)
	}
	if err := admin.AddAccount(ctx, "王五", app.AccessReader, readerPass); err != nil {
		t.Fatal(err)
	}
	return admin
}

// signedIn is a service over st signed in as name.
func signedIn(t *testing.T, st app.Store, now time.Time, name, password string) *app.Service {
	t.Helper()
	s := &app.Service{Store: st, Now: func() time.Time { return now }}
	if err := s.SignIn(context.Background(), name, password); err != nil {
		t.Fatalf("sign in as %s: %v", name, err)
	}
	return s
}

func TestHashPassword(t *testing.T) {
	h, err := app.HashPassword("秦皇岛-2026")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=65536,t=1,p=2$") || strings.Contains(h, "秦皇岛") {
		t.Fatalf("hash %q: want an argon2id hash that does not hold the password", h)
	}
	h2, err := app.HashPassword("秦皇岛-2026")
	if err != nil {
		t.Fatal(err)
	}
	if h == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	for _, c := range []struct {
		hash, pass string
		want       bool
	}{
		{h, "秦皇岛-2026", true},
		{h2, "秦皇岛-2026", true},
		{h, "秦皇岛-2027", false},
		{h, "", false},
		{"", "", false},
		{strings.Replace(h, "argon2id", "argon2i", 1), "秦皇岛-2026", false},
		{strings.Replace(h, "m=65536", "m=999999999", 1), "秦皇岛-2026", false}, // would take the machine's memory
		{strings.Replace(h, "t=1", "t=x", 1), "秦皇岛-2026", false},
		{h[:len(h)-4], "秦皇岛-2026", false},
		{h + "$", "秦皇岛-2026", false},
	} {
		if got := app.CheckPassword(c.hash, c.pass); got != c.want {
			t.Errorf("CheckPassword(%q, %q) = %v, want %v", c.hash, c.pass, got, c.want)
		}
	}
}

// Five wrong passwords in a row lock the account for a minute, even to the
// right password, and the count outlives the service (a closed window);
// the right password then signs in and the count starts again.
func TestSignInLocks(t *testing.T) {
	ctx := context.Background()
	st := datatest.NewSetUp(t, haigangOffice)
	now := svcNow
	addAccounts(t, st, now)
	clock := func() time.Time { return now }
	for i := range app.MaxFailures {
		s := &app.Service{Store: st, Now: clock} // a new window each time
		err := s.SignIn(ctx, "李四", "wrong-pass")
		if err == nil || s.SignedIn() != nil {
			t.Fatalf("try %d: a wrong password signed in", i+1)
		}
		if i < app.MaxFailures-1 && !errors.Is(err, app.ErrWrongPassword) {
			t.Fatalf("try %d: %v, want ErrWrongPassword", i+1, err)
		}
		if i == app.MaxFailures-1 && !strings.Contains(app.Message(err), "锁定1分钟") {
			t.Fatalf("try %d: %q, want the account locked for a minute", i+1, app.Message(err))
		}
	}
	s := &app.Service{Store: st, Now: clock}
	now = now.Add(30 * time.Second)
	if err := s.SignIn(ctx, "李四", clerkPass); err == nil || !strings.Contains(app.Message(err), "请31秒后再试") {
		t.Fatalf("right password while locked: %v, want refused, 31 s to wait", err)
	}
	// Another account is not locked.
	if err := (&app.Service{Store: st, Now: clock}).SignIn(ctx, "王五", readerPass); err != nil {
		t.Fatalf("another account: %v", err)
	}
	now = now.Add(31 * time.Second)
	if err := s.SignIn(ctx, "李四", clerkPass); err != nil {
		t.Fatalf("after the minute: %v", err)
	}
	if s.Operator != "李四" || s.SignedIn().Access != app.AccessClerk {
		t.Fatalf("signed in as %q (%v), want 李四 录入员", s.Operator, s.SignedIn())
	}
	a, err := st.Account(ctx, "李四")
	if err != nil {
		t.Fatal(err)
	}
	if a.Failures != 0 || !a.LockedTo.IsZero() {
		t.Errorf("after signing in: %d failures, locked to %v; want the count cleared", a.Failures, a.LockedTo)
	}
	if err := s.SignIn(ctx, "赵六", clerkPass); !errors.Is(err, app.ErrWrongPassword) {
		t.Errorf("unknown account: %v, want the same refusal as a wrong password", err)
	}
}

// A database with accounts changes nothing for a service nobody signed in
// to (a script without WUGEYI_OPERATOR); its change log names the account
// that signed in; a database without accounts works as before.
func TestAccountsGuardWrites(t *testing.T) {
	ctx := context.Background()
	st := datatest.NewSetUp(t, haigangOffice)
	before := app.NewService(st, "命令行")
	e := app.Enterprise{Name: "秦皇岛某机械有限公司", CreditCode: datatest.CreditCode(7)}
	if err := before.SaveEnterprise(ctx, &e); err != nil {
		t.Fatalf("a database without accounts: %v", err)
	}
	addAccounts(t, st, svcNow)
	snap := st.Snapshot()
	e2 := app.Enterprise{Name: "秦皇岛某钢铁有限公司", CreditCode: datatest.CreditCode(8)}
	if err := before.SaveEnterprise(ctx, &e2); !errors.Is(err, app.ErrSignInNeeded) {
		t.Fatalf("no one signed in: %v, want ErrSignInNeeded", err)
	}
	if d := snap.Diff(st.Snapshot()); d != nil {
		t.Fatalf("a refused write changed %v", d)
	}
	clerk := signedIn(t, st, svcNow, "李四", clerkPass)
	if err := clerk.SaveEnterprise(ctx, &e2); err != nil {
		t.Fatal(err)
	}
	h, err := clerk.History(ctx, e2.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Versions) != 1 || h.Versions[0].By != "李四" {
		t.Fatalf("history %+v, want one version by 李四", h.Versions)
	}
	if err := clerk.AddFirstAdmin(ctx, "赵六", adminPass); err == nil {
		t.Error("a second first 管理员 was added")
	}
	// An account removed while signed in changes nothing more.
	admin := signedIn(t, st, svcNow, "张三", adminPass)
	if err := admin.RemoveAccount(ctx, "李四"); err != nil {
		t.Fatal(err)
	}
	e2.Phone = "0335-1234567"
	if err := clerk.SaveEnterprise(ctx, &e2); err == nil || !strings.Contains(app.Message(err), "已被管理员删除") {
		t.Fatalf("removed account: %v, want refused", err)
	}
}

// The last 管理员 can be neither removed nor made another kind; a
// forgotten password is reset by a 管理员 and the old one stops working;
// anyone changes their own, given the old one.
func TestAccountRules(t *testing.T) {
	ctx := context.Background()
	st := datatest.NewSetUp(t, haigangOffice)
	admin := addAccounts(t, st, svcNow)
	if err := admin.RemoveAccount(ctx, "张三"); !errors.Is(err, app.ErrLastAdmin) {
		t.Errorf("remove the last 管理员: %v", err)
	}
	if err := admin.SetAccess(ctx, "张三", app.AccessClerk); !errors.Is(err, app.ErrLastAdmin) {
		t.Errorf("demote the last 管理员: %v", err)
	}
	if err := admin.SetAccess(ctx, "李四", app.AccessAdmin); err != nil {
		t.Fatal(err)
	}
	if err := admin.SetAccess(ctx, "张三", app.AccessClerk); err != nil {
		t.Errorf("demote a 管理员 when another is left: %v", err)
	}
	for _, c := range []struct {
		name, pass string
		access     app.Access
		field      string
	}{
		{"", "abcdef", app.AccessClerk, "Name"},
		{"李四", "abcdef", app.AccessClerk, "Name"},
		{"赵六", "abc", app.AccessClerk, "Password"},
		{"赵六", "abcdef", app.Access("超级"), "Access"},
		{strings.Repeat("长", 21), "abcdef", app.AccessClerk, "Name"},
	} {
		li := signedIn(t, st, svcNow, "李四", clerkPass)
		if err := li.AddAccount(ctx, c.name, c.access, c.pass); app.FieldMsg(err, c.field) == "" {
			t.Errorf("add %q %q %q: %v, want a message on %s", c.name, c.pass, c.access, err, c.field)
		}
	}
	if err := admin.ResetPassword(ctx, "王五", "xin-mima-1"); !errors.Is(err, app.ErrAdminOnly) {
		t.Errorf("a 录入员 (张三, demoted) reset a password: %v", err)
	}
	li := signedIn(t, st, svcNow, "李四", clerkPass)
	if err := li.ResetPassword(ctx, "王五", "xin-mima-1"); err != nil {
		t.Fatal(err)
	}
	if err := (&app.Service{Store: st, Now: admin.Now}).SignIn(ctx, "王五", readerPass); !errors.Is(err, app.ErrWrongPassword) {
		t.Errorf("old password after a reset: %v", err)
	}
	wang := signedIn(t, st, svcNow, "王五", "xin-mima-1")
	if err := wang.ChangePassword(ctx, "wrong", "wode-mima"); app.FieldMsg(err, "Old") == "" {
		t.Errorf("change with a wrong old password: %v", err)
	}
	if err := wang.ChangePassword(ctx, "xin-mima-1", "wode-mima"); err != nil {
		t.Fatalf("a 只读 account changes its own password: %v", err)
	}
	signedIn(t, st, svcNow, "王五", "wode-mima")
	for _, s := range []string{"管理员", "admin", " 录入员 ", "只读", "reader"} {
		if _, err := app.ParseAccess(s); err != nil {
			t.Errorf("ParseAccess(%q): %v", s, err)
		}
	}
	if _, err := app.ParseAccess("root"); err == nil {
		t.Error("ParseAccess(root) accepted")
	}
}

// writeCase is one method of the Service that writes, as the role table
// calls it: need is the least kind of account that may, prep readies the
// database (as a 管理员) and returns the call.
type writeCase struct {
	method string
	city   bool // at the city bureau's database; else a county's
	need   app.Access
	prep   func(t *testing.T, ctx context.Context, admin *app.Service, st *datatest.Store) func(s *app.Service) error
}

// serviceReads are the exported methods of the Service that write
// nothing (or, for the sign-in ones, are the check itself), so that the
// role table below fails when a method is added without saying which
// kind of account may call it.
var serviceReads = []string{
	"Today", "Op", "Dashboard", "Ranking", "AssessmentForm", "AssessmentStamp", "HandScores", "Assessment",
	"AttachmentContent", "Supervision", "FundBook", "LoanWithDecision", "Fund", "History", "DeletedRecords",
	"Notice", "OwnFigures", "Trend", "Profile", "Search", "SignedIn", "HasAccounts", "Allowed",
	// Signing in and out write only the account's count of wrong
	// passwords; the first 管理员 is refused once any account exists.
	"SignIn", "SignOut", "AddFirstAdmin",
	// The office's sync keys are made by whoever opens it first.
	"EnsureKeys",
	// Checked returns the Store whose Update is Update's (in the table).
	"Checked",
}

// Every Service method that writes refuses a 只读 account and changes
// nothing; those of a 管理员 refuse a 录入员 as well (saying that a 管理员
// may); each succeeds for the kinds that may. The table must name every method of the Service.
func TestAccessEveryWrite(t *testing.T) {
	ctx := context.Background()
	county := filledCounty(t)
	city := cityFile(t)
	cases := writeCases()

	seen := map[string]bool{}
	for _, c := range cases {
		seen[c.method] = true
	}
	for _, m := range serviceReads {
		seen[m] = true
	}
	store := reflect.TypeFor[app.Store]()
	svc := reflect.TypeFor[*app.Service]()
	for i := range svc.NumMethod() {
		name := svc.Method(i).Name
		if _, promoted := store.MethodByName(name); promoted && name != "Update" && name != "Restore" {
			continue // a Store read promoted (or Service's own read of the same name), Backup, Close
		}
		if !seen[name] {
			t.Errorf("Service.%s is in neither the role table nor serviceReads: say which accounts may call it", name)
		}
	}

	for _, c := range cases {
		for _, who := range []struct {
			name, pass string
			access     app.Access
		}{{"王五", readerPass, app.AccessReader}, {"李四", clerkPass, app.AccessClerk}, {"张三", adminPass, app.AccessAdmin}} {
			t.Run(c.method+"/"+string(who.access), func(t *testing.T) {
				file, now := county, svcNow
				if c.city {
					file, now = city, noticeAt(rankingDay)
				}
				st := datatest.Copy(t, file)
				admin := signedIn(t, st, now, "张三", adminPass)
				call := c.prep(t, ctx, admin, st)
				s := signedIn(t, st, now, who.name, who.pass)
				may := rank(who.access) >= rank(c.need)
				if may {
					// What each does is the business of its own tests.
					if err := call(s); err != nil {
						t.Fatalf("%s as %s: %v, want done", c.method, who.access, err)
					}
					return
				}
				before := st.Snapshot()
				err := call(s)
				{
					want := app.ErrReadOnlyUser
					if c.need == app.AccessAdmin {
						want = app.ErrAdminOnly
					}
					if !errors.Is(err, want) {
						t.Fatalf("%s as %s: %v, want %q", c.method, who.access, err, app.Message(want))
					}
					if d := before.Diff(st.Snapshot()); d != nil {
						t.Fatalf("%s as %s was refused but changed %v", c.method, who.access, d)
					}
				}
			})
		}
	}
}

func rank(a app.Access) int { return len(app.Accesses()) - slices.Index(app.Accesses(), a) }

// rankingDay is the city's day of the role table: 2025's ranking can be
// published.
var rankingDay = app.D(2026, 11, 20)

// filledCounty is the file of 海港区's database with an enterprise and
// records of every kind about it (datatest.FillEnterprise), a planned
// meeting, and the accounts of addAccounts.
func filledCounty(t *testing.T) string {
	t.Helper()
	st := datatest.NewSetUp(t, haigangOffice)
	s := app.NewService(st, "测试")
	s.Now = func() time.Time { return svcNow }
	datatest.FillEnterprise(t, s, "秦皇岛测试1号机械有限公司", 1)
	p := planned(app.MeetingBank, s.Today().AddDays(10))
	if err := s.SaveMeeting(context.Background(), &p, nil); err != nil {
		t.Fatal(err)
	}
	return withAccounts(t, st, svcNow, "海港区.db")
}

// cityFile is the file of the city's database of rankingDay with two
// counties' records (noticeCity), with the accounts of addAccounts.
func cityFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(datatest.TempDir(t), "市工信局 备份.db")
	if err := os.WriteFile(path, cityBackup(t, rankingDay), 0o600); err != nil {
		t.Fatal(err)
	}
	st := datatest.New(t)
	if err := st.Restore(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	return withAccounts(t, st, noticeAt(rankingDay), "市工信局.db")
}

// withAccounts gives st the accounts of addAccounts and copies it into a
// file named name, whose path it returns.
func withAccounts(t *testing.T, st *datatest.Store, now time.Time, name string) string {
	t.Helper()
	addAccounts(t, st, now)
	path := filepath.Join(datatest.TempDir(t), name)
	if err := st.Backup(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	return path
}

// first is the first of list that keep accepts; the test fails if none.
func first[T any](t *testing.T, what string, list []T, err error, keep func(T) bool) T {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range list {
		if keep(x) {
			return x
		}
	}
	t.Fatalf("no %s in the test database", what)
	var zero T
	return zero
}

func anyOne[T any](T) bool { return true }

// newLoan is a new application for a bridge loan to the county's own
// fund (given one first), not saved, like the first loan of the database.
func newLoan(t *testing.T, ctx context.Context, admin *app.Service) app.BridgeLoan {
	t.Helper()
	st, err := admin.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.FundSize = 20_000_000
	if err := admin.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	list, err := admin.BridgeLoans(ctx, app.LoanFilter{})
	l := first(t, "bridge loan", list, err, anyOne)
	return app.BridgeLoan{EnterpriseID: l.EnterpriseID, Bank: l.Bank, Original: l.Original, OriginalDue: app.DateOf(svcNow).AddDays(20),
		Commitment: l.Commitment, Applied: l.Applied, AppliedOn: app.DateOf(svcNow), TermDays: l.TermDays}
}

// onePixelPNG is a PNG picture of one white pixel.
func onePixelPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 1, 1))
	img.Pix[0] = 0xff
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// writeCases are the methods of the Service that write.
func writeCases() []writeCase {
	type prepared = func(s *app.Service) error
	visit := func(t *testing.T, ctx context.Context, s *app.Service) app.Visit {
		t.Helper()
		l, err := s.Visits(ctx, app.VisitFilter{})
		return first(t, "visit", l, err, anyOne)
	}
	openProblem := func(t *testing.T, ctx context.Context, s *app.Service) app.Problem {
		t.Helper()
		l, err := s.Problems(ctx, app.ProblemFilter{})
		return first(t, "problem being handled", l, err, func(p app.Problem) bool { return p.Status == app.StatusAssigned })
	}
	return []writeCase{
		{method: "SetUp", need: app.AccessAdmin, prep: func(t *testing.T, ctx context.Context, _ *app.Service, _ *datatest.Store) prepared {
			// Set up again (its settings back to the defaults).
			return func(s *app.Service) error { return s.SetUp(ctx, haigangOffice) }
		}},
		{method: "SaveSettings", need: app.AccessAdmin, prep: func(t *testing.T, ctx context.Context, a *app.Service, _ *datatest.Store) prepared {
			st, err := a.Settings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			st.DueSoonDays++
			return func(s *app.Service) error { return s.SaveSettings(ctx, st) }
		}},
		{method: "SaveCalendarYear", need: app.AccessAdmin, prep: func(t *testing.T, ctx context.Context, _ *app.Service, _ *datatest.Store) prepared {
			return func(s *app.Service) error {
				return s.SaveCalendarYear(ctx, &app.CalendarYear{Year: 2030, Holidays: []app.Date{app.MustDate("2030-10-01")}})
			}
		}},
		{method: "Trust", need: app.AccessAdmin, prep: func(t *testing.T, ctx context.Context, _ *app.Service, _ *datatest.Store) prepared {
			_, card, err := syncfile.NewKeys(app.Office{Code: app.CityCode, Name: app.OfficeName(app.CityCode), Role: app.RoleCity}, svcNow)
			if err != nil {
				t.Fatal(err)
			}
			return func(s *app.Service) error { return s.Trust(ctx, card, true) }
		}},
		{method: "Restore", need: app.AccessAdmin, prep: func(t *testing.T, ctx context.Context, a *app.Service, st *datatest.Store) prepared {
			path := filepath.Join(datatest.TempDir(t), "备份.db")
			if err := st.Backup(ctx, path); err != nil {
				t.Fatal(err)
			}
			if err := a.Delete(ctx, app.TableVisits, visit(t, ctx, a).ID); err != nil { // undone by the restore
				t.Fatal(err)
			}
			return func(s *app.Service) error { return s.Restore(ctx, path) }
		}},
		{method: "AddAccount", need: app.AccessAdmin, prep: func(t *testing.T, ctx context.Context, _ *app.Service, _ *datatest.Store) prepared {
			return func(s *app.Service) error { return s.AddAccount(ctx, "赵六", app.AccessClerk, "zhaoliu-1") }
		}},
		{method: "SetAccess", need: app.AccessAdmin, prep: func(t *testing.T, ctx context.Context, _ *app.Service, _ *datatest.Store) prepared {
			return func(s *app.Service) error { return s.SetAccess(ctx, "王五", app.AccessClerk) }
		}},
		{method: "ResetPassword", need: app.AccessAdmin, prep: func(t *testing.T, ctx context.Context, _ *app.Service, _ *datatest.Store) prepared {
			return func(s *app.Service) error { return s.ResetPassword(ctx, "李四", "xin-mima-1") }
		}},
		{method: "RemoveAccount", need: app.AccessAdmin, prep: func(t *testing.T, ctx context.Context, a *app.Service, _ *datatest.Store) prepared {
			if err := a.AddAccount(ctx, "赵六", app.AccessClerk, "zhaoliu-1"); err != nil {
				t.Fatal(err)
			}
			return func(s *app.Service) error { return s.RemoveAccount(ctx, "赵六") }
		}},
		{method: "ChangePassword", need: app.AccessReader, prep: func(t *testing.T, ctx context.Context, _ *app.Service, _ *datatest.Store) prepared {
			return func(s *app.Service) error {
				old := map[string]string{"张三": adminPass, "李四": clerkPass, "王五": readerPass}[s.Operator]
				return s.ChangePassword(ctx, old, "xin-mima-2")
			}
		}},
		{method: "Update", need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, a *app.Service, _ *datatest.Store) prepared {
			id := visit(t, ctx, a).ID
			return func(s *app.Service) error {
				return s.Update(ctx, s.Op(), func(tx app.Tx) error { return tx.Delete(app.TableVisits, id) })
			}
		}},
		{method: "SaveEnterprise", need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, a *app.Service, _ *datatest.Store) prepared {
			l, err := a.Enterprises(ctx, app.EnterpriseFilter{})
			e := first(t, "enterprise", l, err, anyOne)
			e.Phone = "0335-7654321"
			return func(s *app.Service) error { return s.SaveEnterprise(ctx, &e) }
		}},
		{method: "ImportEnterprises", need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, _ *app.Service, _ *datatest.Store) prepared {
			e := app.Enterprise{Name: "秦皇岛新到企业有限公司", CreditCode: datatest.CreditCode(901)}
			return func(s *app.Service) error { return s.ImportEnterprises(ctx, []app.Enterprise{e}, nil) }
		}},
		{method: "ImportBatch", need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, _ *app.Service, _ *datatest.Store) prepared {
			b := app.Batch{Leaders: []app.Leader{{Name: "周建华", Post: "副区长", Level: app.LevelCounty, Body: "政府"}},
				Words: []app.ImportWord{{Column: "企业类别", From: "专精特新企业", To: "专精特新"}}}
			return func(s *app.Service) error { x := b; return s.ImportBatch(ctx, &x, nil) }
		}},
		{method: "SaveLeader", need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, a *app.Service, _ *datatest.Store) prepared {
			l, err := a.Leaders(ctx, app.LeaderFilter{})
			x := first(t, "leader", l, err, anyOne)
			x.Phone = "13900000000"
			return func(s *app.Service) error { return s.SaveLeader(ctx, &x) }
		}},
		{method: "SaveAssignment", need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, a *app.Service, _ *datatest.Store) prepared {
			l, err := a.Assignments(ctx, app.AssignmentFilter{})
			x := first(t, "assignment", l, err, anyOne)
			x.LiaisonPhone = "13800000000"
			return func(s *app.Service) error { return s.SaveAssignment(ctx, &x) }
		}},
		{method: "SaveVisit", need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, a *app.Service, _ *datatest.Store) prepared {
			v := visit(t, ctx, a)
			v.Companions = "经信局 刘洋"
			return func(s *app.Service) error { return s.SaveVisit(ctx, &v, nil) }
		}},
		{method: "Delete", need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, a *app.Service, _ *datatest.Store) prepared {
			id := visit(t, ctx, a).ID
			return func(s *app.Service) error { return s.Delete(ctx, app.TableVisits, id) }
		}},
		{method: "Undelete", need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, a *app.Service, _ *datatest.Store) prepared {
			id := visit(t, ctx, a).ID
			if err := a.Delete(ctx, app.TableVisits, id); err != nil {
				t.Fatal(err)
			}
			return func(s *app.Service) error { _, err := s.Undelete(ctx, app.TableVisits, id); return err }
		}},
		{method: "UndeleteID", need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, a *app.Service, _ *datatest.Store) prepared {
			id := visit(t, ctx, a).ID
			if err := a.Delete(ctx, app.TableVisits, id); err != nil {
				t.Fatal(err)
			}
			return func(s *app.Service) error { _, err := s.UndeleteID(ctx, id); return err }
		}},
		{method: "Attach", need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, a *app.Service, _ *datatest.Store) prepared {
			id := visit(t, ctx, a).ID
			return func(s *app.Service) error {
				_, _, err := s.Attach(ctx, app.TableVisits, id, "现场照片.png", onePixelPNG(t))
				return err
			}
		}},
		{method: "RegisterProblem", need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, a *app.Service, _ *datatest.Store) prepared {
			p := openProblem(t, ctx, a)
			np := app.NewProblem{Problem: app.Problem{EnterpriseID: p.EnterpriseID, Registered: app.DateOf(svcNow),
				Category: p.Category, Source: p.Source, Description: "企业反映厂区道路破损"}}
			return func(s *app.Service) error { x := np; return s.RegisterProblem(ctx, &x) }
		}},
		{method: "ImportProblems", need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, a *app.Service, _ *datatest.Store) prepared {
			p := openProblem(t, ctx, a)
			np := app.NewProblem{Problem: app.Problem{EnterpriseID: p.EnterpriseID, Registered: app.DateOf(svcNow),
				Category: p.Category, Source: p.Source, Description: "企业反映厂区照明不足"}}
			return func(s *app.Service) error { return s.ImportProblems(ctx, []app.NewProblem{np}, nil) }
		}},
		{method: "EditProblem", need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, a *app.Service, _ *datatest.Store) prepared {
			p := openProblem(t, ctx, a)
			p.Request = p.Request + "（企业补充）"
			return func(s *app.Service) error { return s.EditProblem(ctx, &p) }
		}},
		{method: "Act", need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, a *app.Service, _ *datatest.Store) prepared {
			p := openProblem(t, ctx, a)
			return func(s *app.Service) error {
				_, err := s.Act(ctx, p.ID, app.Action{Kind: app.ActProgress, Date: app.DateOf(svcNow), Text: "已与企业对接"})
				return err
			}
		}},
		{method: "SaveMeeting", need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, a *app.Service, _ *datatest.Store) prepared {
			l, err := a.Meetings(ctx, app.MeetingFilter{})
			m := first(t, "meeting", l, err, anyOne)
			m.Place = m.Place + "二楼"
			return func(s *app.Service) error { return s.SaveMeeting(ctx, &m, nil) }
		}},
		{method: "CancelMeeting", need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, a *app.Service, _ *datatest.Store) prepared {
			l, err := a.Meetings(ctx, app.MeetingFilter{})
			m := first(t, "planned meeting", l, err, func(m app.Meeting) bool { return m.State == app.MeetingPlanned })
			return func(s *app.Service) error { _, err := s.CancelMeeting(ctx, m.ID, "领导另有安排"); return err }
		}},
		{method: "SaveDepartment", need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, _ *app.Service, _ *datatest.Store) prepared {
			return func(s *app.Service) error {
				return s.SaveDepartment(ctx, &app.Department{Name: "海港区应急管理局"})
			}
		}},
		{method: "ImportDepartments", need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, _ *app.Service, _ *datatest.Store) prepared {
			return func(s *app.Service) error {
				return s.ImportDepartments(ctx, []app.Department{{Name: "海港区市场监督管理局"}}, nil)
			}
		}},
		{method: "SaveFinancingNeed", need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, a *app.Service, _ *datatest.Store) prepared {
			l, err := a.FinancingNeeds(ctx, app.FinancingFilter{})
			n := first(t, "financing need", l, err, anyOne)
			n.Use = n.Use + "（补充流动资金）"
			return func(s *app.Service) error { return s.SaveFinancingNeed(ctx, &n) }
		}},
		{method: "SaveBridgeLoan", need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, a *app.Service, _ *datatest.Store) prepared {
			l := newLoan(t, ctx, a)
			return func(s *app.Service) error { x := l; return s.SaveBridgeLoan(ctx, &x) }
		}},
		{method: "LoanAct", need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, a *app.Service, _ *datatest.Store) prepared {
			l := newLoan(t, ctx, a)
			if err := a.SaveBridgeLoan(ctx, &l); err != nil {
				t.Fatal(err)
			}
			return func(s *app.Service) error {
				_, err := s.LoanAct(ctx, l.ID, app.LoanAction{Kind: app.LoanActReview, Date: app.DateOf(svcNow), Conditions: []bool{true, true, true, true}})
				return err
			}
		}},
		// At the city bureau.
		{method: "SaveComment", city: true, need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, a *app.Service, _ *datatest.Store) prepared {
			l, err := a.Problems(ctx, app.ProblemFilter{})
			p := first(t, "county's problem", l, err, func(p app.Problem) bool { return p.Office == "130302" })
			return func(s *app.Service) error {
				return s.SaveComment(ctx, &app.Comment{ProblemID: p.ID, Date: rankingDay, Text: "请尽快办结", Author: "陈明"})
			}
		}},
		{method: "DecideLoan", city: true, need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, a *app.Service, _ *datatest.Store) prepared {
			l, err := a.BridgeLoans(ctx, app.LoanFilter{})
			x := first(t, "undecided application", l, err, func(l app.BridgeLoan) bool { return l.CityFund && l.Status == app.LoanApplied })
			return func(s *app.Service) error {
				_, err := s.DecideLoan(ctx, x.ID, app.LoanAction{Kind: app.LoanActRefuse, Date: rankingDay, Reason: "基金额度已用完"})
				return err
			}
		}},
		{method: "SetHandScores", city: true, need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, _ *app.Service, _ *datatest.Store) prepared {
			hands := handIndicators(t)
			return func(s *app.Service) error {
				return s.SetHandScores(ctx, 2025, []app.HandScore{{Office: "130302", Indicator: hands[0], Score: 8}})
			}
		}},
		{method: "PublishRanking", city: true, need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, a *app.Service, st *datatest.Store) prepared {
			logImport(t, st, "130303", a.Now())
			for _, office := range []string{"130302", "130303"} {
				for _, name := range handIndicators(t) {
					if err := a.SetHandScores(ctx, 2025, []app.HandScore{{Office: office, Indicator: name, Score: 8}}); err != nil {
						t.Fatal(err)
					}
				}
			}
			return func(s *app.Service) error { _, err := s.PublishRanking(ctx, 2025, 5_000_000); return err }
		}},
		{method: "PublishNotice", city: true, need: app.AccessClerk, prep: func(t *testing.T, ctx context.Context, _ *app.Service, _ *datatest.Store) prepared {
			return func(s *app.Service) error {
				_, err := s.PublishNotice(ctx, app.NoticePeriod{Year: 2026, Month: 10})
				return err
			}
		}},
	}
}

// Accounts belong to the database file: a copy of it keeps them, and a
// restored backup leaves the accounts the database has (one added after
// the backup stays; none comes back from the backup).
func TestAccountsStayWithTheFile(t *testing.T) {
	ctx := context.Background()
	st := datatest.NewSetUp(t, haigangOffice)
	admin := addAccounts(t, st, svcNow)
	path := filepath.Join(datatest.TempDir(t), "备份.db")
	if err := st.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	signedIn(t, datatest.Copy(t, path), svcNow, "李四", clerkPass) // the copy on another PC

	if err := admin.AddAccount(ctx, "赵六", app.AccessClerk, "zhaoliu-1"); err != nil {
		t.Fatal(err)
	}
	if err := admin.RemoveAccount(ctx, "王五"); err != nil {
		t.Fatal(err)
	}
	if err := admin.Restore(ctx, path); err != nil {
		t.Fatal(err)
	}
	list, err := st.Accounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range list {
		names = append(names, a.Name)
	}
	if strings.Join(names, ",") != "张三,李四,赵六" {
		t.Errorf("accounts after the restore: %v, want those the database had (张三, 李四, 赵六)", names)
	}
}

// BenchmarkCheckPassword times one sign-in's hash (argon2id, 64 MiB, one
// pass): what a clerk waits after 登录, and what each guess costs.
func BenchmarkCheckPassword(b *testing.B) {
	h, err := app.HashPassword("guanli-2026")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if !app.CheckPassword(h, "guanli-2026") {
			b.Fatal("the password does not match its hash")
		}
	}
}
