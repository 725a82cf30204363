#!/usr/bin/env python3
"""ivserve against the findings of its security review, each a check that
failed before its fix: Host names (DNS rebinding), --public-url behind a
proxy (origin, Secure cookie, X-Real-IP), the login's next, bodies only on
login forms, a new password ending sessions, folders named "team!", the
database path kept out of messages, many unknown words in one query.

Usage: serve_hardening.py IVINDEX IVSEARCH IVSERVE EXAMPLES_DIR"""
import json
import os
import shutil
import signal
import sys
import tempfile
import time
import urllib.parse

import serve_harness
from serve_harness import (Server, add_user, check, http, index, raw, short,
                           stop_all, write)


def login(port, user, password, headers=None, nxt="/"):
    body = urllib.parse.urlencode({"user": user, "password": password,
                                   "next": nxt})
    h = {"Origin": "http://127.0.0.1:%d" % port}
    h.update(headers or {})
    a = http(port, "/login", method="POST", body=body, headers=h)
    cookie = a.header("set-cookie") or ""
    token = cookie.split(";")[0].split("=", 1)[1] if "=" in cookie else ""
    return a, token, cookie


def host_names(srv):
    port = srv.port
    for host in ("127.0.0.1:%d" % port, "localhost:%d" % port,
                 "LOCALHOST:%d" % port, "127.0.0.1", "[::1]:%d" % port,
                 "10.1.2.3:80"):
        a = http(port, "/api/stats", headers={"Host": host})
        check("Host %s is answered" % host, a.status == 200,
              "got %d" % a.status)
    for host in ("attacker.example:%d" % port, "attacker.example",
                 "localhost.attacker.example", "127.0.0.1.nip.io:%d" % port,
                 "[::1", ""):
        a = http(port, "/api/search?q=kafka", headers={"Host": host})
        check("Host %r is refused with 421 (DNS rebinding)" % host,
              a.status == 421 and b"kafka" not in a.body,
              "got %d %s" % (a.status, short(a.text())))
    status, _ = raw(port, b"GET /api/stats HTTP/1.0\r\n\r\n")
    check("a request without Host is refused", status == 421,
          "got %s" % status)


def bodies(srv):
    a = http(srv.port, "/api/search?q=kafka", body="x" * 100)
    check("a GET with a body is refused (413)", a.status == 413,
          "got %d" % a.status)
    status, _ = raw(srv.port, b"POST /login HTTP/1.1\r\nHost: x\r\n"
                    b"Content-Type: application/x-www-form-urlencoded\r\n"
                    b"Content-Length: 100000\r\n\r\nuser=a")
    check("a login form announced larger than 4 KiB is refused at once",
          status == 413, "got %s" % status)


def messages(srv, db):
    a = http(srv.port, "/api/interview/999999")
    check("a 404 does not name the database's path",
          a.status == 404 and db.encode() not in a.body,
          short(a.text()))


def many_words(srv):
    words = " ".join("zq%03dx" % i for i in range(130))
    t0 = time.monotonic()
    a = http(srv.port, "/api/search?" + urllib.parse.urlencode({"q": words}),
             timeout=30)
    dt = time.monotonic() - t0
    check("130 unknown words are answered, not spelled one by one",
          a.status == 200 and dt < 5, "status %d in %.1f s" % (a.status, dt))


def accounts(T, users, db):
    srv = Server(["--db", db, "--users", users, "--threads", "2"], T,
                 "accounts")
    try:
        a, token, cookie = login(srv.port, "dora", "dora pass 1",
                                 nxt="/\t/evil.example/x")
        check("login works", a.status == 303 and token, short(a.text()))
        check("a next holding a tab goes to / (open redirect)",
              a.header("location") == "/", "Location %r" %
              a.header("location"))
        a, _, _ = login(srv.port, "dora", "dora pass 1",
                        nxt="//evil.example/x")
        check("a next of //host goes to /", a.header("location") == "/",
              "Location %r" % a.header("location"))
        a, _, _ = login(srv.port, "dora", "dora pass 1",
                        nxt="/?q=kafka&verdict=pass")
        check("a next of our own goes there",
              a.header("location") == "/?q=kafka&verdict=pass",
              "Location %r" % a.header("location"))
        check("a session answers",
              http(srv.port, "/api/stats", cookie=token).status == 200)
        r = add_user(T, users, "dora", "a new password")
        check("--add-user gives dora a new password", r.returncode == 0,
              r.stderr.decode())
        srv.proc.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 5
        status = 200
        while time.monotonic() < deadline and status == 200:
            time.sleep(0.1)
            status = http(srv.port, "/api/stats", cookie=token).status
        check("after a new password and SIGHUP the old session is over",
              status == 401, "got %d" % status)
    finally:
        srv.stop()


