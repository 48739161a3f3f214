/* sort: insertion sort of SORT_N = 1000 u32 on the stack, filled n..1
 * (worst case, ~500K element moves), as the reference grey_sort_blob.
 * Returns arr[0] = 1 when the result is exactly 1..n, else 0. */
#include "grey_guest.h"

#define SORT_N 1000

GREY_NOINLINE static void insertion_sort(uint32_t *a, int n) {
  for (int i = 1; i < n; i++) {
    uint32_t key = a[i];
    int j = i - 1;
    while (j >= 0 && a[j] > key) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = key;
  }
}

uint64_t grey_main(void) {
  uint32_t arr[SORT_N];
  int n = GREY_OPAQUE(SORT_N);
  for (int i = 0; i < n; i++) arr[i] = (uint32_t)(n - i);
  insertion_sort(arr, n);
  for (int i = 0; i < n; i++)
    if (arr[i] != (uint32_t)(i + 1)) return 0;
  return arr[0];
}
