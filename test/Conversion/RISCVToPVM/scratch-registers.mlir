// RUN: grey-opt %s --split-input-file --convert-riscv-to-pvm --pvm-verify-registers | FileCheck %s

// Every riscv instruction that the conversion used to reject because its
// PVM form needs one more register (x0 is none, and the fixed mapping uses
// all 13 PVM registers), in every operand position, first with a register
// free (by liveness), then with every register live.

// x0 forms with an identity that reads the other operand once: rd may be
// that operand, and no scratch register is needed.
// 0 / x is all ones when x (its low 32 bits for the w forms) is 0, else 0;
// 0 % x is 0; umax(x, 0) is x; umin(x, 0) is 0.
// CHECK-LABEL: pvm.func @identities
// CHECK: ^bb1(%[[RA:.+]]: !pvm.reg<r0>, %[[A0:.+]]: !pvm.reg<r7>, %[[A1:.+]]: !pvm.reg<r8>, %[[A2:.+]]: !pvm.reg<r9>, %[[A3:.+]]: !pvm.reg<r10>, %{{.+}}: !pvm.reg<r11>, %{{.+}}: !pvm.reg<r12>, %{{.+}}: !pvm.reg<r2>, %{{.+}}: !pvm.reg<r3>, %[[T2:.+]]: !pvm.reg<r4>, %{{.+}}: !pvm.reg<r5>, %{{.+}}: !pvm.reg<r6>):
// CHECK-NEXT: %[[D0:.+]] = pvm.set_lt_u_imm %[[A0]], 1 : (!pvm.reg<r7>) -> !pvm.reg<r7>
// CHECK-NEXT: %[[DIV:.+]] = pvm.neg_add_imm_64 %[[D0]], 0 : (!pvm.reg<r7>) -> !pvm.reg<r7>
// CHECK-NEXT: %[[D1:.+]] = pvm.set_lt_u_imm %[[A1]], 1 : (!pvm.reg<r8>) -> !pvm.reg<r8>
// CHECK-NEXT: %[[DIVU:.+]] = pvm.neg_add_imm_64 %[[D1]], 0 : (!pvm.reg<r8>) -> !pvm.reg<r8>
// CHECK-NEXT: %[[W2:.+]] = pvm.add_imm_32 %[[A2]], 0 : (!pvm.reg<r9>) -> !pvm.reg<r9>
// CHECK-NEXT: %[[D2:.+]] = pvm.set_lt_u_imm %[[W2]], 1 : (!pvm.reg<r9>) -> !pvm.reg<r9>
// CHECK-NEXT: %[[DIVW:.+]] = pvm.neg_add_imm_64 %[[D2]], 0 : (!pvm.reg<r9>) -> !pvm.reg<r9>
// CHECK-NEXT: %[[W3:.+]] = pvm.add_imm_32 %[[A3]], 0 : (!pvm.reg<r10>) -> !pvm.reg<r10>
// CHECK-NEXT: %[[D3:.+]] = pvm.set_lt_u_imm %[[W3]], 1 : (!pvm.reg<r10>) -> !pvm.reg<r10>
// CHECK-NEXT: %[[DIVUW:.+]] = pvm.neg_add_imm_64 %[[D3]], 0 : (!pvm.reg<r10>) -> !pvm.reg<r10>
// CHECK-NEXT: %[[REM:.+]] = pvm.load_imm 0 : !pvm.reg<r11>
// CHECK-NEXT: %[[REMU:.+]] = pvm.load_imm 0 : !pvm.reg<r12>
// CHECK-NEXT: %[[REMW:.+]] = pvm.load_imm 0 : !pvm.reg<r2>
// CHECK-NEXT: %[[REMUW:.+]] = pvm.load_imm 0 : !pvm.reg<r3>
// CHECK-NEXT: %[[MINU0:.+]] = pvm.load_imm 0 : !pvm.reg<r5>
// CHECK-NEXT: %[[MINU1:.+]] = pvm.load_imm 0 : !pvm.reg<r6>
// CHECK-NEXT: pvm.jump_ind %[[RA]], 0 uses(%[[DIV]], %[[DIVU]], %[[DIVW]], %[[DIVUW]], %[[REM]], %[[REMU]], %[[REMW]], %[[REMUW]], %[[T2]], %[[MINU0]], %[[MINU1]] :
riscv.program entry @identities {
  riscv.func @identities at 0 {
  ^bb0(%ra: !riscv.reg<ra>, %a0: !riscv.reg<a0>, %a1: !riscv.reg<a1>, %a2: !riscv.reg<a2>, %a3: !riscv.reg<a3>, %a4: !riscv.reg<a4>, %a5: !riscv.reg<a5>, %t0: !riscv.reg<t0>, %t1: !riscv.reg<t1>, %t2: !riscv.reg<t2>, %s0: !riscv.reg<s0>, %s1: !riscv.reg<s1>):
    %z = riscv.constant 0 : !riscv.reg<zero>
    %0 = riscv.div %z, %a0 : (!riscv.reg<zero>, !riscv.reg<a0>) -> !riscv.reg<a0>
    %1 = riscv.divu %z, %a1 : (!riscv.reg<zero>, !riscv.reg<a1>) -> !riscv.reg<a1>
    %2 = riscv.divw %z, %a2 : (!riscv.reg<zero>, !riscv.reg<a2>) -> !riscv.reg<a2>
    %3 = riscv.divuw %z, %a3 : (!riscv.reg<zero>, !riscv.reg<a3>) -> !riscv.reg<a3>
    %4 = riscv.rem %z, %a4 : (!riscv.reg<zero>, !riscv.reg<a4>) -> !riscv.reg<a4>
    %5 = riscv.remu %z, %a5 : (!riscv.reg<zero>, !riscv.reg<a5>) -> !riscv.reg<a5>
    %6 = riscv.remw %z, %t0 : (!riscv.reg<zero>, !riscv.reg<t0>) -> !riscv.reg<t0>
    %7 = riscv.remuw %z, %t1 : (!riscv.reg<zero>, !riscv.reg<t1>) -> !riscv.reg<t1>
    %8 = riscv.maxu %t2, %z : (!riscv.reg<t2>, !riscv.reg<zero>) -> !riscv.reg<t2>
    %9 = riscv.maxu %z, %8 : (!riscv.reg<zero>, !riscv.reg<t2>) -> !riscv.reg<t2>
    %10 = riscv.minu %s0, %z : (!riscv.reg<s0>, !riscv.reg<zero>) -> !riscv.reg<s0>
    %11 = riscv.minu %z, %s1 : (!riscv.reg<zero>, !riscv.reg<s1>) -> !riscv.reg<s1>
    riscv.jalr 0(%ra) uses(%0, %1, %2, %3, %4, %5, %6, %7, %9, %10, %11 : !riscv.reg<a0>, !riscv.reg<a1>, !riscv.reg<a2>, !riscv.reg<a3>, !riscv.reg<a4>, !riscv.reg<a5>, !riscv.reg<t0>, !riscv.reg<t1>, !riscv.reg<t2>, !riscv.reg<s0>, !riscv.reg<s1>) [] : !riscv.reg<ra>
  }
}

