//===- RISCVOps.td - one op per RISC-V instruction ---------*- tablegen -*-===//
//
// Every instruction of rv64em + Zbb + XTheadCondMov (transpile-abi.md §9),
// including those the reference translator rejects, grouped by operand
// layout; then control flow.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_RISCV_RISCVOPS_TD
#define GREY_DIALECT_RISCV_RISCVOPS_TD

include "grey/Dialect/RISCV/RISCVDialect.td"
include "grey/Dialect/RISCV/RISCVTypes.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Immediates and traits
//===----------------------------------------------------------------------===//

class RISCV_SImm<int width> : ConfinedAttr<I64Attr,
    [IntMinValue<!sub(0, !shl(1, !sub(width, 1)))>,
     IntMaxValue<!sub(!shl(1, !sub(width, 1)), 1)>]>;
class RISCV_UImm<int width> : ConfinedAttr<I64Attr,
    [IntMinValue<0>, IntMaxValue<!sub(!shl(1, width), 1)>]>;

def RISCV_SImm12 : RISCV_SImm<12>;
def RISCV_UImm20 : RISCV_UImm<20>;
def RISCV_Shamt6 : RISCV_UImm<6>;
def RISCV_Shamt5 : RISCV_UImm<5>;
def RISCV_UImm5 : RISCV_UImm<5>;
def RISCV_Csr : RISCV_UImm<12>;
def RISCV_FenceSet : RISCV_UImm<4>;

// x0 ignores writes: the importer drops them, so no result may live in x0.
def RISCV_NoZeroResult : NativeOpTrait<"NoZeroResult"> {
  let cppNamespace = "::grey::riscv";
}

class RISCV_Inst<string mnemonic, list<Trait> traits = []>
    : RISCV_Op<mnemonic, !listconcat(traits, [RISCV_NoZeroResult])>;

//===----------------------------------------------------------------------===//
// Register-register (R-type): rd = rs1 op rs2
//===----------------------------------------------------------------------===//

class RISCV_RegRegOp<string mnemonic, string semantics, list<Trait> traits = []>
    : RISCV_Inst<mnemonic, !listconcat(traits, [Pure])> {
  let summary = "register-register instruction";
  let description = "`rd = " # semantics # "`.";
  let arguments = (ins RISCV_RegType:$rs1, RISCV_RegType:$rs2);
  let results = (outs RISCV_RegType:$rd);
  let assemblyFormat =
      "$rs1 `,` $rs2 attr-dict `:` functional-type(operands, results)";
}

// RV64I
def RISCV_AddOp : RISCV_RegRegOp<"add", "rs1 + rs2", [Commutative]>;
def RISCV_SubOp : RISCV_RegRegOp<"sub", "rs1 - rs2">;
def RISCV_SllOp : RISCV_RegRegOp<"sll", "rs1 << (rs2 mod 64)">;
def RISCV_SltOp : RISCV_RegRegOp<"slt", "s(rs1) < s(rs2)">;
def RISCV_SltuOp : RISCV_RegRegOp<"sltu", "u(rs1) < u(rs2)">;
def RISCV_XorOp : RISCV_RegRegOp<"xor", "rs1 ^ rs2", [Commutative]>;
def RISCV_SrlOp : RISCV_RegRegOp<"srl", "rs1 >>u (rs2 mod 64)">;
def RISCV_SraOp : RISCV_RegRegOp<"sra", "rs1 >>s (rs2 mod 64)">;
def RISCV_OrOp : RISCV_RegRegOp<"or", "rs1 | rs2", [Commutative]>;
def RISCV_AndOp : RISCV_RegRegOp<"and", "rs1 & rs2", [Commutative]>;
def RISCV_AddwOp : RISCV_RegRegOp<"addw", "sx32(rs1 + rs2)", [Commutative]>;
def RISCV_SubwOp : RISCV_RegRegOp<"subw", "sx32(rs1 - rs2)">;
def RISCV_SllwOp : RISCV_RegRegOp<"sllw", "sx32(lo32(rs1) << (rs2 mod 32))">;
def RISCV_SrlwOp : RISCV_RegRegOp<"srlw", "sx32(lo32(rs1) >>u (rs2 mod 32))">;
def RISCV_SrawOp : RISCV_RegRegOp<"sraw", "sx32(s32(rs1) >>s (rs2 mod 32))">;
// M
def RISCV_MulOp : RISCV_RegRegOp<"mul", "lo64(rs1 * rs2)", [Commutative]>;
def RISCV_MulhOp : RISCV_RegRegOp<"mulh", "hi64(s(rs1) * s(rs2))", [Commutative]>;
def RISCV_MulhsuOp : RISCV_RegRegOp<"mulhsu", "hi64(s(rs1) * u(rs2))">;
def RISCV_MulhuOp : RISCV_RegRegOp<"mulhu", "hi64(u(rs1) * u(rs2))", [Commutative]>;
def RISCV_DivOp : RISCV_RegRegOp<"div",
    "rs2 == 0 ? -1 : (rs1 == -2^63 && rs2 == -1) ? rs1 : rs1 /s rs2">;
