// RUN: grey-opt %s --split-input-file --pvm-legalize-jit-hazards --pvm-verify-registers | FileCheck %s

// Each reproducer of anchors/javm-recompiler-bugs.md in, the safe form out.
// Where several forms are safe, the pass takes the one whose block the gas
// model charges least, then the shortest, then the lowest free register.
// legalize-jit-hazards-run.test runs the reproducers.

// A: a 32-bit shift by a register into φ12 is computed into a free
// register and moved.
// CHECK-LABEL: pvm.program
// CHECK:       %[[SHL:.+]] = pvm.shlo_l_32 %{{.+}}, %{{.+}} : (!pvm.reg<r4>, !pvm.reg<r7>) -> !pvm.reg<[[T:r[0-9]+]]>
// CHECK-NEXT:  %[[R12:.+]] = pvm.move_reg %[[SHL]] : (!pvm.reg<[[T]]>) -> !pvm.reg<r12>
// CHECK-NEXT:  pvm.move_reg %[[R12]] : (!pvm.reg<r12>) -> !pvm.reg<r7>
pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %r4 = pvm.load_imm -2128394905 : !pvm.reg<r4>
    %r7 = pvm.load_imm 5 : !pvm.reg<r7>
    %r12 = pvm.load_imm 1911 : !pvm.reg<r12>
    %s = pvm.shlo_l_32 %r4, %r7 : (!pvm.reg<r4>, !pvm.reg<r7>) -> !pvm.reg<r12>
    %m = pvm.move_reg %s : (!pvm.reg<r12>) -> !pvm.reg<r7>
    pvm.ecalli 0(%m) : (!pvm.reg<r7>) -> ()
    pvm.trap
  }
}

// -----

// A: a 64-bit shift is wrong only with its count in φ12 too.
// CHECK-LABEL: pvm.program
// CHECK:       %[[SHL:.+]] = pvm.shlo_l_64 %{{.+}}, %{{.+}} : (!pvm.reg<r4>, !pvm.reg<r12>) -> !pvm.reg<[[T:r[0-9]+]]>
// CHECK-NEXT:  %[[R12:.+]] = pvm.move_reg %[[SHL]] : (!pvm.reg<[[T]]>) -> !pvm.reg<r12>
// CHECK-NEXT:  pvm.ecalli 0(%[[R12]],
pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %x = pvm.get_register : !pvm.reg<r4>
    %n = pvm.get_register : !pvm.reg<r12>
    %s = pvm.shlo_l_64 %x, %n : (!pvm.reg<r4>, !pvm.reg<r12>) -> !pvm.reg<r12>
    pvm.ecalli 0(%s, %x) : (!pvm.reg<r12>, !pvm.reg<r4>) -> ()
    pvm.trap
  }
}

// -----

// A: the _imm_alt forms (32-bit: destination φ12; 64-bit: both registers).
// CHECK-LABEL: pvm.program
// CHECK:       %[[SAR:.+]] = pvm.shar_r_imm_alt_32 %[[N:.+]], -8 : (!pvm.reg<r3>) -> !pvm.reg<[[T:r[0-9]+]]>
// CHECK-NEXT:  %[[R12:.+]] = pvm.move_reg %[[SAR]] : (!pvm.reg<[[T]]>) -> !pvm.reg<r12>
// CHECK-NEXT:  %[[ROT:.+]] = pvm.rot_r_64_imm_alt %[[R12]], 77 : (!pvm.reg<r12>) -> !pvm.reg<[[U:r[0-9]+]]>
// CHECK-NEXT:  %[[R12B:.+]] = pvm.move_reg %[[ROT]] : (!pvm.reg<[[U]]>) -> !pvm.reg<r12>
// CHECK-NEXT:  pvm.ecalli 0(%[[R12B]], %[[N]])
pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %n = pvm.get_register : !pvm.reg<r3>
    %s = pvm.shar_r_imm_alt_32 %n, -8 : (!pvm.reg<r3>) -> !pvm.reg<r12>
    %r = pvm.rot_r_64_imm_alt %s, 77 : (!pvm.reg<r12>) -> !pvm.reg<r12>
    pvm.ecalli 0(%r, %n) : (!pvm.reg<r12>, !pvm.reg<r3>) -> ()
    pvm.trap
  }
}

// -----

