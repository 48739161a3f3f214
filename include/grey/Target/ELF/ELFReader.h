//===- ELFReader.h - what the importer needs from a RISC-V ELF -*- C++ -*-===//
//
// Reads sections, symbols and relocations of a linked RISC-V executable
// with LLVM's Object library and checks that it targets rv64em.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_TARGET_ELF_ELFREADER_H
#define GREY_TARGET_ELF_ELFREADER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBufferRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace grey::elf {

/// An allocated section of the executable, at its link address.
struct Section {
  std::string name;
  uint64_t address = 0;
  uint64_t size = 0;
  bool executable = false;
  /// Writable at run time: SHF_WRITE and outside PT_GNU_RELRO.
  bool writable = false;
  /// The initial bytes (empty for SHT_NOBITS), with PIE's load-time
  /// relocations applied.
  std::vector<uint8_t> bytes;

  bool contains(uint64_t addr) const {
    return addr >= address && addr - address < size;
  }
};

/// A symbol defined in an allocated section.
struct Symbol {
  std::string name;
  uint64_t address = 0;
  uint64_t size = 0;
  bool isFunction = false; // STT_FUNC
  bool isGlobal = false;   // STB_GLOBAL or STB_WEAK
};

/// A code address stored in data, found through a relocation.
struct DataCodePointer {
  uint64_t address = 0; // where in data
  unsigned size = 0;    // 4 or 8 bytes
  uint64_t target = 0;  // the code address
  /// Set for a relative entry (ADD/SUB pair): the bytes hold target - base.
  std::optional<uint64_t> base;
};

/// The parts of a linked RISC-V ELF the importer uses. Maps keyed by a
/// guest address are std containers here and in the importer: an address
/// in a damaged ELF, or a jump target, may be any 64-bit value, and
/// llvm::DenseMap reserves two of them.
struct ELFImage {
  uint64_t entry = 0;
  std::vector<Section> codeSections; // in address order
  std::vector<Section> dataSections; // in section-header order
  std::vector<Symbol> symbols;       // symbols in code, in address order
  /// auipc address -> call target (R_RISCV_CALL, R_RISCV_CALL_PLT).
  std::unordered_map<uint64_t, uint64_t> callTargets;
  /// auipc/lui address -> the address its pair computes (PCREL_HI20, HI20).
  std::unordered_map<uint64_t, uint64_t> hiTargets;
  /// auipc addresses whose pair loads a GOT slot (GOT_HI20): a data address.
  std::unordered_set<uint64_t> gotLoads;
  /// Code addresses stored in data, in address order.
  std::vector<DataCodePointer> codePointers;
  /// True if the linker kept relocations (`--emit-relocs`).
  bool hasRelocations = false;

  /// The code section holding `addr`, or null.
  const Section *findCodeSection(uint64_t addr) const;
  bool isCode(uint64_t addr) const { return findCodeSection(addr); }
  /// The 4-byte word at code address `addr`, if it lies wholly in code.
  std::optional<uint32_t> fetchWord(uint64_t addr) const;
};

/// Reads `buffer` as a linked RISC-V executable. Rejects anything but an
/// ELF64 little-endian RISC-V executable (static or PIE) with the soft-float
/// ABI and no compressed instructions, naming the reason.
llvm::Expected<ELFImage> readRISCVELF(llvm::MemoryBufferRef buffer);

} // namespace grey::elf

#endif // GREY_TARGET_ELF_ELFREADER_H
