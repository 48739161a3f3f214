//! Runtime for Rust guest programs run by grey (RISC-V rv64em + Zbb +
//! XTheadCondMov ELF, translated into a JAR v2 blob for JAVM).
//!
//! A guest program is a `#![no_std]` binary crate:
//!
//! ```ignore
//! #![no_std]
//! #![no_main]
//! grey_guest::entry!(run);
//! fn run() -> u64 { 42 }
//! ```
//!
//! Built for the JAVM target (`utils/build-rust-guest.sh`), `_start` calls
//! `run` and REPLYs with its result. Built natively (`--native`), the C
//! `main` prints the result as `0x%016x`, the line the differential tests
//! compare; std is linked there (by this crate) but the program stays
//! `no_std`, so both builds compile the same code.
//! Everything target-specific is keyed on `target_env = "javm"`, which only
//! grey's target specification (`riscv64em-javm.json`) sets.
#![no_std]
// The memory functions below are loops that LLVM would otherwise recognise
// as memcpy/memset idioms and compile into calls to themselves.
#![no_builtins]

#[cfg(not(target_env = "javm"))]
extern crate std;

mod bump;
pub mod host;
#[cfg(target_env = "javm")]
mod mem;

pub use bump::BumpAllocator;

/// Defines the program's entry point: `entry!(run)` with `fn run() -> u64`.
///
/// On JAVM, `_start` is `call grey_main; li t0, 0; ecall; unimp`: the
/// translator turns `li t0, 0; ecall` into `ecalli 0`, the REPLY of the
/// current kernel ABI, with the result in a0 (φ7). The stack pointer is set
/// by the translator's preamble.
#[cfg(target_env = "javm")]
#[macro_export]
macro_rules! entry {
    ($main:path) => {
        #[unsafe(no_mangle)]
        extern "C" fn grey_main() -> u64 {
            $main()
        }
        ::core::arch::global_asm!(
            ".pushsection .text._start, \"ax\", @progbits",
            ".globl _start",
            ".type _start, @function",
            ".p2align 2",
            "_start:",
            "  call grey_main",
            "  li t0, 0",
            "  ecall",
            "  unimp",
            ".size _start, . - _start",
            ".popsection",
        );
    };
}

/// Defines the program's entry point: `entry!(run)` with `fn run() -> u64`.
///
/// Natively, the C `main` (the program is `#![no_main]` everywhere) prints
/// the result as `0x%016x`.
#[cfg(not(target_env = "javm"))]
#[macro_export]
macro_rules! entry {
    ($main:path) => {
        #[unsafe(no_mangle)]
        extern "C" fn main(_argc: i32, _argv: *const *const u8) -> i32 {
            $crate::native::print_result($main());
            0
        }
    };
}

/// Makes a [`BumpAllocator`] of `bytes` bytes the global allocator on JAVM,
/// for programs that use `alloc`. The heap is a zero-initialised static, so
/// it lands in `.bss`. Natively the system allocator stays.
#[cfg(target_env = "javm")]
#[macro_export]
macro_rules! global_allocator {
    ($bytes:expr) => {
        #[global_allocator]
        static GREY_HEAP: $crate::BumpAllocator<{ $bytes }> = $crate::BumpAllocator::new();
    };
}

/// Natively the system allocator stays.
#[cfg(not(target_env = "javm"))]
#[macro_export]
macro_rules! global_allocator {
    ($bytes:expr) => {};
}

/// True when built for grey's JAVM target, false in the native build.
pub const JAVM: bool = cfg!(target_env = "javm");

/// The result of a self-checking program: the checksum `h` when every check
/// passed, else `0xFA11_0000_0000_0000 | fails` (the C runtime's
/// `GREY_RESULT`), so that a wrong run cannot return the expected value.
pub const fn checked_result(h: u64, fails: u32) -> u64 {
    if fails == 0 { h } else { 0xFA11_0000_0000_0000 | fails as u64 }
}

/// Folds `value` into the checksum `h` (the C runtime's `grey_mix`).
pub const fn mix(h: u64, value: u64) -> u64 {
    let mut h = (h ^ value).wrapping_mul(0x100000001b3);
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58476d1ce4e5b9);
    h ^ h >> 32
}

/// Bytes from a hex string, at compile time: `const V: [u8; 32] = hex("c3da…")`
/// keeps test vectors as they are published. Panics (a compile error in a
/// const) on a wrong length or a non-hex digit.
pub const fn hex<const N: usize>(digits: &str) -> [u8; N] {
    const fn nibble(c: u8) -> u8 {
        match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => panic!("not a hex digit"),
        }
    }
    let digits = digits.as_bytes();
    assert!(digits.len() == 2 * N, "hex string of the wrong length");
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        out[i] = nibble(digits[2 * i]) << 4 | nibble(digits[2 * i + 1]);
        i += 1;
    }
    out
}

/// A Rust panic (failed bounds check, overflow in debug builds, explicit
/// `panic!`) becomes a PVM trap. a0 = 0xDEAD tells a reader of the registers
/// that the trap came from here.
#[cfg(target_env = "javm")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    // SAFETY: sets a0 and stops the program; touches no memory.
    unsafe { core::arch::asm!("li a0, 0xDEAD", "unimp", options(noreturn, nomem, nostack)) }
}

#[cfg(not(target_env = "javm"))]
#[doc(hidden)]
pub mod native {
    pub fn print_result(value: u64) {
        std::println!("0x{value:016x}");
    }
}
