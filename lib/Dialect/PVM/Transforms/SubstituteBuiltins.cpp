//===- SubstituteBuiltins.cpp - pvm-substitute-builtins -------------------===//
//
// Replaces the bodies of `memcpy`, `memmove`, `memset`, `memcmp` and `bcmp`
// with grey's own PVM code. The guests' versions (C or Rust, the reference's
// byte loops or grey's runtime) pay a gas block per byte or per word; on PVM
// unaligned 8-byte accesses are allowed and cost what a byte access costs,
// and the gas model overlaps every memory op of a block, so grey's versions
// move 32 or 64 bytes per block, finish a short copy in one block of
// overlapping words, and compare 8 bytes per block (docs/Optimizer.md,
// "Builtins").
//
// The bodies are written below in the pvm dialect's own syntax, with the
// registers of the calling convention (transpile-abi.md): a0 = r7 holds the
// destination (or first operand) and the result, a1 = r8 the source, fill
// byte or second operand, a2 = r9 the length; only caller-saved registers
// are written.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"
#include "grey/Support/OptBisect.h"

#include "mlir/IR/Remarks.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/StringSwitch.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMSUBSTITUTEBUILTINS
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey::pvm;

namespace {

/// memmove, and memcpy (a memmove is a correct memcpy, and the overlap test
/// costs one block only on copies of 32 bytes or more).
///
/// Copies of fewer than 32 bytes load every word they need before they
/// store any (the first and last 16, 8, 4 or 2 bytes, overlapping in the
/// middle), so they are right for overlapping ranges in either direction.
/// Longer copies move 32 bytes per block: forwards unless the destination
/// starts inside the source, backwards then, and leave the last (forwards)
/// or first (backwards) n mod 32 bytes to the short copy. Every access stays
/// inside [src, src+n) or [dst, dst+n), and every byte of both is accessed:
/// the copy faults exactly when the guest's would.
constexpr llvm::StringLiteral kMemmove = R"mlir(
pvm.program entry @memmove stack 0 heap 0 layout current {
  pvm.func @memmove {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %s0 = pvm.get_register : !pvm.reg<r5>
    %s1 = pvm.get_register : !pvm.reg<r6>
    %dst = pvm.get_register : !pvm.reg<r7>
    %src = pvm.get_register : !pvm.reg<r8>
    %n = pvm.get_register : !pvm.reg<r9>
    %p = pvm.move_reg %dst : (!pvm.reg<r7>) -> !pvm.reg<r10>
    pvm.branch_lt_u_imm %n, 32, ^short(%src, %n, %p : !pvm.reg<r8>, !pvm.reg<r9>, !pvm.reg<r10>), ^long : !pvm.reg<r9>
  ^long:
    // Forwards is right unless dst starts inside [src, src + n).
    %gap = pvm.sub_64 %dst, %src : (!pvm.reg<r7>, !pvm.reg<r8>) -> !pvm.reg<r11>
    pvm.branch_lt_u %gap, %n, ^backward(%n : !pvm.reg<r9>), ^forward(%src, %n, %p : !pvm.reg<r8>, !pvm.reg<r9>, !pvm.reg<r10>) : !pvm.reg<r11>, !pvm.reg<r9>
  ^forward(%fs: !pvm.reg<r8>, %fk: !pvm.reg<r9>, %fp: !pvm.reg<r10>):
    %f0 = pvm.load_ind_u64 %fs, 0 : (!pvm.reg<r8>) -> !pvm.reg<r2>
    %f1 = pvm.load_ind_u64 %fs, 8 : (!pvm.reg<r8>) -> !pvm.reg<r3>
    %f2 = pvm.load_ind_u64 %fs, 16 : (!pvm.reg<r8>) -> !pvm.reg<r4>
    %f3 = pvm.load_ind_u64 %fs, 24 : (!pvm.reg<r8>) -> !pvm.reg<r11>
    pvm.store_ind_u64 %f0, %fp, 0 : !pvm.reg<r2>, !pvm.reg<r10>
    pvm.store_ind_u64 %f1, %fp, 8 : !pvm.reg<r3>, !pvm.reg<r10>
    pvm.store_ind_u64 %f2, %fp, 16 : !pvm.reg<r4>, !pvm.reg<r10>
    pvm.store_ind_u64 %f3, %fp, 24 : !pvm.reg<r11>, !pvm.reg<r10>
    %fs2 = pvm.add_imm_64 %fs, 32 : (!pvm.reg<r8>) -> !pvm.reg<r8>
    %fp2 = pvm.add_imm_64 %fp, 32 : (!pvm.reg<r10>) -> !pvm.reg<r10>
    %fk2 = pvm.add_imm_64 %fk, -32 : (!pvm.reg<r9>) -> !pvm.reg<r9>
    pvm.branch_ge_u_imm %fk2, 32, ^forward(%fs2, %fk2, %fp2 : !pvm.reg<r8>, !pvm.reg<r9>, !pvm.reg<r10>), ^short(%fs2, %fk2, %fp2 : !pvm.reg<r8>, !pvm.reg<r9>, !pvm.reg<r10>) : !pvm.reg<r9>
  ^short(%s: !pvm.reg<r8>, %k: !pvm.reg<r9>, %q: !pvm.reg<r10>):
    pvm.branch_lt_u_imm %k, 16, ^below16, ^copy16 : !pvm.reg<r9>
  ^copy16:
    %e16 = pvm.add_64 %s, %k : (!pvm.reg<r8>, !pvm.reg<r9>) -> !pvm.reg<r2>
    %t16 = pvm.add_64 %q, %k : (!pvm.reg<r10>, !pvm.reg<r9>) -> !pvm.reg<r3>
    %a16 = pvm.load_ind_u64 %s, 0 : (!pvm.reg<r8>) -> !pvm.reg<r4>
    %b16 = pvm.load_ind_u64 %s, 8 : (!pvm.reg<r8>) -> !pvm.reg<r11>
    %c16 = pvm.load_ind_u64 %e16, -16 : (!pvm.reg<r2>) -> !pvm.reg<r12>
    %d16 = pvm.load_ind_u64 %e16, -8 : (!pvm.reg<r2>) -> !pvm.reg<r2>
    pvm.store_ind_u64 %a16, %q, 0 : !pvm.reg<r4>, !pvm.reg<r10>
    pvm.store_ind_u64 %b16, %q, 8 : !pvm.reg<r11>, !pvm.reg<r10>
    pvm.store_ind_u64 %c16, %t16, -16 : !pvm.reg<r12>, !pvm.reg<r3>
    pvm.store_ind_u64 %d16, %t16, -8 : !pvm.reg<r2>, !pvm.reg<r3>
    pvm.jump ^return
  ^below16:
    pvm.branch_lt_u_imm %k, 8, ^below8, ^copy8 : !pvm.reg<r9>
  ^copy8:
    %e8 = pvm.add_64 %s, %k : (!pvm.reg<r8>, !pvm.reg<r9>) -> !pvm.reg<r2>
    %t8 = pvm.add_64 %q, %k : (!pvm.reg<r10>, !pvm.reg<r9>) -> !pvm.reg<r3>
    %a8 = pvm.load_ind_u64 %s, 0 : (!pvm.reg<r8>) -> !pvm.reg<r4>
    %b8 = pvm.load_ind_u64 %e8, -8 : (!pvm.reg<r2>) -> !pvm.reg<r2>
    pvm.store_ind_u64 %a8, %q, 0 : !pvm.reg<r4>, !pvm.reg<r10>
    pvm.store_ind_u64 %b8, %t8, -8 : !pvm.reg<r2>, !pvm.reg<r3>
    pvm.jump ^return
  ^below8:
    pvm.branch_lt_u_imm %k, 4, ^below4, ^copy4 : !pvm.reg<r9>
  ^copy4:
    %e4 = pvm.add_64 %s, %k : (!pvm.reg<r8>, !pvm.reg<r9>) -> !pvm.reg<r2>
    %t4 = pvm.add_64 %q, %k : (!pvm.reg<r10>, !pvm.reg<r9>) -> !pvm.reg<r3>
    %a4 = pvm.load_ind_u32 %s, 0 : (!pvm.reg<r8>) -> !pvm.reg<r4>
    %b4 = pvm.load_ind_u32 %e4, -4 : (!pvm.reg<r2>) -> !pvm.reg<r2>
    pvm.store_ind_u32 %a4, %q, 0 : !pvm.reg<r4>, !pvm.reg<r10>
    pvm.store_ind_u32 %b4, %t4, -4 : !pvm.reg<r2>, !pvm.reg<r3>
    pvm.jump ^return
  ^below4:
    pvm.branch_lt_u_imm %k, 2, ^below2, ^copy2 : !pvm.reg<r9>
  ^copy2:
    %e2 = pvm.add_64 %s, %k : (!pvm.reg<r8>, !pvm.reg<r9>) -> !pvm.reg<r2>
    %t2 = pvm.add_64 %q, %k : (!pvm.reg<r10>, !pvm.reg<r9>) -> !pvm.reg<r3>
    %a2 = pvm.load_ind_u16 %s, 0 : (!pvm.reg<r8>) -> !pvm.reg<r4>
    %b2 = pvm.load_ind_u16 %e2, -2 : (!pvm.reg<r2>) -> !pvm.reg<r2>
    pvm.store_ind_u16 %a2, %q, 0 : !pvm.reg<r4>, !pvm.reg<r10>
    pvm.store_ind_u16 %b2, %t2, -2 : !pvm.reg<r2>, !pvm.reg<r3>
    pvm.jump ^return
  ^below2:
    pvm.branch_eq_imm %k, 0, ^return, ^copy1 : !pvm.reg<r9>
  ^copy1:
    %a1 = pvm.load_ind_u8 %s, 0 : (!pvm.reg<r8>) -> !pvm.reg<r4>
    pvm.store_ind_u8 %a1, %q, 0 : !pvm.reg<r4>, !pvm.reg<r10>
    pvm.fallthrough ^return
  ^return:
    pvm.jump_ind %ra, 0 uses(%sp, %s0, %s1, %dst : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r6>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  ^backward(%bk: !pvm.reg<r9>):
    // dst lies inside (src, src + n): 32 bytes at a time from the end.
    %bk2 = pvm.add_imm_64 %bk, -32 : (!pvm.reg<r9>) -> !pvm.reg<r9>
    %bs = pvm.add_64 %src, %bk2 : (!pvm.reg<r8>, !pvm.reg<r9>) -> !pvm.reg<r10>
    %bp = pvm.add_64 %dst, %bk2 : (!pvm.reg<r7>, !pvm.reg<r9>) -> !pvm.reg<r3>
    %b3 = pvm.load_ind_u64 %bs, 24 : (!pvm.reg<r10>) -> !pvm.reg<r2>
    %b2w = pvm.load_ind_u64 %bs, 16 : (!pvm.reg<r10>) -> !pvm.reg<r4>
    %b1 = pvm.load_ind_u64 %bs, 8 : (!pvm.reg<r10>) -> !pvm.reg<r11>
    %b0 = pvm.load_ind_u64 %bs, 0 : (!pvm.reg<r10>) -> !pvm.reg<r12>
    pvm.store_ind_u64 %b3, %bp, 24 : !pvm.reg<r2>, !pvm.reg<r3>
    pvm.store_ind_u64 %b2w, %bp, 16 : !pvm.reg<r4>, !pvm.reg<r3>
    pvm.store_ind_u64 %b1, %bp, 8 : !pvm.reg<r11>, !pvm.reg<r3>
    pvm.store_ind_u64 %b0, %bp, 0 : !pvm.reg<r12>, !pvm.reg<r3>
    pvm.branch_ge_u_imm %bk2, 32, ^backward(%bk2 : !pvm.reg<r9>), ^backwardDone(%bk2 : !pvm.reg<r9>) : !pvm.reg<r9>
  ^backwardDone(%rest: !pvm.reg<r9>):
    // The first n mod 32 bytes, at the start of both ranges.
    %q0 = pvm.move_reg %dst : (!pvm.reg<r7>) -> !pvm.reg<r10>
    pvm.jump ^short(%src, %rest, %q0 : !pvm.reg<r8>, !pvm.reg<r9>, !pvm.reg<r10>)
  }
}
)mlir";

/// memset: the fill byte spread over a word, 64 bytes stored per block;
/// fewer than 64 bytes in one block of overlapping stores (the first and
/// last 32, 16, 8, 4 or 2 bytes). Stores only inside [dst, dst+n), each
/// byte at least once.
constexpr llvm::StringLiteral kMemset = R"mlir(
pvm.program entry @memset stack 0 heap 0 layout current {
  pvm.func @memset {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %s0 = pvm.get_register : !pvm.reg<r5>
    %s1 = pvm.get_register : !pvm.reg<r6>
    %dst = pvm.get_register : !pvm.reg<r7>
    %c = pvm.get_register : !pvm.reg<r8>
    %n = pvm.get_register : !pvm.reg<r9>
    %byte = pvm.and_imm %c, 255 : (!pvm.reg<r8>) -> !pvm.reg<r8>
    %ones = pvm.load_imm_64 72340172838076673 : !pvm.reg<r11>
    %w = pvm.mul_64 %byte, %ones : (!pvm.reg<r8>, !pvm.reg<r11>) -> !pvm.reg<r2>
    %p = pvm.move_reg %dst : (!pvm.reg<r7>) -> !pvm.reg<r10>
    pvm.branch_lt_u_imm %n, 64, ^short(%n, %p : !pvm.reg<r9>, !pvm.reg<r10>), ^loop(%n, %p : !pvm.reg<r9>, !pvm.reg<r10>) : !pvm.reg<r9>
  ^loop(%lk: !pvm.reg<r9>, %lp: !pvm.reg<r10>):
    pvm.store_ind_u64 %w, %lp, 0 : !pvm.reg<r2>, !pvm.reg<r10>
    pvm.store_ind_u64 %w, %lp, 8 : !pvm.reg<r2>, !pvm.reg<r10>
    pvm.store_ind_u64 %w, %lp, 16 : !pvm.reg<r2>, !pvm.reg<r10>
    pvm.store_ind_u64 %w, %lp, 24 : !pvm.reg<r2>, !pvm.reg<r10>
    pvm.store_ind_u64 %w, %lp, 32 : !pvm.reg<r2>, !pvm.reg<r10>
    pvm.store_ind_u64 %w, %lp, 40 : !pvm.reg<r2>, !pvm.reg<r10>
    pvm.store_ind_u64 %w, %lp, 48 : !pvm.reg<r2>, !pvm.reg<r10>
    pvm.store_ind_u64 %w, %lp, 56 : !pvm.reg<r2>, !pvm.reg<r10>
    %lp2 = pvm.add_imm_64 %lp, 64 : (!pvm.reg<r10>) -> !pvm.reg<r10>
    %lk2 = pvm.add_imm_64 %lk, -64 : (!pvm.reg<r9>) -> !pvm.reg<r9>
    pvm.branch_ge_u_imm %lk2, 64, ^loop(%lk2, %lp2 : !pvm.reg<r9>, !pvm.reg<r10>), ^short(%lk2, %lp2 : !pvm.reg<r9>, !pvm.reg<r10>) : !pvm.reg<r9>
  ^short(%k: !pvm.reg<r9>, %q: !pvm.reg<r10>):
    %e = pvm.add_64 %q, %k : (!pvm.reg<r10>, !pvm.reg<r9>) -> !pvm.reg<r3>
    pvm.branch_lt_u_imm %k, 32, ^below32, ^fill32 : !pvm.reg<r9>
  ^fill32:
    pvm.store_ind_u64 %w, %q, 0 : !pvm.reg<r2>, !pvm.reg<r10>
    pvm.store_ind_u64 %w, %q, 8 : !pvm.reg<r2>, !pvm.reg<r10>
    pvm.store_ind_u64 %w, %q, 16 : !pvm.reg<r2>, !pvm.reg<r10>
    pvm.store_ind_u64 %w, %q, 24 : !pvm.reg<r2>, !pvm.reg<r10>
    pvm.store_ind_u64 %w, %e, -32 : !pvm.reg<r2>, !pvm.reg<r3>
    pvm.store_ind_u64 %w, %e, -24 : !pvm.reg<r2>, !pvm.reg<r3>
    pvm.store_ind_u64 %w, %e, -16 : !pvm.reg<r2>, !pvm.reg<r3>
    pvm.store_ind_u64 %w, %e, -8 : !pvm.reg<r2>, !pvm.reg<r3>
    pvm.jump ^return
  ^below32:
    pvm.branch_lt_u_imm %k, 16, ^below16, ^fill16 : !pvm.reg<r9>
  ^fill16:
    pvm.store_ind_u64 %w, %q, 0 : !pvm.reg<r2>, !pvm.reg<r10>
    pvm.store_ind_u64 %w, %q, 8 : !pvm.reg<r2>, !pvm.reg<r10>
    pvm.store_ind_u64 %w, %e, -16 : !pvm.reg<r2>, !pvm.reg<r3>
    pvm.store_ind_u64 %w, %e, -8 : !pvm.reg<r2>, !pvm.reg<r3>
    pvm.jump ^return
  ^below16:
    pvm.branch_lt_u_imm %k, 8, ^below8, ^fill8 : !pvm.reg<r9>
  ^fill8:
    pvm.store_ind_u64 %w, %q, 0 : !pvm.reg<r2>, !pvm.reg<r10>
    pvm.store_ind_u64 %w, %e, -8 : !pvm.reg<r2>, !pvm.reg<r3>
    pvm.jump ^return
  ^below8:
    pvm.branch_lt_u_imm %k, 4, ^below4, ^fill4 : !pvm.reg<r9>
  ^fill4:
    pvm.store_ind_u32 %w, %q, 0 : !pvm.reg<r2>, !pvm.reg<r10>
    pvm.store_ind_u32 %w, %e, -4 : !pvm.reg<r2>, !pvm.reg<r3>
    pvm.jump ^return
  ^below4:
    pvm.branch_lt_u_imm %k, 2, ^below2, ^fill2 : !pvm.reg<r9>
  ^fill2:
    pvm.store_ind_u16 %w, %q, 0 : !pvm.reg<r2>, !pvm.reg<r10>
    pvm.store_ind_u16 %w, %e, -2 : !pvm.reg<r2>, !pvm.reg<r3>
    pvm.jump ^return
  ^below2:
    pvm.branch_eq_imm %k, 0, ^return, ^fill1 : !pvm.reg<r9>
  ^fill1:
    pvm.store_ind_u8 %w, %q, 0 : !pvm.reg<r2>, !pvm.reg<r10>
    pvm.fallthrough ^return
  ^return:
    pvm.jump_ind %ra, 0 uses(%sp, %s0, %s1, %dst : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r6>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}
)mlir";

/// memcmp, and bcmp (memcmp's result is a right bcmp result).
///
/// The guest's byte loop stops at the first difference, so it reads byte i
/// of a and b only when all earlier bytes were equal. A word is compared
/// only when neither its a half nor its b half crosses a 4096-byte page:
/// its first byte is one the byte loop reads, so its pages are pages the
/// guest touches (PVM maps and faults whole pages). Whole words go one per
/// block; the last 1..8 bytes are one word whose bytes past the end are
/// shifted out, in one block that also finds the result; a word that would
/// cross a page goes byte by byte until it does not. The first differing
/// byte of two words is the lowest set byte of their xor (little-endian).
constexpr llvm::StringLiteral kMemcmp = R"mlir(
pvm.program entry @memcmp stack 0 heap 0 layout current {
  pvm.func @memcmp {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %s0 = pvm.get_register : !pvm.reg<r5>
    %s1 = pvm.get_register : !pvm.reg<r6>
    %a = pvm.get_register : !pvm.reg<r7>
    %b = pvm.get_register : !pvm.reg<r8>
    %n = pvm.get_register : !pvm.reg<r9>
    pvm.fallthrough ^resume(%a, %b, %n : !pvm.reg<r7>, !pvm.reg<r8>, !pvm.reg<r9>)
  ^resume(%p: !pvm.reg<r7>, %q: !pvm.reg<r8>, %k: !pvm.reg<r9>):
    // %fit words start at p and q without crossing a page. The last 1..8
    // bytes are one word (%last: 1 <= k <= 8 and a word fits); %m whole
    // words come before them, %rest bytes are left after those.
    %pa = pvm.and_imm %p, 4095 : (!pvm.reg<r7>) -> !pvm.reg<r2>
    %qa = pvm.and_imm %q, 4095 : (!pvm.reg<r8>) -> !pvm.reg<r3>
    %far = pvm.max_u %pa, %qa : (!pvm.reg<r2>, !pvm.reg<r3>) -> !pvm.reg<r2>
    %room = pvm.neg_add_imm_64 %far, 4096 : (!pvm.reg<r2>) -> !pvm.reg<r2>
    %fit = pvm.shlo_r_imm_64 %room, 3 : (!pvm.reg<r2>) -> !pvm.reg<r2>
    %km1 = pvm.add_imm_64 %k, -1 : (!pvm.reg<r9>) -> !pvm.reg<r3>
    %small = pvm.set_lt_u_imm %km1, 8 : (!pvm.reg<r3>) -> !pvm.reg<r11>
    %last = pvm.min_u %small, %fit : (!pvm.reg<r11>, !pvm.reg<r2>) -> !pvm.reg<r11>
    %before = pvm.min_u %km1, %k : (!pvm.reg<r3>, !pvm.reg<r9>) -> !pvm.reg<r3>
    %whole = pvm.shlo_r_imm_64 %before, 3 : (!pvm.reg<r3>) -> !pvm.reg<r3>
    %m = pvm.min_u %fit, %whole : (!pvm.reg<r2>, !pvm.reg<r3>) -> !pvm.reg<r10>
    %mbytes = pvm.shlo_l_imm_64 %m, 3 : (!pvm.reg<r10>) -> !pvm.reg<r3>
    %rest = pvm.sub_64 %k, %mbytes : (!pvm.reg<r9>, !pvm.reg<r3>) -> !pvm.reg<r9>
    pvm.branch_ne_imm %last, 0, ^lastWord, ^notLast : !pvm.reg<r11>
  ^notLast:
    pvm.branch_ne_imm %m, 0, ^words(%p, %q, %m : !pvm.reg<r7>, !pvm.reg<r8>, !pvm.reg<r10>), ^noWord : !pvm.reg<r10>
  ^noWord:
    // k = 0, or a word at p or q would cross into the next page.
    pvm.branch_eq_imm %rest, 0, ^equal, ^byte : !pvm.reg<r9>
  ^byte:
    // One byte, until the words at p and q fit in their pages.
    %ba = pvm.load_ind_u8 %p, 0 : (!pvm.reg<r7>) -> !pvm.reg<r2>
    %bb = pvm.load_ind_u8 %q, 0 : (!pvm.reg<r8>) -> !pvm.reg<r3>
    %bd = pvm.sub_64 %ba, %bb : (!pvm.reg<r2>, !pvm.reg<r3>) -> !pvm.reg<r2>
    %bp = pvm.add_imm_64 %p, 1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %bq = pvm.add_imm_64 %q, 1 : (!pvm.reg<r8>) -> !pvm.reg<r8>
    %bk = pvm.add_imm_64 %rest, -1 : (!pvm.reg<r9>) -> !pvm.reg<r9>
    pvm.branch_eq_imm %bd, 0, ^resume(%bp, %bq, %bk : !pvm.reg<r7>, !pvm.reg<r8>, !pvm.reg<r9>), ^byteDiffers : !pvm.reg<r2>
  ^byteDiffers:
    %border = pvm.move_reg %bd : (!pvm.reg<r2>) -> !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp, %s0, %s1, %border : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r6>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  ^equal:
    %zero = pvm.load_imm 0 : !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp, %s0, %s1, %zero : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r6>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  ^words(%wp: !pvm.reg<r7>, %wq: !pvm.reg<r8>, %left: !pvm.reg<r10>):
    // One word per block; leave on a difference or after the last word.
    %wa = pvm.load_ind_u64 %wp, 0 : (!pvm.reg<r7>) -> !pvm.reg<r2>
    %wb = pvm.load_ind_u64 %wq, 0 : (!pvm.reg<r8>) -> !pvm.reg<r3>
    %wx = pvm.xor %wa, %wb : (!pvm.reg<r2>, !pvm.reg<r3>) -> !pvm.reg<r4>
    %wp2 = pvm.add_imm_64 %wp, 8 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %wq2 = pvm.add_imm_64 %wq, 8 : (!pvm.reg<r8>) -> !pvm.reg<r8>
    %left2 = pvm.add_imm_64 %left, -1 : (!pvm.reg<r10>) -> !pvm.reg<r10>
    %done = pvm.set_lt_u_imm %left2, 1 : (!pvm.reg<r10>) -> !pvm.reg<r11>
    %stop = pvm.or %wx, %done : (!pvm.reg<r4>, !pvm.reg<r11>) -> !pvm.reg<r11>
    pvm.branch_eq_imm %stop, 0, ^words(%wp2, %wq2, %left2 : !pvm.reg<r7>, !pvm.reg<r8>, !pvm.reg<r10>), ^wordsDone : !pvm.reg<r11>
  ^wordsDone:
    pvm.branch_eq_imm %wx, 0, ^resume(%wp2, %wq2, %rest : !pvm.reg<r7>, !pvm.reg<r8>, !pvm.reg<r9>), ^differ : !pvm.reg<r4>
  ^differ:
    // The lowest differing byte of the two words, as unsigned bytes.
    %bit = pvm.trailing_zero_bits_64 %wx : (!pvm.reg<r4>) -> !pvm.reg<r4>
    %at = pvm.and_imm %bit, 56 : (!pvm.reg<r4>) -> !pvm.reg<r4>
    %sa = pvm.shlo_r_64 %wa, %at : (!pvm.reg<r2>, !pvm.reg<r4>) -> !pvm.reg<r2>
    %sb = pvm.shlo_r_64 %wb, %at : (!pvm.reg<r3>, !pvm.reg<r4>) -> !pvm.reg<r3>
    %ya = pvm.and_imm %sa, 255 : (!pvm.reg<r2>) -> !pvm.reg<r2>
    %yb = pvm.and_imm %sb, 255 : (!pvm.reg<r3>) -> !pvm.reg<r3>
    %order = pvm.sub_64 %ya, %yb : (!pvm.reg<r2>, !pvm.reg<r3>) -> !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp, %s0, %s1, %order : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r6>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  ^lastWord:
    // 1..8 bytes left, both words inside their pages: the xor without the
    // bytes past the end. Its lowest set byte is the first difference; with
    // none, trailing_zero_bits_64 gives 64, which picks byte 0: equal.
    %ta = pvm.load_ind_u64 %p, 0 : (!pvm.reg<r7>) -> !pvm.reg<r2>
    %tb = pvm.load_ind_u64 %q, 0 : (!pvm.reg<r8>) -> !pvm.reg<r3>
    %tx = pvm.xor %ta, %tb : (!pvm.reg<r2>, !pvm.reg<r3>) -> !pvm.reg<r4>
    %bits = pvm.shlo_l_imm_64 %rest, 3 : (!pvm.reg<r9>) -> !pvm.reg<r10>
    %beyond = pvm.neg_add_imm_64 %bits, 64 : (!pvm.reg<r10>) -> !pvm.reg<r10>
    %up = pvm.shlo_l_64 %tx, %beyond : (!pvm.reg<r4>, !pvm.reg<r10>) -> !pvm.reg<r4>
    %inside = pvm.shlo_r_64 %up, %beyond : (!pvm.reg<r4>, !pvm.reg<r10>) -> !pvm.reg<r4>
    %tbit = pvm.trailing_zero_bits_64 %inside : (!pvm.reg<r4>) -> !pvm.reg<r4>
    %tat = pvm.and_imm %tbit, 56 : (!pvm.reg<r4>) -> !pvm.reg<r4>
    %tsa = pvm.shlo_r_64 %ta, %tat : (!pvm.reg<r2>, !pvm.reg<r4>) -> !pvm.reg<r2>
    %tsb = pvm.shlo_r_64 %tb, %tat : (!pvm.reg<r3>, !pvm.reg<r4>) -> !pvm.reg<r3>
    %tya = pvm.and_imm %tsa, 255 : (!pvm.reg<r2>) -> !pvm.reg<r2>
    %tyb = pvm.and_imm %tsb, 255 : (!pvm.reg<r3>) -> !pvm.reg<r3>
    %torder = pvm.sub_64 %tya, %tyb : (!pvm.reg<r2>, !pvm.reg<r3>) -> !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp, %s0, %s1, %torder : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r6>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}
)mlir";

/// grey's body for the function named `symbol`, if it has one: the C
/// library's names, whose meaning the C and Rust compilers already assume.
std::optional<StringRef> builtinSource(StringRef symbol) {
  return llvm::StringSwitch<std::optional<StringRef>>(symbol)
      .Cases({"memcpy", "memmove"}, kMemmove)
      .Case("memset", kMemset)
      .Cases({"memcmp", "bcmp"}, kMemcmp)
      .Default(std::nullopt);
}

struct SubstituteBuiltinsPass
    : public grey::pvm::impl::PVMSubstituteBuiltinsBase<SubstituteBuiltinsPass> {
  using Base::Base;

  void runOnOperation() override {
    FuncOp func = getOperation();
    std::optional<StringRef> source = builtinSource(func.getSymName());
    if (!source)
      return;
    std::string why;
    if (!canReplaceBody(func, why)) {
      remark::missed(func.getLoc(), remarkNamed("BuiltinKept"))
          << remark::reason("keeping the guest's @{0}: {1}", func.getSymName(),
                            why);
      return;
    }
    if (!grey::shouldApplyRewrite(func, getArgument(),
                                  "replace the body of @" +
                                      func.getSymName().str()))
      return;
    if (failed(replaceBody(func, *source)))
      return signalPassFailure();
    remark::passed(func.getLoc(), remarkNamed("BuiltinReplaced"))
        << remark::add("@{0} replaced by grey's own", func.getSymName());
  }

  remark::RemarkOpts remarkNamed(StringRef name) const {
    return remark::RemarkOpts::name(name).category(getArgument());
  }

  /// Code outside the function may only enter it at its entry: a
  /// jump-table entry anywhere else (a return site or a code pointer into
  /// the body) would name a block the new body does not have.
  static bool canReplaceBody(FuncOp func, std::string &why) {
    Block *entry = &func.getBody().front();
    for (Block &block : func.getBody())
      for (auto entryOp : block.getOps<JumpTableEntryOp>())
        if (&block != entry) {
          why = llvm::formatv("jump-table entry {0} points inside it",
                              entryOp.getIndex())
                    .str();
          return false;
        }
    return true;
  }

  /// Swaps the body for the one parsed from `source`; the entry's
  /// jump-table entries (the function's address taken) stay at the entry.
  LogicalResult replaceBody(FuncOp func, StringRef source) {
    ParserConfig config(&getContext());
    Block library;
    if (failed(parseSourceString(source, &library, config)))
      return func.emitError("grey's own @")
             << func.getSymName() << " does not parse";
    FuncOp builtin;
    library.walk([&](FuncOp candidate) { builtin = candidate; });

    SmallVector<Operation *> entries;
    for (Operation &op : func.getBody().front())
      if (isa<JumpTableEntryOp>(op))
        entries.push_back(&op);
    Region &body = func.getBody();
    Block *newEntry = &builtin.getBody().front();
    for (Operation *entry : llvm::reverse(entries))
      entry->moveBefore(newEntry, newEntry->begin());
    body.dropAllReferences();
    body.getBlocks().clear();
    body.takeBody(builtin.getBody());
    // The body stands for the guest function: diagnostics and profiles
    // point at it.
    func.walk([&](Operation *op) {
      if (op != func)
        op->setLoc(func.getLoc());
    });
    return success();
  }
};

} // namespace
