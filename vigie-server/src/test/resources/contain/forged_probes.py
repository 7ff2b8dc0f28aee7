#!/usr/bin/python3
"""Sends COUNT forged scanner probes (SIP INVITEs to extensions 100.., User-Agent friendly-scanner)
from SRC to DST:5060, GAP_MS apart, and never reads an answer: what a spoofer claiming SRC can do
(the answers go to the real SRC). Bounded by COUNT. Usage: forged_probes.py SRC DST COUNT GAP_MS"""
import socket, sys, time, uuid

src, dst, count, gap = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]) / 1000
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((src, 5060 + 7))
for i in range(min(count, 10000)):
    ext, cid, tag = 100 + i, uuid.uuid4().hex, uuid.uuid4().hex[:8]
    msg = ("INVITE sip:%d@%s SIP/2.0\r\nVia: SIP/2.0/UDP %s:5067;branch=z9hG4bK%s\r\n"
           "Max-Forwards: 70\r\nFrom: \"%d\" <sip:%d@%s>;tag=%s\r\nTo: \"%d\" <sip:%d@%s>\r\n"
           "Call-ID: %s\r\nCSeq: 1 INVITE\r\nContact: <sip:%d@%s:5067>\r\n"
           "User-Agent: friendly-scanner\r\nContent-Length: 0\r\n\r\n"
           % (ext, dst, src, cid[:12], ext, ext, dst, tag, ext, ext, dst, cid, ext, src))
    s.sendto(msg.encode(), (dst, 5060))
    time.sleep(gap)
print("SENT %d" % min(count, 10000))
