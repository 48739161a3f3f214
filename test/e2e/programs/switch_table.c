/* Dense switches (jump tables), a small bytecode interpreter driven by a
 * switch, and computed goto (label addresses stored in .data.rel.ro). */
#include "grey_guest.h"

GREY_NOINLINE static uint64_t dense(unsigned k, uint64_t x) {
  switch (k) {
  case 0: return x + 1;
  case 1: return x * 3;
  case 2: return x ^ 0x5555;
  case 3: return x - 77;
  case 4: return x << 3;
  case 5: return x >> 2;
  case 6: return ~x;
  case 7: return x * x;
  case 8: return x + 0x12345678;
  case 9: return x | 0xF0F0;
  case 10: return x & 0xFFFF00FF;
  case 11: return (x << 13) | (x >> 51);
  case 12: return x / 7;
  case 13: return x % 1000;
  case 14: return x + (x >> 7);
  case 15: return 0 - x;
  case 16: return x * 0x100000001ULL;
  case 17: return x ^ (x >> 17);
  default: return x + 0xdead;
  }
}

/* Switch returning constants (may become a lookup table in .rodata). */
GREY_NOINLINE static int lookup(int k) {
  switch (k) {
  case 0: return 11; case 1: return -4; case 2: return 99; case 3: return 1000;
  case 4: return -70000; case 5: return 3; case 6: return 8; case 7: return 123456;
  case 8: return -1; case 9: return 42;
  default: return 0;
  }
}

enum { OP_PUSH, OP_ADD, OP_SUB, OP_MUL, OP_DUP, OP_SWAP, OP_JNZ, OP_DEC,
       OP_XOR, OP_SHL, OP_POP, OP_OVER, OP_HALT };

GREY_NOINLINE static uint64_t vm(const int32_t *code) {
  uint64_t st[32];
  int sp = 0, pc = 0;
  for (;;) {
    int32_t op = code[pc++];
    switch (op) {
    case OP_PUSH: st[sp++] = (uint64_t)(int64_t)code[pc++]; break;
    case OP_ADD: sp--; st[sp - 1] += st[sp]; break;
    case OP_SUB: sp--; st[sp - 1] -= st[sp]; break;
    case OP_MUL: sp--; st[sp - 1] *= st[sp]; break;
    case OP_DUP: st[sp] = st[sp - 1]; sp++; break;
    case OP_SWAP: { uint64_t t = st[sp - 1]; st[sp - 1] = st[sp - 2]; st[sp - 2] = t; break; }
    case OP_JNZ: { int32_t tgt = code[pc++]; if (st[--sp]) pc = tgt; break; }
    case OP_DEC: st[sp - 1]--; break;
    case OP_XOR: sp--; st[sp - 1] ^= st[sp]; break;
    case OP_SHL: st[sp - 1] <<= 1; break;
    case OP_POP: sp--; break;
    case OP_OVER: st[sp] = st[sp - 2]; sp++; break;
    case OP_HALT: return st[sp - 1];
    default: return 0xBADBAD;
    }
  }
}

/* acc = 1; n = 20; loop: acc = acc*3 ^ n; n--; while n */
static const int32_t prog[] = {
  OP_PUSH, 1, OP_PUSH, 20,
  /* 4: */ OP_SWAP, OP_PUSH, 3, OP_MUL, OP_OVER, OP_XOR, OP_SWAP, OP_DEC,
  OP_DUP, OP_JNZ, 4, OP_POP, OP_HALT,
};

GREY_NOINLINE static uint64_t threaded(const uint8_t *ops, int n) {
  static void *const labels[] = {&&l_inc, &&l_dbl, &&l_neg, &&l_rot, &&l_end};
  uint64_t acc = 5;
  int i = 0;
#define NEXT goto *labels[i < n ? ops[i++] : 4]
  NEXT;
l_inc: acc += 1; NEXT;
l_dbl: acc *= 2; NEXT;
l_neg: acc = 0 - acc; NEXT;
l_rot: acc = (acc << 7) | (acc >> 57); NEXT;
l_end:
#undef NEXT
  return acc;
}

uint64_t grey_main(void) {
  uint64_t h = 0, x = 0x0123456789ABCDEFULL, s = 99;
  for (unsigned i = 0; i < 400; i++) {
    unsigned k = (unsigned)(grey_rand(&s) % 20);
    x = dense(k, x);
    h = grey_mix(h, x);
  }
  int64_t sum = 0;
  for (int k = -3; k < 14; k++) sum = sum * 7 + lookup(GREY_OPAQUE(k));
  h = grey_mix(h, (uint64_t)sum);
  h = grey_mix(h, vm(prog));
  uint8_t ops[64];
  for (int i = 0; i < 64; i++) ops[i] = (uint8_t)(grey_rand(&s) & 3);
  h = grey_mix(h, threaded(ops, GREY_OPAQUE(64)));
  return h;
}