def RISCV_DivuOp : RISCV_RegRegOp<"divu", "rs2 == 0 ? 2^64-1 : rs1 /u rs2">;
def RISCV_RemOp : RISCV_RegRegOp<"rem",
    "rs2 == 0 ? rs1 : (rs1 == -2^63 && rs2 == -1) ? 0 : rs1 %s rs2">;
def RISCV_RemuOp : RISCV_RegRegOp<"remu", "rs2 == 0 ? rs1 : rs1 %u rs2">;
def RISCV_MulwOp : RISCV_RegRegOp<"mulw", "sx32(rs1 * rs2)", [Commutative]>;
def RISCV_DivwOp : RISCV_RegRegOp<"divw", "the 32-bit `div`, sign-extended">;
def RISCV_DivuwOp : RISCV_RegRegOp<"divuw", "the 32-bit `divu`, sign-extended">;
def RISCV_RemwOp : RISCV_RegRegOp<"remw", "the 32-bit `rem`, sign-extended">;
def RISCV_RemuwOp : RISCV_RegRegOp<"remuw", "the 32-bit `remu`, sign-extended">;
// Zbb
def RISCV_AndnOp : RISCV_RegRegOp<"andn", "rs1 & ~rs2">;
def RISCV_OrnOp : RISCV_RegRegOp<"orn", "rs1 | ~rs2">;
def RISCV_XnorOp : RISCV_RegRegOp<"xnor", "~(rs1 ^ rs2)", [Commutative]>;
def RISCV_MaxOp : RISCV_RegRegOp<"max", "smax(rs1, rs2)", [Commutative]>;
def RISCV_MaxuOp : RISCV_RegRegOp<"maxu", "umax(rs1, rs2)", [Commutative]>;
def RISCV_MinOp : RISCV_RegRegOp<"min", "smin(rs1, rs2)", [Commutative]>;
def RISCV_MinuOp : RISCV_RegRegOp<"minu", "umin(rs1, rs2)", [Commutative]>;
def RISCV_RolOp : RISCV_RegRegOp<"rol", "rotl64(rs1, rs2 mod 64)">;
def RISCV_RorOp : RISCV_RegRegOp<"ror", "rotr64(rs1, rs2 mod 64)">;
def RISCV_RolwOp : RISCV_RegRegOp<"rolw", "sx32(rotl32(lo32(rs1), rs2 mod 32))">;
def RISCV_RorwOp : RISCV_RegRegOp<"rorw", "sx32(rotr32(lo32(rs1), rs2 mod 32))">;

//===----------------------------------------------------------------------===//
// Register-immediate (I-type): rd = rs1 op imm
//===----------------------------------------------------------------------===//

