#!/usr/bin/env bash
# Runs the fsx exerciser: seeded random operations on a store in a temporary container, each
# checked against an in-memory model and against the kernel (the same operations on a plain file
# per name beside the container: pwrite, ftruncate, fallocate, a MappedByteBuffer). The last line
# of output is "fsx: <ops> ops, <mismatches> mismatches"; the exit status is 1 on a mismatch,
# whose report (seed, replay command, last operations) goes to standard error.
#
#   scripts/fsx.sh [--ops N] [--seed S] [--dir PATH] [--oracle model|kernel|both] [other options]
#
# Defaults: --ops 100000, a random seed (printed first, so any run replays), --dir /dev/shm,
# --oracle both.
set -euo pipefail

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,11s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  echo
  exec "$(dirname "${BASH_SOURCE[0]}")/daxstore" fsx --help
fi
# The defaults live in the fsx command itself, so this script and 'daxstore fsx' cannot disagree.
exec "$(dirname "${BASH_SOURCE[0]}")/daxstore" fsx "$@"
