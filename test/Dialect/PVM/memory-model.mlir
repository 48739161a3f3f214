// RUN: grey-opt %s --split-input-file --pass-pipeline='builtin.module(pvm.program(pvm-test-print-memory-model))' -o /dev/null | FileCheck %s

// Frame addresses are resolved through add_imm_64, move_reg and block
// arguments that receive the same address on every edge; an add_64 of a
// register to a frame address is somewhere in the frame. Accesses at known
// offsets overlap by their byte ranges; one at an unknown offset may touch
// any frame byte (and makes the stack-argument area unbounded). A frame
// slot that is private does not meet a constant address or a pointer
// argument; a return may read everything else.
// CHECK-LABEL: memory model of @frame: frame private, stack arguments unbounded
// CHECK-NEXT:    #0 pvm.store_ind_u64: frame-16 width 8 private; aliases{{$}}
// CHECK-NEXT:    #1 pvm.store_ind_u32: frame-12 width 4 private safe; aliases #0{{$}}
// CHECK-NEXT:    #2 pvm.load_ind_u64: frame-8 width 8 private; aliases{{$}}
// CHECK-NEXT:    #3 pvm.load_u64: absolute4096 width 8; aliases{{$}}
// CHECK-NEXT:    #4 pvm.load_ind_u64: based+0 width 8; aliases #3{{$}}
// CHECK-NEXT:    #5 pvm.load_ind_u8: frame+? width 1; aliases #0 #1 #2 #3 #4{{$}}
// CHECK-NEXT:    #6 pvm.store_ind_u16: frame-10 width 2 private safe; aliases #0 #1 #5{{$}}
// CHECK-NEXT:    pvm.jump_ind: may access #3 #4 #5{{$}}
pvm.program entry @frame stack 4096 heap 0 layout current {
  pvm.func @frame {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %p = pvm.get_register : !pvm.reg<r7>
    %i = pvm.get_register : !pvm.reg<r8>
    %sp = pvm.add_imm_64 %sp0, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %p, %sp, 0 : !pvm.reg<r7>, !pvm.reg<r1>
    %m = pvm.move_reg %sp : (!pvm.reg<r1>) -> !pvm.reg<r9>
    pvm.jump ^bb1(%m : !pvm.reg<r9>)
  ^bb1(%q: !pvm.reg<r9>):
    pvm.store_ind_u32 %p, %q, 4 : !pvm.reg<r7>, !pvm.reg<r9>
    %a = pvm.load_ind_u64 %q, 8 : (!pvm.reg<r9>) -> !pvm.reg<r10>
    %b = pvm.load_u64 4096 : !pvm.reg<r10>
    %c = pvm.load_ind_u64 %p, 0 : (!pvm.reg<r7>) -> !pvm.reg<r10>
    %x = pvm.add_64 %q, %i : (!pvm.reg<r9>, !pvm.reg<r8>) -> !pvm.reg<r11>
    %d = pvm.load_ind_u8 %x, 0 : (!pvm.reg<r11>) -> !pvm.reg<r10>
    pvm.store_ind_u16 %p, %q, 6 : !pvm.reg<r7>, !pvm.reg<r9>
    %back = pvm.add_imm_64 %q, 16 : (!pvm.reg<r9>) -> !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%back : !pvm.reg<r1>) [] : !pvm.reg<r0>
  }
}

// -----

