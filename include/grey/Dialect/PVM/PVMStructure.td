//===- PVMStructure.td - programs, functions, data ---------*- tablegen -*-===//
//
// The ops that give a PVM program its shape: the program with its memory
// layout, functions holding code, data segments and the jump table.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_PVMSTRUCTURE_TD
#define GREY_DIALECT_PVM_PVMSTRUCTURE_TD

include "grey/Dialect/PVM/PVMDialect.td"
include "grey/Dialect/PVM/PVMTypes.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/IR/RegionKindInterface.td"

def PVM_ProgramOp : PVM_Op<"program", [SymbolTable, NoTerminator, SingleBlock,
                                       IsolatedFromAbove, NoRegionArguments]> {
  let summary = "a whole PVM program: code, data and memory layout";
  let description = [{
    Holds the program's functions and data segments. `entry`
    names the function that runs first (its first block is placed at PC 0).
    `stack_size` and `heap_size` are in bytes; `cap_layout` selects the
    kernel ABI the blob is written for (kernel-abi.md §2). `memory_pages`,
    when present, is the blob header's untyped-memory page count, which also
    selects the gas model's memory tier. `code_slot`, when present,
    overrides the layout's slot for the CODE cap (the header's `invoke_cap`).
    `args_pages`, when present, is the size of the argument-buffer cap the
    blob writer adds after the heap (default 1 page; 0 = no such cap).
  }];
  let arguments = (ins FlatSymbolRefAttr:$entry,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$stack_size,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$heap_size,
                       PVM_CapLayout:$cap_layout,
                       OptionalAttr<ConfinedAttr<I64Attr, [IntNonNegative]>>:$memory_pages,
                       OptionalAttr<ConfinedAttr<I64Attr,
                           [IntNonNegative, IntMaxValue<255>]>>:$code_slot,
                       OptionalAttr<ConfinedAttr<I64Attr,
                           [IntNonNegative]>>:$args_pages);
  let regions = (region SizedRegion<1>:$body);
  // Keep the builders from before `code_slot` and `args_pages` were added.
  let builders = [
    OpBuilder<(ins "::mlir::FlatSymbolRefAttr":$entry,
                   "::mlir::IntegerAttr":$stack_size,
                   "::mlir::IntegerAttr":$heap_size,
                   "::grey::pvm::CapLayoutAttr":$cap_layout,
                   "::mlir::IntegerAttr":$memory_pages), [{
      build($_builder, $_state, entry, stack_size, heap_size, cap_layout,
            memory_pages, ::mlir::IntegerAttr(), ::mlir::IntegerAttr());
    }]>,
    OpBuilder<(ins "::llvm::StringRef":$entry, "uint64_t":$stack_size,
                   "uint64_t":$heap_size, "::grey::pvm::CapLayout":$cap_layout,
                   "::mlir::IntegerAttr":$memory_pages), [{
      build($_builder, $_state, entry, stack_size, heap_size, cap_layout,
            memory_pages, ::mlir::IntegerAttr(), ::mlir::IntegerAttr());
    }]>];
  let assemblyFormat = [{
    `entry` $entry `stack` $stack_size `heap` $heap_size `layout` $cap_layout
    attr-dict-with-keyword $body
  }];
  let hasVerifier = 1;
}

def PVM_FuncOp : PVM_Op<"func", [Symbol, HasParent<"ProgramOp">,
                                 IsolatedFromAbove,
                                 DeclareOpInterfaceMethods<RegionKindInterface>]> {
  let summary = "a function: a control-flow graph of PVM instructions";
  let description = [{
    Registers are pinned by value types, so a function has no signature:
    what flows in and out is named by calls, returns and the ABI. The entry
    block has no arguments.
  }];
  let arguments = (ins SymbolNameAttr:$sym_name);
  let regions = (region MinSizedRegion<1>:$body);
  let assemblyFormat = "$sym_name attr-dict-with-keyword $body";
  let hasVerifier = 1;
}

def PVM_SegmentOp : PVM_Op<"segment", [Symbol, HasParent<"ProgramOp">]> {
  let summary = "a data segment mapped by a DATA capability";
  let description = [{
    `size` bytes at guest address `base`, with access `access`. The first
    bytes are `init`; the rest are zero. `slot`, when present, is the cap
    slot of its DATA capability; otherwise the blob writer picks the
    layout's read-only or read-write data slot.
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$base,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$size,
                       PVM_Access:$access,
                       DefaultValuedStrAttr<StrAttr, "">:$init,
                       OptionalAttr<ConfinedAttr<I64Attr,
                           [IntNonNegative, IntMaxValue<255>]>>:$slot);
  // Keep the builders without `slot` that existed before it was added.
  let builders = [
    OpBuilder<(ins "::mlir::StringAttr":$sym_name, "::mlir::IntegerAttr":$base,
                   "::mlir::IntegerAttr":$size,
                   "::grey::pvm::AccessAttr":$access,
                   "::mlir::StringAttr":$init), [{
      build($_builder, $_state, sym_name, base, size, access, init,
            ::mlir::IntegerAttr());
    }]>,
    OpBuilder<(ins "::llvm::StringRef":$sym_name, "uint64_t":$base,
                   "uint64_t":$size, "::grey::pvm::Access":$access,
                   "::llvm::StringRef":$init), [{
      build($_builder, $_state, sym_name, base, size, access, init,
            ::mlir::IntegerAttr());
    }]>];
  let assemblyFormat = [{
    $sym_name `base` $base `size` $size $access (`init` $init^)? attr-dict
  }];
  let hasVerifier = 1;
}

def PVM_JumpTableEntryOp : PVM_Op<"jump_table_entry", [HasParent<"FuncOp">]> {
  let summary = "makes the enclosing block a jump-table entry";
  let description = [{
    Declares that jump-table entry `index` (0-based) points at the start of
    this block, so the dynamic-jump address `2(index+1)` reaches it
    (pvm-isa.md §4.4). Only other entry declarations may precede it in its
    block. A program's entries must be numbered 0…n−1, each exactly once;
    several may name the same block. Emits no code.
  }];
  let arguments = (ins ConfinedAttr<I64Attr, [IntNonNegative]>:$index);
  let assemblyFormat = "$index attr-dict";
  let hasVerifier = 1;
}

def PVM_GetRegisterOp : PVM_Op<"get_register", [HasParent<"FuncOp">]> {
  let summary = "the value a machine register holds at this point";
  let description = [{
    Reads the machine register named by the result type, as the machine
    state has it here, without an SSA definition (xDSL's `get_register`).
    Emits no code. The blob importer puts one before each instruction that
    reads a register the block has not written yet (or not since a host
    call), so decoded code needs no block arguments: an edge from
    `load_imm_jump` could not pass the register that very op writes. Has
    unknown effects on purpose, so it is never merged or moved across
    instructions.
  }];
  let results = (outs PVM_RegType:$value);
  let assemblyFormat = "attr-dict `:` qualified(type($value))";
}

#endif // GREY_DIALECT_PVM_PVMSTRUCTURE_TD
