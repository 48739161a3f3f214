/* sieve: sieve of Eratosthenes up to N = 100,000, as the reference
 * bench-prime-sieve: a 100 KB byte array initialised to 1 in .data,
 * re-initialised at run time, multiples marked from p*p, primes counted.
 * Returns the count, 9592 (= pi(10^5)), or 0xBAD0000000000000 | count. */
#include "grey_guest.h"

#define N 100000

static uint8_t is_prime[N] = {[0 ... N - 1] = 1};

GREY_NOINLINE static uint32_t sieve(uint32_t n) {
  for (uint32_t i = 0; i < n; i++) is_prime[i] = 1;
  is_prime[0] = 0;
  is_prime[1] = 0;
  for (uint32_t p = 2; p * p < n; p++)
    if (is_prime[p])
      for (uint32_t m = p * p; m < n; m += p) is_prime[m] = 0;
  uint32_t count = 0;
  for (uint32_t i = 0; i < n; i++) count += is_prime[i];
  return count;
}

uint64_t grey_main(void) {
  uint32_t c = sieve(GREY_OPAQUE(N));
  return c == 9592 ? c : (0xBAD0000000000000ULL | c);
}
