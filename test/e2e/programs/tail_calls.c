/* Functions that end in a call whose result they return, compiled as a call
 * followed by the epilogue and a return (clang's own tail calls are turned
 * off for them), so grey's pvm-form-tail-calls sees the call and return:
 * one with a frame that only saves the return address, one that keeps a
 * value in a callee-saved register across an earlier call, mutual
 * recursion, and the cases it must leave alone: a callee handed a pointer
 * to the caller's own stack local, a callee that reads stack-passed
 * arguments (more than the six argument registers of rv64e), and a
 * varargs callee. The callees are too large for pvm-inline and have two
 * callers, and main calls the forwarding functions through pointers, so the
 * calls survive to the pass at -O2. */
#include "grey_guest.h"

#include <stdarg.h>

#define GREY_NO_TAIL_CALLS __attribute__((noinline, disable_tail_calls))

/* Over 200 PVM instructions: pvm-inline leaves calls to it alone. */
static inline __attribute__((always_inline)) uint64_t churn(uint64_t h) {
#pragma clang loop unroll(full)
  for (int i = 0; i < 40; i++) h = grey_mix(h, (uint64_t)i * 0x9e3779b97f4a7c15ULL);
  return h;
}

GREY_NOINLINE static uint64_t leaf(uint64_t a, uint64_t b) {
  return churn(grey_mix(a, b)) + 1;
}

/* Only the return address lives in the frame. */
GREY_NO_TAIL_CALLS static uint64_t forward(uint64_t a, uint64_t b) {
  return leaf(a ^ 0x55, b + 3);
}

/* Keeps `a` in a callee-saved register across the first call: the return
 * site reloads it and the return address. */
GREY_NO_TAIL_CALLS static uint64_t keep_then_forward(uint64_t a, uint64_t b) {
  uint64_t x = leaf(b, a);
  return leaf(x, a * 7);
}

/* Mutual recursion through calls in return position. */
GREY_NO_TAIL_CALLS static uint64_t is_odd(uint64_t n, uint64_t h);
GREY_NO_TAIL_CALLS static uint64_t is_even(uint64_t n, uint64_t h) {
  if (n == 0) return h;
  return is_odd(n - 1, grey_mix(h, n));
}
GREY_NO_TAIL_CALLS static uint64_t is_odd(uint64_t n, uint64_t h) {
  if (n == 0) return ~h;
  return is_even(n - 1, h + n);
}

/* Reads through a pointer into its caller's frame. */
GREY_NOINLINE static uint64_t sum_local(const uint64_t *v, int n) {
  uint64_t s = 0;
  for (int i = 0; i < n; i++) s = grey_mix(s, v[i]);
  return churn(s);
}

/* Passes a pointer to its own stack local to the call in return position:
 * the frame must stay while the callee runs. */
GREY_NO_TAIL_CALLS static uint64_t pass_local(uint64_t a) {
  uint64_t local[4];
  for (int i = 0; i < 4; i++) local[i] = GREY_OPAQUE(a + (uint64_t)i * 3);
  return sum_local(local, 4);
}

/* Eight arguments: two arrive on the stack, in the caller's frame. */
GREY_NOINLINE static uint64_t many(uint64_t a, uint64_t b, uint64_t c,
                                   uint64_t d, uint64_t e, uint64_t f,
                                   uint64_t g, uint64_t h) {
  return churn(grey_mix(grey_mix(a + b * 3, c ^ d), e + f * g - h));
}

GREY_NO_TAIL_CALLS static uint64_t forward_many(uint64_t a, uint64_t b) {
  return many(a, b, a + 1, b + 2, a ^ b, a * b, GREY_OPAQUE(a - b),
              GREY_OPAQUE(b + 9));
}

/* Varargs: the callee finds its arguments in the caller's frame. */
GREY_NOINLINE static uint64_t vsum(int n, ...) {
  va_list ap;
  va_start(ap, n);
  uint64_t s = 0;
  for (int i = 0; i < n; i++) s = grey_mix(s, va_arg(ap, uint64_t));
  va_end(ap);
  return churn(s);
}

GREY_NO_TAIL_CALLS static uint64_t forward_varargs(uint64_t a, uint64_t b) {
  return vsum(9, a, b, a + b, a - b, a * b, a ^ b, a | b, a & b, ~a);
}

typedef uint64_t (*binary_fn)(uint64_t, uint64_t);

static uint64_t call_pass_local(uint64_t a, uint64_t b) { return pass_local(a ^ b); }
static uint64_t call_is_even(uint64_t a, uint64_t b) { return is_even(40 + (b & 15), a); }

static binary_fn const forwarders[] = {forward, keep_then_forward, call_is_even,
                                       call_pass_local, forward_many,
                                       forward_varargs};

uint64_t grey_main(void) {
  uint64_t h = 1, s = 7;
  for (int i = 0; i < 16; i++) {
    uint64_t a = grey_rand(&s), b = grey_rand(&s) >> 3;
    for (unsigned k = 0; k < sizeof forwarders / sizeof forwarders[0]; k++)
      h = grey_mix(h, forwarders[GREY_OPAQUE(k)](a, b));
    /* Second callers, so that pvm-inline does not copy these into the
     * forwarding functions as their only caller. */
    uint64_t v[2] = {a, b};
    h = grey_mix(h, sum_local(v, 2));
    h = grey_mix(h, many(b, a, 1, 2, 3, 4, 5, 6));
    h = grey_mix(h, vsum(2, b, a));
  }
  return h;
}
