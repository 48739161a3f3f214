/* grey_guest.c - guest runtime for grey test programs and benchmarks.
 *
 * RISC-V (JAVM target): `_start` and the memory functions.
 * Native (x86-64): `main()` printing grey_main()'s result, host-call stub.
 * See grey_guest.h. */
#define GREY_GUEST_RUNTIME 1
#include "grey_guest.h"

#ifdef __riscv

/* Entry point (e_entry).  SP is set by the translator's preamble.
 * `call` is AUIPC+JALR with R_RISCV_CALL_PLT; `li t0, 0` is
 * `addi x5, x0, 0`, so the ecall becomes `ecalli 0` = REPLY with a0. */
__asm__(".pushsection .text._start, \"ax\", @progbits\n"
        ".option push\n"
        ".option norelax\n"
        ".globl _start\n"
        ".type _start, @function\n"
        ".p2align 2\n"
        "_start:\n"
        "  call grey_main\n"
        "  li t0, 0\n"
        "  ecall\n"
        "  unimp\n"
        ".size _start, . - _start\n"
        ".option pop\n"
        ".popsection\n");

/* The memory functions are compiled with -ffreestanding (=> -fno-builtin) and
 * carry no_builtin, so LLVM's loop-idiom pass cannot turn the loops back into
 * calls to themselves.  Word-at-a-time when both pointers are 8-byte aligned
 * (or equally misaligned), bytes otherwise. */
#define GREY_NB __attribute__((no_builtin, used))

GREY_NB void *memcpy(void *dst, const void *src, size_t n) {
  unsigned char *d = (unsigned char *)dst;
  const unsigned char *s = (const unsigned char *)src;
  if ((((uintptr_t)d ^ (uintptr_t)s) & 7) == 0) {
    while (n && ((uintptr_t)d & 7)) {
      *d++ = *s++;
      n--;
    }
    uint64_t *dw = (uint64_t *)d;
    const uint64_t *sw = (const uint64_t *)s;
    while (n >= 8) {
      *dw++ = *sw++;
      n -= 8;
    }
    d = (unsigned char *)dw;
    s = (const unsigned char *)sw;
  }
  while (n) {
    *d++ = *s++;
    n--;
  }
  return dst;
}

GREY_NB void *memset(void *dst, int c, size_t n) {
  unsigned char *d = (unsigned char *)dst;
  unsigned char b = (unsigned char)c;
  while (n && ((uintptr_t)d & 7)) {
    *d++ = b;
    n--;
  }
  uint64_t w = (uint64_t)b * 0x0101010101010101ULL;
  uint64_t *dw = (uint64_t *)d;
  while (n >= 8) {
    *dw++ = w;
    n -= 8;
  }
  d = (unsigned char *)dw;
  while (n) {
    *d++ = b;
    n--;
  }
  return dst;
}

GREY_NB void *memmove(void *dst, const void *src, size_t n) {
  unsigned char *d = (unsigned char *)dst;
  const unsigned char *s = (const unsigned char *)src;
  if (d == s || n == 0)
    return dst;
  if ((uintptr_t)d - (uintptr_t)s >= (uintptr_t)n)
    return memcpy(dst, src, n); /* no harmful overlap for a forward copy */
  /* d > s and the ranges overlap: copy backwards. */
  d += n;
  s += n;
  if ((((uintptr_t)d ^ (uintptr_t)s) & 7) == 0) {
    while (n && ((uintptr_t)d & 7)) {
      *--d = *--s;
      n--;
    }
    uint64_t *dw = (uint64_t *)d;
    const uint64_t *sw = (const uint64_t *)s;
    while (n >= 8) {
      *--dw = *--sw;
      n -= 8;
    }
    d = (unsigned char *)dw;
    s = (const unsigned char *)sw;
  }
  while (n) {
    *--d = *--s;
    n--;
  }
  return dst;
}

GREY_NB int memcmp(const void *a, const void *b, size_t n) {
  const unsigned char *p = (const unsigned char *)a;
  const unsigned char *q = (const unsigned char *)b;
  for (; n; n--, p++, q++) {
    if (*p != *q)
      return (int)*p - (int)*q;
  }
  return 0;
}

/* LLVM may emit bcmp for memcmp()==0 comparisons. */
GREY_NB int bcmp(const void *a, const void *b, size_t n) {
  return memcmp(a, b, n);
}

#else /* native */

#include <stdio.h>

static uint64_t grey_native_gas = 100000000ULL;

/* Stub for host calls when run natively.  GAS (1): returns the "remaining
 * gas" of a fake counter charged 10 per call, phi8 <- 0.  Others: 0. */
uint64_t grey_native_host_call(int n, uint64_t a0, uint64_t a1, uint64_t a2,
                               uint64_t a3, uint64_t a5, uint64_t *r1) {
  (void)a0; (void)a1; (void)a2; (void)a3; (void)a5;
  *r1 = 0;
  if (n == GREY_HC_GAS) {
    grey_native_gas -= 10;
    return grey_native_gas;
  }
  return 0;
}

int main(void) {
  unsigned long long r = (unsigned long long)grey_main();
  printf("0x%016llx\n", r);
  return 0;
}

#endif
