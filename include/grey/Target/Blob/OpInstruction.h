//===- OpInstruction.h - the instruction a pvm op encodes as ---*- C++ -*-===//
//
// One mapping from a `pvm` op to the byte-level Instruction fields, shared by
// the blob writer and by anything that reasons about encoded code before it
// is written (the gas-cost query, the JIT-hazard check).
//
//===----------------------------------------------------------------------===//

#ifndef GREY_TARGET_BLOB_OPINSTRUCTION_H
#define GREY_TARGET_BLOB_OPINSTRUCTION_H

#include "grey/Target/Blob/Instruction.h"

#include "mlir/IR/Value.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"

#include <optional>

namespace grey::blob {

/// The register number a value is encoded with, or nothing when it has none.
using RegisterAssignment =
    llvm::function_ref<std::optional<uint8_t>(mlir::Value)>;

/// The register an allocated `!pvm.reg<rN>` names.
std::optional<uint8_t> allocatedRegister(mlir::Value value);

/// Whether `op` belongs to the IR but not to the code (`pvm.get_register`,
/// `pvm.jump_table_entry`).
bool emitsNoCode(mlir::Operation *op);

/// How many instructions the ops of `block` encode to.
unsigned instructionCount(mlir::Block *block);

/// The instruction `op` is written as: opcode, format, registers and
/// immediates; `pc` and `target` are left 0 (the writer places code).
/// Calls become `load_imm_jump` (with the continuation's jump-table address),
/// `jump` (tail calls) and `load_imm_jump_ind`. The error says why `op`
/// cannot be encoded: not an instruction, or `registerOf` gives an operand
/// no register.
llvm::Expected<Instruction>
instructionFor(mlir::Operation *op,
               RegisterAssignment registerOf = allocatedRegister);

/// The opcode standing for an op that has no instruction (not an
/// instruction, or an operand without a register): byte-level checks such as
/// the JIT-hazard detector take it as the end of what they know.
constexpr uint8_t kNotAnInstruction = 255;

/// The instruction `op` is written as, or one with opcode
/// kNotAnInstruction when it has none.
Instruction instructionOrUnknown(mlir::Operation *op);

} // namespace grey::blob

#endif // GREY_TARGET_BLOB_OPINSTRUCTION_H
