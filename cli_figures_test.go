package main

import (
	"os"
	"path/filepath"
	"testing"
)

// A county prints and exports its own figures for a period (its 工作总结);
// the city's notice stays the city's, and the refusal says where to go.
func TestFiguresAtACounty(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "hg.db")
	mustRun(t, "init", "-db", db, "-office", "130302", "-name", "海港区", "-role", "county")
	mustRun(t, "demo", "-db", db, "-years", "1")
	pdf := filepath.Join(dir, "figures.pdf")
	mustRun(t, "print", "figures", "-db", db, "-period", "2026Q1", "-o", pdf)
	if st, err := os.Stat(pdf); err != nil || st.Size() < 1000 {
		t.Errorf("the figures' PDF: %v", err)
	}
	refuse(t, dir, "print figures", "print", "notice", "-db", db, "-period", "2026Q1", "-o", filepath.Join(dir, "n.pdf"))
	out := filepath.Join(dir, "figures.xlsx")
	mustRun(t, "xlsx", "export", "figures", "-db", db, "-period", "2026Q1", "-o", out)
	rows := sheetRows(t, out)
	if len(rows) != 2 || rows[1][1] != "海港区" {
		t.Errorf("the figures' workbook: %v", rows)
	}
	refuse(t, dir, "figures", "xlsx", "export", "notice", "-db", db, "-period", "2026Q1", "-o", filepath.Join(dir, "n.xlsx"))
}
