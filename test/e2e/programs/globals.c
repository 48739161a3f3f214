/* Globals in .data, .rodata, .bss, .sdata/.sbss-sized objects, static
 * locals, pointers to globals stored in globals (relocations in data),
 * string literals, and large zero-initialised arrays. */
#include "grey_guest.h"

uint64_t g_data = 0x1122334455667788ULL;          /* .data / .sdata */
int32_t g_neg = -123456;                          /* .data */
uint8_t g_bytes[7] = {1, 2, 3, 250, 251, 252, 253};
uint64_t g_bss;                                    /* .bss */
uint32_t g_bss_arr[3000];                          /* .bss, 12 KB */
const uint16_t g_ro[16] = {1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987};
static const char msg[] = "The quick brown fox jumps over the lazy dog";
static const char *const names[] = {"alpha", "beta", "gamma", "delta", msg};
static uint64_t *const gptrs[] = {&g_data, &g_bss, (uint64_t *)0};
static int32_t *gp_neg = &g_neg;                   /* pointer in .data */
struct rec { const char *name; int32_t v; uint8_t k; };
static struct rec recs[] = {{"one", 1, 'a'}, {"minus", -1, 'b'}, {"big", 0x7FFFFFFF, 'c'}};

GREY_NOINLINE static uint64_t counter(void) {
  static uint64_t n = 1000;   /* static local in .data */
  static uint64_t z;          /* static local in .bss */
  n += 3;
  z += n;
  return n ^ (z << 1);
}

GREY_NOINLINE static uint64_t strhash(const char *p) {
  uint64_t h = 0xcbf29ce484222325ULL;
  while (*p) { h ^= (uint8_t)*p++; h *= 0x100000001b3ULL; }
  return h;
}

uint64_t grey_main(void) {
  uint64_t h = 0, fails = 0;
  fails += g_bss != 0;
  for (int i = 0; i < 3000; i++) fails += g_bss_arr[i] != 0;
  h = grey_mix(h, g_data);
  h = grey_mix(h, (uint64_t)(int64_t)g_neg);
  for (int i = 0; i < 7; i++) h = grey_mix(h, g_bytes[i]);
  for (int i = 0; i < 16; i++) h = grey_mix(h, g_ro[GREY_OPAQUE(i)]);
  fails += g_ro[15] != 987;
  for (int i = 0; i < 5; i++) h = grey_mix(h, strhash(names[GREY_OPAQUE(i)]));
  fails += strhash(msg) != 0xf3f9b7f5e7e47110ULL;
  g_data += 1;
  g_bss = 42;
  *gptrs[GREY_OPAQUE(1)] += 8;
  fails += g_bss != 50;
  h = grey_mix(h, *gptrs[0] ^ *gptrs[1]);
  fails += gptrs[2] != 0;
  *gp_neg -= 1;
  fails += g_neg != -123457;
  for (int i = 0; i < 3000; i++) g_bss_arr[i] = (uint32_t)i * 2654435761u;
  uint64_t s = 0;
  for (int i = 0; i < 3000; i += 7) s += g_bss_arr[GREY_OPAQUE(i)];
  h = grey_mix(h, s);
  for (int i = 0; i < 3; i++) {
    recs[i].v = (int32_t)((uint32_t)recs[i].v + (uint32_t)i);
    h = grey_mix(h, strhash(recs[i].name) ^ (uint64_t)(int64_t)recs[i].v ^ recs[i].k);
  }
  for (int i = 0; i < 10; i++) h = grey_mix(h, counter());
  return GREY_RESULT(h, fails);
}
