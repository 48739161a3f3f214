//===- StackDepth.h - how deep a program's stack can grow -------*- C++ -*-===//
//
// Bounds the stack a PVM program uses: each function's own frame (its
// stack-pointer adjustments and the stack slots it touches) plus, along the
// call graph, the frames of everything it can call.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_ANALYSIS_STACKDEPTH_H
#define GREY_DIALECT_PVM_ANALYSIS_STACKDEPTH_H

#include "grey/Dialect/PVM/PVMOps.h"

#include "llvm/ADT/DenseMap.h"

#include <map>
#include <optional>
#include <string>

namespace grey::pvm {

/// How deep the stack of a program can grow, in bytes below the stack
/// pointer a function is entered with, or why that is not known.
struct StackDepth {
  /// Set when the depth is bounded and understood.
  std::optional<uint64_t> bytes;
  /// Otherwise: what the analysis does not understand, and where.
  std::string reason;
  std::optional<mlir::Location> where;
};

/// Bounds the stack depth of every function of a program from the calls
/// it can make and the stack-pointer changes of each function.
///
/// A function's own depth is the largest amount its stack pointer (or any
/// address derived from it by a constant) goes below the entry value,
/// including slots it reads or writes below the stack pointer. Calls add
/// the callee's depth at the caller's stack pointer: direct calls and tail
/// calls their callee; `call_indirect` and a `jump_ind` that is not a return
/// (a computed tail call) every address-taken function (one whose entry is
/// a jump-table entry). A return is a `jump_ind` through `ra` (r0) without
/// targets, as `jalr x0, 0(ra)` is in the RISC-V psABI. Host calls
/// (`ecalli`, `ecall`) use no guest stack.
///
/// The depth is unknown when the stack pointer gets a value that is not a
/// constant offset from its entry value (alloca, variable-length arrays,
/// stack pointers loaded from memory, different offsets on two paths), when
/// a run-time amount is subtracted from it (a dynamic allocation whose
/// stack-pointer write was dropped as dead), when a function returns or
/// tail-calls with its stack pointer moved, when a call does not pass the
/// stack pointer, and when a call-graph cycle grows the stack (recursion).
/// A cycle that keeps the stack pointer where it was (tail recursion) is
/// fine. Addresses derived from the stack pointer by a run-time amount
/// (indexing a local array) are taken to stay inside their object, above
/// the stack pointer, as C guarantees for valid programs.
class StackDepthAnalysis {
public:
  explicit StackDepthAnalysis(ProgramOp program);

  /// The depth of running `root` (and all it can call), in bytes below the
  /// stack pointer `root` is entered with.
  StackDepth depthFrom(FuncOp root) const;

  /// What one function contributes by itself.
  struct Frame {
    /// Bytes below the entry stack pointer the function itself reaches.
    uint64_t ownBytes = 0;
    struct Call {
      mlir::Operation *site;
      /// The callee, or null for "any address-taken function".
      FuncOp callee;
      /// Bytes below the caller's entry stack pointer at the call.
      uint64_t atBytes;
    };
    llvm::SmallVector<Call> calls;
    /// Hard-wired addresses it reads or writes (absolute loads and stores,
    /// and register bases holding a known constant), with the first
    /// instruction naming each.
    std::map<uint64_t, mlir::Operation *> fixedAddresses;
    /// Whether the function may read or write memory at or above its entry
    /// stack pointer, in its caller's frame (stack-passed arguments,
    /// varargs): an access there, an address derived from the stack
    /// pointer used where the offsets do not place it (moved by a run-time
    /// amount or around a loop), or stored or handed to other code. Then
    /// its caller's frame must stay while it runs.
    bool touchesCallerFrame = false;
    /// The first construct the analysis does not understand.
    std::optional<std::pair<mlir::Location, std::string>> problem;
  };
  const Frame &getFrame(FuncOp func) const { return frames.at(func); }

private:
  llvm::DenseMap<FuncOp, Frame> frames;
  llvm::DenseMap<FuncOp, StackDepth> depths;
};

} // namespace grey::pvm

#endif // GREY_DIALECT_PVM_ANALYSIS_STACKDEPTH_H
