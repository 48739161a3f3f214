// RUN: rm -rf %t && mkdir %t
// RUN: printf '# counts\n@main 0x10 5\n@main 0x14 3\n@main 0x14 2\n' > %t/good.profile
// RUN: grey-opt %s --pvm-attach-profile=file=%t/good.profile | FileCheck %s
// RUN: printf '@main 16\n' > %t/bad.profile
// RUN: not grey-opt %s --pvm-attach-profile=file=%t/bad.profile 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not grey-opt %s --pvm-attach-profile=file=%t/none.profile 2>&1 | FileCheck %s --check-prefix=NONE

// Counts of one address add up; a function the profile does not name gets
// an empty profile (it never ran).
// CHECK: pvm.func @main attributes {pvm.profile = array<i64: 16, 5, 20, 5>}
// CHECK: pvm.func @other attributes {pvm.profile = array<i64>}
// BAD: error: pvm-attach-profile: {{.*}}bad.profile: line 1: expected '@function 0xaddress count', got '@main 16'
// NONE: error: pvm-attach-profile: cannot open input file '{{.*}}none.profile'
pvm.program entry @main stack 0 heap 0 layout current {
  pvm.func @main {
    pvm.trap
  }
  pvm.func @other {
    pvm.trap
  }
}
