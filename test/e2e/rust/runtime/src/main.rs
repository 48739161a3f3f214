//! Exercises the grey_guest runtime: memcpy, memmove, memset, memcmp and
//! bcmp for every alignment pair and many sizes (checked against byte loops
//! written here), overlapping moves both ways, the bump allocator (growth,
//! in-place realloc, LIFO free, large alignments, Box, nested Vecs), and the
//! GAS host call. Returns a checksum, or 0xFA11… | failures.
#![no_std]
#![no_main]

extern crate alloc;

use alloc::boxed::Box;
use alloc::vec::Vec;
use core::hint::black_box;
use grey_guest::mix;

grey_guest::entry!(run);
grey_guest::global_allocator!(64 * 1024);

const LEN: usize = 96;

fn pattern(seed: u8) -> [u8; LEN] {
    core::array::from_fn(|i| (i as u8).wrapping_mul(37).wrapping_add(seed))
}

/// copy_from_slice, fill, copy_within and slice comparison lower to
/// memcpy, memset, memmove and memcmp/bcmp calls for sizes not known at
/// compile time; black_box keeps them unknown.
fn memory_functions(h: &mut u64, fails: &mut u32) {
    for src_off in 0..8 {
        for dst_off in 0..8 {
            for n in [0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 64] {
                let (n, src_off, dst_off) = black_box((n, src_off, dst_off));
                let src = pattern(src_off as u8);
                let mut dst = [0xAAu8; LEN];
                dst[dst_off..dst_off + n].copy_from_slice(&src[src_off..src_off + n]);
                for (i, &b) in dst.iter().enumerate() {
                    let want = if (dst_off..dst_off + n).contains(&i) { src[i - dst_off + src_off] } else { 0xAA };
                    *fails += u32::from(b != want);
                }
                dst[dst_off..dst_off + n].fill(n as u8);
                *fails += u32::from(dst[dst_off..dst_off + n].iter().any(|&b| b != n as u8));
                // Overlapping moves, forwards and backwards.
                let mut buf = pattern(3);
                let reference = buf;
                buf.copy_within(src_off..src_off + n, dst_off);
                for i in 0..n {
                    *fails += u32::from(buf[dst_off + i] != reference[src_off + i]);
                }
                *h = mix(*h, buf.iter().fold(0u64, |a, &b| a.rotate_left(5) ^ u64::from(b)));
            }
        }
    }
    // Ordering and equality of byte slices: memcmp's sign, bcmp's zero.
    let a = pattern(1);
    for n in [1usize, 8, 13, 40, LEN] {
        let n = black_box(n);
        let mut b = a;
        *fails += u32::from(a[..n] != b[..n]);
        b[n - 1] = b[n - 1].wrapping_add(1);
        *fails += u32::from(a[..n] == b[..n]);
        *h = mix(*h, a[..n].cmp(&b[..n]) as i8 as u64);
        *h = mix(*h, b[..n].cmp(&a[..n]) as i8 as u64);
    }
}

fn allocator(h: &mut u64, fails: &mut u32) {
    // A growing Vec: the last allocation is resized in place.
    let mut squares: Vec<u64> = Vec::new();
    for i in 0..black_box(1000u64) {
        squares.push(i * i);
    }
    *fails += u32::from(squares.iter().sum::<u64>() != 332_833_500);
    *fails += u32::from(squares.capacity() < 1000);
    // Large alignments.
    #[repr(align(256))]
    struct Aligned([u8; 3]);
    let boxes: Vec<Box<Aligned>> = (0..4).map(|i| Box::new(Aligned([i; 3]))).collect();
    for (i, b) in boxes.iter().enumerate() {
        *fails += u32::from(&**b as *const Aligned as usize % 256 != 0);
        *fails += u32::from(b.0 != [i as u8; 3]);
    }
    drop(boxes);
    // Nested vectors and a sort that needs scratch space.
    let mut rows: Vec<Vec<u32>> = (0..20u32).map(|r| (0..r).map(|c| (r * 7919 + c * 104_729) % 1000).collect()).collect();
    for row in &mut rows {
        row.sort();
        *fails += u32::from(!row.is_sorted());
    }
    let flat: Vec<u32> = rows.into_iter().flatten().collect();
    *fails += u32::from(flat.len() != 190);
    *h = mix(*h, flat.iter().map(|&x| u64::from(x)).sum());
    // Freed last allocation is reused (stack discipline).
    let first = Box::new(1u64);
    let address = &*first as *const u64 as usize;
    drop(first);
    let second = Box::new(2u64);
    if grey_guest::JAVM {
        *fails += u32::from(&*second as *const u64 as usize != address);
    }
    *h = mix(*h, *second);
}

fn host_calls(h: &mut u64, fails: &mut u32) {
    let before = grey_guest::host::gas();
    let after = grey_guest::host::gas();
    *fails += u32::from(after >= before);
    // The amount charged depends on the backend; only the order is checked.
    *h = mix(*h, 1);
}

fn run() -> u64 {
    let (mut h, mut fails) = (0x9e37_79b9_7f4a_7c15u64, 0u32);
    memory_functions(&mut h, &mut fails);
    allocator(&mut h, &mut fails);
    host_calls(&mut h, &mut fails);
    grey_guest::checked_result(h, fails)
}
