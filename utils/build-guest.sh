#!/usr/bin/env bash
# Build a grey guest program (C) into a RISC-V ELF for the JAVM target, or
# natively for differential testing.
#
#   utils/build-guest.sh IN.c... -o OUT [--native] [--no-check] [extra flags]
#
# Target build (default):
#   clang-22 --target=riscv64-unknown-elf -march=rv64em_zbb_xtheadcondmov
#            -mabi=lp64e -mno-relax -mcmodel=medany -ffreestanding -nostdlib
#            -fno-unwind-tables -fno-asynchronous-unwind-tables -O2 -c ...
#   ld.lld-22 -static --emit-relocs --unique --no-relax -e _start ...
#   (guest/grey_guest.c is always compiled in.)  Afterwards the ELF is checked
#   with llvm-objdump-22/llvm-readelf-22: only 32-bit instructions, only
#   x0..x15, .rela sections present, e_entry == _start.  --no-check skips it.
# Native build (--native): host clang-22 -O2, runtime provides main().
#
# Extra flags: -Wl,a,b go to the linker (ld.lld-22 directly for the target
# build); everything else (-O1, -Os, -ffunction-sections, -fdata-sections,
# -D..., -I..., -g, -mcmodel=medlow ...) goes to clang and overrides the
# defaults above (later flags win); with --native, RISC-V-only flags
# (-mcmodel=med*, -march=rv*, -mabi=*, -m[no-]relax) are ignored.
# -ffunction-sections/-fdata-sections and -Wl,--gc-sections work for both.
# Without -ffunction-sections, calls between functions of one file are
# resolved by the assembler and carry no relocation (with -mno-relax).
# Environment: CLANG (default clang-22), LLD (ld.lld-22), OBJDUMP, READELF,
# KEEP_OBJS=1 keeps the temporary object directory.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
guest_dir="$here/guest"
CLANG="${CLANG:-clang-22}"
LLD="${LLD:-ld.lld-22}"
OBJDUMP="${OBJDUMP:-llvm-objdump-22}"
READELF="${READELF:-llvm-readelf-22}"

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | grep '^#' | sed 's/^# \{0,1\}//' >&2
  exit 2
}

inputs=()
out=""
native=0
check=1
cflags=()
ldflags=()
while [ $# -gt 0 ]; do
  case "$1" in
    -o) [ $# -ge 2 ] || usage; out="$2"; shift 2 ;;
    -o*) out="${1#-o}"; shift ;;
    --native) native=1; shift ;;
    --no-check) check=0; shift ;;
    -h|--help) usage ;;
    -Wl,*)
      IFS=',' read -r -a parts <<< "${1#-Wl,}"
      ldflags+=("${parts[@]}"); shift ;;
    -*) cflags+=("$1"); shift ;;
    *) inputs+=("$1"); shift ;;
  esac
done
[ -n "$out" ] || { echo "build-guest.sh: missing -o OUT" >&2; usage; }
[ ${#inputs[@]} -gt 0 ] || { echo "build-guest.sh: no input files" >&2; usage; }

if [ "$native" = 1 ]; then
  # RISC-V-only code-generation flags are dropped so the same flag list can
  # be given to both builds.
  nc=()
  for f in "${cflags[@]+"${cflags[@]}"}"; do
    case "$f" in
      -mcmodel=medlow|-mcmodel=medany|-mcmodel=medium|-march=rv*|-mabi=lp64*|-mabi=ilp32*|-mrelax|-mno-relax) ;;
      *) nc+=("$f") ;;
    esac
  done
  cflags=("${nc[@]+"${nc[@]}"}")
  nl=()
  for f in "${ldflags[@]+"${ldflags[@]}"}"; do nl+=("-Wl,$f"); done
  exec "$CLANG" -O2 -I"$guest_dir" "${cflags[@]+"${cflags[@]}"}" \
    "${inputs[@]}" "$guest_dir/grey_guest.c" "${nl[@]+"${nl[@]}"}" -o "$out"
fi

tflags=(--target=riscv64-unknown-elf -march=rv64em_zbb_xtheadcondmov
        -mabi=lp64e -mno-relax -mcmodel=medany -ffreestanding -nostdlib
        -fno-unwind-tables -fno-asynchronous-unwind-tables -O2
        -I"$guest_dir")

tmp="$(mktemp -d "${TMPDIR:-/tmp}/build-guest.XXXXXX")"
if [ "${KEEP_OBJS:-0}" = 1 ]; then
  echo "build-guest.sh: objects kept in $tmp" >&2
else
  trap 'rm -rf "$tmp"' EXIT
fi

objs=()
i=0
for src in "${inputs[@]}" "$guest_dir/grey_guest.c"; do
  case "$src" in
    *.o) objs+=("$src"); continue ;;
  esac
  obj="$tmp/$i-$(basename "${src%.*}").o"
  "$CLANG" "${tflags[@]}" "${cflags[@]+"${cflags[@]}"}" -c "$src" -o "$obj"
  objs+=("$obj")
  i=$((i + 1))
done

"$LLD" -static --emit-relocs --unique --no-relax -e _start \
  "${ldflags[@]+"${ldflags[@]}"}" "${objs[@]}" -o "$out"

[ "$check" = 1 ] || exit 0

# ---- sanity checks on the produced ELF --------------------------------------
fail() { echo "build-guest.sh: check failed for $out: $*" >&2; exit 1; }

dis="$("$OBJDUMP" -d --mattr=+m,+zbb,+xtheadcondmov "$out")"
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
sections="$("$READELF" -S -W "$out")"
case "$sections" in
  *" .rela."*) ;;
  *) fail "no .rela sections (--emit-relocs)" ;;
esac
entry="$("$READELF" -h "$out" | awk '/Entry point address/ {print $4}')"
start="$("$READELF" -s -W "$out" | awk '$8 == "_start" && !f {print "0x" $2; f = 1}')"
[ -n "$start" ] || fail "no _start symbol"
[ $((entry)) -eq $((start)) ] || fail "entry $entry != _start $start"
exit 0
