#!/usr/bin/env bash
# Sets grey up (utils/setup.sh) and runs the whole test suite: lit tests and
# the GoogleTest binaries, through the check-grey target.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/utils/setup.sh" check-grey
