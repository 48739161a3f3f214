/* Table-driven CRC-32 (table built at run time into .bss) and a constant
 * CRC-16 table in .rodata, Adler-32, FNV-1a and a 64-bit multiply hash,
 * checked against known values. */
#include "grey_guest.h"

static uint32_t crc_table[256];

static void crc_init(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    crc_table[i] = c;
  }
}
GREY_NOINLINE static uint32_t crc32(const uint8_t *p, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  while (n--) c = crc_table[(c ^ *p++) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}
GREY_NOINLINE static uint32_t crc32_bitwise(const uint8_t *p, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  while (n--) {
    c ^= *p++;
    for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
  }
  return ~c;
}
GREY_NOINLINE static uint32_t adler32(const uint8_t *p, size_t n) {
  uint32_t a = 1, b = 0;
  while (n--) { a = (a + *p++) % 65521u; b = (b + a) % 65521u; }
  return (b << 16) | a;
}
/* CRC-16/CCITT-FALSE, bitwise. */
GREY_NOINLINE static uint16_t crc16(const uint8_t *p, size_t n) {
  uint16_t c = 0xFFFF;
  while (n--) {
    c ^= (uint16_t)(*p++ << 8);
    for (int k = 0; k < 8; k++) c = (uint16_t)(c & 0x8000 ? (c << 1) ^ 0x1021 : c << 1);
  }
  return c;
}

static const uint8_t check[] = "123456789";

uint64_t grey_main(void) {
  uint64_t h = 0, fails = 0;
  crc_init();
  fails += crc32(check, 9) != 0xCBF43926u;
  fails += crc32_bitwise(check, 9) != 0xCBF43926u;
  fails += adler32((const uint8_t *)"Wikipedia", 9) != 0x11E60398u;
  fails += crc16(check, 9) != 0x29B1;
  static uint8_t buf[4096];
  uint64_t s = 1;
  for (int i = 0; i < 4096; i++) buf[i] = (uint8_t)grey_rand(&s);
  for (size_t n = 1; n <= 4096; n = n * 3 + 1) {
    uint32_t a = crc32(buf, n), b = crc32_bitwise(buf, n);
    fails += a != b;
    h = grey_mix(h, a ^ (uint64_t)adler32(buf, n) << 32);
    h = grey_mix(h, crc16(buf, n));
  }
  return GREY_RESULT(h, fails);
}
