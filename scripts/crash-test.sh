#!/usr/bin/env bash
# Runs the crash campaigns: crash-state enumeration (the images a power failure could leave at
# every fence of every single and paired operation, on a fresh and an aged store, then seeded
# random sequences), the kill -9 campaign (child JVMs killed at random instants) and image
# fuzzing. The last line of output is "crash: <images> images, <kills> kills, <fuzzed> fuzzed,
# <n> inconsistent"; the exit status is 1 if any is inconsistent, whose report goes to standard error.
#
#   scripts/crash-test.sh [--images N] [--kills N] [--fuzz N] [--seed S] [--dir PATH] [other options]
#
# Defaults: --images 150000, --kills 1000, --fuzz 1000, a random seed (printed first), --dir /dev/shm.
set -euo pipefail

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  echo
  exec "$(dirname "${BASH_SOURCE[0]}")/daxstore" crash-test --help
fi
# The defaults live in the crash-test command itself, so this script and 'daxstore crash-test' cannot disagree.
exec "$(dirname "${BASH_SOURCE[0]}")/daxstore" crash-test "$@"
