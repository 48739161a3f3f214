/* memcmp/bcmp at every size 0..80, every alignment of both operands modulo
 * 8, with the first difference at the first, middle and last byte or none,
 * bytes that differ as signed chars the other way round (0x80 against 0x7f),
 * a later difference of the opposite sign and different bytes just outside
 * the range; the first difference at every position; and operands that
 * straddle a 4 KiB boundary. Each result's sign (memcmp) or zero-ness
 * (bcmp) is checked against a plain byte loop: the edges of
 * pvm-substitute-builtins. */
#include "grey_guest.h"

int bcmp(const void *a, const void *b, size_t n);

#define SIZE 112
static uint8_t bufa[SIZE], bufb[SIZE];
/* Operands that end, start or cross at the page boundaries 4096 and 8192. */
static uint8_t pages[3 * 4096] __attribute__((aligned(4096)));

GREY_NOINLINE static int ref_cmp(const uint8_t *a, const uint8_t *b, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (GREY_OPAQUE(a[i]) != b[i])
      return a[i] < b[i] ? -1 : 1;
  return 0;
}

static int sign(int v) { return (v > 0) - (v < 0); }

static uint64_t h, fails;

/* Checks memcmp and bcmp on (a, b, n) and mixes the sign into the checksum. */
static void check(const uint8_t *a, const uint8_t *b, size_t n) {
  int want = ref_cmp(a, b, n);
  int got = sign(memcmp(a, b, GREY_OPAQUE(n)));
  int eq = bcmp(a, b, GREY_OPAQUE(n)) == 0;
  fails += got != want;
  fails += eq != (want == 0);
  h = grey_mix(h, (uint64_t)(got + 1) * 131 + n);
}

/* b[0..n) = a[0..n), every byte around the range different. */
static void copy_with_fence(uint8_t *a, uint8_t *b, size_t n) {
  for (size_t i = 0; i < n; i++) b[i] = a[i];
  a[-1] = 0x11, b[-1] = 0xee;
  a[n] = 0x00, b[n] = 0xff;
  a[n + 1] = 0xff, b[n + 1] = 0x00;
}

/* The first difference at `at`: both orders of (x, y), and with a later
 * difference that would give the opposite sign. */
static void check_difference(uint8_t *a, uint8_t *b, size_t n, size_t at,
                             uint8_t x, uint8_t y, uint64_t *seed) {
  uint8_t sa = a[at], sb = b[at];
  a[at] = x, b[at] = y;
  check(a, b, n);
  check(b, a, n);
  if (at + 1 < n) {
    size_t later = at + 1 + (size_t)(grey_rand(seed) % (n - at - 1));
    uint8_t la = a[later], lb = b[later];
    a[later] = y, b[later] = x;
    check(a, b, n);
    a[later] = la, b[later] = lb;
  }
  a[at] = sa, b[at] = sb;
}

uint64_t grey_main(void) {
  uint64_t s = 17;
  for (size_t n = 0; n <= 80; n++)
    for (int ao = 0; ao < 8; ao++)
      for (int bo = 0; bo < 8; bo++) {
        uint8_t *a = bufa + 8 + ao, *b = bufb + 8 + bo;
        for (size_t i = 0; i < n; i++) a[i] = (uint8_t)grey_rand(&s);
        copy_with_fence(a, b, n);
        check(a, b, n);
        if (n == 0) continue;
        size_t at[3] = {0, n / 2, n - 1};
        for (int k = 0; k < 3; k++) {
          check_difference(a, b, n, at[k], 0x80, 0x7f, &s);
          check_difference(a, b, n, at[k], (uint8_t)grey_rand(&s) | 1, 0, &s);
        }
      }
  /* The first difference at every position. */
  for (size_t n = 1; n <= 80; n++) {
    uint8_t *a = bufa + 8 + n % 8, *b = bufb + 8 + n * 3 % 8;
    for (size_t i = 0; i < n; i++) a[i] = (uint8_t)grey_rand(&s);
    copy_with_fence(a, b, n);
    for (size_t at = 0; at < n; at++)
      check_difference(a, b, n, at, 0xff, 0x01, &s);
  }
  /* a up to 24 bytes before the boundary at 4096, b before that at 8192,
   * the ranges ending before, at or after them. */
  for (int i = 0; i < 3 * 4096; i++) pages[i] = (uint8_t)(i * 7);
  for (int da = -24; da <= 8; da++)
    for (int db = -24; db <= 8; db += 3)
      for (size_t n = 0; n <= 40; n += 3) {
        uint8_t *a = pages + 4096 + da, *b = pages + 8192 + db;
        for (size_t i = 0; i < n; i++) b[i] = a[i];
        check(a, b, n);
        if (n > 0) {
          size_t at = (size_t)(da + 30 + db) % n;
          b[at] ^= 0x80;
          check(a, b, n);
          b[at] ^= 0x80;
        }
      }
  return GREY_RESULT(h, fails);
}
