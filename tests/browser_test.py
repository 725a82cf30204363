#!/usr/bin/env python3
"""ivserve's pages in a real browser, Debian's headless Chromium. With
--dump-dom: the search page (a query with hostile payloads), its first
facet and hit links, the overview. Driven over the DevTools protocol: a
query typed into the box and submitted, a verdict facet clicked, the first
hit clicked. Each DOM the browser built is checked (our script ran under
the CSP, no element or handler from the payloads, <mark> around matched
words, the Chinese text) and a screenshot of each page is written to
OUT_DIR (browser-*.png, a CI artefact).

Usage: browser_test.py IVINDEX IVSERVE EXAMPLES_DIR OUT_DIR
Exit 0 passed, 1 failed, 77 skipped (no chromium: never a pass).
"""
import base64
import html.parser
import http.client
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

IVINDEX, IVSERVE, EXAMPLES, OUT = map(os.path.abspath, sys.argv[1:5])
SKIP = 77
PAYLOADS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>',
            "javascript:alert(1)")

failed = []


def check(name, ok, detail=""):
    if not ok:
        failed.append(name)
        print("FAIL: %s%s" % (name, (": " + detail) if detail else ""),
              flush=True)
    return ok


class Dom(html.parser.HTMLParser):
    """The parts of a dumped DOM the checks look at."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.html_attrs = {}
        self.imgs = []
        self.scripts = []
        self.marks = []
        self.links = []
        self.handlers = []  # on* attributes anywhere
        self._in_mark = 0
        self._text = []
        self.feed(text)
        self.text = "".join(self._text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_attrs = a
        elif tag == "img":
            self.imgs.append(a)
        elif tag == "script":
            self.scripts.append(a)
        elif tag == "mark":
            self._in_mark += 1
            self.marks.append("")
        elif tag == "a":
            self.links.append(a)
        self.handlers += [(tag, k) for k in a if k.lower().startswith("on")]

    def handle_endtag(self, tag):
        if tag == "mark" and self._in_mark:
            self._in_mark -= 1

    def handle_data(self, data):
        self._text.append(data)
        if self._in_mark and self.marks:
            self.marks[-1] += data


def check_png(path):
    data = open(path, "rb").read() if os.path.exists(path) else b""
    check("screenshot %s: a PNG over 20 KB" % path,
          data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20000,
          "%d bytes" % len(data))


def chromium_binary():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def kill_group(proc):
    """Kills the process group that PROC leads (chromium and every helper
    it started, even when PROC itself has exited) and reaps PROC."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        pass


def browse(chrome, profile, args, timeout=90):
    """Runs headless Chromium with ARGS; its stdout (the DOM for
    --dump-dom). Its whole process group is killed when it overruns."""
    cmd = [chrome, "--headless", "--no-sandbox", "--disable-gpu",
           "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
           "--user-data-dir=" + profile] + args
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                         start_new_session=True)
    try:
        out, _ = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise RuntimeError("chromium overran %d s: %s" % (timeout, args))
    finally:
        kill_group(p)  # helpers that outlive the browser, or all of it
        p.stdout.close()
    return out.decode("utf-8", "replace")


