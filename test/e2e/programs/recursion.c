/* Recursion: naive fib, Ackermann, mutual recursion, Hanoi, recursive
 * descent over an implicit binary tree, and recursion with a stack array. */
#include "grey_guest.h"

GREY_NOINLINE static uint64_t fib(uint64_t n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

GREY_NOINLINE static uint64_t ack(uint64_t m, uint64_t n) {
  if (m == 0) return n + 1;
  if (n == 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}

static int is_odd(unsigned n);
GREY_NOINLINE static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
GREY_NOINLINE static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

GREY_NOINLINE static uint64_t hanoi(int n, int from, int to, int via, uint64_t h) {
  if (n == 0) return h;
  h = hanoi(n - 1, from, via, to, h);
  h = h * 31 + (uint64_t)(from * 3 + to);
  return hanoi(n - 1, via, to, from, h);
}

/* Sum of a pseudo-random implicit tree, depth-first. */
GREY_NOINLINE static uint64_t tree(uint64_t node, int depth) {
  if (depth == 0) return node * 0x9E3779B97F4A7C15ULL;
  uint64_t l = tree(node * 2, depth - 1);
  uint64_t r = tree(node * 2 + 1, depth - 1);
  return (l ^ (r << 1)) + node;
}

/* Recursion with a local array so each frame is large. */
GREY_NOINLINE static uint64_t framey(int n, uint64_t seed) {
  volatile uint64_t buf[40];
  for (int i = 0; i < 40; i++) buf[i] = seed + (uint64_t)i * (uint64_t)n;
  if (n == 0) return buf[39];
  uint64_t r = framey(n - 1, buf[n % 40] ^ seed);
  return r + buf[(n * 7) % 40];
}

/* Returns a 64-bit value through recursion with many arguments. */
GREY_NOINLINE static int64_t gcd_ext(int64_t a, int64_t b, int64_t *x, int64_t *y) {
  if (b == 0) { *x = 1; *y = 0; return a; }
  int64_t x1, y1;
  int64_t g = gcd_ext(b, a % b, &x1, &y1);
  *x = y1;
  *y = x1 - (a / b) * y1;
  return g;
}

uint64_t grey_main(void) {
  uint64_t h = 0, fails = 0;
  uint64_t f = fib(GREY_OPAQUE(24));
  fails += f != 46368;
  h = grey_mix(h, f);
  uint64_t a = ack(2, GREY_OPAQUE(3));
  fails += a != 9;
  h = grey_mix(h, a);
  a = ack(3, GREY_OPAQUE(4));
  fails += a != 125;
  h = grey_mix(h, a);
  h = grey_mix(h, (uint64_t)is_even(GREY_OPAQUE(1001u)) * 2 + (uint64_t)is_odd(777));
  fails += is_even(GREY_OPAQUE(1000u)) != 1;
  h = grey_mix(h, hanoi(GREY_OPAQUE(12), 0, 2, 1, 7));
  h = grey_mix(h, tree(1, GREY_OPAQUE(12)));
  h = grey_mix(h, framey(GREY_OPAQUE(60), 0x1234));
  int64_t x, y;
  int64_t g = gcd_ext(GREY_OPAQUE(240), 46, &x, &y);
  fails += g != 2 || 240 * x + 46 * y != 2;
  h = grey_mix(h, (uint64_t)g ^ (uint64_t)x << 8 ^ (uint64_t)y << 16);
  g = gcd_ext(GREY_OPAQUE(1234567890123LL), -987654321, &x, &y);
  h = grey_mix(h, (uint64_t)g ^ (uint64_t)x ^ (uint64_t)y << 1);
  return GREY_RESULT(h, fails);
}
