#!/usr/bin/env bash
# Runs the fsx exerciser standalone. Its last line is "fsx: <ops> ops, <mismatches> mismatches".
#   scripts/fsx.sh [--ops N] [--seed S] [--dir PATH] [--files N] [any other 'daxstore fsx' option]
# Defaults: 100000 operations, a random seed (printed, so a failure replays), /dev/shm.
set -euo pipefail
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'
  exec "$(dirname "$0")/daxstore" fsx --help
fi
exec "$(dirname "$0")/daxstore" fsx "$@"
