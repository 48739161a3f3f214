//! Code shapes rustc produces that C guests rarely do: dense `match` (jump
//! tables), trait objects (vtables in .data.rel.ro, indirect calls),
//! closures through `&mut dyn FnMut`, 128-bit multiplication and division
//! (compiler_builtins' __udivti3/__umodti3), checked and saturating
//! arithmetic, Zbb-friendly bit operations, `core::fmt` into a fixed buffer,
//! sorting and binary search, UTF-8 iteration, recursion over enums.
//! Returns a checksum, or 0xFA11… | failures.
#![no_std]
#![no_main]

use core::fmt::Write;
use core::hint::black_box;
use grey_guest::mix;

grey_guest::entry!(run);

/// A stack machine: the dense match on the opcode becomes a jump table.
#[derive(Clone, Copy)]
enum Op {
    Push(i64),
    Add,
    Sub,
    Mul,
    Neg,
    Shl(u32),
    Dec,
    Dup,
    Drop,
    Swap,
    Over,
    /// a b c -> b c a
    Rot,
    /// Pops the top; jumps when it is not zero.
    JumpIfNonZero(usize),
    Halt,
}

fn interpret(program: &[Op]) -> i64 {
    let mut stack = [0i64; 16];
    let (mut sp, mut pc) = (0usize, 0usize);
    loop {
        match program[pc] {
            Op::Push(v) => {
                stack[sp] = v;
                sp += 1;
            }
            Op::Add => {
                sp -= 1;
                stack[sp - 1] = stack[sp - 1].wrapping_add(stack[sp]);
            }
            Op::Sub => {
                sp -= 1;
                stack[sp - 1] = stack[sp - 1].wrapping_sub(stack[sp]);
            }
            Op::Mul => {
                sp -= 1;
                stack[sp - 1] = stack[sp - 1].wrapping_mul(stack[sp]);
            }
            Op::Neg => stack[sp - 1] = stack[sp - 1].wrapping_neg(),
            Op::Shl(n) => stack[sp - 1] <<= n,
            Op::Dec => stack[sp - 1] -= 1,
            Op::Dup => {
                stack[sp] = stack[sp - 1];
                sp += 1;
            }
            Op::Drop => sp -= 1,
            Op::Swap => stack.swap(sp - 1, sp - 2),
            Op::Over => {
                stack[sp] = stack[sp - 2];
                sp += 1;
            }
            Op::Rot => stack[sp - 3..sp].rotate_left(1),
            Op::JumpIfNonZero(target) => {
                sp -= 1;
                if stack[sp] != 0 {
                    pc = target;
                    continue;
                }
            }
            Op::Halt => return stack[sp - 1],
        }
        pc += 1;
    }
}

/// 10! = 3628800
const FACTORIAL: [Op; 11] = [
    Op::Push(1),  // acc
    Op::Push(10), // acc n
    Op::Swap,     // n acc            (loop)
    Op::Over,     // n acc n
    Op::Mul,      // n acc*n
    Op::Swap,     // acc n
    Op::Dec,      // acc n-1
    Op::Dup,      // acc n-1 n-1
    Op::JumpIfNonZero(2),
    Op::Drop,
    Op::Halt,
];

/// 2 * (1² + … + 20²) = 5740
const SQUARES: [Op; 20] = [
    Op::Push(0),  // sum
    Op::Push(20), // sum n
    Op::Dup,      // sum n n          (loop)
    Op::Dup,      // sum n n n
    Op::Mul,      // sum n n²
    Op::Neg,      // sum n -n²
    Op::Push(0),  // sum n -n² 0
    Op::Swap,     // sum n 0 -n²
    Op::Sub,      // sum n n²
    Op::Shl(1),   // sum n 2n²
    Op::Swap,     // sum 2n² n
    Op::Rot,      // 2n² n sum
    Op::Rot,      // n sum 2n²
    Op::Add,      // n sum'
    Op::Swap,     // sum' n
    Op::Dec,      // sum' n-1
    Op::Dup,
    Op::JumpIfNonZero(2),
    Op::Drop,
    Op::Halt,
];

trait Shape {
    fn area(&self) -> u64;
    fn name(&self) -> &'static str;
}
struct Square(u64);
struct Rect(u64, u64);
struct Triangle(u64, u64);
impl Shape for Square {
    fn area(&self) -> u64 {
        self.0 * self.0
    }
    fn name(&self) -> &'static str {
        "square"
    }
}
impl Shape for Rect {
    fn area(&self) -> u64 {
        self.0 * self.1
    }
    fn name(&self) -> &'static str {
        "rect"
    }
}
impl Shape for Triangle {
    fn area(&self) -> u64 {
        self.0 * self.1 / 2
    }
    fn name(&self) -> &'static str {
        "triangle"
    }
}

