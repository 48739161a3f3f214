//===- AttachProfile.cpp - pvm-attach-profile -----------------------------===//
//
// Puts a profile in guest addresses on the functions as `pvm.profile`.
//
//===----------------------------------------------------------------------===//

#include "grey/Dialect/PVM/Analysis/GuestProfile.h"
#include "grey/Dialect/PVM/PVMOps.h"
#include "grey/Dialect/PVM/PVMPasses.h"

#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"

namespace grey::pvm {
#define GEN_PASS_DEF_PVMATTACHPROFILE
#include "grey/Dialect/PVM/PVMPasses.h.inc"
} // namespace grey::pvm

using namespace mlir;
using namespace grey::pvm;

namespace {

struct AttachProfilePass
    : public grey::pvm::impl::PVMAttachProfileBase<AttachProfilePass> {
  using PVMAttachProfileBase::PVMAttachProfileBase;
  explicit AttachProfilePass(std::shared_ptr<const GuestProfile> profile)
      : profile(std::move(profile)) {}

  void runOnOperation() override {
    std::shared_ptr<const GuestProfile> counts = profile;
    if (!counts) {
      std::string error;
      std::unique_ptr<llvm::MemoryBuffer> input = openInputFile(file, &error);
      if (!input) {
        getOperation()->emitError("pvm-attach-profile: ") << error;
        return signalPassFailure();
      }
      llvm::Expected<GuestProfile> parsed =
          parseGuestProfile(input->getBuffer());
      if (!parsed) {
        getOperation()->emitError("pvm-attach-profile: ")
            << file << ": " << llvm::toString(parsed.takeError());
        return signalPassFailure();
      }
      counts = std::make_shared<GuestProfile>(std::move(*parsed));
    }
    getOperation()->walk(
        [&](ProgramOp program) { attachGuestProfile(program, *counts); });
  }

  std::shared_ptr<const GuestProfile> profile;
};

} // namespace

std::unique_ptr<Pass>
grey::pvm::createPVMAttachProfile(std::shared_ptr<const GuestProfile> profile) {
  return std::make_unique<AttachProfilePass>(std::move(profile));
}