// A, near misses: a 64-bit shift into φ12 with its count elsewhere, and a
// 32-bit one whose sources are all φ12, stay.
// CHECK-LABEL: pvm.program
// CHECK:       %[[S:.+]] = pvm.shlo_l_64 %{{.+}}, %{{.+}} : (!pvm.reg<r4>, !pvm.reg<r7>) -> !pvm.reg<r12>
// CHECK-NEXT:  pvm.rot_l_32 %[[S]], %[[S]] : (!pvm.reg<r12>, !pvm.reg<r12>) -> !pvm.reg<r12>
// CHECK-NOT:   move_reg
pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %x = pvm.get_register : !pvm.reg<r4>
    %n = pvm.get_register : !pvm.reg<r7>
    %s = pvm.shlo_l_64 %x, %n : (!pvm.reg<r4>, !pvm.reg<r7>) -> !pvm.reg<r12>
    %t = pvm.rot_l_32 %s, %s : (!pvm.reg<r12>, !pvm.reg<r12>) -> !pvm.reg<r12>
    pvm.ecalli 0(%t) : (!pvm.reg<r12>) -> ()
    pvm.trap
  }
}

// -----

// A with every register live: φ0 is lent (stored just below the stack
// pointer and reloaded); later reads take the reloaded value.
// CHECK-LABEL: pvm.program
// CHECK:       %[[R0:.+]] = pvm.get_register : !pvm.reg<r0>
// CHECK-NEXT:  %[[SP:.+]] = pvm.get_register : !pvm.reg<r1>
// CHECK:       pvm.store_ind_u64 %[[R0]], %[[SP]], -8 : !pvm.reg<r0>, !pvm.reg<r1>
// CHECK-NEXT:  %[[SHR:.+]] = pvm.shlo_r_32 %{{.+}}, %{{.+}} : (!pvm.reg<r4>, !pvm.reg<r7>) -> !pvm.reg<r0>
// CHECK-NEXT:  %[[R12:.+]] = pvm.move_reg %[[SHR]] : (!pvm.reg<r0>) -> !pvm.reg<r12>
// CHECK-NEXT:  %[[BACK:.+]] = pvm.load_ind_u64 %[[SP]], -8 : (!pvm.reg<r1>) -> !pvm.reg<r0>
// CHECK-NEXT:  pvm.ecalli 0(%[[BACK]], %[[SP]], {{.*}}, %[[R12]])
pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %0 = pvm.get_register : !pvm.reg<r0>
    %1 = pvm.get_register : !pvm.reg<r1>
    %2 = pvm.get_register : !pvm.reg<r2>
    %3 = pvm.get_register : !pvm.reg<r3>
    %4 = pvm.get_register : !pvm.reg<r4>
    %5 = pvm.get_register : !pvm.reg<r5>
    %6 = pvm.get_register : !pvm.reg<r6>
    %7 = pvm.get_register : !pvm.reg<r7>
    %8 = pvm.get_register : !pvm.reg<r8>
    %9 = pvm.get_register : !pvm.reg<r9>
    %10 = pvm.get_register : !pvm.reg<r10>
    %11 = pvm.get_register : !pvm.reg<r11>
    %12 = pvm.get_register : !pvm.reg<r12>
    %s = pvm.shlo_r_32 %4, %7 : (!pvm.reg<r4>, !pvm.reg<r7>) -> !pvm.reg<r12>
    pvm.ecalli 0(%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %s) : (!pvm.reg<r0>, !pvm.reg<r1>, !pvm.reg<r2>, !pvm.reg<r3>, !pvm.reg<r4>, !pvm.reg<r5>, !pvm.reg<r6>, !pvm.reg<r7>, !pvm.reg<r8>, !pvm.reg<r9>, !pvm.reg<r10>, !pvm.reg<r11>, !pvm.reg<r12>) -> ()
    pvm.trap
  }
}

// -----

