#!/usr/bin/env python3
"""tests/serve_test.py's accounts themes: login, logout, sessions and
their expiry, the failed-login limit, SIGHUP reloading the users, scopes
(a user of folder A never sees, counts or gets suggested B), TLS."""
import json
import os
import shutil
import signal
import subprocess
import time
import urllib.parse

from serve_harness import *  # noqa: F401,F403 (the shared harness)


def login(port, user, password, source=None, tls=False, headers=None):
    body = urllib.parse.urlencode({"user": user, "password": password,
                                   "next": "/overview"})
    a = http(port, "/login", method="POST", body=body, source=source,
             tls=tls, headers=headers)
    cookie = a.header("set-cookie") or ""
    token = None
    if cookie.startswith("ivs_session=") and a.status == 303:
        token = cookie.split(";", 1)[0].split("=", 1)[1]
    return a, token


def accounts(T, users):
    audit = os.path.join(T, "accounts-audit.log")
    srv = Server(["--db", "scopedb", "--users", users, "--audit", audit], T,
                 "accounts")
    p = srv.port
    try:
        a = http(p, "/")
        check_headers("redirect to /login", a)
        check_headers("401 answer", http(p, "/api/stats"))
        check("no session: page redirects to /login",
              a.status == 303 and (a.header("location") or "")
              .startswith("/login"), "%d %s" % (a.status,
                                                a.header("location")))
        a = http(p, q("/interview/2", q="x"))
        check("no session: the redirect keeps where to go next",
              "next=%2Finterview%2F2" in (a.header("location") or ""),
              str(a.header("location")))
        for path in ("/api/search?q=kafka", "/api/stats", "/api/topics",
                     "/api/interview/1", "/api/similar/1"):
            check_json_error("no session: %s -> 401" % path,
                             http(p, path), 401)
        a = http(p, "/login")
        check("login page is open", a.status == 200 and b"password" in
              a.body, "got %d" % a.status)
        check_headers("login page", a)
        a = http(p, "/login", method="POST", body="user=admin&password=" +
                 "x" * 5000)
        check("login form over 4 KB: 413", a.status == 413,
              "got %d" % a.status)
        a, tok = login(p, "admin", "wrong password")
        check("wrong password: 401, no cookie", a.status == 401 and not tok,
              "got %d %s" % (a.status, a.header("set-cookie")))
        a, tok = login(p, "nobody", "whatever")
        check("unknown user: 401", a.status == 401 and not tok,
              "got %d" % a.status)
        a, tok = login(p, "admin", "admin pass 1", headers={
            "Origin": "http://evil.example"})
        check("login from another origin: 403", a.status == 403 and not tok,
              "got %d" % a.status)
        a, tok = login(p, "admin", "admin pass 1", headers={
            "Sec-Fetch-Site": "cross-site"})
        check("login from a cross-site form: 403", a.status == 403 and
              not tok, "got %d" % a.status)
        # behind a TLS proxy: the browser's origin is https://public.name,
        # the Host ivserve sees may be the proxy's 127.0.0.1:PORT
        a, tok = login(p, "admin", "admin pass 1", headers={
            "Sec-Fetch-Site": "same-origin",
            "Origin": "https://notes.example.com"})
        check("login through a TLS proxy (Sec-Fetch-Site same-origin)",
              a.status == 303 and tok, "got %d" % a.status)
        a, tok = login(p, "admin", "admin pass 1", headers={
            "Origin": "https://127.0.0.1:%d" % p})
        check("login through a TLS proxy keeping Host (Origin https)",
              a.status == 303 and tok, "got %d" % a.status)
        a, tok = login(p, "admin", "admin pass 1")
        cookie = a.header("set-cookie") or ""
        check("login: 303 to next, with a session cookie",
              a.status == 303 and tok and len(tok) >= 43 and
              a.header("location") == "/overview", "%d %s %s" %
              (a.status, a.header("location"), cookie))
        check("cookie flags: HttpOnly, SameSite=Strict, Path=/",
              "HttpOnly" in cookie and "SameSite=Strict" in cookie and
              "Path=/" in cookie, cookie)
        check("cookie not Secure over plain HTTP", "Secure" not in cookie,
              cookie)
        # after login, only a path of this server: a browser drops tabs
        # and newlines from a URL, so "/<tab>/evil" would be "//evil"
        for nxt in ("//evil.example/", "/\\evil.example/", "/\t/evil.example/",
                    "/\n/evil.example/", " //evil.example/",
                    "https://evil.example/", "/%09/evil.example/",
                    "javascript:alert(1)"):
            body = urllib.parse.urlencode({"user": "admin", "password":
                                           "admin pass 1", "next": nxt})
            a = http(p, "/login", method="POST", body=body)
            loc = a.header("location") or ""
            seen = "".join(c for c in loc if c not in "\t\r\n")
            check("login next=%r stays on this server" % nxt,
                  a.status == 303 and seen.startswith("/") and
                  not seen.startswith(("//", "/\\")) and
                  all(32 < ord(c) < 127 for c in loc), repr(loc))
        a = http(p, "/api/stats", cookie=tok)
        check("session opens the API", a.status == 200, "got %d" % a.status)
        a = http(p, "/", cookie=tok)
        check("session opens the pages", a.status == 200 and b"admin" in
              a.body, "got %d" % a.status)
        # another token for sure (tokens are hex, read in either case)
        forged = tok[:-1] + ("0" if tok[-1].lower() != "0" else "1")
        a = http(p, "/api/stats", cookie=forged)
        check("a forged token -> 401", a.status == 401, "got %d" % a.status)
        a = http(p, "/logout", method="POST", body="", cookie=tok)
        check("logout: 303 to /login, cookie cleared",
              a.status == 303 and a.header("location") == "/login" and
              "Max-Age=0" in (a.header("set-cookie") or ""),
              "%d %s %s" % (a.status, a.header("location"),
                            a.header("set-cookie")))
        a = http(p, "/api/stats", cookie=tok)
        check("logout ends the session", a.status == 401, "got %d" %
              a.status)
        # failed logins limited, from their own address
        statuses = []
        for i in range(7):
            a, _ = login(p, "carol", "bad %d" % i, source="127.0.0.7")
            statuses.append(a.status)
        a, tok = login(p, "carol", "carol pass", source="127.0.0.7")
        check("failed logins limited: 401s then 429",
              statuses[:5] == [401] * 5 and statuses[5:] == [429, 429] and
              a.status == 429 and not tok, "%s then %d" % (statuses,
                                                            a.status))
        ra = a.header("retry-after") or ""
        check("429 has Retry-After", ra.isdigit() and int(ra) >= 1,
              repr(ra))
        a, tok = login(p, "admin", "admin pass 1")
        check("another user from another address still logs in",
              a.status == 303 and tok, "got %d" % a.status)
        # SIGHUP reloads the users file
        a, tok = login(p, "dave", "dave pass")
        check("dave cannot log in before he is added", a.status == 401,
              "got %d" % a.status)
        r = add_user(T, users, "dave", "dave pass")
        check("--add-user dave", r.returncode == 0, r.stderr.decode())
        os.kill(srv.proc.pid, signal.SIGHUP)
        tok = None
        deadline = time.monotonic() + 5
        while not tok and time.monotonic() < deadline:
            time.sleep(0.2)
            a, tok = login(p, "dave", "dave pass")
        check("SIGHUP reloads the users file: dave logs in", tok,
              "got %d" % a.status)
        # a users file broken meanwhile: the server keeps the users it had
        with open(users, encoding="utf-8") as f:
            good = f.read()
        with open(users, "w", encoding="utf-8") as f:
            f.write("this is not a users file\n")
        os.kill(srv.proc.pid, signal.SIGHUP)
        time.sleep(0.5)
        a, tok = login(p, "dave", "dave pass")
        check("SIGHUP with a broken users file keeps the users loaded",
              srv.proc.poll() is None and a.status == 303 and tok,
              "got %d; %s" % (a.status, srv.stderr()[-300:]))
        check("the broken users file is reported on stderr",
              "kept the users loaded before" in srv.stderr(),
              srv.stderr()[-300:])
        with open(users, "w", encoding="utf-8") as f:
            f.write(good)
        os.kill(srv.proc.pid, signal.SIGHUP)
        time.sleep(0.3)
        scopes(T, p)
        who_looked(audit)
    finally:
        srv.stop()
    # idle sessions expire
    srv = Server(["--db", "scopedb", "--users", users, "--session-idle",
                  "2"], T, "expiry")
    try:
        a, tok = login(srv.port, "admin", "admin pass 1")
        # used every 0.7 s for 3.5 s (longer than --session-idle: the
        # session's clock counts whole seconds), then left alone 3.5 s
        used = []
        for i in range(6):
            used.append(http(srv.port, "/api/stats", cookie=tok).status)
            time.sleep(0.7)
        time.sleep(3.5)
        gone = http(srv.port, "/api/stats", cookie=tok).status
        page = http(srv.port, "/", cookie=tok)
        check("--session-idle 2: a used session lives on",
              used == [200] * 6, str(used))
        check("--session-idle 2: an idle session expires (401, page 303)",
              (gone, page.status) == (401, 303), str((gone, page.status)))
    finally:
        srv.stop()


