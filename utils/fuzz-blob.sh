#!/usr/bin/env bash
# fuzz-blob.sh - runs the blob-reader libFuzzer target for a given time.
#
# Usage: utils/fuzz-blob.sh [seconds=600] [build-dir=build] [extra libFuzzer flags...]
# The build dir must be configured with -DGREY_BUILD_BLOB_FUZZER=ON; the
# script builds grey-blob-fuzzer and grey-translate, seeds the corpus with
# the blobs of jar-blob.md §6 and every test/Target/Blob/*.mlir that
# exports, then fuzzes. Crashes land in <build-dir>/fuzz-blob/artifacts.
set -euo pipefail

seconds=${1:-600}
build=${2:-build}
shift $(( $# < 2 ? $# : 2 ))
src=$(cd "$(dirname "$0")/.." && pwd)

ninja -C "$build" grey-blob-fuzzer grey-translate
work="$build/fuzz-blob"
mkdir -p "$work/corpus" "$work/artifacts"

# jar-blob.md §6.1 and §6.2.
xxd -r -p > "$work/corpus/example-a.bin" <<'HEX'
4a415202000000000140400000000000000000000000000000000f00000000000000010500000033072a0a0019
HEX
xxd -r -p > "$work/corpus/example-b.bin" <<'HEX'
4a415202010000000240400000000000000000000000000000000f00000041010000000001000000010000000000000000000000000105000000
33072a0a0019
HEX
for test in "$src"/test/Target/Blob/*.mlir; do
  "$build/bin/grey-translate" --export-pvm-blob "$test" \
    -o "$work/corpus/$(basename "$test" .mlir).bin" 2>/dev/null || true
done

exec "$build/bin/grey-blob-fuzzer" -max_total_time="$seconds" \
  -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$@" \
  "$work/corpus"
