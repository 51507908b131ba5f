//go:build linux && cgo

package main

// The locale Fyne reads, set right before the Go runtime starts.
//
// Fyne 2.7.1 finds the user's language with github.com/jeandeaual/go-locale,
// which takes the first non-empty one of LC_ALL, LC_MESSAGES and LANG. It
// knows "C" and "POSIX" (no language), but not "C.UTF-8", Debian's default:
// that one it hands on as the language "C", which does not parse, and Fyne
// logs "Fyne error: Error parsing user locale C" (three lines on stderr) from
// the init function of fyne.io/fyne/v2/lang — before main runs, so no Go code
// of ours can come first — and again each time a date field asks for the
// locale. Fyne then falls back to English for its own words (OK, Cancel).
//
// So a C constructor, which the C library runs before it starts the Go
// runtime (as runc's nsenter does), looks at that variable and, when it is
// "C" or "POSIX" with a suffix (C.UTF-8, POSIX.UTF-8, C@…), points its entry
// of the environment at "NAME=zh_CN.UTF-8" instead: the language of the
// program's users, still UTF-8. It changes the entry in place, in the array
// the Go runtime copies its environment from, so os.Getenv and go-locale see
// the new value; the string it points at is static. Other values, and plain
// "C" or "POSIX", are left as they are. Programs the window starts (a PDF
// viewer) inherit the new value; where zh_CN.UTF-8 is not installed the C
// library falls back to "C" for them, which is what C.UTF-8 meant for words.

/*
#include <string.h>

extern char **environ;

static char wugeyi_lc_all[] = "LC_ALL=zh_CN.UTF-8";
static char wugeyi_lc_messages[] = "LC_MESSAGES=zh_CN.UTF-8";
static char wugeyi_lang[] = "LANG=zh_CN.UTF-8";

// wugeyi_fix_locale rewrites the first non-empty one of LC_ALL,
// LC_MESSAGES and LANG when its language part is C or POSIX and a suffix
// follows (see locale_linux.go).
__attribute__((constructor)) static void wugeyi_fix_locale(void) {
	static const char *names[] = {"LC_ALL=", "LC_MESSAGES=", "LANG="};
	char *fixed[] = {wugeyi_lc_all, wugeyi_lc_messages, wugeyi_lang};
	if (environ == NULL) {
		return;
	}
	for (int v = 0; v < 3; v++) {
		size_t n = strlen(names[v]);
		for (char **e = environ; *e != NULL; e++) {
			if (strncmp(*e, names[v], n) != 0) {
				continue;
			}
			const char *val = *e + n;
			if (*val == '\0') {
				break; // empty: go-locale goes on to the next name
			}
			size_t lang = strcspn(val, "._@");
			int cposix = (lang == 1 && val[0] == 'C') || (lang == 5 && strncmp(val, "POSIX", 5) == 0);
			if (cposix && val[lang] != '\0') {
				*e = fixed[v];
			}
			return;
		}
	}
}
*/
import "C"
