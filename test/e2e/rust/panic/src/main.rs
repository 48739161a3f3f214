//! A failed bounds check: the panic handler of grey_guest turns it into a
//! PVM trap (with a0 = 0xDEAD), so the program never replies.
#![no_std]
#![no_main]

use core::hint::black_box;

grey_guest::entry!(run);

fn run() -> u64 {
    let table = [1u64, 2, 3, 4];
    let index = black_box(4usize);
    table[index]
}
