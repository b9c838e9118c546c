#!/usr/bin/env bash
# Benchmarks the hardware under a directory or device: the same fio-like workload on daxstore
# (views, access scopes, positional I/O), on plain-file baselines (a raw mapping, a
# MappedByteBuffer, a FileChannel) and, when fio is installed, on fio (mmap, psync, and libpmem
# where the directory is persistent memory), all in one run; prints IOPS, GB/s and latency
# p50, p99, p99.9 and max per job (README.md, "Benchmark your hardware").
#
#   scripts/workload.sh [--rw randread] [--bs 4k] [--threads N] [--time 2s | --ops N] [--dir /dev/shm] ...
#   scripts/workload.sh --sweep threads=1,2 bs=64,4k,1m --dir /dev/shm [--out DIR]
#
# This is 'daxstore workload' (its --help lists every option), with one default of its own:
# when the arguments give neither --time nor --ops, each job runs --time 2s. The command itself
# refuses to guess how long a run should be; the script is the quick way in.
set -euo pipefail

daxstore="$(dirname "${BASH_SOURCE[0]}")/daxstore"
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,13s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  echo
  exec "$daxstore" workload --help
fi
for arg in "$@"; do
  case "$arg" in
    --time|--time=*|--ops|--ops=*) exec "$daxstore" workload "$@" ;;
  esac
done
exec "$daxstore" workload --time 2s "$@"
