#!/usr/bin/python3
"""bench/serve: asks ivserve on 127.0.0.1:PORT for every path on standard
input once (the warm-up of the answer cache); prints the count and the
seconds it took."""
import http.client
import sys
import time

port = int(sys.argv[1])
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
t0, n, bad = time.monotonic(), 0, 0
for path in dict.fromkeys(l.strip() for l in sys.stdin if l.strip()):
    conn.request("GET", path)
    r = conn.getresponse()
    r.read()
    n += 1
    bad += r.status != 200
print("%d paths asked once in %.1f s, %d not 200" %
      (n, time.monotonic() - t0, bad))
