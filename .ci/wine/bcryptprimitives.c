/*
 * bcryptprimitives.c — a stand-in for Windows' bcryptprimitives.dll, for the
 * Wine smoke test only (.ci/wine-smoke.sh); it is never shipped to a PC.
 *
 * Go 1.24 and newer get their random bytes on Windows from ProcessPrng in
 * bcryptprimitives.dll (Windows 10 and newer have it). Debian 12's Wine 8.0
 * has no such DLL, so a Go .exe stops at start with "bcryptprimitives.dll
 * not found". This DLL exports ProcessPrng and fills the buffer from Wine's
 * own BCryptGenRandom (the system's preferred generator).
 *
 *   x86_64-w64-mingw32-gcc -shared -O2 -s -o bcryptprimitives.dll \
 *       bcryptprimitives.c bcryptprimitives.def -lbcrypt
 */
#include <windows.h>
#include <bcrypt.h>

#ifndef BCRYPT_USE_SYSTEM_PREFERRED_RNG
#define BCRYPT_USE_SYSTEM_PREFERRED_RNG 0x00000002
#endif

/* ProcessPrng fills buf with len random bytes; it always returns TRUE, as
 * Windows' does (a failure to get random bytes ends the process there too). */
BOOL WINAPI ProcessPrng(PBYTE buf, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (BCryptGenRandom(NULL, buf, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) {
			ExitProcess(2);
		}
		buf += n;
		len -= n;
	}
	return TRUE;
}
