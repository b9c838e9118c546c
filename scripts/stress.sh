#!/usr/bin/env bash
# Runs the concurrency stress of the fault path: writer and reader threads use shared views of
# several files while remover threads truncate, punch, delete and recreate them. The last line
# of output is "stress: <accesses> accesses, <events> truncate/punch events, <violations>
# violations"; the exit status is 1 on a violation, whose report goes to standard error.
#
#   scripts/stress.sh [--seconds N] [--dir PATH] [--seed S] [other 'daxstore stress' options]
#
# Defaults: --seconds 60, a random seed (printed first), --dir /dev/shm.
set -euo pipefail

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,9s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  echo
  exec "$(dirname "${BASH_SOURCE[0]}")/daxstore" stress --help
fi
exec "$(dirname "${BASH_SOURCE[0]}")/daxstore" stress "$@"
