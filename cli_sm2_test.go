package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestCardTrustFormat: wugeyi trust says which format the office whose
// card it registers is sent, and wugeyi card lists it for every
// registered office.
func TestCardTrustFormat(t *testing.T) {
	dir := t.TempDir()
	city, county := filepath.Join(dir, "city.db"), filepath.Join(dir, "hg.db")
	mustCode(t, "init", "-db", city, "-office", "130300", "-name", "秦皇岛市工业和信息化局", "-role", "city")
	mustCode(t, "init", "-db", county, "-office", "130302", "-name", "海港区", "-role", "county")
	if out := mustCode(t, "card", "-db", county, "-o", filepath.Join(dir, "hg.card")); !strings.Contains(out, "尚未升级到国密格式的单位看到的指纹：") {
		t.Errorf("card does not say the fingerprint an office before 国密 sees:\n%s", out)
	}
	if out := mustCode(t, "trust", "-db", city, filepath.Join(dir, "hg.card")); !strings.Contains(out, "发给对方的文件：国密格式") {
		t.Errorf("trust says:\n%s", out)
	}
	if out := mustCode(t, "card", "-db", city, "-o", filepath.Join(dir, "city.card")); !strings.Contains(out, "发给海港区（130302）的文件：国密格式") {
		t.Errorf("card says:\n%s", out)
	}
}
