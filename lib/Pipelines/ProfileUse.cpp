//===- ProfileUse.cpp - grey-run profiles back to the IR ------------------===//

#include "grey/Pipelines/ProfileUse.h"

#include "grey/Dialect/PVM/Analysis/BlockFrequency.h"
#include "grey/Dialect/PVM/Analysis/GasCost.h"
#include "grey/Target/Blob/ExportPVMBlob.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"

using namespace mlir;
using namespace grey;

static llvm::Error profileError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

llvm::Expected<BlobProfile> grey::parseBlobProfile(llvm::StringRef text) {
  BlobProfile profile;
  unsigned lineNumber = 0;
  while (!text.empty()) {
    auto [line, rest] = text.split('\n');
    text = rest;
    ++lineNumber;
    line = line.trim();
    if (line.consume_front("#")) {
      uint64_t fingerprint;
      line = line.trim();
      if (line.consume_front("code ") &&
          !line.trim().getAsInteger(16, fingerprint))
        profile.codeFingerprint = fingerprint;
      continue;
    }
    if (line.empty())
      continue;
    auto [pcText, countText] = line.split(' ');
    uint32_t pc;
    uint64_t count;
    if (pcText.getAsInteger(10, pc) || countText.trim().getAsInteger(10, count))
      return profileError("line " + llvm::Twine(lineNumber) +
                          ": expected '<gas-block start pc> <entries>', got '" +
                          line + "'");
    profile.counts[pc] += count;
  }
  return profile;
}

llvm::Expected<pvm::GuestProfile>
grey::mapBlobProfile(pvm::ProgramOp program, pvm::CapLayout layout,
                     const BlobProfile &profile) {
  std::vector<std::pair<uint32_t, Operation *>> placement;
  FailureOr<blob::CodeBlob> code =
      encodeProgramCode(program, layout, /*allowJITHazards=*/false, &placement);
  if (failed(code))
    return profileError("cannot encode the program the profile is mapped "
                        "through");
  if (profile.codeFingerprint &&
      *profile.codeFingerprint != blob::codeFingerprint(*code))
    return profileError(
        "the profile was recorded from other code (fingerprint " +
        llvm::utohexstr(*profile.codeFingerprint, /*LowerCase=*/true) +
        ", this program's is " +
        llvm::utohexstr(blob::codeFingerprint(*code), /*LowerCase=*/true) +
        "): record it from the blob the same command writes without "
        "--profile-use");

  pvm::GuestProfile guest;
  for (auto [pc, count] : profile.counts) {
    auto it = llvm::lower_bound(placement, pc, [](const auto &placed,
                                                  uint32_t value) {
      return placed.first < value;
    });
    if (it == placement.end() || it->first != pc)
      return profileError("pc " + llvm::Twine(pc) +
                          " of the profile starts no instruction of this "
                          "program's code: the profile belongs to another "
                          "blob");
    // The first instruction of the gas block that came from the guest
    // program (edge copies, jumps and `unlikely` blocks that passes made
    // have no guest address; their counts add nothing).
    Block *block = it->second->getBlock();
    for (; it != placement.end() && it->second->getBlock() == block; ++it) {
      if (std::optional<uint64_t> address = pvm::guestAddressOf(it->second)) {
        auto func = it->second->getParentOfType<pvm::FuncOp>();
        guest.add(func.getSymName(), *address, count);
        break;
      }
      if (pvm::endsGasBlock(it->second))
        break;
    }
  }
  return guest;
}
