//===- PVMDialect.cpp - the PVM dialect -----------------------------------===//
//
// Registers the `pvm` dialect's ops and types, materializes constants and
// verifies the dialect's discardable attributes.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/PVMDialect.h"
#include "grey/Dialect/PVM/PVMOpcodeTable.h"
#include "grey/Dialect/PVM/PVMOps.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace grey::pvm;

#include "grey/Dialect/PVM/PVMDialect.cpp.inc"

void PVMDialect::initialize() {
  registerTypes();
  addOperations<
#define GET_OP_LIST
#include "grey/Dialect/PVM/PVMOps.cpp.inc"
      >();
}

Operation *PVMDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                           Type type, Location loc) {
  auto intAttr = dyn_cast<IntegerAttr>(value);
  auto regType = dyn_cast<RegType>(type);
  if (!intAttr || !regType)
    return nullptr;
  // Keep the register the folded op was assigned: `type` is its result type.
  int64_t v = intAttr.getValue().getSExtValue();
  if (v == static_cast<int32_t>(v))
    return LoadImmOp::create(builder, loc, regType, builder.getI64IntegerAttr(v));
  return LoadImm64Op::create(builder, loc, regType,
                             builder.getI64IntegerAttr(v));
}

LogicalResult PVMDialect::verifyOperationAttribute(Operation *op,
                                                   NamedAttribute attr) {
  if (attr.getName() != kWidthsAttrName)
    return success();
  auto inst = dyn_cast<InstructionOpInterface>(op);
  if (!inst)
    return op->emitOpError("has '")
           << kWidthsAttrName << "' but is not a PVM instruction";
  size_t fields = variableWidthFields(inst.getFormat()).size();
  if (fields == 0)
    return op->emitOpError("has '")
           << kWidthsAttrName << "' but no field whose width can vary";
  auto widths = dyn_cast<DenseI32ArrayAttr>(attr.getValue());
  if (!widths || size_t(widths.size()) != fields)
    return op->emitOpError("'")
           << kWidthsAttrName << "' must be an array<i32> of " << fields
           << " field width" << (fields == 1 ? "" : "s");
  for (int32_t width : widths.asArrayRef())
    if (width < 0 || width > 4)
      return op->emitOpError("'")
             << kWidthsAttrName << "' holds a width of " << width
             << " bytes; a field takes 0 to 4";
  return success();
}
