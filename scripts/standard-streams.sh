# Sourced by scripts/daxstore before it starts java (and by the tests that check it).
#
# A standard stream the caller closed (`daxstore put IMG NAME <&-`, `get IMG NAME >&-`) leaves its
# descriptor number free, and the JVM's first open takes it (lib/modules, a jar): put would then
# store the JVM's own file and get write into whatever file took descriptor 1. So each closed
# stream is opened again on /dev/null, and closed_streams lists their numbers (0,1,2) for the
# JVM (-Ddaxstore.closedStreams=...), which refuses a command that needs one of them. /proc/self
# is this shell: `[` is a builtin.
closed_streams=
for fd in 0 1 2; do
  if [ ! -e /proc/self/fd/$fd ] && [ ! -L /proc/self/fd/$fd ]; then
    case $fd in
      0) exec 0</dev/null ;;
      1) exec 1>/dev/null ;;
      2) exec 2>/dev/null ;;
    esac
    closed_streams=${closed_streams:+$closed_streams,}$fd
  fi
done
