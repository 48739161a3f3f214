/* Sorting: quicksort (recursive), merge sort (with a .bss scratch buffer),
 * heap sort and shell sort on signed and unsigned data, checked for order
 * and permutation (sum/xor). */
#include "grey_guest.h"

#define N 700
static int64_t tmpbuf[N];

GREY_NOINLINE static void qsort_i64(int64_t *a, int lo, int hi) {
  while (lo < hi) {
    int64_t pivot = a[lo + (hi - lo) / 2];
    int i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) { int64_t t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    if (j - lo < hi - i) { qsort_i64(a, lo, j); lo = i; }
    else { qsort_i64(a, i, hi); hi = j; }
  }
}

GREY_NOINLINE static void msort(int64_t *a, int n) {
  if (n < 2) return;
  int m = n / 2;
  msort(a, m);
  msort(a + m, n - m);
  int i = 0, j = m, k = 0;
  while (i < m && j < n) tmpbuf[k++] = a[i] <= a[j] ? a[i++] : a[j++];
  while (i < m) tmpbuf[k++] = a[i++];
  while (j < n) tmpbuf[k++] = a[j++];
  memcpy(a, tmpbuf, (size_t)n * sizeof *a);
}

GREY_NOINLINE static void sift(uint32_t *a, int start, int end) {
  int root = start;
  while (2 * root + 1 <= end) {
    int child = 2 * root + 1, sw = root;
    if (a[sw] < a[child]) sw = child;
    if (child + 1 <= end && a[sw] < a[child + 1]) sw = child + 1;
    if (sw == root) return;
    uint32_t t = a[root]; a[root] = a[sw]; a[sw] = t;
    root = sw;
  }
}
GREY_NOINLINE static void heapsort_u32(uint32_t *a, int n) {
  for (int s = (n - 2) / 2; s >= 0; s--) sift(a, s, n - 1);
  for (int e = n - 1; e > 0; e--) {
    uint32_t t = a[e]; a[e] = a[0]; a[0] = t;
    sift(a, 0, e - 1);
  }
}

GREY_NOINLINE static void shellsort_i16(int16_t *a, int n) {
  static const int gaps[] = {301, 132, 57, 23, 10, 4, 1};
  for (int g = 0; g < 7; g++) {
    int gap = gaps[g];
    for (int i = gap; i < n; i++) {
      int16_t t = a[i];
      int j = i;
      for (; j >= gap && a[j - gap] > t; j -= gap) a[j] = a[j - gap];
      a[j] = t;
    }
  }
}

uint64_t grey_main(void) {
  static int64_t a[N], b[N];
  static uint32_t c[N];
  static int16_t d[N];
  uint64_t h = 0, s = 2024, fails = 0, sum0 = 0, sum1 = 0, sum2 = 0;
  for (int i = 0; i < N; i++) {
    a[i] = (int64_t)grey_rand(&s) >> (i % 40);
    b[i] = a[i] % 1000;
    c[i] = (uint32_t)grey_rand(&s);
    d[i] = (int16_t)grey_rand(&s);
    sum0 += (uint64_t)a[i];
    sum1 += (uint64_t)b[i];
    sum2 += c[i];
  }
  qsort_i64(a, 0, N - 1);
  msort(b, N);
  heapsort_u32(c, N);
  shellsort_i16(d, N);
  for (int i = 0; i < N; i++) {
    if (i) fails += (a[i - 1] > a[i]) + (b[i - 1] > b[i]) + (c[i - 1] > c[i]) + (d[i - 1] > d[i]);
    sum0 -= (uint64_t)a[i];
    sum1 -= (uint64_t)b[i];
    sum2 -= c[i];
    h = grey_mix(h, (uint64_t)a[i] ^ (uint64_t)b[i] << 1 ^ c[i] ^ (uint64_t)(int64_t)d[i] << 3);
  }
  fails += (sum0 != 0) + (sum1 != 0) + (sum2 != 0);
  return GREY_RESULT(h, fails);
}
