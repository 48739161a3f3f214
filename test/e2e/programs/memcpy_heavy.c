/* memcpy/memmove/memset/memcmp with all alignments and sizes, overlapping
 * moves, struct copies and a ring buffer, checked against byte loops. */
#include "grey_guest.h"

static uint8_t src[600], dst[600], ref[600];

GREY_NOINLINE static void ref_move(uint8_t *d, const uint8_t *s, size_t n) {
  uint8_t tmp[600];
  for (size_t i = 0; i < n; i++) tmp[i] = GREY_OPAQUE(s[i]);
  for (size_t i = 0; i < n; i++) d[i] = tmp[i];
}

struct big { uint64_t a[9]; uint8_t tag; uint32_t x; };

GREY_NOINLINE static struct big make_big(uint64_t seed) {
  struct big b;
  for (int i = 0; i < 9; i++) b.a[i] = seed * (uint64_t)(i + 1);
  b.tag = (uint8_t)seed;
  b.x = (uint32_t)(seed >> 7);
  return b;
}

uint64_t grey_main(void) {
  uint64_t h = 0, s = 5, fails = 0;
  for (int i = 0; i < 600; i++) src[i] = (uint8_t)grey_rand(&s);
  for (int so = 0; so < 9; so++)
    for (int doff = 0; doff < 9; doff++)
      for (size_t n = 0; n < 80; n += 1 + n / 8) {
        memset(dst, 0xA5, sizeof dst);
        memcpy(dst + doff, src + so, GREY_OPAQUE(n));
        for (size_t k = 0; k < sizeof dst; k++) {
          uint8_t want = (k >= (size_t)doff && k < doff + n) ? src[so + k - doff] : 0xA5;
          fails += dst[k] != want;
        }
        h = grey_mix(h, dst[doff] + (uint64_t)n);
      }
  /* overlapping memmove both directions, compared with a reference */
  for (int t = 0; t < 60; t++) {
    size_t a = grey_rand(&s) % 300, b = grey_rand(&s) % 300, n = grey_rand(&s) % 300;
    memcpy(dst, src, sizeof dst);
    memcpy(ref, src, sizeof ref);
    memmove(dst + a, dst + b, GREY_OPAQUE(n));
    ref_move(ref + a, ref + b, n);
    fails += memcmp(dst, ref, GREY_OPAQUE(sizeof dst)) != 0;
    for (int k = 0; k < 600; k += 37) h = grey_mix(h, dst[k]);
  }
  /* memset with odd sizes and values */
  for (int t = 0; t < 40; t++) {
    size_t a = grey_rand(&s) % 200, n = grey_rand(&s) % 390;
    int v = (int)(grey_rand(&s) & 0x1FF);
    memset(dst + a, v, GREY_OPAQUE(n));
    for (size_t k = a; k < a + n; k++) fails += dst[k] != (uint8_t)v;
    h = grey_mix(h, dst[a] ^ (uint64_t)dst[a + n] << 8);
  }
  /* memcmp sign and position */
  memcpy(ref, dst, sizeof ref);
  ref[450] ^= 0x80;
  int c1 = memcmp(dst, ref, GREY_OPAQUE(600));
  int c2 = memcmp(ref, dst, GREY_OPAQUE(600));
  int c3 = memcmp(ref, dst, GREY_OPAQUE(450));
  fails += !((c1 < 0) != (c2 < 0) && c1 != 0 && c2 != 0 && c3 == 0);
  h = grey_mix(h, (uint64_t)((c1 < 0) * 4 + (c2 < 0) * 2 + (c3 == 0)));
  /* struct copies (memcpy emitted by the compiler) */
  struct big arr[8];
  for (int i = 0; i < 8; i++) arr[i] = make_big(grey_rand(&s));
  for (int i = 0; i < 7; i++) arr[i + 1] = arr[i].tag & 1 ? arr[i] : arr[i + 1];
  for (int i = 0; i < 8; i++) h = grey_mix(h, arr[i].a[i] ^ arr[i].tag ^ arr[i].x);
  /* ring buffer with wrap-around copies */
  uint8_t ring[64];
  memset(ring, 0, sizeof ring);
  size_t pos = 0;
  for (int t = 0; t < 100; t++) {
    size_t n = grey_rand(&s) % 40, first = n < 64 - pos ? n : 64 - pos;
    memcpy(ring + pos, src + t, first);
    memcpy(ring, src + t + first, n - first);
    pos = (pos + n) % 64;
    h = grey_mix(h, ring[pos] | (uint64_t)ring[(pos + 31) % 64] << 8);
  }
  return GREY_RESULT(h, fails);
}