class RISCV_RegImmOp<string mnemonic, Attr immAttr, string semantics>
    : RISCV_Inst<mnemonic, [Pure]> {
  let summary = "register-immediate instruction";
  let description = "`rd = " # semantics # "`.";
  let arguments = (ins RISCV_RegType:$rs1, immAttr:$imm);
  let results = (outs RISCV_RegType:$rd);
  let assemblyFormat = "$rs1 `,` $imm attr-dict `:` functional-type($rs1, $rd)";
}
def RISCV_AddiOp : RISCV_RegImmOp<"addi", RISCV_SImm12, "rs1 + imm">;
def RISCV_SltiOp : RISCV_RegImmOp<"slti", RISCV_SImm12, "s(rs1) < imm">;
def RISCV_SltiuOp : RISCV_RegImmOp<"sltiu", RISCV_SImm12, "u(rs1) < u(sext(imm))">;
def RISCV_XoriOp : RISCV_RegImmOp<"xori", RISCV_SImm12, "rs1 ^ imm">;
def RISCV_OriOp : RISCV_RegImmOp<"ori", RISCV_SImm12, "rs1 | imm">;
def RISCV_AndiOp : RISCV_RegImmOp<"andi", RISCV_SImm12, "rs1 & imm">;
def RISCV_AddiwOp : RISCV_RegImmOp<"addiw", RISCV_SImm12, "sx32(rs1 + imm)">;
def RISCV_SlliOp : RISCV_RegImmOp<"slli", RISCV_Shamt6, "rs1 << imm">;
def RISCV_SrliOp : RISCV_RegImmOp<"srli", RISCV_Shamt6, "rs1 >>u imm">;
def RISCV_SraiOp : RISCV_RegImmOp<"srai", RISCV_Shamt6, "rs1 >>s imm">;
def RISCV_RoriOp : RISCV_RegImmOp<"rori", RISCV_Shamt6, "rotr64(rs1, imm)">;
def RISCV_SlliwOp : RISCV_RegImmOp<"slliw", RISCV_Shamt5, "sx32(lo32(rs1) << imm)">;
def RISCV_SrliwOp : RISCV_RegImmOp<"srliw", RISCV_Shamt5, "sx32(lo32(rs1) >>u imm)">;
def RISCV_SraiwOp : RISCV_RegImmOp<"sraiw", RISCV_Shamt5, "sx32(s32(rs1) >>s imm)">;
def RISCV_RoriwOp : RISCV_RegImmOp<"roriw", RISCV_Shamt5, "sx32(rotr32(lo32(rs1), imm))">;

//===----------------------------------------------------------------------===//
// Unary (Zbb): rd = f(rs1)
//===----------------------------------------------------------------------===//

class RISCV_UnaryOp<string mnemonic, string semantics>
    : RISCV_Inst<mnemonic, [Pure]> {
  let summary = "unary bit-manipulation instruction";
  let description = "`rd = " # semantics # "`.";
  let arguments = (ins RISCV_RegType:$rs1);
  let results = (outs RISCV_RegType:$rd);
  let assemblyFormat = "$rs1 attr-dict `:` functional-type($rs1, $rd)";
}
def RISCV_ClzOp : RISCV_UnaryOp<"clz", "clz64(rs1)">;
def RISCV_ClzwOp : RISCV_UnaryOp<"clzw", "clz32(lo32(rs1))">;
def RISCV_CtzOp : RISCV_UnaryOp<"ctz", "ctz64(rs1)">;
def RISCV_CtzwOp : RISCV_UnaryOp<"ctzw", "ctz32(lo32(rs1))">;
def RISCV_CpopOp : RISCV_UnaryOp<"cpop", "popcount(rs1)">;
def RISCV_CpopwOp : RISCV_UnaryOp<"cpopw", "popcount(lo32(rs1))">;
def RISCV_SextBOp : RISCV_UnaryOp<"sext.b", "sext8(rs1)">;
def RISCV_SextHOp : RISCV_UnaryOp<"sext.h", "sext16(rs1)">;
def RISCV_ZextHOp : RISCV_UnaryOp<"zext.h", "rs1 mod 2^16 (encoded as packw rd, rs1, x0)">;
def RISCV_OrcBOp : RISCV_UnaryOp<"orc.b", "each byte = (byte != 0) ? 0xFF : 0">;
def RISCV_Rev8Op : RISCV_UnaryOp<"rev8", "bswap64(rs1)">;

//===----------------------------------------------------------------------===//
// Upper immediates
//===----------------------------------------------------------------------===//

def RISCV_LuiOp : RISCV_Inst<"lui", [Pure]> {
  let summary = "load upper immediate";
  let description = [{ `rd = sext32(imm << 12)`; `imm` is the 20-bit field. }];
  let arguments = (ins RISCV_UImm20:$imm);
  let results = (outs RISCV_RegType:$rd);
  let assemblyFormat = "$imm attr-dict `:` qualified(type($rd))";
}

def RISCV_AuipcOp : RISCV_Inst<"auipc", [Pure]> {
  let summary = "add upper immediate to pc";
  let description = [{
    `rd = pc + sext32(imm << 12)`, where `pc` is the instruction's address in
    the ELF, kept as an attribute because the value depends on it.
  }];
  let arguments = (ins RISCV_UImm20:$imm, ConfinedAttr<I64Attr, [IntNonNegative]>:$pc);
  let results = (outs RISCV_RegType:$rd);
  let assemblyFormat = "$imm `at` $pc attr-dict `:` qualified(type($rd))";
}

