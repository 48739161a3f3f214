//===- CallRegisters.h - registers functions read and write ----*- C++ -*-===//
//
// For every function of a program, which argument registers it reads and
// which caller-saved registers it may change before it returns, through its
// callees too: what a direct call really needs to pass and what it really
// clobbers.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_ANALYSIS_CALLREGISTERS_H
#define GREY_DIALECT_PVM_ANALYSIS_CALLREGISTERS_H

#include "grey/Dialect/PVM/Analysis/CallGraph.h"
#include "grey/Dialect/PVM/Analysis/RegisterLiveness.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace grey::pvm {

/// The argument registers of the calling convention (a0-a5: r7-r12).
RegisterSet argumentRegisters();
/// The registers a call may clobber besides the link register r0: t0-t2
/// and a0-a5 (r2-r4, r7-r12).
RegisterSet callerSavedRegisters();

/// The values of `func` that hold a register's value from the function's
/// entry unchanged: the entry block's `get_register`s and the block
/// arguments that only ever receive such a value of their own register.
llvm::DenseSet<mlir::Value> entryValues(FuncOp func);

/// Interprocedural register summaries of one program, a least fixpoint over
/// the call graph (recursion included):
///
/// - reads(F): the argument registers whose value at F's entry F may use,
///   counting a value passed on to a direct call or tail call only when the
///   callee reads that register, and a value handed back by a return as
///   read (the caller may read it).
/// - writes(F): the caller-saved registers (callerSavedRegisters()) that may
///   hold another value when F returns than at its entry: those any value
///   of F other than an entry value is typed with, what its direct calls'
///   and tail calls' callees write, and all of them when F calls or jumps
///   through a register (the callee is unknown).
///
/// Indirect callers cannot use these (they do not know the callee), so
/// only direct calls and tail calls are rewritten with them.
class CallRegisters {
public:
  CallRegisters(ProgramOp program, const ProgramCallGraph &graph);

  RegisterSet reads(FuncOp func) const { return summaries.lookup(func).reads; }
  RegisterSet writes(FuncOp func) const {
    return summaries.lookup(func).writes;
  }

private:
  struct Summary {
    RegisterSet reads, writes;
  };
  llvm::DenseMap<FuncOp, Summary> summaries;
};

} // namespace grey::pvm

#endif // GREY_DIALECT_PVM_ANALYSIS_CALLREGISTERS_H
