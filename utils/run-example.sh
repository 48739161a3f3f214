#!/usr/bin/env bash
# Sets grey up (utils/setup.sh) and runs its main job on the bundled example.
# Until the ELF importer and blob writer exist, the main job is the
# optimizer: parse, verify, canonicalize and print examples/answer.mlir
# (6 * 7 folds to a single load of 42).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${GREY_BUILD_DIR:-$ROOT/build}"
"$ROOT/utils/setup.sh" grey-opt grey-translate
echo "== grey-opt --canonicalize examples/answer.mlir"
"$BUILD/bin/grey-opt" --canonicalize "$ROOT/examples/answer.mlir"
