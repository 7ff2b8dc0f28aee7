#!/usr/bin/env python3
"""Write testdata/labels.yaml: what each committed capture holds and what Vigie must (not) say.

Usage: labels.py TESTDATA_DIR            (reads TESTDATA_DIR/captures/*.pcap*, needs tshark)

For every scenario below: description, files, first/last packet of the wire capture, the attack
(or, for legitimate bursts, the event) window taken from the capture itself (first and last packet
SENT by the attacker that belong to the attack), expected alerts, tolerated alerts (also correct,
e.g. SCAN for SIPVicious' signature during an enumeration), and the innocent addresses (every
address of the capture that is not an attacker) and machines (inventory ids) that must never be the
`source` of an alert, nor the `machine` of a MACHINE_TRAFFIC or TOLL_FRAUD alert.
requestProfile: per source address, its SIP requests, the peak in any sliding 1 s window, distinct
request-URI users, distinct To users and distinct destinations (address, port): what thresholds
must separate (e.g. the restart storm's sites peak higher than the machine burst).
Timestamps are ISO-8601 UTC with microseconds (packet clock).
"""
import datetime, os, re, subprocess, sys

# inventory.yaml, address -> machine id (kept in step by hand; labels.py checks every id exists)
MACHINES = {"127.0.0.1": "proxy-lab", "::1": "proxy-lab", "127.0.0.10": "trunk-carrier",
            "127.0.0.20": "pbx-acme", "127.0.0.21": "pbx-globex", "127.0.0.22": "pbx-office",
            "127.0.0.2": "phones-hq", "127.0.0.3": "phones-hq", "127.0.0.4": "phones-hq"}
PREMIUM = re.compile(r"^(00|\+)")