// B: the shift that started the stale record no longer makes one. Here
// every form costs the same (the load dominates): the shortest wins.
// CHECK-LABEL: pvm.program
// CHECK:       %[[R11:.+]] = pvm.load_imm 3 : !pvm.reg<r11>
// CHECK-NEXT:  %[[X2:.+]] = pvm.mul_imm_64 %[[R11]], 2 : (!pvm.reg<r11>) -> !pvm.reg<r12>
// CHECK-NEXT:  %[[B:.+]] = pvm.add_imm_64 %[[R11]], 65536 : (!pvm.reg<r11>) -> !pvm.reg<r7>
// CHECK-NEXT:  %[[SUM:.+]] = pvm.add_64 %[[B]], %[[X2]] : (!pvm.reg<r7>, !pvm.reg<r12>) -> !pvm.reg<r7>
// CHECK-NEXT:  pvm.load_ind_u8 %[[SUM]], 0
// CHECK-NOT:   shlo_l_imm_64
pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.segment @data base 65536 size 16 ro init "\00\01\02\03\04\05\06\07\08\09\0A\0B\0C\0D\0E\0F"
  pvm.func @main {
    %r11 = pvm.load_imm 3 : !pvm.reg<r11>
    %r12 = pvm.shlo_l_imm_64 %r11, 1 : (!pvm.reg<r11>) -> !pvm.reg<r12>
    %r7 = pvm.add_imm_64 %r11, 65536 : (!pvm.reg<r11>) -> !pvm.reg<r7>
    %sum = pvm.add_64 %r7, %r12 : (!pvm.reg<r7>, !pvm.reg<r12>) -> !pvm.reg<r7>
    %v = pvm.load_ind_u8 %sum, 0 : (!pvm.reg<r7>) -> !pvm.reg<r12>
    %m = pvm.move_reg %v : (!pvm.reg<r12>) -> !pvm.reg<r7>
    pvm.ecalli 0(%m) : (!pvm.reg<r7>) -> ()
    pvm.trap
  }
}

// -----

// B: a record started by `add_64 D,S,S`, made stale by an add over its
// index (D = S + (S << 1) written over S).
// CHECK-LABEL: pvm.program
// CHECK:       %[[S:.+]] = pvm.get_register : !pvm.reg<r11>
// CHECK-NEXT:  %[[D:.+]] = pvm.mul_imm_64 %[[S]], 2 : (!pvm.reg<r11>) -> !pvm.reg<r12>
// CHECK-NEXT:  %[[E:.+]] = pvm.add_64 %[[D]], %[[S]] : (!pvm.reg<r12>, !pvm.reg<r11>) -> !pvm.reg<r11>
// CHECK-NEXT:  pvm.load_ind_u64 %[[E]], 0
pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %s = pvm.get_register : !pvm.reg<r11>
    %d = pvm.add_64 %s, %s : (!pvm.reg<r11>, !pvm.reg<r11>) -> !pvm.reg<r12>
    %e = pvm.add_64 %d, %s : (!pvm.reg<r12>, !pvm.reg<r11>) -> !pvm.reg<r11>
    %v = pvm.load_ind_u64 %e, 0 : (!pvm.reg<r11>) -> !pvm.reg<r7>
    pvm.fallthrough ^bb1
  ^bb1:
    pvm.ecalli 0(%v) : (!pvm.reg<r7>) -> ()
    pvm.trap
  }
}

// -----

// C: the fused scaled index; the two adds become one multiply.
// CHECK-LABEL: pvm.program
// CHECK:       %[[I:.+]] = pvm.load_imm 2 : !pvm.reg<r2>
// CHECK-NEXT:  %[[B:.+]] = pvm.load_imm 65536 : !pvm.reg<r5>
// CHECK-NEXT:  %[[D:.+]] = pvm.mul_imm_64 %[[I]], 4 : (!pvm.reg<r2>) -> !pvm.reg<r3>
// CHECK-NEXT:  %[[E:.+]] = pvm.add_64 %[[B]], %[[D]] : (!pvm.reg<r5>, !pvm.reg<r3>) -> !pvm.reg<r4>
// CHECK-NEXT:  pvm.load_ind_u8 %[[E]], 0
pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.segment @data base 65536 size 16 ro init "\00\01\02\03\04\05\06\07\08\09\0A\0B\0C\0D\0E\0F"
  pvm.func @main {
    %i = pvm.load_imm 2 : !pvm.reg<r2>
    %b = pvm.load_imm 65536 : !pvm.reg<r5>
    %d1 = pvm.add_64 %i, %i : (!pvm.reg<r2>, !pvm.reg<r2>) -> !pvm.reg<r3>
    %d2 = pvm.add_64 %d1, %d1 : (!pvm.reg<r3>, !pvm.reg<r3>) -> !pvm.reg<r3>
    %e = pvm.add_64 %b, %d2 : (!pvm.reg<r5>, !pvm.reg<r3>) -> !pvm.reg<r4>
    %v = pvm.load_ind_u8 %e, 0 : (!pvm.reg<r4>) -> !pvm.reg<r6>
    %s = pvm.add_64 %v, %d2 : (!pvm.reg<r6>, !pvm.reg<r3>) -> !pvm.reg<r7>
    pvm.ecalli 0(%s) : (!pvm.reg<r7>) -> ()
    pvm.trap
  }
}