def RISCV_ConstantOp : RISCV_Op<"constant", [Pure, ConstantLike]> {
  let summary = "a known register value";
  let description = [{
    Not an instruction: what the importer writes for a read of x0 (value 0,
    type `!riscv.reg<zero>`) and for register values it resolves, such as an
    `auipc`/`addi` pair with a relocation. Only 0 may live in `zero`.
  }];
  let arguments = (ins I64Attr:$value);
  let results = (outs RISCV_RegType:$rd);
  let assemblyFormat = "$value attr-dict `:` qualified(type($rd))";
  let hasFolder = 1;
  let hasVerifier = 1;
}

def RISCV_CodeAddrOp : RISCV_Inst<"code_addr", [Pure]> {
  let summary = "a code address held in a register";
  let description = [{
    Not an instruction: what the importer writes for an `auipc`/`addi` (or
    `lui`/`addi`) pair that computes the guest code address `target`.
    `target` is the entry of function `function`, or the start of a block of
    `function` marked `riscv.code_label target`. Kept symbolic because code
    addresses change in translation.
  }];
  let arguments = (ins FlatSymbolRefAttr:$function,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$target);
  let results = (outs RISCV_RegType:$rd);
  let assemblyFormat =
      "$function `,` $target attr-dict `:` qualified(type($rd))";
}

//===----------------------------------------------------------------------===//
// Loads and stores
//===----------------------------------------------------------------------===//

class RISCV_LoadOp<string mnemonic, string what>
    : RISCV_Inst<mnemonic, [MemoryEffects<[MemRead]>]> {
  let summary = "load";
  let description = "`rd = " # what # "(M[rs1 + imm])`.";
  let arguments = (ins RISCV_RegType:$rs1, RISCV_SImm12:$imm);
  let results = (outs RISCV_RegType:$rd);
  let assemblyFormat =
      "$imm `(` $rs1 `)` attr-dict `:` functional-type($rs1, $rd)";
}
def RISCV_LbOp : RISCV_LoadOp<"lb", "sext8">;
def RISCV_LhOp : RISCV_LoadOp<"lh", "sext16">;
def RISCV_LwOp : RISCV_LoadOp<"lw", "sext32">;
def RISCV_LdOp : RISCV_LoadOp<"ld", "">;
def RISCV_LbuOp : RISCV_LoadOp<"lbu", "zext8">;
def RISCV_LhuOp : RISCV_LoadOp<"lhu", "zext16">;
def RISCV_LwuOp : RISCV_LoadOp<"lwu", "zext32">;

class RISCV_StoreOp<string mnemonic, string width>
    : RISCV_Inst<mnemonic, [MemoryEffects<[MemWrite]>]> {
  let summary = "store";
  let description = "`M_" # width # "[rs1 + imm] = rs2` (low " # width #
      " bytes).";
  let arguments = (ins RISCV_RegType:$rs2, RISCV_RegType:$rs1, RISCV_SImm12:$imm);
  let assemblyFormat = [{
    $rs2 `,` $imm `(` $rs1 `)` attr-dict `:`
    qualified(type($rs2)) `,` qualified(type($rs1))
  }];
}
def RISCV_SbOp : RISCV_StoreOp<"sb", "1">;
def RISCV_ShOp : RISCV_StoreOp<"sh", "2">;
def RISCV_SwOp : RISCV_StoreOp<"sw", "4">;
def RISCV_SdOp : RISCV_StoreOp<"sd", "8">;

//===----------------------------------------------------------------------===//
// XTheadCondMov
//===----------------------------------------------------------------------===//

// rd is read too: `prev` is its old value, in the same register as rd.
class RISCV_CondMovOp<string mnemonic, string cond>
    : RISCV_Inst<mnemonic, [Pure, AllTypesMatch<["prev", "rd"]>]> {
  let summary = "conditional move (XTheadCondMov)";
  let description = "`rd = (" # cond # ") ? rs1 : prev`.";
  let arguments = (ins RISCV_RegType:$rs1, RISCV_RegType:$rs2,
                       RISCV_RegType:$prev);
  let results = (outs RISCV_RegType:$rd);
  let assemblyFormat = [{
    $rs1 `,` $rs2 `,` $prev attr-dict `:` qualified(type($rs1)) `,`
    qualified(type($rs2)) `,` qualified(type($rd))
  }];
}
def RISCV_ThMveqzOp : RISCV_CondMovOp<"th.mveqz", "rs2 == 0">;
def RISCV_ThMvnezOp : RISCV_CondMovOp<"th.mvnez", "rs2 != 0">;

