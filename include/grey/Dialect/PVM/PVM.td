//===- PVM.td - the PVM dialect umbrella -------------------*- tablegen -*-===//
//
// Everything tablegen needs to generate the `pvm` dialect.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_PVM_TD
#define GREY_DIALECT_PVM_PVM_TD

include "grey/Dialect/PVM/PVMDialect.td"
include "grey/Dialect/PVM/PVMTypes.td"
include "grey/Dialect/PVM/PVMInterfaces.td"
include "grey/Dialect/PVM/PVMOps.td"
include "grey/Dialect/PVM/PVMStructure.td"

#endif // GREY_DIALECT_PVM_PVM_TD
