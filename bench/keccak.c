/* keccak: Keccak-256 (original Keccak padding 0x01, as Ethereum and
 * sha3::Keccak256) of the 1024-byte message msg[i] = i & 0xFF, as the
 * reference bench-keccak.  Keccak-f[1600] written here from FIPS 202.
 * Checks: Keccak-256 of the message (full digest), Keccak-256("") and
 * SHA3-256 of the message (same permutation, FIPS 202 padding 0x06).
 * Returns the first 4 digest bytes as a little-endian u32: 0x39E50259;
 * 0 on mismatch. */
#include "grey_guest.h"

static const uint64_t RC[24] = {
    0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL,
    0x8000000080008000ULL, 0x000000000000808bULL, 0x0000000080000001ULL,
    0x8000000080008081ULL, 0x8000000000008009ULL, 0x000000000000008aULL,
    0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000aULL,
    0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL,
    0x8000000000008003ULL, 0x8000000000008002ULL, 0x8000000000000080ULL,
    0x000000000000800aULL, 0x800000008000000aULL, 0x8000000080008081ULL,
    0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL};

/* rho offsets and pi permutation, walked along the (x,y) -> (y, 2x+3y) cycle
 * starting from lane 1. */
static const uint8_t RHO[24] = {1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14,
                                27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44};
static const uint8_t PI[24] = {10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4,
                               15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1};

static inline uint64_t rotl64(uint64_t x, unsigned n) { return (x << n) | (x >> ((64 - n) & 63)); }

GREY_NOINLINE static void keccak_f1600(uint64_t st[25]) {
  uint64_t bc[5];
  for (int round = 0; round < 24; round++) {
    /* theta */
    for (int x = 0; x < 5; x++) bc[x] = st[x] ^ st[x + 5] ^ st[x + 10] ^ st[x + 15] ^ st[x + 20];
    for (int x = 0; x < 5; x++) {
      uint64_t t = bc[(x + 4) % 5] ^ rotl64(bc[(x + 1) % 5], 1);
      for (int y = 0; y < 25; y += 5) st[y + x] ^= t;
    }
    /* rho and pi */
    uint64_t cur = st[1];
    for (int i = 0; i < 24; i++) {
      int j = PI[i];
      uint64_t tmp = st[j];
      st[j] = rotl64(cur, RHO[i]);
      cur = tmp;
    }
    /* chi */
    for (int y = 0; y < 25; y += 5) {
      for (int x = 0; x < 5; x++) bc[x] = st[y + x];
      for (int x = 0; x < 5; x++) st[y + x] = bc[x] ^ (~bc[(x + 1) % 5] & bc[(x + 2) % 5]);
    }
    /* iota */
    st[0] ^= RC[round];
  }
}

/* Sponge with rate 136 bytes (capacity 512), 32-byte output. */
GREY_NOINLINE static void keccak256(const uint8_t *in, size_t n, uint8_t pad, uint8_t out[32]) {
  uint64_t st[25];
  uint8_t block[136];
  for (int i = 0; i < 25; i++) st[i] = 0;
  for (;;) {
    size_t take = n < 136 ? n : 136;
    memcpy(block, in, take);
    int last = take < 136;
    if (last) {
      memset(block + take, 0, 136 - take);
      block[take] ^= pad;
      block[135] ^= 0x80;
    }
    for (int i = 0; i < 17; i++) {
      uint64_t w = 0;
      for (int b = 7; b >= 0; b--) w = (w << 8) | block[8 * i + b];
      st[i] ^= w;
    }
    keccak_f1600(st);
    if (last) break;
    in += take;
    n -= take;
  }
  for (int i = 0; i < 32; i++) out[i] = (uint8_t)(st[i / 8] >> (8 * (i % 8)));
}

static const uint8_t expect_keccak_msg[32] = {
    0x59, 0x02, 0xe5, 0x39, 0x03, 0xbe, 0x0d, 0x0f, 0x96, 0x56, 0xbd, 0xbd, 0x5b, 0x9f, 0x0d, 0x8c,
    0x2d, 0x81, 0x5f, 0x86, 0x56, 0x45, 0xd6, 0x29, 0xee, 0xf7, 0x7f, 0x51, 0x85, 0xf6, 0xcd, 0x7f};
static const uint8_t expect_keccak_empty[32] = {
    0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c, 0x92, 0x7e, 0x7d, 0xb2, 0xdc, 0xc7, 0x03, 0xc0,
    0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82, 0x27, 0x3b, 0x7b, 0xfa, 0xd8, 0x04, 0x5d, 0x85, 0xa4, 0x70};
static const uint8_t expect_sha3_msg[32] = {
    0xb6, 0xc7, 0x06, 0x31, 0xc6, 0xff, 0x93, 0x2b, 0x9f, 0x38, 0x0d, 0x9c, 0xde, 0x87, 0x50, 0xeb,
    0x9b, 0xea, 0x39, 0x38, 0x17, 0xa9, 0xae, 0xa4, 0x10, 0xc2, 0x11, 0x9e, 0xb7, 0xb9, 0xb8, 0x70};

uint64_t grey_main(void) {
  uint8_t msg[1024], out[32];
  for (int i = 0; i < 1024; i++) msg[i] = (uint8_t)(i & 0xFF);
  keccak256(msg, GREY_OPAQUE((size_t)1024), 0x01, out);
  uint32_t prefix = (uint32_t)out[0] | (uint32_t)out[1] << 8 | (uint32_t)out[2] << 16 |
                    (uint32_t)out[3] << 24;
  int ok = memcmp(out, expect_keccak_msg, 32) == 0;
  keccak256(msg, GREY_OPAQUE((size_t)0), 0x01, out);
  ok &= memcmp(out, expect_keccak_empty, 32) == 0;
  keccak256(msg, GREY_OPAQUE((size_t)1024), 0x06, out);
  ok &= memcmp(out, expect_sha3_msg, 32) == 0;
  return ok ? prefix : 0;
}
