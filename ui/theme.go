package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"wugeyi/assets"
)

// appTheme is Fyne's default theme with the embedded CJK font, so Chinese
// renders the same on a PC with no Chinese fonts. variant forces light or
// dark; -1 follows the system.
type appTheme struct {
	font    fyne.Resource
	variant fyne.ThemeVariant
	follow  bool
}

// NewTheme returns the program's theme: dark when dark is true, light
// otherwise, or following the system setting when system is true.
func NewTheme(dark, system bool) fyne.Theme {
	v := theme.VariantLight
	if dark {
		v = theme.VariantDark
	}
	return &appTheme{font: fyne.NewStaticResource("ui-hei.ttf", assets.UIFont), variant: v, follow: system}
}

func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if !t.follow {
		v = t.variant
	}
	return theme.DefaultTheme().Color(n, v)
}

func (t *appTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return theme.DefaultTheme().Font(s)
	}
	return t.font
}

func (t *appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *appTheme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }
