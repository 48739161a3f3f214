/* grey_guest.h - freestanding runtime interface for grey guest programs.
 *
 * A guest program defines
 *
 *     uint64_t grey_main(void);
 *
 * and is built with utils/build-guest.sh, which also compiles
 * guest/grey_guest.c (the runtime: `_start`, memcpy/memset/memmove/memcmp on
 * RISC-V; `main()` that prints the result natively).
 *
 * Target (RISC-V, JAVM): `_start` calls grey_main() and REPLYs with its 64-bit
 * result (`li t0, 0; ecall; unimp`), see shared/spec/transpile-abi.md §2.
 * Native (x86-64, `#ifndef __riscv`): main() prints grey_main()'s result as
 * "0x%016llx\n", so every program can be run natively for differential tests.
 */
#ifndef GREY_GUEST_H
#define GREY_GUEST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

uint64_t grey_main(void);

/* ---- memory functions ----------------------------------------------------
 * The guest is compiled with -ffreestanding (which implies -fno-builtin), so
 * plain calls would always be real calls.  Route them through the builtins so
 * that small constant-size copies are expanded inline; everything else still
 * ends up in the runtime's out-of-line memcpy/memset/memmove/memcmp.  Define
 * GREY_GUEST_NO_MEM_MACROS before including this header to get plain calls. */
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#if !defined(GREY_GUEST_NO_MEM_MACROS) && !defined(GREY_GUEST_RUNTIME)
#define memcpy(d, s, n) __builtin_memcpy((d), (s), (n))
#define memset(d, c, n) __builtin_memset((d), (c), (n))
#define memmove(d, s, n) __builtin_memmove((d), (s), (n))
#define memcmp(a, b, n) __builtin_memcmp((a), (b), (n))
#endif

#define GREY_NOINLINE __attribute__((noinline))
#define GREY_USED __attribute__((used))

/* Optimisation barrier: makes the compiler forget what it knows about v. */
#define GREY_OPAQUE(v)                                                         \
  __extension__({                                                              \
    __auto_type grey_opaque_v_ = (v);                                        \
    __asm__ volatile("" : "+r"(grey_opaque_v_));                               \
    grey_opaque_v_;                                                            \
  })

/* ---- host calls ------------------------------------------------------------
 * grey_host_call(N, a0, a1, a2, a3, a5): `li t0, N; ecall` with the arguments
 * in a0..a3 and a5 (the "data cap" slot), result from a0.  N must be an
 * integer constant expression in 0..127 (0 is REPLY; protocol caps are 1..28,
 * GAS = 1).  `li t0, N` assembles to `addi t0, x0, N` and is emitted
 * immediately before the `ecall`, which is the form the translator tracks.
 * grey_host_call2 also returns the second result register (a1 = phi8). */
#define GREY_HC_GAS 1

struct grey_hc_result {
  uint64_t r0, r1;
};

#ifdef __riscv
#define grey_host_call2(N, x0, x1, x2, x3, x5)                                 \
  __extension__({                                                              \
    _Static_assert((N) >= 0 && (N) <= 127, "host call slot must be 0..127");   \
    register uint64_t grey_a0_ __asm__("a0") = (uint64_t)(x0);                 \
    register uint64_t grey_a1_ __asm__("a1") = (uint64_t)(x1);                 \
    register uint64_t grey_a2_ __asm__("a2") = (uint64_t)(x2);                 \
    register uint64_t grey_a3_ __asm__("a3") = (uint64_t)(x3);                 \
    register uint64_t grey_a5_ __asm__("a5") = (uint64_t)(x5);                 \
    __asm__ volatile("li t0, %[n]\n\tecall"                                    \
                     : "+r"(grey_a0_), "+r"(grey_a1_), "+r"(grey_a2_),         \
                       "+r"(grey_a3_), "+r"(grey_a5_)                          \
                     : [n] "i"(N)                                              \
                     : "t0", "t1", "t2", "a4", "memory");                      \
    (struct grey_hc_result){grey_a0_, grey_a1_};                               \
  })
#else
uint64_t grey_native_host_call(int n, uint64_t a0, uint64_t a1, uint64_t a2,
                               uint64_t a3, uint64_t a5, uint64_t *r1);
#define grey_host_call2(N, x0, x1, x2, x3, x5)                                 \
  __extension__({                                                              \
    _Static_assert((N) >= 0 && (N) <= 127, "host call slot must be 0..127");   \
    uint64_t grey_r1_;                                                         \
    uint64_t grey_r0_ = grey_native_host_call(                                 \
        (N), (uint64_t)(x0), (uint64_t)(x1), (uint64_t)(x2), (uint64_t)(x3),   \
        (uint64_t)(x5), &grey_r1_);                                            \
    (struct grey_hc_result){grey_r0_, grey_r1_};                               \
  })
#endif
#define grey_host_call(N, x0, x1, x2, x3, x5)                                  \
  (grey_host_call2(N, x0, x1, x2, x3, x5).r0)

