#!/usr/bin/env python3
"""ivserve over real HTTP: the server started on a free loopback port over
databases that the real ivindex builds from notes written here, checked
with a real client (issue 13's "Must show").

Usage: serve_test.py IVINDEX IVSEARCH IVSERVE EXAMPLES_DIR

Every check has a name; a failing one prints FAIL with what was expected
and what came. Every server is stopped by its pid (SIGTERM, then SIGKILL)
whatever happens. Every wait is bounded. Exit 0 when all checks pass.
"""
import http.client as httpc
import json
import os
import re
import resource
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import serve_harness  # noqa: E402 (after the line above)
from serve_accounts import accounts, tls  # noqa: E402
from serve_harness import *  # noqa: E402,F401,F403 (the shared harness)


def endpoints(T, port):
    html = "text/html"
    pages = ["/", q("/", q="kafka 丢失"), q("/", verdict="fail"),
             q("/", q="kafka", topic="middleware", sort="date"),
             "/interview/1", q("/interview/1", q="kafka"), "/overview"]
    for p in pages:
        a = http(port, p)
        check("page %s: 200 text/html" % p,
              a.status == 200 and (a.header("content-type") or "")
              .startswith(html) and b"</html>" in a.body,
              "got %d %s" % (a.status, a.header("content-type")))
        check_headers("page " + p, a)
    for p, typ in (("/static/app.css", "text/css"),
                   ("/static/app.js", "javascript")):
        a = http(port, p)
        check("asset %s" % p, a.status == 200 and typ in
              (a.header("content-type") or "") and len(a.body) > 50,
              "got %d %s" % (a.status, a.header("content-type")))
        check_headers("asset " + p, a)
    shapes = {
        q("/api/search", q="kafka"): ("query", "total", "hits", "facets"),
        q("/api/search", verdict="pass"): ("total", "hits"),
        "/api/interview/1": ("id", "text", "title", "verdict", "source"),
        "/api/similar/3": ("total", "hits"),
        "/api/topics": (),
        "/api/stats": (),
    }
    for p, keys in shapes.items():
        a = http(port, p)
        j = a.json()
        check("api %s: 200 JSON with %s" % (p, ", ".join(keys)),
              a.status == 200 and (a.header("content-type") or "")
              .startswith("application/json") and isinstance(j, dict) and
              all(k in j for k in keys),
              "got %d %s %s" % (a.status, a.header("content-type"),
                                short(a.text())))
        check_headers("api " + p, a)
    a = http(port, q("/api/search", q="kafka"))
    hits = (a.json() or {}).get("hits") or [{}]
    check("api search hit shape", all(k in hits[0] for k in (
        "id", "rank", "score", "source", "ordinal", "title", "verdict",
        "topics", "partial", "snippet", "highlights")), short(hits[0]))
    # errors: JSON with a status
    check_json_error("api unknown endpoint 404", http(port, "/api/nope"), 404)
    check_json_error("api interview 999999 404",
                     http(port, "/api/interview/999999"), 404)
    check_json_error("api interview abc 404",
                     http(port, "/api/interview/abc"), 404)
    check_json_error("api similar 0 404", http(port, "/api/similar/0"), 404)
    check_json_error("api bad sort 400",
                     http(port, q("/api/search", q="kafka", sort="x")), 400)
    check_json_error("api bad limit 400",
                     http(port, q("/api/search", q="kafka", limit="-1")), 400)
    check_json_error("api unknown topic 400",
                     http(port, q("/api/search", q="kafka", topic="nosuch")),
                     400)
    check_json_error("api invalid UTF-8 400",
                     http(port, "/api/search?q=%ff%fe"), 400)
    a = http(port, "/api/search?q=kafka", method="POST", body="x=1")
    check_json_error("POST /api/search 405", a, 405)
    check("405 has Allow", "GET" in (a.header("allow") or ""),
          str(a.headers))
    check_headers("405 answer", a)
    for m in ("PUT", "DELETE"):
        a = http(port, "/", method=m, body="")
        check("%s / is 405" % m, a.status == 405, "got %d" % a.status)
    a = http(port, "/logout")
    check("GET /logout is 405", a.status == 405, "got %d" % a.status)
    a = http(port, "/nope")
    check("unknown page 404 html", a.status == 404 and "text/html" in
          (a.header("content-type") or ""), "got %d" % a.status)
    check_headers("404 page", a)
    # DNS rebinding: a page of another site whose name resolves to
    # 127.0.0.1 reaches this server with its own name as Host
    for host in ("evil.example", "evil.example:%d" % port,
                 "127.0.0.1.evil.example", "localhost.evil.example"):
        for path in ("/api/search?q=kafka", "/", "/api/stats"):
            a = http(port, path, headers={"Host": host})
            check("Host %s refused for %s (DNS rebinding)" % (host, path),
                  a.status in (403, 421) and b"kafka" not in a.body.lower()
                  and b"interviews" not in a.body, "got %d %s" %
                  (a.status, short(a.text(), 120)))
    for host in ("localhost:%d" % port, "127.0.0.1:%d" % port, "LOCALHOST",
                 "127.0.0.1"):
        a = http(port, "/api/stats", headers={"Host": host})
        check("Host %s answered" % host, a.status == 200, "got %d" %
              a.status)
    a = http(port, "/", method="HEAD")
    check("HEAD / 200 without body", a.status == 200 and a.body == b"",
          "got %d %d bytes" % (a.status, len(a.body)))
    # nothing from disk
    for path in ("/static/../../../../etc/passwd", "/../../etc/passwd",
                 "/%2e%2e/%2e%2e/etc/passwd",
                 "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                 "/static/..%2f..%2f..%2fetc%2fpasswd", "//etc/passwd",
                 "/static//etc/passwd", "/static/app.css/../../etc/passwd",
                 "/static/", "/static/app.css.txt", "/etc/passwd",
                 "/static/app.css/", "/static/APP.CSS", "/static/.",
                 "/static/serve_assets.c", "/ex/interviews.txt",
                 "/static/../ex/interviews.txt"):
        status, text = raw(port, ("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                  "Connection: close\r\n\r\n" % path)
                           .encode())
        check("no file from disk: %s -> 404" % path,
              status in (400, 404) and "root:" not in text and
              "面试内容" not in text, "got %d %s" % (status, short(text)))


def parity(T, port):
    """/api/search etc. equal ivsearch --json with the same db and cwd."""
    cases = [
        (["kafka 丢失"], {"q": "kafka 丢失"}),
        (["pprof 127.0.0.1"], {"q": "pprof 127.0.0.1"}),
        (['"消息不丢失"'], {"q": '"消息不丢失"'}),
        (["channel verdict:pass topic:language"],
         {"q": "channel verdict:pass topic:language"}),
        (["interfaces"], {"q": "interfaces"}),
        (["redis"], {"q": "redis"}),
        (["kafka", "zzzznotthere"], {"q": "kafka zzzznotthere"}),
        (["kafak"], {"q": "kafak"}),
        (["--verdict", "pass", "kafka 丢失"],
         {"q": "kafka 丢失", "verdict": "pass"}),
        (["--verdict", "fail"], {"verdict": "fail"}),
        (["--topic", "middleware", "kafka"],
         {"q": "kafka", "topic": "middleware"}),
        (["--topic", "中间件", "--verdict", "pass"],
         {"topic": "中间件", "verdict": "pass"}),
        (["--sort", "date", "kafka"], {"q": "kafka", "sort": "date"}),
        (["--limit", "3", "--offset", "2", "kafka"],
         {"q": "kafka", "limit": "3", "offset": "2"}),
        (["alert"], {"q": "alert"}),
        (["hostileword 分布式锁"], {"q": "hostileword 分布式锁"}),
    ]
    env = dict(os.environ, IVSEARCH_DB=os.path.join(T, "db"))
    for args, params in cases:
        r = subprocess.run([IVSEARCH, "--db", "db", "--json"] + args, cwd=T,
                           capture_output=True, timeout=30, env=env)
        want = json.loads(r.stdout.decode()) if r.stdout.strip() else None
        a = http(port, q("/api/search", **params))
        check("same hits as ivsearch %s" % args,
              want is not None and a.status == 200 and a.json() == want,
              "ivsearch (exit %d) %s\n      ivserve (%d) %s" %
              (r.returncode, short(r.stdout.decode(), 400), a.status,
               short(a.text(), 400)))
    page = http(port, q("/", q="kafak")).text()
    check("page kafak: shows kafka's results, links to what was typed",
          "showing results for <b>kafka</b>" in page and
          "as_typed=1" in page and 'class="hit' in page,
          short(page[page.find("notice") - 20:][:300]))
    page = http(port, q("/", q="kafak", as_typed="1")).text()
    check("page kafak as typed: no correction, did you mean",
          "showing results for" not in page and "Did you mean" in page,
          short(page[page.find("notice") - 20:][:300]))
    for args, path, drop in (
            (["--similar", "3"], "/api/similar/3", ()),
            (["--similar", "3", "--verdict", "pass"],
             "/api/similar/3?verdict=pass", ()),
            (["--similar", "2", "--topic", "middleware", "--limit", "3"],
             "/api/similar/2?topic=middleware&limit=3", ()),
            (["--show", "4"], "/api/interview/4", ()),
            (["--stats"], "/api/stats", ("db",)),
            (["--topics"], "/api/topics", ("db",))):
        r = subprocess.run([IVSEARCH, "--db", "db", "--json"] + args, cwd=T,
                           capture_output=True, timeout=30)
        want = json.loads(r.stdout.decode()) if r.stdout.strip() else {}
        got = http(port, path).json() or {}
        for k in drop:
            want.pop(k, None)
            got.pop(k, None)
        check("same answer as ivsearch %s" % args, want and got == want,
              "ivsearch %s\n      ivserve %s" % (short(want), short(got)))


def markup(text):
    """What in page TEXT is live markup from a payload ("" when none)."""
    low = text.lower()
    bad = []
    for needle in ("<img", "alert(1)</script>", "<script>alert",
                   'href="javascript:', "href='javascript:",
                   'src="javascript:', 'action="javascript:',
                   '"><img', " onerror=alert(1)>"):
        at = low.find(needle)
        if at >= 0:
            bad.append("%r at %d: %s" % (needle, at,
                                         text[max(0, at - 80):at + 80]))
    scripts = low.count("<script")
    ours = low.count('<script src="/static/app.js"')
    if scripts != ours:
        bad.append("%d <script> elements, %d of them ours" % (scripts, ours))
    return "; ".join(bad)


def hostile(T, port):
    """Every payload shown as text, never as markup; JSON keeps it exact."""
    hq = " ".join(PAYLOADS) + " alert"
    a = http(port, "/api/search?q=alert&limit=20")
    j = a.json() or {}
    ids = [h["id"] for h in j.get("hits", [])]
    check("hostile notes are found", len(ids) == 3, short(a.text()))
    texts = " ".join((http(port, "/api/interview/%d" % i).json() or {})
                     .get("text", "") for i in ids)
    sources = " ".join(h.get("source", "") for h in j.get("hits", []))
    check("JSON keeps the payloads exactly (text)",
          all(p in texts for p in PAYLOADS), short(texts))
    check("JSON keeps the payloads exactly (file names)",
          all(p[:12] in sources for p in PAYLOADS), short(sources))
    check("JSON is served as JSON with nosniff",
          a.header("content-type").startswith("application/json") and
          a.header("x-content-type-options") == "nosniff",
          str(a.headers))
    pages = [q("/", q=hq), q("/", q="alert"), q("/", q="alert", sort="date"),
             q("/", q=PAYLOAD_SCRIPT), q("/", q=PAYLOAD_IMG),
             q("/", q=PAYLOAD_JS), q("/", verdict="pass"), "/overview",
             q("/", q="alert", topic="middleware", offset="1")]
    for i in ids:
        pages += ["/interview/%d" % i, q("/interview/%d" % i, q=hq)]
    for p in pages:
        b = http(port, p)
        why = markup(b.text())
        check("page %s: payloads inert" % short(p, 60),
              b.status == 200 and not why, "status %d; %s" % (b.status, why))
    for p in [q("/", q="alert")] + ["/interview/%d" % i for i in ids]:
        text = http(port, p).text()
        check("page %s shows the payloads escaped" % short(p, 40),
              "&lt;script&gt;alert(1)&lt;/script&gt;" in text and
              ("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in text or
               "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in text),
              short(text[text.find("alert") - 100:][:300]))


def limits(T, port):
    """Oversize requests refused while another client keeps being served."""
    stop = threading.Event()
    results = []

    def steady():
        while not stop.is_set() and len(results) < 2000:
            try:
                results.append(http(port, "/api/search?q=kafka",
                                    timeout=5).status)
            except Exception as e:
                results.append(repr(e))
            time.sleep(0.02)

    th = threading.Thread(target=steady)
    th.start()
    try:
        long_url = "/api/search?q=kafka&x=" + "a" * 40000
        status, _ = raw(port, ("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" %
                               long_url).encode())
        check("oversize URL -> 414", status == 414, "got %d" % status)
        status, _ = raw(port, ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: %s\r\n"
                               "\r\n" % ("b" * 40000)).encode())
        check("oversize header -> 431", status == 431, "got %d" % status)
        many = "".join("X-H%d: %s\r\n" % (i, "c" * 100) for i in range(300))
        status, _ = raw(port, ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n%s\r\n" %
                               many).encode())
        check("many headers -> 431", status == 431, "got %d" % status)
        a = http(port, q("/api/search", q="kafka " * 200))
        check_json_error("query over 1000 bytes -> 400", a, 400)
        a = http(port, q("/", q="消" * 400))
        check("page query over 1000 bytes -> 400", a.status == 400,
              "got %d" % a.status)
        a = http(port, q("/api/search", q="k" * 1000))
        check("query of 1000 bytes is fine", a.status == 200,
              "got %d" % a.status)
        a = http(port, "/api/search?" + "&".join("a%d=1" % i
                                                 for i in range(100)))
        check_json_error("too many parameters -> 400", a, 400)
        deadline = time.monotonic() + 10
        while len(results) < 10 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        th.join(15)
    check("the other client kept being served (all 200)",
          len(results) >= 5 and all(r == 200 for r in results),
          "%d answers: %s" % (len(results), short(
              [r for r in results if r != 200][:5])))


