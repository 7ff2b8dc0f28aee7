#!/usr/bin/python3
"""Relays UDP datagrams from 127.0.0.1:LISTEN inside network namespace NS to 127.0.0.1:TARGET in
the namespace this process started in (Kamailio's HEP mirror in a test namespace -> Vigie on the
host's loopback). Both sockets stay on loopback: no address outside the test's namespaces is used.
Usage: hep_relay.py NS LISTEN_PORT TARGET_PORT SECONDS   (root; stops by itself after SECONDS)"""
import ctypes, os, socket, sys, time

ns, listen, target, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
out = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)          # created in the host namespace
libc = ctypes.CDLL("libc.so.6", use_errno=True)
fd = os.open("/var/run/netns/" + ns, os.O_RDONLY)
if libc.setns(fd, 0x40000000) != 0:                              # CLONE_NEWNET
    sys.exit("setns %s failed: errno %d" % (ns, ctypes.get_errno()))
inp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)          # created inside NS
inp.bind(("127.0.0.1", listen))
inp.settimeout(0.5)
print("READY", flush=True)
end, n = time.monotonic() + seconds, 0
while time.monotonic() < end:
    try:
        data = inp.recv(65535)
    except socket.timeout:
        continue
    out.sendto(data, ("127.0.0.1", target))
    n += 1
print("RELAYED", n, flush=True)