// An access cannot fault (is "safe") when its bytes were touched on every
// path before it (for a store: written), or are touched later in its block
// before anything observable; bytes at most a page apart prove the bytes
// between them. A host call ends what later accesses prove.
// CHECK-LABEL: memory model of @bridge: frame private, stack arguments 0
// CHECK-NEXT:    #0 pvm.load_ind_u64: frame-16 width 8 private safe; aliases{{$}}
// CHECK-NEXT:    #1 pvm.store_ind_u64: frame-8 width 8 private; aliases{{$}}
// CHECK-NEXT:    #2 pvm.store_ind_u64: frame-24 width 8 private; aliases{{$}}
// CHECK-NEXT:    #3 pvm.load_ind_u64: frame-4096 width 8 private; aliases{{$}}
// CHECK-NEXT:    #4 pvm.load_ind_u32: frame-2000 width 4 private safe; aliases{{$}}
// CHECK-NEXT:    #5 pvm.store_ind_u32: frame-2000 width 4 private; aliases #4{{$}}
// CHECK-NEXT:    #6 pvm.store_ind_u32: frame-12 width 4 private safe; aliases #0{{$}}
// CHECK-NEXT:    #7 pvm.load_ind_u64: frame-9000 width 8 private; aliases{{$}}
// CHECK-NEXT:    pvm.ecalli: may access{{$}}
// CHECK-NEXT:    #8 pvm.load_ind_u64: frame-9000 width 8 private safe; aliases #7{{$}}
pvm.program entry @bridge stack 4096 heap 0 layout current {
  pvm.func @bridge {
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %x = pvm.get_register : !pvm.reg<r7>
    %a = pvm.load_ind_u64 %sp0, -16 : (!pvm.reg<r1>) -> !pvm.reg<r8>
    pvm.store_ind_u64 %x, %sp0, -8 : !pvm.reg<r7>, !pvm.reg<r1>
    pvm.store_ind_u64 %x, %sp0, -24 : !pvm.reg<r7>, !pvm.reg<r1>
    pvm.jump ^bb1
  ^bb1:
    %b = pvm.load_ind_u64 %sp0, -4096 : (!pvm.reg<r1>) -> !pvm.reg<r8>
    %c = pvm.load_ind_u32 %sp0, -2000 : (!pvm.reg<r1>) -> !pvm.reg<r8>
    pvm.store_ind_u32 %x, %sp0, -2000 : !pvm.reg<r7>, !pvm.reg<r1>
    pvm.store_ind_u32 %x, %sp0, -12 : !pvm.reg<r7>, !pvm.reg<r1>
    %d = pvm.load_ind_u64 %sp0, -9000 : (!pvm.reg<r1>) -> !pvm.reg<r8>
    %r = pvm.ecalli 0(%x) : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %e = pvm.load_ind_u64 %sp0, -9000 : (!pvm.reg<r1>) -> !pvm.reg<r8>
    pvm.trap
  }
}

// -----

// A frame address stored to memory or passed to a call in a register other
// than the stack pointer escapes: frame slots then meet every pointer, and
// calls may touch them.
// CHECK-LABEL: memory model of @stored: frame escapes, stack arguments unbounded
// CHECK-NEXT:    #0 pvm.store_ind_u64: based+0 width 8; aliases{{$}}
// CHECK-NEXT:    #1 pvm.load_ind_u64: frame-8 width 8; aliases #0{{$}}
// CHECK-LABEL: memory model of @passed: frame escapes, stack arguments unbounded
// CHECK-NEXT:    #0 pvm.store_ind_u64: frame-8 width 8; aliases{{$}}
// CHECK-NEXT:    pvm.call: may access #0{{$}}
pvm.program entry @stored stack 4096 heap 0 layout current {
  pvm.func @stored {
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %p = pvm.get_register : !pvm.reg<r7>
    %slot = pvm.add_imm_64 %sp0, -8 : (!pvm.reg<r1>) -> !pvm.reg<r8>
    pvm.store_ind_u64 %slot, %p, 0 : !pvm.reg<r8>, !pvm.reg<r7>
    %v = pvm.load_ind_u64 %sp0, -8 : (!pvm.reg<r1>) -> !pvm.reg<r9>
    pvm.trap
  }
  pvm.func @passed {
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %slot = pvm.add_imm_64 %sp0, -8 : (!pvm.reg<r1>) -> !pvm.reg<r7>
    pvm.store_ind_u64 %slot, %slot, 0 : !pvm.reg<r7>, !pvm.reg<r7>
    %link = pvm.call @stored(%sp0, %slot), ^bb1 : (!pvm.reg<r1>, !pvm.reg<r7>) -> !pvm.reg<r0>
  ^bb1:
    pvm.jump_table_entry 0
    pvm.trap
  }
}

// -----

