//===- JumpTableEntries.cpp - add and retire jump-table entries -----------===//

#include "grey/Dialect/PVM/Transforms/JumpTableEntries.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;
using namespace grey::pvm;

JumpTableEntries::JumpTableEntries(ProgramOp program) : program(program) {
  program.walk([&](JumpTableEntryOp entry) {
    next = std::max<uint64_t>(next, uint64_t(entry.getIndex()) + 1);
  });
  if (auto func = SymbolTable::lookupNearestSymbolFrom<FuncOp>(
          program, StringAttr::get(program.getContext(), kRetiredFunction)))
    retired = &func.getBody().front();
}

void JumpTableEntries::retire(JumpTableEntryOp entry) {
  if (!retired) {
    OpBuilder builder(program.getContext());
    builder.setInsertionPointToEnd(&program.getBody().front());
    auto func = FuncOp::create(builder, program.getLoc(), kRetiredFunction);
    retired = builder.createBlock(&func.getBody());
    TrapOp::create(builder, program.getLoc());
  }
  entry->moveBefore(retired->getTerminator());
}

JumpTableEntryOp grey::pvm::privateReturnSite(CallOp call) {
  Block *site = call.getContinuation();
  auto entries = site->getOps<JumpTableEntryOp>();
  if (!site->getSinglePredecessor() ||
      std::distance(entries.begin(), entries.end()) != 1)
    return nullptr;
  return *entries.begin();
}
