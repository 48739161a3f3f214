//===- BlockCost.h - gas blocks of a code blob and what they cost ---------===//
//
// Finds the gas blocks of a code sub-blob and charges each with the
// single-pass model, following the rules of one Rust backend
// (gas-model.md §2.1, §4.1, §5, §7).
//
//===----------------------------------------------------------------------===//

#ifndef GREY_GAS_BLOCKCOST_H
#define GREY_GAS_BLOCKCOST_H

#include "grey/Gas/GasModel.h"
#include "grey/Target/Blob/BlobFormat.h"
#include "grey/Target/Blob/Instruction.h"

#include "llvm/ADT/ArrayRef.h"

#include <utility>
#include <vector>

namespace grey::gas {

/// The raw register nibbles the model reads for the instruction at `pc`.
/// Bytes past the end of the code read as register 12 in the interpreter and
/// 0 in the recompiler (gas-model.md §7 #8).
RawOperands readRawOperands(llvm::ArrayRef<uint8_t> code, uint32_t pc,
                            Backend backend);

/// Whether a branch to `target` costs 1 instead of 20: the target is an
/// instruction start holding `trap` or `unlikely` (gas-model.md §4.1).
bool isColdBranchTarget(const blob::CodeBlob &code, uint64_t target);

/// The cost row of a decoded instruction of `code`.
InstructionCost instructionCost(const blob::CodeBlob &code,
                                const blob::Instruction &inst,
                                const CostOptions &options);

/// The raw nibbles the canonical encoding (pvm-isa.md §2.4) of `inst` puts
/// where the model reads them, for instructions not yet encoded.
RawOperands canonicalRawOperands(const blob::Instruction &inst);

/// The cost row of an instruction that is not (yet) part of a code blob, as
/// if canonically encoded; `coldTarget` as in instructionCost above.
InstructionCost instructionCost(const blob::Instruction &inst, bool coldTarget,
                                const CostOptions &options);

/// The single-pass cost of a straight-line sequence fed in order.
uint64_t singlePassCost(llvm::ArrayRef<InstructionCost> costs);

/// Gas-block starts under `backend`'s rules (gas-model.md §2.1): `result[pc]`
/// is 1 for members. The interpreter also ends a block after `ecall` and
/// needs a valid opcode at PC 0.
std::vector<uint8_t> findGasBlockStarts(const blob::CodeBlob &code,
                                        Backend backend);

/// The single-pass cost of the gas block starting at `start`; `starts` comes
/// from findGasBlockStarts with the same backend. Reproduces the backend's
/// quirks: the interpreter feeds invalid opcodes with the default row; the
/// recompiler skips them and feeds the scaled-index near-miss twice
/// (gas-model.md §7 #6, #7).
uint64_t gasBlockCost(const blob::CodeBlob &code, uint32_t start,
                      llvm::ArrayRef<uint8_t> starts,
                      const CostOptions &options);

/// As above, finding the block starts itself.
uint64_t gasBlockCost(const blob::CodeBlob &code, uint32_t start,
                      const CostOptions &options);

/// Every gas block of `code` as (start pc, cost), in pc order.
std::vector<std::pair<uint32_t, uint64_t>>
gasBlockCosts(const blob::CodeBlob &code, const CostOptions &options);

/// The cost of one gas block given as instructions in order, before they
/// are encoded: canonical encodings, branch targets taken as not cold, and
/// under the recompiler the scaled-index double charge. For comparing
/// rewrites of a block.
uint64_t straightLineCost(llvm::ArrayRef<blob::Instruction> insts,
                          const CostOptions &options);

} // namespace grey::gas

#endif // GREY_GAS_BLOCKCOST_H
