#!/bin/bash
# Build a big realistic SIP capture for benchmarks WITHOUT committing it (write it outside the
# repository or under an ignored path, e.g. /tmp):
#
#   lab/make-bench-capture.sh OUT [N] [TEMPLATE] [SITES]
#     OUT       output pcap (classic pcap, Ethernet, microseconds)
#     N         number of SIP datagrams (default 1000000)
#     TEMPLATE  small capture to replicate (default testdata/captures/normal.sip.pcap)
#     SITES     copies of the template per round, each with its own addresses 127.A.B.x and
#               Call-IDs (default 200)
#
# Python 3 stdlib only (lab/tools/benchcap.py); about 10-30 s per million datagrams.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || { sed -n '2,12p' "$0"; exit 2; }
exec python3 "$HERE/tools/benchcap.py" "$1" "${2:-1000000}" \
  --template "${3:-$HERE/../testdata/captures/normal.sip.pcap}" --sites "${4:-200}"
