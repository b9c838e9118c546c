#!/usr/bin/env bash
# Runs the jcstress tests of the seqtex and the access sections (jcstress/): each runs in forked
# JVMs under many interleavings and JIT settings. Mode: sanity (seconds), quick (minutes, the
# default), default or tough (longer). Results go to jcstress/target/results/.
#
#   scripts/jcstress.sh [-m MODE] [-t TEST-REGEX] [any other jcstress option]
#
# To see what GracePeriodTest forbids happen, run its twin whose sections have the grace period
# off (an object's own switch, no system property): the outcome "0, 2" is reported as interesting.
#   scripts/jcstress.sh -t GracePeriodOffTest
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