/* ---- RISC-V M-extension semantics -----------------------------------------
 * Division by zero and INT_MIN / -1 are UB in C but defined on RISC-V:
 *   x / 0 = -1 (all ones), x % 0 = x, INT_MIN / -1 = INT_MIN, INT_MIN % -1 = 0.
 * The *w forms operate on the low 32 bits and sign-extend the 32-bit result
 * (also for divuw/remuw).  On RISC-V these run the real instruction (inline
 * asm); natively they emulate it with explicit checks. */
#ifdef __riscv
#define GREY_RV_OP(name, insn, T)                                              \
  static inline T name(T a, T b) {                                             \
    T r;                                                                       \
    __asm__(insn " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));                    \
    return r;                                                                  \
  }
GREY_RV_OP(grey_div, "div", int64_t)
GREY_RV_OP(grey_divu, "divu", uint64_t)
GREY_RV_OP(grey_rem, "rem", int64_t)
GREY_RV_OP(grey_remu, "remu", uint64_t)
GREY_RV_OP(grey_divw, "divw", int64_t)
GREY_RV_OP(grey_divuw, "divuw", int64_t)
GREY_RV_OP(grey_remw, "remw", int64_t)
GREY_RV_OP(grey_remuw, "remuw", int64_t)
GREY_RV_OP(grey_mulh, "mulh", int64_t)
GREY_RV_OP(grey_mulhu, "mulhu", uint64_t)
GREY_RV_OP(grey_mulw, "mulw", int64_t)
static inline int64_t grey_mulhsu(int64_t a, uint64_t b) {
  int64_t r;
  __asm__("mulhsu %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
#undef GREY_RV_OP
#else
static inline int64_t grey_div(int64_t a, int64_t b) {
  if (b == 0) return -1;
  if (a == INT64_MIN && b == -1) return INT64_MIN;
  return a / b;
}
static inline uint64_t grey_divu(uint64_t a, uint64_t b) {
  return b == 0 ? UINT64_MAX : a / b;
}
static inline int64_t grey_rem(int64_t a, int64_t b) {
  if (b == 0) return a;
  if (a == INT64_MIN && b == -1) return 0;
  return a % b;
}
static inline uint64_t grey_remu(uint64_t a, uint64_t b) {
  return b == 0 ? a : a % b;
}
static inline int64_t grey_divw(int64_t a64, int64_t b64) {
  int32_t a = (int32_t)a64, b = (int32_t)b64;
  if (b == 0) return -1;
  if (a == INT32_MIN && b == -1) return INT32_MIN;
  return (int64_t)(a / b);
}
static inline int64_t grey_divuw(int64_t a64, int64_t b64) {
  uint32_t a = (uint32_t)a64, b = (uint32_t)b64;
  return (int64_t)(int32_t)(b == 0 ? UINT32_MAX : a / b);
}
static inline int64_t grey_remw(int64_t a64, int64_t b64) {
  int32_t a = (int32_t)a64, b = (int32_t)b64;
  if (b == 0) return (int64_t)a;
  if (a == INT32_MIN && b == -1) return 0;
  return (int64_t)(a % b);
}
static inline int64_t grey_remuw(int64_t a64, int64_t b64) {
  uint32_t a = (uint32_t)a64, b = (uint32_t)b64;
  return (int64_t)(int32_t)(b == 0 ? a : a % b);
}
static inline int64_t grey_mulh(int64_t a, int64_t b) {
  return (int64_t)(((__int128)a * (__int128)b) >> 64);
}
static inline uint64_t grey_mulhu(uint64_t a, uint64_t b) {
  return (uint64_t)(((unsigned __int128)a * b) >> 64);
}
static inline int64_t grey_mulhsu(int64_t a, uint64_t b) {
  return (int64_t)(((__int128)a * (__int128)(unsigned __int128)b) >> 64);
}
static inline int64_t grey_mulw(int64_t a, int64_t b) {
  return (int64_t)(int32_t)((uint32_t)a * (uint32_t)b);
}
#endif

/* ---- checksum helpers ----------------------------------------------------- */
/* Self-checking programs count failed internal checks in `fails`; the
 * result is the checksum h when all passed, else 0xFA11000000000000 | fails. */
#define GREY_RESULT(h, fails)                                                  \
  ((fails) ? (0xFA11000000000000ULL | (uint64_t)(fails)) : (uint64_t)(h))

static inline uint64_t grey_mix(uint64_t h, uint64_t v) {
  h ^= v;
  h *= 0x100000001b3ULL;
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 32;
  return h;
}

/* xorshift64* pseudo-random generator (deterministic, same everywhere). */
static inline uint64_t grey_rand(uint64_t *s) {
  uint64_t x = *s;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *s = x;
  return x * 0x2545F4914F6CDD1DULL;
}

#ifdef __cplusplus
}
#endif

#endif /* GREY_GUEST_H */
