#!/usr/bin/env bash
# Checks a container file offline, without opening it as a store and without writing to it:
# superblocks, length, journal (a pending replay is checked as the next open would leave it),
# inodes, block maps, block ownership and the allocation bitmap. Prints a line per finding
# (offsets, inodes, blocks, names), then "fsck: <image>: clean|inconsistent|unusable...".
#
#   scripts/fsck.sh IMAGE
#
# Exit status: 0 clean, 1 inconsistent, 2 unusable (not a container, both superblocks damaged,
# in use by a running store, I/O error).
set -euo pipefail

if [ $# -ne 1 ] || [ "$1" = "--help" ] || [ "$1" = "-h" ]; then
  sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  [ $# -eq 1 ] && exit 0 || exit 2
fi
exec "$(dirname "${BASH_SOURCE[0]}")/daxstore" fsck "$1"
