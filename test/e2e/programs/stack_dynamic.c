/* Stack allocations whose size is known only at run time: variable-length
 * arrays and alloca move the stack pointer by a register, which grey's
 * stack sizing cannot bound, so the program must keep the default stack and
 * still run. Sizes come through GREY_OPAQUE so the compiler cannot fold
 * them; VLAs live in loops, so the stack pointer is restored each round. */
#include "grey_guest.h"

GREY_NOINLINE static uint64_t vla_sum(unsigned n, uint64_t seed) {
  uint64_t a[n];
  for (unsigned i = 0; i < n; i++)
    a[i] = seed ^ ((uint64_t)i * 0x100000001B3ULL);
  uint64_t h = 0;
  for (unsigned i = n; i-- > 0;)
    h = grey_mix(h, a[i]);
  return h;
}

GREY_NOINLINE static uint64_t alloca_bytes(unsigned n, uint64_t seed) {
  unsigned char *p = __builtin_alloca(n);
  for (unsigned i = 0; i < n; i++)
    p[i] = (unsigned char)(seed >> (i % 56)) + (unsigned char)i;
  uint64_t h = seed;
  for (unsigned i = 0; i < n; i += 3)
    h = grey_mix(h, p[i]);
  return h;
}

/* A VLA in a loop: allocated and released every iteration. */
GREY_NOINLINE static uint64_t vla_loop(unsigned rounds, uint64_t seed) {
  uint64_t h = seed;
  for (unsigned r = 1; r <= rounds; r++) {
    uint32_t row[r * 8];
    for (unsigned i = 0; i < r * 8; i++)
      row[i] = (uint32_t)(h >> (i % 32)) + i * r;
    for (unsigned i = 0; i < r * 8; i += 2)
      h = grey_mix(h, row[i]);
  }
  return h;
}

uint64_t grey_main(void) {
  uint64_t h = 1;
  for (unsigned n = 1; n < 200; n += 37)
    h = grey_mix(h, vla_sum(GREY_OPAQUE(n), h));
  h = grey_mix(h, alloca_bytes(GREY_OPAQUE(3000u), h));
  h = grey_mix(h, alloca_bytes(GREY_OPAQUE(17u), h));
  h = grey_mix(h, vla_loop(GREY_OPAQUE(40u), h));
  return h;
}
