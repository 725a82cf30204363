#!/usr/bin/env python3
"""What tests/serve_test.py's themes share: named checks, ivserve
processes stopped by their pid whatever happens, an HTTP client, the
fixtures. The programs come from the test's command line
(IVINDEX IVSEARCH IVSERVE EXAMPLES_DIR)."""
import http.client as httpc
import json
import os
import resource
import select
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.parse

IVINDEX, IVSEARCH, IVSERVE, EXAMPLES = map(os.path.abspath, sys.argv[1:5])

PAYLOAD_SCRIPT = "<script>alert(1)</script>"
PAYLOAD_IMG = '"><img src=x onerror=alert(1)>'
PAYLOAD_JS = "javascript:alert(1)"
PAYLOADS = (PAYLOAD_SCRIPT, PAYLOAD_IMG, PAYLOAD_JS)

# ---- checks ----------------------------------------------------------------

passed = 0
failed = []


def check(name, ok, detail=""):
    """Records check NAME; DETAIL says what came when it failed."""
    global passed
    if ok:
        passed += 1
    else:
        failed.append(name)
        print("FAIL: %s%s" % (name, (": " + detail) if detail else ""),
              flush=True)
    return ok


def short(x, n=300):
    s = x if isinstance(x, str) else repr(x)
    return s if len(s) <= n else s[:n] + "…"


# ---- servers ------------------------------------------------------------------

SERVERS = []


def raise_nofile():
    """Lets this process (and a child, as preexec_fn) hold 2,000+ sockets."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, 4096) if hard != resource.RLIM_INFINITY else 4096
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))


class Server:
    """One ivserve process; its port read from its first line on stdout."""

    def __init__(self, args, cwd, name, timeout=15):
        self.name = name
        self.err_path = os.path.join(cwd, "serve-%s.err" % name)
        self.err = open(self.err_path, "wb")
        self.proc = subprocess.Popen(
            [IVSERVE, "--listen", "127.0.0.1:0"] + args, cwd=cwd,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=self.err, preexec_fn=raise_nofile)
        SERVERS.append(self)
        self.port = None
        self.first_line = ""
        deadline = time.monotonic() + timeout
        buf = b""
        while b"\n" not in buf and time.monotonic() < deadline:
            r, _, _ = select.select([self.proc.stdout], [], [], 0.2)
            if r:
                chunk = os.read(self.proc.stdout.fileno(), 4096)
                if not chunk:
                    break
                buf += chunk
        self.first_line = buf.decode("utf-8", "replace").strip()
        prefix = "ivserve: serving "
        if self.first_line.startswith(prefix) and ":" in self.first_line:
            self.port = int(self.first_line.rstrip("/").rsplit(":", 1)[1])
        if not self.port:
            self.stop()
            raise RuntimeError("ivserve %s did not start: stdout %r, stderr %r"
                               % (name, self.first_line, self.stderr()))

    def stderr(self):
        try:
            with open(self.err_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def stop(self, wait=10):
        """SIGTERM, then SIGKILL after WAIT seconds; the exit status and the
        seconds it took."""
        t0 = time.monotonic()
        running = self.proc.poll() is None
        if running:
            try:
                os.kill(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(wait)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        if self.proc.stdout:
            self.proc.stdout.close()
        self.err.close()
        if running and self.port:
            check("server %s exits 0 on SIGTERM" % self.name,
                  self.proc.returncode == 0, "exit %s: %s" % (
                      self.proc.returncode, self.stderr()[-1500:]))
        return self.proc.returncode, time.monotonic() - t0


def stop_all():
    for s in SERVERS:
        try:
            s.stop(5)
        except Exception as e:  # keep stopping the others
            print("stopping %s: %s" % (s.name, e))


# ---- HTTP -----------------------------------------------------------------------


class Answer:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # [(name lower, value)]
        self.body = body

    def header(self, name):
        for k, v in self.headers:
            if k == name.lower():
                return v
        return None

    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None


def http(port, path, method="GET", headers=None, body=None, cookie=None,
         source=None, tls=False, timeout=10):
    """One request on a new connection; an Answer."""
    if tls:
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        c = httpc.HTTPSConnection("127.0.0.1", port, timeout=timeout,
                                        context=ctx)
    else:
        c = httpc.HTTPConnection(
            "127.0.0.1", port, timeout=timeout,
            source_address=(source, 0) if source else None)
    h = dict(headers or {})
    if cookie:
        h["Cookie"] = "ivs_session=" + cookie
    if body is not None and "Content-Type" not in h:
        h["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        return Answer(r.status, [(k.lower(), v) for k, v in r.getheaders()],
                      data)
    finally:
        c.close()




def raw(port, data, timeout=5):
    """Sends bytes DATA, reads until the server closes; (status, text)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    # the server answers only for its own names (DNS rebinding): "Host: x"
    # in a test's bytes stands for this server's address
    data = data.replace(b"Host: x\r\n", b"Host: 127.0.0.1:%d\r\n" % port)
    try:
        s.sendall(data)
        out = b""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                chunk = s.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not chunk:
                break
            out += chunk
            if b"\r\n\r\n" in out and b"Content-Length" not in out:
                break
        text = out.decode("utf-8", "replace")
        status = 0
        if text.startswith("HTTP/1."):
            status = int(text.split(" ", 2)[1])
        return status, text
    finally:
        s.close()