// -----

// C: the near miss (charged twice) in a block whose cost is a chain on
// D: a move (no latency) and one shift beat two adds and a multiply.
// CHECK-LABEL: pvm.program
// CHECK:       %[[A:.+]] = pvm.get_register : !pvm.reg<r2>
// CHECK:       %[[COPY:.+]] = pvm.move_reg %[[A]] : (!pvm.reg<r2>) -> !pvm.reg<r3>
// CHECK-NEXT:  %[[D:.+]] = pvm.shlo_l_imm_64 %[[COPY]], 2 : (!pvm.reg<r3>) -> !pvm.reg<r3>
// CHECK-NEXT:  pvm.add_64 %{{.+}}, %[[D]] : (!pvm.reg<r5>, !pvm.reg<r3>) -> !pvm.reg<r4>
pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %a = pvm.get_register : !pvm.reg<r2>
    %b = pvm.get_register : !pvm.reg<r5>
    %d1 = pvm.add_64 %a, %a : (!pvm.reg<r2>, !pvm.reg<r2>) -> !pvm.reg<r3>
    %d2 = pvm.add_64 %d1, %d1 : (!pvm.reg<r3>, !pvm.reg<r3>) -> !pvm.reg<r3>
    %e = pvm.add_64 %b, %d2 : (!pvm.reg<r5>, !pvm.reg<r3>) -> !pvm.reg<r4>
    %c1 = pvm.add_imm_64 %d2, 1 : (!pvm.reg<r3>) -> !pvm.reg<r3>
    %c2 = pvm.add_imm_64 %c1, 1 : (!pvm.reg<r3>) -> !pvm.reg<r3>
    %c3 = pvm.add_imm_64 %c2, 1 : (!pvm.reg<r3>) -> !pvm.reg<r3>
    %c4 = pvm.add_imm_64 %c3, 1 : (!pvm.reg<r3>) -> !pvm.reg<r3>
    %c5 = pvm.add_imm_64 %c4, 1 : (!pvm.reg<r3>) -> !pvm.reg<r3>
    %c6 = pvm.add_imm_64 %c5, 1 : (!pvm.reg<r3>) -> !pvm.reg<r3>
    %f = pvm.xor %e, %c6 : (!pvm.reg<r4>, !pvm.reg<r3>) -> !pvm.reg<r7>
    pvm.fallthrough ^bb1
  ^bb1:
    pvm.ecalli 0(%f) : (!pvm.reg<r7>) -> ()
    pvm.trap
  }
}

// -----

// D: a move between the two compares makes the recompiler forget the add.
// CHECK-LABEL: pvm.program
// CHECK:       %[[SUM:.+]] = pvm.add_64
// CHECK-NEXT:  pvm.set_lt_u %{{.+}}, %{{.+}} : (!pvm.reg<r10>, !pvm.reg<r12>) -> !pvm.reg<r11>
// CHECK-NEXT:  pvm.move_reg %[[SUM]] : (!pvm.reg<r9>) -> !pvm.reg<r{{[0-9]+}}>
// CHECK-NEXT:  pvm.set_lt_u %[[SUM]], %{{.+}} : (!pvm.reg<r9>, !pvm.reg<r2>) -> !pvm.reg<r12>
pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %r2 = pvm.load_imm -1 : !pvm.reg<r2>
    %r9 = pvm.load_imm 1 : !pvm.reg<r9>
    %r10 = pvm.load_imm 5 : !pvm.reg<r10>
    %r12 = pvm.load_imm 3 : !pvm.reg<r12>
    pvm.fallthrough ^bb1
  ^bb1:
    %sum = pvm.add_64 %r2, %r9 : (!pvm.reg<r2>, !pvm.reg<r9>) -> !pvm.reg<r9>
    %c1 = pvm.set_lt_u %r10, %r12 : (!pvm.reg<r10>, !pvm.reg<r12>) -> !pvm.reg<r11>
    %c2 = pvm.set_lt_u %sum, %r2 : (!pvm.reg<r9>, !pvm.reg<r2>) -> !pvm.reg<r12>
    %m = pvm.move_reg %c2 : (!pvm.reg<r12>) -> !pvm.reg<r7>
    pvm.ecalli 0(%m, %c1) : (!pvm.reg<r7>, !pvm.reg<r11>) -> ()
    pvm.trap
  }
}

