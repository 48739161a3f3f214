//===- RISCVOps.cpp - RISC-V operations -----------------------------------===//
//
// Verifiers, folders and interface methods of the `riscv` ops.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/RISCV/RISCVOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace grey::riscv;

#define GET_OP_CLASSES
#include "grey/Dialect/RISCV/RISCVOps.cpp.inc"

static bool isZeroReg(Type type) {
  return cast<RegType>(type).getReg() == Reg::Zero;
}

LogicalResult grey::riscv::detail::verifyNoZeroResult(Operation *op) {
  for (OpResult result : op->getResults())
    if (isZeroReg(result.getType()))
      return op->emitOpError("result #")
             << result.getResultNumber()
             << " is written to x0, which discards writes";
  return success();
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValueAttr(); }

LogicalResult ConstantOp::verify() {
  if (isZeroReg(getType()) && getValue() != 0)
    return emitOpError("x0 always reads 0, not ") << getValue();
  return success();
}

LogicalResult ProgramOp::verify() {
  if (!dyn_cast_or_null<FuncOp>(
      mlir::SymbolTable::lookupSymbolIn(getOperation(), getEntryAttr())))
    return emitOpError("entry '") << getEntry() << "' is not a riscv.func";
  return success();
}

RegionKind FuncOp::getRegionKind(unsigned) { return RegionKind::SSACFG; }

LogicalResult SegmentOp::verify() {
  if (static_cast<uint64_t>(getSize()) < getInit().size())
    return emitOpError("initial contents (")
           << getInit().size() << " bytes) exceed the segment size ("
           << getSize() << ")";
  return success();
}

/// Checks that `callee` names a riscv.func.
static LogicalResult verifyCallee(Operation *op, FlatSymbolRefAttr callee,
                                  SymbolTableCollection &symbolTable) {
  if (!symbolTable.lookupNearestSymbolFrom<FuncOp>(op, callee))
    return op->emitOpError("callee ") << callee << " is not a riscv.func";
  return success();
}

LogicalResult CallOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  return verifyCallee(*this, getCalleeAttr(), symbolTable);
}

LogicalResult TailOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  return verifyCallee(*this, getCalleeAttr(), symbolTable);
}
