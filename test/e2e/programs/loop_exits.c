/* Loops with an exit through memory beside counted exits, for
 * pvm-unroll-counted's copies that keep the first and compute the others
 * ahead: linear search, insertion sort, copy-until-terminator, a running
 * sum with a threshold, two counters at once, a 32-bit counter next to
 * INT32_MAX. Trip counts 0..17 around every unroll factor, with the data
 * exit taken at every position and not at all. Every result is folded
 * into one hash. */
#include "grey_guest.h"

#define N 64
static int32_t ints[N + 8];
static uint8_t text[N + 8];
static uint8_t out[N + 8];
static uint32_t sums[N + 8];

GREY_NOINLINE static uint64_t find(const int32_t *a, uint32_t n, int32_t x) {
  uint32_t i;
  for (i = 0; i < n; i++) {
    sums[i & 63] += (uint32_t)a[i];
    if (a[i] == x)
      break;
  }
  return i;
}

GREY_NOINLINE static void insertion_sort(int32_t *a, uint32_t n) {
  for (uint32_t i = 1; i < n; i++) {
    int32_t key = a[i];
    uint32_t j = i;
    while (j > 0 && a[j - 1] > key) {
      a[j] = a[j - 1];
      j--;
    }
    a[j] = key;
  }
}

/* Copies bytes up to a terminator or `end`, whichever comes first. */
GREY_NOINLINE static uint64_t copy_until(const uint8_t *p, const uint8_t *end,
                                         uint8_t stop) {
  uint8_t *q = out;
  while (p != end && *p != stop)
    *q++ = *p++;
  return (uint64_t)(q - out);
}

/* Down-counting, leaving early when a running sum read back from memory
 * passes a limit. */
GREY_NOINLINE static uint64_t sum_until(uint32_t n, uint32_t limit) {
  uint32_t s = 0;
  uint32_t i;
  for (i = n; i > 0; i--) {
    s += (uint32_t)ints[i & 63];
    sums[i & 63] = s;
    if (sums[(i + 1) & 63] > limit)
      break;
  }
  return ((uint64_t)i << 32) | s;
}

/* Two counters, each with its own exit, and a data exit. */
GREY_NOINLINE static uint64_t two_counters(uint32_t n, uint32_t m, int32_t x) {
  uint32_t i = 0, j = m;
  for (; i < n && j > 0; i++, j--) {
    if (ints[i & 63] == x)
      break;
    sums[j & 63] = (uint32_t)ints[i & 63];
  }
  return ((uint64_t)i << 32) | j;
}

/* A signed 32-bit counter ending next to INT32_MAX, with a data exit. */
GREY_NOINLINE static uint64_t near_max(int32_t start, int32_t x) {
  int32_t i;
  for (i = start; i < INT32_MAX; i++) {
    if (ints[(uint32_t)i & 63] == x)
      break;
    out[(uint32_t)i & 63] = (uint8_t)i;
  }
  return (uint32_t)i;
}

static uint64_t memory_hash(void) {
  uint64_t h = 0;
  for (int i = 0; i < N; i++)
    h = grey_mix(h, (uint64_t)(uint32_t)ints[i] ^ ((uint64_t)sums[i] << 32) ^
                        ((uint64_t)out[i] << 8) ^ text[i]);
  return h;
}

static void fill(uint32_t seed) {
  uint32_t v = seed * 2654435761u + 1;
  for (int i = 0; i < N + 8; i++) {
    v = v * 1103515245u + 12345u;
    ints[i] = (int32_t)(v >> 8) % 50 - 25;
    text[i] = (uint8_t)('a' + (v >> 16) % 26);
  }
}

uint64_t grey_main(void) {
  uint64_t h = 0;
  for (uint32_t t = 0; t <= 17; t++) {
    fill(t);
    /* The data exit at every position, and never. */
    for (uint32_t at = 0; at <= t; at++) {
      int32_t x = at < t ? ints[at] : 1000;
      h = grey_mix(h, find(ints, GREY_OPAQUE(t), x));
      text[at] = 0;
      h = grey_mix(h, copy_until(text, text + GREY_OPAQUE(t), 0));
      text[at] = (uint8_t)('a' + at);
      h = grey_mix(h, two_counters(GREY_OPAQUE(t), GREY_OPAQUE(17 - at), x));
      h = grey_mix(h, two_counters(GREY_OPAQUE(17 - at), GREY_OPAQUE(t), x));
      h = grey_mix(h, near_max(GREY_OPAQUE(INT32_MAX - (int32_t)t), x));
    }
    h = grey_mix(h, sum_until(GREY_OPAQUE(t), GREY_OPAQUE(t * 7)));
    h = grey_mix(h, sum_until(GREY_OPAQUE(t), 0xFFFFFFFFu));
    /* Sorted, reversed and shuffled inputs of every length. */
    insertion_sort(ints, GREY_OPAQUE(t));
    h = grey_mix(h, memory_hash());
    for (uint32_t i = 0; i < t; i++)
      ints[i] = (int32_t)(t - i);
    insertion_sort(ints, GREY_OPAQUE(t));
    h = grey_mix(h, memory_hash());
    fill(t + 100);
    insertion_sort(ints + 3, GREY_OPAQUE(t));
    h = grey_mix(h, memory_hash());
  }
  /* Long runs: many rounds of each factor. */
  fill(7);
  insertion_sort(ints, GREY_OPAQUE(N));
  h = grey_mix(h, find(ints, GREY_OPAQUE(N), ints[N - 3]));
  h = grey_mix(h, copy_until(text, text + GREY_OPAQUE(N), 0));
  h = grey_mix(h, sum_until(GREY_OPAQUE(N), 0xFFFFFFFFu));
  return grey_mix(h, memory_hash());
}