//===----------------------------------------------------------------------===//
// System: fences, CSRs, ecall
//===----------------------------------------------------------------------===//

def RISCV_FenceOp : RISCV_Inst<"fence"> {
  let summary = "memory ordering fence";
  let description = [{ No effect on a single hart; `pred`/`succ` are the
    4-bit IORW sets. }];
  let arguments = (ins RISCV_FenceSet:$pred, RISCV_FenceSet:$succ);
  let assemblyFormat = "$pred `,` $succ attr-dict";
}

def RISCV_FenceIOp : RISCV_Inst<"fence.i"> {
  let summary = "instruction fence";
  let description = [{ No effect here: code is not in the data address space. }];
  let assemblyFormat = "attr-dict";
}

class RISCV_CsrRegOp<string mnemonic, string what> : RISCV_Inst<mnemonic> {
  let summary = "CSR access with a register operand";
  let description = "`rd = csr; csr = " # what # "`.";
  let arguments = (ins RISCV_RegType:$rs1, RISCV_Csr:$csr);
  let results = (outs RISCV_RegType:$rd);
  let assemblyFormat = "$csr `,` $rs1 attr-dict `:` functional-type($rs1, $rd)";
}
def RISCV_CsrrwOp : RISCV_CsrRegOp<"csrrw", "rs1">;
def RISCV_CsrrsOp : RISCV_CsrRegOp<"csrrs", "csr | rs1">;
def RISCV_CsrrcOp : RISCV_CsrRegOp<"csrrc", "csr & ~rs1">;

class RISCV_CsrImmOp<string mnemonic, string what> : RISCV_Inst<mnemonic> {
  let summary = "CSR access with a 5-bit immediate";
  let description = "`rd = csr; csr = " # what # "`.";
  let arguments = (ins RISCV_UImm5:$uimm, RISCV_Csr:$csr);
  let results = (outs RISCV_RegType:$rd);
  let assemblyFormat = "$csr `,` $uimm attr-dict `:` qualified(type($rd))";
}
def RISCV_CsrrwiOp : RISCV_CsrImmOp<"csrrwi", "uimm">;
def RISCV_CsrrsiOp : RISCV_CsrImmOp<"csrrsi", "csr | uimm">;
def RISCV_CsrrciOp : RISCV_CsrImmOp<"csrrci", "csr & ~uimm">;

def RISCV_EcallOp : RISCV_Inst<"ecall"> {
  let summary = "environment call";
  let description = [{
    On the JAVM target, `li t0, N; ecall` calls capability slot N. `uses`
    and the results name the registers the call reads and writes.
  }];
  let arguments = (ins Variadic<RISCV_RegType>:$uses);
  let results = (outs Variadic<RISCV_RegType>:$defs);
  let assemblyFormat = "`(` $uses `)` attr-dict `:` functional-type($uses, $defs)";
}

def RISCV_EbreakOp : RISCV_Inst<"ebreak", [Terminator]> {
  let summary = "breakpoint: stops the program";
  let description = [{ Translated as a trap. }];
  let assemblyFormat = "attr-dict";
}

def RISCV_UnimpOp : RISCV_Inst<"unimp", [Terminator]> {
  let summary = "illegal instruction (`unimp`, `csrrw x0, cycle, x0`)";
  let description = [{ Translated as a trap. }];
  let assemblyFormat = "attr-dict";
}

//===----------------------------------------------------------------------===//
// Control flow
//===----------------------------------------------------------------------===//

class RISCV_BranchOp<string mnemonic, string cond>
    : RISCV_Inst<mnemonic, [Terminator, Pure, AttrSizedOperandSegments,
                            BranchOpInterface]> {
  let summary = "conditional branch";
  let description = "Go to `target` if `" # cond #
      "`, else to `next` (the following instruction).";
  let arguments = (ins RISCV_RegType:$rs1, RISCV_RegType:$rs2,
                       Variadic<RISCV_RegType>:$targetOperands,
                       Variadic<RISCV_RegType>:$nextOperands);
  let successors = (successor AnySuccessor:$target, AnySuccessor:$next);
  let assemblyFormat = [{
    $rs1 `,` $rs2 `,`
    $target (`(` $targetOperands^ `:` qualified(type($targetOperands)) `)`)? `,`
    $next (`(` $nextOperands^ `:` qualified(type($nextOperands)) `)`)?
    attr-dict `:` qualified(type($rs1)) `,` qualified(type($rs2))
  }];
  let extraClassDeclaration = [{
    ::mlir::SuccessorOperands getSuccessorOperands(unsigned index) {
      return ::mlir::SuccessorOperands(index == 0 ? getTargetOperandsMutable()
                                                  : getNextOperandsMutable());
    }
  }];
}
def RISCV_BeqOp : RISCV_BranchOp<"beq", "rs1 == rs2">;
def RISCV_BneOp : RISCV_BranchOp<"bne", "rs1 != rs2">;
def RISCV_BltOp : RISCV_BranchOp<"blt", "s(rs1) < s(rs2)">;
def RISCV_BgeOp : RISCV_BranchOp<"bge", "s(rs1) >= s(rs2)">;
def RISCV_BltuOp : RISCV_BranchOp<"bltu", "u(rs1) < u(rs2)">;
def RISCV_BgeuOp : RISCV_BranchOp<"bgeu", "u(rs1) >= u(rs2)">;

