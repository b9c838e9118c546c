#!/usr/bin/env bash
# Checks a container file offline, without opening it as a store and without writing to it:
# superblocks, length, journal (a pending replay is checked as the next open would leave it),
# inodes, block maps, block ownership and the allocation bitmap. Prints a line per finding
# (offsets, inodes, blocks, names), then "fsck: <image>: clean|inconsistent|unusable...".
# With --repair, fixes what it finds in place (FORMAT.md, "Repair") and prints each fix.
#
#   scripts/fsck.sh [--repair] IMAGE
#
# Exit status: 0 clean, 1 inconsistent, 2 unusable (not a container, both superblocks damaged,
# in use by a running store, I/O error); with --repair, 3 repaired, 0 clean (nothing written),
# 2 unusable (nothing written), 1 still inconsistent after the repair.
set -euo pipefail

repair=()
if [ $# -eq 2 ] && [ "$1" = "--repair" ]; then
  repair=(--repair)
  shift
fi
if [ $# -ne 1 ] || [ "$1" = "--help" ] || [ "$1" = "-h" ]; then
  sed -n '2,12s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  [ $# -eq 1 ] && exit 0 || exit 2
fi
exec "$(dirname "${BASH_SOURCE[0]}")/daxstore" fsck "${repair[@]}" "$1"
