/* Counted loops at their edges, for pvm-unroll-counted: trip counts 0..17
 * around every unroll factor, up and down counting, <, <=, != exits, signed
 * and unsigned, 32- and 64-bit counters, steps by a constant and by a
 * register, counters that end next to INT32_MAX/UINT32_MAX/INT64_MAX, and
 * loops whose counter wraps around (each stores to memory every iteration,
 * so unrolling them pays). Every result is folded into one hash. */
#include "grey_guest.h"

#define N 64
static uint8_t bytes[N + 32];
static uint32_t words[N + 32];

GREY_NOINLINE static uint64_t up_lt_u32(uint32_t start, uint32_t end) {
  uint32_t i;
  for (i = start; i < end; i++) bytes[i & 63] = (uint8_t)(i * 7);
  return i;
}

GREY_NOINLINE static uint64_t up_le_s32(int32_t start, int32_t end) {
  int32_t i;
  for (i = start; i <= end; i++) words[i & 63] += (uint32_t)i;
  return (uint32_t)i;
}

GREY_NOINLINE static uint64_t down_ne_u64(uint64_t start, uint64_t end) {
  uint64_t i;
  for (i = start; i != end; i--) bytes[i & 63] ^= (uint8_t)i;
  return i;
}

GREY_NOINLINE static uint64_t down_ge_s64(int64_t start, int64_t end) {
  int64_t i;
  for (i = start; i >= end; i -= 3) words[i & 63] = (uint32_t)(i * 5);
  return (uint64_t)i;
}

GREY_NOINLINE static uint64_t step_by_register(uint32_t start, uint32_t end,
                                               uint32_t step) {
  uint32_t m;
  for (m = start; m < end; m += step) bytes[m & 63] = 0;
  return m;
}

GREY_NOINLINE static uint64_t pointer_walk(uint8_t *p, uint8_t *end) {
  uint64_t n = 0;
  for (; p != end; p++) {
    *p = (uint8_t)(*p + 1);
    n++;
  }
  return n;
}

/* The counter wraps past UINT32_MAX: the exit test must see the wrapped
 * value exactly as the loop does (i != end with end below start). */
GREY_NOINLINE static uint64_t wrapping_u32(uint32_t start, uint32_t end) {
  uint32_t i, n = 0;
  for (i = start; i != end; i++) {
    bytes[i & 63] = (uint8_t)n;
    n++;
  }
  return n;
}

/* A 64-bit sum accumulated in memory, trips from a count. */
GREY_NOINLINE static uint64_t count_down_to_zero(uint32_t n) {
  uint64_t sum = 0;
  while (n--) {
    words[n & 63] += n;
    sum += words[n & 63];
  }
  return sum;
}

static uint64_t memory_hash(void) {
  uint64_t h = 0;
  for (int i = 0; i < N; i++) h = grey_mix(h, bytes[i] + ((uint64_t)words[i] << 8));
  return h;
}

uint64_t grey_main(void) {
  uint64_t h = 0;
  for (uint32_t t = 0; t <= 17; t++) {
    uint32_t base = GREY_OPAQUE(5u);
    h = grey_mix(h, up_lt_u32(base, base + t));
    h = grey_mix(h, up_lt_u32(GREY_OPAQUE(0xFFFFFFFFu - t), 0xFFFFFFFFu));
    h = grey_mix(h, up_le_s32(GREY_OPAQUE(-3), (int32_t)t - 4));
    h = grey_mix(h, up_le_s32(GREY_OPAQUE(INT32_MAX - (int32_t)t), INT32_MAX - 1));
    h = grey_mix(h, down_ne_u64(GREY_OPAQUE(100u + t), 100));
    h = grey_mix(h, down_ne_u64(GREY_OPAQUE(t), 0));
    h = grey_mix(h, down_ge_s64(GREY_OPAQUE((int64_t)t * 3), 0));
    h = grey_mix(h, down_ge_s64(GREY_OPAQUE(INT64_MIN + 3 * (int64_t)t + 2),
                                INT64_MIN + 3));
    h = grey_mix(h, step_by_register(GREY_OPAQUE(t), 40, GREY_OPAQUE(t % 5 + 1)));
    h = grey_mix(h, step_by_register(GREY_OPAQUE(0xFFFFFF00u), 0xFFFFFFE0u,
                                     GREY_OPAQUE(t + 1)));
    h = grey_mix(h, pointer_walk(bytes + GREY_OPAQUE(3), bytes + 3 + t));
    h = grey_mix(h, wrapping_u32(GREY_OPAQUE(0xFFFFFFFFu - t / 2), t / 2 + 1));
    h = grey_mix(h, count_down_to_zero(GREY_OPAQUE(t)));
    h = grey_mix(h, memory_hash());
  }
  /* Long runs, many rounds of each factor. */
  h = grey_mix(h, up_lt_u32(GREY_OPAQUE(0u), 1000));
  h = grey_mix(h, down_ne_u64(GREY_OPAQUE(997u), 0));
  h = grey_mix(h, step_by_register(GREY_OPAQUE(1u), 100000, GREY_OPAQUE(7u)));
  h = grey_mix(h, count_down_to_zero(GREY_OPAQUE(333u)));
  return grey_mix(h, memory_hash());
}
