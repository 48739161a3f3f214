//! X25519 (RFC 7748 §5): the Montgomery ladder on Curve25519 with field
//! arithmetic modulo p = 2^255 − 19 in five 51-bit limbs, products in u128.
//! Checks the two RFC 7748 §5.2 test vectors and the first step of the
//! iterated test (k = u = 9, one iteration), three scalar multiplications
//! as bench/x25519.c does. Returns 1 when all three match.
#![no_std]
#![no_main]

use core::hint::black_box;
use core::ops::{Add, Mul, Sub};
use grey_guest::hex;

grey_guest::entry!(run);

const LIMB_BITS: u32 = 51;
const LIMB_MASK: u64 = (1 << LIMB_BITS) - 1;

/// An element of GF(2^255 − 19): value = Σ limbs[i] · 2^(51 i). Limbs may
/// exceed 51 bits between operations (see the bounds on each operation);
/// `to_bytes` gives the canonical encoding.
#[derive(Clone, Copy)]
struct Fe([u64; 5]);

impl Fe {
    const ZERO: Fe = Fe([0; 5]);
    const ONE: Fe = Fe([1, 0, 0, 0, 0]);

    /// Decodes a little-endian u-coordinate, ignoring bit 255 (RFC 7748 §5).
    fn from_bytes(bytes: &[u8; 32]) -> Fe {
        let mut w = [0u64; 4];
        for (word, chunk) in w.iter_mut().zip(bytes.chunks_exact(8)) {
            *word = u64::from_le_bytes(chunk.try_into().unwrap());
        }
        Fe([
            w[0] & LIMB_MASK,
            (w[0] >> 51 | w[1] << 13) & LIMB_MASK,
            (w[1] >> 38 | w[2] << 26) & LIMB_MASK,
            (w[2] >> 25 | w[3] << 39) & LIMB_MASK,
            (w[3] >> 12) & LIMB_MASK,
        ])
    }

    /// The wide limbs of a product, carried down to limbs below 2^52
    /// (2^255 ≡ 19 folds the top carry into limb 0).
    fn carry(wide: [u128; 5]) -> Fe {
        let mut limbs = [0u64; 5];
        let mut carry = 0u128;
        for (limb, &w) in limbs.iter_mut().zip(&wide) {
            let t = w + carry;
            *limb = t as u64 & LIMB_MASK;
            carry = t >> LIMB_BITS;
        }
        let t = u128::from(limbs[0]) + carry * 19;
        limbs[0] = t as u64 & LIMB_MASK;
        limbs[1] += (t >> LIMB_BITS) as u64;
        Fe(limbs)
    }

    fn square(self) -> Fe {
        self * self
    }

    fn square_n(self, n: u32) -> Fe {
        (0..n).fold(self, |x, _| x.square())
    }

    fn mul_small(self, k: u32) -> Fe {
        Fe::carry(self.0.map(|l| u128::from(l) * u128::from(k)))
    }

    /// self^(p − 2) = 1/self (0 for 0), by the usual addition chain:
    /// 254 squarings and 11 multiplications.
    fn invert(self) -> Fe {
        let z2 = self.square();
        let z9 = z2.square_n(2) * self;
        let z11 = z9 * z2;
        let z_5_0 = z11.square() * z9; // z^(2^5 − 1)
        let z_10_0 = z_5_0.square_n(5) * z_5_0;
        let z_20_0 = z_10_0.square_n(10) * z_10_0;
        let z_40_0 = z_20_0.square_n(20) * z_20_0;
        let z_50_0 = z_40_0.square_n(10) * z_10_0;
        let z_100_0 = z_50_0.square_n(50) * z_50_0;
        let z_200_0 = z_100_0.square_n(100) * z_100_0;
        let z_250_0 = z_200_0.square_n(50) * z_50_0;
        z_250_0.square_n(5) * z11 // z^(2^255 − 21) = z^(p − 2)
    }

    /// The canonical little-endian encoding (value reduced below p).
    fn to_bytes(self) -> [u8; 32] {
        let mut l = Fe::carry(self.0.map(u128::from)).0;
        // Now value < 2^255 + 2^52. Carry once more so every limb is below
        // 2^51, then subtract p once if value ≥ p: q = (value + 19) >> 255.
        for i in 0..4 {
            l[i + 1] += l[i] >> LIMB_BITS;
            l[i] &= LIMB_MASK;
        }
        l[0] += 19 * (l[4] >> LIMB_BITS);
        l[4] &= LIMB_MASK;
        let mut q = (l[0] + 19) >> LIMB_BITS;
        for &limb in &l[1..] {
            q = (limb + q) >> LIMB_BITS;
        }
        l[0] += 19 * q;
        for i in 0..4 {
            l[i + 1] += l[i] >> LIMB_BITS;
            l[i] &= LIMB_MASK;
        }
        l[4] &= LIMB_MASK;
        let words = [l[0] | l[1] << 51, l[1] >> 13 | l[2] << 38, l[2] >> 26 | l[3] << 25, l[3] >> 39 | l[4] << 12];
        let mut out = [0u8; 32];
        for (chunk, word) in out.chunks_exact_mut(8).zip(words) {
            chunk.copy_from_slice(&word.to_le_bytes());
        }
        out
    }
}