// -----

// max/min of x0 and the register they write (either operand order), with
// registers free: 0 goes into the first free one (max and min commute,
// and the conversion's folding puts the constant second). t0 is live across the
// first max, so it takes t1; t0 is dead once used, so the later ones take
// it; a register read earlier but dead here (a1) does not block anything.
// CHECK-LABEL: pvm.func @free_max_min
// CHECK: ^bb1(%[[RA:.+]]: !pvm.reg<r0>, %[[A0:.+]]: !pvm.reg<r7>, %[[A1:.+]]: !pvm.reg<r8>):
// CHECK-NEXT: %[[T0:.+]] = pvm.add_64 %[[A0]], %[[A1]] : (!pvm.reg<r7>, !pvm.reg<r8>) -> !pvm.reg<r2>
// CHECK-NEXT: %[[Z1:.+]] = pvm.load_imm 0 : !pvm.reg<r3>
// CHECK-NEXT: %[[MAX1:.+]] = pvm.max %[[A0]], %[[Z1]] : (!pvm.reg<r7>, !pvm.reg<r3>) -> !pvm.reg<r7>
// CHECK-NEXT: %[[SUM:.+]] = pvm.add_64 %[[MAX1]], %[[T0]] : (!pvm.reg<r7>, !pvm.reg<r2>) -> !pvm.reg<r7>
// CHECK-NEXT: %[[Z2:.+]] = pvm.load_imm 0 : !pvm.reg<r2>
// CHECK-NEXT: %[[MAX2:.+]] = pvm.max %[[SUM]], %[[Z2]] : (!pvm.reg<r7>, !pvm.reg<r2>) -> !pvm.reg<r7>
// CHECK-NEXT: %[[Z3:.+]] = pvm.load_imm 0 : !pvm.reg<r2>
// CHECK-NEXT: %[[MIN1:.+]] = pvm.min %[[MAX2]], %[[Z3]] : (!pvm.reg<r7>, !pvm.reg<r2>) -> !pvm.reg<r7>
// CHECK-NEXT: %[[Z4:.+]] = pvm.load_imm 0 : !pvm.reg<r2>
// CHECK-NEXT: %[[MIN2:.+]] = pvm.min %[[MIN1]], %[[Z4]] : (!pvm.reg<r7>, !pvm.reg<r2>) -> !pvm.reg<r7>
// CHECK-NEXT: pvm.jump_ind %[[RA]], 0 uses(%[[MIN2]] : !pvm.reg<r7>)
riscv.program entry @free_max_min {
  riscv.func @free_max_min at 0 {
  ^bb0(%ra: !riscv.reg<ra>, %a0: !riscv.reg<a0>, %a1: !riscv.reg<a1>):
    %z = riscv.constant 0 : !riscv.reg<zero>
    %t0 = riscv.add %a0, %a1 : (!riscv.reg<a0>, !riscv.reg<a1>) -> !riscv.reg<t0>
    %0 = riscv.max %a0, %z : (!riscv.reg<a0>, !riscv.reg<zero>) -> !riscv.reg<a0>
    %1 = riscv.add %0, %t0 : (!riscv.reg<a0>, !riscv.reg<t0>) -> !riscv.reg<a0>
    %2 = riscv.max %z, %1 : (!riscv.reg<zero>, !riscv.reg<a0>) -> !riscv.reg<a0>
    %3 = riscv.min %2, %z : (!riscv.reg<a0>, !riscv.reg<zero>) -> !riscv.reg<a0>
    %4 = riscv.min %z, %3 : (!riscv.reg<zero>, !riscv.reg<a0>) -> !riscv.reg<a0>
    riscv.jalr 0(%ra) uses(%4 : !riscv.reg<a0>) [] : !riscv.reg<ra>
  }
}