def who_looked(audit):
    """The audit log says who looked at what, and who failed to log in."""
    time.sleep(0.2)
    with open(audit, encoding="utf-8") as f:
        lines = [json.loads(x) for x in f.read().split("\n") if x]
    alice = [e for e in lines if e.get("user") == "alice" and
             e.get("endpoint") == "/api/search" and e.get("status") == 200]
    check("audit: alice's searches under her name, with query and hits",
          alice and all(isinstance(e.get("hits"), int) and
                        e.get("query") is not None for e in alice),
          short(alice[:2]))
    failed_login = [e for e in lines if e.get("endpoint") == "/login" and
                    e.get("status") == 401 and e.get("user") == "admin"]
    check("audit: a failed login is logged with the name tried",
          failed_login, short([e for e in lines
                               if e.get("endpoint") == "/login"][:3]))
    check("audit: no password in the log", not any(
        "pass 1" in json.dumps(e) or "wrong password" in json.dumps(e)
        for e in lines), "")
    anon = [e for e in lines if e.get("status") == 401 and
            e.get("endpoint") == "/api/stats" and e.get("user") is None]
    check("audit: refused requests logged without a user", anon,
          short(lines[:3]))


def all_of(port, tok, path="/api/search", **params):
    params.setdefault("limit", "100")
    return http(port, q(path, **params), cookie=tok).json() or {}


