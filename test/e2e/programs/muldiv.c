/* mul/div/rem edge cases with RISC-V semantics (division by zero,
 * INT_MIN / -1, 32-bit *w forms), plus ordinary C division by constants and
 * by run-time values that are well defined in C. */
#include "grey_guest.h"

static const int64_t v64[] = {0, 1, -1, 2, -2, 3, -3, 7, -7, 1000000007,
                              -1000000007, INT64_MAX, INT64_MIN, INT64_MIN + 1,
                              0x7FFFFFFF, INT32_MIN, 0xFFFFFFFFLL, 0x100000000LL,
                              -0x100000000LL, 0x123456789ABCDEFLL};
#define N64 (int)(sizeof(v64) / sizeof(v64[0]))

GREY_NOINLINE static int64_t c_div(int64_t a, int64_t b) { return a / b; }
GREY_NOINLINE static int64_t c_rem(int64_t a, int64_t b) { return a % b; }
GREY_NOINLINE static uint64_t c_divu(uint64_t a, uint64_t b) { return a / b; }
GREY_NOINLINE static uint64_t c_remu(uint64_t a, uint64_t b) { return a % b; }
GREY_NOINLINE static int32_t c_div32(int32_t a, int32_t b) { return a / b; }
GREY_NOINLINE static uint32_t c_remu32(uint32_t a, uint32_t b) { return a % b; }

uint64_t grey_main(void) {
  uint64_t h = 0, fails = 0;
  /* Known RISC-V results. */
  fails += grey_div(GREY_OPAQUE(5), GREY_OPAQUE(0)) != -1;
  fails += grey_divu(GREY_OPAQUE(5), GREY_OPAQUE(0)) != UINT64_MAX;
  fails += grey_rem(GREY_OPAQUE(-5), GREY_OPAQUE(0)) != -5;
  fails += grey_remu(GREY_OPAQUE(5), GREY_OPAQUE(0)) != 5;
  fails += grey_div(GREY_OPAQUE(INT64_MIN), GREY_OPAQUE(-1)) != INT64_MIN;
  fails += grey_rem(GREY_OPAQUE(INT64_MIN), GREY_OPAQUE(-1)) != 0;
  fails += grey_divw(GREY_OPAQUE(INT32_MIN), GREY_OPAQUE(-1)) != INT32_MIN;
  fails += grey_remw(GREY_OPAQUE(INT32_MIN), GREY_OPAQUE(-1)) != 0;
  fails += grey_divw(GREY_OPAQUE(7), GREY_OPAQUE(0)) != -1;
  fails += grey_divuw(GREY_OPAQUE(7), GREY_OPAQUE(0)) != -1;
  fails += grey_remuw(GREY_OPAQUE(0x80000001LL), GREY_OPAQUE(0)) != (int64_t)(int32_t)0x80000001;
  fails += grey_divuw(GREY_OPAQUE(0xFFFFFFFELL), GREY_OPAQUE(1)) != -2;
  fails += grey_div(GREY_OPAQUE(-7), GREY_OPAQUE(2)) != -3;
  fails += grey_rem(GREY_OPAQUE(-7), GREY_OPAQUE(2)) != -1;
  fails += grey_mulhu(GREY_OPAQUE(UINT64_MAX), GREY_OPAQUE(UINT64_MAX)) != UINT64_MAX - 1;
  fails += grey_mulh(GREY_OPAQUE(-1), GREY_OPAQUE(-1)) != 0;
  fails += grey_mulh(GREY_OPAQUE(INT64_MIN), GREY_OPAQUE(INT64_MIN)) != 0x4000000000000000LL;
  fails += grey_mulhsu(GREY_OPAQUE(-1), GREY_OPAQUE(UINT64_MAX)) != -1;
  fails += grey_mulw(GREY_OPAQUE(0x10000), GREY_OPAQUE(0x10000)) != 0;
  fails += grey_mulw(GREY_OPAQUE(0x7FFFFFFF), GREY_OPAQUE(2)) != -2;

  for (int i = 0; i < N64; i++) {
    int64_t a = GREY_OPAQUE(v64[i]);
    for (int j = 0; j < N64; j++) {
      int64_t b = v64[j];
      h = grey_mix(h, (uint64_t)grey_div(a, b));
      h = grey_mix(h, (uint64_t)grey_rem(a, b));
      h = grey_mix(h, grey_divu((uint64_t)a, (uint64_t)b));
      h = grey_mix(h, grey_remu((uint64_t)a, (uint64_t)b));
      h = grey_mix(h, (uint64_t)grey_divw(a, b));
      h = grey_mix(h, (uint64_t)grey_remw(a, b));
      h = grey_mix(h, (uint64_t)grey_divuw(a, b));
      h = grey_mix(h, (uint64_t)grey_remuw(a, b));
      h = grey_mix(h, (uint64_t)grey_mulh(a, b));
      h = grey_mix(h, grey_mulhu((uint64_t)a, (uint64_t)b));
      h = grey_mix(h, (uint64_t)grey_mulhsu(a, (uint64_t)b));
      h = grey_mix(h, (uint64_t)grey_mulw(a, b));
      h = grey_mix(h, (uint64_t)a * (uint64_t)b);
      /* Plain C division where it is defined. */
      if (b != 0 && !(a == INT64_MIN && b == -1)) {
        h = grey_mix(h, (uint64_t)c_div(a, b));
        h = grey_mix(h, (uint64_t)c_rem(a, b));
      }
      if (b != 0) {
        h = grey_mix(h, c_divu((uint64_t)a, (uint64_t)b));
        h = grey_mix(h, c_remu((uint64_t)a, (uint64_t)b));
        if ((uint32_t)b != 0) h = grey_mix(h, c_remu32((uint32_t)a, (uint32_t)b));
      }
      if ((int32_t)b != 0 && !((int32_t)a == INT32_MIN && (int32_t)b == -1))
        h = grey_mix(h, (uint64_t)(int64_t)c_div32((int32_t)a, (int32_t)b));
    }
    /* division by constants (magic-number sequences using mulh/mulhu) */
    h = grey_mix(h, (uint64_t)(a / 3) ^ (uint64_t)(a % 10) << 1);
    h = grey_mix(h, ((uint64_t)a / 1000000007u) ^ ((uint64_t)a % 641u));
    h = grey_mix(h, (uint64_t)(a / -17) + (uint64_t)(a / 16) + (uint64_t)(a % 16));
    h = grey_mix(h, (uint64_t)(int64_t)((int32_t)a / 7) ^ (uint64_t)((uint32_t)a / 9u));
  }
  return GREY_RESULT(h, fails);
}
