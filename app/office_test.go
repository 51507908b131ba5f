package app_test

import (
	"strings"
	"testing"

	"wugeyi/app"
)

func TestOfficeValidateKnown(t *testing.T) {
	if len(app.Offices) != 10 {
		t.Fatalf("%d known offices, want 10 (city bureau and 9 counties/zones)", len(app.Offices))
	}
	seen := map[string]bool{}
	for _, k := range app.Offices {
		if seen[k.Code] {
			t.Errorf("code %s listed twice", k.Code)
		}
		seen[k.Code] = true
		if err := k.Office.Validate(); err != nil {
			t.Errorf("known office %s %s refused: %v", k.Code, k.Name, err)
		}
		wantRole := app.RoleCounty
		if k.Code == app.CityCode {
			wantRole = app.RoleCity
		}
		if k.Role != wantRole {
			t.Errorf("office %s has role %q, want %q", k.Code, k.Role, wantRole)
		}
	}
	for _, code := range []string{"130300", "130302", "130303", "130304", "130306", "130321", "130322", "130324"} {
		if !seen[code] {
			t.Errorf("office %s missing", code)
		}
	}
}

func TestOfficeValidateRefusals(t *testing.T) {
	tests := []struct {
		name   string
		office app.Office
		field  string
		want   string // part of the message
	}{
		{"county code as city", app.Office{Code: "130302", Name: "海港区", Role: app.RoleCity}, "Role", "海港区"},
		{"city code as county", app.Office{Code: "130300", Name: "市工信局", Role: app.RoleCounty}, "Role", "市级统筹"},
		{"no role", app.Office{Code: "130302", Name: "海港区"}, "Role", "county"},
		{"bad role", app.Office{Code: "130302", Name: "海港区", Role: "province"}, "Role", "county"},
		{"five digits", app.Office{Code: "13030", Name: "海港区", Role: app.RoleCounty}, "Code", "6位"},
		{"letters", app.Office{Code: "13030A", Name: "海港区", Role: app.RoleCounty}, "Code", "6位"},
		{"seven digits", app.Office{Code: "1303021", Name: "海港区", Role: app.RoleCounty}, "Code", "6位"},
		{"no name", app.Office{Code: "130302", Name: "  ", Role: app.RoleCounty}, "Name", "名称"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.office.Validate()
			checkRefusal(t, err, tc.field)
			if msg := app.FieldMsg(err, tc.field); !strings.Contains(msg, tc.want) {
				t.Errorf("message %q does not contain %q", msg, tc.want)
			}
		})
	}
}

// An office the program does not know (another city's county) may be set up
// with either role.
func TestOfficeValidateUnknownCode(t *testing.T) {
	for _, r := range []app.Role{app.RoleCounty, app.RoleCity} {
		o := app.Office{Code: "130200", Name: "唐山某单位", Role: r}
		if err := o.Validate(); err != nil {
			t.Errorf("Validate(%+v) = %v", o, err)
		}
	}
}

func TestOfficeNormalize(t *testing.T) {
	o := app.Office{Code: " 130302 ", Name: " 海港区\n", Role: app.RoleCounty}
	o.Normalize()
	if o.Code != "130302" || o.Name != "海港区" {
		t.Errorf("Normalize = %+v", o)
	}
}

func TestLookupOffice(t *testing.T) {
	tests := []struct {
		code      string
		ok        bool
		name      string
		short     string
		roleLabel string
	}{
		{"130300", true, "秦皇岛市工业和信息化局", "市级", "市级统筹（市工信局）"},
		{"130302", true, "海港区", "海港", "县区"},
		{"130303", true, "山海关区", "山海关", "县区"},
		{"130321", true, "青龙满族自治县", "青龙", "县区"},
		{"130371", true, "秦皇岛经济技术开发区", "开发区", "县区"},
		{"130372", true, "北戴河新区", "新区", "县区"},
		{"999999", false, "999999", "999999", ""},
	}
	for _, tc := range tests {
		t.Run(tc.code, func(t *testing.T) {
			k, ok := app.LookupOffice(tc.code)
			if ok != tc.ok {
				t.Fatalf("LookupOffice(%s) ok = %v", tc.code, ok)
			}
			if ok && (k.Name != tc.name || k.Short != tc.short || k.Role.Label() != tc.roleLabel) {
				t.Errorf("LookupOffice(%s) = %+v", tc.code, k)
			}
			if got := app.OfficeName(tc.code); got != tc.name {
				t.Errorf("OfficeName(%s) = %q, want %q", tc.code, got, tc.name)
			}
			if got := app.OfficeShort(tc.code); got != tc.short {
				t.Errorf("OfficeShort(%s) = %q, want %q", tc.code, got, tc.short)
			}
		})
	}
}

func TestProblemNumber(t *testing.T) {
	tests := []struct {
		office       string
		year, serial int
		want         string
	}{
		{"130302", 2026, 1, "海港-2026-0001"},
		{"130324", 2027, 123, "卢龙-2027-0123"},
		{"130371", 2026, 9999, "开发区-2026-9999"},
		{"130300", 2026, 12, "市级-2026-0012"},
		{"130200", 2026, 7, "130200-2026-0007"},
		{"130302", 2026, 12345, "海港-2026-12345"},
	}
	for _, tc := range tests {
		if got := app.ProblemNumber(tc.office, tc.year, tc.serial); got != tc.want {
			t.Errorf("ProblemNumber(%s, %d, %d) = %q, want %q", tc.office, tc.year, tc.serial, got, tc.want)
		}
	}
}
