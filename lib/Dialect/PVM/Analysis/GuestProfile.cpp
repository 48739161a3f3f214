//===- GuestProfile.cpp - execution counts by guest address ---------------===//

#include "grey/Dialect/PVM/Analysis/GuestProfile.h"

#include "grey/Dialect/PVM/Analysis/BlockFrequency.h"
#include "grey/Dialect/PVM/PVMOps.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace grey::pvm;

llvm::Expected<GuestProfile> grey::pvm::parseGuestProfile(llvm::StringRef text) {
  GuestProfile profile;
  unsigned lineNumber = 0;
  while (!text.empty()) {
    auto [line, rest] = text.split('\n');
    text = rest;
    ++lineNumber;
    line = line.split('#').first.trim();
    if (line.empty())
      continue;
    llvm::SmallVector<llvm::StringRef, 3> fields;
    line.split(fields, ' ', -1, /*KeepEmpty=*/false);
    uint64_t address, count;
    if (fields.size() != 3 || !fields[0].consume_front("@") ||
        fields[0].empty() || fields[1].getAsInteger(0, address) ||
        fields[2].getAsInteger(10, count))
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "line " + llvm::Twine(lineNumber) +
              ": expected '@function 0xaddress count', got '" + line + "'");
    profile.add(fields[0], address, count);
  }
  return profile;
}

void grey::pvm::printGuestProfile(const GuestProfile &profile,
                                  llvm::raw_ostream &os) {
  os << "# function, guest address of a gas block's first instruction, "
        "entries\n";
  for (const auto &[function, counts] : profile.counts)
    for (auto [address, count] : counts)
      os << "@" << function << " " << llvm::format_hex(address, 0) << " "
         << count << "\n";
}

void grey::pvm::attachGuestProfile(ProgramOp program,
                                   const GuestProfile &profile) {
  for (FuncOp func : program.getBody().front().getOps<FuncOp>()) {
    llvm::SmallVector<int64_t> pairs;
    auto it = profile.counts.find(func.getSymName().str());
    if (it != profile.counts.end())
      for (auto [address, count] : it->second) {
        pairs.push_back(int64_t(address));
        pairs.push_back(int64_t(count));
      }
    func->setAttr(kProfileAttrName,
                  DenseI64ArrayAttr::get(func.getContext(), pairs));
  }
}
