#!/usr/bin/env python3
"""UDP peer for the containment tests, run inside a network namespace with `ip netns exec`.

  udp_peer.py serve SECONDS ADDR PORT [ADDR PORT ...]   echo server; prints "RX <src> <epoch ms>"
  udp_peer.py send SECONDS INTERVAL_MS SRC DST PORT     one datagram every INTERVAL_MS from SRC;
                                                       prints "TX <seq> <ms>", "ECHO <seq> <ms>"
Both print READY once bound and stop after SECONDS (every loop is bounded).
"""
import select
import socket
import sys
import time


def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def now_ms():
    return int(time.time() * 1000)


def serve(seconds, pairs):
    socks = []
    for addr, port in pairs:
        s = socket.socket(family(addr), socket.SOCK_DGRAM)
        s.bind((addr, int(port)))
        socks.append(s)
    print("READY", flush=True)
    end = time.time() + seconds
    while time.time() < end:
        ready, _, _ = select.select(socks, [], [], 0.1)
        for s in ready:
            data, src = s.recvfrom(2048)
            print("RX %s %d" % (src[0], now_ms()), flush=True)
            s.sendto(data, src)


def send(seconds, interval_ms, src, dst, port):
    s = socket.socket(family(dst), socket.SOCK_DGRAM)
    s.bind((src, 0))
    s.setblocking(False)
    print("READY", flush=True)
    end = time.time() + seconds
    seq = 0
    nxt = time.time()
    while time.time() < end:
        if time.time() >= nxt:
            seq += 1
            payload = ("OPTIONS sip:probe SIP/2.0\r\nCSeq: %d OPTIONS\r\n\r\n" % seq).encode()
            try:
                s.sendto(payload, (dst, int(port)))
                print("TX %d %d" % (seq, now_ms()), flush=True)
            except OSError as e:
                print("TXERR %d %d %s" % (seq, now_ms(), e.errno), flush=True)
            nxt += interval_ms / 1000.0
        ready, _, _ = select.select([s], [], [], max(0.0, min(0.05, nxt - time.time())))
        if ready:
            try:
                data, _ = s.recvfrom(2048)
                n = data.split(b"CSeq: ")[1].split(b" ")[0].decode()
                print("ECHO %s %d" % (n, now_ms()), flush=True)
            except (OSError, IndexError):
                pass


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        a = sys.argv[3:]
        serve(float(sys.argv[2]), list(zip(a[0::2], a[1::2])))
    elif sys.argv[1] == "send":
        send(float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6])
    else:
        sys.exit("usage: udp_peer.py serve|send ...")