def public_url(T, users, db):
    srv = Server(["--db", db, "--users", users, "--threads", "2",
                  "--public-url", "https://notes.example.com",
                  "--audit", os.path.join(T, "pub.log")], T, "public")
    try:
        host = {"Host": "notes.example.com"}
        a = http(srv.port, "/api/stats", headers=host)
        check("--public-url: its host is answered (401 before login)",
              a.status == 401, "got %d" % a.status)
        h = dict(host, Origin="https://notes.example.com")
        h["X-Real-IP"] = "203.0.113.7"
        a, token, cookie = login(srv.port, "dora", "a new password",
                                 headers=h)
        check("--public-url: a login from its origin works",
              a.status == 303 and token, "got %d %s" %
              (a.status, short(a.text())))
        check("--public-url https: the cookie is Secure",
              "; Secure" in cookie, cookie)
        h2 = dict(host, Origin="http://127.0.0.1:%d" % srv.port)
        a, _, _ = login(srv.port, "dora", "a new password", headers=h2)
        check("--public-url: a login from another origin is refused",
              a.status == 403, "got %d" % a.status)
        a = http(srv.port, "/api/stats",
                 headers={"Host": "attacker.example"}, cookie=token)
        check("--public-url: other host names are still refused",
              a.status == 421, "got %d" % a.status)
        time.sleep(0.2)
        lines = [json.loads(x) for x in
                 open(os.path.join(T, "pub.log"), encoding="utf-8")]
        logins = [x for x in lines if x.get("endpoint") == "/login" and
                  x.get("status") == 303]
        check("X-Real-IP from a proxy on loopback is the audited address",
              logins and logins[0]["address"] == "203.0.113.7",
              short(logins))
    finally:
        srv.stop()
    # without --public-url the header is not believed
    srv = Server(["--db", db, "--audit", os.path.join(T, "plain.log")], T,
                 "plain")
    try:
        http(srv.port, "/api/stats", headers={"X-Real-IP": "203.0.113.9"})
        time.sleep(0.2)
        line = json.loads(open(os.path.join(T, "plain.log"),
                               encoding="utf-8").readline())
        check("X-Real-IP is ignored without --public-url",
              line["address"] == "127.0.0.1", short(line))
    finally:
        srv.stop()


def bang_folder(T):
    """A folder named "team!" is not inside a scope of "team"."""
    base = os.path.join(T, "bang")
    write(os.path.join(base, "team", "a.md"),
          "面试记录\n# A\n1. kafka 如何保证消息不丢失\n总结：面试通过\n")
    write(os.path.join(base, "team!", "leak.md"),
          "面试记录\n# Leak\n1. bangfolderleak zookeeper\n总结：不通过\n")
    db = os.path.join(T, "bangdb")
    index(T, db, os.path.join(base, "team"), os.path.join(base, "team!"))
    users = os.path.join(T, "bang-users")
    add_user(T, users, "erin", "erin pass 1", (os.path.join(base, "team"),))
    srv = Server(["--db", db, "--users", users], T, "bang")
    try:
        _, token, _ = login(srv.port, "erin", "erin pass 1")
        a = http(srv.port, "/api/search?q=bangfolderleak", cookie=token)
        j = a.json() or {}
        check("a folder 'team!' is outside the scope 'team'",
              a.status == 200 and j.get("total") == 0, short(a.text()))
        a = http(srv.port, "/api/stats", cookie=token)
        check("... and not counted", (a.json() or {}).get("interviews") == 1,
              short(a.text()))
    finally:
        srv.stop()


def main():
    T = tempfile.mkdtemp(prefix="ivs-serve-hard-")
    try:
        shutil.copytree(serve_harness.EXAMPLES, os.path.join(T, "ex"))
        db = os.path.join(T, "db")
        index(T, db, os.path.join(T, "ex"))
        users = os.path.join(T, "users")
        r = add_user(T, users, "dora", "dora pass 1")
        if not check("--add-user dora", r.returncode == 0, r.stderr.decode()):
            return 1
        srv = Server(["--db", db, "--threads", "2"], T, "main")
        try:
            host_names(srv)
            bodies(srv)
            messages(srv, db)
            many_words(srv)
        finally:
            srv.stop()
        accounts(T, users, db)
        public_url(T, users, db)
        bang_folder(T)
    finally:
        stop_all()
        shutil.rmtree(T, ignore_errors=True)
    print("serve_hardening: %d passed, %d failed" %
          (serve_harness.passed, len(serve_harness.failed)))
    return 1 if serve_harness.failed else 0


if __name__ == "__main__":
    sys.exit(main())
