/* String and byte handling: signed vs unsigned chars (char signedness
 * differs between RISC-V and x86, so only explicit types are used),
 * strlen/strcmp/strstr, integer <-> decimal/hex text, byte-wise hashing,
 * and sub-word loads/stores (lb/lbu/lh/lhu/lw/lwu). */
#include "grey_guest.h"

GREY_NOINLINE static size_t my_strlen(const char *s) {
  const char *p = s;
  while (*p) p++;
  return (size_t)(p - s);
}
GREY_NOINLINE static int my_strcmp(const char *a, const char *b) {
  while (*a && *a == *b) { a++; b++; }
  return (int)(unsigned char)*a - (int)(unsigned char)*b;
}
GREY_NOINLINE static const char *my_strstr(const char *hay, const char *needle) {
  size_t n = my_strlen(needle);
  for (; *hay; hay++)
    if (memcmp(hay, needle, n) == 0) return hay;
  return 0;
}
GREY_NOINLINE static int to_dec(int64_t v, char *out) {
  char tmp[24];
  int n = 0, neg = v < 0;
  uint64_t u = neg ? 0 - (uint64_t)v : (uint64_t)v;
  do { tmp[n++] = (char)('0' + u % 10); u /= 10; } while (u);
  int k = 0;
  if (neg) out[k++] = '-';
  while (n) out[k++] = tmp[--n];
  out[k] = 0;
  return k;
}
GREY_NOINLINE static int64_t from_dec(const char *s) {
  int neg = *s == '-';
  if (neg) s++;
  uint64_t v = 0;
  while (*s >= '0' && *s <= '9') v = v * 10 + (uint64_t)(*s++ - '0');
  return neg ? (int64_t)(0 - v) : (int64_t)v;
}
GREY_NOINLINE static void to_hex(uint64_t v, char *out) {
  static const char digits[] = "0123456789abcdef";
  for (int i = 15; i >= 0; i--) { out[i] = digits[v & 15]; v >>= 4; }
  out[16] = 0;
}

static const char text[] =
    "In the beginning the Universe was created. This has made a lot of people "
    "very angry and been widely regarded as a bad move. \x80\xff\x7f\x01";

uint64_t grey_main(void) {
  uint64_t h = 0, fails = 0, s = 77;
  size_t len = my_strlen(text);
  fails += len != sizeof(text) - 1;
  h = grey_mix(h, len);
  uint64_t sacc = 0;
  uint64_t uacc = 0;
  for (size_t i = 0; i < len; i++) {
    sacc = sacc * 31 + (uint64_t)(int64_t)(signed char)text[i];
    uacc = uacc * 31 + (unsigned char)text[i];
  }
  h = grey_mix(h, sacc ^ uacc);
  fails += my_strcmp("abc", "abd") >= 0 || my_strcmp("abc", "abc") != 0 ||
           my_strcmp("\x80", "a") <= 0;
  const char *p = my_strstr(text, "angry");
  fails += !p || p - text != 78;
  h = grey_mix(h, (uint64_t)(p ? p - text : -1));
  char buf[32];
  for (int i = 0; i < 100; i++) {
    int64_t v = (int64_t)grey_rand(&s) >> (i % 64);
    if (i & 1) v = -v;
    if (i == 0) v = INT64_MIN;
    int n = to_dec(v, buf);
    fails += from_dec(buf) != v;
    h = grey_mix(h, (uint64_t)n ^ (uint64_t)(unsigned char)buf[n - 1] << 8);
    to_hex((uint64_t)v, buf);
    for (int k = 0; k < 16; k++) h = grey_mix(h, (unsigned char)buf[k]);
  }
  /* sub-word loads and stores */
  union { uint8_t b[32]; uint16_t hw[16]; uint32_t w[8]; uint64_t d[4]; } u;
  for (int i = 0; i < 32; i++) u.b[i] = (uint8_t)(0x70 + i * 5);
  for (int i = 0; i < 8; i++) {
    h = grey_mix(h, (uint64_t)(int64_t)(int8_t)u.b[i * 4 + 1]);
    h = grey_mix(h, (uint64_t)(int64_t)(int16_t)u.hw[i * 2 + 1]);
    h = grey_mix(h, (uint64_t)(int64_t)(int32_t)u.w[i]);
    h = grey_mix(h, (uint64_t)u.w[i]);
  }
  u.hw[3] = 0xBEEF;
  u.w[3] = 0xDEADBEEF;
  u.b[0] = 0xFF;
  h = grey_mix(h, u.d[0] ^ u.d[1] ^ u.d[2] ^ u.d[3]);
  return GREY_RESULT(h, fails);
}
