#!/bin/bash
# SIP lab: a real Kamailio registrar/proxy that mirrors every SIP message as HEP v3, and real
# traffic from SIPp (phones, hosted PBXs, a carrier gateway, floods) and SIPVicious (scans,
# enumeration, password guessing). Everything runs on loopback (127.0.0.0/8, ::1) or inside
# network namespaces made here. Works from any checkout: paths are relative to this script.
#
#   lab.sh install                      apt-get the peers (kamailio, sip-tester, sipvicious, tshark, nftables ...)
#   lab.sh kamailio start [ARGS] | stop | status
#                                       Kamailio on 127.0.0.1:5060 (UDP+TCP) and [::1]:5060 (UDP), HEP to
#                                       $HEP_DST (default 127.0.0.1:9060); ARGS go to kamailio (-A NO_PIKE ...)
#   lab.sh run SCENARIO                 send one scenario's traffic (list: lab.sh scenarios)
#   lab.sh capture NAME SECONDS SCENARIO [IFACE]
#                                       capture one scenario on lo (or IFACE, e.g. any) into
#                                       $LAB_DIR/captures/NAME.{sip,hep}.pcap (+ NAME.marks)
#   lab.sh check                        summary of the last capture's SIPp logs (exit 1 if a call failed)
#   lab.sh netns up | down | isolate IP [SECONDS] | release IP | show
#                                       three namespaces (core, attacker, phone) joined by veth pairs
#
# Addresses on loopback (see ../testdata/inventory.yaml):
#   127.0.0.1  proxy (Kamailio)            127.0.0.10 gateway/carrier trunk (SIPp UAS, sipp/gateway.xml)
#   127.0.0.2-4 phones (users 1000-1003)   127.0.0.20 pbx-acme, .21 pbx-globex, .22 pbx-office (hosted PBXs)
#   127.0.0.31-33 client sites of 300 phones (users 3000-3299) for the restart storm
#   127.0.0.66 attacker (SIPVicious)       127.0.0.77 scanner with a forged phone User-Agent
#   127.0.0.99 flooder (SIPp)
# Users 1000-1003 (1001 has the weak password 1234) and 3000-3399 (Lab-NNNN-pw); unknown users get
# 404. Hosted PBXs (127.0.0.20-29) may dial national/international numbers, which go to the gateway.
# Every traffic command is bounded in count and time. Processes are stopped by their PID.
# Environment: CAP_LINKTYPE (capture link type, e.g. LINUX_SLL2 with IFACE any), LAB_DIR (default ${TMPDIR:-/tmp}/vigie-lab), HEP_DST, KAM_SHM (MB, default 256).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
SELF=$HERE/$(basename "$0")
LAB_DIR=${LAB_DIR:-${TMPDIR:-/tmp}/vigie-lab}
HEP_DST=${HEP_DST:-127.0.0.1:9060}
mkdir -p "$LAB_DIR"/{run,logs,captures}
L=$LAB_DIR/logs
R=$LAB_DIR/run
PIDF=$R/kamailio.pid
SIPP="$HERE/sipp"
SV="python3 $HERE/tools/svbind.py"
NUM="python3 $HERE/tools/numbers.py"
UA_PHONE="Yealink SIP-T46S 66.86.0.15"
UA_PHONE2="snom D785/10.1.141.13"
UA_PBX="3CXPhoneSystem 18.0.9.20 (20)"

kam_running() { local p; p=$(cat "$PIDF" 2>/dev/null) && kill -0 "$p" 2>/dev/null; }
kam_start() {
  if ss -Hlun 'sport = :5060' | grep -q '127.0.0.1:5060'; then echo "port 5060 busy: not starting"; return 1; fi
  nohup kamailio -f "$HERE/kamailio.cfg" -DD -E -Y "$R" -m "${KAM_SHM:-256}" -M 8 \
    -A "CTL_SOCK=\"unix:$R/kamailio_ctl\"" -A "HEP_DST=\"sip:$HEP_DST\"" "$@" >>"$L/kamailio.log" 2>&1 &
  echo $! >"$PIDF"; sleep 1.5
  if kam_running; then echo "kamailio started, pid $(cat "$PIDF")"; else echo "kamailio failed:"; tail -20 "$L/kamailio.log"; return 1; fi
}
kam_stop() {
  local p; p=$(cat "$PIDF" 2>/dev/null) || return 0
  kill -TERM "$p" 2>/dev/null
  for _ in $(seq 20); do kill -0 "$p" 2>/dev/null || break; sleep 0.25; done
  rm -f "$PIDF"; echo "kamailio $p stopped"
}

