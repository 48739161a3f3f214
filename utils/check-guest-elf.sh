#!/usr/bin/env bash
# Checks that an ELF is a guest grey can translate, whatever built it (C by
# utils/build-guest.sh, Rust by utils/build-rust-guest.sh):
#   - every instruction is 32 bits wide (no RVC),
#   - only x0..x15 are used (RV64E),
#   - every instruction decodes as rv64em + Zbb + XTheadCondMov,
#   - .rela.* sections are present (linked with --emit-relocs),
#   - e_entry is _start,
#   - memcpy, memmove, memset, memcmp and bcmp, where present, do not call
#     themselves (a compiler that recognises their loops as the idiom they
#     implement turns them into endless recursion); a loop back to the
#     entry is fine.
#
#   utils/check-guest-elf.sh PROG.elf [TOOL-NAME]
#
# TOOL-NAME prefixes the error messages (default check-guest-elf.sh).
# Environment: OBJDUMP (default llvm-objdump-22), READELF (llvm-readelf-22).
set -euo pipefail

OBJDUMP="${OBJDUMP:-llvm-objdump-22}"
READELF="${READELF:-llvm-readelf-22}"
[ $# -ge 1 ] && [ $# -le 2 ] || {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | grep '^#' | sed 's/^# \{0,1\}//' >&2
  exit 2
}
elf="$1"
tool="${2:-check-guest-elf.sh}"

fail() { echo "$tool: check failed for $elf: $*" >&2; exit 1; }

dis="$("$OBJDUMP" -d --mattr=+m,+zbb,+xtheadcondmov "$elf")"
insns="$(printf '%s\n' "$dis" | grep -E '^ *[0-9a-f]+:' || true)"
# Every instruction must be 4 bytes (8 hex digits): no RVC.
bad="$(printf '%s\n' "$insns" | awk '{
         line = $0; enc = $0; sub(/^ *[0-9a-f]+: */, "", enc); sub(/\t.*/, "", enc)
         gsub(/ /, "", enc); if (length(enc) != 8 && n++ < 5) print line }')"
[ -z "$bad" ] || fail "non-32-bit instructions:
$bad"
# Only x0..x15: no a6, a7, s2..s11, t3..t6 (ABI names printed by objdump).
bad="$(printf '%s\n' "$insns" |
       grep -E '[[:space:],(](a[67]|s[2-9]|s1[01]|t[3-6])([,)]|$)' || true)"
[ -z "$bad" ] || fail "registers above x15 used:
$(printf '%s\n' "$bad" | sed -n 1,5p)"
# "<unknown>"/".word" decodes mean instructions outside rv64em_zbb_xtheadcondmov
# (objdump takes the E flag from the ELF and refuses to decode x16..x31).
bad="$(printf '%s\n' "$insns" | grep -E '<unknown>|[[:space:]]\.(word|insn|short)[[:space:]]' || true)"
[ -z "$bad" ] || fail "undecodable instructions:
$(printf '%s\n' "$bad" | sed -n 1,5p)"
sections="$("$READELF" -S -W "$elf")"
case "$sections" in
  *" .rela."*) ;;
  *) fail "no .rela sections (--emit-relocs)" ;;
esac
symbols="$("$READELF" -s -W "$elf")"
entry="$("$READELF" -h "$elf" | awk '/Entry point address/ {print $4}')"
start="$(printf '%s\n' "$symbols" | awk '$8 == "_start" && !f {print "0x" $2; f = 1}')"
[ -n "$start" ] || fail "no _start symbol"
[ $((entry)) -eq $((start)) ] || fail "entry $entry != _start $start"
# A call or tail call to <f> itself in f's body: jal/jalr with a link
# register, or jr after an auipc. Branches and `j` back to the entry are
# loops, not calls.
for f in memcpy memmove memset memcmp bcmp; do
  printf '%s\n' "$symbols" | awk -v f="$f" '$8 == f {found = 1} END {exit !found}' || continue
  body="$("$OBJDUMP" -d --mattr=+m,+zbb,+xtheadcondmov --disassemble-symbols="$f" "$elf" |
          grep -E '^ *[0-9a-f]+:' || true)"
  bad="$(printf '%s\n' "$body" | grep -F "<$f>" |
         grep -E $'\t(jal|jalr|jr|call|tail)\t' || true)"
  [ -z "$bad" ] || fail "$f calls itself:
$(printf '%s\n' "$bad" | sed -n 1,3p)"
done
exit 0
