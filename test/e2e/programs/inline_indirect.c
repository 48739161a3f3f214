/* Functions that grey inlines at their direct calls while code pointers to
 * them are also used: the same function is called directly and through a
 * table, a callback and a pointer chosen at run time; pointers to it still
 * compare equal; a recursive function whose address is taken; a function
 * with a frame (it calls out and keeps values across the call) called both
 * ways; and a callback that calls back into the function that called it. */
#include "grey_guest.h"

typedef uint64_t (*op_fn)(uint64_t, uint64_t);

GREY_NOINLINE static uint64_t op_add(uint64_t a, uint64_t b) { return a + b; }
GREY_NOINLINE static uint64_t op_xor(uint64_t a, uint64_t b) { return a ^ (b << 3); }
GREY_NOINLINE static uint64_t op_mix(uint64_t a, uint64_t b) { return grey_mix(a, b); }

/* Has a frame: calls two functions and keeps values across the calls. */
GREY_NOINLINE static uint64_t op_framed(uint64_t a, uint64_t b) {
  uint64_t x = op_add(a, b);
  uint64_t y = op_xor(x, a);
  return x * 3 + y + b;
}

/* Recursive (at most 16 deep) and address-taken. */
GREY_NOINLINE static uint64_t op_rec(uint64_t a, uint64_t b) {
  b &= 15;
  if (b == 0) return a;
  return op_rec(op_mix(a, b), b - 1) + 1;
}

static op_fn const table[] = {op_add, op_xor, op_mix, op_framed, op_rec};
static op_fn rw_table[5] = {op_rec, op_framed, op_mix, op_xor, op_add};

GREY_NOINLINE static uint64_t fold(op_fn f, const uint64_t *v, int n, uint64_t acc) {
  for (int i = 0; i < n; i++) acc = f(acc, v[i]);
  return acc;
}

/* A callback that calls back into fold through a pointer. */
static uint64_t depth;
GREY_NOINLINE static uint64_t op_nest(uint64_t a, uint64_t b) {
  if (depth >= 3) return op_add(a, b);
  depth++;
  uint64_t v[2] = {a, b};
  uint64_t r = fold(table[depth], v, 2, a ^ b);
  depth--;
  return r;
}

GREY_NOINLINE static op_fn pick(unsigned i) { return table[i % 5]; }

uint64_t grey_main(void) {
  uint64_t h = 1, fails = 0, s = 99;
  uint64_t v[8];
  for (int i = 0; i < 8; i++) v[i] = grey_rand(&s) >> 7;

  /* The same functions called directly and through pointers must agree. */
  for (int i = 0; i < 8; i++) {
    uint64_t a = v[i], b = v[(i + 3) % 8] & 15;
    uint64_t direct[5] = {op_add(a, b), op_xor(a, b), op_mix(a, b),
                          op_framed(a, b), op_rec(a, b)};
    for (int k = 0; k < 5; k++) {
      fails += direct[k] != table[k](a, b);
      fails += direct[k] != pick((unsigned)k + 5 * (unsigned)i)(a, b);
      fails += direct[k] != rw_table[4 - k](a, b);
      h = grey_mix(h, direct[k]);
    }
  }

  /* Pointers to inlined functions still compare equal. */
  op_fn p = op_framed;
  fails += p != table[3];
  fails += pick(GREY_OPAQUE(3)) != p;
  fails += rw_table[1] != table[3];

  /* Callbacks, including one that re-enters. */
  for (int k = 0; k < 5; k++) h = grey_mix(h, fold(table[k], v, 8, h));
  h = grey_mix(h, fold(op_nest, v, 8, 7));
  rw_table[GREY_OPAQUE(0)] = op_nest;
  h = grey_mix(h, fold(rw_table[0], v, 8, 11));

  return GREY_RESULT(h, fails);
}
