//===- PVMOps.cpp - PVM operations ----------------------------------------===//
//
// Verifiers and interface methods of the `pvm` ops.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/PVMOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace grey::pvm;

#include "grey/Dialect/PVM/PVMOpInterfaces.cpp.inc"

#define GET_OP_CLASSES
#include "grey/Dialect/PVM/PVMOps.cpp.inc"

/// Whether two register types name the same machine register.
static bool sameAllocatedReg(Type a, Type b) {
  auto ra = cast<RegType>(a), rb = cast<RegType>(b);
  return ra.isAllocated() && ra == rb;
}

LogicalResult LoadImmJumpIndOp::verify() {
  // The Rust VM reads `base` after writing `rd`, Lean before: only distinct
  // registers mean the same thing to both.
  if (sameAllocatedReg(getBase().getType(), getRd().getType()))
    return emitOpError("writes its jump base register ")
           << getRd().getType() << " before the jump reads it";
  return success();
}

LogicalResult ProgramOp::verify() {
  auto entry = dyn_cast_or_null<FuncOp>(
      mlir::SymbolTable::lookupSymbolIn(getOperation(), getEntryAttr()));
  if (!entry)
    return emitOpError("entry '") << getEntry() << "' is not a pvm.func";
  // Entries must number 0..n-1, each once.
  llvm::SmallVector<JumpTableEntryOp> entries;
  walk([&](JumpTableEntryOp op) { entries.push_back(op); });
  llvm::SmallVector<bool> seen(entries.size(), false);
  for (JumpTableEntryOp op : entries) {
    uint64_t index = op.getIndex();
    if (index >= entries.size())
      return op.emitOpError("index ")
             << index << " leaves a gap: the program has " << entries.size()
             << " jump-table entries";
    if (seen[index])
      return op.emitOpError("index ") << index << " is declared twice";
    seen[index] = true;
  }
  return success();
}

LogicalResult FuncOp::verify() {
  if (getBody().front().getNumArguments() != 0)
    return emitOpError("entry block must have no arguments");
  return success();
}

RegionKind FuncOp::getRegionKind(unsigned) { return RegionKind::SSACFG; }

LogicalResult SegmentOp::verify() {
  if (static_cast<uint64_t>(getSize()) < getInit().size())
    return emitOpError("initial contents (")
           << getInit().size() << " bytes) exceed the segment size ("
           << getSize() << ")";
  if (static_cast<uint64_t>(getBase()) + getSize() > (uint64_t(1) << 32))
    return emitOpError("extends past the 32-bit address space");
  return success();
}

LogicalResult JumpTableEntryOp::verify() {
  for (Operation *prev = getOperation()->getPrevNode(); prev;
       prev = prev->getPrevNode())
    if (!isa<JumpTableEntryOp>(prev))
      return emitOpError("must be at the start of its block");
  return success();
}

/// Checks that `continuation` is a return site: a block without arguments
/// that declares a jump-table entry.
static LogicalResult verifyContinuation(Operation *call, Block *continuation) {
  if (continuation->getNumArguments() != 0)
    return call->emitOpError("continuation must take no arguments");
  if (continuation->empty() || !isa<JumpTableEntryOp>(continuation->front()))
    return call->emitOpError(
        "continuation must start with a pvm.jump_table_entry (it is the "
        "return address)");
  return success();
}

static LogicalResult verifyCallee(Operation *op, FlatSymbolRefAttr callee,
                                  SymbolTableCollection &symbolTable) {
  if (!symbolTable.lookupNearestSymbolFrom<FuncOp>(op, callee))
    return op->emitOpError("callee ") << callee << " is not a pvm.func";
  return success();
}

LogicalResult CallOp::verify() {
  return verifyContinuation(*this, getContinuation());
}

LogicalResult CallOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  return verifyCallee(*this, getCalleeAttr(), symbolTable);
}

LogicalResult TailCallOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  return verifyCallee(*this, getCalleeAttr(), symbolTable);
}

LogicalResult CallIndirectOp::verify() {
  if (sameAllocatedReg(getTarget().getType(), getLink().getType()))
    return emitOpError("writes its target register ")
           << getLink().getType() << " before the jump reads it";
  return verifyContinuation(*this, getContinuation());
}
