//===- PVMOps.td - one op per PVM opcode -------------------*- tablegen -*-===//
//
// Every PVM instruction (pvm-isa.md §3), grouped by operand layout. The opcode
// number, format class and gas terminator flag of each instruction are
// written here and nowhere else.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_PVMOPS_TD
#define GREY_DIALECT_PVM_PVMOPS_TD

include "grey/Dialect/PVM/PVMDialect.td"
include "grey/Dialect/PVM/PVMTypes.td"
include "grey/Dialect/PVM/PVMInterfaces.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Immediates
//===----------------------------------------------------------------------===//

// A value the machine sign-extends from at most four encoded bytes.
def PVM_Imm32 : ConfinedAttr<I64Attr,
    [IntMinValue<-2147483648>, IntMaxValue<2147483647>]>;
// An absolute address: only its low 32 bits matter, so both the unsigned
// address and its sign-extended encoding are accepted.
def PVM_Addr32 : ConfinedAttr<I64Attr,
    [IntMinValue<-2147483648>, IntMaxValue<4294967295>]>;

//===----------------------------------------------------------------------===//
// Base classes
//===----------------------------------------------------------------------===//

// One PVM instruction. `opcode`, `format` and `gasTerminator` become the
// static members read by the instruction interface.
class PVM_Inst<string mnemonic, int opcode, string format, bit gasTerminator,
               list<Trait> traits = []>
    : PVM_Op<mnemonic, !listconcat(traits, [PVM_InstructionOpInterface])> {
  int opcodeNumber = opcode;
  code extraInstDecls = "";
  let extraClassDeclaration = "static constexpr unsigned kOpcode = " # opcode #
    ";\nstatic constexpr ::grey::pvm::Format kFormat = ::grey::pvm::Format::" #
    format # ";\nstatic constexpr bool kIsTerminator = " #
    !if(gasTerminator, "true", "false") # ";\n" # extraInstDecls;
}

