#!/usr/bin/env bash
# Runs the jcstress tests of the seqtex and the access sections (jcstress/): each runs in forked
# JVMs under many interleavings and JIT settings. Mode: sanity (seconds), quick (minutes, the
# default), default or tough (longer). Results go to jcstress/target/results/.
#
#   scripts/jcstress.sh [-m MODE] [-t TEST-REGEX] [any other jcstress option]
#
# To see a test fail, switch the grace period off in the forked JVMs:
#   scripts/jcstress.sh -t GracePeriodTest -jvmArgsPrepend -Ddaxstore.testing.gracePeriod=off
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  exit 0
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
(cd "$root" && mvn -B -q -DskipTests -pl jcstress -am package) >&2
mode=(-m quick)
for arg in "$@"; do [ "$arg" = "-m" ] && mode=(); done
cd "$root/jcstress/target"
exec "$java" -jar jcstress.jar "${mode[@]}" "$@"
