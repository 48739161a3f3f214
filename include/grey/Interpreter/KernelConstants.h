//===- KernelConstants.h - kernel result codes and charges ----*- C++ -*-===//
//
// Protocol service ids, φ7 result codes and kernel gas charges
// (kernel-abi.md §5.2, §7.1, §9). Slot numbers live in
// grey/Target/Blob/CapLayout.h.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_INTERPRETER_KERNELCONSTANTS_H
#define GREY_INTERPRETER_KERNELCONSTANTS_H

#include <cstdint>

namespace grey::interp {

/// Number of protocol services (ids 1–28).
inline constexpr unsigned kProtocolCapCount = 28;
/// Protocol id of the GAS service.
inline constexpr unsigned kGasProtocolId = 1;

/// Kernel charges (kernel-abi.md §7.1).
inline constexpr uint64_t kHostCallGas = 10;
inline constexpr uint64_t kGasPerDataPage = 1500;

/// Result codes written to φ7 (kernel-abi.md §5.2).
inline constexpr uint64_t kResultNone = ~uint64_t(0);
inline constexpr uint64_t kResultWhat = ~uint64_t(0) - 1;
inline constexpr uint64_t kResultOk = 0;

/// The name of a protocol service (kernel-abi.md §9), or "" if unnamed.
const char *protocolServiceName(unsigned id);

} // namespace grey::interp

#endif // GREY_INTERPRETER_KERNELCONSTANTS_H