// -----

// orc.b with a free register (t0), in place and into another register:
// or each byte's bits into its lowest bit, keep those, and spread each
// over its byte as (b << 8) - b.
// CHECK-LABEL: pvm.func @free_orc_b
// CHECK: ^bb1(%[[RA:.+]]: !pvm.reg<r0>, %[[A0:.+]]: !pvm.reg<r7>):
// CHECK-NEXT: %[[S1:.+]] = pvm.shlo_r_imm_64 %[[A0]], 1 : (!pvm.reg<r7>) -> !pvm.reg<r2>
// CHECK-NEXT: %[[F1:.+]] = pvm.or %[[A0]], %[[S1]] : (!pvm.reg<r7>, !pvm.reg<r2>) -> !pvm.reg<r7>
// CHECK-NEXT: %[[S2:.+]] = pvm.shlo_r_imm_64 %[[F1]], 2 : (!pvm.reg<r7>) -> !pvm.reg<r2>
// CHECK-NEXT: %[[F2:.+]] = pvm.or %[[F1]], %[[S2]] : (!pvm.reg<r7>, !pvm.reg<r2>) -> !pvm.reg<r7>
// CHECK-NEXT: %[[S4:.+]] = pvm.shlo_r_imm_64 %[[F2]], 4 : (!pvm.reg<r7>) -> !pvm.reg<r2>
// CHECK-NEXT: %[[F4:.+]] = pvm.or %[[F2]], %[[S4]] : (!pvm.reg<r7>, !pvm.reg<r2>) -> !pvm.reg<r7>
// CHECK-NEXT: %[[LOW:.+]] = pvm.load_imm_64 72340172838076673 : !pvm.reg<r2>
// CHECK-NEXT: %[[FLAGS:.+]] = pvm.and %[[F4]], %[[LOW]] : (!pvm.reg<r7>, !pvm.reg<r2>) -> !pvm.reg<r7>
// CHECK-NEXT: %[[SHL:.+]] = pvm.shlo_l_imm_64 %[[FLAGS]], 8 : (!pvm.reg<r7>) -> !pvm.reg<r2>
// CHECK-NEXT: %[[ORC:.+]] = pvm.sub_64 %[[SHL]], %[[FLAGS]] : (!pvm.reg<r2>, !pvm.reg<r7>) -> !pvm.reg<r7>
// Into a1 while a0 stays live: the same with a1 as the working register.
// CHECK-NEXT: %[[T1:.+]] = pvm.shlo_r_imm_64 %[[ORC]], 1 : (!pvm.reg<r7>) -> !pvm.reg<r2>
// CHECK-NEXT: %{{.+}} = pvm.or %[[ORC]], %[[T1]] : (!pvm.reg<r7>, !pvm.reg<r2>) -> !pvm.reg<r8>
// CHECK-NEXT: = pvm.shlo_r_imm_64 {{.*}}, 2 :
// CHECK-NEXT: = pvm.or
// CHECK-NEXT: = pvm.shlo_r_imm_64 {{.*}}, 4 :
// CHECK-NEXT: = pvm.or
// CHECK-NEXT: = pvm.load_imm_64 72340172838076673
// CHECK-NEXT: = pvm.and
// CHECK-NEXT: = pvm.shlo_l_imm_64 {{.*}}, 8 :
// CHECK-NEXT: %[[ORC2:.+]] = pvm.sub_64 %{{.+}}, %{{.+}} : (!pvm.reg<r2>, !pvm.reg<r8>) -> !pvm.reg<r8>
// CHECK-NEXT: pvm.jump_ind %[[RA]], 0 uses(%[[ORC]], %[[ORC2]] :
riscv.program entry @free_orc_b {
  riscv.func @free_orc_b at 0 {
  ^bb0(%ra: !riscv.reg<ra>, %a0: !riscv.reg<a0>):
    %0 = riscv.orc.b %a0 : (!riscv.reg<a0>) -> !riscv.reg<a0>
    %1 = riscv.orc.b %0 : (!riscv.reg<a0>) -> !riscv.reg<a1>
    riscv.jalr 0(%ra) uses(%0, %1 : !riscv.reg<a0>, !riscv.reg<a1>) [] : !riscv.reg<ra>
  }
}

