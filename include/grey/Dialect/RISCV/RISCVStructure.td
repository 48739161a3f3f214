//===- RISCVStructure.td - programs, functions, data -------*- tablegen -*-===//
//
// The shape of an imported ELF: a program holding functions and segments.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_RISCV_RISCVSTRUCTURE_TD
#define GREY_DIALECT_RISCV_RISCVSTRUCTURE_TD

include "grey/Dialect/RISCV/RISCVDialect.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/IR/RegionKindInterface.td"

def RISCV_ProgramOp : RISCV_Op<"program", [SymbolTable, NoTerminator,
    SingleBlock, IsolatedFromAbove, NoRegionArguments]> {
  let summary = "an imported RISC-V program";
  let description = [{
    Holds the program's functions and data segments. `entry` is the function
    at the ELF entry point.
  }];
  let arguments = (ins FlatSymbolRefAttr:$entry);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "`entry` $entry attr-dict-with-keyword $body";
  let hasVerifier = 1;
}

def RISCV_FuncOp : RISCV_Op<"func", [Symbol, HasParent<"ProgramOp">,
    IsolatedFromAbove, DeclareOpInterfaceMethods<RegionKindInterface>]> {
  let summary = "a recovered function";
  let description = [{
    `address` is the function's entry address in the ELF. Registers are
    pinned by value types, so the function has no signature; the entry
    block takes the registers live on entry as arguments.
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$address);
  let regions = (region MinSizedRegion<1>:$body);
  let assemblyFormat = "$sym_name `at` $address attr-dict-with-keyword $body";
}

def RISCV_SegmentOp : RISCV_Op<"segment", [Symbol, HasParent<"ProgramOp">]> {
  let summary = "a range of the ELF's data image";
  let description = [{
    `size` bytes at address `address`, writable if `writable` is set. The
    first bytes are `init`; the rest are zero (`.bss`).
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$address,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$size,
                       UnitAttr:$writable,
                       DefaultValuedStrAttr<StrAttr, "">:$init);
  let assemblyFormat = [{
    $sym_name `at` $address `size` $size (`writable` $writable^)?
    (`init` $init^)? attr-dict
  }];
  let hasVerifier = 1;
}

def RISCV_CodePointerOp : RISCV_Op<"code_pointer", [HasParent<"ProgramOp">]> {
  let summary = "a code address stored in data";
  let description = [{
    The `size` (4 or 8) bytes at data address `address` hold the guest code
    address `target`, or `target - base` when `base` is present (LLVM's
    PC-relative switch tables). `target` is the entry of `function` or the
    start of a block of `function` marked `riscv.code_label target`. A later
    stage rewrites these bytes when code addresses change.
  }];
  let arguments = (ins FlatSymbolRefAttr:$function,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$target,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$address,
                       ConfinedAttr<I64Attr, [IntMinValue<4>, IntMaxValue<8>]>:$size,
                       OptionalAttr<I64Attr>:$base);
  let assemblyFormat = [{
    $function `,` $target `at` $address `size` $size (`base` $base^)? attr-dict
  }];
}

def RISCV_CodeLabelOp : RISCV_Op<"code_label", [HasParent<"FuncOp">]> {
  let summary = "marks a block as the target of a stored code address";
  let description = [{
    The enclosing block starts at guest code address `address`, which a
    `riscv.code_pointer` or `riscv.code_addr` names. Only the first op of a
    block. Emits no code.
  }];
  let arguments = (ins ConfinedAttr<I64Attr, [IntNonNegative]>:$address);
  let assemblyFormat = "$address attr-dict";
}

#endif // GREY_DIALECT_RISCV_RISCVSTRUCTURE_TD