fn apply_n(f: &mut dyn FnMut(u64) -> u64, n: u32, x: u64) -> u64 {
    (0..n).fold(x, |acc, _| f(acc))
}

enum Tree {
    Leaf(u32),
    Node(&'static Tree, &'static Tree),
}

fn depth_sum(t: &Tree, depth: u32) -> u64 {
    match t {
        Tree::Leaf(v) => u64::from(*v) * u64::from(depth),
        Tree::Node(l, r) => depth_sum(l, depth + 1) + depth_sum(r, depth + 1),
    }
}

static TREE: Tree = Tree::Node(
    &Tree::Node(&Tree::Leaf(3), &Tree::Node(&Tree::Leaf(5), &Tree::Leaf(7))),
    &Tree::Leaf(11),
);

/// A fixed buffer for core::fmt.
struct Buffer {
    bytes: [u8; 128],
    len: usize,
}
impl Write for Buffer {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        let end = self.len + s.len();
        self.bytes.get_mut(self.len..end).ok_or(core::fmt::Error)?.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

fn run() -> u64 {
    let (mut h, mut fails) = (1u64, 0u32);

    let factorial = interpret(black_box(&FACTORIAL));
    let squares = interpret(black_box(&SQUARES));
    fails += u32::from(factorial != 3_628_800) + u32::from(squares != 5740);
    h = mix(mix(h, factorial as u64), squares as u64);

    let shapes: [&dyn Shape; 3] = [&Square(7), &Rect(3, 9), &Triangle(10, 5)];
    let total: u64 = black_box(&shapes).iter().map(|s| s.area()).sum();
    fails += u32::from(total != 49 + 27 + 25);
    for s in shapes {
        h = mix(h, s.name().len() as u64 * s.area());
    }

    let mut calls = 0u32;
    let mut step = |x: u64| {
        calls += 1;
        x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407)
    };
    h = mix(h, apply_n(&mut step, black_box(100), 42));
    fails += u32::from(calls != 100);

    // 128-bit arithmetic.
    let a = black_box(0x1234_5678_9abc_def0_0fed_cba9_8765_4321u128);
    let b = black_box(0xfedc_ba98_7654_3210u128);
    let (q, r) = (a / b, a % b);
    fails += u32::from(q * b + r != a || r >= b);
    h = mix(h, q as u64);
    h = mix(h, (q >> 64) as u64 ^ r as u64);
    let p = (a as u64 as u128) * (b as u64 as u128);
    h = mix(h, (p >> 64) as u64);
    let s = black_box(-0x7654_3210_fedc_ba98i128) * black_box(0x1_0000_0001i128);
    h = mix(h, (s >> 32) as u64);
    fails += u32::from(black_box(u64::MAX).checked_add(1).is_some());
    h = mix(h, black_box(250u8).saturating_add(10) as u64);
    h = mix(h, black_box(-100i8).saturating_sub(100) as u64);

    // Bit operations.
    let x = black_box(0x00f0_0000_0100_0000u64);
    h = mix(h, u64::from(x.leading_zeros() + x.trailing_zeros() * 64 + x.count_ones() * 4096));
    h = mix(h, x.rotate_left(17) ^ x.swap_bytes() ^ x.reverse_bits());
    h = mix(h, (x as u32).rotate_right(5) as u64);
    h = mix(h, black_box(-5i64).max(black_box(3)) as u64 ^ black_box(7u64).min(black_box(2)));

    // core::fmt
    let mut buf = Buffer { bytes: [0; 128], len: 0 };
    let _ = write!(buf, "{}:{:x}:{:>6}:{:?}", black_box(-12345i32), black_box(0xbeefu32), "ab", black_box(Some(7u8)));
    let text = &buf.bytes[..buf.len];
    fails += u32::from(text != b"-12345:beef:    ab:Some(7)");
    h = text.iter().fold(h, |h, &c| mix(h, u64::from(c)));

    // Sorting and searching.
    let mut values: [u32; 64] = core::array::from_fn(|i| (i as u32).wrapping_mul(2_654_435_761) >> 20);
    values.sort_unstable();
    fails += u32::from(!values.is_sorted());
    let needle = values[black_box(37)];
    fails += u32::from(values.binary_search(&needle).map(|i| values[i]) != Ok(needle));
    h = values.windows(2).fold(h, |h, w| mix(h, u64::from(w[1] - w[0])));

    // UTF-8.
    let word = black_box("grüße, κόσμε");
    h = mix(h, word.chars().map(u64::from).sum::<u64>() ^ word.chars().count() as u64);
    fails += u32::from(word.len() != 19);

    h = mix(h, depth_sum(black_box(&TREE), 0));
    grey_guest::checked_result(h, fails)
}
