//===- CodeBuilder.h - hand-encoded PVM code for interpreter tests -*- C++
//-*-===//
//
// Writes instructions byte by byte from pvm-isa.md §2.3 (independently of
// the blob encoder) and records the bitmask, so tests state exact bytes.
//
//===----------------------------------------------------------------------===//

#ifndef GREY_UNITTESTS_INTERPRETER_CODEBUILDER_H
#define GREY_UNITTESTS_INTERPRETER_CODEBUILDER_H

#include "grey/Target/Blob/BlobFormat.h"

#include <cstdint>
#include <initializer_list>
#include <vector>

namespace grey::testing {

class CodeBuilder {
public:
  /// PC of the next instruction.
  uint32_t pc() const { return uint32_t(code.code.size()); }

  /// Appends one instruction's bytes.
  CodeBuilder &raw(std::initializer_list<uint8_t> bytes) {
    bool first = true;
    for (uint8_t byte : bytes) {
      code.code.push_back(byte);
      code.bitmask.push_back(first);
      first = false;
    }
    return *this;
  }
  /// Appends the little-endian bytes of `value` to the last instruction.
  CodeBuilder &le(uint64_t value, unsigned bytes) {
    for (unsigned i = 0; i < bytes; ++i) {
      code.code.push_back(uint8_t(value >> (8 * i)));
      code.bitmask.push_back(0);
    }
    return *this;
  }

  CodeBuilder &noArgs(uint8_t op) { return raw({op}); }
  /// ThreeReg: rd = ra op rb.
  CodeBuilder &threeReg(uint8_t op, uint8_t rd, uint8_t ra, uint8_t rb) {
    return raw({op, uint8_t(ra | rb << 4), rd});
  }
  /// TwoReg: rd = f(ra).
  CodeBuilder &twoReg(uint8_t op, uint8_t rd, uint8_t ra) {
    return raw({op, uint8_t(rd | ra << 4)});
  }
  /// TwoRegOneImm with a 4-byte immediate.
  CodeBuilder &twoRegImm(uint8_t op, uint8_t ra, uint8_t rb, int32_t imm) {
    return raw({op, uint8_t(ra | rb << 4)}).le(uint32_t(imm), 4);
  }
  /// OneRegOneImm with a 4-byte immediate.
  CodeBuilder &oneRegImm(uint8_t op, uint8_t ra, int32_t imm) {
    return raw({op, ra}).le(uint32_t(imm), 4);
  }
  /// load_imm_64.
  CodeBuilder &loadImm64(uint8_t ra, uint64_t value) {
    return raw({20, ra}).le(value, 8);
  }
  /// OneRegTwoImm / OneRegImmOffset with 4-byte immediates.
  CodeBuilder &oneRegTwoImm(uint8_t op, uint8_t ra, int32_t x, int32_t y) {
    return raw({op, uint8_t(ra | 4 << 4)})
        .le(uint32_t(x), 4)
        .le(uint32_t(y), 4);
  }
  /// TwoImm with 4-byte immediates.
  CodeBuilder &twoImm(uint8_t op, int32_t x, int32_t y) {
    return raw({op, 4}).le(uint32_t(x), 4).le(uint32_t(y), 4);
  }
  /// TwoRegOneOffset to an absolute target.
  CodeBuilder &branch(uint8_t op, uint8_t ra, uint8_t rb, uint32_t target) {
    uint32_t at = pc();
    return raw({op, uint8_t(ra | rb << 4)}).le(target - at, 4);
  }
  /// OneRegImmOffset to an absolute target.
  CodeBuilder &branchImm(uint8_t op, uint8_t ra, int32_t imm, uint32_t target) {
    uint32_t at = pc();
    return oneRegTwoImm(op, ra, imm, int32_t(target - at));
  }
  /// `jump` to an absolute target.
  CodeBuilder &jump(uint32_t target) {
    uint32_t at = pc();
    return raw({40}).le(target - at, 4);
  }
  /// TwoRegTwoImm (load_imm_jump_ind).
  CodeBuilder &twoRegTwoImm(uint8_t op, uint8_t ra, uint8_t rb, int32_t x,
                            int32_t y) {
    return raw({op, uint8_t(ra | rb << 4), 4})
        .le(uint32_t(x), 4)
        .le(uint32_t(y), 4);
  }
  /// ecalli with a one-byte immediate (0 bytes for 0).
  CodeBuilder &ecalli(uint8_t imm) {
    if (imm == 0)
      return raw({10});
    return raw({10, imm});
  }

  /// Patches a 4-byte field at `offset` (for forward targets).
  void patch32(uint32_t offset, uint32_t value) {
    for (unsigned i = 0; i < 4; ++i)
      code.code[offset + i] = uint8_t(value >> (8 * i));
  }

  blob::CodeBlob code;
};

} // namespace grey::testing

#endif // GREY_UNITTESTS_INTERPRETER_CODEBUILDER_H
