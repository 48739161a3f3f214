/* Deep call chains that keep many values live across calls (register
 * spilling on rv64e: only s0/s1 are callee-saved), functions with more
 * arguments than argument registers (stack arguments), varargs, struct
 * arguments/returns by value, and mutual recursion through a chain. */
#include "grey_guest.h"
#include <stdarg.h>

struct vec3 { int64_t x, y, z; };
struct pair { uint64_t a, b; };

GREY_NOINLINE static uint64_t leaf(uint64_t a, uint64_t b) { return grey_mix(a, b); }

GREY_NOINLINE static uint64_t many_args(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                                        uint64_t e, uint64_t f, uint64_t g, uint64_t h,
                                        uint64_t i, uint64_t j, int32_t k, uint8_t l) {
  return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h + 9 * i + 10 * j +
         (uint64_t)(int64_t)k * 11 + l * 12u;
}

GREY_NOINLINE static uint64_t spill(uint64_t x) {
  uint64_t v0 = leaf(x, 1), v1 = leaf(x, 2), v2 = leaf(x, 3), v3 = leaf(x, 4);
  uint64_t v4 = leaf(v0, v1), v5 = leaf(v2, v3), v6 = leaf(v4, x), v7 = leaf(v5, v0);
  uint64_t v8 = leaf(v6, v7), v9 = leaf(v1, v8);
  return many_args(v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, (int32_t)v3, (uint8_t)v2) ^
         (v0 + v1 + v2 + v3 + v4 + v5 + v6 + v7 + v8 + v9);
}

GREY_NOINLINE static struct vec3 vadd(struct vec3 a, struct vec3 b) {
  struct vec3 r = {a.x + b.x, a.y - b.y, a.z ^ b.z};
  return r;
}
GREY_NOINLINE static struct pair pmix(struct pair p, uint64_t k) {
  struct pair r = {p.b + k, p.a ^ (p.b << 3)};
  return r;
}

GREY_NOINLINE static int64_t vsum(int n, ...) {
  va_list ap;
  va_start(ap, n);
  int64_t s = 0;
  for (int i = 0; i < n; i++) {
    if (i & 1) s += va_arg(ap, int32_t);
    else s ^= va_arg(ap, int64_t);
  }
  va_end(ap);
  return s;
}

GREY_NOINLINE static uint64_t chain(int depth, uint64_t a, uint64_t b, uint64_t c);
GREY_NOINLINE static uint64_t chain_b(int depth, uint64_t a, uint64_t b, uint64_t c) {
  uint64_t t = a * 3 + b;
  uint64_t r = chain(depth - 1, b, c, t);
  return r ^ t ^ (a << 1);
}
GREY_NOINLINE static uint64_t chain(int depth, uint64_t a, uint64_t b, uint64_t c) {
  if (depth <= 0) return a + b + c;
  uint64_t keep1 = a ^ c, keep2 = b + 7, keep3 = c * 5;
  uint64_t r = chain_b(depth - 1, c, a, b);
  return r + keep1 * keep2 + keep3;
}

uint64_t grey_main(void) {
  uint64_t h = 0;
  for (uint64_t i = 0; i < 50; i++) h = grey_mix(h, spill(h + i));
  struct vec3 v = {1, -2, 3};
  for (int i = 0; i < 20; i++) {
    struct vec3 w = {i, -i * 7, (int64_t)h};
    v = vadd(v, w);
  }
  h = grey_mix(h, (uint64_t)v.x ^ (uint64_t)v.y << 1 ^ (uint64_t)v.z << 2);
  struct pair p = {1, 2};
  for (int i = 0; i < 30; i++) p = pmix(p, (uint64_t)i);
  h = grey_mix(h, p.a ^ p.b);
  h = grey_mix(h, (uint64_t)vsum(9, (int64_t)-5, (int32_t)-6, (int64_t)0x123456789LL, (int32_t)7,
                                 (int64_t)h, (int32_t)-100000, (int64_t)-1, (int32_t)INT32_MIN,
                                 (int64_t)42));
  h = grey_mix(h, chain(GREY_OPAQUE(200), 1, 2, 3));
  h = grey_mix(h, many_args(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, -11, 250));
  return h;
}
