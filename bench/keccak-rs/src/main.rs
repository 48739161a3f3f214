//! Keccak-256 (Keccak-f[1600], rate 136 bytes, pad 0x01) of the 1024-byte
//! message msg[i] = i & 0xFF, as bench/keccak.c, with the sponge over
//! `chunks_exact`. Checks Keccak-256(msg) (5902e539…, as the C workload),
//! Keccak-256("") (the well-known Ethereum empty hash c5d24601…), and the
//! same sponge with FIPS 202 padding (0x06): SHA3-256(msg) (b6c70631…, from
//! Python's hashlib.sha3_256) and SHA3-256("abc") from the FIPS 202
//! examples (3a985da7…). Returns the first 4 digest bytes of
//! Keccak-256(msg) as a little-endian u32: 0x39e50259.
#![no_std]
#![no_main]

use core::hint::black_box;
use grey_guest::hex;

grey_guest::entry!(run);

const ROUND_CONSTANTS: [u64; 24] = [
    0x0000000000000001,
    0x0000000000008082,
    0x800000000000808a,
    0x8000000080008000,
    0x000000000000808b,
    0x0000000080000001,
    0x8000000080008081,
    0x8000000000008009,
    0x000000000000008a,
    0x0000000000000088,
    0x0000000080008009,
    0x000000008000000a,
    0x000000008000808b,
    0x800000000000008b,
    0x8000000000008089,
    0x8000000000008003,
    0x8000000000008002,
    0x8000000000000080,
    0x000000000000800a,
    0x800000008000000a,
    0x8000000080008081,
    0x8000000000008080,
    0x0000000080000001,
    0x8000000080008008,
];

/// ρ and π together: starting from lane 1, each lane moves to the next
/// position of PI_LANES, rotated by the matching RHO_OFFSETS.
const RHO_OFFSETS: [u32; 24] =
    [1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44];
const PI_LANES: [usize; 24] =
    [10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1];

const RATE: usize = 136;

#[inline(never)]
fn keccak_f(a: &mut [u64; 25]) {
    for rc in ROUND_CONSTANTS {
        // θ
        let c: [u64; 5] = core::array::from_fn(|x| a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20]);
        for x in 0..5 {
            let d = c[(x + 4) % 5] ^ c[(x + 1) % 5].rotate_left(1);
            for lane in a.iter_mut().skip(x).step_by(5) {
                *lane ^= d;
            }
        }
        // ρ and π
        let mut moving = a[1];
        for (&to, &rot) in PI_LANES.iter().zip(&RHO_OFFSETS) {
            let next = a[to];
            a[to] = moving.rotate_left(rot);
            moving = next;
        }
        // χ
        for row in a.chunks_exact_mut(5) {
            let r: [u64; 5] = row.try_into().unwrap();
            for (x, lane) in row.iter_mut().enumerate() {
                *lane = r[x] ^ (!r[(x + 1) % 5] & r[(x + 2) % 5]);
            }
        }
        // ι
        a[0] ^= rc;
    }
}

fn absorb(state: &mut [u64; 25], block: &[u8]) {
    for (lane, bytes) in state.iter_mut().zip(block.chunks_exact(8)) {
        *lane ^= u64::from_le_bytes(bytes.try_into().unwrap());
    }
    keccak_f(state);
}

/// The Keccak sponge with capacity 512 and a 256-bit output; `pad` is the
/// domain byte: 0x01 for Keccak-256, 0x06 for SHA3-256.
fn sponge256(msg: &[u8], pad: u8) -> [u8; 32] {
    let mut state = [0u64; 25];
    let mut blocks = msg.chunks_exact(RATE);
    for block in &mut blocks {
        absorb(&mut state, block);
    }
    let rest = blocks.remainder();
    let mut last = [0u8; RATE];
    last[..rest.len()].copy_from_slice(rest);
    last[rest.len()] ^= pad;
    last[RATE - 1] ^= 0x80;
    absorb(&mut state, &last);
    let mut out = [0u8; 32];
    for (bytes, lane) in out.chunks_exact_mut(8).zip(state) {
        bytes.copy_from_slice(&lane.to_le_bytes());
    }
    out
}

const KECCAK_MSG: [u8; 32] = hex("5902e53903be0d0f9656bdbd5b9f0d8c2d815f865645d629eef77f5185f6cd7f");
const KECCAK_EMPTY: [u8; 32] = hex("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
const SHA3_MSG: [u8; 32] = hex("b6c70631c6ff932b9f380d9cde8750eb9bea393817a9aea410c2119eb7b9b870");
const SHA3_ABC: [u8; 32] = hex("3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532");

fn run() -> u64 {
    let msg: [u8; 1024] = core::array::from_fn(|i| i as u8);
    let digest = sponge256(black_box(&msg), 0x01);
    let fails = u32::from(digest != KECCAK_MSG)
        + u32::from(sponge256(black_box(&[]), 0x01) != KECCAK_EMPTY)
        + u32::from(sponge256(black_box(&msg), 0x06) != SHA3_MSG)
        + u32::from(sponge256(black_box(b"abc"), 0x06) != SHA3_ABC);
    let prefix = u32::from_le_bytes(digest[..4].try_into().unwrap());
    grey_guest::checked_result(u64::from(prefix), fails)
}
