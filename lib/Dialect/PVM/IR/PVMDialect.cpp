//===- PVMDialect.cpp - the PVM dialect -----------------------------------===//
//
// Registers the `pvm` dialect's ops and types, and materializes constants.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/PVMDialect.h"
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
