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
  unsigned tables = 0;
  for (Operation &op : getBody().front())
    if (isa<JumpTableOp>(op) && ++tables > 1)
      return op.emitOpError("is the second jump table of the program");
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

LogicalResult
JumpTableOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  for (auto entry : getEntries().getAsRange<FlatSymbolRefAttr>())
    if (!symbolTable.lookupNearestSymbolFrom<FuncOp>(*this, entry))
      return emitOpError("entry ") << entry << " is not a pvm.func";
  return success();
}
