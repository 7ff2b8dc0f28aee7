#!/bin/bash
# Regenerate testdata/: the labelled scenario captures (wire + HEP mirror), tshark's SIP counts
# for each, the format variants and testdata/labels.yaml. Needs root (captures on lo), the lab
# peers (lab.sh install) and ports 5060 (UDP/TCP, 127.0.0.1 and ::1) and 9060 free.
#
#   lab/make-testdata.sh                 every scenario (about 10 minutes)
#   lab/make-testdata.sh svwar flood     only these captures (labels.yaml is rebuilt from all)
#   lab/make-testdata.sh labels          only sipstat files and labels.yaml from the committed captures
#
# Each capture runs against a freshly started Kamailio (clean registrations and pike state), is
# checked (`lab.sh check`: every SIPp peer that should succeed did) and retried up to 3 times.
# Traffic goes only to 127.0.0.0/8 and ::1 and every traffic command is bounded in count and time.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
TD=$(cd "$HERE/.." && pwd)/testdata
OUT=$TD/captures
export LAB_DIR=${LAB_DIR:-${TMPDIR:-/tmp}/vigie-lab-testdata}
LAB=$HERE/lab.sh
CAP=$LAB_DIR/captures
mkdir -p "$OUT"

# name seconds scenario [iface [linktype]]
PLAN="normal:45:normal svmap:40:svmap svwar:40:svwar svcrack:40:svcrack flood:35:flood
scan-forged-ua:40:scan-forged-ua toll-fraud:50:toll-fraud machine-burst:50:machine-burst
restart-storm:35:restart-storm office-burst:45:office-burst tcp-normal:35:tcp-normal
mini:25:mini mini-sll2:25:mini:any:LINUX_SLL2 ipv6:25:ipv6
gateway-outage:115:gateway-outage pbx-503:95:pbx-503 registration-loss:105:registration-loss
quiet-night:55:quiet-night"

for t in tshark editcap capinfos kamailio sipp svmap python3; do
  command -v $t >/dev/null || { echo "missing tool: $t (run lab/lab.sh install)"; exit 1; }
done

one() {  # NAME SECONDS SCENARIO [IFACE] [LINKTYPE]
  local name=$1 secs=$2 scen=$3 iface=${4:-lo} lt=${5:-} try
  for try in 1 2 3; do
    "$LAB" kamailio stop >/dev/null
    "$LAB" kamailio start >/dev/null || { echo "kamailio did not start"; return 1; }
    echo "== $name (try $try)"
    CAP_LINKTYPE=$lt "$LAB" capture "$name" "$secs" "$scen" "$iface" >/dev/null
    "$LAB" kamailio stop >/dev/null
    if "$LAB" check >"$LAB_DIR/logs/$name.check.txt" && [ -s "$CAP/$name.sip.pcap" ] && [ -s "$CAP/$name.hep.pcap" ]; then
      cp "$CAP/$name.sip.pcap" "$CAP/$name.hep.pcap" "$OUT/"
      ls -l "$OUT/$name".*.pcap | awk '{print "   " $5, $9}'
      return 0
    fi
    echo "   check failed:"; sed 's/^/   /' "$LAB_DIR/logs/$name.check.txt"
  done
  return 1
}

sipstat() {  # every committed capture: tshark's SIP statistics, the reference counts for tests
  local f base
  for f in "$OUT"/*.pcap "$OUT"/*.pcapng; do
    [ -e "$f" ] || continue
    base=${f%.pcap}
    case "$f" in
    *.hep.pcap) tshark -X lua_script:"$HERE/tools/hep3.lua" -q -z sip,stat -r "$f" >"$base.sipstat.txt" 2>/dev/null ;;
    *.pcapng) tshark -q -z sip,stat -r "$f" >"$f.sipstat.txt" 2>/dev/null ;;
    *) tshark -q -z sip,stat -r "$f" >"$base.sipstat.txt" 2>/dev/null ;;
    esac
  done
}

variants() {  # format variants of the mini capture for the wire-layer tests
  editcap -F pcapng "$OUT/mini.sip.pcap" "$OUT/mini.sip.pcapng"
  editcap -F nsecpcap "$OUT/mini.sip.pcap" "$OUT/mini.sip.nsec.pcap"
}

want=" ${*:-all} "
if [ "$want" != " labels " ]; then
  if ss -Hlun 'sport = :5060' | grep -q ':5060'; then echo "port 5060 is busy: stop what uses it first"; exit 1; fi
  trap '"$LAB" kamailio stop >/dev/null' EXIT
  for p in $PLAN; do
    IFS=: read -r name secs scen iface lt <<<"$p"
    case "$want" in *" all "*|*" $name "*) one "$name" "$secs" "$scen" "$iface" "$lt" || { echo "FAILED: $name"; exit 1; } ;; esac
  done
  case "$want" in *" all "*|*" mini "*) variants ;; esac
fi
sipstat
python3 "$HERE/tools/labels.py" "$TD"