def RISCV_JalOp : RISCV_Inst<"jal", [Terminator, Pure, BranchOpInterface]> {
  let summary = "direct jump within a function (`jal x0, label`)";
  let description = [{
    A `jal` that links no register and stays in its function. Linking forms
    are `riscv.call`; a jump to another function is `riscv.tail`.
  }];
  let arguments = (ins Variadic<RISCV_RegType>:$destOperands);
  let successors = (successor AnySuccessor:$dest);
  let assemblyFormat = [{
    $dest (`(` $destOperands^ `:` qualified(type($destOperands)) `)`)? attr-dict
  }];
  let extraClassDeclaration = [{
    ::mlir::SuccessorOperands getSuccessorOperands(unsigned index) {
      return ::mlir::SuccessorOperands(getDestOperandsMutable());
    }
  }];
}

def RISCV_JalrOp : RISCV_Inst<"jalr", [Terminator]> {
  let summary = "indirect jump (`jalr x0, imm(rs1)`): returns and switches";
  let description = [{
    Jump to `rs1 + imm` without linking. `uses` names the registers live at
    the destination; `targets` lists the blocks of this function it may reach
    (a switch table's cases), if known. A return is `jalr x0, 0(ra)`.
  }];
  let arguments = (ins RISCV_RegType:$rs1, RISCV_SImm12:$imm,
                       Variadic<RISCV_RegType>:$uses);
  let successors = (successor VariadicSuccessor<AnySuccessor>:$targets);
  let assemblyFormat = [{
    $imm `(` $rs1 `)` (`uses` `(` $uses^ `:` qualified(type($uses)) `)`)?
    `[` $targets `]` attr-dict `:` qualified(type($rs1))
  }];
}

def RISCV_CallOp : RISCV_Inst<"call",
    [DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "direct call (`jal rd, f` with rd ≠ x0)";
  let description = [{
    Calls function `callee` and continues with the next instruction. `uses`
    are the registers the callee may read; the results are the registers it
    may write, including the link register `rd`.
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee, Variadic<RISCV_RegType>:$uses);
  let results = (outs Variadic<RISCV_RegType>:$defs);
  let assemblyFormat =
      "$callee `(` $uses `)` attr-dict `:` functional-type($uses, $defs)";
}

def RISCV_CallIndirectOp : RISCV_Inst<"call_indirect"> {
  let summary = "indirect call (`jalr rd, imm(rs1)` with rd ≠ x0)";
  let description = [{
    Calls the code at `rs1 + imm` and continues with the next instruction;
    `uses` and results as for `riscv.call`.
  }];
  let arguments = (ins RISCV_RegType:$rs1, RISCV_SImm12:$imm,
                       Variadic<RISCV_RegType>:$uses);
  let results = (outs Variadic<RISCV_RegType>:$defs);
  let assemblyFormat = [{
    $imm `(` $rs1 `)` `(` $uses `)` attr-dict `:`
    qualified(type($rs1)) `,` functional-type($uses, $defs)
  }];
}

def RISCV_TailOp : RISCV_Inst<"tail", [Terminator,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "tail call (`jal x0, f` into another function)";
  let description = [{ Jumps to function `callee`; `uses` as for a call. }];
  let arguments = (ins FlatSymbolRefAttr:$callee, Variadic<RISCV_RegType>:$uses);
  let assemblyFormat =
      [{
    $callee (`uses` `(` $uses^ `:` qualified(type($uses)) `)`)? attr-dict
  }];
}

#endif // GREY_DIALECT_RISCV_RISCVOPS_TD
