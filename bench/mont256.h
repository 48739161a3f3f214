/* mont256.h - arithmetic modulo an odd 256-bit modulus m (m > 2^255 not
 * required, but m < 2^256), in Montgomery form with R = 2^256, on four
 * 64-bit little-endian limbs.  Used by x25519.c (m = 2^255 - 19) and
 * secp256k1.c (m = p and m = n).  Written for these benchmarks from the
 * textbook CIOS Montgomery multiplication; not constant time. */
#ifndef GREY_BENCH_MONT256_H
#define GREY_BENCH_MONT256_H

#include "grey_guest.h"

typedef unsigned __int128 u128;
typedef struct { uint64_t v[4]; } u256;

struct mod256 {
  u256 m;      /* modulus */
  uint64_t m0; /* -m^-1 mod 2^64 */
  u256 r2;     /* R^2 mod m */
  u256 one;    /* R mod m (1 in Montgomery form) */
};

static inline int u256_is_zero(const u256 *a) { return (a->v[0] | a->v[1] | a->v[2] | a->v[3]) == 0; }
static inline int u256_eq(const u256 *a, const u256 *b) {
  return ((a->v[0] ^ b->v[0]) | (a->v[1] ^ b->v[1]) | (a->v[2] ^ b->v[2]) | (a->v[3] ^ b->v[3])) == 0;
}
/* a >= b */
static inline int u256_geq(const u256 *a, const u256 *b) {
  for (int i = 3; i >= 0; i--)
    if (a->v[i] != b->v[i]) return a->v[i] > b->v[i];
  return 1;
}
/* r = a - b, returns borrow */
static inline uint64_t u256_sub(u256 *r, const u256 *a, const u256 *b) {
  uint64_t borrow = 0;
  for (int i = 0; i < 4; i++) {
    uint64_t x = a->v[i], y = b->v[i];
    uint64_t d = x - y - borrow;
    borrow = (x < y) | ((x == y) & borrow);
    r->v[i] = d;
  }
  return borrow;
}
/* r = a + b, returns carry */
static inline uint64_t u256_add(u256 *r, const u256 *a, const u256 *b) {
  uint64_t carry = 0;
  for (int i = 0; i < 4; i++) {
    u128 s = (u128)a->v[i] + b->v[i] + carry;
    r->v[i] = (uint64_t)s;
    carry = (uint64_t)(s >> 64);
  }
  return carry;
}

/* Modular add/sub for inputs already < m. */
GREY_NOINLINE static void mod_add(const struct mod256 *M, u256 *r, const u256 *a, const u256 *b) {
  u256 s, t;
  uint64_t c = u256_add(&s, a, b);
  uint64_t br = u256_sub(&t, &s, &M->m);
  *r = (c || !br) ? t : s;
}
GREY_NOINLINE static void mod_sub(const struct mod256 *M, u256 *r, const u256 *a, const u256 *b) {
  u256 d, t;
  uint64_t br = u256_sub(&d, a, b);
  u256_add(&t, &d, &M->m);
  *r = br ? t : d;
}

/* r = a * b * R^-1 mod m (CIOS).  Requires a * b < m * R. */
GREY_NOINLINE static void mod_mul(const struct mod256 *M, u256 *r, const u256 *a, const u256 *b) {
  uint64_t t[6] = {0, 0, 0, 0, 0, 0};
  for (int i = 0; i < 4; i++) {
    uint64_t c = 0;
    for (int j = 0; j < 4; j++) {
      u128 p = (u128)a->v[j] * b->v[i] + t[j] + c;
      t[j] = (uint64_t)p;
      c = (uint64_t)(p >> 64);
    }
    u128 s = (u128)t[4] + c;
    t[4] = (uint64_t)s;
    t[5] = (uint64_t)(s >> 64);
    uint64_t q = t[0] * M->m0;
    u128 p = (u128)q * M->m.v[0] + t[0];
    c = (uint64_t)(p >> 64);
    for (int j = 1; j < 4; j++) {
      p = (u128)q * M->m.v[j] + t[j] + c;
      t[j - 1] = (uint64_t)p;
      c = (uint64_t)(p >> 64);
    }
    s = (u128)t[4] + c;
    t[3] = (uint64_t)s;
    t[4] = t[5] + (uint64_t)(s >> 64);
  }
  u256 x = {{t[0], t[1], t[2], t[3]}}, y;
  uint64_t br = u256_sub(&y, &x, &M->m);
  *r = (t[4] || !br) ? y : x;
}

static inline void mod_sqr(const struct mod256 *M, u256 *r, const u256 *a) { mod_mul(M, r, a, a); }

static void mod_setup(struct mod256 *M, const u256 *m) {
  M->m = *m;
  uint64_t inv = 1; /* Newton: inv = m0^-1 mod 2^64 */
  for (int i = 0; i < 6; i++) inv *= 2 - m->v[0] * inv;
  M->m0 = 0 - inv;
  /* one = 2^256 mod m, r2 = 2^512 mod m, by doubling from 1. */
  u256 x = {{1, 0, 0, 0}};
  for (int i = 0; i < 512; i++) {
    if (i == 256) M->one = x;
    mod_add(M, &x, &x, &x);
  }
  M->r2 = x;
}

/* Conversions (a may be any value < 2^256 for to_mont when m > 2^255). */
static inline void to_mont(const struct mod256 *M, u256 *r, const u256 *a) { mod_mul(M, r, a, &M->r2); }
static inline void from_mont(const struct mod256 *M, u256 *r, const u256 *a) {
  u256 one = {{1, 0, 0, 0}};
  mod_mul(M, r, a, &one);
}

/* r = a^e (a and r in Montgomery form, e plain). */
GREY_NOINLINE static void mod_pow(const struct mod256 *M, u256 *r, const u256 *a, const u256 *e) {
  u256 acc = M->one;
  for (int i = 255; i >= 0; i--) {
    mod_sqr(M, &acc, &acc);
    if ((e->v[i / 64] >> (i % 64)) & 1) mod_mul(M, &acc, &acc, a);
  }
  *r = acc;
}

/* r = a^-1 = a^(m-2) for prime m. */
static void mod_inv(const struct mod256 *M, u256 *r, const u256 *a) {
  u256 e, two = {{2, 0, 0, 0}};
  u256_sub(&e, &M->m, &two);
  mod_pow(M, r, a, &e);
}

/* Big-endian / little-endian 32-byte encodings. */
static void u256_from_be(u256 *r, const uint8_t b[32]) {
  for (int i = 0; i < 4; i++) {
    uint64_t w = 0;
    for (int k = 0; k < 8; k++) w = (w << 8) | b[(3 - i) * 8 + k];
    r->v[i] = w;
  }
}
static void u256_from_le(u256 *r, const uint8_t b[32]) {
  for (int i = 0; i < 4; i++) {
    uint64_t w = 0;
    for (int k = 7; k >= 0; k--) w = (w << 8) | b[i * 8 + k];
    r->v[i] = w;
  }
}
static void u256_to_le(uint8_t b[32], const u256 *a) {
  for (int i = 0; i < 32; i++) b[i] = (uint8_t)(a->v[i / 8] >> (8 * (i % 8)));
}

#endif
