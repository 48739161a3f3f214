//===- GasCost.h - what pvm IR will cost once encoded ----------*- C++ -*-===//
//
// The cost query every optimization decides with: the single-pass gas of a
// straight-line sequence of pvm ops or of a block, computed by the same
// model the kernel charges (lib/Gas) from the instruction each op encodes
// as (lib/Target/Blob/OpInstruction).
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_ANALYSIS_GASCOST_H
#define GREY_DIALECT_PVM_ANALYSIS_GASCOST_H

#include "grey/Gas/GasModel.h"

#include "mlir/IR/Block.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace grey::pvm {

/// The model passes decide with, at a memory latency of `memCycles`: where
/// the backends disagree it takes the costlier reading (optimizer's
/// contract), so `unlikely` costs 40 cycles as in the Lean spec and the
/// interpreter, not the recompiler's 2.
gas::CostOptions optimizerCostOptions(
    unsigned memCycles = 25,
    gas::ThreeRegisterRule rule = gas::ThreeRegisterRule::Consensus);

/// optimizerCostOptions at the memory tier of the program that holds `op`
/// (its `memory_pages`, when set; the lowest tier otherwise).
gas::CostOptions optimizerCostOptionsFor(
    mlir::Operation *op,
    gas::ThreeRegisterRule rule = gas::ThreeRegisterRule::Consensus);

/// The three-register rule a pass's `gas-model` option names: `latency`
/// models three-register forms by their real operands; anything else is
/// the consensus rule the kernel charges.
gas::ThreeRegisterRule threeRegisterRuleNamed(llvm::StringRef gasModel);

/// Whether `op` ends a gas block (the cost table's terminators, `ecalli`
/// included; calls and tail calls, which are encoded as jumps).
bool endsGasBlock(mlir::Operation *op);

/// Whether a branch to `block` costs 1 instead of 20: its first
/// instruction is `trap` or `unlikely` (gas-model.md §4.1).
bool isCheapBranchTarget(mlir::Block *block);

/// The cost row of each op of `ops` that emits code, in order. Each
/// unallocated value is given a register of its own that no other value of
/// `ops` uses (while one is left), so the rows show its real dependences.
llvm::SmallVector<gas::InstructionCost>
instructionCosts(llvm::ArrayRef<mlir::Operation *> ops,
                 const gas::CostOptions &options);

/// The single-pass gas of `ops` run in order as one gas block, whatever gas
/// terminators they hold (a sequence under construction).
uint64_t sequenceCost(llvm::ArrayRef<mlir::Operation *> ops,
                      const gas::CostOptions &options);

/// The gas one run through `ops` in order is charged: the sum over the gas
/// blocks they form (a code sequence under construction that may hold gas
/// terminators, such as a block with another block's ops appended).
uint64_t pathCost(llvm::ArrayRef<mlir::Operation *> ops,
                  const gas::CostOptions &options);

/// The gas one execution of `block` is charged: the sum over the gas blocks
/// it holds (an `ecalli` ends one in the middle of a block).
uint64_t blockCost(mlir::Block *block, const gas::CostOptions &options);

} // namespace grey::pvm

#endif // GREY_DIALECT_PVM_ANALYSIS_GASCOST_H
