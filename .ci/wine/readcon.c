// readcon.c — the text of the console window it runs in, for .ci/wine-smoke.sh.
//
//   readcon.exe OUT.txt TEXT...
//
// Reads the console's screen buffer (ReadConsoleOutputCharacterW: the
// characters in the window's cells, whatever font draws them) until every
// TEXT is in it, at most 30 s, then writes it to OUT.txt as UTF-8, one line
// per row with trailing blanks cut (under OUT.txt.part first, then renamed),
// and exits 0; 1 if a TEXT never showed.
// Run from cmd.exe after wugeyi.exe, it shows what wugeyi.exe printed into
// the console it attached to, without OCR of the window.
//
// Built with mingw-w64: x86_64-w64-mingw32-gcc -municode -O2 -s -o readcon.exe readcon.c
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

// screen returns the buffer's text up to the cursor's row, one line per row.
static wchar_t *screen(HANDLE h) {
	CONSOLE_SCREEN_BUFFER_INFO info;
	if (!GetConsoleScreenBufferInfo(h, &info)) {
		return NULL;
	}
	SHORT w = info.dwSize.X, rows = info.dwCursorPosition.Y + 1;
	wchar_t *text = calloc((size_t)(w + 1) * rows + 1, sizeof(wchar_t));
	wchar_t *row = calloc((size_t)w + 1, sizeof(wchar_t));
	if (text == NULL || row == NULL) {
		return NULL;
	}
	size_t n = 0;
	for (SHORT y = 0; y < rows; y++) {
		DWORD got = 0;
		COORD at = {0, y};
		if (!ReadConsoleOutputCharacterW(h, row, w, at, &got)) {
			got = 0;
		}
		while (got > 0 && (row[got - 1] == L' ' || row[got - 1] == 0)) {
			got--;
		}
		for (DWORD i = 0; i < got; i++) {
			text[n++] = row[i];
		}
		text[n++] = L'\n';
	}
	free(row);
	return text;
}

int wmain(int argc, wchar_t **argv) {
	if (argc < 2) {
		fwprintf(stderr, L"usage: readcon OUT.txt TEXT...\n");
		return 2;
	}
	HANDLE h = CreateFileW(L"CONOUT$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
	                       OPEN_EXISTING, 0, NULL);
	if (h == INVALID_HANDLE_VALUE) {
		return 1;
	}
	wchar_t *text = NULL;
	int all = 0;
	for (int tries = 0; tries < 150 && !all; tries++) {
		if (tries > 0) {
			Sleep(200);
		}
		free(text);
		text = screen(h);
		all = text != NULL;
		for (int i = 2; all && i < argc; i++) {
			all = wcsstr(text, argv[i]) != NULL;
		}
	}
	if (text == NULL) {
		return 1;
	}
	int len = WideCharToMultiByte(CP_UTF8, 0, text, -1, NULL, 0, NULL, NULL);
	char *utf8 = malloc(len);
	if (utf8 == NULL) {
		return 1;
	}
	WideCharToMultiByte(CP_UTF8, 0, text, -1, utf8, len, NULL, NULL);
	// Written whole under another name, then renamed: whoever waits for
	// OUT.txt never reads half of it.
	size_t plen = wcslen(argv[1]);
	wchar_t *part = malloc((plen + 6) * sizeof(wchar_t));
	if (part == NULL) {
		return 1;
	}
	wcscpy(part, argv[1]);
	wcscat(part, L".part");
	FILE *f = _wfopen(part, L"wb");
	if (f == NULL) {
		return 1;
	}
	fwrite(utf8, 1, strlen(utf8), f);
	if (fclose(f) != 0 || !MoveFileExW(part, argv[1], MOVEFILE_REPLACE_EXISTING)) {
		return 1;
	}
	return all ? 0 : 1;
}