# name: (description, extra files, attackers, window selector, expected, tolerated)
# window selector: ("source", ips) = every packet the ips sent; ("dialogs", ip, regex) = packets
# sent by ip in the dialogs whose INVITE from ip has a request-URI user matching regex.
SCENARIOS = [
    ("normal", "Ordinary traffic: phone 127.0.0.2 registers users 1000/1002/1003 (401 then 200), "
     "20 OPTIONS keepalives, 24 calls to 2000 via the gateway, phone 127.0.0.3 makes 5 calls to "
     "the missing number 3999 (404); pbx-acme sends 4 OPTIONS keepalives and 6 national calls.",
     [], [], None, [], []),
    ("svmap", "SIPVicious svmap from 127.0.0.66: OPTIONS sweep of 127.0.0.1-20 ports 5060-5062, "
     "then an INVITE sweep of 127.0.0.1-20:5060 (User-Agent friendly-scanner), amid background "
     "traffic (phones 127.0.0.2/3, pbx-acme keepalives, gateway).",
     [], ["127.0.0.66"], ("source", ["127.0.0.66"]),
     [("SCAN", "127.0.0.66", None)], []),
    ("svwar", "SIPVicious svwar from 127.0.0.66: REGISTER enumeration of extensions 100-199 and "
     "1000-1010 (404 for unknown, 401 for 1000-1003), then OPTIONS for 1000-1005, amid background.",
     [], ["127.0.0.66"], ("source", ["127.0.0.66"]),
     [("ENUMERATION", "127.0.0.66", None)], [("SCAN", "127.0.0.66", None)]),
    ("svcrack", "SIPVicious svcrack from 127.0.0.66: digest password guessing on 1001 (passwords "
     "1100, 1101, ... each REGISTER answered 401) until it finds 1234 (200 OK), amid background.",
     [], ["127.0.0.66"], ("source", ["127.0.0.66"]),
     [("BRUTE_FORCE", "127.0.0.66", None)], [("SCAN", "127.0.0.66", None)]),
    ("flood", "SIPp INVITE flood from 127.0.0.99:5060: 400 INVITEs at 250/s to 9999 (User-Agent "
     "sipcli/v1.8), no retransmission; the proxy answers most with 404 and its pike guard silently drops the rest "
     "(dropped INVITEs are still in the wire and HEP captures), amid background.",
     [], ["127.0.0.99"], ("source", ["127.0.0.99"]),
     [("FLOOD", "127.0.0.99", None)], []),
    ("scan-forged-ua", "svmap OPTIONS sweep from 127.0.0.77 over 127.0.0.1-40 ports 5060-5061 with a "
     "forged signature: User-Agent 'Yealink SIP-T46S 66.86.0.15' (the phones' own), From "
     "\"1000\" <sip:1000@127.0.0.77>. Only the behaviour (80 addresses/ports in ~4 s) gives it "
     "away, amid background traffic of real Yealink phones.",
     [], ["127.0.0.77"], ("source", ["127.0.0.77"]),
     [("SCAN", "127.0.0.77", None)], []),
    ("toll-fraud", "Hosted PBX pbx-acme (127.0.0.20) places 3 ordinary national calls, then 40 "
     "concurrent calls at 8/s to 40 distinct premium/international numbers (00882, 00881, 00979, "
     "00870, 00247, 00675, 00960, +881, +882, +979 ...), each held 12 s, all answered by the "
     "gateway, amid background.",
     [], ["127.0.0.20"], ("dialogs", "127.0.0.20", PREMIUM),
     [("TOLL_FRAUD", "127.0.0.20", "pbx-acme"), ("MACHINE_TRAFFIC", "127.0.0.20", "pbx-acme")], []),
    ("machine-burst", "Hosted PBX pbx-globex (127.0.0.21): ~13 s of quiet normal traffic (OPTIONS "
     "keepalive every 3 s, a national call every 4 s), then suddenly 150 INVITEs at 30/s to 150 "
     "distinct numbers (unallocated 09..., the gateway answers 404), amid background. The "
     "incident Vigie exists for: a hosted machine's own traffic leaving its baseline.",
     [], ["127.0.0.21"], ("dialogs", "127.0.0.21", re.compile(r"^09")),
     [("MACHINE_TRAFFIC", "127.0.0.21", "pbx-globex")], [("FLOOD", "127.0.0.21", "pbx-globex")]),
    ("restart-storm", "Platform restart: 300 phones (users 3000-3299, 100 per client site "
     "127.0.0.31/32/33, a UDP socket each: ~300 distinct source ports) re-register within ~3 s with CORRECT credentials: "
     "REGISTER, 401 challenge, REGISTER with Authorization, 200 OK. Legitimate: no alert.",
     [], [], ("source", ["127.0.0.31", "127.0.0.32", "127.0.0.33"]), [], []),
    ("office-burst", "A busy office: pbx-office (127.0.0.22) sends keepalives, then 40 answered "
     "calls at 4/s to 40 distinct ordinary national numbers (0[1-5]...), each held 6 s "
     "(about 24 concurrent), amid background. Legitimate: no alert.",
     [], [], ("dialogs", "127.0.0.22", re.compile(r"^0[1-9]")), [], []),
    ("tcp-normal", "Ordinary traffic over TCP from phone 127.0.0.4: 3 registrations, 10 OPTIONS, "
     "10 calls to 2000 (the proxy relays them to the gateway over UDP). No alert.",
     [], [], None, [], []),
    ("mini", "A tiny capture for the wire-layer format tests: phone 127.0.0.2 registers 1000, "
     "3 OPTIONS, 2 calls to 2000. The same capture as pcapng (mini.sip.pcapng) and as "
     "nanosecond pcap (mini.sip.nsec.pcap); mini-sll2.* is the same traffic captured again on "
     "`tshark -i any` (Linux cooked v2 link type). No alert.",
     [("pcapng", "mini.sip.pcapng"), ("nanosecondPcap", "mini.sip.nsec.pcap"),
      ("sll2Wire", "mini-sll2.sip.pcap"), ("sll2Hep", "mini-sll2.hep.pcap")],
     [], None, [], []),
    ("ipv6", "The same kind of traffic over IPv6 (::1): 3 OPTIONS, 1 call to 2000 (relayed to the "
     "IPv4 gateway), 2 calls to 3999 (404). The HEP mirror carries IPv6 address chunks. No alert.",
     [], [], None, [], []),
    ("gateway-outage", "Ordinary calls (phone 127.0.0.2 calls 2000 at 1/s through the proxy to the "
     "carrier gateway 127.0.0.10); after 20 s the gateway (SIPp UAS) is killed and started again "
     "40 s later: the INVITEs the proxy relays get no response at all (retransmitted, then 408 "
     "to the phone). pbx-acme keepalives go on. The outage window runs from the first request "
     "sent to the dead gateway to its first packet after it came back.",
     [], [], ("gap", "127.0.0.10"),
     [("SERVICE_DEGRADED", None, "trunk-carrier")], []),
    ("pbx-503", "Calls at 1/s from phone 127.0.0.2 to 5000, client acme's DID, which the proxy "
     "relays to pbx-acme's SIP service (127.0.0.20:5070); after 20 s the PBX answers every INVITE "
     "100 then 503 for 25 s, then answers normally again. The proxy passes the 503s back (it is "
     "working). The window covers the PBX's 503s.",
     [], [], ("status", "127.0.0.20", "503"),
     [("SERVICE_DEGRADED", None, "pbx-acme")], []),
    ("registration-loss", "10 phones of client acme at 127.0.0.4 (machine phones-hq; users "
     "3000-3009) register with a 60 s expiry and never refresh (unplugged); phone 127.0.0.2 keeps "
     "its registration and its OPTIONS keepalives. The window starts when their registrations "
     "expire (last REGISTER + 60 s).",
     [], [], ("expiry", "127.0.0.4", 60),
     [("SERVICE_DEGRADED", None, "phones-hq")], []),
    ("quiet-night", "Night traffic: pbx-acme keepalive every 10 s, phone 127.0.0.2 keepalive every "
     "15 s, one misdialled call (3999, 404) after 20 s. Quiet is not an outage: no alert.",
     [], [], None, [], []),
]
# outages: no attacker, but a labelled window (`attack`) in which SERVICE_DEGRADED is expected
OUTAGES = {"gateway-outage", "pbx-503", "registration-loss"}