// -----

// jalr ra, 0(ra): PVM would write the link before reading the target
// (pvm-isa.md §3.8), so the target moves to a free register first. The
// call's own results (t0, the callee may write it) do not block it.
// CHECK-LABEL: pvm.func @free_call
// CHECK: ^bb1(%[[RA:.+]]: !pvm.reg<r0>, %[[SP:.+]]: !pvm.reg<r1>, %[[A0:.+]]: !pvm.reg<r7>):
// CHECK-NEXT: %[[TARGET:.+]] = pvm.move_reg %[[RA]] : (!pvm.reg<r0>) -> !pvm.reg<r2>
// CHECK-NEXT: pvm.call_indirect %[[TARGET]], 0(%[[SP]], %[[A0]]), ^bb2 : !pvm.reg<r2>, (!pvm.reg<r1>, !pvm.reg<r7>) -> (!pvm.reg<r0>, !pvm.reg<r2>, !pvm.reg<r7>)
riscv.program entry @free_call {
  riscv.func @free_call at 0 {
  ^bb0(%ra: !riscv.reg<ra>, %sp: !riscv.reg<sp>, %a0: !riscv.reg<a0>):
    %c:3 = riscv.call_indirect 0(%ra) (%sp, %a0) : !riscv.reg<ra>, (!riscv.reg<sp>, !riscv.reg<a0>) -> (!riscv.reg<ra>, !riscv.reg<t0>, !riscv.reg<a0>)
    riscv.unimp
  }
}

// -----

