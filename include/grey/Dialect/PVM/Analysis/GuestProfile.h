//===- GuestProfile.h - execution counts by guest address ------*- C++ -*-===//
//
// A profile in terms that survive recompilation: how often the gas blocks
// that start with the code of each RISC-V instruction ran, per function.
// grey-compile --profile-use maps a grey-run profile (by blob PC) to one;
// pvm-attach-profile puts it on the functions as `pvm.profile`, which
// BlockFrequency reads.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_DIALECT_PVM_ANALYSIS_GUESTPROFILE_H
#define GREY_DIALECT_PVM_ANALYSIS_GUESTPROFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <map>
#include <string>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace grey::pvm {

class ProgramOp;

/// Counts by function name, then by guest address.
struct GuestProfile {
  std::map<std::string, std::map<uint64_t, uint64_t>> counts;

  /// Adds `count` runs of the gas block starting at `address` in `function`.
  void add(llvm::StringRef function, uint64_t address, uint64_t count) {
    counts[function.str()][address] += count;
  }
};

/// Parses the text form, one `@function 0xaddress count` per line (`#`
/// starts a comment). The error names the line.
llvm::Expected<GuestProfile> parseGuestProfile(llvm::StringRef text);

/// Writes the text form parseGuestProfile reads.
void printGuestProfile(const GuestProfile &profile, llvm::raw_ostream &os);

/// Sets `pvm.profile` (kProfileAttrName) on every function of `program`
/// the profile names, replacing what was there; functions it does not name
/// get an empty profile (they never ran).
void attachGuestProfile(ProgramOp program, const GuestProfile &profile);

} // namespace grey::pvm

#endif // GREY_DIALECT_PVM_ANALYSIS_GUESTPROFILE_H