// -----

// D with every register live: a store of the stack pointer just below it
// does the same without a register.
// CHECK-LABEL: pvm.program
// CHECK:       %[[SP:.+]] = pvm.get_register : !pvm.reg<r1>
// CHECK:       %[[SUM:.+]] = pvm.add_64
// CHECK-NEXT:  pvm.set_lt_u
// CHECK-NEXT:  pvm.store_ind_u64 %[[SP]], %[[SP]], -8 : !pvm.reg<r1>, !pvm.reg<r1>
// CHECK-NEXT:  pvm.set_lt_u %[[SUM]], %{{.+}} : (!pvm.reg<r9>, !pvm.reg<r2>) -> !pvm.reg<r9>
pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %0 = pvm.get_register : !pvm.reg<r0>
    %1 = pvm.get_register : !pvm.reg<r1>
    %2 = pvm.get_register : !pvm.reg<r2>
    %3 = pvm.get_register : !pvm.reg<r3>
    %4 = pvm.get_register : !pvm.reg<r4>
    %5 = pvm.get_register : !pvm.reg<r5>
    %6 = pvm.get_register : !pvm.reg<r6>
    %7 = pvm.get_register : !pvm.reg<r7>
    %8 = pvm.get_register : !pvm.reg<r8>
    %9 = pvm.get_register : !pvm.reg<r9>
    %10 = pvm.get_register : !pvm.reg<r10>
    %12 = pvm.get_register : !pvm.reg<r12>
    %sum = pvm.add_64 %2, %9 : (!pvm.reg<r2>, !pvm.reg<r9>) -> !pvm.reg<r9>
    %c1 = pvm.set_lt_u %10, %12 : (!pvm.reg<r10>, !pvm.reg<r12>) -> !pvm.reg<r11>
    %c2 = pvm.set_lt_u %sum, %2 : (!pvm.reg<r9>, !pvm.reg<r2>) -> !pvm.reg<r9>
    pvm.ecalli 0(%0, %1, %2, %3, %4, %5, %6, %7, %8, %c2, %10, %c1, %12) : (!pvm.reg<r0>, !pvm.reg<r1>, !pvm.reg<r2>, !pvm.reg<r3>, !pvm.reg<r4>, !pvm.reg<r5>, !pvm.reg<r6>, !pvm.reg<r7>, !pvm.reg<r8>, !pvm.reg<r9>, !pvm.reg<r10>, !pvm.reg<r11>, !pvm.reg<r12>) -> ()
    pvm.trap
  }
}

// -----

// E: a signed 64-bit quotient gets the guard: the divisor becomes 1 when
// it is -1 and the dividend 0 or MIN. A remainder needs only b + 1; the
// divisor dies at the remainder, so the guard writes its register.
// CHECK-LABEL: pvm.program
// CHECK:       %[[A:.+]] = pvm.get_register : !pvm.reg<r8>
// CHECK-NEXT:  %[[B:.+]] = pvm.get_register : !pvm.reg<r9>
// CHECK-NEXT:  %[[X:.+]] = pvm.add_imm_64 %[[B]], 1 : (!pvm.reg<r9>) -> !pvm.reg<[[T:r[0-9]+]]>
// CHECK-NEXT:  %[[Y:.+]] = pvm.shlo_l_imm_64 %[[A]], 1 : (!pvm.reg<r8>) -> !pvm.reg<[[U:r[0-9]+]]>
// CHECK-NEXT:  %[[C:.+]] = pvm.or %[[X]], %[[Y]] : (!pvm.reg<[[T]]>, !pvm.reg<[[U]]>) -> !pvm.reg<[[T]]>
// CHECK-NEXT:  %[[COPY:.+]] = pvm.move_reg %[[B]] : (!pvm.reg<r9>) -> !pvm.reg<[[V:r[0-9]+]]>
// CHECK-NEXT:  %[[DIVISOR:.+]] = pvm.cmov_iz_imm %[[C]], 1, %[[COPY]] : !pvm.reg<[[T]]>, !pvm.reg<[[V]]>
// CHECK-NEXT:  %[[Q:.+]] = pvm.div_s_64 %[[A]], %[[DIVISOR]] : (!pvm.reg<r8>, !pvm.reg<[[V]]>) -> !pvm.reg<r7>
// CHECK-NEXT:  %[[X2:.+]] = pvm.add_imm_64 %[[B]], 1 : (!pvm.reg<r9>) -> !pvm.reg<[[W:r[0-9]+]]>
// CHECK-NEXT:  %[[DIVISOR2:.+]] = pvm.cmov_iz_imm %[[X2]], 1, %[[B]] : !pvm.reg<[[W]]>, !pvm.reg<r9>
// CHECK-NEXT:  %[[R:.+]] = pvm.rem_s_64 %[[A]], %[[DIVISOR2]] : (!pvm.reg<r8>, !pvm.reg<r9>) -> !pvm.reg<r10>
// CHECK-NEXT:  pvm.ecalli 0(%[[Q]], %[[R]], %[[A]])
pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %a = pvm.get_register : !pvm.reg<r8>
    %b = pvm.get_register : !pvm.reg<r9>
    %q = pvm.div_s_64 %a, %b : (!pvm.reg<r8>, !pvm.reg<r9>) -> !pvm.reg<r7>
    %r = pvm.rem_s_64 %a, %b : (!pvm.reg<r8>, !pvm.reg<r9>) -> !pvm.reg<r10>
    pvm.ecalli 0(%q, %r, %a) : (!pvm.reg<r7>, !pvm.reg<r10>, !pvm.reg<r8>) -> ()
    pvm.trap
  }
}