// Every register live: max/min of x0 and rd branch around `li rd, 0`
// instead (max keeps v when v >= 0, min when v < 0), in both operand
// orders.
// CHECK-LABEL: pvm.func @no_free_max_min
// CHECK: ^bb1(%[[RA:[^:]+]]: !pvm.reg<r0>, {{.*}}, %[[A0:[^:]+]]: !pvm.reg<r7>,
// CHECK-NEXT: pvm.branch_ge_s_imm %[[A0]], 0, ^[[J1:bb[0-9]+]](%[[A0]] : !pvm.reg<r7>), ^[[Z1:bb[0-9]+]] : !pvm.reg<r7>
// CHECK-NEXT: ^[[Z1]]:
// CHECK-NEXT: %[[ZERO1:.+]] = pvm.load_imm 0 : !pvm.reg<r7>
// CHECK-NEXT: pvm.fallthrough ^[[J1]](%[[ZERO1]] : !pvm.reg<r7>)
// CHECK-NEXT: ^[[J1]](%[[MAX1:[^:]+]]: !pvm.reg<r7>):
// CHECK-NEXT: pvm.branch_ge_s_imm %[[MAX1]], 0, ^[[J2:bb[0-9]+]](%[[MAX1]] : !pvm.reg<r7>), ^[[Z2:bb[0-9]+]] : !pvm.reg<r7>
// CHECK-NEXT: ^[[Z2]]:
// CHECK-NEXT: %[[ZERO2:.+]] = pvm.load_imm 0 : !pvm.reg<r7>
// CHECK-NEXT: pvm.fallthrough ^[[J2]](%[[ZERO2]] : !pvm.reg<r7>)
// CHECK-NEXT: ^[[J2]](%[[MAX2:[^:]+]]: !pvm.reg<r7>):
// CHECK-NEXT: pvm.branch_lt_s_imm %[[MAX2]], 0, ^[[J3:bb[0-9]+]](%[[MAX2]] : !pvm.reg<r7>), ^[[Z3:bb[0-9]+]] : !pvm.reg<r7>
// CHECK-NEXT: ^[[Z3]]:
// CHECK-NEXT: %[[ZERO3:.+]] = pvm.load_imm 0 : !pvm.reg<r7>
// CHECK-NEXT: pvm.fallthrough ^[[J3]](%[[ZERO3]] : !pvm.reg<r7>)
// CHECK-NEXT: ^[[J3]](%[[MIN1:[^:]+]]: !pvm.reg<r7>):
// CHECK-NEXT: pvm.branch_lt_s_imm %[[MIN1]], 0, ^[[J4:bb[0-9]+]](%[[MIN1]] : !pvm.reg<r7>), ^[[Z4:bb[0-9]+]] : !pvm.reg<r7>
// CHECK-NEXT: ^[[Z4]]:
// CHECK-NEXT: %[[ZERO4:.+]] = pvm.load_imm 0 : !pvm.reg<r7>
// CHECK-NEXT: pvm.fallthrough ^[[J4]](%[[ZERO4]] : !pvm.reg<r7>)
// CHECK-NEXT: ^[[J4]](%[[MIN2:[^:]+]]: !pvm.reg<r7>):
// CHECK-NEXT: pvm.jump_ind %[[RA]], 0 uses({{.*}}%[[MIN2]],
riscv.program entry @no_free_max_min {
  riscv.func @no_free_max_min at 0 {
  ^bb0(%ra: !riscv.reg<ra>, %sp: !riscv.reg<sp>, %t0: !riscv.reg<t0>, %t1: !riscv.reg<t1>, %t2: !riscv.reg<t2>, %s0: !riscv.reg<s0>, %s1: !riscv.reg<s1>, %a0: !riscv.reg<a0>, %a1: !riscv.reg<a1>, %a2: !riscv.reg<a2>, %a3: !riscv.reg<a3>, %a4: !riscv.reg<a4>, %a5: !riscv.reg<a5>):
    %z = riscv.constant 0 : !riscv.reg<zero>
    %0 = riscv.max %a0, %z : (!riscv.reg<a0>, !riscv.reg<zero>) -> !riscv.reg<a0>
    %1 = riscv.max %z, %0 : (!riscv.reg<zero>, !riscv.reg<a0>) -> !riscv.reg<a0>
    %2 = riscv.min %1, %z : (!riscv.reg<a0>, !riscv.reg<zero>) -> !riscv.reg<a0>
    %3 = riscv.min %z, %2 : (!riscv.reg<zero>, !riscv.reg<a0>) -> !riscv.reg<a0>
    riscv.jalr 0(%ra) uses(%sp, %t0, %t1, %t2, %s0, %s1, %3, %a1, %a2, %a3, %a4, %a5 : !riscv.reg<sp>, !riscv.reg<t0>, !riscv.reg<t1>, !riscv.reg<t2>, !riscv.reg<s0>, !riscv.reg<s1>, !riscv.reg<a0>, !riscv.reg<a1>, !riscv.reg<a2>, !riscv.reg<a3>, !riscv.reg<a4>, !riscv.reg<a5>) [] : !riscv.reg<ra>
  }
}

// -----

// Every register live: orc.b borrows t0, keeping its value at sp - 8 for
// the length of the sequence; later uses of t0 read the reloaded value.
// CHECK-LABEL: pvm.func @no_free_orc_b
// CHECK: ^bb1(%[[RA:[^:]+]]: !pvm.reg<r0>, %[[SP:[^:]+]]: !pvm.reg<r1>, %[[T0:[^:]+]]: !pvm.reg<r2>, {{.*}}, %[[A0:[^:]+]]: !pvm.reg<r7>,
// CHECK-NEXT: pvm.store_ind_u64 %[[T0]], %[[SP]], -8 : !pvm.reg<r2>, !pvm.reg<r1>
// CHECK-NEXT: %[[S1:.+]] = pvm.shlo_r_imm_64 %[[A0]], 1 : (!pvm.reg<r7>) -> !pvm.reg<r2>
// CHECK-NEXT: %{{.+}} = pvm.or %[[A0]], %[[S1]] : (!pvm.reg<r7>, !pvm.reg<r2>) -> !pvm.reg<r7>
// CHECK-NEXT: = pvm.shlo_r_imm_64 {{.*}}, 2 :
// CHECK-NEXT: = pvm.or
// CHECK-NEXT: = pvm.shlo_r_imm_64 {{.*}}, 4 :
// CHECK-NEXT: = pvm.or
// CHECK-NEXT: = pvm.load_imm_64 72340172838076673
// CHECK-NEXT: = pvm.and
// CHECK-NEXT: = pvm.shlo_l_imm_64 {{.*}}, 8 :
// CHECK-NEXT: %[[ORC:.+]] = pvm.sub_64 %{{.+}}, %{{.+}} : (!pvm.reg<r2>, !pvm.reg<r7>) -> !pvm.reg<r7>
// CHECK-NEXT: %[[T0B:.+]] = pvm.load_ind_u64 %[[SP]], -8 : (!pvm.reg<r1>) -> !pvm.reg<r2>
// CHECK-NEXT: pvm.jump_ind %[[RA]], 0 uses(%[[SP]], %[[T0B]], {{.*}}, %[[ORC]],
riscv.program entry @no_free_orc_b {
  riscv.func @no_free_orc_b at 0 {
  ^bb0(%ra: !riscv.reg<ra>, %sp: !riscv.reg<sp>, %t0: !riscv.reg<t0>, %t1: !riscv.reg<t1>, %t2: !riscv.reg<t2>, %s0: !riscv.reg<s0>, %s1: !riscv.reg<s1>, %a0: !riscv.reg<a0>, %a1: !riscv.reg<a1>, %a2: !riscv.reg<a2>, %a3: !riscv.reg<a3>, %a4: !riscv.reg<a4>, %a5: !riscv.reg<a5>):
    %0 = riscv.orc.b %a0 : (!riscv.reg<a0>) -> !riscv.reg<a0>
    riscv.jalr 0(%ra) uses(%sp, %t0, %t1, %t2, %s0, %s1, %0, %a1, %a2, %a3, %a4, %a5 : !riscv.reg<sp>, !riscv.reg<t0>, !riscv.reg<t1>, !riscv.reg<t2>, !riscv.reg<s0>, !riscv.reg<s1>, !riscv.reg<a0>, !riscv.reg<a1>, !riscv.reg<a2>, !riscv.reg<a3>, !riscv.reg<a4>, !riscv.reg<a5>) [] : !riscv.reg<ra>
  }
}

