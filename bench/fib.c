/* fib: iterative Fibonacci, FIB_N = 1,000,000 iterations (as the reference
 * hand-assembled grey_fib_blob): a = 0, b = 1; N times (a, b) = (b, a + b).
 * Result b = F(N+1) mod 2^64.  Self-check: F(N+1) recomputed by fast
 * doubling (O(log N)); on mismatch returns 0xBAD0000000000000 | low bits. */
#include "grey_guest.h"

#define FIB_N 1000000u

GREY_NOINLINE static uint64_t fib_iter(uint32_t n) {
  uint64_t a = 0, b = 1;
  for (uint32_t i = 0; i < n; i++) {
    uint64_t t = a + b;
    a = b;
    b = t;
  }
  return b;
}

/* (F(n), F(n+1)) mod 2^64 by fast doubling. */
static void fib_fast(uint64_t n, uint64_t *fn, uint64_t *fn1) {
  uint64_t a = 0, b = 1; /* F(0), F(1) */
  for (int bit = 63; bit >= 0; bit--) {
    uint64_t c = a * (2 * b - a);   /* F(2k) */
    uint64_t d = a * a + b * b;     /* F(2k+1) */
    if ((n >> bit) & 1) { a = d; b = c + d; }
    else { a = c; b = d; }
  }
  *fn = a;
  *fn1 = b;
}

uint64_t grey_main(void) {
  uint64_t r = fib_iter(GREY_OPAQUE(FIB_N));
  uint64_t f, f1;
  fib_fast(FIB_N, &f, &f1);
  return r == f1 ? r : (0xBAD0000000000000ULL | (r & 0xFFFFFFFFFFFFULL));
}