// -----

// E: 32-bit divisions get their operands sign-extended (a remainder's
// dividend too), in the operand's own register when it dies there.
// CHECK-LABEL: pvm.program
// CHECK:       %[[A:.+]] = pvm.get_register : !pvm.reg<r8>
// CHECK-NEXT:  %[[B:.+]] = pvm.get_register : !pvm.reg<r9>
// CHECK-NEXT:  %[[SB:.+]] = pvm.add_imm_32 %[[B]], 0 : (!pvm.reg<r9>) -> !pvm.reg<[[T:r[0-9]+]]>
// CHECK-NEXT:  %[[Q:.+]] = pvm.div_u_32 %[[A]], %[[SB]] : (!pvm.reg<r8>, !pvm.reg<[[T]]>) -> !pvm.reg<r7>
// CHECK-NEXT:  %[[SB2:.+]] = pvm.add_imm_32 %[[B]], 0 : (!pvm.reg<r9>) -> !pvm.reg<r9>
// CHECK-NEXT:  %[[SA:.+]] = pvm.add_imm_32 %[[A]], 0 : (!pvm.reg<r8>) -> !pvm.reg<r8>
// CHECK-NEXT:  %[[R:.+]] = pvm.rem_u_32 %[[SA]], %[[SB2]] : (!pvm.reg<r8>, !pvm.reg<r9>) -> !pvm.reg<r10>
// CHECK-NEXT:  pvm.ecalli 0(%[[Q]], %[[R]])
pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %a = pvm.get_register : !pvm.reg<r8>
    %b = pvm.get_register : !pvm.reg<r9>
    %q = pvm.div_u_32 %a, %b : (!pvm.reg<r8>, !pvm.reg<r9>) -> !pvm.reg<r7>
    %r = pvm.rem_u_32 %a, %b : (!pvm.reg<r8>, !pvm.reg<r9>) -> !pvm.reg<r10>
    pvm.ecalli 0(%q, %r) : (!pvm.reg<r7>, !pvm.reg<r10>) -> ()
    pvm.trap
  }
}

// -----

