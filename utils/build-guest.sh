#!/usr/bin/env bash
# Build a grey guest program (C) into a RISC-V ELF for the JAVM target, or
# natively for differential testing.
#
#   utils/build-guest.sh IN.c... -o OUT [--native] [--no-check] [extra flags]
#
# Target build (default):
#   clang-22 --target=riscv64-unknown-elf -march=rv64em_zbb_xtheadcondmov
#            -mabi=lp64e -mno-relax -mcmodel=medany -ffreestanding -nostdlib
#            -fno-unwind-tables -fno-asynchronous-unwind-tables -O3 -c ...
#   ld.lld-22 -static --emit-relocs --unique --no-relax -e _start ...
#   (guest/grey_guest.c is always compiled in.)  Afterwards the ELF is checked
#   by utils/check-guest-elf.sh: only 32-bit instructions, only x0..x15,
#   .rela sections present, e_entry == _start, memory functions that do not
#   call themselves.  --no-check skips it.  -O3 is the default because it
#   gives the lowest gas after translation (docs/target-tuning.md).
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
        -fno-unwind-tables -fno-asynchronous-unwind-tables -O3
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
"$here/utils/check-guest-elf.sh" "$out" build-guest.sh
