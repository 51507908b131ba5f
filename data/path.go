package data

import (
	"fmt"
	"os"
	"path/filepath"
)

// DefaultPath is where the program keeps its database when no -db is given:
// wugeyi\wugeyi.db in the user's config folder, %AppData% on Windows
// (C:\Users\张三\AppData\Roaming\wugeyi\wugeyi.db), ~/.config on Linux. It
// makes no folder.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("user config folder: %w", err)
	}
	return filepath.Join(dir, "wugeyi", "wugeyi.db"), nil
}
