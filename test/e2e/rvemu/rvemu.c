/* rvemu - a minimal RV64 user-mode emulator for grey guest ELFs, used as a
 * second reference (besides the native build) in differential tests.
 *
 * ISA: RV64I + M + Zbb + XTheadCondMov, registers x0..x15 only (RV64E; any
 * use of x16..x31 is an illegal instruction), 32-bit instructions only.
 * Memory: the ELF's PT_LOAD segments in one flat array starting at address 0;
 * the stack is the zero-filled region below the lowest segment and
 * sp = (lowest segment address rounded down to 4 KiB), like the JAVM layout
 * in shared/spec/transpile-abi.md section 5.  Execution starts at e_entry
 * with all registers 0 except sp.
 * ecall: t0 = 0 -> REPLY: print a0 as "0x%016llx\n" and exit 0.
 *        t0 = 1 -> GAS: a0 = fake remaining gas (decreasing by 10), a1 = 0.
 *        other  -> a0 = 0 (and a note on stderr with -v).
 * Faults (unimp, illegal instruction, out-of-range access, misaligned
 * jump, step limit) print a message on stderr and exit 2.
 *
 *   rvemu [-v] [-n MAX_STEPS] FILE.elf
 *
 * Written for grey; shares nothing with other emulators. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint8_t *mem;
static uint64_t mem_size;
static uint64_t x[16];
static uint64_t pc;
static int verbose;

static void fault(const char *what, uint64_t addr) {
  fprintf(stderr, "rvemu: %s at pc=0x%" PRIx64 " (addr 0x%" PRIx64 ")\n", what, pc, addr);
  exit(2);
}

static uint8_t *ptr(uint64_t a, uint64_t n) {
  if (a >= mem_size || n > mem_size - a) fault("memory access out of range", a);
  return mem + a;
}
static uint64_t ld(uint64_t a, int n) {
  uint64_t v = 0;
  memcpy(&v, ptr(a, (uint64_t)n), (size_t)n); /* little-endian host */
  return v;
}
static void st(uint64_t a, int n, uint64_t v) { memcpy(ptr(a, (uint64_t)n), &v, (size_t)n); }

static uint64_t sext(uint64_t v, int bits) { return (uint64_t)((int64_t)(v << (64 - bits)) >> (64 - bits)); }
static uint64_t sext32(uint64_t v) { return (uint64_t)(int64_t)(int32_t)(uint32_t)v; }

static int clz64(uint64_t v) { return v ? __builtin_clzll(v) : 64; }
static int ctz64(uint64_t v) { return v ? __builtin_ctzll(v) : 64; }
static int clz32(uint32_t v) { return v ? __builtin_clz(v) : 32; }
static int ctz32(uint32_t v) { return v ? __builtin_ctz(v) : 32; }
static uint64_t rol64(uint64_t v, unsigned s) { s &= 63; return s ? (v << s) | (v >> (64 - s)) : v; }
static uint64_t ror64(uint64_t v, unsigned s) { s &= 63; return s ? (v >> s) | (v << (64 - s)) : v; }
static uint32_t rol32(uint32_t v, unsigned s) { s &= 31; return s ? (v << s) | (v >> (32 - s)) : v; }
static uint32_t ror32(uint32_t v, unsigned s) { s &= 31; return s ? (v >> s) | (v << (32 - s)) : v; }

static uint64_t mulh_ss(int64_t a, int64_t b) { return (uint64_t)(((__int128)a * b) >> 64); }
static uint64_t mulh_uu(uint64_t a, uint64_t b) { return (uint64_t)(((unsigned __int128)a * b) >> 64); }
static uint64_t mulh_su(int64_t a, uint64_t b) {
  return (uint64_t)(((__int128)a * (__int128)(unsigned __int128)b) >> 64);
}
static uint64_t div_s(int64_t a, int64_t b) {
  if (b == 0) return UINT64_MAX;
  if (a == INT64_MIN && b == -1) return (uint64_t)a;
  return (uint64_t)(a / b);
}
static uint64_t rem_s(int64_t a, int64_t b) {
  if (b == 0) return (uint64_t)a;
  if (a == INT64_MIN && b == -1) return 0;
  return (uint64_t)(a % b);
}
static uint64_t divw_s(int32_t a, int32_t b) {
  if (b == 0) return UINT64_MAX;
  if (a == INT32_MIN && b == -1) return sext32((uint32_t)a);
  return sext32((uint32_t)(a / b));
}
static uint64_t remw_s(int32_t a, int32_t b) {
  if (b == 0) return sext32((uint32_t)a);
  if (a == INT32_MIN && b == -1) return 0;
  return sext32((uint32_t)(a % b));
}