// A callee that reads a stack-passed argument just above its stack pointer
// touches that much of its caller's frame: the caller's call may access
// the slot it stored there, not the slot above.
// CHECK-LABEL: memory model of @callee: frame private, stack arguments 8
// CHECK-NEXT:    #0 pvm.load_ind_u64: frame+0 width 8; aliases{{$}}
// CHECK-NEXT:    pvm.jump_ind: may access #0{{$}}
// CHECK-LABEL: memory model of @caller: frame private, stack arguments 0
// CHECK-NEXT:    #0 pvm.store_ind_u64: frame-16 width 8 private; aliases{{$}}
// CHECK-NEXT:    #1 pvm.store_ind_u64: frame-8 width 8 private; aliases{{$}}
// CHECK-NEXT:    pvm.call (callee area frame-16 size 8): may access #0{{$}}
pvm.program entry @caller stack 4096 heap 0 layout current {
  pvm.func @callee {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %arg = pvm.load_ind_u64 %sp0, 0 : (!pvm.reg<r1>) -> !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp0, %arg : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
  pvm.func @caller {
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %x = pvm.get_register : !pvm.reg<r7>
    %sp = pvm.add_imm_64 %sp0, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %x, %sp, 0 : !pvm.reg<r7>, !pvm.reg<r1>
    pvm.store_ind_u64 %x, %sp, 8 : !pvm.reg<r7>, !pvm.reg<r1>
    %link, %r = pvm.call @callee(%sp), ^bb1 : (!pvm.reg<r1>) -> (!pvm.reg<r0>, !pvm.reg<r7>)
  ^bb1:
    pvm.jump_table_entry 0
    pvm.trap
  }
}

// -----

// Block arguments: the same frame address on every edge stays a known
// offset; different offsets make an unknown one; a frame address merged
// with a pointer argument escapes (so every access may meet the frame).
// Constants in registers are absolute addresses, compared byte by byte.
// CHECK-LABEL: memory model of @merge: frame escapes, stack arguments unbounded
// CHECK-NEXT:    #0 pvm.load_ind_u32: frame-8 width 4; aliases{{$}}
// CHECK-NEXT:    #1 pvm.load_ind_u32: frame+? width 4; aliases #0{{$}}
// CHECK-NEXT:    #2 pvm.load_ind_u32: based+0 width 4; aliases #0 #1{{$}}
// CHECK-NEXT:    #3 pvm.store_ind_u8: absolute8195 width 1; aliases #0 #1 #2{{$}}
// CHECK-NEXT:    #4 pvm.load_u32: absolute8192 width 4; aliases #0 #1 #2 #3{{$}}
// CHECK-NEXT:    #5 pvm.load_u32: absolute8196 width 4; aliases #0 #1 #2{{$}}
pvm.program entry @merge stack 4096 heap 0 layout current {
  pvm.func @merge {
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %c = pvm.get_register : !pvm.reg<r7>
    %p = pvm.get_register : !pvm.reg<r8>
    %a = pvm.add_imm_64 %sp0, -8 : (!pvm.reg<r1>) -> !pvm.reg<r9>
    %b = pvm.add_imm_64 %sp0, -16 : (!pvm.reg<r1>) -> !pvm.reg<r10>
    pvm.branch_eq_imm %c, 0, ^bb1(%a, %a, %a : !pvm.reg<r9>, !pvm.reg<r9>, !pvm.reg<r9>), ^bb1(%a, %b, %p : !pvm.reg<r9>, !pvm.reg<r10>, !pvm.reg<r8>) : !pvm.reg<r7>
  ^bb1(%same: !pvm.reg, %either: !pvm.reg, %mixed: !pvm.reg):
    %x = pvm.load_ind_u32 %same, 0 : (!pvm.reg) -> !pvm.reg<r12>
    %y = pvm.load_ind_u32 %either, 0 : (!pvm.reg) -> !pvm.reg<r12>
    %z = pvm.load_ind_u32 %mixed, 0 : (!pvm.reg) -> !pvm.reg<r12>
    %k = pvm.load_imm 8192 : !pvm.reg<r2>
    pvm.store_ind_u8 %k, %k, 3 : !pvm.reg<r2>, !pvm.reg<r2>
    %u = pvm.load_u32 8192 : !pvm.reg<r12>
    %v = pvm.load_u32 8196 : !pvm.reg<r12>
    pvm.trap
  }
}

// -----

// A loop whose body allocates and frees a frame of its own (an inlined
// callee) passes the stack pointer back to its header: the header's
// argument is the same frame address on both edges, found before the back
// edge's value has been looked at.
// CHECK-LABEL: memory model of @loop_frame: frame private, stack arguments 0
// CHECK-NEXT:    #0 pvm.store_ind_u64: frame-16 width 8 private; aliases{{$}}
// CHECK-NEXT:    #1 pvm.load_ind_u64: frame-16 width 8 private safe; aliases #0{{$}}
// CHECK-NEXT:    #2 pvm.store_ind_u64: frame-48 width 8 private; aliases{{$}}
// CHECK-NEXT:    pvm.jump_ind: may access{{$}}
pvm.program entry @loop_frame stack 4096 heap 0 layout current {
  pvm.func @loop_frame {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %x = pvm.get_register : !pvm.reg<r7>
    %sp = pvm.add_imm_64 %sp0, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %x, %sp, 0 : !pvm.reg<r7>, !pvm.reg<r1>
    pvm.jump ^bb1(%sp : !pvm.reg<r1>)
  ^bb1(%h: !pvm.reg<r1>):
    %a = pvm.load_ind_u64 %h, 0 : (!pvm.reg<r1>) -> !pvm.reg<r8>
    %inner = pvm.add_imm_64 %h, -32 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %a, %inner, 0 : !pvm.reg<r8>, !pvm.reg<r1>
    %back = pvm.add_imm_64 %inner, 32 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.branch_eq_imm %a, 0, ^bb2, ^bb1(%back : !pvm.reg<r1>) : !pvm.reg<r8>
  ^bb2:
    %up = pvm.add_imm_64 %sp, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%up : !pvm.reg<r1>) [] : !pvm.reg<r0>
  }
}
