/* RISC-V instructions whose PVM form needs one more register than the
 * fixed mapping has: max/min of x0 into the register they read, 0 / x and
 * 0 % x in place, orc.b, and `jalr ra, 0(ra)`, written in RISC-V assembly
 * (plain C natively). Inline assembly lets the translator find a free
 * register; all_live() keeps all 13 registers live at each instruction, so
 * max/min branch and orc.b borrows a register below sp instead. */
#include "grey_guest.h"

#ifdef __riscv
#define X0_FORM(name, insn)                                                    \
  GREY_NOINLINE static uint64_t name(uint64_t x) {                             \
    __asm__(insn : "+r"(x));                                                   \
    return x;                                                                  \
  }
X0_FORM(max_x0, "max %0, %0, zero")
X0_FORM(max_x0_first, "max %0, zero, %0")
X0_FORM(min_x0, "min %0, %0, zero")
X0_FORM(min_x0_first, "min %0, zero, %0")
X0_FORM(maxu_x0, "maxu %0, zero, %0")
X0_FORM(minu_x0, "minu %0, %0, zero")
X0_FORM(div_zero_by, "div %0, zero, %0")
X0_FORM(divu_zero_by, "divu %0, zero, %0")
X0_FORM(divw_zero_by, "divw %0, zero, %0")
X0_FORM(divuw_zero_by, "divuw %0, zero, %0")
X0_FORM(rem_zero_by, "rem %0, zero, %0")
X0_FORM(remu_zero_by, "remu %0, zero, %0")
X0_FORM(remw_zero_by, "remw %0, zero, %0")
X0_FORM(remuw_zero_by, "remuw %0, zero, %0")
X0_FORM(orc_b, "orc.b %0, %0")

GREY_NOINLINE static uint64_t orc_b_other(uint64_t x) {
  uint64_t r;
  __asm__("orc.b %0, %1" : "=r"(r) : "r"(x));
  return r ^ x;
}

/* f(x) through `jalr ra, 0(ra)`: the target and the link share ra. */
uint64_t call_via_ra(uint64_t (*f)(uint64_t), uint64_t x);
__asm__(".text\n"
        ".globl call_via_ra\n"
        ".type call_via_ra, @function\n"
        "call_via_ra:\n"
        "  addi sp, sp, -16\n"
        "  sd ra, 8(sp)\n"
        "  mv ra, a0\n"
        "  mv a0, a1\n"
        "  jalr ra, 0(ra)\n"
        "  ld ra, 8(sp)\n"
        "  addi sp, sp, 16\n"
        "  ret\n"
        ".size call_via_ra, .-call_via_ra\n");

/* max/min/orc.b while every register holds a value needed afterwards. */
uint64_t all_live(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e,
                  uint64_t f);
__asm__(".text\n"
        ".globl all_live\n"
        ".type all_live, @function\n"
        "all_live:\n"
        "  addi sp, sp, -32\n"
        "  sd ra, 24(sp)\n"
        "  sd s0, 16(sp)\n"
        "  sd s1, 8(sp)\n"
        "  xori t0, a0, 0x11\n"
        "  xori t1, a1, 0x22\n"
        "  xori t2, a2, 0x33\n"
        "  xori s0, a3, 0x44\n"
        "  xori s1, a4, 0x55\n"
        "  xori ra, a5, 0x66\n"
        "  orc.b a3, a4\n"
        "  max a0, a0, zero\n"
        "  min a1, zero, a1\n"
        "  orc.b a2, a2\n"
        "  slli a0, a0, 1\n"
        "  add a0, a0, a1\n"
        "  slli a0, a0, 1\n"
        "  add a0, a0, a2\n"
        "  slli a0, a0, 1\n"
        "  add a0, a0, a3\n"
        "  slli a0, a0, 1\n"
        "  add a0, a0, a4\n"
        "  slli a0, a0, 1\n"
        "  add a0, a0, a5\n"
        "  slli a0, a0, 1\n"
        "  add a0, a0, t0\n"
        "  slli a0, a0, 1\n"
        "  add a0, a0, t1\n"
        "  slli a0, a0, 1\n"
        "  add a0, a0, t2\n"
        "  slli a0, a0, 1\n"
        "  add a0, a0, s0\n"
        "  slli a0, a0, 1\n"
        "  add a0, a0, s1\n"
        "  slli a0, a0, 1\n"
        "  add a0, a0, ra\n"
        "  ld ra, 24(sp)\n"
        "  ld s0, 16(sp)\n"
        "  ld s1, 8(sp)\n"
        "  addi sp, sp, 32\n"
        "  ret\n"
        ".size all_live, .-all_live\n");