// Successor operand accessors shared by the branch ops with a taken and a
// not-taken destination. A value may be passed to a block argument in
// another register only while one of them is unallocated:
// pvm-allocate-registers then adds the move.
defvar TwoWayBranchDecls = [{
  bool areTypesCompatible(::mlir::Type passed, ::mlir::Type argument) {
    return ::grey::pvm::canPassToArgument(passed, argument);
  }
  ::mlir::SuccessorOperands getSuccessorOperands(unsigned index) {
    return ::mlir::SuccessorOperands(index == 0 ? getTargetOperandsMutable()
                                                : getNextOperandsMutable());
  }
}];
// The branch that goes to `target` exactly when this one goes to `next`
// (operands unchanged): `pvm.` # inverse.
class InverseBranchDecl<string inverse> {
  code decl = [{
  static constexpr ::llvm::StringLiteral kInverseName = "pvm.}] # inverse #
    [{";
}];
}
defvar OneWayBranchDecls = [{
  bool areTypesCompatible(::mlir::Type passed, ::mlir::Type argument) {
    return ::grey::pvm::canPassToArgument(passed, argument);
  }
  ::mlir::SuccessorOperands getSuccessorOperands(unsigned index) {
    return ::mlir::SuccessorOperands(getDestOperandsMutable());
  }
}];

//===----------------------------------------------------------------------===//
// NoArgs (0-3), OneImm (10)
//===----------------------------------------------------------------------===//

def PVM_TrapOp : PVM_Inst<"trap", 0, "NoArgs", 1, [Terminator]> {
  let summary = "stop with a trap";
  let description = [{ Exit `Trap`; the PC stays on the trap. }];
  let assemblyFormat = "attr-dict";
}

class PVM_NoOpTerminator<string mnemonic, int opcode>
    : PVM_Inst<mnemonic, opcode, "NoArgs", 1,
               [Terminator, Pure, BranchOpInterface]> {
  let arguments = (ins Variadic<PVM_RegType>:$destOperands);
  let successors = (successor AnySuccessor:$dest);
  let assemblyFormat = [{
    $dest (`(` $destOperands^ `:` qualified(type($destOperands)) `)`)? attr-dict
  }];
  let extraInstDecls = OneWayBranchDecls;
}

def PVM_FallthroughOp : PVM_NoOpTerminator<"fallthrough", 1> {
  let summary = "end a gas block and continue with the next instruction";
  let description = [{
    No operation. `dest` must be the block laid out next.
  }];
}

def PVM_UnlikelyOp : PVM_NoOpTerminator<"unlikely", 2> {
  let summary = "end a gas block, marking a cold path";
  let description = [{
    No operation, like `fallthrough`, but charged 40 cycles by the
    interpreter's gas model (2 by the recompiler's; gas-model.md §7).
    A branch whose target starts with `unlikely` costs 1 instead of 20.
  }];
}

def PVM_EcallOp : PVM_Inst<"ecall", 3, "NoArgs", 0> {
  let summary = "kernel call selected by φ11";
  let description = [{
    Exit `Ecall`; the kernel reads φ11 (operation) and φ12 (subject/object)
    and resumes at the next instruction. `uses` and the results name the
    registers the call reads and writes. Not a gas terminator in the
    recompiler's cost table, though the Rust interpreter ends a block here.
  }];
  let arguments = (ins Variadic<PVM_RegType>:$uses);
  let results = (outs Variadic<PVM_RegType>:$defs);
  let assemblyFormat = "`(` $uses `)` attr-dict `:` functional-type($uses, $defs)";
}

def PVM_EcalliOp : PVM_Inst<"ecalli", 10, "OneImm", 1> {
  let summary = "call the capability in slot `slot`";
  let description = [{
    Exit `HostCall(lo32(slot))`; the kernel CALLs the capability in that slot
    and resumes at the next instruction, which starts a gas block. `uses` and
    the results name the registers the call reads (φ7–φ12) and writes.
  }];
  let arguments = (ins PVM_Imm32:$slot, Variadic<PVM_RegType>:$uses);
  let results = (outs Variadic<PVM_RegType>:$defs);
  let assemblyFormat =
      "$slot `(` $uses `)` attr-dict `:` functional-type($uses, $defs)";
}

//===----------------------------------------------------------------------===//
// OneRegExtImm (20), TwoImm (30-33), OneOffset (40)
//===----------------------------------------------------------------------===//

def PVM_LoadImm64Op : PVM_Inst<"load_imm_64", 20, "OneRegExtImm", 0,
                               [Pure, ConstantLike]> {
  let summary = "load a 64-bit immediate";
  let description = [{ `rd = value` (all 64 bits encoded, no extension). }];
  let arguments = (ins I64Attr:$value);
  let results = (outs PVM_RegType:$rd);
  let assemblyFormat = "$value attr-dict `:` qualified(type($rd))";
  let hasFolder = 1;
}

class PVM_StoreImmOp<string mnemonic, int opcode, string width>
    : PVM_Inst<mnemonic, opcode, "TwoImm", 0, [MemoryEffects<[MemWrite]>]> {
  let summary = "store an immediate at an absolute address";
  let description = "`M_" # width # "[lo32(address)] = value` (truncated to " #
      width # " bytes; `value` is sign-extended from its encoding).";
  let arguments = (ins PVM_Addr32:$address, PVM_Imm32:$value);
  let assemblyFormat = "$address `,` $value attr-dict";
}
def PVM_StoreImmU8Op : PVM_StoreImmOp<"store_imm_u8", 30, "1">;
def PVM_StoreImmU16Op : PVM_StoreImmOp<"store_imm_u16", 31, "2">;
def PVM_StoreImmU32Op : PVM_StoreImmOp<"store_imm_u32", 32, "4">;
def PVM_StoreImmU64Op : PVM_StoreImmOp<"store_imm_u64", 33, "8">;

def PVM_JumpOp : PVM_Inst<"jump", 40, "OneOffset", 1,
                          [Terminator, Pure,
                           BranchOpInterface]> {
  let summary = "unconditional jump";
  let description = [{ `pc = dest`; `dest` must start a gas block. }];
  let arguments = (ins Variadic<PVM_RegType>:$destOperands);
  let successors = (successor AnySuccessor:$dest);
  let assemblyFormat = [{
    $dest (`(` $destOperands^ `:` qualified(type($destOperands)) `)`)? attr-dict
  }];
  let extraInstDecls = OneWayBranchDecls;
}

//===----------------------------------------------------------------------===//
// OneRegOneImm (50-62)
//===----------------------------------------------------------------------===//

def PVM_JumpIndOp : PVM_Inst<"jump_ind", 50, "OneRegOneImm", 1, [Terminator]> {
  let summary = "dynamic jump through the jump table";
  let description = [{
    Jump to the jump-table entry for address `lo32(base + offset)`
    (pvm-isa.md §4.4): address 2k selects entry k−1; 0, odd addresses and
    addresses beyond the table panic. `uses` names the registers live at the
    destination (for a return, the results and callee-saved registers);
    `targets` lists the blocks of this function the jump may reach, if known.
  }];
  let arguments = (ins PVM_RegType:$base, PVM_Imm32:$offset,
                       Variadic<PVM_RegType>:$uses);
  let successors = (successor VariadicSuccessor<AnySuccessor>:$targets);
  let assemblyFormat = [{
    $base `,` $offset (`uses` `(` $uses^ `:` qualified(type($uses)) `)`)?
    `[` $targets `]` attr-dict `:` qualified(type($base))
  }];
}

def PVM_LoadImmOp : PVM_Inst<"load_imm", 51, "OneRegOneImm", 0,
                             [Pure, ConstantLike]> {
  let summary = "load a sign-extended 32-bit immediate";
  let description = [{ `rd = sext(value)`. }];
  let arguments = (ins PVM_Imm32:$value);
  let results = (outs PVM_RegType:$rd);
  let assemblyFormat = "$value attr-dict `:` qualified(type($rd))";
  let hasFolder = 1;
}

class PVM_LoadAbsOp<string mnemonic, int opcode, string what>
    : PVM_Inst<mnemonic, opcode, "OneRegOneImm", 0, [MemoryEffects<[MemRead]>]> {
  let summary = "load from an absolute address";
  let description = "`rd = " # what # "(M[lo32(address)])`.";
  let arguments = (ins PVM_Addr32:$address);
  let results = (outs PVM_RegType:$rd);
  let assemblyFormat = "$address attr-dict `:` qualified(type($rd))";
}
def PVM_LoadU8Op : PVM_LoadAbsOp<"load_u8", 52, "zext8">;
def PVM_LoadI8Op : PVM_LoadAbsOp<"load_i8", 53, "sext8">;
def PVM_LoadU16Op : PVM_LoadAbsOp<"load_u16", 54, "zext16">;
def PVM_LoadI16Op : PVM_LoadAbsOp<"load_i16", 55, "sext16">;
def PVM_LoadU32Op : PVM_LoadAbsOp<"load_u32", 56, "zext32">;
def PVM_LoadI32Op : PVM_LoadAbsOp<"load_i32", 57, "sext32">;
def PVM_LoadU64Op : PVM_LoadAbsOp<"load_u64", 58, "">;

class PVM_StoreAbsOp<string mnemonic, int opcode, string width>
    : PVM_Inst<mnemonic, opcode, "OneRegOneImm", 0, [MemoryEffects<[MemWrite]>]> {
  let summary = "store a register at an absolute address";
  let description = "`M_" # width # "[lo32(address)] = value` (low " # width #
      " bytes).";
  let arguments = (ins PVM_RegType:$value, PVM_Addr32:$address);
  let assemblyFormat =
      "$value `,` $address attr-dict `:` qualified(type($value))";
}
def PVM_StoreU8Op : PVM_StoreAbsOp<"store_u8", 59, "1">;
def PVM_StoreU16Op : PVM_StoreAbsOp<"store_u16", 60, "2">;
def PVM_StoreU32Op : PVM_StoreAbsOp<"store_u32", 61, "4">;
def PVM_StoreU64Op : PVM_StoreAbsOp<"store_u64", 62, "8">;

//===----------------------------------------------------------------------===//
// OneRegTwoImm (70-73)
//===----------------------------------------------------------------------===//

class PVM_StoreImmIndOp<string mnemonic, int opcode, string width>
    : PVM_Inst<mnemonic, opcode, "OneRegTwoImm", 0, [MemoryEffects<[MemWrite]>]> {
  let summary = "store an immediate at base + offset";
  let description = "`M_" # width # "[lo32(base + offset)] = value`.";
  let arguments = (ins PVM_RegType:$base, PVM_Imm32:$offset, PVM_Imm32:$value);
  let assemblyFormat =
      "$base `,` $offset `,` $value attr-dict `:` qualified(type($base))";
}
def PVM_StoreImmIndU8Op : PVM_StoreImmIndOp<"store_imm_ind_u8", 70, "1">;
def PVM_StoreImmIndU16Op : PVM_StoreImmIndOp<"store_imm_ind_u16", 71, "2">;
def PVM_StoreImmIndU32Op : PVM_StoreImmIndOp<"store_imm_ind_u32", 72, "4">;
def PVM_StoreImmIndU64Op : PVM_StoreImmIndOp<"store_imm_ind_u64", 73, "8">;

//===----------------------------------------------------------------------===//
// OneRegImmOffset (80-90)
//===----------------------------------------------------------------------===//

def PVM_LoadImmJumpOp : PVM_Inst<"load_imm_jump", 80, "OneRegImmOffset", 1,
                                 [Terminator, Pure,
                                  BranchOpInterface]> {
  let summary = "load an immediate and jump";
  let description = [{
    `rd = sext(value); pc = dest`. With `rd` = φ0 and `value` a jump-table
    address this is the reference ABI's call.
  }];
  let arguments = (ins PVM_Imm32:$value, Variadic<PVM_RegType>:$destOperands);
  let results = (outs PVM_RegType:$rd);
  let successors = (successor AnySuccessor:$dest);
  let assemblyFormat = [{
    $value `,` $dest (`(` $destOperands^ `:` qualified(type($destOperands)) `)`)?
    attr-dict `:` qualified(type($rd))
  }];
  let extraInstDecls = OneWayBranchDecls;
}

class PVM_BranchImmOp<string mnemonic, int opcode, string cond,
                      string inverse>
    : PVM_Inst<mnemonic, opcode, "OneRegImmOffset", 1,
               [Terminator, Pure, AttrSizedOperandSegments,
                BranchOpInterface, PVM_ConditionalBranchOpInterface]> {
  let summary = "compare a register with an immediate and branch";
  let description = "Go to `target` if `" # cond #
      "` (imm sign-extended), else to `next`, which must be laid out next.";
  let arguments = (ins PVM_RegType:$lhs, PVM_Imm32:$imm,
                       Variadic<PVM_RegType>:$targetOperands,
                       Variadic<PVM_RegType>:$nextOperands);
  let successors = (successor AnySuccessor:$target, AnySuccessor:$next);
  let assemblyFormat = [{
    $lhs `,` $imm `,`
    $target (`(` $targetOperands^ `:` qualified(type($targetOperands)) `)`)? `,`
    $next (`(` $nextOperands^ `:` qualified(type($nextOperands)) `)`)?
    attr-dict `:` qualified(type($lhs))
  }];
  let extraInstDecls = TwoWayBranchDecls # InverseBranchDecl<inverse>.decl;
}
def PVM_BranchEqImmOp : PVM_BranchImmOp<"branch_eq_imm", 81, "lhs == imm",
    "branch_ne_imm">;
def PVM_BranchNeImmOp : PVM_BranchImmOp<"branch_ne_imm", 82, "lhs != imm",
    "branch_eq_imm">;
def PVM_BranchLtUImmOp : PVM_BranchImmOp<"branch_lt_u_imm", 83, "u(lhs) < u(imm)",
    "branch_ge_u_imm">;
def PVM_BranchLeUImmOp : PVM_BranchImmOp<"branch_le_u_imm", 84, "u(lhs) <= u(imm)",
    "branch_gt_u_imm">;
def PVM_BranchGeUImmOp : PVM_BranchImmOp<"branch_ge_u_imm", 85, "u(lhs) >= u(imm)",
    "branch_lt_u_imm">;
def PVM_BranchGtUImmOp : PVM_BranchImmOp<"branch_gt_u_imm", 86, "u(lhs) > u(imm)",
    "branch_le_u_imm">;
def PVM_BranchLtSImmOp : PVM_BranchImmOp<"branch_lt_s_imm", 87, "s(lhs) < s(imm)",
    "branch_ge_s_imm">;
def PVM_BranchLeSImmOp : PVM_BranchImmOp<"branch_le_s_imm", 88, "s(lhs) <= s(imm)",
    "branch_gt_s_imm">;
def PVM_BranchGeSImmOp : PVM_BranchImmOp<"branch_ge_s_imm", 89, "s(lhs) >= s(imm)",
    "branch_lt_s_imm">;
def PVM_BranchGtSImmOp : PVM_BranchImmOp<"branch_gt_s_imm", 90, "s(lhs) > s(imm)",
    "branch_le_s_imm">;

//===----------------------------------------------------------------------===//
// TwoReg (100-111): rd = f(rs)
//===----------------------------------------------------------------------===//

class PVM_TwoRegOp<string mnemonic, int opcode, string semantics,
                   list<Trait> traits = [Pure]>
    : PVM_Inst<mnemonic, opcode, "TwoReg", 0, traits> {
  let summary = "unary register operation";
  let description = "`rd = " # semantics # "`.";
  let arguments = (ins PVM_RegType:$rs);
  let results = (outs PVM_RegType:$rd);
  let assemblyFormat = "$rs attr-dict `:` functional-type($rs, $rd)";
}
def PVM_MoveRegOp : PVM_TwoRegOp<"move_reg", 100, "rs">;
def PVM_SbrkOp : PVM_TwoRegOp<"sbrk", 101,
    "sbrk(rs); removed from the machine: executing it panics", []>;
def PVM_CountSetBits64Op : PVM_TwoRegOp<"count_set_bits_64", 102, "popcount(rs)">;
def PVM_CountSetBits32Op : PVM_TwoRegOp<"count_set_bits_32", 103, "popcount(lo32(rs))">;
def PVM_LeadingZeroBits64Op : PVM_TwoRegOp<"leading_zero_bits_64", 104, "clz64(rs)">;
def PVM_LeadingZeroBits32Op : PVM_TwoRegOp<"leading_zero_bits_32", 105, "clz32(lo32(rs))">;
def PVM_TrailingZeroBits64Op : PVM_TwoRegOp<"trailing_zero_bits_64", 106, "ctz64(rs)">;
def PVM_TrailingZeroBits32Op : PVM_TwoRegOp<"trailing_zero_bits_32", 107, "ctz32(lo32(rs))">;
def PVM_SignExtend8Op : PVM_TwoRegOp<"sign_extend_8", 108, "sext8(rs)">;
def PVM_SignExtend16Op : PVM_TwoRegOp<"sign_extend_16", 109, "sext16(rs)">;
def PVM_ZeroExtend16Op : PVM_TwoRegOp<"zero_extend_16", 110, "rs mod 2^16">;
def PVM_ReverseBytesOp : PVM_TwoRegOp<"reverse_bytes", 111, "bswap64(rs)">;

//===----------------------------------------------------------------------===//
// TwoRegOneImm (120-161)
//===----------------------------------------------------------------------===//

class PVM_StoreIndOp<string mnemonic, int opcode, string width>
    : PVM_Inst<mnemonic, opcode, "TwoRegOneImm", 0, [MemoryEffects<[MemWrite]>]> {
  let summary = "store a register at base + offset";
  let description = "`M_" # width # "[lo32(base + offset)] = value` (low " #
      width # " bytes).";
  let arguments = (ins PVM_RegType:$value, PVM_RegType:$base, PVM_Imm32:$offset);
  let assemblyFormat = [{
    $value `,` $base `,` $offset attr-dict `:`
    qualified(type($value)) `,` qualified(type($base))
  }];
}
def PVM_StoreIndU8Op : PVM_StoreIndOp<"store_ind_u8", 120, "1">;
def PVM_StoreIndU16Op : PVM_StoreIndOp<"store_ind_u16", 121, "2">;
def PVM_StoreIndU32Op : PVM_StoreIndOp<"store_ind_u32", 122, "4">;
def PVM_StoreIndU64Op : PVM_StoreIndOp<"store_ind_u64", 123, "8">;

class PVM_LoadIndOp<string mnemonic, int opcode, string what>
    : PVM_Inst<mnemonic, opcode, "TwoRegOneImm", 0, [MemoryEffects<[MemRead]>]> {
  let summary = "load from base + offset";
  let description = "`rd = " # what # "(M[lo32(base + offset)])`.";
  let arguments = (ins PVM_RegType:$base, PVM_Imm32:$offset);
  let results = (outs PVM_RegType:$rd);
  let assemblyFormat =
      "$base `,` $offset attr-dict `:` functional-type($base, $rd)";
}
def PVM_LoadIndU8Op : PVM_LoadIndOp<"load_ind_u8", 124, "zext8">;
def PVM_LoadIndI8Op : PVM_LoadIndOp<"load_ind_i8", 125, "sext8">;
def PVM_LoadIndU16Op : PVM_LoadIndOp<"load_ind_u16", 126, "zext16">;
def PVM_LoadIndI16Op : PVM_LoadIndOp<"load_ind_i16", 127, "sext16">;
def PVM_LoadIndU32Op : PVM_LoadIndOp<"load_ind_u32", 128, "zext32">;
def PVM_LoadIndI32Op : PVM_LoadIndOp<"load_ind_i32", 129, "sext32">;
def PVM_LoadIndU64Op : PVM_LoadIndOp<"load_ind_u64", 130, "">;

class PVM_RegImmOp<string mnemonic, int opcode, string semantics,
                   list<Trait> traits = []>
    : PVM_Inst<mnemonic, opcode, "TwoRegOneImm", 0, !listconcat(traits, [Pure])> {
  let summary = "register-immediate operation";
  let description = "`rd = " # semantics # "` (imm sign-extended).";
  let arguments = (ins PVM_RegType:$rs, PVM_Imm32:$imm);
  let results = (outs PVM_RegType:$rd);
  let assemblyFormat = "$rs `,` $imm attr-dict `:` functional-type($rs, $rd)";
}
def PVM_AddImm32Op : PVM_RegImmOp<"add_imm_32", 131, "sx32(rs + imm)">;
def PVM_AndImmOp : PVM_RegImmOp<"and_imm", 132, "rs & imm">;
def PVM_XorImmOp : PVM_RegImmOp<"xor_imm", 133, "rs ^ imm">;
def PVM_OrImmOp : PVM_RegImmOp<"or_imm", 134, "rs | imm">;
def PVM_MulImm32Op : PVM_RegImmOp<"mul_imm_32", 135, "sx32(rs * imm)">;
def PVM_SetLtUImmOp : PVM_RegImmOp<"set_lt_u_imm", 136, "u(rs) < u(imm)">;
def PVM_SetLtSImmOp : PVM_RegImmOp<"set_lt_s_imm", 137, "s(rs) < s(imm)">;
def PVM_ShloLImm32Op : PVM_RegImmOp<"shlo_l_imm_32", 138, "sx32(lo32(rs) << (imm mod 32))">;
def PVM_ShloRImm32Op : PVM_RegImmOp<"shlo_r_imm_32", 139, "sx32(lo32(rs) >>u (imm mod 32))">;
def PVM_SharRImm32Op : PVM_RegImmOp<"shar_r_imm_32", 140, "sx32(s32(rs) >>s (imm mod 32))">;
def PVM_NegAddImm32Op : PVM_RegImmOp<"neg_add_imm_32", 141, "sx32(imm - rs)">;
def PVM_SetGtUImmOp : PVM_RegImmOp<"set_gt_u_imm", 142, "u(rs) > u(imm)">;
def PVM_SetGtSImmOp : PVM_RegImmOp<"set_gt_s_imm", 143, "s(rs) > s(imm)">;
def PVM_ShloLImmAlt32Op : PVM_RegImmOp<"shlo_l_imm_alt_32", 144, "sx32(lo32(imm) << (rs mod 32))">;
def PVM_ShloRImmAlt32Op : PVM_RegImmOp<"shlo_r_imm_alt_32", 145, "sx32(lo32(imm) >>u (rs mod 32))">;
def PVM_SharRImmAlt32Op : PVM_RegImmOp<"shar_r_imm_alt_32", 146, "sx32(s32(imm) >>s (rs mod 32))">;
def PVM_AddImm64Op : PVM_RegImmOp<"add_imm_64", 149, "rs + imm"> {
  let hasFolder = 1;
}
def PVM_MulImm64Op : PVM_RegImmOp<"mul_imm_64", 150, "rs * imm">;
def PVM_ShloLImm64Op : PVM_RegImmOp<"shlo_l_imm_64", 151, "rs << (imm mod 64)">;
def PVM_ShloRImm64Op : PVM_RegImmOp<"shlo_r_imm_64", 152, "rs >>u (imm mod 64)">;
def PVM_SharRImm64Op : PVM_RegImmOp<"shar_r_imm_64", 153, "rs >>s (imm mod 64)">;
def PVM_NegAddImm64Op : PVM_RegImmOp<"neg_add_imm_64", 154, "imm - rs">;
def PVM_ShloLImmAlt64Op : PVM_RegImmOp<"shlo_l_imm_alt_64", 155, "imm << (rs mod 64)">;
def PVM_ShloRImmAlt64Op : PVM_RegImmOp<"shlo_r_imm_alt_64", 156, "imm >>u (rs mod 64)">;
def PVM_SharRImmAlt64Op : PVM_RegImmOp<"shar_r_imm_alt_64", 157, "imm >>s (rs mod 64)">;
def PVM_RotR64ImmOp : PVM_RegImmOp<"rot_r_64_imm", 158, "rotr64(rs, imm mod 64)">;
def PVM_RotR64ImmAltOp : PVM_RegImmOp<"rot_r_64_imm_alt", 159, "rotr64(imm, rs mod 64)">;
def PVM_RotR32ImmOp : PVM_RegImmOp<"rot_r_32_imm", 160, "sx32(rotr32(lo32(rs), imm mod 32))">;
def PVM_RotR32ImmAltOp : PVM_RegImmOp<"rot_r_32_imm_alt", 161, "sx32(rotr32(lo32(imm), rs mod 32))">;

// Conditional moves read the destination too: `prev` is its old value and
// must live in the same register as the result.
class PVM_CmovImmOp<string mnemonic, int opcode, string cond>
    : PVM_Inst<mnemonic, opcode, "TwoRegOneImm", 0,
               [Pure, AllTypesMatch<["prev", "rd"]>]> {
  let summary = "conditionally load an immediate";
  let description = "`rd = (" # cond # ") ? imm : prev`.";
  let arguments = (ins PVM_RegType:$cond, PVM_Imm32:$imm, PVM_RegType:$prev);
  let results = (outs PVM_RegType:$rd);
  let assemblyFormat = [{
    $cond `,` $imm `,` $prev attr-dict `:`
    qualified(type($cond)) `,` qualified(type($rd))
  }];
}
def PVM_CmovIzImmOp : PVM_CmovImmOp<"cmov_iz_imm", 147, "cond == 0">;
def PVM_CmovNzImmOp : PVM_CmovImmOp<"cmov_nz_imm", 148, "cond != 0">;

//===----------------------------------------------------------------------===//
// TwoRegOneOffset (170-175)
//===----------------------------------------------------------------------===//

class PVM_BranchOp<string mnemonic, int opcode, string cond,
                   string inverse>
    : PVM_Inst<mnemonic, opcode, "TwoRegOneOffset", 1,
               [Terminator, Pure, AttrSizedOperandSegments,
                BranchOpInterface, PVM_ConditionalBranchOpInterface]> {
  let summary = "compare two registers and branch";
  let description = "Go to `target` if `" # cond #
      "`, else to `next`, which must be laid out next.";
  let arguments = (ins PVM_RegType:$lhs, PVM_RegType:$rhs,
                       Variadic<PVM_RegType>:$targetOperands,
                       Variadic<PVM_RegType>:$nextOperands);
  let successors = (successor AnySuccessor:$target, AnySuccessor:$next);
  let assemblyFormat = [{
    $lhs `,` $rhs `,`
    $target (`(` $targetOperands^ `:` qualified(type($targetOperands)) `)`)? `,`
    $next (`(` $nextOperands^ `:` qualified(type($nextOperands)) `)`)?
    attr-dict `:` qualified(type($lhs)) `,` qualified(type($rhs))
  }];
  let extraInstDecls = TwoWayBranchDecls # InverseBranchDecl<inverse>.decl;
}
def PVM_BranchEqOp : PVM_BranchOp<"branch_eq", 170, "lhs == rhs",
    "branch_ne">;
def PVM_BranchNeOp : PVM_BranchOp<"branch_ne", 171, "lhs != rhs",
    "branch_eq">;
def PVM_BranchLtUOp : PVM_BranchOp<"branch_lt_u", 172, "u(lhs) < u(rhs)",
    "branch_ge_u">;
def PVM_BranchLtSOp : PVM_BranchOp<"branch_lt_s", 173, "s(lhs) < s(rhs)",
    "branch_ge_s">;
def PVM_BranchGeUOp : PVM_BranchOp<"branch_ge_u", 174, "u(lhs) >= u(rhs)",
    "branch_lt_u">;
def PVM_BranchGeSOp : PVM_BranchOp<"branch_ge_s", 175, "s(lhs) >= s(rhs)",
    "branch_lt_s">;

//===----------------------------------------------------------------------===//
// TwoRegTwoImm (180)
//===----------------------------------------------------------------------===//

def PVM_LoadImmJumpIndOp : PVM_Inst<"load_imm_jump_ind", 180, "TwoRegTwoImm", 1,
                                    [Terminator]> {
  let summary = "load an immediate, then jump through the jump table";
  let description = [{
    `rd = sext(value)`, then a dynamic jump (as `jump_ind`) to
    `lo32(base + offset)`, reading `base` after the write. `rd` and `base`
    must be different registers (Lean reads the old `base`; pvm-isa.md §3.8).
    This is the reference ABI's indirect call.
  }];
  let arguments = (ins PVM_RegType:$base, PVM_Imm32:$value, PVM_Imm32:$offset,
                       Variadic<PVM_RegType>:$uses);
  let results = (outs PVM_RegType:$rd);
  let successors = (successor VariadicSuccessor<AnySuccessor>:$targets);
  let assemblyFormat = [{
    $base `,` $value `,` $offset (`uses` `(` $uses^ `:` qualified(type($uses)) `)`)?
    `[` $targets `]` attr-dict `:` qualified(type($base)) `->` qualified(type($rd))
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// ThreeReg (190-230): rd = f(lhs, rhs)
//===----------------------------------------------------------------------===//

class PVM_ThreeRegOp<string mnemonic, int opcode, string semantics,
                     list<Trait> traits = []>
    : PVM_Inst<mnemonic, opcode, "ThreeReg", 0, !listconcat(traits, [Pure])> {
  let summary = "register-register operation";
  let description = "`rd = " # semantics # "`.";
  let arguments = (ins PVM_RegType:$lhs, PVM_RegType:$rhs);
  let results = (outs PVM_RegType:$rd);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
}

// Ops with a 64-bit constant folder (PVMFolds.cpp).
let hasFolder = 1 in {
def PVM_Add64Op : PVM_ThreeRegOp<"add_64", 200, "lhs + rhs", [Commutative]>;
def PVM_Sub64Op : PVM_ThreeRegOp<"sub_64", 201, "lhs - rhs">;
def PVM_Mul64Op : PVM_ThreeRegOp<"mul_64", 202, "lo64(lhs * rhs)", [Commutative]>;
def PVM_AndOp : PVM_ThreeRegOp<"and", 210, "lhs & rhs", [Commutative]>;
def PVM_XorOp : PVM_ThreeRegOp<"xor", 211, "lhs ^ rhs", [Commutative]>;
def PVM_OrOp : PVM_ThreeRegOp<"or", 212, "lhs | rhs", [Commutative]>;
}

def PVM_Add32Op : PVM_ThreeRegOp<"add_32", 190, "sx32(lhs + rhs)", [Commutative]>;
def PVM_Sub32Op : PVM_ThreeRegOp<"sub_32", 191, "sx32(lhs - rhs)">;
def PVM_Mul32Op : PVM_ThreeRegOp<"mul_32", 192, "sx32(lhs * rhs)", [Commutative]>;
def PVM_DivU32Op : PVM_ThreeRegOp<"div_u_32", 193,
    "B32 == 0 ? 2^64-1 : sx32(A32 /u B32)">;
def PVM_DivS32Op : PVM_ThreeRegOp<"div_s_32", 194,
    "B32 == 0 ? 2^64-1 : (A32 == -2^31 && B32 == -1) ? sx32(A32) : sx32(A32 /s B32)">;
def PVM_RemU32Op : PVM_ThreeRegOp<"rem_u_32", 195,
    "B32 == 0 ? sx32(A32) : sx32(A32 %u B32)">;
def PVM_RemS32Op : PVM_ThreeRegOp<"rem_s_32", 196,
    "B32 == 0 ? sx32(A32) : (A32 == -2^31 && B32 == -1) ? 0 : sx32(A32 %s B32)">;
def PVM_ShloL32Op : PVM_ThreeRegOp<"shlo_l_32", 197, "sx32(A32 << (rhs mod 32))">;
def PVM_ShloR32Op : PVM_ThreeRegOp<"shlo_r_32", 198, "sx32(A32 >>u (rhs mod 32))">;
def PVM_SharR32Op : PVM_ThreeRegOp<"shar_r_32", 199, "sx32(s32(lhs) >>s (rhs mod 32))">;
def PVM_DivU64Op : PVM_ThreeRegOp<"div_u_64", 203, "rhs == 0 ? 2^64-1 : lhs /u rhs">;
def PVM_DivS64Op : PVM_ThreeRegOp<"div_s_64", 204,
    "rhs == 0 ? 2^64-1 : (lhs == -2^63 && rhs == -1) ? -2^63 : lhs /s rhs">;
def PVM_RemU64Op : PVM_ThreeRegOp<"rem_u_64", 205, "rhs == 0 ? lhs : lhs %u rhs">;
def PVM_RemS64Op : PVM_ThreeRegOp<"rem_s_64", 206,
    "rhs == 0 ? lhs : (lhs == -2^63 && rhs == -1) ? 0 : lhs %s rhs">;
def PVM_ShloL64Op : PVM_ThreeRegOp<"shlo_l_64", 207, "lhs << (rhs mod 64)">;
def PVM_ShloR64Op : PVM_ThreeRegOp<"shlo_r_64", 208, "lhs >>u (rhs mod 64)">;
def PVM_SharR64Op : PVM_ThreeRegOp<"shar_r_64", 209, "lhs >>s (rhs mod 64)">;
def PVM_MulUpperSSOp : PVM_ThreeRegOp<"mul_upper_s_s", 213,
    "hi64(s(lhs) * s(rhs))", [Commutative]>;
def PVM_MulUpperUUOp : PVM_ThreeRegOp<"mul_upper_u_u", 214,
    "hi64(u(lhs) * u(rhs))", [Commutative]>;
def PVM_MulUpperSUOp : PVM_ThreeRegOp<"mul_upper_s_u", 215, "hi64(s(lhs) * u(rhs))">;
def PVM_SetLtUOp : PVM_ThreeRegOp<"set_lt_u", 216, "u(lhs) < u(rhs)">;
def PVM_SetLtSOp : PVM_ThreeRegOp<"set_lt_s", 217, "s(lhs) < s(rhs)">;
def PVM_RotL64Op : PVM_ThreeRegOp<"rot_l_64", 220, "rotl64(lhs, rhs mod 64)">;
def PVM_RotL32Op : PVM_ThreeRegOp<"rot_l_32", 221, "sx32(rotl32(A32, rhs mod 32))">;
def PVM_RotR64Op : PVM_ThreeRegOp<"rot_r_64", 222, "rotr64(lhs, rhs mod 64)">;
def PVM_RotR32Op : PVM_ThreeRegOp<"rot_r_32", 223, "sx32(rotr32(A32, rhs mod 32))">;
def PVM_AndInvOp : PVM_ThreeRegOp<"and_inv", 224, "lhs & ~rhs">;
def PVM_OrInvOp : PVM_ThreeRegOp<"or_inv", 225, "lhs | ~rhs">;
def PVM_XnorOp : PVM_ThreeRegOp<"xnor", 226, "~(lhs ^ rhs)", [Commutative]>;
def PVM_MaxOp : PVM_ThreeRegOp<"max", 227, "smax(lhs, rhs)", [Commutative]>;
def PVM_MaxUOp : PVM_ThreeRegOp<"max_u", 228, "umax(lhs, rhs)", [Commutative]>;
def PVM_MinOp : PVM_ThreeRegOp<"min", 229, "smin(lhs, rhs)", [Commutative]>;
def PVM_MinUOp : PVM_ThreeRegOp<"min_u", 230, "umin(lhs, rhs)", [Commutative]>;

class PVM_CmovOp<string mnemonic, int opcode, string cond>
    : PVM_Inst<mnemonic, opcode, "ThreeReg", 0,
               [Pure, AllTypesMatch<["prev", "rd"]>]> {
  let summary = "conditional move";
  let description = "`rd = (" # cond # ") ? value : prev`.";
  let arguments = (ins PVM_RegType:$value, PVM_RegType:$cond, PVM_RegType:$prev);
  let results = (outs PVM_RegType:$rd);
  let assemblyFormat = [{
    $value `,` $cond `,` $prev attr-dict `:` qualified(type($value)) `,`
    qualified(type($cond)) `,` qualified(type($rd))
  }];
}
def PVM_CmovIzOp : PVM_CmovOp<"cmov_iz", 218, "cond == 0">;
def PVM_CmovNzOp : PVM_CmovOp<"cmov_nz", 219, "cond != 0">;

//===----------------------------------------------------------------------===//
// Calls. Each is one instruction whose target is another function; they
// carry no opcode of their own because the encoder writes them as
// `load_imm_jump`, `jump` and `load_imm_jump_ind`.
//===----------------------------------------------------------------------===//

def PVM_CallOp : PVM_Op<"call", [Terminator,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "direct call (encoded as `load_imm_jump`)";
  let description = [{
    Writes the jump-table address of `continuation` into `link` and jumps to
    the first block of function `callee`. `continuation` must declare a
    jump-table entry and be laid out right after the call; it is where the
    callee returns to, with the registers it writes (`defs`) redefined.
    `uses` are the registers the callee reads.
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee, Variadic<PVM_RegType>:$uses);
  let results = (outs PVM_RegType:$link, Variadic<PVM_RegType>:$defs);
  let successors = (successor AnySuccessor:$continuation);
  let assemblyFormat = [{
    $callee `(` $uses `)` `,` $continuation attr-dict `:`
    functional-type($uses, results)
  }];
  let hasVerifier = 1;
}

def PVM_CallIndirectOp : PVM_Op<"call_indirect", [Terminator]> {
  let summary = "indirect call (encoded as `load_imm_jump_ind`)";
  let description = [{
    Writes the jump-table address of `continuation` into `link`, then jumps
    through the jump table to `lo32(target + offset)`, reading `target`
    after the write: `link` and `target` must be different registers.
    `continuation`, `uses` and `defs` as for `pvm.call`.
  }];
  let arguments = (ins PVM_RegType:$target, PVM_Imm32:$offset,
                       Variadic<PVM_RegType>:$uses);
  let results = (outs PVM_RegType:$link, Variadic<PVM_RegType>:$defs);
  let successors = (successor AnySuccessor:$continuation);
  let assemblyFormat = [{
    $target `,` $offset `(` $uses `)` `,` $continuation attr-dict `:`
    qualified(type($target)) `,` functional-type($uses, results)
  }];
  let hasVerifier = 1;
}

def PVM_TailCallOp : PVM_Op<"tail_call", [Terminator,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "tail call (encoded as `jump`)";
  let description = [{
    Jumps to the first block of function `callee`, which returns to this
    function's caller. `uses` are the registers the callee reads.
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee, Variadic<PVM_RegType>:$uses);
  let assemblyFormat = [{
    $callee (`uses` `(` $uses^ `:` qualified(type($uses)) `)`)? attr-dict
  }];
}

#endif // GREY_DIALECT_PVM_PVMOPS_TD
