//===- ProfileUse.h - grey-run profiles back to the IR ---------*- C++ -*-===//
//
// `grey-run --profile` counts how often each gas block of a blob ran, by
// blob PC. Recompiling with those counts needs them in terms that survive
// recompilation: the guest (RISC-V) address of each gas block's first
// instruction, read from the location of the op the blob writer encoded
// there. The blob must be the one the same pipeline writes for the same
// program, which the profile's code fingerprint checks.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_PIPELINES_PROFILEUSE_H
#define GREY_PIPELINES_PROFILEUSE_H

#include "grey/Dialect/PVM/Analysis/GuestProfile.h"
#include "grey/Dialect/PVM/PVMOps.h"

#include "llvm/Support/Error.h"

#include <map>
#include <optional>

namespace grey {

/// Execution counts by gas-block start PC, as `grey-run --profile` writes
/// them, with the fingerprint of the code they were recorded from (the
/// `# code <hex>` line), when present.
struct BlobProfile {
  std::map<uint32_t, uint64_t> counts;
  std::optional<uint64_t> codeFingerprint;
};

/// Parses grey-run's profile text. The error names the line.
llvm::Expected<BlobProfile> parseBlobProfile(llvm::StringRef text);

/// Maps `profile` to guest addresses through `program`, the allocated IR
/// the profiled blob was written from: each counted PC must start an
/// instruction of its code, and the counts of gas blocks that start with
/// code of the same guest instruction add up. Fails when the fingerprint
/// or a PC shows that the profile belongs to other code.
llvm::Expected<pvm::GuestProfile> mapBlobProfile(pvm::ProgramOp program,
                                                 pvm::CapLayout layout,
                                                 const BlobProfile &profile);

} // namespace grey

#endif // GREY_PIPELINES_PROFILEUSE_H
