/* 32-bit arithmetic with negative values: wrapping add/sub/mul (via unsigned),
 * arithmetic/logical shifts, sign/zero extension between widths, signed and
 * unsigned 32-bit compares, *w instruction patterns. */
#include "grey_guest.h"

static const int32_t vals[] = {0, 1, -1, 2, -2, 7, -7, 100, -100, 0x7FFFFFFF,
                               INT32_MIN, INT32_MIN + 1, 0x12345678, -0x12345678,
                               65535, -65536, 0x40000000, -0x40000001};
#define NV (int)(sizeof(vals) / sizeof(vals[0]))

GREY_NOINLINE static int32_t add32(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }
GREY_NOINLINE static int32_t sub32(int32_t a, int32_t b) { return (int32_t)((uint32_t)a - (uint32_t)b); }
GREY_NOINLINE static int32_t mul32(int32_t a, int32_t b) { return (int32_t)((uint32_t)a * (uint32_t)b); }
GREY_NOINLINE static int32_t sra32(int32_t a, unsigned s) { return a >> (s & 31); }
GREY_NOINLINE static uint32_t srl32(uint32_t a, unsigned s) { return a >> (s & 31); }
GREY_NOINLINE static uint32_t sll32(uint32_t a, unsigned s) { return a << (s & 31); }
GREY_NOINLINE static int64_t widen(int32_t a) { return a; }
GREY_NOINLINE static uint64_t widenu(uint32_t a) { return a; }
GREY_NOINLINE static int64_t sext8(int64_t a) { return (int8_t)a; }
GREY_NOINLINE static int64_t sext16(int64_t a) { return (int16_t)a; }
GREY_NOINLINE static uint64_t zext16(uint64_t a) { return (uint16_t)a; }

uint64_t grey_main(void) {
  uint64_t h = 0;
  for (int i = 0; i < NV; i++) {
    int32_t a = GREY_OPAQUE(vals[i]);
    for (int j = 0; j < NV; j++) {
      int32_t b = vals[j];
      h = grey_mix(h, (uint64_t)(int64_t)add32(a, b));
      h = grey_mix(h, (uint64_t)(int64_t)sub32(a, b));
      h = grey_mix(h, (uint64_t)(int64_t)mul32(a, b));
      h = grey_mix(h, (uint64_t)((a < b) | (((uint32_t)a < (uint32_t)b) << 1) |
                                 ((a == b) << 2) | ((a >= b) << 3)));
      h = grey_mix(h, (uint64_t)(int64_t)sra32(a, (unsigned)b));
      h = grey_mix(h, (uint64_t)srl32((uint32_t)a, (unsigned)b));
      h = grey_mix(h, (uint64_t)sll32((uint32_t)a, (unsigned)b));
      /* 64-bit ops on sign-extended 32-bit values */
      int64_t wa = widen(a), wb = widen(b);
      h = grey_mix(h, (uint64_t)(wa * wb));
      h = grey_mix(h, (uint64_t)(wa - wb));
    }
    h = grey_mix(h, widenu((uint32_t)a));
    h = grey_mix(h, (uint64_t)sext8(a) ^ (uint64_t)sext16(a) << 1 ^ zext16((uint64_t)a) << 2);
    /* negative constants, abs, negation */
    int64_t x = a;
    h = grey_mix(h, (uint64_t)(x < 0 ? -x : x));
    h = grey_mix(h, (uint64_t)(int64_t)(int32_t)(0u - (uint32_t)a));
    h = grey_mix(h, (uint64_t)(x * -3 + -1000000007LL));
    /* signed char / short arithmetic */
    int8_t c = (int8_t)a;
    int16_t s = (int16_t)a;
    h = grey_mix(h, (uint64_t)(int64_t)(c * s + c - s));
  }
  /* accumulate in int32 with wrap */
  uint32_t acc = 0;
  for (int i = 0; i < 1000; i++) acc = acc * 1103515245u + 12345u - (uint32_t)i;
  h = grey_mix(h, (uint64_t)(int64_t)(int32_t)acc);
  return h;
}