def scopes(T, p):
    """alice sees folder A only; admin sees A and B."""
    A = os.path.join(T, "team", "A")
    _, admin = login(p, "admin", "admin pass 1")
    _, alice = login(p, "alice", "alice pass")
    if not check("alice and admin log in", admin and alice):
        return
    every = ["pass", "fail", "pending", "unknown"]
    full = all_of(p, admin, verdict=every)
    a_ids = {h["id"] for h in full.get("hits", [])
             if h["source"].startswith(("team/A/", A + "/"))}
    b_ids = {h["id"] for h in full.get("hits", [])} - a_ids
    check("admin sees both folders (3 + 3)", len(a_ids) == 3 and
          len(b_ids) == 3, short(full))
    mine = all_of(p, alice, verdict=every)
    check("scoped listing by filter alone: A only",
          {h["id"] for h in mine.get("hits", [])} == a_ids and
          mine.get("total") == 3, short(mine))
    for word, want in (("kafka", 3), ("消息队列", 1), ("alphaonly", 3)):
        j = all_of(p, alice, q=word)
        got = {h["id"] for h in j.get("hits", [])}
        facets = j.get("facets", {})
        vsum = sum(facets.get("verdict", {}).values())
        check("scoped search %s: %d hits from A, facets count A only" %
              (word, want), got <= a_ids and j.get("total") == want and
              vsum == want, short(j))
        r = subprocess.run([IVSEARCH, "--db", "adb", "--json", "--limit",
                            "100", word], cwd=T, capture_output=True,
                           timeout=30)
        alone = json.loads(r.stdout.decode() or "{}")
        check("scoped search %s: total and facets as ivsearch on A alone" %
              word, (j.get("total"), j.get("facets")) ==
              (alone.get("total"), alone.get("facets")),
              "alice %s\n      A alone %s" % (short(j.get("facets")),
                                               short(alone.get("facets"))))
    j = all_of(p, admin, q="kafka")
    check("control: admin's kafka search counts 6", j.get("total") == 6,
          short(j))
    for word in ("prometheus", "elasticsearch", "grafana"):
        j = all_of(p, alice, q=word)
        check("scoped search %s (B only): nothing, no suggestion" % word,
              j.get("total") == 0 and j.get("partial_total", 0) == 0 and
              not j.get("hits") and not j.get("did_you_mean"), short(j))
    j = all_of(p, admin, q="promethues")
    check("control: admin gets a suggestion for promethues",
          "prometheus" in json.dumps(j.get("did_you_mean")), short(j))
    j = all_of(p, alice, q="promethues")
    check("scoped: no suggestion from B for promethues",
          "prometheus" not in json.dumps(j) and not j.get("hits"), short(j))
    page = http(p, q("/", q="promethues"), cookie=alice).text()
    check("scoped page: no did-you-mean from B", "prometheus" not in page,
          short(page[page.find("mean") - 50:][:200]))
    page = http(p, q("/", q="kafka"), cookie=alice).text()
    check("scoped page: no B titles", "乙" not in page and "甲一" in page,
          "")
    st = http(p, "/api/stats", cookie=alice).json() or {}
    st_admin = http(p, "/api/stats", cookie=admin).json() or {}
    check("scoped /api/stats counts A only", st.get("interviews") == 3 and
          st_admin.get("interviews") == 6,
          "alice %s admin %s" % (short(st), short(st_admin)))
    check("scoped /api/stats verdicts count A only",
          json.dumps(st).count("pass") >= 1 and
          sum(v for v in (st.get("verdicts") or {}).values()
              if isinstance(v, int)) in (0, 3), short(st))
    tp = http(p, "/api/topics", cookie=alice).text()
    tpa = http(p, "/api/topics", cookie=admin).text()
    r = subprocess.run([IVSEARCH, "--db", "adb", "--topics", "--json"],
                       cwd=T, capture_output=True, timeout=30)
    want = json.loads(r.stdout.decode() or "{}")
    got = json.loads(tp or "{}")
    want.pop("db", None)
    got.pop("db", None)
    check("scoped /api/topics equals ivsearch --topics on A alone",
          got == want and tp != tpa, "alice %s\n      A alone %s" %
          (short(got), short(want)))
    r = subprocess.run([IVSEARCH, "--db", "adb", "--stats", "--json"],
                       cwd=T, capture_output=True, timeout=30)
    want = json.loads(r.stdout.decode() or "{}")
    for d in (want, st):
        d.pop("db", None)
    check("scoped /api/stats equals ivsearch --stats on A alone",
          st == want, "alice %s\n      A alone %s" % (short(st), short(want)))
    for b in sorted(b_ids):
        for path in ("/api/interview/%d" % b, "/api/similar/%d" % b):
            check_json_error("scoped %s of B -> 404" % path,
                             http(p, path, cookie=alice), 404)
        a = http(p, "/interview/%d" % b, cookie=alice)
        check("scoped page /interview/%d of B -> 404" % b, a.status == 404
              and "乙" not in a.text(), "got %d" % a.status)
        check("control: admin reads B's %d" % b, http(
            p, "/api/interview/%d" % b, cookie=admin).status == 200)
    for i in sorted(a_ids):
        j = all_of(p, alice, "/api/similar/%d" % i)
        got = {h["id"] for h in j.get("hits", [])}
        check("scoped similar of %d: A only" % i, got and got <= a_ids and
              j.get("total", 99) <= 2, short(j))
        page = http(p, "/interview/%d" % i, cookie=alice).text()
        check("scoped interview page %d: no B similar" % i, "乙" not in page
              and "甲" in page, "")
    ov = http(p, "/overview", cookie=alice).text()
    check("scoped overview: no B", "乙" not in ov, "")