static void load_elf(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) { perror(path); exit(2); }
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  uint8_t *img = malloc((size_t)len);
  if (!img || fread(img, 1, (size_t)len, f) != (size_t)len) { fprintf(stderr, "rvemu: read error\n"); exit(2); }
  fclose(f);
  if (len < 64 || memcmp(img, "\x7f" "ELF", 4) || img[4] != 2 || img[5] != 1) {
    fprintf(stderr, "rvemu: not a little-endian ELF64 file\n");
    exit(2);
  }
  uint64_t entry, phoff;
  uint16_t phentsize, phnum;
  memcpy(&entry, img + 24, 8);
  memcpy(&phoff, img + 32, 8);
  memcpy(&phentsize, img + 54, 2);
  memcpy(&phnum, img + 56, 2);
  uint64_t lo = UINT64_MAX, hi = 0;
  for (int pass = 0; pass < 2; pass++) {
    for (unsigned i = 0; i < phnum; i++) {
      const uint8_t *ph = img + phoff + (uint64_t)i * phentsize;
      uint32_t type;
      uint64_t off, vaddr, filesz, memsz;
      memcpy(&type, ph, 4);
      memcpy(&off, ph + 8, 8);
      memcpy(&vaddr, ph + 16, 8);
      memcpy(&filesz, ph + 32, 8);
      memcpy(&memsz, ph + 40, 8);
      if (type != 1 || memsz == 0) continue; /* PT_LOAD */
      if (pass == 0) {
        if (vaddr < lo) lo = vaddr;
        if (vaddr + memsz > hi) hi = vaddr + memsz;
      } else {
        if (off + filesz > (uint64_t)len) { fprintf(stderr, "rvemu: bad segment\n"); exit(2); }
        memcpy(mem + vaddr, img + off, filesz);
      }
    }
    if (pass == 0) {
      if (hi == 0 || hi > (256u << 20)) { fprintf(stderr, "rvemu: bad or huge image\n"); exit(2); }
      mem_size = (hi + 0xFFFF) & ~(uint64_t)0xFFFF;
      mem = calloc(1, mem_size);
      if (!mem) { fprintf(stderr, "rvemu: out of memory\n"); exit(2); }
    }
  }
  x[2] = lo & ~(uint64_t)0xFFF; /* sp */
  pc = entry;
  free(img);
}