// -----

// The same into a1 from a0, a0 staying live and a1's old value dead.
// CHECK-LABEL: pvm.func @no_free_orc_b_other
// CHECK: ^bb1(%[[RA:[^:]+]]: !pvm.reg<r0>, %[[SP:[^:]+]]: !pvm.reg<r1>, %[[T0:[^:]+]]: !pvm.reg<r2>, {{.*}}, %[[A0:[^:]+]]: !pvm.reg<r7>,
// CHECK-NEXT: pvm.store_ind_u64 %[[T0]], %[[SP]], -8 : !pvm.reg<r2>, !pvm.reg<r1>
// CHECK-NEXT: %[[S1:.+]] = pvm.shlo_r_imm_64 %[[A0]], 1 : (!pvm.reg<r7>) -> !pvm.reg<r2>
// CHECK-NEXT: %{{.+}} = pvm.or %[[A0]], %[[S1]] : (!pvm.reg<r7>, !pvm.reg<r2>) -> !pvm.reg<r8>
// CHECK-NEXT: = pvm.shlo_r_imm_64 {{.*}}, 2 :
// CHECK-NEXT: = pvm.or
// CHECK-NEXT: = pvm.shlo_r_imm_64 {{.*}}, 4 :
// CHECK-NEXT: = pvm.or
// CHECK-NEXT: = pvm.load_imm_64 72340172838076673
// CHECK-NEXT: = pvm.and
// CHECK-NEXT: = pvm.shlo_l_imm_64 {{.*}}, 8 :
// CHECK-NEXT: %[[ORC:.+]] = pvm.sub_64 %{{.+}}, %{{.+}} : (!pvm.reg<r2>, !pvm.reg<r8>) -> !pvm.reg<r8>
// CHECK-NEXT: %[[T0B:.+]] = pvm.load_ind_u64 %[[SP]], -8 : (!pvm.reg<r1>) -> !pvm.reg<r2>
// CHECK-NEXT: pvm.jump_ind %[[RA]], 0 uses(%[[SP]], %[[T0B]], {{.*}}, %[[A0]], %[[ORC]],
riscv.program entry @no_free_orc_b_other {
  riscv.func @no_free_orc_b_other at 0 {
  ^bb0(%ra: !riscv.reg<ra>, %sp: !riscv.reg<sp>, %t0: !riscv.reg<t0>, %t1: !riscv.reg<t1>, %t2: !riscv.reg<t2>, %s0: !riscv.reg<s0>, %s1: !riscv.reg<s1>, %a0: !riscv.reg<a0>, %a2: !riscv.reg<a2>, %a3: !riscv.reg<a3>, %a4: !riscv.reg<a4>, %a5: !riscv.reg<a5>):
    %0 = riscv.orc.b %a0 : (!riscv.reg<a0>) -> !riscv.reg<a1>
    riscv.jalr 0(%ra) uses(%sp, %t0, %t1, %t2, %s0, %s1, %a0, %0, %a2, %a3, %a4, %a5 : !riscv.reg<sp>, !riscv.reg<t0>, !riscv.reg<t1>, !riscv.reg<t2>, !riscv.reg<s0>, !riscv.reg<s1>, !riscv.reg<a0>, !riscv.reg<a1>, !riscv.reg<a2>, !riscv.reg<a3>, !riscv.reg<a4>, !riscv.reg<a5>) [] : !riscv.reg<ra>
  }
}

// -----