def slow_clients(T):
    # a request head dribbled: cut off after --header-timeout
    s1 = Server(["--db", "db", "--header-timeout", "2", "--idle-timeout",
                 "60"], T, "slow")
    try:
        s = socket.create_connection(("127.0.0.1", s1.port), timeout=2)
        head = b"GET /api/search?q=kafka HTTP/1.1\r\nHost: 127.0.0.1\r\n" + \
            b"X-Slow: " + b"z" * 100
        t0 = time.monotonic()
        cut = None
        for i in range(len(head)):
            if time.monotonic() - t0 > 12:
                break
            try:
                s.send(head[i:i + 1])
                r, _, _ = select.select([s], [], [], 0.5)
                if r and s.recv(4096) == b"":
                    cut = time.monotonic() - t0
                    break
            except (ConnectionResetError, BrokenPipeError):
                cut = time.monotonic() - t0
                break
        s.close()
        check("slow client cut off after --header-timeout 2",
              cut is not None and 1.5 <= cut <= 5,
              "cut after %s s" % cut)
        # a whole head, then a form dribbled: the same deadline
        s = socket.create_connection(("127.0.0.1", s1.port), timeout=2)
        s.sendall(b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                  b"application/x-www-form-urlencoded\r\n"
                  b"Content-Length: 400\r\n\r\n")
        t0 = time.monotonic()
        cut = None
        for i in range(24):
            try:
                s.send(b"u")
                r, _, _ = select.select([s], [], [], 0.5)
                if r and s.recv(4096) == b"":
                    cut = time.monotonic() - t0
                    break
            except (ConnectionResetError, BrokenPipeError):
                cut = time.monotonic() - t0
                break
        s.close()
        check("slow form cut off after --header-timeout 2",
              cut is not None and 1.5 <= cut <= 5, "cut after %s s" % cut)
        a = http(s1.port, "/api/search?q=kafka")
        check("served after a slow client", a.status == 200,
              "got %d" % a.status)
    finally:
        s1.stop()
    # a silent one: cut off after --idle-timeout (head deadline far)
    s2 = Server(["--db", "db", "--header-timeout", "60", "--idle-timeout",
                 "2"], T, "idle")
    try:
        s = socket.create_connection(("127.0.0.1", s2.port), timeout=10)
        t0 = time.monotonic()
        try:
            got = s.recv(10)
        except (ConnectionResetError, socket.timeout):
            got = b""
        cut = time.monotonic() - t0
        s.close()
        check("silent client cut off after --idle-timeout 2",
              got == b"" and 1.5 <= cut <= 5, "cut after %.1f s" % cut)
    finally:
        s2.stop()