int main(int argc, char **argv) {
  uint64_t max_steps = 10000000000ULL, steps = 0, gas = 100000000ULL, ecalls = 0;
  const char *file = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-v")) verbose = 1;
    else if (!strcmp(argv[i], "-n") && i + 1 < argc) max_steps = strtoull(argv[++i], NULL, 0);
    else file = argv[i];
  }
  if (!file) { fprintf(stderr, "usage: rvemu [-v] [-n MAX_STEPS] FILE.elf\n"); return 2; }
  load_elf(file);

  for (;; steps++) {
    if (steps >= max_steps) fault("step limit reached", 0);
    if (pc & 3) fault("misaligned pc", pc);
    uint32_t in = (uint32_t)ld(pc, 4);
    if ((in & 3) != 3) fault("compressed instruction", in);
    uint32_t op = in & 0x7F, f3 = (in >> 12) & 7, f7 = in >> 25;
    uint32_t rd = (in >> 7) & 0x1F, rs1 = (in >> 15) & 0x1F, rs2 = (in >> 20) & 0x1F;
    uint64_t immI = sext(in >> 20, 12);
    uint64_t immS = sext(((in >> 25) << 5) | ((in >> 7) & 0x1F), 12);
    uint64_t immB = sext(((in >> 31) << 12) | (((in >> 7) & 1) << 11) | (((in >> 25) & 0x3F) << 5) |
                             (((in >> 8) & 0xF) << 1), 13);
    uint64_t immU = sext(in & 0xFFFFF000u, 32);
    uint64_t immJ = sext(((in >> 31) << 20) | (((in >> 12) & 0xFF) << 12) | (((in >> 20) & 1) << 11) |
                             (((in >> 21) & 0x3FF) << 1), 21);
    /* RV64E: reject x16..x31 in any register field the format uses. */
    int uses_rd = op != 0x23 && op != 0x63, uses_rs1 = op != 0x37 && op != 0x17 && op != 0x6F,
        uses_rs2 = op == 0x23 || op == 0x63 || op == 0x33 || op == 0x3B || op == 0x0B;
    if ((uses_rd && rd > 15) || (uses_rs1 && rs1 > 15) || (uses_rs2 && rs2 > 15))
      fault("register above x15", in);
    uint64_t a = x[rs1 & 15], b = x[rs2 & 15], r = 0, next = pc + 4;
    int write = 1;
    switch (op) {
    case 0x37: r = immU; break;                                   /* lui */
    case 0x17: r = pc + immU; break;                              /* auipc */
    case 0x6F: r = next; next = pc + immJ; break;                 /* jal */
    case 0x67:                                                    /* jalr */
      if (f3) goto illegal;
      r = next;
      next = (a + immI) & ~(uint64_t)1;
      break;
    case 0x63: {                                                  /* branches */
      int t;
      write = 0;
      switch (f3) {
      case 0: t = a == b; break;
      case 1: t = a != b; break;
      case 4: t = (int64_t)a < (int64_t)b; break;
      case 5: t = (int64_t)a >= (int64_t)b; break;
      case 6: t = a < b; break;
      case 7: t = a >= b; break;
      default: goto illegal;
      }
      if (t) next = pc + immB;
      break;
    }
    case 0x03: {                                                  /* loads */
      uint64_t ad = a + immI;
      switch (f3) {
      case 0: r = sext(ld(ad, 1), 8); break;
      case 1: r = sext(ld(ad, 2), 16); break;
      case 2: r = sext(ld(ad, 4), 32); break;
      case 3: r = ld(ad, 8); break;
      case 4: r = ld(ad, 1); break;
      case 5: r = ld(ad, 2); break;
      case 6: r = ld(ad, 4); break;
      default: goto illegal;
      }
      break;
    }
    case 0x23:                                                    /* stores */
      write = 0;
      if (f3 > 3) goto illegal;
      st(a + immS, 1 << f3, b);
      break;
    case 0x13: {                                                  /* op-imm */
      unsigned sh = (in >> 20) & 63, hi6 = in >> 26;
      switch (f3) {
      case 0: r = a + immI; break;
      case 2: r = (int64_t)a < (int64_t)immI; break;
      case 3: r = a < immI; break;
      case 4: r = a ^ immI; break;
      case 6: r = a | immI; break;
      case 7: r = a & immI; break;
      case 1:
        if (hi6 == 0) r = a << sh;
        else switch (in >> 20) {
          case 0x600: r = (uint64_t)clz64(a); break;
          case 0x601: r = (uint64_t)ctz64(a); break;
          case 0x602: r = (uint64_t)__builtin_popcountll(a); break;
          case 0x604: r = sext(a, 8); break;
          case 0x605: r = sext(a, 16); break;
          default: goto illegal;
        }
        break;
      case 5:
        if (hi6 == 0) r = a >> sh;
        else if (hi6 == 0x10) r = (uint64_t)((int64_t)a >> sh);
        else if (hi6 == 0x18) r = ror64(a, sh);                   /* rori */
        else if ((in >> 20) == 0x287) {                           /* orc.b */
          r = 0;
          for (int k = 0; k < 8; k++) if ((a >> (8 * k)) & 0xFF) r |= 0xFFULL << (8 * k);
        } else if ((in >> 20) == 0x6B8) r = __builtin_bswap64(a); /* rev8 */
        else goto illegal;
        break;
      }
      break;
    }
    case 0x1B: {                                                  /* op-imm-32 */
      unsigned sh = (in >> 20) & 31;
      switch (f3) {
      case 0: r = sext32(a + immI); break;
      case 1:
        if (f7 == 0) r = sext32((uint32_t)a << sh);
        else switch (in >> 20) {
          case 0x600: r = (uint64_t)clz32((uint32_t)a); break;
          case 0x601: r = (uint64_t)ctz32((uint32_t)a); break;
          case 0x602: r = (uint64_t)__builtin_popcount((uint32_t)a); break;
          default: goto illegal;
        }
        break;
      case 5:
        if (f7 == 0) r = sext32((uint32_t)a >> sh);
        else if (f7 == 0x20) r = sext32((uint32_t)((int32_t)(uint32_t)a >> sh));
        else if (f7 == 0x30) r = sext32(ror32((uint32_t)a, sh));
        else goto illegal;
        break;
      default: goto illegal;
      }
      break;
    }
    case 0x33: {                                                  /* op */
      unsigned sh = b & 63;
      switch (f7 << 3 | f3) {
      case 0x000: r = a + b; break;
      case 0x100: r = a - b; break;
      case 0x001: r = a << sh; break;
      case 0x002: r = (int64_t)a < (int64_t)b; break;
      case 0x003: r = a < b; break;
      case 0x004: r = a ^ b; break;
      case 0x005: r = a >> sh; break;
      case 0x105: r = (uint64_t)((int64_t)a >> sh); break;
      case 0x006: r = a | b; break;
      case 0x007: r = a & b; break;
      case 0x008: r = a * b; break;                                /* M */
      case 0x009: r = mulh_ss((int64_t)a, (int64_t)b); break;
      case 0x00A: r = mulh_su((int64_t)a, b); break;
      case 0x00B: r = mulh_uu(a, b); break;
      case 0x00C: r = div_s((int64_t)a, (int64_t)b); break;
      case 0x00D: r = b ? a / b : UINT64_MAX; break;
      case 0x00E: r = rem_s((int64_t)a, (int64_t)b); break;
      case 0x00F: r = b ? a % b : a; break;
      case 0x107: r = a & ~b; break;                               /* Zbb */
      case 0x106: r = a | ~b; break;
      case 0x104: r = ~(a ^ b); break;
      case 0x02C: r = (int64_t)a < (int64_t)b ? a : b; break;
      case 0x02D: r = a < b ? a : b; break;
      case 0x02E: r = (int64_t)a > (int64_t)b ? a : b; break;
      case 0x02F: r = a > b ? a : b; break;
      case 0x181: r = rol64(a, sh); break;
      case 0x185: r = ror64(a, sh); break;
      default: goto illegal;
      }
      break;
    }
    case 0x3B: {                                                  /* op-32 */
      uint32_t aw = (uint32_t)a, bw = (uint32_t)b;
      unsigned sh = bw & 31;
      switch (f7 << 3 | f3) {
      case 0x000: r = sext32(aw + bw); break;
      case 0x100: r = sext32(aw - bw); break;
      case 0x001: r = sext32(aw << sh); break;
      case 0x005: r = sext32(aw >> sh); break;
      case 0x105: r = sext32((uint32_t)((int32_t)aw >> sh)); break;
      case 0x008: r = sext32(aw * bw); break;
      case 0x00C: r = divw_s((int32_t)aw, (int32_t)bw); break;
      case 0x00D: r = sext32(bw ? aw / bw : UINT32_MAX); break;
      case 0x00E: r = remw_s((int32_t)aw, (int32_t)bw); break;
      case 0x00F: r = sext32(bw ? aw % bw : aw); break;
      case 0x181: r = sext32(rol32(aw, sh)); break;
      case 0x185: r = sext32(ror32(aw, sh)); break;
      case 0x024:
        if (rs2 != 0) goto illegal;
        r = a & 0xFFFF; break;                                     /* zext.h */
      default: goto illegal;
      }
      break;
    }
    case 0x0B:                                                    /* XTheadCondMov */
      if (f3 != 1) goto illegal;
      if (f7 == 0x20) { if (b == 0) r = a; else write = 0; }      /* th.mveqz */
      else if (f7 == 0x21) { if (b != 0) r = a; else write = 0; } /* th.mvnez */
      else goto illegal;
      break;
    case 0x0F: write = 0; break;                                  /* fence */
    case 0x73:
      write = 0;
      if (in == 0x00000073) {                                     /* ecall */
        uint64_t id = x[5];
        ecalls++;
        if (id == 0) {
          if (verbose)
            fprintf(stderr, "rvemu: REPLY after %" PRIu64 " instructions, %" PRIu64 " ecalls\n",
                    steps + 1, ecalls);
          printf("0x%016llx\n", (unsigned long long)x[10]);
          return 0;
        } else if (id == 1) {
          gas -= 10;
          x[10] = gas;
          x[11] = 0;
        } else {
          if (verbose) fprintf(stderr, "rvemu: ecall %" PRIu64 " -> 0\n", id);
          x[10] = 0;
        }
        break;
      }
      if (in == 0xC0001073) fault("unimp (trap)", in);
      goto illegal;
    default:
    illegal:
      fault("illegal instruction", in);
    }
    if (write && rd) x[rd] = r;
    pc = next;
  }
}
