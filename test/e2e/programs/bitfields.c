/* Bit-fields, packed (unaligned) structs, unions and type punning via
 * memcpy, and bit-level encoders (varint/LEB128, zigzag). */
#include "grey_guest.h"

struct flags {
  uint32_t a : 3;
  int32_t b : 5;
  uint32_t c : 12;
  int32_t d : 12;
  uint64_t e : 40;
  int64_t f : 24;
};

struct __attribute__((packed)) packed {
  uint8_t tag;
  uint32_t x;
  uint64_t y;
  uint16_t z;
};

GREY_NOINLINE static size_t leb_enc(uint64_t v, uint8_t *out) {
  size_t n = 0;
  do {
    uint8_t b = v & 0x7F;
    v >>= 7;
    out[n++] = (uint8_t)(b | (v ? 0x80 : 0));
  } while (v);
  return n;
}
GREY_NOINLINE static uint64_t leb_dec(const uint8_t *in, size_t *n) {
  uint64_t v = 0;
  unsigned shift = 0;
  size_t i = 0;
  for (;;) {
    uint8_t b = in[i++];
    v |= (uint64_t)(b & 0x7F) << shift;
    if (!(b & 0x80)) break;
    shift += 7;
  }
  *n = i;
  return v;
}
static uint64_t zz_enc(int64_t v) { return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63); }
static int64_t zz_dec(uint64_t v) { return (int64_t)(v >> 1) ^ -(int64_t)(v & 1); }

uint64_t grey_main(void) {
  uint64_t h = 0, s = 31337, fails = 0;
  struct flags f[16];
  for (int i = 0; i < 16; i++) {
    uint64_t r = grey_rand(&s);
    f[i].a = (uint32_t)r;
    f[i].b = (int32_t)(r >> 3) & 31;
    f[i].b -= 16;
    f[i].c = (uint32_t)(r >> 8);
    f[i].d = (int32_t)((r >> 20) & 0x7FF) - 1024;
    f[i].e = r >> 24;
    f[i].f = -(int64_t)(r >> 45);
  }
  for (int i = 0; i < 16; i++) {
    h = grey_mix(h, f[i].a + (uint64_t)(int64_t)f[i].b * 3 + f[i].c * 5 + (uint64_t)(int64_t)f[i].d * 7);
    h = grey_mix(h, f[i].e ^ (uint64_t)(int64_t)f[i].f);
    f[i].c += 4000;
    f[i].b = (int32_t)f[i].b + 1;
    h = grey_mix(h, f[i].c ^ (uint64_t)(int64_t)f[i].b);
  }
  uint8_t raw[3 + 15 * 5];
  memset(raw, 0, sizeof raw);
  struct packed *pp = (struct packed *)(raw + 3);
  for (int i = 0; i < 5; i++) {
    pp[i].tag = (uint8_t)i;
    pp[i].x = (uint32_t)grey_rand(&s);
    pp[i].y = grey_rand(&s);
    pp[i].z = (uint16_t)grey_rand(&s);
  }
  for (int i = 0; i < 5; i++) h = grey_mix(h, pp[i].tag ^ pp[i].x ^ pp[i].y ^ pp[i].z);
  for (int i = 0; i < (int)sizeof raw - 8; i += 3) {
    uint64_t w;
    memcpy(&w, raw + i, 8);
    h = grey_mix(h, w);
  }
  union { uint64_t u; int64_t i; uint32_t w[2]; uint8_t b[8]; } un;
  un.u = 0x8000000000000001ULL;
  h = grey_mix(h, (uint64_t)un.i ^ un.w[1] ^ un.b[7]);
  uint8_t enc[16];
  for (int i = 0; i < 200; i++) {
    uint64_t v = grey_rand(&s) >> (i % 64);
    int64_t sv = (i & 1) ? -(int64_t)(v >> 1) : (int64_t)(v >> 1);
    size_t n = leb_enc(zz_enc(sv), enc), m;
    int64_t back = zz_dec(leb_dec(enc, &m));
    fails += m != n || back != sv;
    h = grey_mix(h, n ^ (uint64_t)enc[0] << 8 ^ (uint64_t)enc[n - 1] << 16);
  }
  return GREY_RESULT(h, fails);
}