def many_idle(T):
    """1,000 idle connections do not starve a new request."""
    raise_nofile()
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 1200:
        print("SKIP: 1,000 idle connections: this machine's hard "
              "RLIMIT_NOFILE is %d (under 1,200)" % soft)
        return
    srv = Server(["--db", "db", "--max-connections", "1500",
                  "--max-per-address", "100", "--threads", "2",
                  "--header-timeout", "60", "--idle-timeout", "60"], T,
                 "many")
    socks = []
    try:
        for i in range(1000):
            src = "127.0.0.%d" % (10 + i // 50)  # 50 from each address
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.settimeout(5)
            s.bind((src, 0))
            s.connect(("127.0.0.1", srv.port))
            socks.append(s)
        time.sleep(0.5)
        t0 = time.monotonic()
        a = http(srv.port, "/api/search?q=kafka", timeout=5)
        dt = time.monotonic() - t0
        check("1,000 idle connections: a new request answered in < 1 s",
              a.status == 200 and dt < 1.0, "status %d in %.2f s" %
              (a.status, dt))
        # the idle ones are still connected and can still ask
        s = socks[-1]
        s.sendall(b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
                  b"Connection: close\r\n\r\n" % srv.port)
        got = b""
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            chunk = s.recv(65536)
            if not chunk:
                break
            got += chunk
        check("an idle connection is still served", got.startswith(
            b"HTTP/1.1 200"), short(got))
    finally:
        for s in socks:
            s.close()
        srv.stop()


def sigterm_under_load(T):
    audit = os.path.join(T, "term-audit.log")
    srv = Server(["--db", "db", "--threads", "2", "--audit", audit], T,
                 "term")
    stop = threading.Event()
    outcomes = []
    lock = threading.Lock()

    def client(n):
        for i in range(400):
            if stop.is_set():
                return
            path = ("/api/search?q=kafka&limit=20" if i % 3 else
                    "/api/similar/3" if n % 2 else "/?q=kafka")
            try:
                a = http(srv.port, path, timeout=10)
                whole = (a.json() is not None if path.startswith("/api")
                         else a.body.rstrip().endswith(b"</html>"))
                r = ("ok" if a.status == 200 and whole else
                     "drain" if a.status == 503 and whole else
                     "bad %d %s" % (a.status, short(a.text(), 80)))
            except (ConnectionRefusedError, ConnectionResetError,
                    httpc.RemoteDisconnected, BrokenPipeError):
                r = "refused"
            except httpc.IncompleteRead as e:
                r = "half: %r" % e
            except Exception as e:
                r = "error: %r" % e
            with lock:
                outcomes.append(r)
            if r == "refused":
                return

    threads = [threading.Thread(target=client, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    rc, secs = srv.stop(wait=8)
    stop.set()
    for t in threads:
        t.join(15)
    oks = outcomes.count("ok")
    print("   SIGTERM under load: %d whole answers, %d 503 while draining, "
          "%d refused after" % (oks, outcomes.count("drain"),
                                outcomes.count("refused")))
    bad = [o for o in outcomes if o not in ("ok", "drain", "refused")]
    check("SIGTERM under load: every answer whole", not bad and oks > 5,
          "%d ok, bad: %s" % (oks, short(bad[:5])))
    check("SIGTERM under load: exit 0 within a few seconds",
          rc == 0 and secs < 6, "exit %s after %.1f s; %s" %
          (rc, secs, short(srv.stderr())))
    with open(audit, encoding="utf-8") as f:
        lines = f.read().split("\n")
    check("SIGTERM: the audit log ends with a whole line", lines[-1] == "",
          short(lines[-1]))
    parsed = [json.loads(x) for x in lines if x]
    check("SIGTERM: audit lines are whole JSON",
          len(parsed) >= oks, "%d lines, %d ok answers" % (len(parsed), oks))


def audit_and_hup(T, port, srv, audit):
    time.sleep(0.2)
    with open(audit, encoding="utf-8") as f:
        lines = [x for x in f.read().split("\n") if x]
    try:
        entries = [json.loads(x) for x in lines]
    except ValueError as e:
        check("audit lines are JSON", False, str(e))
        return
    keys = ("time", "user", "address", "endpoint", "query", "filters",
            "hits", "status", "ms")
    check("audit: one JSON line per request, with %s" % ", ".join(keys),
          len(entries) > 20 and all(all(k in e for k in keys)
                                    for e in entries),
          short([e for e in entries if not all(k in e for k in keys)][:1]))
    a = http(port, q("/api/search", q="kafka 丢失", verdict="pass"))
    time.sleep(0.2)
    with open(audit, encoding="utf-8") as f:
        last = json.loads(f.read().strip().split("\n")[-1])
    want = (a.json() or {}).get("total")
    check("audit: the search's line", last.get("endpoint") ==
          "/api/search" and last.get("query") == "kafka 丢失" and
          "pass" in json.dumps(last.get("filters")) and
          last.get("hits") == want and last.get("status") == 200 and
          last.get("address") == "127.0.0.1" and
          isinstance(last.get("ms"), (int, float)), short(last))
    # rename the log, HUP, the next line goes to a new file
    moved = audit + ".1"
    os.rename(audit, moved)
    size = os.path.getsize(moved)
    os.kill(srv.proc.pid, signal.SIGHUP)
    deadline = time.monotonic() + 5
    while not os.path.exists(audit) and time.monotonic() < deadline:
        time.sleep(0.05)
    http(port, "/api/stats")
    time.sleep(0.3)
    new = open(audit, encoding="utf-8").read() if os.path.exists(audit) \
        else ""
    check("SIGHUP reopens the audit log", '"/api/stats"' in new and
          os.path.getsize(moved) == size, "new file %r, old grew %d -> %d" %
          (short(new), size, os.path.getsize(moved)))
    check("audit file is 0600", os.path.exists(audit) and
          (os.stat(audit).st_mode & 0o777) == 0o600,
          oct(os.stat(audit).st_mode) if os.path.exists(audit) else "none")


# ---- live data ------------------------------------------------------------------


def live(T):
    db = os.path.join(T, "live", "db")
    notes = os.path.join(T, "live", "notes")
    index(T, db, notes)
    srv = Server(["--db", db], T, "live")
    p = srv.port
    try:
        j = http(p, "/api/search?q=livefirst").json() or {}
        before = sorted(h["id"] for h in j.get("hits", []))
        check("live: two interviews at start", len(before) == 2, short(j))
        check("live: the new word not there yet",
              (http(p, "/api/search?q=livesecond").json() or {})
              .get("total") == 0)
        write(os.path.join(notes, "two.md"), "# 新\n\n" + interview(
            "丁一 后端", "中间件", "1. Kafka livesecond livefirst", "不通过。"))
        index(T, db, notes)
        a = http(p, "/api/interview/999999")
        check("live: a 404 does not show the server's folders",
              a.status == 404 and T not in a.text(), a.text())
        j = http(p, "/api/search?q=livesecond").json() or {}
        check("live: a file added by ivindex is found without a restart",
              j.get("total") == 1, short(j))
        j = http(p, "/api/search?q=livefirst").json() or {}
        ids3 = sorted(h["id"] for h in j.get("hits", []))
        r = run([IVINDEX, "--db", db, "--quiet", "--reindex", notes], T,
                timeout=120)
        check("live: ivindex --reindex", r.returncode == 0,
              r.stderr.decode())
        j = http(p, "/api/search?q=livefirst").json() or {}
        check("live: after --reindex still answering, same ids",
              sorted(h["id"] for h in j.get("hits", [])) == ids3 and
              len(ids3) == 3, "%s vs %s" % (ids3, short(j)))
        j = http(p, "/api/search?q=livesecond").json() or {}
        check("live: after --reindex the new file still found",
              j.get("total") == 1, short(j))
        away = db + ".away"
        os.rename(db, away)
        a = http(p, "/api/search?q=livefirst")
        check_json_error("live: database moved away -> 503", a, 503)
        check("live: the 503 says what is wrong",
              "database" in ((a.json() or {}).get("error") or ""),
              a.text())
        check("live: the 503 does not show the server's folders",
              T not in a.text() and "/live/" not in a.text(), a.text())
        a = http(p, "/?q=livefirst")
        check("live: page -> 503 too", a.status == 503, "got %d" % a.status)
        os.rename(away, db)
        a = http(p, "/api/search?q=livefirst")
        check("live: moved back -> 200 again", a.status == 200 and
              (a.json() or {}).get("total") == 3, "%d %s" %
              (a.status, short(a.text())))
        # a rebuilt database swapped in may start its revisions over: the
        # answers kept for the old one must not be served for it
        os.remove(os.path.join(notes, "two.md"))
        r = run([IVINDEX, "--db", db, "--quiet", "--reindex", notes], T,
                timeout=120)
        j = http(p, "/api/search?q=livesecond").json() or {}
        check("live: a file dropped by --reindex is gone from the answer "
              "asked before", r.returncode == 0 and j.get("total") == 0,
              short(j))
    finally:
        srv.stop()


def answer_cache(T):
    """Repeated requests are answered from the cache: the same bytes as
    afresh, logged with their hits, another parameter another answer."""
    audit = os.path.join(T, "cache-audit.log")
    cached = Server(["--db", "db", "--audit", audit], T, "cache")
    fresh = Server(["--db", "db", "--cache-mb", "0"], T, "nocache")
    try:
        paths = [q("/api/search", q="kafka 丢失", limit="5"),
                 q("/api/search", q="kafka 丢失", limit="2"),
                 q("/api/search", q="kafka", verdict="pass"),
                 "/api/similar/4", "/api/stats", "/api/topics",
                 q("/", q="golang gc"), "/interview/4", "/overview"]
        first = [http(cached.port, x) for x in paths]
        again = [http(cached.port, x) for x in paths]
        alone = [http(fresh.port, x) for x in paths]
        same = [a.status == 200 and a.text() == b.text() == c.text()
                for a, b, c in zip(first, again, alone)]
        check("cache: a repeated request gets the same answer as the first "
              "and as a server without a cache",
              all(same), str([x for x, ok in zip(paths, same) if not ok]))
        check("cache: another parameter is another answer (limit 5 / 2)",
              len((first[0].json() or {}).get("hits", [])) == 5 and
              len((first[1].json() or {}).get("hits", [])) == 2,
              short(first[1].text()))
        time.sleep(0.2)
        with open(audit, encoding="utf-8") as f:
            lines = [json.loads(x) for x in f.read().split("\n") if x]
        searches = [e for e in lines if e.get("query") == "kafka 丢失" and
                    e.get("endpoint") == "/api/search"]
        want = (first[0].json() or {}).get("total")
        check("cache: every request is in the audit log, an answer from "
              "the cache with its query and hits",
              len(lines) == 2 * len(paths) and len(searches) == 4 and
              all(e.get("hits") == want for e in searches[::2]),
              short(searches))
    finally:
        cached.stop()
        fresh.stop()
    m = re.search(r"answer cache: (\d+) hits, (\d+) misses",
                  cached.stderr())
    check("cache: the repeated requests were answered from it",
          m and int(m.group(1)) == len(paths) and
          int(m.group(2)) == len(paths), cached.stderr()[-300:])


def refusals(T, users):
    r = run([IVSERVE, "--db", "db", "--listen", "0.0.0.0:0"], T, timeout=20)
    err = r.stderr.decode()
    check("non-loopback without --users: exit 2 with a message",
          r.returncode == 2 and "--users" in err and
          len(err.strip().split("\n")) == 1, "exit %d %r" %
          (r.returncode, err))
    r = run([IVSERVE, "--db", "db", "--listen", "[::]:0"], T, timeout=20)
    check("IPv6 any without --users: exit 2", r.returncode == 2,
          "exit %d" % r.returncode)
    r = run([IVSERVE, "--db", "nodb", "--listen", "127.0.0.1:0"], T,
            timeout=20)
    check("missing database: exit 2 with a message", r.returncode == 2 and
          r.stderr.decode().startswith("ivserve: "), r.stderr.decode())
    r = run([IVSERVE, "--add-user", "x", "--users",
             os.path.join(T, "users2")], T, stdin=b"", timeout=20)
    check("--add-user without a password: exit 2", r.returncode == 2,
          "exit %d" % r.returncode)
    check("users file is 0600", (os.stat(users).st_mode & 0o777) == 0o600,
          oct(os.stat(users).st_mode))
    text = open(users, encoding="utf-8").read()
    check("users file keeps no password", "admin pass 1" not in text and
          "$argon2id$" in text, short(text))


def main():
    T = tempfile.mkdtemp(prefix="serve-test-")
    t_start = time.monotonic()
    try:
        make_fixtures(T)
        index(T, os.path.join(T, "db"), "ex", "hostile")
        index(T, os.path.join(T, "scopedb"), os.path.join(T, "team"))
        index(T, os.path.join(T, "adb"), os.path.join(T, "team", "A"))
        users = os.path.join(T, "users")
        for name, pw, sc in (("admin", "admin pass 1", ()),
                             ("alice", "alice pass",
                              (os.path.join(T, "team", "A"),)),
                             ("carol", "carol pass", ())):
            r = add_user(T, users, name, pw, sc)
            if not check("--add-user %s (password from stdin)" % name,
                         r.returncode == 0, r.stderr.decode()):
                return 1
        audit = os.path.join(T, "audit.log")
        srv = Server(["--db", "db", "--audit", audit, "--threads", "2"], T,
                     "main")
        check("start line names the address",
              srv.first_line.startswith("ivserve: serving ") and
              srv.first_line.endswith("http://127.0.0.1:%d/" % srv.port),
              srv.first_line)
        themes = (("endpoints", lambda: endpoints(T, srv.port)),
                  ("parity", lambda: parity(T, srv.port)),
                  ("hostile", lambda: hostile(T, srv.port)),
                  ("limits", lambda: limits(T, srv.port)),
                  ("audit", lambda: audit_and_hup(T, srv.port, srv, audit)),
                  ("refusals", lambda: refusals(T, users)),
                  ("accounts", lambda: accounts(T, users)),
                  ("tls", lambda: tls(T, users)),
                  ("live", lambda: live(T)),
                  ("cache", lambda: answer_cache(T)),
                  ("slow", lambda: slow_clients(T)),
                  ("many", lambda: many_idle(T)),
                  ("sigterm", lambda: sigterm_under_load(T)))
        only = os.environ.get("SERVE_TEST_ONLY", "").split(",")
        for name, fn in themes:
            if only != [""] and name not in only:
                continue
            t0 = time.monotonic()
            try:
                fn()
            except Exception as e:
                import traceback
                traceback.print_exc()
                check("%s ran to the end" % name, False, repr(e))
            print("-- %s: %.1f s" % (name, time.monotonic() - t0),
                  flush=True)
        rc, _ = srv.stop()
        check("main server exits 0 on SIGTERM", rc == 0, "exit %s" % rc)
    finally:
        stop_all()
        errs = "".join(s.stderr() for s in SERVERS)
        if failed and errs:
            print("server stderr:\n" + short(errs, 3000))
        shutil.rmtree(T, ignore_errors=True)
    print("serve_test: %d passed, %d failed (%.0f s)" %
          (serve_harness.passed, len(failed), time.monotonic() - t_start))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