def q(path, **params):
    items = []
    for k, v in params.items():
        for one in (v if isinstance(v, list) else [v]):
            items.append((k, one))
    return path + "?" + urllib.parse.urlencode(items)


# ---- fixtures ---------------------------------------------------------------------


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def interview(title, heading, body, verdict):
    # each interview its own candidate (the first word of its title):
    # --similar leaves out the other rounds of the same candidate
    return ("## %s\n\n候选人：%s\n岗位：后端开发\n\n### %s\n%s\n\n"
            "### 总结\n%s\n\n" % (title, title.split()[0], heading, body,
                                    verdict))


def run(args, cwd, stdin=None, timeout=60):
    return subprocess.run(args, cwd=cwd, input=stdin, capture_output=True,
                          timeout=timeout)


def make_fixtures(T):
    # the sample archive, as cli.sh indexes it (relative, from T)
    os.makedirs(os.path.join(T, "ex"))
    shutil.copy(os.path.join(EXAMPLES, "interviews.txt"),
                os.path.join(T, "ex", "interviews.txt"))
    # hostile notes: the payloads in file names, titles, headings, text
    hostile = os.path.join(T, "hostile")
    names = ["<script>alert(1)</script>.md",  # a folder "<script>alert(1)<"
             '"><img src=x onerror=alert(1)>.txt', "javascript:alert(1).md"]
    for i, name in enumerate(names):
        p = PAYLOADS[i]
        text = "# 恶意笔记 %s\n\n" % p
        text += interview("候选人 %s 面试" % p, "中间件 %s" % p,
                          "1. Kafka 如何保证消息不丢失 %s\n   答得不错 %s "
                          "hostileword 分布式锁" % (p, " ".join(PAYLOADS)),
                          "面试通过，建议录用。" if i % 2 == 0 else
                          "不通过。")
        write(os.path.join(hostile, name), text)
    # two teams' folders, for scopes
    a = os.path.join(T, "team", "A")
    b = os.path.join(T, "team", "B")
    write(os.path.join(a, "a.md"), "# A 组面试\n\n" +
          interview("甲一 后端", "中间件", "1. Kafka 如何保证消息不丢失\n"
                    "   讲了 acks 与副本 alphaonly 消息队列", "面试通过，建议录用。") +
          interview("甲二 后端", "数据库", "1. MySQL 索引与事务 kafka\n"
                    "   alphaonly 回答一般", "不通过。") +
          interview("甲三 后端", "网络", "1. TCP 三次握手 kafka 消息\n"
                    "   alphaonly 待定", "待定，等通知。"))
    write(os.path.join(b, "b.md"), "# B 组面试\n\n" +
          interview("乙一 后端", "中间件", "1. Kafka 如何保证消息不丢失\n"
                    "   prometheus 监控 grafana 消息队列", "面试通过，建议录用。") +
          interview("乙二 后端", "数据库", "1. Redis 持久化 kafka prometheus\n"
                    "   elasticsearch 倒排索引", "面试通过。") +
          interview("乙三 后端", "网络", "1. HTTP2 多路复用 kafka\n"
                    "   prometheus 告警", "不通过。"))
    # the live database's notes
    write(os.path.join(T, "live", "notes", "one.md"), "# 面试\n\n" +
          interview("丙一 后端", "中间件", "1. Kafka 消息不丢失 livefirst",
                    "面试通过。") +
          interview("丙二 后端", "网络", "1. TCP 握手 livefirst",
                    "不通过。"))


def index(T, db, *paths):
    r = run([IVINDEX, "--db", db, "--quiet"] + list(paths), T, timeout=120)
    if r.returncode != 0:
        raise RuntimeError("ivindex %s: %s" % (paths, r.stderr.decode()))


def add_user(T, users, name, password, scopes=()):
    args = [IVSERVE, "--add-user", name, "--users", users]
    for s in scopes:
        args += ["--scope", s]
    r = run(args, T, stdin=(password + "\n").encode(), timeout=60)
    return r


# ---- the checks, by theme -------------------------------------------------------

SEC_HEADERS = (("content-security-policy", "default-src 'self'"),
               ("x-content-type-options", "nosniff"),
               ("referrer-policy", "no-referrer"))


def check_headers(name, a):
    for h, want in SEC_HEADERS:
        v = a.header(h) or ""
        check("%s: %s header" % (name, h), want in v,
              "got %r" % v)


def check_json_error(name, a, status):
    j = a.json()
    check(name, a.status == status and
          (a.header("content-type") or "").startswith("application/json") and
          isinstance(j, dict) and j.get("status") == status and
          isinstance(j.get("error"), str) and j["error"],
          "want %d with JSON {error, status}, got %d %s %s" %
          (status, a.status, a.header("content-type"), short(a.text())))
