//go:build linux && cgo

package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// localeChild is set in the environment of the test binary this test
// starts again: it then prints what it sees of the locale and does nothing
// else.
const localeChild = "WUGEYI_TEST_LOCALE_CHILD"

// TestLocaleChild is what the test binary started by TestLocale runs.
func TestLocaleChild(t *testing.T) {
	if os.Getenv(localeChild) == "" {
		t.Skip("run by TestLocale")
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v, ok := os.LookupEnv(k)
		fmt.Printf("%s=%q %v\n", k, v, ok)
	}
}

// Under C.UTF-8, Debian's default, the program starts with zh_CN.UTF-8 in
// place of it, and Fyne's packages initialise without a word on stderr; other
// locales are left as they are. The test binary links Fyne as the program
// does, so it is started again under each environment.
func TestLocale(t *testing.T) {
	for _, c := range []struct {
		env  []string // LC_ALL, LC_MESSAGES, LANG, LANGUAGE are unset but for these
		want string   // what the child sees, as TestLocaleChild prints it
	}{
		{[]string{"LANG=C.UTF-8"}, `LC_ALL="" false LC_MESSAGES="" false LANG="zh_CN.UTF-8" true`},
		{[]string{"LANG=C.utf8"}, `LC_ALL="" false LC_MESSAGES="" false LANG="zh_CN.UTF-8" true`},
		{[]string{"LC_ALL=POSIX.UTF-8", "LANG=en_US.UTF-8"}, `LC_ALL="zh_CN.UTF-8" true LC_MESSAGES="" false LANG="en_US.UTF-8" true`},
		{[]string{"LC_ALL=", "LC_MESSAGES=C.UTF-8", "LANG=C.UTF-8"}, `LC_ALL="" true LC_MESSAGES="zh_CN.UTF-8" true LANG="C.UTF-8" true`},
		{[]string{"LC_MESSAGES=C@euro"}, `LC_ALL="" false LC_MESSAGES="zh_CN.UTF-8" true LANG="" false`},
		{[]string{"LANG=C"}, `LC_ALL="" false LC_MESSAGES="" false LANG="C" true`},
		{[]string{"LANG=POSIX"}, `LC_ALL="" false LC_MESSAGES="" false LANG="POSIX" true`},
		{[]string{"LANG=en_US.UTF-8"}, `LC_ALL="" false LC_MESSAGES="" false LANG="en_US.UTF-8" true`},
		{[]string{"LANG=ca_ES.UTF-8"}, `LC_ALL="" false LC_MESSAGES="" false LANG="ca_ES.UTF-8" true`},
		{nil, `LC_ALL="" false LC_MESSAGES="" false LANG="" false`},
	} {
		env := []string{localeChild + "=1"}
		for _, kv := range os.Environ() {
			switch k, _, _ := strings.Cut(kv, "="); k {
			case "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", localeChild:
			default:
				env = append(env, kv)
			}
		}
		cmd := exec.Command(os.Args[0], "-test.run", "^TestLocaleChild$", "-test.count", "1")
		cmd.Env = append(env, c.env...)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Errorf("%q: %v\n%s%s", c.env, err, out, stderr.String())
			continue
		}
		got := strings.Join(strings.Fields(strings.TrimSuffix(strings.TrimSpace(string(out)), "PASS")), " ")
		if got != c.want {
			t.Errorf("%q: the program saw %s, want %s", c.env, got, c.want)
		}
		if stderr.Len() > 0 {
			t.Errorf("%q: stderr %q, want nothing", c.env, stderr.String())
		}
	}
}