#else
static uint64_t orc_b(uint64_t x) {
  uint64_t r = 0;
  for (int i = 0; i < 64; i += 8)
    if ((x >> i) & 0xff)
      r |= (uint64_t)0xff << i;
  return r;
}
static uint64_t orc_b_other(uint64_t x) { return orc_b(x) ^ x; }
static uint64_t max_x0(uint64_t x) { return (int64_t)x > 0 ? x : 0; }
static uint64_t max_x0_first(uint64_t x) { return max_x0(x); }
static uint64_t min_x0(uint64_t x) { return (int64_t)x < 0 ? x : 0; }
static uint64_t min_x0_first(uint64_t x) { return min_x0(x); }
static uint64_t maxu_x0(uint64_t x) { return x; }
static uint64_t minu_x0(uint64_t x) { (void)x; return 0; }
static uint64_t div_zero_by(uint64_t x) { return x ? 0 : ~0ULL; }
static uint64_t divu_zero_by(uint64_t x) { return x ? 0 : ~0ULL; }
static uint64_t divw_zero_by(uint64_t x) { return (uint32_t)x ? 0 : ~0ULL; }
static uint64_t divuw_zero_by(uint64_t x) { return (uint32_t)x ? 0 : ~0ULL; }
static uint64_t rem_zero_by(uint64_t x) { (void)x; return 0; }
static uint64_t remu_zero_by(uint64_t x) { (void)x; return 0; }
static uint64_t remw_zero_by(uint64_t x) { (void)x; return 0; }
static uint64_t remuw_zero_by(uint64_t x) { (void)x; return 0; }
static uint64_t call_via_ra(uint64_t (*f)(uint64_t), uint64_t x) {
  return f(x);
}
static uint64_t all_live(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                         uint64_t e, uint64_t f) {
  uint64_t regs[12] = {max_x0(a), min_x0(b), orc_b(c), orc_b(e), e, f,
                       a ^ 0x11, b ^ 0x22, c ^ 0x33, d ^ 0x44, e ^ 0x55,
                       f ^ 0x66};
  uint64_t r = regs[0];
  for (int i = 1; i < 12; i++)
    r = (r << 1) + regs[i];
  return r;
}
#endif

GREY_NOINLINE static uint64_t twice_plus_one(uint64_t x) { return 2 * x + 1; }

static const uint64_t edge[] = {0,
                                1,
                                0x80,
                                0xFF00,
                                0x7FFFFFFFFFFFFFFFULL,
                                0x8000000000000000ULL,
                                0xFFFFFFFFFFFFFFFFULL,
                                0x100000000ULL,
                                0xFFFFFFFF00000000ULL,
                                0x0001000000010000ULL,
                                0x0123456789ABCDEFULL,
                                0x00FF00FF00FF00FFULL};

uint64_t grey_main(void) {
  uint64_t h = 0, s = 7, fails = 0;
  /* Known answers, independent of the translation. */
  fails += max_x0(GREY_OPAQUE(-5)) != 0 || max_x0_first(GREY_OPAQUE(5)) != 5;
  fails += min_x0(GREY_OPAQUE(-5)) != (uint64_t)-5 || min_x0_first(GREY_OPAQUE(5)) != 0;
  fails += div_zero_by(GREY_OPAQUE(0)) != ~0ULL || divw_zero_by(GREY_OPAQUE(0x100000000ULL)) != ~0ULL;
  fails += divu_zero_by(GREY_OPAQUE(3)) != 0 || divuw_zero_by(GREY_OPAQUE(0x100000001ULL)) != 0;
  fails += orc_b(GREY_OPAQUE(0x0001000000010000ULL)) != 0x00FF000000FF0000ULL;
  fails += call_via_ra(twice_plus_one, GREY_OPAQUE(20)) != 41;
  uint64_t v[48];
  int n = 0;
  for (int i = 0; i < 12; i++)
    v[n++] = edge[i];
  for (; n < 48; n++)
    v[n] = grey_rand(&s) >> (n & 31) << (n & 7);
  for (int i = 0; i < 48; i++) {
    uint64_t x = GREY_OPAQUE(v[i]);
    h = grey_mix(h, max_x0(x) ^ max_x0_first(x) << 1 ^ min_x0(x) << 2 ^
                        min_x0_first(x) << 3);
    h = grey_mix(h, maxu_x0(x) ^ minu_x0(x) << 1);
    h = grey_mix(h, div_zero_by(x) ^ divu_zero_by(x) << 1 ^
                        divw_zero_by(x) << 2 ^ divuw_zero_by(x) << 3);
    h = grey_mix(h, rem_zero_by(x) ^ remu_zero_by(x) << 1 ^
                        remw_zero_by(x) << 2 ^ remuw_zero_by(x) << 3);
    h = grey_mix(h, orc_b(x) ^ orc_b_other(x) << 1);
    h = grey_mix(h, call_via_ra(twice_plus_one, x));
    h = grey_mix(h, all_live(x, v[(i + 1) % 48], v[(i + 2) % 48],
                             v[(i + 3) % 48], v[(i + 4) % 48],
                             v[(i + 5) % 48]));
  }
  return GREY_RESULT(h, fails);
}
