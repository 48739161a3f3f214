/* Conditional moves (XTheadCondMov th.mveqz/th.mvnez and branchless
 * selects): clamps, selects on comparisons, counting, branchless binary
 * search, conditional swaps. */
#include "grey_guest.h"

GREY_NOINLINE static uint64_t sel_eqz(uint64_t c, uint64_t a, uint64_t b) { return c == 0 ? a : b; }
GREY_NOINLINE static uint64_t sel_nez(uint64_t c, uint64_t a, uint64_t b) { return c != 0 ? a : b; }
GREY_NOINLINE static int64_t clamp(int64_t x, int64_t lo, int64_t hi) { return x < lo ? lo : x > hi ? hi : x; }
GREY_NOINLINE static uint64_t sel_lt(int64_t x, int64_t y, uint64_t a, uint64_t b) { return x < y ? a : b; }
GREY_NOINLINE static uint64_t sel_ltu(uint64_t x, uint64_t y, uint64_t a) { return x < y ? a : 0; }
GREY_NOINLINE static uint64_t sel_zero(uint64_t c, uint64_t a) { return c ? 0 : a; }
GREY_NOINLINE static uint64_t sel_const(uint64_t c) { return c & 4 ? 77 : 1234; }

GREY_NOINLINE static unsigned lower_bound(const uint32_t *a, unsigned n, uint32_t key) {
  const uint32_t *base = a;
  while (n > 1) {
    unsigned half = n / 2;
    base = base[half - 1] < key ? base + half : base;
    n -= half;
  }
  return (unsigned)(base - a) + (*base < key);
}

GREY_NOINLINE static void cswap_sort4(int64_t *v) {
#define CS(i, j) { int64_t x = v[i], y = v[j]; v[i] = x < y ? x : y; v[j] = x < y ? y : x; }
  CS(0, 1) CS(2, 3) CS(0, 2) CS(1, 3) CS(1, 2)
#undef CS
}

uint64_t grey_main(void) {
  uint64_t h = 0, s = 11, fails = 0;
  for (int i = 0; i < 300; i++) {
    uint64_t c = grey_rand(&s) & (i & 1 ? 1 : 0xFF00), a = grey_rand(&s), b = grey_rand(&s);
    h = grey_mix(h, sel_eqz(c, a, b) ^ sel_nez(c, b, a) << 1);
    h = grey_mix(h, (uint64_t)clamp((int64_t)a >> 50, -1000, 1000));
    h = grey_mix(h, sel_lt((int64_t)a, (int64_t)b, c, a) ^ sel_ltu(a, b, c));
    h = grey_mix(h, sel_zero(c, a) + sel_const(a));
    uint64_t cnt = 0;
    for (int k = 0; k < 8; k++) cnt += ((a >> (k * 8)) & 0xFF) > 0x80;
    h = grey_mix(h, cnt);
  }
  fails += sel_eqz(GREY_OPAQUE(0), 1, 2) != 1 || sel_nez(GREY_OPAQUE(0), 1, 2) != 2;
  fails += clamp(GREY_OPAQUE(-5000), -1000, 1000) != -1000;
  uint32_t arr[100];
  for (int i = 0; i < 100; i++) arr[i] = (uint32_t)i * 3 + 1;
  for (uint32_t key = 0; key < 310; key += 7) {
    unsigned lb = lower_bound(arr, 100, GREY_OPAQUE(key));
    unsigned want = 0;
    while (want < 100 && arr[want] < key) want++;
    fails += lb != want;
    h = grey_mix(h, lb);
  }
  for (int t = 0; t < 50; t++) {
    int64_t v[4];
    for (int i = 0; i < 4; i++) v[i] = (int64_t)grey_rand(&s) >> 40;
    cswap_sort4(v);
    fails += !(v[0] <= v[1] && v[1] <= v[2] && v[2] <= v[3]);
    h = grey_mix(h, (uint64_t)v[0] ^ (uint64_t)v[3]);
  }
  return GREY_RESULT(h, fails);
}