impl Add for Fe {
    type Output = Fe;
    /// Limb-wise, no carry: inputs below 2^52 give limbs below 2^53.
    fn add(self, rhs: Fe) -> Fe {
        let mut out = self.0;
        for (o, r) in out.iter_mut().zip(rhs.0) {
            *o += r;
        }
        Fe(out)
    }
}

impl Sub for Fe {
    type Output = Fe;
    /// self + 2p − rhs limb-wise: rhs limbs must be below 2^52 − 38 (the
    /// outputs of `mul`), the result stays below 2^54.
    fn sub(self, rhs: Fe) -> Fe {
        const TWO_P: [u64; 5] = [0xfffffffffffda, 0xffffffffffffe, 0xffffffffffffe, 0xffffffffffffe, 0xffffffffffffe];
        let mut out = self.0;
        for ((o, r), two_p) in out.iter_mut().zip(rhs.0).zip(TWO_P) {
            *o = *o + two_p - r;
        }
        Fe(out)
    }
}

impl Mul for Fe {
    type Output = Fe;
    /// Schoolbook product in u128, terms above 2^255 folded in times 19.
    /// Inputs below 2^54 keep every sum below 2^117.
    fn mul(self, rhs: Fe) -> Fe {
        let (a, b) = (self.0, rhs.0);
        let b19 = b.map(|x| x * 19);
        let m = |x: u64, y: u64| u128::from(x) * u128::from(y);
        Fe::carry([
            m(a[0], b[0]) + m(a[1], b19[4]) + m(a[2], b19[3]) + m(a[3], b19[2]) + m(a[4], b19[1]),
            m(a[0], b[1]) + m(a[1], b[0]) + m(a[2], b19[4]) + m(a[3], b19[3]) + m(a[4], b19[2]),
            m(a[0], b[2]) + m(a[1], b[1]) + m(a[2], b[0]) + m(a[3], b19[4]) + m(a[4], b19[3]),
            m(a[0], b[3]) + m(a[1], b[2]) + m(a[2], b[1]) + m(a[3], b[0]) + m(a[4], b19[4]),
            m(a[0], b[4]) + m(a[1], b[3]) + m(a[2], b[2]) + m(a[3], b[1]) + m(a[4], b[0]),
        ])
    }
}

/// Swaps a and b when `swap` is 1, without a branch on it.
fn cswap(swap: u64, a: &mut Fe, b: &mut Fe) {
    let mask = swap.wrapping_neg();
    for (x, y) in a.0.iter_mut().zip(b.0.iter_mut()) {
        let t = mask & (*x ^ *y);
        *x ^= t;
        *y ^= t;
    }
}

/// X25519(k, u) of RFC 7748 §5.
#[inline(never)]
fn x25519(scalar: &[u8; 32], u: &[u8; 32]) -> [u8; 32] {
    let mut k = *scalar;
    k[0] &= 248;
    k[31] &= 127;
    k[31] |= 64;
    let x1 = Fe::from_bytes(u);
    let (mut x2, mut z2, mut x3, mut z3) = (Fe::ONE, Fe::ZERO, x1, Fe::ONE);
    let mut swap = 0;
    for t in (0..255).rev() {
        let bit = u64::from(k[t / 8] >> (t % 8) & 1);
        swap ^= bit;
        cswap(swap, &mut x2, &mut x3);
        cswap(swap, &mut z2, &mut z3);
        swap = bit;
        let a = x2 + z2;
        let aa = a.square();
        let b = x2 - z2;
        let bb = b.square();
        let e = aa - bb;
        let c = x3 + z3;
        let d = x3 - z3;
        let da = d * a;
        let cb = c * b;
        x3 = (da + cb).square();
        z3 = x1 * (da - cb).square();
        x2 = aa * bb;
        z2 = e * (aa + e.mul_small(121665));
    }
    cswap(swap, &mut x2, &mut x3);
    cswap(swap, &mut z2, &mut z3);
    (x2 * z2.invert()).to_bytes()
}

/// (scalar, u-coordinate, expected X25519 result)
const VECTORS: [([u8; 32], [u8; 32], [u8; 32]); 3] = [
    (
        hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
        hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"),
        hex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"),
    ),
    (
        hex("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d"),
        hex("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493"),
        hex("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"),
    ),
    // The iterated test after one iteration: k = u = 9.
    (
        hex("0900000000000000000000000000000000000000000000000000000000000000"),
        hex("0900000000000000000000000000000000000000000000000000000000000000"),
        hex("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079"),
    ),
];

fn run() -> u64 {
    let fails = black_box(&VECTORS)
        .iter()
        .filter(|(k, u, expected)| x25519(k, u) != *expected)
        .count();
    grey_guest::checked_result(1, fails as u32)
}
