// RUN: grey-opt %s --split-input-file --pvm-share-epilogues --pvm-verify-registers | FileCheck %s
// RUN: grey-opt %s --split-input-file --pvm-share-epilogues=max-gas-increase=1000 --pvm-verify-registers | FileCheck %s --check-prefix=GENEROUS

// Three returns the profile says never ran share their epilogue (reload
// ra and s0, pop the frame, return): the first falls through to the
// shared copy, the others jump to it, passing the registers it reads
// from before it (the frame pointer r1 and the result r7). The return
// that runs on every call keeps its own copy.
// CHECK-LABEL: pvm.func @cold_returns
// CHECK:         pvm.branch_eq_imm %{{.*}}, 2,
// CHECK-NEXT:  ^{{bb[0-9]+}}:
// CHECK-NEXT:    pvm.add_imm_64 %{{.*}}, 7
// CHECK-NEXT:    pvm.load_ind_u64 %{{.*}}, 8
// CHECK-NEXT:    pvm.load_ind_u64 %{{.*}}, 0
// CHECK-NEXT:    pvm.add_imm_64 %{{.*}}, 16
// CHECK-NEXT:    pvm.jump_ind
// CHECK-NEXT:  ^{{bb[0-9]+}}:
// CHECK-NEXT:    %[[E1:.*]] = pvm.load_imm 101
// CHECK-NEXT:    pvm.fallthrough ^[[SHARED:bb[0-9]+]](%[[FRAME:[0-9]+]], %[[E1]] : !pvm.reg<r1>, !pvm.reg<r7>)
// CHECK-NEXT:  ^[[SHARED]](%[[SP:.*]]: !pvm.reg<r1>, %[[R:.*]]: !pvm.reg<r7>):
// CHECK-NEXT:    %[[RA:.*]] = pvm.load_ind_u64 %[[SP]], 8 : (!pvm.reg<r1>) -> !pvm.reg<r0>
// CHECK-NEXT:    %[[S0:.*]] = pvm.load_ind_u64 %[[SP]], 0 : (!pvm.reg<r1>) -> !pvm.reg<r5>
// CHECK-NEXT:    %[[POP:.*]] = pvm.add_imm_64 %[[SP]], 16 : (!pvm.reg<r1>) -> !pvm.reg<r1>
// CHECK-NEXT:    pvm.jump_ind %[[RA]], 0 uses(%[[POP]], %[[S0]], %[[R]] :
// CHECK-NEXT:  ^{{bb[0-9]+}}:
// CHECK-NEXT:    %[[E2:.*]] = pvm.load_imm 102
// CHECK-NEXT:    pvm.jump ^[[SHARED]](%[[FRAME]], %[[E2]] : !pvm.reg<r1>, !pvm.reg<r7>)
// CHECK-NEXT:  ^{{bb[0-9]+}}:
// CHECK-NEXT:    %[[E3:.*]] = pvm.load_imm 103
// CHECK-NEXT:    pvm.jump ^[[SHARED]](%[[FRAME]], %[[E3]] : !pvm.reg<r1>, !pvm.reg<r7>)
// CHECK-NEXT:  }
pvm.program entry @cold_returns stack 0 heap 0 layout current {
  pvm.func @cold_returns attributes {pvm.profile = array<i64: 256, 100, 260, 100, 264, 100, 268, 100, 272, 0, 276, 0, 280, 0>} {
    %ra = pvm.get_register : !pvm.reg<r0> loc("pc:0x100")
    %sp = pvm.get_register : !pvm.reg<r1> loc("pc:0x100")
    %a = pvm.get_register : !pvm.reg<r7> loc("pc:0x100")
    %sp1 = pvm.add_imm_64 %sp, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1> loc("pc:0x100")
    pvm.branch_eq_imm %a, 0, ^err1, ^bb1 : !pvm.reg<r7> loc("pc:0x100")
  ^bb1:
    pvm.branch_eq_imm %a, 1, ^err2, ^bb2 : !pvm.reg<r7> loc("pc:0x104")
  ^bb2:
    pvm.branch_eq_imm %a, 2, ^err3, ^hot : !pvm.reg<r7> loc("pc:0x108")
  ^hot:
    %h = pvm.add_imm_64 %a, 7 : (!pvm.reg<r7>) -> !pvm.reg<r7> loc("pc:0x10c")
    %ra0 = pvm.load_ind_u64 %sp1, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0> loc("pc:0x10c")
    %s00 = pvm.load_ind_u64 %sp1, 0 : (!pvm.reg<r1>) -> !pvm.reg<r5> loc("pc:0x10c")
    %sp20 = pvm.add_imm_64 %sp1, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1> loc("pc:0x10c")
    pvm.jump_ind %ra0, 0 uses(%sp20, %s00, %h : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0> loc("pc:0x10c")
  ^err1:
    %e1 = pvm.load_imm 101 : !pvm.reg<r7> loc("pc:0x110")
    %ra1 = pvm.load_ind_u64 %sp1, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0> loc("pc:0x110")
    %s01 = pvm.load_ind_u64 %sp1, 0 : (!pvm.reg<r1>) -> !pvm.reg<r5> loc("pc:0x110")
    %sp21 = pvm.add_imm_64 %sp1, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1> loc("pc:0x110")
    pvm.jump_ind %ra1, 0 uses(%sp21, %s01, %e1 : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0> loc("pc:0x110")
  ^err2:
    %e2 = pvm.load_imm 102 : !pvm.reg<r7> loc("pc:0x114")
    %ra2 = pvm.load_ind_u64 %sp1, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0> loc("pc:0x114")
    %s02 = pvm.load_ind_u64 %sp1, 0 : (!pvm.reg<r1>) -> !pvm.reg<r5> loc("pc:0x114")
    %sp22 = pvm.add_imm_64 %sp1, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1> loc("pc:0x114")
    pvm.jump_ind %ra2, 0 uses(%sp22, %s02, %e2 : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0> loc("pc:0x114")
  ^err3:
    %e3 = pvm.load_imm 103 : !pvm.reg<r7> loc("pc:0x118")
    %ra3 = pvm.load_ind_u64 %sp1, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0> loc("pc:0x118")
    %s03 = pvm.load_ind_u64 %sp1, 0 : (!pvm.reg<r1>) -> !pvm.reg<r5> loc("pc:0x118")
    %sp23 = pvm.add_imm_64 %sp1, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1> loc("pc:0x118")
    pvm.jump_ind %ra3, 0 uses(%sp23, %s03, %e3 : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0> loc("pc:0x118")
  }
}

// -----

// Without a profile the returns of a function without loops are too
// frequent for the default budget (0.01 % of the function's gas): each
// would cost a jump on a fair share of its calls. A generous budget lets
// them all share, the hot one included.
// CHECK-LABEL: pvm.func @static_guess
// CHECK-NOT:     pvm.jump ^
// CHECK-NOT:     pvm.fallthrough ^
// CHECK:       }
// GENEROUS-LABEL: pvm.func @static_guess
// GENEROUS-COUNT-3: pvm.jump ^[[SHARED:bb[0-9]+]](
// GENEROUS-NOT:   pvm.jump_ind
pvm.program entry @static_guess stack 0 heap 0 layout current {
  pvm.func @static_guess {
    %ra = pvm.get_register : !pvm.reg<r0> loc("pc:0x100")
    %sp = pvm.get_register : !pvm.reg<r1> loc("pc:0x100")
    %a = pvm.get_register : !pvm.reg<r7> loc("pc:0x100")
    %sp1 = pvm.add_imm_64 %sp, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1> loc("pc:0x100")
    pvm.branch_eq_imm %a, 0, ^err1, ^bb1 : !pvm.reg<r7> loc("pc:0x100")
  ^bb1:
    pvm.branch_eq_imm %a, 1, ^err2, ^bb2 : !pvm.reg<r7> loc("pc:0x104")
  ^bb2:
    pvm.branch_eq_imm %a, 2, ^err3, ^hot : !pvm.reg<r7> loc("pc:0x108")
  ^hot:
    %h = pvm.add_imm_64 %a, 7 : (!pvm.reg<r7>) -> !pvm.reg<r7> loc("pc:0x10c")
    %ra0 = pvm.load_ind_u64 %sp1, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0> loc("pc:0x10c")
    %s00 = pvm.load_ind_u64 %sp1, 0 : (!pvm.reg<r1>) -> !pvm.reg<r5> loc("pc:0x10c")
    %sp20 = pvm.add_imm_64 %sp1, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1> loc("pc:0x10c")
    pvm.jump_ind %ra0, 0 uses(%sp20, %s00, %h : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0> loc("pc:0x10c")
  ^err1:
    %e1 = pvm.load_imm 101 : !pvm.reg<r7> loc("pc:0x110")
    %ra1 = pvm.load_ind_u64 %sp1, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0> loc("pc:0x110")
    %s01 = pvm.load_ind_u64 %sp1, 0 : (!pvm.reg<r1>) -> !pvm.reg<r5> loc("pc:0x110")
    %sp21 = pvm.add_imm_64 %sp1, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1> loc("pc:0x110")
    pvm.jump_ind %ra1, 0 uses(%sp21, %s01, %e1 : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0> loc("pc:0x110")
  ^err2:
    %e2 = pvm.load_imm 102 : !pvm.reg<r7> loc("pc:0x114")
    %ra2 = pvm.load_ind_u64 %sp1, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0> loc("pc:0x114")
    %s02 = pvm.load_ind_u64 %sp1, 0 : (!pvm.reg<r1>) -> !pvm.reg<r5> loc("pc:0x114")
    %sp22 = pvm.add_imm_64 %sp1, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1> loc("pc:0x114")
    pvm.jump_ind %ra2, 0 uses(%sp22, %s02, %e2 : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0> loc("pc:0x114")
  ^err3:
    %e3 = pvm.load_imm 103 : !pvm.reg<r7> loc("pc:0x118")
    %ra3 = pvm.load_ind_u64 %sp1, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0> loc("pc:0x118")
    %s03 = pvm.load_ind_u64 %sp1, 0 : (!pvm.reg<r1>) -> !pvm.reg<r5> loc("pc:0x118")
    %sp23 = pvm.add_imm_64 %sp1, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1> loc("pc:0x118")
    pvm.jump_ind %ra3, 0 uses(%sp23, %s03, %e3 : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0> loc("pc:0x118")
  }
}

// -----

// Epilogues that differ in an immediate (the frame size popped) or in a
// register (the base the return address is reloaded from) share nothing
// but the return, which is not worth a jump: nothing changes, even though
// no return ever ran.
// CHECK-LABEL: pvm.func @different_immediate
// CHECK-NOT:     pvm.jump ^
// CHECK-NOT:     pvm.fallthrough ^
// CHECK-LABEL: pvm.func @different_register
// CHECK-NOT:     pvm.jump ^
// CHECK-NOT:     pvm.fallthrough ^
// CHECK:       }
// GENEROUS-LABEL: pvm.func @different_immediate
// GENEROUS-NOT:   pvm.jump ^
// GENEROUS-NOT:   pvm.fallthrough ^
// GENEROUS-LABEL: pvm.func @different_register
// GENEROUS-NOT:   pvm.jump ^
// GENEROUS-NOT:   pvm.fallthrough ^
// GENEROUS:       }
pvm.program entry @different_immediate stack 0 heap 0 layout current {
  pvm.func @different_immediate attributes {pvm.profile = array<i64: 256, 0, 260, 0, 264, 0>} {
    %sp = pvm.get_register : !pvm.reg<r1> loc("pc:0x100")
    %a = pvm.get_register : !pvm.reg<r7> loc("pc:0x100")
    pvm.branch_eq_imm %a, 0, ^small, ^large : !pvm.reg<r7> loc("pc:0x100")
  ^large:
    %ra1 = pvm.load_ind_u64 %sp, 24 : (!pvm.reg<r1>) -> !pvm.reg<r0> loc("pc:0x104")
    %s01 = pvm.load_ind_u64 %sp, 16 : (!pvm.reg<r1>) -> !pvm.reg<r5> loc("pc:0x104")
    %sp1 = pvm.add_imm_64 %sp, 32 : (!pvm.reg<r1>) -> !pvm.reg<r1> loc("pc:0x104")
    pvm.jump_ind %ra1, 0 uses(%sp1, %s01, %a : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0> loc("pc:0x104")
  ^small:
    %ra2 = pvm.load_ind_u64 %sp, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0> loc("pc:0x108")
    %s02 = pvm.load_ind_u64 %sp, 0 : (!pvm.reg<r1>) -> !pvm.reg<r5> loc("pc:0x108")
    %sp2 = pvm.add_imm_64 %sp, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1> loc("pc:0x108")
    pvm.jump_ind %ra2, 0 uses(%sp2, %s02, %a : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0> loc("pc:0x108")
  }
  pvm.func @different_register attributes {pvm.profile = array<i64: 512, 0, 516, 0, 520, 0>} {
    %sp = pvm.get_register : !pvm.reg<r1> loc("pc:0x200")
    %fp = pvm.get_register : !pvm.reg<r8> loc("pc:0x200")
    %a = pvm.get_register : !pvm.reg<r7> loc("pc:0x200")
    pvm.branch_eq_imm %a, 0, ^first, ^second : !pvm.reg<r7> loc("pc:0x200")
  ^second:
    %s01 = pvm.load_ind_u64 %sp, 0 : (!pvm.reg<r1>) -> !pvm.reg<r5> loc("pc:0x204")
    %ra1 = pvm.load_ind_u64 %sp, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0> loc("pc:0x204")
    pvm.jump_ind %ra1, 0 uses(%sp, %s01, %a : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0> loc("pc:0x204")
  ^first:
    %s02 = pvm.load_ind_u64 %sp, 0 : (!pvm.reg<r1>) -> !pvm.reg<r5> loc("pc:0x208")
    %ra2 = pvm.load_ind_u64 %fp, 8 : (!pvm.reg<r8>) -> !pvm.reg<r0> loc("pc:0x208")
    pvm.jump_ind %ra2, 0 uses(%sp, %s02, %a : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0> loc("pc:0x208")
  }
}

// -----

// A function with one return has nothing to share.
// CHECK-LABEL: pvm.func @one_return
// CHECK-NEXT:    pvm.get_register
// CHECK-NEXT:    pvm.get_register
// CHECK-NEXT:    pvm.load_ind_u64
// CHECK-NEXT:    pvm.add_imm_64
// CHECK-NEXT:    pvm.jump_ind
// CHECK-NEXT:  }
pvm.program entry @one_return stack 0 heap 0 layout current {
  pvm.func @one_return attributes {pvm.profile = array<i64: 256, 0>} {
    %sp = pvm.get_register : !pvm.reg<r1> loc("pc:0x100")
    %a = pvm.get_register : !pvm.reg<r7> loc("pc:0x100")
    %ra = pvm.load_ind_u64 %sp, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0> loc("pc:0x100")
    %sp1 = pvm.add_imm_64 %sp, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1> loc("pc:0x100")
    pvm.jump_ind %ra, 0 uses(%sp1, %a : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0> loc("pc:0x100")
  }
}

// -----

// A return block that is a return site (a jump-table entry) keeps its
// entry: the shared part starts after it. Values not yet in a register
// (before pvm-allocate-registers) are never compared.
// CHECK-LABEL: pvm.func @return_site
// CHECK:         pvm.call @callee
// CHECK-NEXT:  ^{{bb[0-9]+}}:
// CHECK-NEXT:    pvm.jump_table_entry 0
// CHECK-NEXT:    pvm.fallthrough ^[[SHARED:bb[0-9]+]](
// CHECK-NEXT:  ^[[SHARED]](
// CHECK-NEXT:    pvm.load_ind_u64
// CHECK-NEXT:    pvm.load_ind_u64
// CHECK-NEXT:    pvm.add_imm_64
// CHECK-NEXT:    pvm.jump_ind
// CHECK-NEXT:  ^{{bb[0-9]+}}:
// CHECK-NEXT:    pvm.jump ^[[SHARED]](
// CHECK-LABEL: pvm.func @unallocated
// CHECK-NOT:     pvm.jump ^
// CHECK-NOT:     pvm.fallthrough ^
// CHECK:       }
pvm.program entry @return_site stack 4096 heap 0 layout current {
  pvm.func @return_site attributes {pvm.profile = array<i64: 256, 0, 260, 0, 264, 0>} {
    %ra = pvm.get_register : !pvm.reg<r0> loc("pc:0x100")
    %sp = pvm.get_register : !pvm.reg<r1> loc("pc:0x100")
    %s0 = pvm.get_register : !pvm.reg<r5> loc("pc:0x100")
    %a = pvm.get_register : !pvm.reg<r7> loc("pc:0x100")
    %f = pvm.add_imm_64 %sp, -16 : (!pvm.reg<r1>) -> !pvm.reg<r1> loc("pc:0x100")
    pvm.store_ind_u64 %ra, %f, 8 : !pvm.reg<r0>, !pvm.reg<r1> loc("pc:0x100")
    pvm.store_ind_u64 %s0, %f, 0 : !pvm.reg<r5>, !pvm.reg<r1> loc("pc:0x100")
    pvm.branch_eq_imm %a, 0, ^early, ^calls : !pvm.reg<r7> loc("pc:0x100")
  ^calls:
    %link, %d = pvm.call @callee(%f, %a), ^site : (!pvm.reg<r1>, !pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r7>) loc("pc:0x104")
  ^site:
    pvm.jump_table_entry 0 loc("pc:0x108")
    %ra2 = pvm.load_ind_u64 %f, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0> loc("pc:0x108")
    %s02 = pvm.load_ind_u64 %f, 0 : (!pvm.reg<r1>) -> !pvm.reg<r5> loc("pc:0x108")
    %sp2 = pvm.add_imm_64 %f, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1> loc("pc:0x108")
    pvm.jump_ind %ra2, 0 uses(%sp2, %s02, %d : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0> loc("pc:0x108")
  ^early:
    %ra3 = pvm.load_ind_u64 %f, 8 : (!pvm.reg<r1>) -> !pvm.reg<r0> loc("pc:0x10c")
    %s03 = pvm.load_ind_u64 %f, 0 : (!pvm.reg<r1>) -> !pvm.reg<r5> loc("pc:0x10c")
    %sp3 = pvm.add_imm_64 %f, 16 : (!pvm.reg<r1>) -> !pvm.reg<r1> loc("pc:0x10c")
    pvm.jump_ind %ra3, 0 uses(%sp3, %s03, %a : !pvm.reg<r1>, !pvm.reg<r5>, !pvm.reg<r7>) [] : !pvm.reg<r0> loc("pc:0x10c")
  }
  pvm.func @callee {
    %ra = pvm.get_register : !pvm.reg<r0>
    %sp = pvm.get_register : !pvm.reg<r1>
    %a = pvm.get_register : !pvm.reg<r7>
    pvm.jump_ind %ra, 0 uses(%sp, %a : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0>
  }
  pvm.func @unallocated attributes {pvm.profile = array<i64: 512, 0, 516, 0, 520, 0>} {
    %ra = pvm.get_register : !pvm.reg<r0> loc("pc:0x200")
    %sp = pvm.get_register : !pvm.reg<r1> loc("pc:0x200")
    %a = pvm.get_register : !pvm.reg<r7> loc("pc:0x200")
    pvm.branch_eq_imm %a, 0, ^first, ^second : !pvm.reg<r7> loc("pc:0x200")
  ^second:
    %x1 = pvm.load_ind_u64 %sp, 0 : (!pvm.reg<r1>) -> !pvm.reg loc("pc:0x204")
    %y1 = pvm.load_ind_u64 %sp, 8 : (!pvm.reg<r1>) -> !pvm.reg loc("pc:0x204")
    %z1 = pvm.add_64 %x1, %y1 : (!pvm.reg, !pvm.reg) -> !pvm.reg<r7> loc("pc:0x204")
    pvm.jump_ind %ra, 0 uses(%sp, %z1 : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0> loc("pc:0x204")
  ^first:
    %x2 = pvm.load_ind_u64 %sp, 0 : (!pvm.reg<r1>) -> !pvm.reg loc("pc:0x208")
    %y2 = pvm.load_ind_u64 %sp, 8 : (!pvm.reg<r1>) -> !pvm.reg loc("pc:0x208")
    %z2 = pvm.add_64 %x2, %y2 : (!pvm.reg, !pvm.reg) -> !pvm.reg<r7> loc("pc:0x208")
    pvm.jump_ind %ra, 0 uses(%sp, %z2 : !pvm.reg<r1>, !pvm.reg<r7>) [] : !pvm.reg<r0> loc("pc:0x208")
  }
}
