/* memcpy/memmove/memset at every size around grey's block sizes (0..140),
 * every alignment of source and destination modulo 8, and overlapping
 * moves at every distance up to 40 in both directions, each checked byte
 * for byte against a plain loop, including the bytes next to the range. */
#include "grey_guest.h"

#define SIZE 320
static uint8_t buf[SIZE], ref[SIZE], src[SIZE];

GREY_NOINLINE static void ref_move(uint8_t *d, const uint8_t *s, size_t n) {
  uint8_t tmp[SIZE];
  for (size_t i = 0; i < n; i++) tmp[i] = GREY_OPAQUE(s[i]);
  for (size_t i = 0; i < n; i++) d[i] = tmp[i];
}

static uint64_t fill(uint64_t *seed) {
  for (int i = 0; i < SIZE; i++) buf[i] = ref[i] = (uint8_t)grey_rand(seed);
  return 0;
}

static uint64_t differences(void) {
  uint64_t fails = 0;
  for (int i = 0; i < SIZE; i++) fails += buf[i] != ref[i];
  return fails;
}

uint64_t grey_main(void) {
  uint64_t h = 0, s = 11, fails = 0;
  for (int i = 0; i < SIZE; i++) src[i] = (uint8_t)grey_rand(&s);
  for (size_t n = 0; n <= 140; n++)
    for (int so = 0; so < 8; so++)
      for (int d = 0; d < 8; d += 3) {
        fill(&s);
        memcpy(buf + 8 + d, src + so, GREY_OPAQUE(n));
        for (size_t i = 0; i < n; i++) ref[8 + d + i] = src[so + i];
        fails += differences();
        h = grey_mix(h, buf[8 + d + n / 2]);
      }
  for (size_t n = 0; n <= 140; n += 1 + n / 16)
    for (int gap = 1; gap <= 40; gap++)
      for (int dir = 0; dir < 2; dir++) {
        fill(&s);
        size_t from = dir ? 60 : 60 + gap, to = dir ? 60 + gap : 60;
        memmove(buf + to, buf + from, GREY_OPAQUE(n));
        ref_move(ref + to, ref + from, n);
        fails += differences();
        h = grey_mix(h, buf[to + n / 3]);
      }
  for (size_t n = 0; n <= 200; n++)
    for (int off = 0; off < 8; off += 1 + (int)(n & 1)) {
      fill(&s);
      int v = (int)(grey_rand(&s) & 0x3FF);
      memset(buf + 16 + off, v, GREY_OPAQUE(n));
      for (size_t i = 0; i < n; i++) ref[16 + off + i] = (uint8_t)v;
      fails += differences();
      h = grey_mix(h, buf[16 + off + n / 2] + n);
    }
  /* memcpy/memmove/memset return their destination. */
  fails += memcpy(buf + 3, src, GREY_OPAQUE(5)) != buf + 3;
  fails += memmove(buf + 1, buf + 2, GREY_OPAQUE(50)) != buf + 1;
  fails += memset(buf + 7, 1, GREY_OPAQUE(70)) != buf + 7;
  return GREY_RESULT(h, fails);
}