// E: a signed 32-bit division with every register live borrows one; the
// guard's copy of the divisor is its sign extension.
// CHECK-LABEL: pvm.program
// CHECK:       %[[R0:.+]] = pvm.get_register : !pvm.reg<r0>
// CHECK-NEXT:  %[[SP:.+]] = pvm.get_register : !pvm.reg<r1>
// CHECK:       %[[A:.+]] = pvm.get_register : !pvm.reg<r8>
// CHECK-NEXT:  %[[B:.+]] = pvm.get_register : !pvm.reg<r9>
// CHECK:       pvm.store_ind_u64 %[[R0]], %[[SP]], -8
// CHECK-NEXT:  %[[X:.+]] = pvm.add_imm_32 %[[B]], 1 : (!pvm.reg<r9>) -> !pvm.reg<r0>
// CHECK-NEXT:  %[[Y:.+]] = pvm.shlo_l_imm_32 %[[A]], 1 : (!pvm.reg<r8>) -> !pvm.reg<r7>
// CHECK-NEXT:  %[[C:.+]] = pvm.or %[[X]], %[[Y]] : (!pvm.reg<r0>, !pvm.reg<r7>) -> !pvm.reg<r0>
// CHECK-NEXT:  %[[SB:.+]] = pvm.add_imm_32 %[[B]], 0 : (!pvm.reg<r9>) -> !pvm.reg<r7>
// CHECK-NEXT:  %[[DIVISOR:.+]] = pvm.cmov_iz_imm %[[C]], 1, %[[SB]] : !pvm.reg<r0>, !pvm.reg<r7>
// CHECK-NEXT:  %[[Q:.+]] = pvm.div_s_32 %[[A]], %[[DIVISOR]] : (!pvm.reg<r8>, !pvm.reg<r7>) -> !pvm.reg<r7>
// CHECK-NEXT:  %[[BACK:.+]] = pvm.load_ind_u64 %[[SP]], -8 : (!pvm.reg<r1>) -> !pvm.reg<r0>
// CHECK-NEXT:  pvm.ecalli 0(%[[BACK]], %[[SP]], {{.*}}, %[[Q]], %[[A]], %[[B]],
pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %0 = pvm.get_register : !pvm.reg<r0>
    %1 = pvm.get_register : !pvm.reg<r1>
    %2 = pvm.get_register : !pvm.reg<r2>
    %3 = pvm.get_register : !pvm.reg<r3>
    %4 = pvm.get_register : !pvm.reg<r4>
    %5 = pvm.get_register : !pvm.reg<r5>
    %6 = pvm.get_register : !pvm.reg<r6>
    %7 = pvm.get_register : !pvm.reg<r7>
    %8 = pvm.get_register : !pvm.reg<r8>
    %9 = pvm.get_register : !pvm.reg<r9>
    %10 = pvm.get_register : !pvm.reg<r10>
    %11 = pvm.get_register : !pvm.reg<r11>
    %12 = pvm.get_register : !pvm.reg<r12>
    %q = pvm.div_s_32 %8, %9 : (!pvm.reg<r8>, !pvm.reg<r9>) -> !pvm.reg<r7>
    pvm.ecalli 0(%0, %1, %2, %3, %4, %5, %6, %q, %8, %9, %10, %11, %12) : (!pvm.reg<r0>, !pvm.reg<r1>, !pvm.reg<r2>, !pvm.reg<r3>, !pvm.reg<r4>, !pvm.reg<r5>, !pvm.reg<r6>, !pvm.reg<r7>, !pvm.reg<r8>, !pvm.reg<r9>, !pvm.reg<r10>, !pvm.reg<r11>, !pvm.reg<r12>) -> ()
    pvm.trap
  }
}

// -----

// E, near misses: what the block shows rules the hazard out (a constant
// divisor other than -1, an extended 32-bit divisor, an unsigned 64-bit
// division), so nothing changes.
// CHECK-LABEL: pvm.program
// CHECK:       pvm.load_imm -2
// CHECK-NEXT:  pvm.div_s_64
// CHECK-NEXT:  pvm.add_imm_32
// CHECK-NEXT:  pvm.div_u_32
// CHECK-NEXT:  pvm.div_u_64
// CHECK-NEXT:  pvm.ecalli
pvm.program entry @main stack 4096 heap 0 layout current {
  pvm.func @main {
    %a = pvm.get_register : !pvm.reg<r8>
    %b = pvm.get_register : !pvm.reg<r9>
    %k = pvm.load_imm -2 : !pvm.reg<r10>
    %q = pvm.div_s_64 %a, %k : (!pvm.reg<r8>, !pvm.reg<r10>) -> !pvm.reg<r7>
    %e = pvm.add_imm_32 %b, 0 : (!pvm.reg<r9>) -> !pvm.reg<r11>
    %u = pvm.div_u_32 %a, %e : (!pvm.reg<r8>, !pvm.reg<r11>) -> !pvm.reg<r12>
    %v = pvm.div_u_64 %a, %b : (!pvm.reg<r8>, !pvm.reg<r9>) -> !pvm.reg<r2>
    pvm.ecalli 0(%q, %u, %v) : (!pvm.reg<r7>, !pvm.reg<r12>, !pvm.reg<r2>) -> ()
    pvm.trap
  }
}
