/* Large stack frames (offsets beyond the 12-bit immediate range), local
 * arrays indexed at run time, matrix multiplication on the stack, and
 * alloca-style variable-length arrays. */
#include "grey_guest.h"

#define M 24

GREY_NOINLINE static uint64_t matmul(uint64_t seed) {
  uint64_t a[M][M], b[M][M], c[M][M];   /* 13.5 KB frame */
  for (int i = 0; i < M; i++)
    for (int j = 0; j < M; j++) {
      a[i][j] = grey_rand(&seed) & 0xFFFF;
      b[i][j] = grey_rand(&seed) & 0xFFFF;
    }
  for (int i = 0; i < M; i++)
    for (int j = 0; j < M; j++) {
      uint64_t s = 0;
      for (int k = 0; k < M; k++) s += a[i][k] * b[k][j];
      c[i][j] = s;
    }
  uint64_t h = 0;
  for (int i = 0; i < M; i++) h = grey_mix(h, c[i][(i * 7) % M] ^ c[M - 1 - i][i]);
  return h;
}

GREY_NOINLINE static uint64_t vla(int n, uint64_t seed) {
  uint32_t v[n];
  for (int i = 0; i < n; i++) v[i] = (uint32_t)grey_rand(&seed);
  uint64_t h = 0;
  for (int i = n - 1; i >= 0; i -= 3) h = grey_mix(h, v[i] + (uint64_t)v[(i * 5) % n]);
  return h;
}

GREY_NOINLINE static uint64_t far_locals(int k) {
  volatile uint8_t pad[6000];
  volatile uint64_t far = 0x55;
  for (int i = 0; i < 6000; i += 97) pad[i] = (uint8_t)(i ^ k);
  pad[5999] = (uint8_t)k;
  far += pad[k % 6000] + pad[5999 - (k % 97)];
  return far;
}

uint64_t grey_main(void) {
  uint64_t h = 0;
  h = grey_mix(h, matmul(1));
  h = grey_mix(h, matmul(GREY_OPAQUE(2)));
  for (int n = 1; n < 300; n += 37) h = grey_mix(h, vla(GREY_OPAQUE(n), (uint64_t)n));
  for (int k = 0; k < 400; k += 97) h = grey_mix(h, far_locals(GREY_OPAQUE(k)));
  return h;
}
