#!/usr/bin/env python3
"""Build a big, realistic SIP capture for benchmarks by replicating a small one (stdlib only).

Usage: benchcap.py OUT N [--template FILE] [--sites S] [--seed K]

The template (default testdata/captures/normal.sip.pcap: registrations, keepalives, calls, 404s)
is replayed as S independent "sites" per round, rounds after rounds, until N SIP datagrams are
written. In every copy the addresses other than the proxy (127.0.0.1) and the gateway
(127.0.0.10) become a site address 127.A.B.x (A.B from the site number, x the template's last
octet), in the IP header and in the SIP text (Via, Contact, From ...), and every Call-ID gets a
"-rRsS" suffix, so each copy holds distinct dialogs. Lengths and IPv4 checksums are recomputed
(UDP checksum 0, legal for IPv4). Timestamps keep the template's spacing, shifted per round, plus
a microsecond per site, clamped to stay monotonic. Output: classic pcap, Ethernet, microseconds.

Speed: each template datagram is split once into literal parts and substitution slots, so a copy
is a join plus a header pack (about a million datagrams in well under a minute).
Only IPv4/UDP datagrams of the template are used (TCP segments are skipped).
"""
import argparse, re, struct, sys

KEEP = {"127.0.0.1", "127.0.0.10"}
IP_RX = re.compile(rb"127\.0\.0\.(\d{1,3})(?!\d)")
CALLID_RX = re.compile(rb"(?im)^(?:call-id|i)[ \t]*:[ \t]*([^\r\n]+)")


def read_udp(path):
    """Yields (ts_seconds, src, dst, sport, dport, payload) of the IPv4/UDP datagrams."""
    with open(path, "rb") as f:
        gh = f.read(24)
        if gh[:4] in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
            e = "<"
        elif gh[:4] in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
            e = ">"
        else:
            sys.exit("template must be a classic pcap: %s" % path)
        nano = gh[:4] in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d")
        link = struct.unpack(e + "I", gh[20:24])[0]
        if link not in (1, 101, 228):
            sys.exit("template link type %d not supported (Ethernet or raw IPv4)" % link)
        while True:
            h = f.read(16)
            if len(h) < 16:
                return
            sec, frac, incl, _ = struct.unpack(e + "IIII", h)
            d = f.read(incl)
            off = 14 if link == 1 else 0
            if link == 1 and d[12:14] != b"\x08\x00":
                continue
            if len(d) < off + 28 or d[off] >> 4 != 4 or d[off + 9] != 17:
                continue
            ihl = (d[off] & 15) * 4
            u = off + ihl
            sport, dport, ulen = struct.unpack("!HHH", d[u:u + 6])
            yield (sec + frac / (1e9 if nano else 1e6), ".".join(map(str, d[off + 12:off + 16])),
                   ".".join(map(str, d[off + 16:off + 20])), sport, dport, d[u + 8:u + ulen])


def split(payload):
    """Literal bytes and slots: ('ip', last_octet) for a site address, ('cid', value) for Call-IDs."""
    marks = []
    for m in IP_RX.finditer(payload):
        if m.group(0).decode() not in KEEP:
            marks.append((m.start(), m.end(), ("ip", int(m.group(1)))))
    for m in CALLID_RX.finditer(payload):
        marks.append((m.end(1), m.end(1), ("cid", None)))       # suffix after the value
    parts, pos = [], 0
    for s, t, slot in sorted(marks):
        if s < pos:
            continue
        parts.append(payload[pos:s])
        parts.append(slot)
        pos = t
    parts.append(payload[pos:])
    return parts


def checksum(hdr):
    s = sum(struct.unpack("!10H", hdr))
    s = (s & 0xFFFF) + (s >> 16)
    s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("n", type=int, nargs="?", default=1_000_000)
    ap.add_argument("--template", default=None)
    ap.add_argument("--sites", type=int, default=200)
    a = ap.parse_args()
    if a.n <= 0 or not 1 <= a.sites <= 65000:
        sys.exit("N must be > 0 and --sites between 1 and 65000")
    tpl = list(read_udp(a.template))
    if not tpl:
        sys.exit("no IPv4/UDP datagram in the template")
    t0 = tpl[0][0]
    span = tpl[-1][0] - t0 + 1.0
    prepared = [(ts - t0, src, dst, sp, dp, split(pl)) for ts, src, dst, sp, dp, pl in tpl]
    eth = b"\x00" * 12 + b"\x08\x00"
    written, rnd, last = 0, 0, 0.0
    base = 1_700_000_000.0 if t0 < 1e9 else t0
    with open(a.out, "wb", buffering=1 << 22) as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        while written < a.n:
            for rel, src, dst, sp, dp, parts in prepared:
                for s in range(a.sites):
                    if written >= a.n:
                        break
                    net = "127.%d.%d." % (1 + s // 256, s % 256)
                    sfx = ("-r%ds%d" % (rnd, s)).encode()
                    body = b"".join(
                        p if isinstance(p, bytes) else (net + str(p[1])).encode() if p[0] == "ip" else sfx
                        for p in parts)
                    sa = src if src in KEEP else net + src.rsplit(".", 1)[1]
                    da = dst if dst in KEEP else net + dst.rsplit(".", 1)[1]
                    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 28 + len(body), written & 0xFFFF, 0x4000,
                                     64, 17, 0, bytes(map(int, sa.split("."))), bytes(map(int, da.split("."))))
                    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
                    frame = eth + ip + struct.pack("!HHHH", sp, dp, 8 + len(body), 0) + body
                    ts = max(base + rnd * span + rel + s * 1e-6, last + 1e-6)
                    last = ts
                    sec = int(ts)
                    usec = int(round((ts - sec) * 1e6))
                    if usec >= 1_000_000:
                        sec, usec = sec + 1, usec - 1_000_000
                    f.write(struct.pack("<IIII", sec, usec, len(frame), len(frame)))
                    f.write(frame)
                    written += 1
            rnd += 1
    print("%s: %d SIP datagrams, %d rounds of %d sites of the %d-datagram template"
          % (a.out, written, rnd, a.sites, len(tpl)))


main()
