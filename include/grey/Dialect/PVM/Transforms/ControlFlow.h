//===- ControlFlow.h - editing the CFG of laid-out pvm IR ------*- C++ -*-===//
//
// Block order is the layout in `pvm` (docs/Optimizer.md): a branch's `next`,
// the dest of `fallthrough` and `unlikely`, and a call's continuation must
// be the block laid out next. These helpers let the control-flow passes
// rewrite edges freely and then put the blocks back in a legal order.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_TRANSFORMS_CONTROLFLOW_H
#define GREY_DIALECT_PVM_TRANSFORMS_CONTROLFLOW_H

#include "mlir/IR/Block.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Region.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace grey::pvm {

/// Marks the back-edge branch of a loop an unrolling pass made or left as
/// the remainder of one, so that no other unrolling copies it again (the
/// role of LLVM's `llvm.loop.unroll.disable`).
inline constexpr llvm::StringLiteral kUnrolledAttrName = "pvm.unrolled";

/// The successor `terminator` requires to be laid out right after its
/// block, if any: a branch's `next`, the dest of `fallthrough` and
/// `unlikely`, a call's continuation.
mlir::Block *layoutSuccessor(mlir::Operation *terminator);

/// Whether `block` starts with a `pvm.jump_table_entry`: dynamic jumps and
/// returns reach it, so it must stay the start of a gas block.
bool isJumpTableEntry(mlir::Block *block);

/// Whether `op` is a `jump` or a `fallthrough`: an edge to one block that
/// passes values and does nothing else.
bool isPlainEdge(mlir::Operation *op);

/// Whether `block` holds nothing but a plain edge: a block the layout left
/// behind, which costs a gas block of its own.
bool isForwarder(mlir::Block *block);

/// Creates a conditional branch of the kind of `like` (or of its inverse)
/// comparing `compared`, with the given successors and their operands.
mlir::Operation *createBranchLike(mlir::OpBuilder &builder,
                                  mlir::Operation *like, bool inverted,
                                  mlir::ValueRange compared,
                                  mlir::Block *target,
                                  mlir::ValueRange targetOperands,
                                  mlir::Block *next,
                                  mlir::ValueRange nextOperands);

/// The values a conditional branch compares (its operands other than
/// those it passes to its successors).
mlir::OperandRange comparedOperands(mlir::Operation *branch);

/// A register value that is zero exactly when (`takenIfZero`) or exactly
/// unless a conditional branch is taken.
struct BranchCondition {
  mlir::Value value;
  bool takenIfZero;
};

/// Computes the condition of the conditional branch `branch` on `compared`
/// (standing for its compared operands, in order) into new unallocated
/// registers at the builder's insertion point. A comparison with 0 needs no
/// op: the condition is the compared value itself. The value is null for an
/// op that is no compare-and-branch.
BranchCondition materializeCondition(mlir::OpBuilder &builder,
                                     mlir::Operation *branch,
                                     mlir::ValueRange compared);

/// Replaces the conditional branch `branch` by its inverse with `target`
/// and `next` (and their operands) swapped; returns the new op.
mlir::Operation *invertBranch(mlir::Operation *branch);

/// Replaces the plain edge `edge` by a `jump` (`asJump`) or a
/// `fallthrough` to the same block with the same operands.
mlir::Operation *replacePlainEdge(mlir::Operation *edge, bool asJump);

/// Whether every value defined in `block` (its arguments and results) is
/// used only inside it, so copies of the block need no SSA repair.
bool definesOnlyLocalValues(mlir::Block *block);

/// Inserts right before `dest` a block that passes its arguments on to
/// `dest` after an `unlikely`, and returns it: a branch to it costs 1
/// instead of 20 (gas-model.md §4.1). No block may require `dest` to be
/// laid out after it.
mlir::Block *insertUnlikelyLanding(mlir::Block *dest);

/// The block laid out right before `dest` when it holds only an `unlikely`
/// that passes its arguments on to `dest`, else null.
mlir::Block *unlikelyLandingOf(mlir::Block *dest);

/// Inserts right before `header` a block (a preheader) that passes its
/// arguments on to `header`, and moves every edge into `header` from a
/// block `isOutside` accepts to it; returns it. The edges keep what they
/// pass: the preheader's arguments are the header's.
mlir::Block *insertPreheader(mlir::Block *header,
                             llvm::function_ref<bool(mlir::Block *)> isOutside);

/// Undoes insertPreheader: the edges into `preheader` go to the block it
/// passes on to again, and it is erased.
void removePreheader(mlir::Block *preheader);

/// Puts the blocks of `body` in an order where every layout successor
/// follows its block, keeping the current order wherever it already does
/// and the entry block first. Where two blocks require the same successor,
/// or requirements form a cycle, one requirement is dropped: a
/// `fallthrough` becomes a `jump`, a branch's `next` edge goes through a
/// new block that jumps. Chains (a block and what must follow it) keep the
/// order of their first blocks.
void restoreLayout(mlir::Region &body);

/// Reorders `body` into `order` (every block exactly once, entry first),
/// then restores layout legality as restoreLayout does.
void applyLayout(mlir::Region &body, llvm::ArrayRef<mlir::Block *> order);

/// Deletes blocks no edge reaches that are neither the entry nor a
/// jump-table entry. Returns whether any went.
bool eraseUnreachableBlocks(mlir::Region &body);

} // namespace grey::pvm

#endif // GREY_DIALECT_PVM_TRANSFORMS_CONTROLFLOW_H