FIELDS = ["frame.time_epoch", "ip.src", "ipv6.src", "ip.dst", "ipv6.dst", "sip.Method",
          "sip.Call-ID", "sip.r-uri.user", "udp.dstport", "tcp.dstport", "sip.to.user",
          "sip.Status-Code"]


def packets(path):
    out = subprocess.run(["tshark", "-r", path, "-T", "fields", "-E", "separator=\t",
                          "-E", "occurrence=f"] + sum([["-e", f] for f in FIELDS], []),
                         capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        v = line.split("\t")
        yield {"t": float(v[0]), "src": v[1] or v[2], "dst": v[3] or v[4], "method": v[5],
               "callid": v[6], "ruser": v[7], "dport": v[8] or v[9], "touser": v[10],
               "status": v[11] if len(v) > 11 else ""}


def iso(t):
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%S.%fZ")


def window(pkts, sel):
    if sel is None:
        return None
    if sel[0] == "gap":  # an outage: its longest silence, from the first request it missed
        ip = sel[1]
        own = [p for p in pkts if p["src"] == ip]
        i = max(range(len(own) - 1), key=lambda k: own[k + 1]["t"] - own[k]["t"])
        missed = [p for p in pkts if p["dst"] == ip and p["method"] and own[i]["t"] < p["t"] < own[i + 1]["t"]]
        if not missed:
            sys.exit("no request sent to %s during its silence" % ip)
        return [missed[0], own[i + 1]]
    if sel[0] == "status":  # responses with that status code sent by ip
        mine = [p for p in pkts if p["src"] == sel[1] and p["status"] == sel[2]]
    elif sel[0] == "expiry":  # registrations of ip expiring: last REGISTER + expiry, 20 s long
        regs = [p for p in pkts if p["src"] == sel[1] and p["method"] == "REGISTER"]
        if not regs:
            sys.exit("no REGISTER from %s" % sel[1])
        t = regs[-1]["t"] + sel[2]
        return [{"t": t, "src": sel[1]}, {"t": t + 20, "src": sel[1]}]
    elif sel[0] == "source":
        mine = [p for p in pkts if p["src"] in sel[1]]
    else:
        ip, rx = sel[1], sel[2]
        ids = {p["callid"] for p in pkts
               if p["src"] == ip and p["method"] == "INVITE" and rx.search(p["ruser"])}
        mine = [p for p in pkts if p["src"] == ip and p["callid"] in ids]
    if not mine:
        sys.exit("no attack/event packet found for %r" % (sel,))
    return mine


def profile(pkts):
    """Per source address: SIP requests, peak requests in any sliding 1 s window, distinct
    request-URI users, distinct To users and distinct destinations (address, port). Counts the
    first SIP message of each frame (a TCP segment may hold more)."""
    by = {}
    for p in pkts:
        if p["method"]:
            by.setdefault(p["src"], []).append(p)
    rows = []
    for src, reqs in by.items():
        peak, j = 0, 0
        for i, p in enumerate(reqs):
            while reqs[j]["t"] <= p["t"] - 1.0:
                j += 1
            peak = max(peak, i - j + 1)
        rows.append((src, len(reqs), peak, len({r["ruser"] for r in reqs if r["ruser"]}),
                     len({r["touser"] for r in reqs if r["touser"]}),
                     len({(r["dst"], r["dport"]) for r in reqs})))
    return sorted(rows, key=lambda r: -r[1])


def sipstat_count(path):
    try:
        with open(path) as f:
            m = re.search(r"Number of SIP messages: (\d+)", f.read())
        return int(m.group(1)) if m else None
    except FileNotFoundError:
        return None


def alerts(y, key, rows):
    if not rows:
        y.append("    %s: []" % key)
        return
    y.append("    %s:" % key)
    for kind, src, machine in rows:
        y.append("      - {kind: %s, source: %s, machine: %s}"
                 % (kind, '"%s"' % src if src else "null", machine if machine else "null"))


def main():
    td = sys.argv[1]
    cap = os.path.join(td, "captures")
    y = ["# Labels of the scenario captures under captures/ (generated by lab/tools/labels.py from",
         "# the captures themselves; regenerate with lab/make-testdata.sh, see README.md).",
         "# attack/event: first and last packet sent by the attacker (or by the legitimate burst)",
         "# that belongs to it, on the packet clock. innocent: never the `source` of an alert;",
         "# innocentMachines: never the `machine` of a MACHINE_TRAFFIC or TOLL_FRAUD alert.",
         "# Outages (SERVICE_DEGRADED): `attack` is the outage window and names no source.",
         "inventory: inventory.yaml", "scenarios:"]
    for name, desc, extra, attackers, sel, expected, tolerated in SCENARIOS:
        wire, hep = name + ".sip.pcap", name + ".hep.pcap"
        pkts = list(packets(os.path.join(cap, wire)))
        y.append("  - name: %s" % name)
        y.append("    description: \"%s\"" % desc.replace('"', '\\"'))
        y.append("    files:")
        y.append("      wire: captures/%s" % wire)
        y.append("      hep: captures/%s" % hep)
        for key, f in extra:
            if not os.path.exists(os.path.join(cap, f)):
                sys.exit("missing capture: " + f)
            y.append("      %s: captures/%s" % (key, f))
        y.append("    packets: {wire: %d, hep: %d}" % (len(pkts), sum(1 for _ in packets(os.path.join(cap, hep)))))
        y.append("    sipMessages: {wire: %s, hep: %s}" % (
            sipstat_count(os.path.join(cap, name + ".sip.sipstat.txt")),
            sipstat_count(os.path.join(cap, name + ".hep.sipstat.txt"))))
        y.append("    firstPacket: \"%s\"" % iso(pkts[0]["t"]))
        y.append("    lastPacket: \"%s\"" % iso(pkts[-1]["t"]))
        w = window(pkts, sel)
        if w:
            y.append("    %s:" % ("attack" if attackers or name in OUTAGES else "event"))
            y.append("      start: \"%s\"" % iso(w[0]["t"]))
            y.append("      end: \"%s\"" % iso(w[-1]["t"]))
            y.append("      packets: %d" % len(w))
            srcs = [] if name in OUTAGES else sorted({p["src"] for p in w})  # outages: no attacker
            y.append("      sources: [%s]" % ", ".join('"%s"' % s for s in srcs))
        y.append("    requestProfile:")
        for src, n, peak, users, tos, targets in profile(pkts):
            y.append("      - {address: \"%s\", requests: %d, peakPerSecond: %d, distinctUriUsers: %d, "
                     "distinctToUsers: %d, distinctTargets: %d}" % (src, n, peak, users, tos, targets))
        alerts(y, "expectedAlerts", expected)
        alerts(y, "toleratedAlerts", tolerated)
        seen = sorted(({p["src"] for p in pkts} | {p["dst"] for p in pkts}) - set(attackers),
                      key=lambda a: (":" in a, [int(x) if x.isdigit() else 0 for x in re.split("[.:]", a)]))
        y.append("    innocent: [%s]" % ", ".join('"%s"' % a for a in seen))
        guilty = {m for _, _, m in expected + tolerated if m}
        inn = sorted({MACHINES[a] for a in seen if a in MACHINES} - guilty)
        y.append("    innocentMachines: [%s]" % ", ".join(inn))
    with open(os.path.join(td, "inventory.yaml")) as f:
        inv = f.read()
    missing = [m for m in set(MACHINES.values()) if "id: " + m not in inv]
    if missing:
        sys.exit("machine ids missing from inventory.yaml: %s" % missing)
    with open(os.path.join(td, "labels.yaml"), "w") as f:
        f.write("\n".join(y) + "\n")
    print("wrote %s (%d scenarios)" % (os.path.join(td, "labels.yaml"), len(SCENARIOS)))


main()
