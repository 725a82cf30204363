#!/usr/bin/env python3
"""ivserve's pages in a real browser: Debian's headless Chromium loads the
search page (a query with hostile payloads), follows a facet link and a
hit's link as a click would, and the overview; the DOM it built is checked
(our script ran under the CSP, no element from the payloads, <mark> around
matched words, the Chinese text) and a screenshot of each page is written
to OUT_DIR (a CI artefact).

Usage: browser_test.py IVINDEX IVSERVE EXAMPLES_DIR OUT_DIR
Exit 0 passed, 1 failed, 77 skipped (no chromium: never a pass).
"""
import html.parser
import os
import select
import shutil
import signal
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


def chromium_binary():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


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
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate(timeout=10)
        raise RuntimeError("chromium overran %d s: %s" % (timeout, args))
    return out.decode("utf-8", "replace")


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

        for name, url in (("search", search), ("overview",
                                               base + "/overview"),
                          ("interview", base + (hits[0] if hits else "/"))):
            png = os.path.join(OUT, "browser-%s.png" % name)
            if os.path.exists(png):
                os.unlink(png)
            browse(chrome, profile, ["--screenshot=" + png,
                                     "--window-size=1280,1400", url])
            data = open(png, "rb").read() if os.path.exists(png) else b""
            check("screenshot %s: a PNG over 20 KB" % png,
                  data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20000,
                  "%d bytes" % len(data))
    except Exception as e:
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
