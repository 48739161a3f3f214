//! Sieve of Eratosthenes up to N = 100,000 over a `Vec<bool>` (the bump
//! allocator of grey_guest; `vec![true; N + 1]` is a memset), marking from
//! p² with `step_by`. Checks π(10^5) = 9592, the 1000th prime 7919 and
//! the largest prime below 10^5, 99991, and returns the count (0x2578).
#![no_std]
#![no_main]

extern crate alloc;

use alloc::vec;
use alloc::vec::Vec;
use core::hint::black_box;

grey_guest::entry!(run);
grey_guest::global_allocator!(128 * 1024);

const N: usize = 100_000;

fn sieve(n: usize) -> Vec<bool> {
    let mut is_prime = vec![true; n + 1];
    is_prime[0] = false;
    is_prime[1] = false;
    let mut p = 2;
    while p * p <= n {
        if is_prime[p] {
            for multiple in (p * p..=n).step_by(p) {
                is_prime[multiple] = false;
            }
        }
        p += 1;
    }
    is_prime
}

fn run() -> u64 {
    let is_prime = sieve(black_box(N));
    let mut primes = is_prime.iter().enumerate().filter_map(|(i, &p)| p.then_some(i));
    let count = is_prime.iter().filter(|&&p| p).count();
    let fails = u32::from(count != 9592)
        + u32::from(primes.nth(999) != Some(7919))
        + u32::from(primes.last() != Some(99991));
    grey_guest::checked_result(count as u64, fails)
}
