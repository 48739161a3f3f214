// RUN: grey-opt %s --split-input-file --pvm-licm --pvm-verify-registers | FileCheck %s
// RUN: grey-opt %s --split-input-file --pvm-licm --remarks-filter=pvm-licm 2>&1 >/dev/null | FileCheck %s --check-prefix=REMARK

// An address computed every iteration from values the loop does not
// change: a product of two registers defined before the loop, plus a base
// the loop hands back to itself unchanged. Both ops move to the end of
// the block that falls into the loop (the base read as what that edge
// passes), keeping their registers, which are free across the loop; the
// loop keeps the add of the counter.
// CHECK-LABEL: pvm.func @chain
// CHECK:         %[[X:.*]] = pvm.get_register : !pvm.reg<r9>
// CHECK-NEXT:    %[[Y:.*]] = pvm.get_register : !pvm.reg<r10>
// CHECK-NEXT:    %[[BASE:.*]] = pvm.get_register : !pvm.reg<r2>
// CHECK-NEXT:    %[[S:.*]] = pvm.mul_64 %[[X]], %[[Y]] : (!pvm.reg<r9>, !pvm.reg<r10>) -> !pvm.reg<r11>
// CHECK-NEXT:    %[[A:.*]] = pvm.add_64 %[[BASE]], %[[S]] : (!pvm.reg<r2>, !pvm.reg<r11>) -> !pvm.reg<r12>
// CHECK-NEXT:    pvm.fallthrough ^[[LOOP:bb[0-9]+]](
// CHECK-NEXT:  ^[[LOOP]](%[[I:.*]]: !pvm.reg<r7>, %{{.*}}: !pvm.reg<r2>):
// CHECK-NEXT:    %[[B:.*]] = pvm.add_64 %[[A]], %[[I]]
// CHECK-NEXT:    pvm.store_imm_ind_u8 %[[B]], 0, 0
// CHECK-NEXT:    pvm.add_imm_64 %[[I]], 1
// CHECK-NEXT:    pvm.branch_lt_u
// REMARK: remark: [Passed] Hoisted | Category:pvm-licm | Remark="moved 2 of 2 invariant ops out of the loop ({{[0-9.]+}} gas less per entry of the function)"
pvm.program entry @chain stack 0 heap 0 layout current {
  pvm.func @chain {
    %ra = pvm.get_register : !pvm.reg<r0>
    %i0 = pvm.get_register : !pvm.reg<r7>
    %n = pvm.get_register : !pvm.reg<r8>
    %x = pvm.get_register : !pvm.reg<r9>
    %y = pvm.get_register : !pvm.reg<r10>
    %base0 = pvm.get_register : !pvm.reg<r2>
    pvm.fallthrough ^loop(%i0, %base0 : !pvm.reg<r7>, !pvm.reg<r2>)
  ^loop(%i: !pvm.reg<r7>, %base: !pvm.reg<r2>):
    %s = pvm.mul_64 %x, %y : (!pvm.reg<r9>, !pvm.reg<r10>) -> !pvm.reg<r11>
    %a = pvm.add_64 %base, %s : (!pvm.reg<r2>, !pvm.reg<r11>) -> !pvm.reg<r12>
    %b = pvm.add_64 %a, %i : (!pvm.reg<r12>, !pvm.reg<r7>) -> !pvm.reg<r11>
    pvm.store_imm_ind_u8 %b, 0, 0 : !pvm.reg<r11>
    %i1 = pvm.add_imm_64 %i, 1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.branch_lt_u %i1, %n, ^loop(%i1, %base : !pvm.reg<r7>, !pvm.reg<r2>), ^exit(%i1 : !pvm.reg<r7>) : !pvm.reg<r7>, !pvm.reg<r8>
  ^exit(%r: !pvm.reg<r7>):
    pvm.jump_ind %ra, 0 uses(%r : !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// Two blocks enter the loop with different pointers: the product moves to
// a new preheader, which both now enter and which reads the pointer from
// its own argument. The load reads the same bytes at every iteration (the
// loop writes no memory), but it stays: nothing before the loop proves its
// page mapped, so before the loop it might fault where the program did not.
// CHECK-LABEL: pvm.func @twoways
// CHECK:         pvm.jump ^[[PRE:bb[0-9]+]](
// CHECK:         pvm.jump ^[[PRE]](
// CHECK-NEXT:  ^[[PRE]](%[[P:.*]]: !pvm.reg<r8>, %{{.*}}: !pvm.reg<r7>):
// CHECK-NEXT:    %[[M:.*]] = pvm.mul_imm_64 %[[P]], 40 : (!pvm.reg<r8>) -> !pvm.reg<r11>
// CHECK-NEXT:    pvm.fallthrough ^[[LOOP:bb[0-9]+]](
// CHECK-NEXT:  ^[[LOOP]](
// CHECK-NEXT:    pvm.load_ind_u64 %[[M]], 8
// CHECK-NEXT:    pvm.add_64
// CHECK-NEXT:    pvm.branch_lt_u {{.*}} ^[[LOOP]](
// REMARK: remark: [Passed] Hoisted | Category:pvm-licm | Remark="moved 1 of 1 invariant ops out of the loop
// REMARK: remark: [Missed] NotHoisted | Category:pvm-licm | Reason="1 invariant loads stay in the loop: they might fault before it"
pvm.program entry @twoways stack 0 heap 0 layout current {
  pvm.func @twoways {
    %ra = pvm.get_register : !pvm.reg<r0>
    %c = pvm.get_register : !pvm.reg<r7>
    %p = pvm.get_register : !pvm.reg<r8>
    %q = pvm.get_register : !pvm.reg<r9>
    %n = pvm.get_register : !pvm.reg<r10>
    pvm.branch_eq_imm %c, 0, ^other(%q : !pvm.reg<r9>), ^first(%p : !pvm.reg<r8>) : !pvm.reg<r7>
  ^first(%p1: !pvm.reg<r8>):
    pvm.jump ^loop(%p1, %c : !pvm.reg<r8>, !pvm.reg<r7>)
  ^other(%q1: !pvm.reg<r9>):
    %q2 = pvm.move_reg %q1 : (!pvm.reg<r9>) -> !pvm.reg<r8>
    pvm.jump ^loop(%q2, %c : !pvm.reg<r8>, !pvm.reg<r7>)
  ^loop(%ptr: !pvm.reg<r8>, %i: !pvm.reg<r7>):
    %m = pvm.mul_imm_64 %ptr, 40 : (!pvm.reg<r8>) -> !pvm.reg<r11>
    %v = pvm.load_ind_u64 %m, 8 : (!pvm.reg<r11>) -> !pvm.reg<r12>
    %i1 = pvm.add_64 %i, %v : (!pvm.reg<r7>, !pvm.reg<r12>) -> !pvm.reg<r7>
    pvm.branch_lt_u %i1, %n, ^loop(%ptr, %i1 : !pvm.reg<r8>, !pvm.reg<r7>), ^exit(%i1 : !pvm.reg<r7>) : !pvm.reg<r7>, !pvm.reg<r10>
  ^exit(%r: !pvm.reg<r7>):
    pvm.jump_ind %ra, 0 uses(%r : !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// What stays. A host call's argument and a conditional move's `prev` need
// the register they have (the ABI; the instruction reads and writes one
// register), so they are no candidates; the constant added after the load
// is off the longest chain (the load's 25 cycles), so moving it saves no
// gas and it stays too.
// CHECK-LABEL: pvm.func @stays
// CHECK:         pvm.fallthrough ^bb1(
// CHECK-NEXT:  ^bb1(
// CHECK-NEXT:    pvm.load_imm 5
// CHECK-NEXT:    pvm.load_ind_u64
// CHECK-NEXT:    pvm.add_64
// CHECK-NEXT:    pvm.store_ind_u64
// CHECK-NEXT:    pvm.mul_imm_64
// CHECK-NEXT:    pvm.ecalli
// CHECK-NEXT:    pvm.add_imm_64
// CHECK-NEXT:    pvm.cmov_iz
// REMARK: remark: [Missed] NotHoisted | Category:pvm-licm | Reason="1 invariant ops stay in the loop: moving them would save 0.00 gas per entry of the function"
pvm.program entry @stays stack 0 heap 0 layout current {
  pvm.func @stays {
    %ra = pvm.get_register : !pvm.reg<r0>
    %i0 = pvm.get_register : !pvm.reg<r7>
    %n = pvm.get_register : !pvm.reg<r8>
    %x = pvm.get_register : !pvm.reg<r9>
    %p = pvm.get_register : !pvm.reg<r2>
    pvm.fallthrough ^loop(%i0 : !pvm.reg<r7>)
  ^loop(%i: !pvm.reg<r7>):
    %k = pvm.load_imm 5 : !pvm.reg<r10>
    %v = pvm.load_ind_u64 %p, 0 : (!pvm.reg<r2>) -> !pvm.reg<r11>
    %w = pvm.add_64 %v, %k : (!pvm.reg<r11>, !pvm.reg<r10>) -> !pvm.reg<r11>
    pvm.store_ind_u64 %w, %p, 8 : !pvm.reg<r11>, !pvm.reg<r2>
    %d = pvm.mul_imm_64 %x, 3 : (!pvm.reg<r9>) -> !pvm.reg<r12>
    %e = pvm.ecalli 1(%d) : (!pvm.reg<r12>) -> !pvm.reg<r12>
    %f = pvm.add_imm_64 %x, 7 : (!pvm.reg<r9>) -> !pvm.reg<r10>
    %g = pvm.cmov_iz %e, %i, %f : !pvm.reg<r12>, !pvm.reg<r7>, !pvm.reg<r10>
    %i1 = pvm.add_64 %i, %g : (!pvm.reg<r7>, !pvm.reg<r10>) -> !pvm.reg<r7>
    pvm.branch_lt_u %i1, %n, ^loop(%i1 : !pvm.reg<r7>), ^exit(%i1 : !pvm.reg<r7>) : !pvm.reg<r7>, !pvm.reg<r8>
  ^exit(%r: !pvm.reg<r7>):
    pvm.jump_ind %ra, 0 uses(%r : !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// Every register but r12 holds a value live across the loop, and the
// loop itself writes r12: the invariant product and sum would need a
// register of their own across it, so they stay (all together, and each
// alone).
// CHECK-LABEL: pvm.func @full
// CHECK:         pvm.fallthrough ^bb1(
// CHECK-NEXT:  ^bb1(
// CHECK-NEXT:    pvm.mul_64
// CHECK-NEXT:    pvm.add_64
// CHECK-NEXT:    pvm.add_64
// REMARK: remark: [Missed] NotHoisted | Category:pvm-licm | Reason="2 invariant ops stay in the loop: no register is free across it"
pvm.program entry @full stack 0 heap 0 layout current {
  pvm.func @full {
    %r0 = pvm.get_register : !pvm.reg<r0>
    %r1 = pvm.get_register : !pvm.reg<r1>
    %r2 = pvm.get_register : !pvm.reg<r2>
    %r3 = pvm.get_register : !pvm.reg<r3>
    %r4 = pvm.get_register : !pvm.reg<r4>
    %r5 = pvm.get_register : !pvm.reg<r5>
    %r6 = pvm.get_register : !pvm.reg<r6>
    %i0 = pvm.get_register : !pvm.reg<r7>
    %r8 = pvm.get_register : !pvm.reg<r8>
    %r9 = pvm.get_register : !pvm.reg<r9>
    %r10 = pvm.get_register : !pvm.reg<r10>
    %r11 = pvm.get_register : !pvm.reg<r11>
    pvm.fallthrough ^loop(%i0 : !pvm.reg<r7>)
  ^loop(%i: !pvm.reg<r7>):
    %s = pvm.mul_64 %r9, %r10 : (!pvm.reg<r9>, !pvm.reg<r10>) -> !pvm.reg<r12>
    %a = pvm.add_64 %r11, %s : (!pvm.reg<r11>, !pvm.reg<r12>) -> !pvm.reg<r12>
    %b = pvm.add_64 %a, %i : (!pvm.reg<r12>, !pvm.reg<r7>) -> !pvm.reg<r12>
    pvm.store_imm_ind_u8 %b, 0, 0 : !pvm.reg<r12>
    %i1 = pvm.add_imm_64 %i, 1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    pvm.branch_lt_u %i1, %r8, ^loop(%i1 : !pvm.reg<r7>), ^exit(%i1 : !pvm.reg<r7>) : !pvm.reg<r7>, !pvm.reg<r8>
  ^exit(%r: !pvm.reg<r7>):
    pvm.jump_ind %r0, 0 uses(%r, %r1, %r2, %r3, %r4, %r5, %r6, %r8, %r9, %r10, %r11 : !pvm.reg<r7>, !pvm.reg<r1>, !pvm.reg<r2>, !pvm.reg<r3>, !pvm.reg<r4>, !pvm.reg<r5>, !pvm.reg<r6>, !pvm.reg<r8>, !pvm.reg<r9>, !pvm.reg<r10>, !pvm.reg<r11>) [] : !pvm.reg<r0>
  }
}

// -----

// The loop's bound lives in a frame slot (a spill) that the loop reads at
// every iteration. The frame is private and the loop stores only through
// a pointer that is no frame address, so the slot keeps its value: the
// load moves before the loop, where the store to the same slot proves its
// page mapped.
// CHECK-LABEL: pvm.func @frame_bound
// CHECK:         pvm.store_ind_u64 %{{.*}}, %[[SP:.*]], 8
// CHECK-NEXT:    pvm.load_imm 0
// CHECK-NEXT:    %[[BOUND:.*]] = pvm.load_ind_u64 %[[SP]], 8
// CHECK-NEXT:    pvm.fallthrough ^[[LOOP:bb[0-9]+]](
// CHECK-NEXT:  ^[[LOOP]](
// CHECK-NEXT:    pvm.store_ind_u64
// CHECK-NEXT:    pvm.add_imm_64
// CHECK-NEXT:    %[[I1:.*]] = pvm.add_imm_64
// CHECK-NEXT:    pvm.branch_lt_u %[[I1]], %[[BOUND]], ^[[LOOP]](
// REMARK: remark: [Passed] Hoisted | Category:pvm-licm | Remark="moved 1 of 1 invariant ops out of the loop
pvm.program entry @frame_bound stack 4096 heap 0 layout current {
  pvm.func @frame_bound {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %n = pvm.get_register : !pvm.reg<r7>
    %p0 = pvm.get_register : !pvm.reg<r8>
    %sp = pvm.add_imm_64 %sp0, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %n, %sp, 8 : !pvm.reg<r7>, !pvm.reg<r1>
    %z = pvm.load_imm 0 : !pvm.reg<r7>
    pvm.fallthrough ^loop(%z, %p0 : !pvm.reg<r7>, !pvm.reg<r8>)
  ^loop(%i: !pvm.reg<r7>, %p: !pvm.reg<r8>):
    pvm.store_ind_u64 %i, %p, 0 : !pvm.reg<r7>, !pvm.reg<r8>
    %p1 = pvm.add_imm_64 %p, 8 : (!pvm.reg<r8>) -> !pvm.reg<r8>
    %i1 = pvm.add_imm_64 %i, 1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %bound = pvm.load_ind_u64 %sp, 8 : (!pvm.reg<r1>) -> !pvm.reg<r9>
    pvm.branch_lt_u %i1, %bound, ^loop(%i1, %p1 : !pvm.reg<r7>, !pvm.reg<r8>), ^exit : !pvm.reg<r7>, !pvm.reg<r9>
  ^exit:
    %sp1 = pvm.add_imm_64 %sp, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%sp1 : !pvm.reg<r1>) [] : !pvm.reg<r0>
  }
}

// -----

// The same loop, but it also writes the slot (at another width than the
// load reads): the load stays. A store through the pointer argument would
// keep it too, had the frame escaped.
// CHECK-LABEL: pvm.func @slot_written
// CHECK:       ^bb1({{.*}}): //
// CHECK-NEXT:    pvm.store_ind_u64
// CHECK-NEXT:    pvm.store_ind_u32
// CHECK-NEXT:    pvm.add_imm_64
// CHECK-NEXT:    pvm.add_imm_64
// CHECK-NEXT:    pvm.load_ind_u64
// CHECK-NEXT:    pvm.branch_lt_u
pvm.program entry @slot_written stack 4096 heap 0 layout current {
  pvm.func @slot_written {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %n = pvm.get_register : !pvm.reg<r7>
    %p0 = pvm.get_register : !pvm.reg<r8>
    %sp = pvm.add_imm_64 %sp0, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %n, %sp, 8 : !pvm.reg<r7>, !pvm.reg<r1>
    %z = pvm.load_imm 0 : !pvm.reg<r7>
    pvm.fallthrough ^loop(%z, %p0 : !pvm.reg<r7>, !pvm.reg<r8>)
  ^loop(%i: !pvm.reg<r7>, %p: !pvm.reg<r8>):
    pvm.store_ind_u64 %i, %p, 0 : !pvm.reg<r7>, !pvm.reg<r8>
    pvm.store_ind_u32 %i, %sp, 12 : !pvm.reg<r7>, !pvm.reg<r1>
    %p1 = pvm.add_imm_64 %p, 8 : (!pvm.reg<r8>) -> !pvm.reg<r8>
    %i1 = pvm.add_imm_64 %i, 1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
    %bound = pvm.load_ind_u64 %sp, 8 : (!pvm.reg<r1>) -> !pvm.reg<r9>
    pvm.branch_lt_u %i1, %bound, ^loop(%i1, %p1 : !pvm.reg<r7>, !pvm.reg<r8>), ^exit : !pvm.reg<r7>, !pvm.reg<r9>
  ^exit:
    %sp1 = pvm.add_imm_64 %sp, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%sp1 : !pvm.reg<r1>) [] : !pvm.reg<r0>
  }
}

// -----

// A table's words 0 and 3 are read before the loop, which proves every
// byte between them mapped (pages are 4096 bytes); the loop reads word 2
// at every iteration and writes only its private frame. The load moves,
// and the add that reads it moves with it.
// CHECK-LABEL: pvm.func @table_word
// CHECK:         pvm.load_ind_u64 %[[Q:[^,]*]], 0
// CHECK-NEXT:    pvm.load_ind_u64 %[[Q]], 24
// CHECK-NEXT:    pvm.add_64
// CHECK:         %[[W:.*]] = pvm.load_ind_u64 %[[Q]], 16
// CHECK-NEXT:    %[[K:.*]] = pvm.add_imm_64 %[[W]], 3
// CHECK-NEXT:    pvm.fallthrough ^[[LOOP:bb[0-9]+]](
// CHECK-NEXT:  ^[[LOOP]](
// CHECK-NEXT:    pvm.add_64 %{{.*}}, %[[K]]
// CHECK-NEXT:    pvm.store_ind_u64
// REMARK: remark: [Passed] Hoisted | Category:pvm-licm | Remark="moved 2 of 2 invariant ops out of the loop
pvm.program entry @table_word stack 4096 heap 0 layout current {
  pvm.func @table_word {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %n = pvm.get_register : !pvm.reg<r7>
    %q = pvm.get_register : !pvm.reg<r8>
    %sp = pvm.add_imm_64 %sp0, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    %a0 = pvm.load_ind_u64 %q, 0 : (!pvm.reg<r8>) -> !pvm.reg<r9>
    %b0 = pvm.load_ind_u64 %q, 24 : (!pvm.reg<r8>) -> !pvm.reg<r10>
    %s0 = pvm.add_64 %a0, %b0 : (!pvm.reg<r9>, !pvm.reg<r10>) -> !pvm.reg<r9>
    pvm.fallthrough ^loop(%s0 : !pvm.reg<r9>)
  ^loop(%acc: !pvm.reg<r9>):
    %w = pvm.load_ind_u64 %q, 16 : (!pvm.reg<r8>) -> !pvm.reg<r10>
    %k = pvm.add_imm_64 %w, 3 : (!pvm.reg<r10>) -> !pvm.reg<r10>
    %acc1 = pvm.add_64 %acc, %k : (!pvm.reg<r9>, !pvm.reg<r10>) -> !pvm.reg<r9>
    pvm.store_ind_u64 %acc1, %sp, 0 : !pvm.reg<r9>, !pvm.reg<r1>
    pvm.branch_lt_u %acc1, %n, ^loop(%acc1 : !pvm.reg<r9>), ^exit : !pvm.reg<r9>, !pvm.reg<r7>
  ^exit:
    %r = pvm.load_ind_u64 %sp, 0 : (!pvm.reg<r1>) -> !pvm.reg<r7>
    %sp1 = pvm.add_imm_64 %sp, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%sp1, %r : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// Word 2 alone: the word 0 read before the loop does not prove it mapped
// (a page may end after word 0), so the load and the add that reads it
// stay.
// CHECK-LABEL: pvm.func @table_word_unproven
// CHECK:       ^bb1({{.*}}): //
// CHECK-NEXT:    pvm.load_ind_u64 %{{.*}}, 16
// CHECK-NEXT:    pvm.add_imm_64
// REMARK: remark: [Missed] NotHoisted | Category:pvm-licm | Reason="1 invariant loads stay in the loop: they might fault before it"
pvm.program entry @table_word_unproven stack 4096 heap 0 layout current {
  pvm.func @table_word_unproven {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %n = pvm.get_register : !pvm.reg<r7>
    %q = pvm.get_register : !pvm.reg<r8>
    %sp = pvm.add_imm_64 %sp0, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    %a0 = pvm.load_ind_u64 %q, 0 : (!pvm.reg<r8>) -> !pvm.reg<r9>
    pvm.fallthrough ^loop(%a0 : !pvm.reg<r9>)
  ^loop(%acc: !pvm.reg<r9>):
    %w = pvm.load_ind_u64 %q, 16 : (!pvm.reg<r8>) -> !pvm.reg<r10>
    %k = pvm.add_imm_64 %w, 3 : (!pvm.reg<r10>) -> !pvm.reg<r10>
    %acc1 = pvm.add_64 %acc, %k : (!pvm.reg<r9>, !pvm.reg<r10>) -> !pvm.reg<r9>
    pvm.store_ind_u64 %acc1, %sp, 0 : !pvm.reg<r9>, !pvm.reg<r1>
    pvm.branch_lt_u %acc1, %n, ^loop(%acc1 : !pvm.reg<r9>), ^exit : !pvm.reg<r9>, !pvm.reg<r7>
  ^exit:
    %r = pvm.load_ind_u64 %sp, 0 : (!pvm.reg<r1>) -> !pvm.reg<r7>
    %sp1 = pvm.add_imm_64 %sp, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%sp1, %r : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}

// -----

// The frame_bound loop with an `ecall` in it: the kernel call may unmap the
// frame's page, so the load after it might fault where the one before the
// loop would not. It stays.
// CHECK-LABEL: pvm.func @unmapped
// CHECK:       ^bb1({{.*}}): //
// CHECK-NEXT:    pvm.ecall
// CHECK-NEXT:    pvm.load_ind_u64
// CHECK-NEXT:    pvm.add_imm_64
// REMARK: remark: [Missed] NotHoisted | Category:pvm-licm | Reason="1 invariant loads stay in the loop: they might fault before it"
pvm.program entry @unmapped stack 4096 heap 0 layout current {
  pvm.func @unmapped {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %n = pvm.get_register : !pvm.reg<r7>
    %p0 = pvm.get_register : !pvm.reg<r8>
    %sp = pvm.add_imm_64 %sp0, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %n, %sp, 8 : !pvm.reg<r7>, !pvm.reg<r1>
    %z = pvm.load_imm 0 : !pvm.reg<r9>
    pvm.fallthrough ^loop(%z, %n, %p0 : !pvm.reg<r9>, !pvm.reg<r7>, !pvm.reg<r8>)
  ^loop(%i: !pvm.reg<r9>, %a: !pvm.reg<r7>, %b: !pvm.reg<r8>):
    %e:2 = pvm.ecall(%a, %b) : (!pvm.reg<r7>, !pvm.reg<r8>) -> (!pvm.reg<r7>, !pvm.reg<r8>)
    %bound = pvm.load_ind_u64 %sp, 8 : (!pvm.reg<r1>) -> !pvm.reg<r10>
    %i1 = pvm.add_imm_64 %i, 1 : (!pvm.reg<r9>) -> !pvm.reg<r9>
    pvm.branch_lt_u %i1, %bound, ^loop(%i1, %e#0, %e#1 : !pvm.reg<r9>, !pvm.reg<r7>, !pvm.reg<r8>), ^exit : !pvm.reg<r9>, !pvm.reg<r10>
  ^exit:
    %sp1 = pvm.add_imm_64 %sp, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%sp1 : !pvm.reg<r1>) [] : !pvm.reg<r0>
  }
}

// -----

// All or one at a time. The loop is entered on the rarer side of a branch
// and its division sits four rare branches deep: before the loop the
// division would lengthen the entering block by more than it saves where
// it was, which sinks the pair. The load alone pays (its chain is the
// header's longest by one cycle, and the entering block's store already
// takes as long), so it moves and the division stays.
// CHECK-LABEL: pvm.func @one_pays
// CHECK:         pvm.store_ind_u64 %{{.*}}, %[[SP:.*]], 8
// CHECK-NEXT:    pvm.load_imm 0
// CHECK-NEXT:    %[[A:.*]] = pvm.load_ind_u64 %[[SP]], 8
// CHECK-NEXT:    pvm.branch_eq_imm
// CHECK:         pvm.add_64 %[[A]],
// CHECK:         pvm.div_u_64
// CHECK-NEXT:    pvm.store_ind_u64
// REMARK: remark: [Passed] Hoisted | Category:pvm-licm | Remark="moved 1 of 2 invariant ops out of the loop (12.00 gas less per entry of the function)"
// REMARK: remark: [Missed] NotHoisted | Category:pvm-licm | Reason="1 invariant ops stay in the loop: moving them saves no gas, or no register is free"
pvm.program entry @one_pays stack 4096 heap 0 layout current {
  pvm.func @one_pays {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp0 = pvm.get_register : !pvm.reg<r1>
    %n = pvm.get_register : !pvm.reg<r7>
    %q0 = pvm.get_register : !pvm.reg<r8>
    %c = pvm.get_register : !pvm.reg<r9>
    %x = pvm.get_register : !pvm.reg<r2>
    %y = pvm.get_register : !pvm.reg<r3>
    %sp = pvm.add_imm_64 %sp0, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.store_ind_u64 %n, %sp, 8 : !pvm.reg<r7>, !pvm.reg<r1>
    %z = pvm.load_imm 0 : !pvm.reg<r10>
    pvm.branch_eq_imm %c, 0, ^loop(%z, %q0 : !pvm.reg<r10>, !pvm.reg<r8>), ^exit : !pvm.reg<r9>
  ^loop(%i: !pvm.reg<r10>, %q: !pvm.reg<r8>):
    %a = pvm.load_ind_u64 %sp, 8 : (!pvm.reg<r1>) -> !pvm.reg<r11>
    %a1 = pvm.add_64 %a, %i : (!pvm.reg<r11>, !pvm.reg<r10>) -> !pvm.reg<r11>
    %a2 = pvm.add_64 %a1, %i : (!pvm.reg<r11>, !pvm.reg<r10>) -> !pvm.reg<r11>
    pvm.store_ind_u64 %a2, %q, 16 : !pvm.reg<r11>, !pvm.reg<r8>
    %v = pvm.load_ind_u64 %q, 0 : (!pvm.reg<r8>) -> !pvm.reg<r12>
    %w = pvm.add_64 %v, %i : (!pvm.reg<r12>, !pvm.reg<r10>) -> !pvm.reg<r12>
    pvm.store_ind_u64 %w, %q, 8 : !pvm.reg<r12>, !pvm.reg<r8>
    %i1 = pvm.add_imm_64 %i, 1 : (!pvm.reg<r10>) -> !pvm.reg<r10>
    %q1 = pvm.add_imm_64 %q, 24 : (!pvm.reg<r8>) -> !pvm.reg<r8>
    pvm.branch_eq_imm %i1, 5, ^r1, ^latch : !pvm.reg<r10>
  ^r1:
    pvm.branch_eq_imm %i1, 7, ^r2, ^latch : !pvm.reg<r10>
  ^r2:
    pvm.branch_eq_imm %i1, 9, ^r3, ^latch : !pvm.reg<r10>
  ^r3:
    pvm.branch_eq_imm %i1, 11, ^rarest, ^latch : !pvm.reg<r10>
  ^rarest:
    %d = pvm.div_u_64 %x, %y : (!pvm.reg<r2>, !pvm.reg<r3>) -> !pvm.reg<r12>
    pvm.store_ind_u64 %d, %sp, 0 : !pvm.reg<r12>, !pvm.reg<r1>
    pvm.jump ^latch
  ^latch:
    pvm.branch_lt_u %i1, %n, ^loop(%i1, %q1 : !pvm.reg<r10>, !pvm.reg<r8>), ^exit : !pvm.reg<r10>, !pvm.reg<r7>
  ^exit:
    %sp1 = pvm.add_imm_64 %sp, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
    pvm.jump_ind %ra, 0 uses(%sp1 : !pvm.reg<r1>) [] : !pvm.reg<r0>
  }
}

// -----

// The loop reads a copy (r4) of a value whose own register (r11) is taken
// by another value before the loop. Moved out, the product must read the
// copy: the original no longer holds the value there (csmith seed 20311,
// where a moved load read r11 and the allocation failed to verify; the
// product and the multiplication after it move).
// CHECK-LABEL: pvm.func @copy_outlives
// CHECK:         %[[COPY:.*]] = pvm.move_reg %{{.*}} : (!pvm.reg<r11>) -> !pvm.reg<r4>
// CHECK-NEXT:    pvm.load_imm 7 : !pvm.reg<r11>
// CHECK-NEXT:    %[[P:.*]] = pvm.mul_imm_64 %[[COPY]], 3 : (!pvm.reg<r4>) -> !pvm.reg<r9>
// CHECK-NEXT:    pvm.mul_64 %[[P]],
// CHECK-NEXT:    pvm.fallthrough
pvm.program entry @copy_outlives stack 0 heap 0 layout current {
  pvm.func @copy_outlives {
    %ra = pvm.get_register : !pvm.reg<r0>
    %i0 = pvm.get_register : !pvm.reg<r7>
    %n = pvm.get_register : !pvm.reg<r8>
    %a = pvm.get_register : !pvm.reg<r11>
    %c = pvm.move_reg %a : (!pvm.reg<r11>) -> !pvm.reg<r4>
    %x = pvm.load_imm 7 : !pvm.reg<r11>
    pvm.fallthrough ^loop(%i0 : !pvm.reg<r7>)
  ^loop(%i: !pvm.reg<r7>):
    %m = pvm.move_reg %c : (!pvm.reg<r4>) -> !pvm.reg<r9>
    %v = pvm.mul_imm_64 %m, 3 : (!pvm.reg<r9>) -> !pvm.reg<r9>
    %w = pvm.mul_64 %v, %x : (!pvm.reg<r9>, !pvm.reg<r11>) -> !pvm.reg<r9>
    %i1 = pvm.add_64 %i, %w : (!pvm.reg<r7>, !pvm.reg<r9>) -> !pvm.reg<r7>
    pvm.branch_lt_u %i1, %n, ^loop(%i1 : !pvm.reg<r7>), ^exit : !pvm.reg<r7>, !pvm.reg<r8>
  ^exit:
    pvm.jump_ind %ra, 0 uses(%i1 : !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
}