class DevTools:
    """Chromium driven over its DevTools protocol (a WebSocket, spoken
    here with the standard library): type a query, click, read the DOM."""

    def __init__(self, chrome, profile, timeout=60):
        self.timeout = timeout
        self.next_id = 0
        self.events = []
        self.sock = None
        self.proc = None
        try:
            self._start(chrome, profile)
        except BaseException:
            self.close()  # never leave a browser behind
            raise

    def _start(self, chrome, profile):
        timeout = self.timeout
        self.proc = subprocess.Popen(
            [chrome, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
             "--window-size=1280,1400", "--remote-debugging-port=0",
             "--user-data-dir=" + profile, "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL, start_new_session=True)
        port = None
        buf = b""
        deadline = time.monotonic() + timeout
        while port is None and time.monotonic() < deadline:
            r, _, _ = select.select([self.proc.stderr], [], [], 0.5)
            if not r:
                continue
            chunk = os.read(self.proc.stderr.fileno(), 4096)
            if not chunk:
                break
            buf += chunk
            for line in buf.decode("utf-8", "replace").splitlines():
                if line.startswith("DevTools listening on ws://"):
                    port = int(line.split("ws://", 1)[1].split("/")[0]
                               .rsplit(":", 1)[1])
        if port is None:
            raise RuntimeError("no DevTools port from chromium: %r" % buf)
        page = None
        while page is None and time.monotonic() < deadline:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            try:
                c.request("GET", "/json/list")
                targets = json.loads(c.getresponse().read() or b"[]")
            finally:
                c.close()
            pages = [t for t in targets if t.get("type") == "page"]
            if pages:
                page = pages[0]["webSocketDebuggerUrl"]
            else:
                time.sleep(0.2)
        if not page:
            raise RuntimeError("chromium has no page to drive")
        self.sock = self._connect(page)
        self.call("Page.enable")
        self.call("Runtime.enable")

    def _connect(self, url):
        u = urllib.parse.urlparse(url)
        s = socket.create_connection((u.hostname, u.port),
                                     timeout=self.timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        s.sendall(("GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket"
                   "\r\nConnection: Upgrade\r\nSec-WebSocket-Key: %s\r\n"
                   "Sec-WebSocket-Version: 13\r\n\r\n" %
                   (u.path, u.hostname, u.port, key)).encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = s.recv(1)
            if not chunk:
                raise RuntimeError("DevTools closed the handshake")
            head += chunk
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise RuntimeError("DevTools handshake: %r" % head[:200])
        return s

    def _read(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise RuntimeError("DevTools connection closed")
            data += chunk
        return data

    def _send(self, text):
        data = text.encode("utf-8")
        n = len(data)
        head = bytes([0x81])
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 65536:
            head += bytes([0x80 | 126]) + n.to_bytes(2, "big")
        else:
            head += bytes([0x80 | 127]) + n.to_bytes(8, "big")
        mask = os.urandom(4)
        self.sock.sendall(head + mask + bytes(
            b ^ mask[i % 4] for i, b in enumerate(data)))

    def _message(self):
        payload = b""
        while True:
            b0, b1 = self._read(2)
            n = b1 & 0x7F
            if n == 126:
                n = int.from_bytes(self._read(2), "big")
            elif n == 127:
                n = int.from_bytes(self._read(8), "big")
            mask = self._read(4) if b1 & 0x80 else None
            data = self._read(n)
            if mask:
                data = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
            if b0 & 0x0F == 0x8:
                raise RuntimeError("DevTools closed the connection")
            if b0 & 0x0F in (0x9, 0xA):  # ping, pong
                continue
            payload += data
            if b0 & 0x80:
                return json.loads(payload.decode("utf-8"))

    def call(self, method, **params):
        self.next_id += 1
        self._send(json.dumps({"id": self.next_id, "method": method,
                               "params": params}))
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            m = self._message()
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            self.events.append(m.get("method"))
        raise RuntimeError("%s: no answer" % method)

    def evaluate(self, js):
        r = self.call("Runtime.evaluate", expression=js, returnByValue=True,
                      awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError("%s: %s" % (js, r["exceptionDetails"]))
        return r.get("result", {}).get("value")

    def wait_load(self, action):
        """Runs ACTION (a function) and waits for the page it leads to."""
        self.events = []
        action()
        deadline = time.monotonic() + self.timeout
        while "Page.loadEventFired" not in self.events:
            if time.monotonic() > deadline:
                raise RuntimeError("no page load")
            self.events.append(self._message().get("method"))
        return self.evaluate("document.documentElement.outerHTML")

    def screenshot(self, path):
        r = self.call("Page.captureScreenshot", format="png")
        with open(path, "wb") as f:
            f.write(base64.b64decode(r.get("data", "")))
        check_png(path)

    def close(self):
        if self.sock:
            self.sock.close()
            self.sock = None
        if self.proc:
            kill_group(self.proc)
            self.proc.stderr.close()
            self.proc = None


def interactive(chrome, profile, base, query):
    """Types QUERY into the search box, clicks a verdict facet, then the
    first hit: as a person would, in one browser; checks each DOM and
    keeps a screenshot of each page."""
    dt = DevTools(chrome, profile)
    try:
        dt.wait_load(lambda: dt.call("Page.navigate", url=base + "/"))
        dt.evaluate("document.querySelector('input[name=q]').focus()")
        dt.call("Input.insertText", text=query)
        dom = page_checks("typed query", dt.wait_load(lambda: dt.evaluate(
            "document.querySelector('input[name=q]').form.requestSubmit()"
        )), ["kafka"])
        check("typed query: the URL carries it", "q=" in (dt.evaluate(
            "location.search") or ""), str(dt.evaluate("location.href")))
        dt.screenshot(os.path.join(OUT, "browser-typed-query.png"))
        hits = "document.querySelectorAll('article.hit').length"
        n = dt.evaluate(hits)
        dom = page_checks("clicked facet", dt.wait_load(lambda: dt.evaluate(
            "document.querySelector('aside.facets a').click()")), ["kafka"])
        m = dt.evaluate(hits)
        check("clicked facet: the filter is on and in the URL",
              any(a.get("class") == "on" for a in dom.links) and
              "verdict=" in (dt.evaluate("location.search") or ""),
              str(dt.evaluate("location.href")))
        check("clicked facet: some hits, no more than before",
              1 <= m <= n, "%s hits after, %s before" % (m, n))
        dt.screenshot(os.path.join(OUT, "browser-facet.png"))
        dom = page_checks("clicked hit", dt.wait_load(lambda: dt.evaluate(
            "document.querySelector('article.hit h2 a').click()")),
            ["kafka"])
        check("clicked hit: an interview page", (dt.evaluate(
            "location.pathname") or "").startswith("/interview/"),
            str(dt.evaluate("location.href")))
        dt.screenshot(os.path.join(OUT, "browser-clicked-interview.png"))
    finally:
        dt.close()


def start_server(T):
    err = open(os.path.join(T, "serve.err"), "wb")
    p = subprocess.Popen([IVSERVE, "--db", "db", "--listen", "127.0.0.1:0"],
                         cwd=T, stdout=subprocess.PIPE, stderr=err,
                         stdin=subprocess.DEVNULL)
    buf = b""
    deadline = time.monotonic() + 15
    while b"\n" not in buf and time.monotonic() < deadline:
        r, _, _ = select.select([p.stdout], [], [], 0.2)
        if r:
            chunk = os.read(p.stdout.fileno(), 4096)
            if not chunk:
                break
            buf += chunk
    line = buf.decode("utf-8", "replace").strip()
    try:
        port = int(line.rstrip("/").rsplit(":", 1)[1])
    except (IndexError, ValueError):
        port = None
    return p, port, line


def stop_server(p):
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(5)
    p.stdout.close()


def page_checks(name, dom_text, want_marks):
    dom = Dom(dom_text)
    check("%s: our script ran under the CSP (data-js=\"on\")" % name,
          dom.html_attrs.get("data-js") == "on", str(dom.html_attrs))
    check("%s: no <img> element" % name, not dom.imgs, str(dom.imgs))
    check("%s: the only script is ours" % name,
          [s.get("src") for s in dom.scripts] == ["/static/app.js"],
          str(dom.scripts))
    check("%s: no event-handler attribute" % name, not dom.handlers,
          str(dom.handlers))
    check("%s: no javascript: link" % name, not any(
        (a.get("href") or "").strip().lower().startswith("javascript:")
        for a in dom.links), str([a for a in dom.links if "javascript"
                                  in (a.get("href") or "").lower()]))
    check("%s: Chinese text present" % name, "面试" in dom.text or
          "中间件" in dom.text, dom.text[:200])
    if want_marks:
        low = [m.lower() for m in dom.marks]
        check("%s: <mark> around matched words %s" % (name, want_marks),
              all(any(w in m for m in low) for w in want_marks),
              str(dom.marks[:10]))
    return dom


def main():
    chrome = chromium_binary()
    if not chrome:
        print("browser_test: chromium is not installed: skipped")
        return SKIP
    T = tempfile.mkdtemp(prefix="browser-test-")
    server = None
    try:
        os.makedirs(os.path.join(T, "ex"))
        shutil.copy(os.path.join(EXAMPLES, "interviews.txt"),
                    os.path.join(T, "ex", "interviews.txt"))
        with open(os.path.join(T, "ex", PAYLOADS[1] + ".md"), "w",
                  encoding="utf-8") as f:
            f.write("# 面试 %s\n\n## 候选人 %s\n\n### 中间件 %s\n"
                    "1. Kafka 如何保证消息不丢失 %s\n   答得不错 %s\n\n"
                    "### 总结\n面试通过。\n" % ((" ".join(PAYLOADS),) * 5))
        r = subprocess.run([IVINDEX, "--db", "db", "--quiet", "ex"], cwd=T,
                           capture_output=True, timeout=120)
        if not check("ivindex", r.returncode == 0, r.stderr.decode()):
            return 1
        server, port, line = start_server(T)
        if not check("ivserve starts", port is not None, line):
            return 1
        base = "http://127.0.0.1:%d" % port
        os.makedirs(OUT, exist_ok=True)
        profile = os.path.join(T, "profile")

        query = "kafka 丢失 " + " ".join(PAYLOADS)
        search = base + "/?" + urllib.parse.urlencode({"q": query})
        dom = page_checks("search page", browse(
            chrome, profile, ["--dump-dom", search]), ["kafka", "丢失"])
        check("search page: the payloads shown as text",
              PAYLOADS[0] in dom.text and PAYLOADS[1] in dom.text,
              dom.text[:300])
        # a facet, as a click would follow it
        facets = [a["href"] for a in dom.links
                  if "verdict=" in (a.get("href") or "")]
        if check("search page: verdict facets are links", facets,
                 str(dom.links[:10])):
            fdom = page_checks("facet page", browse(
                chrome, profile, ["--dump-dom", base + facets[0]]),
                ["kafka"])
            check("facet page: the clicked filter is on", any(
                a.get("class") == "on" and a.get("href", "").startswith("/?")
                for a in fdom.links), str(fdom.links[:10]))
        # the first hit, as a click would open it
        hits = [a["href"] for a in dom.links
                if (a.get("href") or "").startswith("/interview/")]
        if check("search page: hits link to interviews", hits,
                 str(dom.links[:10])):
            page_checks("interview page", browse(
                chrome, profile, ["--dump-dom", base + hits[0]]),
                ["kafka"])
        page_checks("overview", browse(
            chrome, profile, ["--dump-dom", base + "/overview"]), [])

        interactive(chrome, os.path.join(T, "profile2"), base,
                    "kafka 丢失 " + PAYLOADS[0])
        for name, url in (("search", search), ("overview",
                                               base + "/overview"),
                          ("interview", base + (hits[0] if hits else "/"))):
            png = os.path.join(OUT, "browser-%s.png" % name)
            if os.path.exists(png):
                os.unlink(png)
            browse(chrome, profile, ["--screenshot=" + png,
                                     "--window-size=1280,1400", url])
            check_png(png)
    except Exception as e:
        import traceback
        traceback.print_exc()
        check("browser test ran to the end", False, repr(e))
    finally:
        if server:
            stop_server(server)
        shutil.rmtree(T, ignore_errors=True)
    print("browser_test: %s" % ("%d failed" % len(failed) if failed
                                else "passed"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
