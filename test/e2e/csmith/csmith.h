/* csmith.h - freestanding stand-in for csmith's runtime header, used for the
 * RISC-V (JAVM) build of csmith-generated programs (utils/csmith-diff.sh).
 *
 * A csmith program starts with `#include "csmith.h"`.  For the target build
 * this directory comes first on the include path, so this header replaces
 * csmith's own csmith.h (which needs <stdio.h>, <string.h>, <math.h> and
 * printf).  It provides what generated code calls:
 *
 *   platform_main_begin(), crc32_gentab(), transparent_crc(),
 *   transparent_crc_bytes(), platform_main_end(), printf() (a no-op; only
 *   reached when print_hash_value is set, which --no-argc programs never do)
 *
 * and the safe_* arithmetic wrappers, taken unmodified from the installed
 * csmith package's safe_math.h (found through the -I path that follows this
 * directory; nothing of csmith is copied here).
 *
 * The checksum is the same CRC-32 (reflected, polynomial 0xEDB88320, initial
 * value 0xFFFFFFFF, final XOR done by the generated main) that csmith's
 * runtime computes, hashing every 64-bit value as 8 bytes, least significant
 * first.  The generated `main` is renamed to grey_csmith_main; grey_main()
 * runs it and returns the 32-bit checksum given to platform_main_end(),
 * zero-extended, as the REPLY value.  The native reference build uses
 * csmith's real header and prints "checksum = %X"; utils/csmith-diff.sh
 * turns that into the same 0x%016llx form.
 *
 * Results that cannot be a checksum (upper 32 bits set) tell what went wrong:
 *   0xC5F00000DEADC0DE  main returned without calling platform_main_end()
 *   0xC5F00001xxxxxxxx  main returned non-zero (xxxxxxxx = its value)
 * A failed assert() traps (unimp). */
#ifndef GREY_CSMITH_H
#define GREY_CSMITH_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "grey_guest.h"

/* ---- pieces of csmith's random_inc.h that safe_math.h relies on ---------- */
#define UNDEFINED(v) (v)
#define LOG_INDEX
#define LOG_EXEC
#define STATIC static
#define INT_BIT (sizeof(int) * CHAR_BIT)
#define _CSMITH_BITFIELD(x) (((x) > INT_BIT) ? ((x) % INT_BIT) : (x))

/* safe_math.h also defines float/double wrappers.  They are static and never
 * called by --no-float programs, so no code (and no soft-float helper) is
 * emitted for them; these definitions only let them compile. */
#define FLT_MAX __FLT_MAX__
#define DBL_MAX __DBL_MAX__
#define fabsf __builtin_fabsf
#define fabs __builtin_fabs
#define ldexpf __builtin_ldexpf
#define ldexp __builtin_ldexp

#ifdef assert
#undef assert
#endif
#define assert(e) ((e) ? (void)0 : __builtin_trap())

/* No output on the target: swallow the (dead) debug prints. */
static inline int grey_csmith_printf(const char *fmt, ...) {
  (void)fmt;
  return 0;
}
#define printf grey_csmith_printf

#define FUNC_NAME(x) (safe_##x)
#include <safe_math.h>
#undef FUNC_NAME

/* ---- checksum ------------------------------------------------------------- */
static uint32_t crc32_tab[256];
static uint32_t crc32_context = 0xFFFFFFFFu;

static void crc32_gentab(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++)
      c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : (c >> 1);
    crc32_tab[i] = c;
  }
}

static void crc32_byte(uint8_t b) {
  crc32_context = (crc32_context >> 8) ^ crc32_tab[(crc32_context ^ b) & 0xFF];
}

/* Out of line: inlined, the 8 table lookups per hashed variable would make
 * up most of the program's code, and the random code is what is under test. */
GREY_NOINLINE static void transparent_crc(uint64_t val, char *vname, int flag) {
  (void)vname;
  (void)flag;
  for (int k = 0; k < 64; k += 8)
    crc32_byte((uint8_t)(val >> k));
}

GREY_NOINLINE static void transparent_crc_bytes(char *ptr, int nbytes, char *vname,
                                               int flag) {
  (void)vname;
  (void)flag;
  for (int i = 0; i < nbytes; i++)
    crc32_byte((uint8_t)ptr[i]);
}

/* ---- entry and exit ------------------------------------------------------- */
static uint64_t grey_csmith_result = 0xC5F00000DEADC0DEull;

static void platform_main_begin(void) {}

static void platform_main_end(uint32_t crc, int flag) {
  (void)flag;
  grey_csmith_result = crc;
}

int grey_csmith_main(void);
#define main grey_csmith_main

uint64_t grey_main(void) {
  int rc = grey_csmith_main();
  if (rc != 0)
    return 0xC5F0000100000000ull | (uint32_t)rc;
  return grey_csmith_result;
}

#endif /* GREY_CSMITH_H */
