#!/usr/bin/python3
"""Run a SIPVicious 0.3.3 tool with its UDP socket bound to a chosen source IP.
svwar/svcrack 0.3.3 accept -b/--bindingip but never pass it on (they bind to 0.0.0.0,
so on loopback their source IP becomes 127.0.0.1 = the proxy's own address).
Usage: svbind.py 127.0.0.66 svwar -e100-199 127.0.0.1      (also svcrack, svmap)

SIPVicious 0.3.3 has no --user-agent option. To forge its signature (a scan that looks like a
phone), set SV_USER_AGENT (replaces "User-Agent: friendly-scanner"), SV_FROM_NAME (replaces the
"sipvicious" display name of From/To) and SV_FROM_URI (replaces svmap's "sip:100@1.1.1.1") in the
environment.
"""
import sys, os, socket, importlib
sys.path.insert(0, "/usr/share/sipvicious")   # where Debian puts the package
ip, tool, args = sys.argv[1], sys.argv[2], sys.argv[3:]
_bind = socket.socket.bind
def bind(self, addr):
    if isinstance(addr, tuple) and addr and addr[0] in ("", "0.0.0.0"):
        addr = (ip,) + tuple(addr[1:])
    return _bind(self, addr)
socket.socket.bind = bind
if "-x" not in args and "--externalip" not in args:
    args = ["-x", ip] + args          # Via/Contact show the attacker IP, not the host name's IP
mod = importlib.import_module("sipvicious." + tool)
ua, fromname = os.environ.get("SV_USER_AGENT"), os.environ.get("SV_FROM_NAME")
fromuri = os.environ.get("SV_FROM_URI")
if ua or fromname or fromuri:
    from sipvicious.libs import svhelper
    _make = svhelper.makeRequest
    def forged(*a, **kw):
        r = _make(*a, **kw)
        if ua:
            r = r.replace("User-Agent: friendly-scanner", "User-Agent: " + ua)
        if fromname:
            r = r.replace('"sipvicious"', '"%s"' % fromname)
        if fromuri:
            r = r.replace("sip:100@1.1.1.1", fromuri)
        return r
    svhelper.makeRequest = forged
    if hasattr(mod, "makeRequest"):
        mod.makeRequest = forged
sys.argv = [tool] + args
sys.exit(mod.main())
