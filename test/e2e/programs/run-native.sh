#!/usr/bin/env bash
# Build every test/e2e/programs/*.c natively (host clang, same source and
# runtime as the guest build) and print "name checksum" per program.  This
# is the reference output for the differential test against the translator.
#
#   test/e2e/programs/run-native.sh [extra clang flags...]
#
# Environment: OUT_DIR (default: a temporary directory, removed afterwards).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
if [ -n "${OUT_DIR:-}" ]; then
  out="$OUT_DIR"; mkdir -p "$out"
else
  out="$(mktemp -d "${TMPDIR:-/tmp}/grey-native.XXXXXX")"
  trap 'rm -rf "$out"' EXIT
fi
status=0
for src in "$here"/*.c; do
  name="$(basename "$src" .c)"
  if "$root/utils/build-guest.sh" --native "$src" -o "$out/$name" "$@" &&
     sum="$("$out/$name")"; then
    echo "$name $sum"
  else
    echo "$name FAILED"
    status=1
  fi
done
exit $status
