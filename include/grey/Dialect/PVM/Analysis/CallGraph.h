//===- CallGraph.h - who calls whom in a pvm.program ------------*- C++ -*-===//
//
// The direct calls and tail calls between the functions of a program, which
// functions code pointers can reach, and the order in which to visit
// functions so that callees come before their callers.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_ANALYSIS_CALLGRAPH_H
#define GREY_DIALECT_PVM_ANALYSIS_CALLGRAPH_H

#include "grey/Dialect/PVM/PVMOps.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace grey::pvm {

/// Whether `jump` is a return: a jump through the link register (r0) at
/// offset 0 with no targets in its function, as `jalr x0, 0(ra)` is in the
/// RISC-V psABI. The translation models every call as returning to its
/// continuation through such a jump.
bool isReturn(JumpIndOp jump);

/// The call graph of one program by symbol: direct calls (`pvm.call`) and
/// tail calls (`pvm.tail_call`) are edges. Indirect calls and computed
/// jumps may reach any address-taken function (one whose entry block
/// declares a jump-table entry); they are not edges, so a pass that needs
/// every possible caller of a function must treat address-taken functions
/// as called from anywhere.
///
/// Built once; it does not follow changes to the program.
class ProgramCallGraph {
public:
  explicit ProgramCallGraph(ProgramOp program);

  /// The program's functions, in program order.
  llvm::ArrayRef<FuncOp> getFunctions() const { return functions; }
  /// The function `name` refers to, or null.
  FuncOp lookup(mlir::FlatSymbolRefAttr name) const;
  /// The calls and tail calls that name `callee`.
  llvm::ArrayRef<mlir::Operation *> getCallSites(FuncOp callee) const;
  /// The functions `caller` calls or tail-calls by name, each once.
  llvm::ArrayRef<FuncOp> getCallees(FuncOp caller) const;
  /// Whether code pointers may reach `func` (its entry is a jump-table
  /// entry).
  bool isAddressTaken(FuncOp func) const;
  /// Whether `func` is the program's entry function.
  bool isEntry(FuncOp func) const { return func == entry; }

  /// The strongly connected components of the graph, callees before
  /// callers: every edge leaving a component leads to one listed earlier.
  const llvm::SmallVector<llvm::SmallVector<FuncOp>> &
  getBottomUpOrder() const {
    return bottomUp;
  }
  /// Whether `func` can call itself through direct calls and tail calls.
  bool isRecursive(FuncOp func) const;

private:
  FuncOp entry;
  llvm::SmallVector<FuncOp> functions;
  llvm::DenseMap<mlir::StringAttr, FuncOp> byName;
  llvm::DenseMap<FuncOp, llvm::SmallVector<mlir::Operation *>> callSites;
  llvm::DenseMap<FuncOp, llvm::SmallVector<FuncOp>> callees;
  llvm::DenseMap<FuncOp, unsigned> componentOf;
  llvm::SmallVector<llvm::SmallVector<FuncOp>> bottomUp;
};

} // namespace grey::pvm

#endif // GREY_DIALECT_PVM_ANALYSIS_CALLGRAPH_H
