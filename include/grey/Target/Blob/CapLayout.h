//===- CapLayout.h - capability slots and memory layout ---------*- C++ -*-===//
//
// Every cap slot number and layout constant of VM 0 (kernel-abi.md §2,
// transpile-abi.md §5), for the current kernel and the older layout.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_TARGET_BLOB_CAPLAYOUT_H
#define GREY_TARGET_BLOB_CAPLAYOUT_H

#include "grey/Dialect/PVM/PVMTypes.h"

#include <cstdint>

namespace grey::blob {

/// The slots one kernel ABI gives VM 0's caps.
struct CapLayout {
  /// The DATA cap the kernel copies the argument buffer into.
  uint8_t argsSlot;
  /// The `ecalli` immediate that replies to the caller (ends the program).
  uint32_t replyEcalli;
  /// Slots the loader fills with protocol caps, [first, last].
  uint8_t firstProtocolSlot;
  uint8_t lastProtocolSlot;
  /// The program's CODE cap (the header's `invoke_cap`).
  uint8_t codeSlot;
  uint8_t stackSlot;
  uint8_t roDataSlot;
  uint8_t rwDataSlot;
  uint8_t heapSlot;
  /// Where the loader puts the UNTYPED cap when `memory_pages > 0`.
  uint8_t untypedSlot;
  /// Largest `ecalli` immediate that is a CALL (kernel-abi.md §5.1).
  uint32_t maxEcalliSlot;

  bool isProtocolSlot(unsigned slot) const {
    return slot >= firstProtocolSlot && slot <= lastProtocolSlot;
  }
  /// Whether `ecalli imm` is something this kernel accepts.
  bool isValidEcalli(uint64_t imm) const {
    return imm <= maxEcalliSlot || imm == replyEcalli;
  }
};

/// The current kernel (since 2026-04-06): arguments and REPLY in slot 0.
inline constexpr CapLayout kCurrentCapLayout = {
    .argsSlot = 0,
    .replyEcalli = 0,
    .firstProtocolSlot = 1,
    .lastProtocolSlot = 28,
    .codeSlot = 64,
    .stackSlot = 65,
    .roDataSlot = 66,
    .rwDataSlot = 67,
    .heapSlot = 68,
    .untypedSlot = 254,
    .maxEcalliSlot = 127,
};

/// The older layout of the original task: arguments in slot 255, REPLY is
/// `ecalli 0xFF`, protocol caps in slots 0-27.
inline constexpr CapLayout kLegacyCapLayout = {
    .argsSlot = 255,
    .replyEcalli = 0xFF,
    .firstProtocolSlot = 0,
    .lastProtocolSlot = 27,
    .codeSlot = 64,
    .stackSlot = 65,
    .roDataSlot = 66,
    .rwDataSlot = 67,
    .heapSlot = 68,
    .untypedSlot = 254,
    .maxEcalliSlot = 127,
};

/// The first slot handed to extra data segments once the standard slots
/// are taken.
inline constexpr uint8_t kFirstExtraSegmentSlot = 69;

/// Pages of the argument-buffer cap (the reference writes one).
inline constexpr uint32_t kArgsPages = 1;
/// UNTYPED pages the reference leaves beyond the mapped ones:
/// memory_pages = max(kSparePages, mapped pages + kSparePages).
inline constexpr uint32_t kSparePages = 16;

inline const CapLayout &getCapLayout(pvm::CapLayout layout) {
  return layout == pvm::CapLayout::Legacy ? kLegacyCapLayout
                                          : kCurrentCapLayout;
}

} // namespace grey::blob

#endif // GREY_TARGET_BLOB_CAPLAYOUT_H
