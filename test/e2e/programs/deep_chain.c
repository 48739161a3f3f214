/* A deep call chain with no recursion, so its stack depth has a static
 * bound that grey's stack sizing (pvm-size-stack) computes: 24 levels, each
 * filling a local array of its own size (one over 4 KiB, so its frame is
 * reserved with a register, not an immediate), reached by direct calls and,
 * near the bottom, by a call through a function-pointer table and a
 * computed tail call. (Indirect calls may reach any address-taken function,
 * so they sit where the functions they can reach make no further indirect
 * calls; otherwise the analysis would see a cycle.) The deepest frame
 * writes its whole array, so a stack mapped too small faults. Also a leaf
 * that writes its locals through a pointer, and many calls from one frame
 * that must not add up. */
#include "grey_guest.h"

typedef uint64_t (*level_fn)(uint64_t seed, int depth);

/* Fills n words, mixes them back in reverse so nothing can be dropped. */
#define FRAME_BODY(n)                                                          \
  volatile uint64_t buf[n];                                                    \
  for (int i = 0; i < (n); i++)                                                \
    buf[i] = seed + (uint64_t)i * 0x9E3779B97F4A7C15ULL;                       \
  uint64_t h = seed;                                                           \
  for (int i = (n) - 1; i >= 0; i -= 7)                                        \
    h = grey_mix(h, buf[i]);

GREY_NOINLINE static uint64_t bottom(uint64_t seed, int depth) {
  FRAME_BODY(600) /* 4800 bytes: the frame is reserved with a register */
  return h ^ (uint64_t)depth;
}

/* Each level fills its frame, calls the next and mixes the result in. */
#define LEVEL(name, n, next)                                                   \
  GREY_NOINLINE static uint64_t name(uint64_t seed, int depth) {               \
    FRAME_BODY(n)                                                              \
    return grey_mix(h, next(h + 1, depth + 1));                                \
  }

LEVEL(l23, 40, bottom)
LEVEL(l22, 16, l23)

static level_fn const table[2];

/* Jumps to the next level with no frame of its own: a computed tail call. */
GREY_NOINLINE static uint64_t tail(uint64_t seed, int depth) {
  return table[GREY_OPAQUE(0)](seed * 3 + 1, depth + 1);
}

/* The levels the table leads to: l22 directly, or through tail. */
static level_fn const table[2] = {l22, tail};

/* Calls the next level through the table. */
GREY_NOINLINE static uint64_t l21(uint64_t seed, int depth) {
  FRAME_BODY(64)
  level_fn next = table[GREY_OPAQUE(1)];
  return grey_mix(h, next(h + 1, depth + 1));
}

LEVEL(l20, 64, l21)
LEVEL(l19, 9, l20)
LEVEL(l18, 120, l19)
LEVEL(l17, 33, l18)
LEVEL(l16, 48, l17)
LEVEL(l15, 70, l16)
LEVEL(l14, 12, l15)
LEVEL(l13, 200, l14)
LEVEL(l12, 3, l13)
LEVEL(l11, 31, l12)
LEVEL(l10, 90, l11)
LEVEL(l9, 17, l10)
LEVEL(l8, 256, l9)
LEVEL(l7, 8, l8)
LEVEL(l6, 100, l7)
LEVEL(l5, 45, l6)
LEVEL(l4, 5, l5)
LEVEL(l3, 77, l4)
LEVEL(l2, 130, l3)
LEVEL(l1, 22, l2)
LEVEL(l0, 64, l1)

/* Many calls from one frame: the depth is the deepest one, not the sum. */
GREY_NOINLINE static uint64_t wide(uint64_t seed) {
  uint64_t h = seed;
  for (int i = 0; i < 2; i++)
    h = grey_mix(h, table[GREY_OPAQUE(i)](h, 100 + i));
  h = grey_mix(h, l15(h, 15));
  h = grey_mix(h, bottom(h, 7));
  return h;
}

/* A leaf that writes its (volatile) locals through a pointer and reads
 * them back in a different order. */
GREY_NOINLINE static uint64_t scratch(uint64_t seed) {
  volatile uint32_t words[24];
  volatile uint32_t *p = &words[23];
  for (int i = 0; i < 24; i++)
    *p-- = (uint32_t)(seed >> (i % 32)) ^ (uint32_t)i;
  uint64_t h = 0;
  for (int i = 0; i < 24; i += 5)
    h = grey_mix(h, words[i]);
  return h;
}

uint64_t grey_main(void) {
  uint64_t h = 0x5EED;
  for (int round = 0; round < 3; round++) {
    h = grey_mix(h, l0(h + (uint64_t)round, 0));
    h = grey_mix(h, wide(h));
    h = grey_mix(h, scratch(h));
  }
  return h;
}