# ---- building blocks (each bounded by `timeout` and -m) ----
mark() { echo "$1=$(date +%s.%N)" >>"$R/marks"; }        # label helper: wall-clock marks
# sp TIMEOUT LOG ARGS...: one SIPp run, logged
sp() { local t=$1 n=$2; shift 2; timeout "$t" sipp "$@" -nostdin >"$L/$n.txt" 2>&1; }
gw_start() {  # SECONDS: the carrier gateway; `timeout` is the child, so gw_stop's TERM reaches SIPp
  timeout "$1" sipp -sf "$SIPP/gateway.xml" -i 127.0.0.10 -p 5060 -nostdin -trace_err \
    -error_file "$L/gateway.err.txt" >"$L/gateway.txt" 2>&1 & GW=$!; sleep 0.5
}
gw_stop() { kill -TERM "$GW" 2>/dev/null; wait "$GW" 2>/dev/null; }
# call FROM_IP FROM_PORT CALLER UA NUMBERS_KIND COUNT RATE_PER_S HOLD_MS SEED [extra sipp args]
call() {
  local ip=$1 port=$2 caller=$3 ua=$4 kind=$5 m=$6 r=$7 d=$8 seed=$9; shift 9
  local f=$R/num-$ip-$port-$seed.csv per=1000 prev=
  for a in "$@"; do [ "$prev" = -rp ] && per=$a; prev=$a; done
  $NUM "$kind" "$m" "$seed" >"$f"
  sp $((m * per / r / 1000 + d / 1000 + 15)) "call-$ip-$port" 127.0.0.1:5060 -sf "$SIPP/call.xml" -inf "$f" \
    -key caller "$caller" -key ua "$ua" -i "$ip" -p "$port" -m "$m" -r "$r" -d "$d" -l 500 "$@"
}
# register IP PORT USERS_FILE COUNT RATE UA [extra]
register() {
  local ip=$1 port=$2 f=$3 m=$4 r=$5 ua=$6; shift 6
  sp $((m / r + 15)) "reg-$ip-$port" 127.0.0.1:5060 -sf "$SIPP/register.xml" -inf "$f" -key ua "$ua" \
    -i "$ip" -p "$port" -m "$m" -r "$r" "$@"
}
# options IP PORT USER COUNT PERIOD_MS UA [extra]
options() {
  local ip=$1 port=$2 u=$3 m=$4 rp=$5 ua=$6; shift 6
  printf 'SEQUENTIAL\n%s\n' "$u" >"$R/opt-$u.csv"
  sp $((m * rp / 1000 + 10)) "opt-$ip-$port" 127.0.0.1:5060 -sf "$SIPP/options.xml" -inf "$R/opt-$u.csv" \
    -key ua "$ua" -i "$ip" -p "$port" -m "$m" -r 1 -rp "$rp" "$@"
}
# background SECONDS: innocent traffic during an attack (needs the gateway): phone 127.0.0.2
# registers (1000) and sends OPTIONS keepalives, phone 127.0.0.3 places a call to 2000 every 5 s,
# pbx-acme (127.0.0.20) sends OPTIONS keepalives every 5 s
background() {
  local s=$1 bp=()
  printf 'SEQUENTIAL\n1000;[authentication username=1000 password=Lab-1000-pw]\n' >"$R/u1000.csv"
  register 127.0.0.2 5063 "$R/u1000.csv" 1 1 "$UA_PHONE" & bp+=($!)
  options 127.0.0.2 5062 1000 $((s / 3)) 3000 "$UA_PHONE" & bp+=($!)
  call 127.0.0.3 5061 1002 "$UA_PHONE2" fixed:2000 $((s / 5)) 1 2000 7 -rp 5000 & bp+=($!)
  options 127.0.0.20 5061 pbx $((s / 5)) 5000 "$UA_PBX" & bp+=($!)
  BG=${bp[*]}
}
bg_wait() { wait $BG 2>/dev/null; }
check() {  # summary of the last run's SIPp logs; fails if a call failed where none should
  local f bad=0 ok ko
  for f in "$L"/*.txt; do
    grep -q "Successful call" "$f" 2>/dev/null || continue
    ok=$(grep "Successful call" "$f" | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
    ko=$(grep "Failed call" "$f" | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
    echo "$(basename "$f" .txt): successful=$ok failed=$ko"
    case "$(basename "$f")" in gateway.txt|flood.txt|pbx*.txt) ;;
    outage-*) [ "${ok:-0}" != 0 ] && [ "${ko:-0}" != 0 ] || bad=1 ;;  # an outage: some calls fail
    *) [ "${ko:-0}" = 0 ] && [ "${ok:-0}" != 0 ] || bad=1 ;; esac
  done
  return $bad
}
storm_users() {  # users 3000..3299 with their correct passwords
  { echo SEQUENTIAL; for u in $(seq "$1" "$2"); do echo "$u;[authentication username=$u password=Lab-$u-pw]"; done; } >"$R/storm-$1.csv"
  echo "$R/storm-$1.csv"
}

SCENARIOS="normal svmap svwar svcrack flood scan-forged-ua toll-fraud machine-burst restart-storm office-burst tcp-normal mini ipv6 gateway-outage pbx-503 registration-loss quiet-night"
run() {
  : >"$R/marks"
  case "$1" in
  normal)   # 3 registrations, 20 OPTIONS keepalives, 24 calls to 2000, 5 calls to a missing number (404),
            # pbx-acme: 4 OPTIONS keepalives and 6 national calls
    gw_start 45
    mark start
    register 127.0.0.2 5063 "$SIPP/users.csv" 3 1 "$UA_PHONE"
    options 127.0.0.2 5062 1000 20 1000 "$UA_PHONE" & local a=$!
    call 127.0.0.2 5061 1000 "$UA_PHONE" fixed:2000 24 1 3000 1 & local b=$!
    call 127.0.0.3 5061 1003 "$UA_PHONE2" fixed:3999 5 1 0 2 -rp 3000 & local c=$!
    options 127.0.0.20 5061 pbx 4 5000 "$UA_PBX" & local d=$!
    call 127.0.0.20 5060 100 "$UA_PBX" national 6 1 4000 3 -rp 3000
    wait $a $b $c $d; mark end; gw_stop ;;
  svmap)    # OPTIONS sweep of 127.0.0.1-20, ports 5060-5062, then an INVITE sweep, amid background traffic
    gw_start 40; background 24; sleep 4
    mark attack_start
    timeout 20 svmap -b 127.0.0.66 -p 5060-5062 127.0.0.1-127.0.0.20
    timeout 10 svmap -b 127.0.0.66 -p 5060 -m INVITE 127.0.0.1-127.0.0.20
    mark attack_end; bg_wait; gw_stop ;;
  svwar)    # extension enumeration with REGISTER (100-199, 1000-1010), then OPTIONS (1000-1005)
    gw_start 40; background 24; sleep 4
    mark attack_start
    timeout 20 $SV 127.0.0.66 svwar -e 100-199,1000-1010 127.0.0.1
    timeout 10 $SV 127.0.0.66 svwar -m OPTIONS -e 1000-1005 127.0.0.1
    mark attack_end; bg_wait; gw_stop ;;
  svcrack)  # digest password guessing on 1001 (tries 1100..., finds 1234)
    gw_start 40; background 24; sleep 4
    mark attack_start
    timeout 25 $SV 127.0.0.66 svcrack -u 1001 -r 1100-1300 127.0.0.1
    mark attack_end; bg_wait; gw_stop ;;
  flood)    # INVITE flood from 127.0.0.99 to 9999 (404): FLOOD_RATE calls/s, FLOOD_CALLS in all
    gw_start 30; background 18; sleep 5
    mark attack_start
    sp 15 flood 127.0.0.1:5060 -sf "$SIPP/flood.xml" -s 9999 -i 127.0.0.99 -p 5060 \
      -r "${FLOOD_RATE:-250}" -m "${FLOOD_CALLS:-400}" -l 1000
    mark attack_end; bg_wait; gw_stop ;;
  scan-forged-ua)  # svmap OPTIONS sweep of 127.0.0.1-40, ports 5060-5061, User-Agent forged as a Yealink phone
    gw_start 40; background 24; sleep 4
    mark attack_start
    SV_USER_AGENT="$UA_PHONE" SV_FROM_NAME="1000" SV_FROM_URI="sip:1000@127.0.0.77" timeout 25 $SV 127.0.0.77 svmap -p 5060-5061 127.0.0.1-127.0.0.40
    mark attack_end; bg_wait; gw_stop ;;
  toll-fraud)  # pbx-acme (127.0.0.20): 8 s of ordinary calls, then 40 calls to distinct premium numbers at 8/s held 12 s
    gw_start 45; background 30
    call 127.0.0.20 5060 100 "$UA_PBX" national 3 1 3000 11 -rp 2500
    mark attack_start
    call 127.0.0.20 5060 100 "$UA_PBX" premium 40 8 12000 12
    mark attack_end; bg_wait; gw_stop ;;
  machine-burst)  # pbx-globex (127.0.0.21): ~13 s quiet (keepalives, a call every 4 s), then a burst of
                  # 150 INVITEs at 30/s (5 s) to distinct unallocated numbers (the gateway answers 404)
    gw_start 45; background 30
    options 127.0.0.21 5061 pbx 6 3000 "$UA_PBX" & local o=$!
    call 127.0.0.21 5060 200 "$UA_PBX" national 3 1 2000 21 -rp 4000
    sleep 1; wait $o
    mark attack_start
    call 127.0.0.21 5060 200 "$UA_PBX" unalloc 150 30 0 22
    mark attack_end; bg_wait; gw_stop ;;
  restart-storm)  # platform restart: 300 phones (users 3000-3299, 100 per site 127.0.0.31-33, one UDP
                  # socket each) re-register with correct credentials (401 then 200) within ~3 s
    gw_start 30; background 15; sleep 4
    mark attack_start
    local s p=()
    for s in 1 2 3; do
      register 127.0.0.3$s 5060 "$(storm_users $((2900 + s * 100)) $((2999 + s * 100)))" 100 35 "$UA_PHONE" -t un -max_socket 1000 & p+=($!)
    done
    wait "${p[@]}"; mark attack_end; bg_wait; gw_stop ;;
  office-burst)  # pbx-office (127.0.0.22): keepalives, then 40 calls to distinct national numbers at 4/s held 6 s
    gw_start 40; background 24
    options 127.0.0.22 5061 pbx 5 4000 "$UA_PBX" & local o=$!
    sleep 4; mark attack_start
    call 127.0.0.22 5060 300 "$UA_PBX" national 40 4 6000 31
    mark attack_end; wait $o; bg_wait; gw_stop ;;
  tcp-normal)  # over TCP from 127.0.0.4: 3 registrations, 10 OPTIONS, 10 calls to 2000 (the proxy relays to the UDP gateway)
    gw_start 35
    register 127.0.0.4 5064 "$SIPP/users.csv" 3 1 "$UA_PHONE2" -t t1
    options 127.0.0.4 5065 1000 10 1000 "$UA_PHONE2" -t t1 & local a=$!
    call 127.0.0.4 5066 1000 "$UA_PHONE2" fixed:2000 10 1 2000 41 -t t1
    wait $a; gw_stop ;;
  mini)     # a tiny capture for format variants: 1 registration, 3 OPTIONS, 2 calls to 2000
    gw_start 20
    register 127.0.0.2 5063 "$SIPP/users.csv" 1 1 "$UA_PHONE"
    options 127.0.0.2 5062 1000 3 500 "$UA_PHONE"
    call 127.0.0.2 5061 1000 "$UA_PHONE" fixed:2000 2 1 1000 51
    gw_stop ;;
  ipv6)     # the same over IPv6 (::1): OPTIONS, 1 call to 2000 (the gateway stays on IPv4), 2 to 3999 (404)
    gw_start 20
    printf 'SEQUENTIAL\n1000\n' >"$R/o6.csv"
    sp 10 opt6 '[::1]:5060' -sf "$SIPP/options.xml" -inf "$R/o6.csv" -key ua "$UA_PHONE" -i ::1 -p 5062 -m 3 -r 2
    $NUM fixed:2000 1 >"$R/n6a.csv"; $NUM fixed:3999 2 >"$R/n6b.csv"
    sp 15 call6a '[::1]:5060' -sf "$SIPP/call.xml" -inf "$R/n6a.csv" -key caller 1000 -key ua "$UA_PHONE" -i ::1 -p 5061 -m 1 -d 1000
    sp 15 call6b '[::1]:5060' -sf "$SIPP/call.xml" -inf "$R/n6b.csv" -key caller 1000 -key ua "$UA_PHONE" -i ::1 -p 5061 -m 2 -r 2
    gw_stop ;;
  gateway-outage)  # 70 calls to 2000 at 1/s through the proxy; the gateway (SIPp UAS) is killed after
                   # 20 s and started again 40 s later: the calls in between get no answer (the proxy
                   # retransmits, then gives the caller 408); pbx-acme keepalives go on
    gw_start 25
    $NUM fixed:2000 70 1 >"$R/n-outage.csv"
    sp 110 outage-calls 127.0.0.1:5060 -sf "$SIPP/call.xml" -inf "$R/n-outage.csv" -key caller 1000 \
      -key ua "$UA_PHONE" -i 127.0.0.2 -p 5061 -m 70 -r 1 -d 2000 -l 500 & local a=$!
    options 127.0.0.20 5061 pbx 18 5000 "$UA_PBX" & local o=$!
    sleep 20; mark attack_start; gw_stop
    sleep 40; gw_start 40; mark attack_end
    wait $a $o; gw_stop ;;
  pbx-503)  # 60 calls at 1/s from phone 127.0.0.2 to 5000 (client acme's DID: the proxy relays them to
            # pbx-acme's SIP service on 127.0.0.20:5070); after 20 s the PBX answers every INVITE 503
            # for 25 s, then answers again
    timeout 21 sipp -sf "$SIPP/gateway.xml" -i 127.0.0.20 -p 5070 -nostdin >"$L/pbx-ok.txt" 2>&1 & local p=$!
    sleep 0.5
    $NUM fixed:5000 60 1 >"$R/n-pbx.csv"
    sp 90 outage-calls 127.0.0.1:5060 -sf "$SIPP/call.xml" -inf "$R/n-pbx.csv" -key caller 1000 \
      -key ua "$UA_PHONE" -i 127.0.0.2 -p 5061 -m 60 -r 1 -d 1000 -l 500 & local a=$!
    wait $p; mark attack_start
    timeout 25 sipp -sf "$SIPP/pbx503.xml" -i 127.0.0.20 -p 5070 -nostdin >"$L/pbx-503.txt" 2>&1
    mark attack_end
    timeout 20 sipp -sf "$SIPP/gateway.xml" -i 127.0.0.20 -p 5070 -nostdin >"$L/pbx-ok2.txt" 2>&1 & p=$!
    wait $a; kill -TERM $p 2>/dev/null; wait $p 2>/dev/null ;;
  registration-loss)  # 10 phones of client acme (127.0.0.4, users 3000-3009) register for 60 s and
                      # never refresh (unplugged); phone 127.0.0.2 keeps its registration and keepalives
    sed 's/Expires: 300/Expires: 60/' "$SIPP/register.xml" >"$R/register-60.xml"
    printf 'SEQUENTIAL\n1000;[authentication username=1000 password=Lab-1000-pw]\n' >"$R/u1000.csv"
    register 127.0.0.2 5063 "$R/u1000.csv" 1 1 "$UA_PHONE"
    options 127.0.0.2 5062 1000 33 3000 "$UA_PHONE" & local o=$!
    sp 25 reg-127.0.0.4 127.0.0.1:5060 -sf "$R/register-60.xml" -inf "$(storm_users 3000 3009)" \
      -key ua "$UA_PHONE2" -i 127.0.0.4 -p 5064 -m 10 -r 5
    sleep 58; mark attack_start; wait $o; mark attack_end ;;
  quiet-night)  # night traffic: pbx-acme keepalive every 10 s, phone 127.0.0.2 every 15 s, one
                # misdialled call (3999, 404) after 20 s; no gateway needed
    options 127.0.0.20 5061 pbx 5 10000 "$UA_PBX" & local o=$!
    options 127.0.0.2 5062 1000 3 15000 "$UA_PHONE" & local q=$!
    sleep 20; call 127.0.0.3 5061 1003 "$UA_PHONE2" fixed:3999 1 1 0 9
    wait $o $q ;;
  *) echo "unknown scenario: $1 (one of: $SCENARIOS)"; return 2 ;;
  esac
}

capture() {  # NAME SECONDS SCENARIO [IFACE]: wire SIP and the HEP mirror, split into two pcaps
  local name=$1 max=$2 scenario=$3 iface=${4:-lo} c=$LAB_DIR/captures
  kam_running || { echo "kamailio is not running (lab.sh kamailio start)"; return 1; }
  find "$L" -name '*.txt' -delete            # per-run SIPp logs: lab.sh check reads them
  if pgrep -f "sipp .*-i 127.0.0.10 " >/dev/null; then echo "a gateway SIPp is still running: not capturing"; return 1; fi
  timeout $((max + 20)) tshark -i "$iface" ${CAP_LINKTYPE:+-y "$CAP_LINKTYPE"} -F pcap -B 64 -w "$c/$name.all.pcap" \
    -f "udp portrange 5060-5070 or tcp portrange 5060-5070 or udp port ${HEP_DST##*:}" -q >"$L/$name.tshark.txt" 2>&1 &
  local t=$!
  sleep 2; timeout "$max" "$SELF" run "$scenario" >"$L/$name.traffic.txt" 2>&1; sleep 2
  kill -INT $t; wait $t
  cp "$R/marks" "$c/$name.marks"
  tshark -r "$c/$name.all.pcap" -Y "udp.port==${HEP_DST##*:}" -w "$c/$name.hep.pcap" -F pcap 2>/dev/null
  tshark -r "$c/$name.all.pcap" -Y "!(udp.port==${HEP_DST##*:})" -w "$c/$name.sip.pcap" -F pcap 2>/dev/null
  rm -f "$c/$name.all.pcap"; ls -l "$c/$name".*.pcap
}

netns() {
  local NS="vlab-core vlab-atk vlab-ue" C="ip netns exec vlab-core"
  case "$1" in
  up)
    for n in $NS; do ip netns add $n; ip -n $n link set lo up; done
    ip link add c-atk netns vlab-core type veth peer name a-core netns vlab-atk
    ip link add c-ue netns vlab-core type veth peer name u-core netns vlab-ue
    ip -n vlab-core addr add 10.99.1.1/24 dev c-atk; ip -n vlab-core addr add 10.99.2.1/24 dev c-ue
    ip -n vlab-atk addr add 10.99.1.2/24 dev a-core; ip -n vlab-ue addr add 10.99.2.2/24 dev u-core
    ip -n vlab-core link set c-atk up; ip -n vlab-core link set c-ue up
    ip -n vlab-atk link set a-core up; ip -n vlab-ue link set u-core up
    $C nft -f - <<'NFT'
table inet vlab {
  set blocked { type ipv4_addr; flags timeout; }
  chain input { type filter hook input priority 0; policy accept; ip saddr @blocked counter drop; }
}
NFT
    ip netns list ;;
  down) for n in $NS; do ip netns del $n 2>/dev/null; done ;;
  isolate) $C nft add element inet vlab blocked "{ $2 timeout ${3:-60}s }" ;;
  release) $C nft delete element inet vlab blocked "{ $2 }" ;;
  show) $C nft list table inet vlab ;;
  esac
}

case "${1:-}" in
install) apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kamailio sip-tester sipvicious tshark tcpreplay nftables iproute2 >/dev/null && echo installed ;;
kamailio) shift; case "${1:-}" in
  start) shift; kam_start "$@" ;; stop) kam_stop ;;
  status) if kam_running; then echo "running, pid $(cat "$PIDF")"; else echo "not running"; return 1 2>/dev/null || exit 1; fi ;;
  *) echo "kamailio start|stop|status" ;; esac ;;
run) run "${2:-}" ;;
check) check ;;
capture) [ $# -ge 4 ] || { echo "usage: lab.sh capture NAME SECONDS SCENARIO [IFACE]"; exit 2; }; capture "$2" "$3" "$4" "${5:-lo}" ;;
scenarios) echo "$SCENARIOS" ;;
netns) shift; netns "$@" ;;
*) sed -n '2,/^set -u/p' "$0" | grep '^#' ;;
esac