// Every register live, orc.b into sp: sp must address the slots to the
// end, so the result is built in a borrowed t0 with a borrowed t1, stored
// at sp - 24, and loaded into sp last. From sp itself, and from a0 (the old
// sp is then dead, but still in the register).
// CHECK-LABEL: pvm.func @no_free_orc_b_into_sp
// CHECK: ^bb1(%[[RA:[^:]+]]: !pvm.reg<r0>, %[[SP:[^:]+]]: !pvm.reg<r1>, %[[T0:[^:]+]]: !pvm.reg<r2>, %[[T1:[^:]+]]: !pvm.reg<r3>, {{.*}}, %[[A0:[^:]+]]: !pvm.reg<r7>,
// CHECK-NEXT: pvm.store_ind_u64 %[[T0]], %[[SP]], -8 : !pvm.reg<r2>, !pvm.reg<r1>
// CHECK-NEXT: pvm.store_ind_u64 %[[T1]], %[[SP]], -16 : !pvm.reg<r3>, !pvm.reg<r1>
// CHECK-NEXT: %[[S1:.+]] = pvm.shlo_r_imm_64 %[[SP]], 1 : (!pvm.reg<r1>) -> !pvm.reg<r3>
// CHECK-NEXT: %{{.+}} = pvm.or %[[SP]], %[[S1]] : (!pvm.reg<r1>, !pvm.reg<r3>) -> !pvm.reg<r2>
// CHECK-NEXT: = pvm.shlo_r_imm_64 {{.*}}, 2 :
// CHECK-NEXT: = pvm.or
// CHECK-NEXT: = pvm.shlo_r_imm_64 {{.*}}, 4 :
// CHECK-NEXT: = pvm.or
// CHECK-NEXT: = pvm.load_imm_64 72340172838076673
// CHECK-NEXT: = pvm.and
// CHECK-NEXT: = pvm.shlo_l_imm_64 {{.*}}, 8 :
// CHECK-NEXT: %[[ORC:.+]] = pvm.sub_64 %{{.+}}, %{{.+}} : (!pvm.reg<r3>, !pvm.reg<r2>) -> !pvm.reg<r2>
// CHECK-NEXT: pvm.store_ind_u64 %[[ORC]], %[[SP]], -24 : !pvm.reg<r2>, !pvm.reg<r1>
// CHECK-NEXT: %[[T1B:.+]] = pvm.load_ind_u64 %[[SP]], -16 : (!pvm.reg<r1>) -> !pvm.reg<r3>
// CHECK-NEXT: %[[T0B:.+]] = pvm.load_ind_u64 %[[SP]], -8 : (!pvm.reg<r1>) -> !pvm.reg<r2>
// CHECK-NEXT: %[[SP2:.+]] = pvm.load_ind_u64 %[[SP]], -24 : (!pvm.reg<r1>) -> !pvm.reg<r1>
// CHECK-NEXT: %[[SP2B:.+]] = pvm.add_imm_64 %[[SP2]], 2047 : (!pvm.reg<r1>) -> !pvm.reg<r1>
// CHECK-NEXT: %[[SP3:.+]] = pvm.add_imm_64 %[[SP2B]], 2047 : (!pvm.reg<r1>) -> !pvm.reg<r1>
// CHECK-NEXT: pvm.store_ind_u64 %[[T0B]], %[[SP3]], -8 : !pvm.reg<r2>, !pvm.reg<r1>
// CHECK-NEXT: pvm.store_ind_u64 %[[T1B]], %[[SP3]], -16 : !pvm.reg<r3>, !pvm.reg<r1>
// CHECK-NEXT: %[[S2:.+]] = pvm.shlo_r_imm_64 %[[A0]], 1 : (!pvm.reg<r7>) -> !pvm.reg<r3>
// CHECK-NEXT: %{{.+}} = pvm.or %[[A0]], %[[S2]] : (!pvm.reg<r7>, !pvm.reg<r3>) -> !pvm.reg<r2>
// CHECK-NEXT: = pvm.shlo_r_imm_64 {{.*}}, 2 :
// CHECK-NEXT: = pvm.or
// CHECK-NEXT: = pvm.shlo_r_imm_64 {{.*}}, 4 :
// CHECK-NEXT: = pvm.or
// CHECK-NEXT: = pvm.load_imm_64 72340172838076673
// CHECK-NEXT: = pvm.and
// CHECK-NEXT: = pvm.shlo_l_imm_64 {{.*}}, 8 :
// CHECK-NEXT: %[[ORC2:.+]] = pvm.sub_64 %{{.+}}, %{{.+}} : (!pvm.reg<r3>, !pvm.reg<r2>) -> !pvm.reg<r2>
// CHECK-NEXT: pvm.store_ind_u64 %[[ORC2]], %[[SP3]], -24 : !pvm.reg<r2>, !pvm.reg<r1>
// CHECK-NEXT: %[[T1C:.+]] = pvm.load_ind_u64 %[[SP3]], -16 : (!pvm.reg<r1>) -> !pvm.reg<r3>
// CHECK-NEXT: %[[T0C:.+]] = pvm.load_ind_u64 %[[SP3]], -8 : (!pvm.reg<r1>) -> !pvm.reg<r2>
// CHECK-NEXT: %[[SP4:.+]] = pvm.load_ind_u64 %[[SP3]], -24 : (!pvm.reg<r1>) -> !pvm.reg<r1>
// CHECK-NEXT: pvm.jump_ind %[[RA]], 0 uses(%[[SP4]], %[[T0C]], %[[T1C]], {{.*}}, %[[A0]],
riscv.program entry @no_free_orc_b_into_sp {
  riscv.func @no_free_orc_b_into_sp at 0 {
  ^bb0(%ra: !riscv.reg<ra>, %sp: !riscv.reg<sp>, %t0: !riscv.reg<t0>, %t1: !riscv.reg<t1>, %t2: !riscv.reg<t2>, %s0: !riscv.reg<s0>, %s1: !riscv.reg<s1>, %a0: !riscv.reg<a0>, %a1: !riscv.reg<a1>, %a2: !riscv.reg<a2>, %a3: !riscv.reg<a3>, %a4: !riscv.reg<a4>, %a5: !riscv.reg<a5>):
    %0 = riscv.orc.b %sp : (!riscv.reg<sp>) -> !riscv.reg<sp>
    %1 = riscv.addi %0, 2047 : (!riscv.reg<sp>) -> !riscv.reg<sp>
    %2 = riscv.addi %1, 2047 : (!riscv.reg<sp>) -> !riscv.reg<sp>
    %3 = riscv.orc.b %a0 : (!riscv.reg<a0>) -> !riscv.reg<sp>
    riscv.jalr 0(%ra) uses(%3, %t0, %t1, %t2, %s0, %s1, %a0, %a1, %a2, %a3, %a4, %a5 : !riscv.reg<sp>, !riscv.reg<t0>, !riscv.reg<t1>, !riscv.reg<t2>, !riscv.reg<s0>, !riscv.reg<s1>, !riscv.reg<a0>, !riscv.reg<a1>, !riscv.reg<a2>, !riscv.reg<a3>, !riscv.reg<a4>, !riscv.reg<a5>) [] : !riscv.reg<ra>
  }
}

