#!/usr/bin/python3
"""Sends one SIP OPTIONS from SRC to DST:5060 and prints the status line of the answer, or
TIMEOUT after SECONDS. Usage: sip_ping.py SRC DST SECONDS"""
import socket, sys, uuid

src, dst, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((src, 0))
port = s.getsockname()[1]
cid = uuid.uuid4().hex
msg = ("OPTIONS sip:%s:5060 SIP/2.0\r\nVia: SIP/2.0/UDP %s:%d;branch=z9hG4bK%s\r\n"
       "Max-Forwards: 70\r\nFrom: <sip:ping@%s>;tag=%s\r\nTo: <sip:%s:5060>\r\nCall-ID: %s\r\n"
       "CSeq: 1 OPTIONS\r\nUser-Agent: Yealink SIP-T46S\r\nContent-Length: 0\r\n\r\n"
       % (dst, src, port, cid[:12], src, cid[:8], dst, cid))
s.sendto(msg.encode(), (dst, 5060))
s.settimeout(seconds)
try:
    print(s.recv(65535).decode(errors="replace").split("\r\n", 1)[0])
except socket.timeout:
    print("TIMEOUT")
