#!/usr/bin/env bash
# Build every bench/*.c natively and for the JAVM target, run the native
# builds and compare with the expected results (the values the translated
# blobs must REPLY with).
#
#   bench/check.sh [OUT_DIR] [extra flags for both builds...]
#
# Prints "name native-result expected target-.text-bytes elf-bytes status".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="${1:-/tmp/grey-bench}"
[ $# -gt 0 ] && shift
mkdir -p "$out"
declare -A expect=(
  [fib]=0x2641a9a802e2699d
  [sort]=0x0000000000000001
  [sieve]=0x0000000000002578
  [blake2b]=0xffffffffee1f55f1
  [keccak]=0x0000000039e50259
  [x25519]=0x0000000000000001
  [secp256k1]=0x0000000000000001
  [hostcall]=0x00000000000186a0
)
status=0
for name in fib sort sieve blake2b keccak x25519 secp256k1 hostcall; do
  src="$here/$name.c"
  "$root/utils/build-guest.sh" --native "$src" -o "$out/$name.native" "$@"
  got="$("$out/$name.native")"
  "$root/utils/build-guest.sh" "$src" -o "$out/$name.elf" "$@"
  text="$(llvm-size-22 -A "$out/$name.elf" | awk '$1 == ".text" {s += $2} END {print s + 0}')"
  st=ok
  [ "$got" = "${expect[$name]}" ] || { st=MISMATCH; status=1; }
  echo "$name $got ${expect[$name]} $text $(stat -c %s "$out/$name.elf") $st"
done
exit $status
