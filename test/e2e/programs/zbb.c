/* Zbb bit manipulation: clz/ctz/cpop (64 and 32 bit), rev8 (bswap), rotates
 * (rol/ror/rori and the *w forms), min/max/minu/maxu, sext.b/h, zext.h,
 * andn/orn/xnor, including the zero and all-ones edge cases. */
#include "grey_guest.h"

GREY_NOINLINE static uint64_t clz64(uint64_t x) { return x ? (uint64_t)__builtin_clzll(x) : 64; }
GREY_NOINLINE static uint64_t ctz64(uint64_t x) { return x ? (uint64_t)__builtin_ctzll(x) : 64; }
GREY_NOINLINE static uint64_t clz32(uint32_t x) { return x ? (uint64_t)__builtin_clz(x) : 32; }
GREY_NOINLINE static uint64_t ctz32(uint32_t x) { return x ? (uint64_t)__builtin_ctz(x) : 32; }
GREY_NOINLINE static uint64_t pop64(uint64_t x) { return (uint64_t)__builtin_popcountll(x); }
GREY_NOINLINE static uint64_t pop32(uint32_t x) { return (uint64_t)__builtin_popcount(x); }
GREY_NOINLINE static uint64_t bswap64(uint64_t x) { return __builtin_bswap64(x); }
GREY_NOINLINE static uint32_t bswap32(uint32_t x) { return __builtin_bswap32(x); }
GREY_NOINLINE static uint16_t bswap16(uint16_t x) { return __builtin_bswap16(x); }
GREY_NOINLINE static uint64_t rol64(uint64_t x, unsigned s) { s &= 63; return (x << s) | (x >> ((64 - s) & 63)); }
GREY_NOINLINE static uint64_t ror64(uint64_t x, unsigned s) { s &= 63; return (x >> s) | (x << ((64 - s) & 63)); }
GREY_NOINLINE static uint32_t rol32(uint32_t x, unsigned s) { s &= 31; return (x << s) | (x >> ((32 - s) & 31)); }
GREY_NOINLINE static uint32_t ror32(uint32_t x, unsigned s) { s &= 31; return (x >> s) | (x << ((32 - s) & 31)); }
GREY_NOINLINE static uint64_t rori_a(uint64_t x) { return (x >> 13) | (x << 51); }
GREY_NOINLINE static uint64_t rori_b(uint64_t x) { return (x >> 45) | (x << 19); }
GREY_NOINLINE static uint32_t roriw_a(uint32_t x) { return (x >> 7) | (x << 25); }
GREY_NOINLINE static uint32_t roriw_b(uint32_t x) { return (x >> 29) | (x << 3); }
GREY_NOINLINE static int64_t smin(int64_t a, int64_t b) { return a < b ? a : b; }
GREY_NOINLINE static int64_t smax(int64_t a, int64_t b) { return a > b ? a : b; }
GREY_NOINLINE static uint64_t umin(uint64_t a, uint64_t b) { return a < b ? a : b; }
GREY_NOINLINE static uint64_t umax(uint64_t a, uint64_t b) { return a > b ? a : b; }
GREY_NOINLINE static int64_t smin32(int32_t a, int32_t b) { return a < b ? a : b; }
GREY_NOINLINE static int64_t sextb(uint64_t x) { return (int8_t)x; }
GREY_NOINLINE static int64_t sexth(uint64_t x) { return (int16_t)x; }
GREY_NOINLINE static uint64_t zexth(uint64_t x) { return (uint16_t)x; }
GREY_NOINLINE static uint64_t andn(uint64_t a, uint64_t b) { return a & ~b; }
GREY_NOINLINE static uint64_t orn(uint64_t a, uint64_t b) { return a | ~b; }
GREY_NOINLINE static uint64_t xnor(uint64_t a, uint64_t b) { return ~(a ^ b); }
GREY_NOINLINE static int64_t absv(int64_t a) { return a < 0 ? (int64_t)(0 - (uint64_t)a) : a; }

static const uint64_t edge[] = {0, 1, 2, 0x80, 0xFF, 0x8000, 0xFFFF, 0x80000000ULL,
                                0xFFFFFFFFULL, 0x100000000ULL, 0x8000000000000000ULL,
                                0xFFFFFFFFFFFFFFFFULL, 0x7FFFFFFFFFFFFFFFULL,
                                0x0123456789ABCDEFULL, 0xF0F0F0F0F0F0F0F0ULL};

uint64_t grey_main(void) {
  uint64_t h = 0, s = 3, fails = 0;
  fails += clz64(GREY_OPAQUE(0)) != 64 || ctz64(GREY_OPAQUE(0)) != 64;
  fails += clz32(GREY_OPAQUE(0u)) != 32 || ctz32(GREY_OPAQUE(0u)) != 32;
  fails += clz64(GREY_OPAQUE(1)) != 63 || ctz64(GREY_OPAQUE(0x8000000000000000ULL)) != 63;
  fails += pop64(GREY_OPAQUE(~0ULL)) != 64 || pop32(GREY_OPAQUE(~0u)) != 32;
  fails += bswap64(GREY_OPAQUE(0x0102030405060708ULL)) != 0x0807060504030201ULL;
  fails += bswap32(GREY_OPAQUE(0x01020304u)) != 0x04030201u;
  fails += rol64(GREY_OPAQUE(0x8000000000000001ULL), 1) != 3;
  fails += ror32(GREY_OPAQUE(1u), 1) != 0x80000000u;
  fails += smin(GREY_OPAQUE(-1), 1) != -1 || umin(GREY_OPAQUE((uint64_t)-1), 1) != 1;
  uint64_t v[64];
  int n = 0;
  for (int i = 0; i < 15; i++) v[n++] = edge[i];
  for (; n < 64; n++) v[n] = grey_rand(&s) >> (n & 31);
  for (int i = 0; i < 64; i++) {
    uint64_t x = GREY_OPAQUE(v[i]);
    h = grey_mix(h, clz64(x) | ctz64(x) << 8 | clz32((uint32_t)x) << 16 |
                        ctz32((uint32_t)x) << 24 | pop64(x) << 32 | pop32((uint32_t)x) << 40);
    h = grey_mix(h, bswap64(x) ^ bswap32((uint32_t)x) ^ bswap16((uint16_t)x));
    h = grey_mix(h, (uint64_t)sextb(x) ^ (uint64_t)sexth(x) << 1 ^ zexth(x) << 2);
    h = grey_mix(h, rori_a(x) ^ rori_b(x) ^ roriw_a((uint32_t)x) ^ (uint64_t)roriw_b((uint32_t)x) << 32);
    h = grey_mix(h, (uint64_t)absv((int64_t)x));
    for (int j = 0; j < 64; j += 5) {
      uint64_t y = v[j];
      h = grey_mix(h, rol64(x, (unsigned)y) ^ ror64(x, (unsigned)(y >> 6)));
      h = grey_mix(h, rol32((uint32_t)x, (unsigned)y) ^ (uint64_t)ror32((uint32_t)x, (unsigned)(y >> 5)) << 32);
      h = grey_mix(h, (uint64_t)smin((int64_t)x, (int64_t)y) ^ (uint64_t)smax((int64_t)x, (int64_t)y) << 1);
      h = grey_mix(h, umin(x, y) ^ umax(x, y) << 1 ^ (uint64_t)smin32((int32_t)x, (int32_t)y));
      h = grey_mix(h, andn(x, y) ^ orn(x, y) << 1 ^ xnor(x, y) << 2);
    }
  }
  return GREY_RESULT(h, fails);
}
