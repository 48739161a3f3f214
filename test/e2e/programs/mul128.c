/* unsigned __int128 / __int128 multiplication (mul + mulhu/mulh/mulhsu),
 * 128-bit add/sub/shift/compare, and a 256-bit multiply-accumulate built on
 * 64x64->128 products.  (No 128-bit division: that needs compiler-rt.) */
#include "grey_guest.h"

typedef unsigned __int128 u128;
typedef __int128 i128;

GREY_NOINLINE static u128 mul64x64(uint64_t a, uint64_t b) { return (u128)a * b; }
GREY_NOINLINE static u128 mul128(u128 a, u128 b) { return a * b; }
GREY_NOINLINE static i128 smul(int64_t a, int64_t b) { return (i128)a * b; }
GREY_NOINLINE static u128 shl128(u128 a, unsigned s) { return a << (s & 127); }
GREY_NOINLINE static u128 shr128(u128 a, unsigned s) { return a >> (s & 127); }
GREY_NOINLINE static i128 sar128(i128 a, unsigned s) { return a >> (s & 127); }

/* r[0..7] = a[0..3] * b[0..3] (schoolbook). */
GREY_NOINLINE static void mul256(uint64_t r[8], const uint64_t a[4], const uint64_t b[4]) {
  for (int i = 0; i < 8; i++) r[i] = 0;
  for (int i = 0; i < 4; i++) {
    uint64_t carry = 0;
    for (int j = 0; j < 4; j++) {
      u128 t = (u128)a[i] * b[j] + r[i + j] + carry;
      r[i + j] = (uint64_t)t;
      carry = (uint64_t)(t >> 64);
    }
    r[i + 4] = carry;
  }
}

/* (a * b) mod m for 64-bit m via 128-bit product and binary long division. */
GREY_NOINLINE static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m) {
  u128 p = (u128)a * b;
  uint64_t r = 0;
  for (int i = 127; i >= 0; i--) {
    uint64_t top = r >> 63;
    r = (r << 1) | (uint64_t)((p >> i) & 1);
    if (top || r >= m) r -= m;
  }
  return r;
}

static uint64_t powmod(uint64_t b, uint64_t e, uint64_t m) {
  uint64_t r = 1 % m;
  while (e) {
    if (e & 1) r = mulmod(r, b, m);
    b = mulmod(b, b, m);
    e >>= 1;
  }
  return r;
}

uint64_t grey_main(void) {
  uint64_t h = 0, s = 12345, fails = 0;
  u128 p = mul64x64(GREY_OPAQUE(UINT64_MAX), UINT64_MAX);
  fails += (uint64_t)p != 1 || (uint64_t)(p >> 64) != UINT64_MAX - 1;
  i128 q = smul(GREY_OPAQUE(INT64_MIN), -1);
  fails += (uint64_t)q != 0x8000000000000000ULL || (uint64_t)(q >> 64) != 0;
  for (int i = 0; i < 200; i++) {
    uint64_t a = grey_rand(&s), b = grey_rand(&s);
    if (i & 1) a >>= (i % 64);
    u128 x = mul64x64(a, b);
    h = grey_mix(h, (uint64_t)x);
    h = grey_mix(h, (uint64_t)(x >> 64));
    i128 y = smul((int64_t)a, (int64_t)b);
    h = grey_mix(h, (uint64_t)(y >> 64));
    u128 z = mul128(x, ((u128)b << 64) | a);
    h = grey_mix(h, (uint64_t)z ^ (uint64_t)(z >> 64));
    h = grey_mix(h, (uint64_t)shl128(x, (unsigned)a) ^ (uint64_t)(shr128(x, (unsigned)b) >> 3));
    h = grey_mix(h, (uint64_t)(sar128((i128)x, (unsigned)(a >> 3)) >> 64));
    u128 sum = x + z, diff = x - z;
    h = grey_mix(h, (uint64_t)(sum >> 64) ^ (uint64_t)diff ^ (uint64_t)(x < z) << 7);
  }
  uint64_t A[4], B[4], R[8];
  for (int k = 0; k < 10; k++) {
    for (int i = 0; i < 4; i++) { A[i] = grey_rand(&s); B[i] = grey_rand(&s); }
    mul256(R, A, B);
    for (int i = 0; i < 8; i++) h = grey_mix(h, R[i]);
  }
  /* Fermat: 2^(p-1) == 1 mod p for p = 2^61-1, and a known modexp value. */
  const uint64_t M61 = (1ULL << 61) - 1;
  fails += powmod(2, GREY_OPAQUE(M61 - 1), M61) != 1;
  fails += powmod(GREY_OPAQUE(3), 1000, 1000000007) != 56888193;
  h = grey_mix(h, powmod(GREY_OPAQUE(0x123456789ULL), 0xFFFFFFFFFFFFULL, 0xFFFFFFFFFFFFFFC5ULL));
  return GREY_RESULT(h, fails);
}
