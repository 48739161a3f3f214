//! memcpy, memmove, memset, memcmp and bcmp for the JAVM target, where no
//! libc provides them: LLVM calls them for slice copies (`copy_from_slice`),
//! array initialisation and comparisons. Eight bytes at a time when both
//! pointers share their alignment modulo 8, byte by byte otherwise.
//!
//! Only plain loads and stores: `core::ptr::copy*` and `write_bytes` lower to
//! the very calls defined here. The crate is `#![no_builtins]`, so the loops
//! are not turned back into calls either (utils/check-guest-elf.sh checks
//! the linked functions do not call themselves).

const WORD: usize = core::mem::size_of::<u64>();

fn same_alignment(a: usize, b: usize) -> bool {
    (a ^ b) % WORD == 0
}

/// # Safety
/// `dst` and `src` valid for `n` bytes, not overlapping.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memcpy(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    unsafe {
        let (mut d, mut s, mut n) = (dst, src, n);
        if same_alignment(d as usize, s as usize) {
            while n > 0 && d as usize % WORD != 0 {
                *d = *s;
                (d, s, n) = (d.add(1), s.add(1), n - 1);
            }
            while n >= WORD {
                *(d as *mut u64) = *(s as *const u64);
                (d, s, n) = (d.add(WORD), s.add(WORD), n - WORD);
            }
        }
        while n > 0 {
            *d = *s;
            (d, s, n) = (d.add(1), s.add(1), n - 1);
        }
    }
    dst
}

/// # Safety
/// `dst` and `src` valid for `n` bytes; they may overlap.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memmove(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    // A forward copy is safe unless dst starts inside [src, src + n).
    if (dst as usize).wrapping_sub(src as usize) >= n {
        return unsafe { memcpy(dst, src, n) };
    }
    unsafe {
        let (mut d, mut s, mut n) = (dst.add(n), src.add(n), n);
        if same_alignment(d as usize, s as usize) {
            while n > 0 && d as usize % WORD != 0 {
                (d, s, n) = (d.sub(1), s.sub(1), n - 1);
                *d = *s;
            }
            while n >= WORD {
                (d, s, n) = (d.sub(WORD), s.sub(WORD), n - WORD);
                *(d as *mut u64) = *(s as *const u64);
            }
        }
        while n > 0 {
            (d, s, n) = (d.sub(1), s.sub(1), n - 1);
            *d = *s;
        }
    }
    dst
}

/// # Safety
/// `dst` valid for `n` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memset(dst: *mut u8, c: i32, n: usize) -> *mut u8 {
    let byte = c as u8;
    let word = u64::from(byte) * 0x0101_0101_0101_0101;
    unsafe {
        let (mut d, mut n) = (dst, n);
        while n > 0 && d as usize % WORD != 0 {
            *d = byte;
            (d, n) = (d.add(1), n - 1);
        }
        while n >= WORD {
            *(d as *mut u64) = word;
            (d, n) = (d.add(WORD), n - WORD);
        }
        while n > 0 {
            *d = byte;
            (d, n) = (d.add(1), n - 1);
        }
    }
    dst
}

/// # Safety
/// `a` and `b` valid for `n` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    for i in 0..n {
        let (x, y) = unsafe { (*a.add(i), *b.add(i)) };
        if x != y {
            return i32::from(x) - i32::from(y);
        }
    }
    0
}

/// LLVM emits bcmp for `==` on byte slices and arrays.
///
/// # Safety
/// `a` and `b` valid for `n` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    unsafe { memcmp(a, b, n) }
}
