#!/usr/bin/env python3
"""Write a SIPp injection file (-inf) of dialled numbers, one per call, deterministic (seeded).

Usage: numbers.py KIND COUNT [SEED] > FILE
KIND: national   0[1-5]xxxxxxxx (ordinary French geographic numbers, answered by the gateway)
      mobile     0[67]xxxxxxxx (answered)
      unalloc    09xxxxxxxx    (the gateway answers 404: unallocated)
      premium    international premium / satellite / IRSF ranges: 00882, 00881, 00979, 00870,
                 +881, +882, 00247, 00675, 00960 ... (answered: the carrier lets them through)
      fixed:NUM  the same number on every line (e.g. fixed:2000)
      mix:K1=P1,K2=P2  a shuffled mix, P = share in percent (e.g. mix:unalloc=80,mobile=20)
Numbers are distinct within one file (except fixed).
"""
import random, sys

PREMIUM = ["00882", "00881", "00979", "00870", "+881", "+882", "00247", "00675", "00960", "+979"]


def one(kind, rnd):
    if kind == "national":
        return "0%d%08d" % (rnd.randint(1, 5), rnd.randrange(10**8))
    if kind == "mobile":
        return "0%d%08d" % (rnd.choice((6, 7)), rnd.randrange(10**8))
    if kind == "unalloc":
        return "09%08d" % rnd.randrange(10**8)
    if kind == "premium":
        p = rnd.choice(PREMIUM)
        return p + ("%09d" % rnd.randrange(10**9) if p.startswith("+") else "%07d" % rnd.randrange(10**7))
    raise SystemExit("unknown kind: " + kind)


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    kind, count = sys.argv[1], int(sys.argv[2])
    rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)
    out = ["SEQUENTIAL"]
    if kind.startswith("fixed:"):
        out += [kind[6:]] * count
    else:
        parts = [(k, int(p)) for k, p in (x.split("=") for x in kind[4:].split(","))] \
            if kind.startswith("mix:") else [(kind, 100)]
        kinds = [k for k, p in parts for _ in range(round(count * p / 100))][:count]
        kinds += [parts[0][0]] * (count - len(kinds))
        rnd.shuffle(kinds)
        seen = set()
        for k in kinds:
            n = one(k, rnd)
            while n in seen:
                n = one(k, rnd)
            seen.add(n)
            out.append(n)
    print("\n".join(out))


main()