def tls(T, users):
    if not shutil.which("openssl"):
        print("SKIP: TLS checks (openssl is not installed)")
        return
    cert, key = os.path.join(T, "cert.pem"), os.path.join(T, "key.pem")
    r = run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
             "-keyout", key, "-out", cert, "-days", "2", "-subj",
             "/CN=127.0.0.1"], T)
    if not check("openssl makes a certificate", r.returncode == 0,
                 r.stderr.decode()):
        return
    srv = Server(["--db", "scopedb", "--users", users, "--tls-cert", cert,
                  "--tls-key", key], T, "tls")
    try:
        check("TLS: the start line says https",
              srv.first_line.startswith("ivserve: serving") and
              "https://127.0.0.1:" in srv.first_line, srv.first_line)
        a = http(srv.port, "/login", tls=True)
        check("TLS: https answers", a.status == 200, "got %d" % a.status)
        check("TLS: HSTS", "max-age" in (a.header(
            "strict-transport-security") or ""), str(a.headers))
        a, tok = login(srv.port, "admin", "admin pass 1", tls=True)
        cookie = a.header("set-cookie") or ""
        check("TLS: cookie Secure, HttpOnly, SameSite=Strict",
              tok and "Secure" in cookie and "HttpOnly" in cookie and
              "SameSite=Strict" in cookie, cookie)
        a = http(srv.port, "/api/stats", cookie=tok, tls=True)
        check("TLS: session works", a.status == 200, "got %d" % a.status)
        status, _ = raw(srv.port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                        timeout=3)
        check("TLS: plain HTTP gets no page", status != 200, str(status))
    finally:
        srv.stop()
