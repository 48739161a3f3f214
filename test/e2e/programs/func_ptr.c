/* Function-pointer tables (in .data.rel.ro and .data), callbacks, a
 * comparator-driven sort, and function pointers passed through structs. */
#include "grey_guest.h"

typedef uint64_t (*unop)(uint64_t);
static uint64_t f_inc(uint64_t x) { return x + 1; }
static uint64_t f_dbl(uint64_t x) { return x * 2; }
static uint64_t f_sq(uint64_t x) { return x * x; }
static uint64_t f_not(uint64_t x) { return ~x; }
static uint64_t f_rot(uint64_t x) { return (x >> 9) | (x << 55); }
static uint64_t f_hash(uint64_t x) { return grey_mix(x, 17); }

static unop const ro_table[] = {f_inc, f_dbl, f_sq, f_not, f_rot, f_hash};
static unop rw_table[6] = {f_hash, f_rot, f_not, f_sq, f_dbl, f_inc};

GREY_NOINLINE static uint64_t apply_n(unop f, uint64_t x, int n) {
  for (int i = 0; i < n; i++) x = f(x);
  return x;
}

typedef int (*cmp_fn)(const void *, const void *);
GREY_NOINLINE static void isort(void *base, int n, int size, cmp_fn cmp) {
  uint8_t *b = (uint8_t *)base;
  uint8_t tmp[16];
  for (int i = 1; i < n; i++) {
    memcpy(tmp, b + i * size, (size_t)size);
    int j = i - 1;
    while (j >= 0 && cmp(b + j * size, tmp) > 0) {
      memcpy(b + (j + 1) * size, b + j * size, (size_t)size);
      j--;
    }
    memcpy(b + (j + 1) * size, tmp, (size_t)size);
  }
}
static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}
static int cmp_i64_desc(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x < y) - (x > y);
}

struct visitor {
  void (*visit)(struct visitor *, int64_t);
  int64_t acc;
  uint64_t count;
};
static void v_sum(struct visitor *v, int64_t x) { v->acc += x; v->count++; }
static void v_max(struct visitor *v, int64_t x) { if (x > v->acc) v->acc = x; v->count++; }
GREY_NOINLINE static void walk(const int64_t *a, int n, struct visitor *v) {
  for (int i = 0; i < n; i++) v->visit(v, a[i]);
}

/* Returns a function pointer chosen at run time. */
GREY_NOINLINE static unop pick(unsigned i) { return ro_table[i % 6]; }

uint64_t grey_main(void) {
  uint64_t h = 0, s = 7;
  for (int i = 0; i < 6; i++) {
    h = grey_mix(h, apply_n(ro_table[i], h + (uint64_t)i, 5));
    h = grey_mix(h, apply_n(rw_table[i], h, 3));
  }
  rw_table[GREY_OPAQUE(2)] = f_inc;
  for (unsigned i = 0; i < 100; i++) {
    unsigned k = (unsigned)grey_rand(&s);
    h = grey_mix(h, pick(k)(h));
    h = rw_table[k % 6](h);
  }
  uint32_t a[40];
  for (int i = 0; i < 40; i++) a[i] = (uint32_t)grey_rand(&s);
  isort(a, 40, 4, cmp_u32);
  uint64_t bad = 0;
  for (int i = 1; i < 40; i++) bad += a[i - 1] > a[i];
  for (int i = 0; i < 40; i++) h = grey_mix(h, a[i]);
  int64_t b[30];
  for (int i = 0; i < 30; i++) b[i] = (int64_t)grey_rand(&s) >> 20;
  isort(b, 30, 8, cmp_i64_desc);
  for (int i = 1; i < 30; i++) bad += b[i - 1] < b[i];
  for (int i = 0; i < 30; i++) h = grey_mix(h, (uint64_t)b[i]);
  struct visitor v1 = {v_sum, 0, 0}, v2 = {v_max, INT64_MIN, 0};
  walk(b, 30, &v1);
  walk(b, 30, &v2);
  bad += v2.acc != b[0];
  h = grey_mix(h, (uint64_t)v1.acc ^ v1.count ^ (uint64_t)v2.acc);
  return GREY_RESULT(h, bad);
}