// -----

// A spill whose borrowed value is used after a later max/min that branches
// (rewritten first): the uses in the blocks split off read the reloaded
// value too.
// CHECK-LABEL: pvm.func @spill_then_branch
// CHECK: ^bb1(%[[RA:[^:]+]]: !pvm.reg<r0>, %[[SP:[^:]+]]: !pvm.reg<r1>, %[[T0:[^:]+]]: !pvm.reg<r2>,
// CHECK-NEXT: pvm.store_ind_u64 %[[T0]], %[[SP]], -8
// CHECK: %[[T0B:.+]] = pvm.load_ind_u64 %[[SP]], -8 : (!pvm.reg<r1>) -> !pvm.reg<r2>
// CHECK-NEXT: pvm.branch_ge_s_imm
// CHECK: pvm.jump_ind %[[RA]], 0 uses(%[[SP]], %[[T0B]],
riscv.program entry @spill_then_branch {
  riscv.func @spill_then_branch at 0 {
  ^bb0(%ra: !riscv.reg<ra>, %sp: !riscv.reg<sp>, %t0: !riscv.reg<t0>, %t1: !riscv.reg<t1>, %t2: !riscv.reg<t2>, %s0: !riscv.reg<s0>, %s1: !riscv.reg<s1>, %a0: !riscv.reg<a0>, %a1: !riscv.reg<a1>, %a2: !riscv.reg<a2>, %a3: !riscv.reg<a3>, %a4: !riscv.reg<a4>, %a5: !riscv.reg<a5>):
    %z = riscv.constant 0 : !riscv.reg<zero>
    %0 = riscv.orc.b %a0 : (!riscv.reg<a0>) -> !riscv.reg<a0>
    %1 = riscv.max %0, %z : (!riscv.reg<a0>, !riscv.reg<zero>) -> !riscv.reg<a0>
    riscv.jalr 0(%ra) uses(%sp, %t0, %t1, %t2, %s0, %s1, %1, %a1, %a2, %a3, %a4, %a5 : !riscv.reg<sp>, !riscv.reg<t0>, !riscv.reg<t1>, !riscv.reg<t2>, !riscv.reg<s0>, !riscv.reg<s1>, !riscv.reg<a0>, !riscv.reg<a1>, !riscv.reg<a2>, !riscv.reg<a3>, !riscv.reg<a4>, !riscv.reg<a5>) [] : !riscv.reg<ra>
  }
}
