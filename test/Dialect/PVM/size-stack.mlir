// RUN: grey-opt --split-input-file --verify-diagnostics --pvm-size-stack --remarks-filter=pvm-size-stack %s | FileCheck %s
// RUN: grey-opt --split-input-file --pvm-size-stack=margin=4096 %s | FileCheck %s --check-prefix=MARGIN

// The depth of a run is the deepest path through the call graph: @main's
// 32-byte frame, then @mid's 48 at the call, then @leaf's store 8 bytes
// below its stack pointer (no red zone is needed for that to count). With
// the 256-byte margin one page is enough; the first stack pointer moves to
// its top.

// CHECK-LABEL: pvm.program entry @start stack 4096
// CHECK:       pvm.func @start
// CHECK-NEXT:    pvm.load_imm 4096 : !pvm.reg<r1>
// MARGIN-LABEL: pvm.program entry @start stack 8192
// MARGIN:         pvm.load_imm 8192 : !pvm.reg<r1>
// expected-remark @below {{stack sized to 4096 bytes (1 page) from 65536: the deepest call path uses 88 bytes, plus 256 bytes of margin}}
pvm.program entry @start stack 65536 heap 0 layout current {
  pvm.func @start {
    %sp = pvm.load_imm 65536 : !pvm.reg<r1>
    pvm.tail_call @main uses(%sp : !pvm.reg<r1>)
  }
  // expected-remark @below {{@main: own frame 32 bytes, 88 bytes with its callees}}
  pvm.func @main {
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %sp = pvm.add_imm_64 %sp0, -32 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    %link, %a = pvm.call @mid(%sp), ^bb1 : (!pvm.reg<r1>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb1:
    pvm.jump_table_entry 0
    %r = pvm.ecalli 0(%a) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  }
  // expected-remark @below {{@mid: own frame 48 bytes, 56 bytes with its callees}}
  pvm.func @mid {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %sp = pvm.add_imm_64 %sp0, -48 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %ra, %sp, 40 : !pvm.reg<r0>, !pvm.reg<r1>
    %link, %a = pvm.call @leaf(%sp), ^bb1 : (!pvm.reg<r1>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb1:
    pvm.jump_table_entry 1
    %ra2 = pvm.load_ind_u64 %sp, 40 : (!pvm.reg<r1>) -> !pvm.reg<r0>
    %sp1 = pvm.add_imm_64 %sp, 48 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra2, 0 uses(%sp1, %a : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
  // expected-remark @below {{@leaf: own frame 8 bytes, 8 bytes with its callees}}
  pvm.func @leaf {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %a = pvm.load_imm 7 : !pvm.reg<r7>
    pvm.store_ind_u64 %a, %sp, -8 : !pvm.reg<r7>, !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%sp, %a : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// A frame too large for an immediate is reserved by subtracting a constant
// register; a function that is never called does not count.

// CHECK-LABEL: pvm.program entry @start stack 12288
// expected-remark @below {{stack sized to 12288 bytes (3 pages) from 65536: the deepest call path uses 10000 bytes}}
pvm.program entry @start stack 65536 heap 0 layout current {
  pvm.func @start {
    %sp = pvm.load_imm 65536 : !pvm.reg<r1>
    pvm.tail_call @main uses(%sp : !pvm.reg<r1>)
  }
  // expected-remark @below {{@main: own frame 10000 bytes, 10000 bytes}}
  pvm.func @main {
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %size = pvm.load_imm 10000 : !pvm.reg<r2>
    %sp = pvm.sub_64 %sp0, %size : (!pvm.reg<r1>, !pvm.reg<r2>) -> !pvm.reg<r1>
    pvm.store_imm_ind_u64 %sp, 0, 1 : !pvm.reg<r1>
    %r = pvm.ecalli 0(%sp) : (!pvm.reg<r1>) -> !pvm.reg<r7>
    pvm.trap
  }
  // expected-remark @below {{@unused: own frame 100000 bytes}}
  pvm.func @unused {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %sp = pvm.add_imm_64 %sp0, -100000 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    %sp1 = pvm.add_imm_64 %sp, 100000 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%sp1 : !pvm.reg<r1>) [] : !pvm.reg<r0>
  }
}

// -----

// Indirect calls may reach every function whose address is taken (whose
// entry is a jump-table entry): @big counts, @bigger (not address-taken)
// does not. A jump through another register than ra is a computed tail
// call, also to any address-taken function.

// CHECK-LABEL: pvm.program entry @start stack 8192
// expected-remark @below {{the deepest call path uses 5016 bytes}}
pvm.program entry @start stack 65536 heap 0 layout current {
  pvm.func @start {
    %sp = pvm.load_imm 65536 : !pvm.reg<r1>
    pvm.tail_call @main uses(%sp : !pvm.reg<r1>)
  }
  // expected-remark @below {{@main: own frame 16 bytes, 5016 bytes}}
  pvm.func @main {
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %sp = pvm.add_imm_64 %sp0, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    %f = pvm.load_imm 4 : !pvm.reg<r8>
    %link, %a = pvm.call_indirect %f, 0 (%sp), ^bb1 : !pvm.reg<r8>, (!pvm.reg<r1>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb1:
    pvm.jump_table_entry 0
    %r = pvm.ecalli 0(%a) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.trap
  }
  // expected-remark @below {{@dispatch: own frame 0 bytes, 5000 bytes}}
  pvm.func @dispatch {
    pvm.jump_table_entry 1
    %sp = pvm.get_register : !pvm.reg<r1>
    %f = pvm.load_imm 6 : !pvm.reg<r2>
    pvm.jump_ind %f, 0 uses(%sp : !pvm.reg<r1>) [] : !pvm.reg<r2>
  }
  // expected-remark @below {{@big: own frame 5000 bytes, 5000 bytes}}
  pvm.func @big {
    pvm.jump_table_entry 2
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %sp = pvm.add_imm_64 %sp0, -5000 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    %sp1 = pvm.add_imm_64 %sp, 5000 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%sp1 : !pvm.reg<r1>) [] : !pvm.reg<r0>
  }
  // expected-remark @below {{@bigger: own frame 50000 bytes, 50000 bytes}}
  pvm.func @bigger {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %sp = pvm.add_imm_64 %sp0, -50000 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    %sp1 = pvm.add_imm_64 %sp, 50000 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%sp1 : !pvm.reg<r1>) [] : !pvm.reg<r0>
  }
}

// -----

// A switch: the targets of a `jump_ind` receive the registers it names, the
// stack pointer among them.

// CHECK-LABEL: pvm.program entry @start stack 4096
// expected-remark @below {{the deepest call path uses 48 bytes}}
pvm.program entry @start stack 65536 heap 0 layout current {
  // expected-remark @below {{@main: own frame 48 bytes, 48 bytes}}
  pvm.func @main {
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %k = pvm.get_register : !pvm.reg<r7>
    %sp = pvm.add_imm_64 %sp0, -48 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    %case = pvm.load_ind_u64 %k, 4096 : (!pvm.reg<r7>) -> !pvm.reg<r8>
    pvm.jump_ind %case, 0 uses(%sp : !pvm.reg<r1>) [^bb1, ^bb2] : !pvm.reg<r8>
  ^bb1(%sp1 : !pvm.reg<r1>):
    pvm.jump_table_entry 0
    pvm.store_imm_ind_u64 %sp1, 0, 1 : !pvm.reg<r1>
    pvm.trap
  ^bb2(%sp2 : !pvm.reg<r1>):
    pvm.jump_table_entry 1
    pvm.store_imm_ind_u64 %sp2, 40, 2 : !pvm.reg<r1>
    pvm.trap
  }
  pvm.func @start {
    %sp = pvm.load_imm 65536 : !pvm.reg<r1>
    pvm.tail_call @main uses(%sp : !pvm.reg<r1>)
  }
}

// -----

// A frame aligned down for over-aligned locals (`andi sp, sp, -64`, with
// the frame pointer restoring sp) may sit up to 63 bytes lower: sp is in
// [-143, -80] after the alignment, the store reaches -151 and @leaf's frame
// 48 bytes below -143.

// CHECK-LABEL: pvm.program entry @start stack 4096
// expected-remark @below {{the deepest call path uses 191 bytes}}
pvm.program entry @start stack 65536 heap 0 layout current {
  pvm.func @start {
    %sp = pvm.load_imm 65536 : !pvm.reg<r1>
    pvm.tail_call @main uses(%sp : !pvm.reg<r1>)
  }
  // expected-remark @below {{@main: own frame 151 bytes, 191 bytes}}
  pvm.func @main {
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %sp1 = pvm.add_imm_64 %sp0, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    %fp = pvm.add_imm_64 %sp1, 16 : (!pvm.reg<r1>) -> !pvm.reg<r5>
    %sp2 = pvm.add_imm_64 %sp1, -64 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    %sp3 = pvm.and_imm %sp2, -64 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_imm_ind_u64 %sp3, -8, 1 : !pvm.reg<r1>
    %link, %a = pvm.call @leaf(%sp3), ^bb1 : (!pvm.reg<r1>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb1:
    pvm.jump_table_entry 0
    %sp4 = pvm.add_imm_64 %fp, -16 : (!pvm.reg<r5>) -> !pvm.reg<r1>
    %r = pvm.ecalli 0(%sp4) : (!pvm.reg<r1>) -> !pvm.reg<r7>
    pvm.trap
  }
  // expected-remark @below {{@leaf: own frame 48 bytes, 48 bytes}}
  pvm.func @leaf {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %sp = pvm.add_imm_64 %sp0, -48 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    %sp1 = pvm.add_imm_64 %sp, 48 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%sp1 : !pvm.reg<r1>) [] : !pvm.reg<r0>
  }
}

// -----

// Code after a call to a function that never returns is never reached,
// even where it falls into the next function with its frame still set up
// (a panic call at the end of a function, as rustc emits them).

// CHECK-LABEL: pvm.program entry @start stack 4096
// expected-remark @below {{the deepest call path uses 32 bytes}}
pvm.program entry @start stack 65536 heap 0 layout current {
  pvm.func @start {
    %sp = pvm.load_imm 65536 : !pvm.reg<r1>
    pvm.tail_call @main uses(%sp : !pvm.reg<r1>)
  }
  // expected-remark @below {{@main: own frame 32 bytes, 32 bytes}}
  pvm.func @main {
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %sp = pvm.add_imm_64 %sp0, -32 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    %link, %a = pvm.call @panic(%sp), ^bb1 : (!pvm.reg<r1>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb1:
    pvm.jump_table_entry 0
    pvm.tail_call @next uses(%sp : !pvm.reg<r1>)
  }
  // expected-remark @below {{@panic: own frame 0 bytes, 0 bytes}}
  pvm.func @panic {
    pvm.trap
  }
  // expected-remark @below {{@next: own frame 0 bytes, 0 bytes}}
  pvm.func @next {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%sp : !pvm.reg<r1>) [] : !pvm.reg<r0>
  }
}

// -----

// When the callee may return, the same fall-through leaves with sp moved.

// CHECK-LABEL: pvm.program entry @start stack 65536
pvm.program entry @start stack 65536 heap 0 layout current {
  pvm.func @start {
    %sp = pvm.load_imm 65536 : !pvm.reg<r1>
    pvm.tail_call @main uses(%sp : !pvm.reg<r1>)
  }
  pvm.func @main {
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %sp = pvm.add_imm_64 %sp0, -32 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    %link, %a = pvm.call @maybe(%sp), ^bb1 : (!pvm.reg<r1>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb1:
    pvm.jump_table_entry 0
    // expected-remark @below {{keeping the 65536-byte stack: @main: leaves the function with the stack pointer 32 bytes below its entry value}}
    pvm.tail_call @next uses(%sp : !pvm.reg<r1>)
  }
  // expected-remark @below {{@maybe: own frame 0 bytes, 0 bytes}}
  pvm.func @maybe {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %c = pvm.get_register : !pvm.reg<r7>
    pvm.branch_eq_imm %c, 0, ^bb1, ^bb2 : !pvm.reg<r7>
  ^bb1:
    pvm.trap
  ^bb2:
    pvm.jump_ind %ra, 0 uses(%sp : !pvm.reg<r1>) [] : !pvm.reg<r0>
  }
  // expected-remark @below {{@next: own frame 0 bytes, 0 bytes}}
  pvm.func @next {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%sp : !pvm.reg<r1>) [] : !pvm.reg<r0>
  }
}

// -----

// A buffer found by a hard-wired address in the stack region would fault
// once those pages are gone; addresses of data above the stack do not
// matter.

// CHECK-LABEL: pvm.program entry @start stack 65536
pvm.program entry @start stack 65536 heap 0 layout current {
  pvm.func @start {
    %sp = pvm.load_imm 65536 : !pvm.reg<r1>
    pvm.tail_call @main uses(%sp : !pvm.reg<r1>)
  }
  // expected-remark @below {{@main: own frame 0 bytes, 0 bytes}}
  pvm.func @main {
    pvm.store_imm_u64 70000, 1
    %buffer = pvm.load_imm 16384 : !pvm.reg<r7>
    // expected-remark @below {{keeping the 65536-byte stack: @main reads or writes address 0x4008 by a hard-wired address, inside the stack}}
    %v = pvm.load_ind_u8 %buffer, 8 : (!pvm.reg<r7>) -> !pvm.reg<r8>
    pvm.trap
  }
}

// -----

// Recursion that grows the stack has no bound: the stack stays.

// CHECK-LABEL: pvm.program entry @start stack 65536
// CHECK:         pvm.load_imm 65536 : !pvm.reg<r1>
pvm.program entry @start stack 65536 heap 0 layout current {
  pvm.func @start {
    %sp = pvm.load_imm 65536 : !pvm.reg<r1>
    pvm.tail_call @main uses(%sp : !pvm.reg<r1>)
  }
  pvm.func @main {
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %sp = pvm.add_imm_64 %sp0, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    // expected-remark @below {{keeping the 65536-byte stack: recursion: a call in the cycle through @main is made 16 bytes below its function's entry stack pointer, so the stack grows with every round}}
    %link, %a = pvm.call @main(%sp), ^bb1 : (!pvm.reg<r1>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb1:
    pvm.jump_table_entry 0
    pvm.trap
  }
}

// -----

// Mutual recursion through tail calls that keep the stack pointer where it
// was (a loop in disguise) is bounded.

// CHECK-LABEL: pvm.program entry @start stack 4096
// expected-remark @below {{the deepest call path uses 0 bytes}}
pvm.program entry @start stack 65536 heap 0 layout current {
  pvm.func @start {
    %sp = pvm.load_imm 65536 : !pvm.reg<r1>
    pvm.tail_call @even uses(%sp : !pvm.reg<r1>)
  }
  // expected-remark @below {{@even: own frame 0 bytes, 0 bytes}}
  pvm.func @even {
    %sp = pvm.get_register : !pvm.reg<r1>
    pvm.tail_call @odd uses(%sp : !pvm.reg<r1>)
  }
  // expected-remark @below {{@odd: own frame 0 bytes, 0 bytes}}
  pvm.func @odd {
    %sp = pvm.get_register : !pvm.reg<r1>
    pvm.tail_call @even uses(%sp : !pvm.reg<r1>)
  }
}

// -----

// A stack pointer moved by a register (alloca, a variable-length array) has
// no static bound.

// CHECK-LABEL: pvm.program entry @start stack 65536
pvm.program entry @start stack 65536 heap 0 layout current {
  pvm.func @start {
    %sp = pvm.load_imm 65536 : !pvm.reg<r1>
    pvm.tail_call @main uses(%sp : !pvm.reg<r1>)
  }
  pvm.func @main {
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %n = pvm.get_register : !pvm.reg<r7>
    // expected-remark @below {{keeping the 65536-byte stack: @main: 'pvm.sub_64' sets the stack pointer to a value that is not its entry value plus a constant}}
    %sp = pvm.sub_64 %sp0, %n : (!pvm.reg<r1>, !pvm.reg<r7>) -> !pvm.reg<r1>
    pvm.store_imm_ind_u64 %sp, 0, 1 : !pvm.reg<r1>
    pvm.trap
  }
}

// -----

// The same allocation after dead-code elimination dropped the stack-pointer
// write nothing read: the array lies below sp, at `sp - n`.

// CHECK-LABEL: pvm.program entry @start stack 65536
pvm.program entry @start stack 65536 heap 0 layout current {
  pvm.func @start {
    %sp = pvm.load_imm 65536 : !pvm.reg<r1>
    pvm.tail_call @main uses(%sp : !pvm.reg<r1>)
  }
  pvm.func @main {
    %sp = pvm.get_register : !pvm.reg<r1>
    %n = pvm.get_register : !pvm.reg<r7>
    // expected-remark @below {{keeping the 65536-byte stack: @main: subtracts a run-time amount from the stack pointer (a dynamic stack allocation}}
    %array = pvm.sub_64 %sp, %n : (!pvm.reg<r1>, !pvm.reg<r7>) -> !pvm.reg<r9>
    pvm.store_imm_ind_u64 %array, 0, 1 : !pvm.reg<r9>
    pvm.trap
  }
}

// -----

// A stack address minus a run-time value that only a branch compares is no
// allocation: memmove's `dst - src` (the distance that picks the copy's
// direction) once pvm-inline copied it into a caller whose `dst` is on the
// stack. The frame stays 64 bytes.

// CHECK-LABEL: pvm.program entry @start stack 4096
// expected-remark @below {{stack sized to 4096 bytes (1 page) from 65536: the deepest call path uses 64 bytes, plus 256 bytes of margin}}
pvm.program entry @start stack 65536 heap 0 layout current {
  pvm.func @start {
    %sp = pvm.load_imm 65536 : !pvm.reg<r1>
    pvm.tail_call @main uses(%sp : !pvm.reg<r1>)
  }
  // expected-remark @below {{@main: own frame 64 bytes, 64 bytes with its callees}}
  pvm.func @main {
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %src = pvm.get_register : !pvm.reg<r8>
    %n = pvm.get_register : !pvm.reg<r9>
    %sp = pvm.add_imm_64 %sp0, -64 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    %dst = pvm.add_imm_64 %sp, 8 : (!pvm.reg<r1>) -> !pvm.reg<r7>
    %gap = pvm.sub_64 %dst, %src : (!pvm.reg<r7>, !pvm.reg<r8>) -> !pvm.reg<r11>
    pvm.branch_lt_u %gap, %n, ^bb1, ^bb2 : !pvm.reg<r11>, !pvm.reg<r9>
  ^bb1:
    pvm.store_imm_ind_u64 %dst, 0, 1 : !pvm.reg<r7>
    // The same with a constant source (a table in .rodata): `dst - 65536`
    // is no address 64 KiB below the frame.
    %table = pvm.load_imm 65536 : !pvm.reg<r8>
    %gap2 = pvm.sub_64 %dst, %table : (!pvm.reg<r7>, !pvm.reg<r8>) -> !pvm.reg<r11>
    pvm.branch_lt_u %gap2, %n, ^bb2, ^bb3 : !pvm.reg<r11>, !pvm.reg<r9>
  ^bb2:
    pvm.store_imm_ind_u64 %sp, 0, 2 : !pvm.reg<r1>
    pvm.trap
  ^bb3:
    pvm.trap
  }
}

// -----

// Two paths that reach a block with different stack pointers.

// CHECK-LABEL: pvm.program entry @start stack 65536
pvm.program entry @start stack 65536 heap 0 layout current {
  pvm.func @start {
    %sp = pvm.load_imm 65536 : !pvm.reg<r1>
    pvm.tail_call @main uses(%sp : !pvm.reg<r1>)
  }
  pvm.func @main {
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %c = pvm.get_register : !pvm.reg<r7>
    %sp1 = pvm.add_imm_64 %sp0, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.branch_eq_imm %c, 0, ^bb1(%sp0 : !pvm.reg<r1>), ^bb1(%sp1 : !pvm.reg<r1>) : !pvm.reg<r7>
  ^bb1(%sp : !pvm.reg<r1>):
    // expected-remark @below {{keeping the 65536-byte stack: @main: the stack pointer entering this block is not its entry value plus one constant}}
    pvm.store_imm_ind_u64 %sp, 0, 1 : !pvm.reg<r1>
    pvm.trap
  }
}

// -----

// A function that returns with its stack pointer moved breaks its caller's
// frame.

// CHECK-LABEL: pvm.program entry @start stack 65536
pvm.program entry @start stack 65536 heap 0 layout current {
  pvm.func @start {
    %sp = pvm.load_imm 65536 : !pvm.reg<r1>
    pvm.tail_call @main uses(%sp : !pvm.reg<r1>)
  }
  pvm.func @main {
    %sp = pvm.get_register : !pvm.reg<r1>
    %link, %a = pvm.call @push(%sp), ^bb1 : (!pvm.reg<r1>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb1:
    pvm.jump_table_entry 0
    pvm.trap
  }
  pvm.func @push {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %sp = pvm.add_imm_64 %sp0, -8 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    // expected-remark @below {{keeping the 65536-byte stack: @push: leaves the function with the stack pointer 8 bytes below its entry value}}
    pvm.jump_ind %ra, 0 uses(%sp : !pvm.reg<r1>) [] : !pvm.reg<r0>
  }
}

// -----

// The start function must be the one the conversion writes.

// CHECK-LABEL: pvm.program entry @start stack 65536
// expected-remark @below {{keeping the 65536-byte stack: the first stack pointer is not the top of the stack cap}}
pvm.program entry @start stack 65536 heap 0 layout current {
  pvm.func @start {
    %sp = pvm.load_imm 32768 : !pvm.reg<r1>
    pvm.tail_call @main uses(%sp : !pvm.reg<r1>)
  }
  pvm.func @main {
    pvm.trap
  }
}
