//! BLAKE2b (RFC 7693), unkeyed: BLAKE2b-256 of the 1024-byte message
//! msg[i] = i & 0xFF, as bench/blake2b.c. Checks the whole digest
//! (f1551fee…, from Python's hashlib.blake2b(msg, digest_size=32)) and the
//! RFC 7693 Appendix A vector BLAKE2b-512("abc"). Returns the first 4
//! digest bytes as a little-endian u32, sign-extended as in the C workload:
//! 0xffffffffee1f55f1.
#![no_std]
#![no_main]

use core::hint::black_box;
use grey_guest::hex;

grey_guest::entry!(run);

const IV: [u64; 8] = [
    0x6a09e667f3bcc908,
    0xbb67ae8584caa73b,
    0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1,
    0x510e527fade682d1,
    0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b,
    0x5be0cd19137e2179,
];

/// The message schedule of each of the 12 rounds (rounds 10 and 11 repeat
/// rounds 0 and 1).
const SIGMA: [[u8; 16]; 12] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
    [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
    [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
    [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
    [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
    [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
    [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
    [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
    [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
];

const BLOCK: usize = 128;

struct Blake2b {
    h: [u64; 8],
    /// Bytes compressed so far: the 128-bit counter t of RFC 7693.
    t: u128,
    buf: [u8; BLOCK],
    fill: usize,
    outlen: usize,
}

/// The mixing function G on columns (a, b, c, d) of the work vector.
#[inline(always)]
fn mix(v: &mut [u64; 16], [a, b, c, d]: [usize; 4], x: u64, y: u64) {
    v[a] = v[a].wrapping_add(v[b]).wrapping_add(x);
    v[d] = (v[d] ^ v[a]).rotate_right(32);
    v[c] = v[c].wrapping_add(v[d]);
    v[b] = (v[b] ^ v[c]).rotate_right(24);
    v[a] = v[a].wrapping_add(v[b]).wrapping_add(y);
    v[d] = (v[d] ^ v[a]).rotate_right(16);
    v[c] = v[c].wrapping_add(v[d]);
    v[b] = (v[b] ^ v[c]).rotate_right(63);
}

impl Blake2b {
    fn new(outlen: usize) -> Self {
        let mut h = IV;
        h[0] ^= 0x0101_0000 ^ outlen as u64;
        Self { h, t: 0, buf: [0; BLOCK], fill: 0, outlen }
    }

    #[inline(never)]
    fn compress(&mut self, last: bool) {
        let mut m = [0u64; 16];
        for (word, bytes) in m.iter_mut().zip(self.buf.chunks_exact(8)) {
            *word = u64::from_le_bytes(bytes.try_into().unwrap());
        }
        let mut v = [0u64; 16];
        v[..8].copy_from_slice(&self.h);
        v[8..].copy_from_slice(&IV);
        v[12] ^= self.t as u64;
        v[13] ^= (self.t >> 64) as u64;
        if last {
            v[14] = !v[14];
        }
        for s in &SIGMA {
            let m = |i: usize| m[usize::from(s[i])];
            mix(&mut v, [0, 4, 8, 12], m(0), m(1));
            mix(&mut v, [1, 5, 9, 13], m(2), m(3));
            mix(&mut v, [2, 6, 10, 14], m(4), m(5));
            mix(&mut v, [3, 7, 11, 15], m(6), m(7));
            mix(&mut v, [0, 5, 10, 15], m(8), m(9));
            mix(&mut v, [1, 6, 11, 12], m(10), m(11));
            mix(&mut v, [2, 7, 8, 13], m(12), m(13));
            mix(&mut v, [3, 4, 9, 14], m(14), m(15));
        }
        for (i, h) in self.h.iter_mut().enumerate() {
            *h ^= v[i] ^ v[i + 8];
        }
    }

    fn update(&mut self, mut data: &[u8]) {
        while !data.is_empty() {
            // The last block is compressed by finalize, with the final flag.
            if self.fill == BLOCK {
                self.t += BLOCK as u128;
                self.compress(false);
                self.fill = 0;
            }
            let take = (BLOCK - self.fill).min(data.len());
            self.buf[self.fill..self.fill + take].copy_from_slice(&data[..take]);
            self.fill += take;
            data = &data[take..];
        }
    }

    fn finalize<const N: usize>(mut self) -> [u8; N] {
        assert_eq!(N, self.outlen);
        self.t += self.fill as u128;
        self.buf[self.fill..].fill(0);
        self.compress(true);
        let mut out = [0; N];
        for (bytes, h) in out.chunks_mut(8).zip(self.h) {
            bytes.copy_from_slice(&h.to_le_bytes()[..bytes.len()]);
        }
        out
    }
}

fn blake2b<const N: usize>(data: &[u8]) -> [u8; N] {
    let mut state = Blake2b::new(N);
    state.update(data);
    state.finalize()
}

const MSG_256: [u8; 32] = hex("f1551feeb252c7e60bb362205bd1ac2f70b145260a91d41e8c5d0a187549a5f2");
const ABC_512: [u8; 64] = hex(
    "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1\
     7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923",
);

fn run() -> u64 {
    let msg: [u8; 1024] = core::array::from_fn(|i| i as u8);
    let digest: [u8; 32] = blake2b(black_box(&msg));
    let abc: [u8; 64] = blake2b(black_box(b"abc"));
    let fails = u32::from(digest != MSG_256) + u32::from(abc != ABC_512);
    let prefix = u32::from_le_bytes(digest[..4].try_into().unwrap());
    grey_guest::checked_result(prefix as i32 as u64, fails)
}
