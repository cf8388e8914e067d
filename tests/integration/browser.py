"""Real browsers for the integration tests: headless Chromium driven through
the DevTools protocol over a pipe, headless Firefox ESR through Marionette,
both with client certificates in NSS databases. Stdlib only, no Node.

Chromium (Debian's `chromium`) reads client certificates and locally trusted
CAs from $HOME/.pki/nssdb and managed policies from
/etc/chromium/policies/managed/*.json; Firefox reads both from the profile's
cert9.db/key4.db. Every wait is bounded; browsers are killed and temporary
directories removed by the context managers.
"""
import base64
import fcntl
import json
import os
import re
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse

import tlsmtest as t

POLICY_DIR = "/etc/chromium/policies/managed"

# Flags that work as root on the CI machines (see the machine notes): no
# sandbox (root), no GPU, no QUIC, and no background traffic, which the closed
# network would refuse many times over.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
    "--password-store=basic", "--use-mock-keychain", "--mute-audio",
]

DESKTOP = (1280, 900)
PHONE = (390, 844)


class Skip(Exception):
    """A sub-test that cannot run here; the reason is printed."""


# What breaks a page on a phone: content wider than the viewport (the page
# scrolls sideways) or boxes that scroll sideways inside it (columns hidden
# until the reader scrolls). An expression; returns {viewport, scroll_width,
# overflowing: [...], scrolling: [...]}.
LAYOUT_JS = """(() => {
    const vw = document.documentElement.clientWidth, out = [], scrolls = [];
    const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (el.className ? '.' + String(el.className).trim().split(/\\s+/).join('.') : '');
    const clipped = el => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
            if (getComputedStyle(p).overflowX !== 'visible') return true;
        return false;
    };
    for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect(), ox = getComputedStyle(el).overflowX;
        if (ox !== 'visible' && el.scrollWidth > el.clientWidth + 1) {
            const h = el.closest('section') && el.closest('section').querySelector('h2');
            scrolls.push(`${name(el)}${h ? ' in "' + h.textContent + '"' : ''}: ` +
                         `${el.scrollWidth} px of content in ${el.clientWidth} px`);
        }
        if (r.width > 0 && r.right > vw + 1 && !clipped(el))
            out.push(`${name(el)} reaches ${Math.round(r.right)} px`);
    }
    return {viewport: vw, scroll_width: document.documentElement.scrollWidth,
            overflowing: out.slice(0, 10), scrolling: scrolls};
})()"""


def screenshot_dir():
    """$TLSM_SCREENSHOTS, else <build dir>/tests/integration/screenshots
    (the build dir is two levels above $TLSMIRROR = build/server/tlsmirror)."""
    d = os.environ.get("TLSM_SCREENSHOTS")
    if not d:
        build = os.path.dirname(os.path.dirname(os.path.abspath(t.BIN)))
        d = os.path.join(build, "tests", "integration", "screenshots")
    os.makedirs(d, exist_ok=True)
    return d


def save_png(name, data):
    path = os.path.join(screenshot_dir(), name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def png_size(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def p12_cert_pem(p12, password):
    """The leaf certificate inside a PKCS#12, as openssl reads it."""
    return t.run(["openssl", "pkcs12", "-in", p12, "-nokeys", "-clcerts",
                  "-passin", "pass:" + password], check=True).stdout_text


def cert_view(pem):
    """openssl x509's own view of a PEM certificate: (CN, SHA-256 fingerprint)."""
    p = t.run(["openssl", "x509", "-noout", "-subject", "-nameopt", "multiline",
               "-fingerprint", "-sha256"], input=pem.encode(), check=True)
    cn = re.search(r"^\s*commonName\s*=\s*(.+)$", p.stdout_text, re.M).group(1).strip()
    fp = re.search(r"Fingerprint=([0-9A-F:]+)", p.stdout_text).group(1)
    return cn, fp


def make_nssdb(path, p12=None, password="", trust_ca=None):
    """Creates an NSS database (sql:) with an optional PKCS#12 identity and an
    optional CA trusted to identify servers (trust C,,)."""
    os.makedirs(path, exist_ok=True)
    db = "sql:" + path
    t.run(["certutil", "-N", "-d", db, "--empty-password"], check=True)
    if p12:
        t.run(["pk12util", "-d", db, "-i", p12, "-W", password], check=True)
    if trust_ca:
        t.run(["certutil", "-A", "-d", db, "-n", "tlsmirror-test-ca", "-t", "C,,",
               "-i", trust_ca], check=True)
    return t.run(["certutil", "-L", "-d", db], check=True).stdout_text


class ChromiumPolicy:
    """A uniquely named managed-policy file for the duration of a `with`,
    under an exclusive lock so that two test runs on one machine never load
    each other's AutoSelectCertificateForUrls (Chromium takes one file's value
    when several set the same policy; the lock file lives in the temporary
    directory, since Chromium would read it as a policy file). Raises Skip
    when the directory cannot be written (not root)."""

    def __init__(self, policy):
        self.policy = policy
        self.path = None
        self.lock = None
        self.made = []

    def __enter__(self, wait=120):
        lock = os.path.join(tempfile.gettempdir(), "tlsmirror-chromium-policy.lock")
        self.lock = open(lock, "a")
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(self.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    self._cleanup()
                    raise AssertionError(f"{lock} held by another test run for {wait} s")
                time.sleep(0.2)
        try:
            d = POLICY_DIR
            missing = []
            while not os.path.isdir(d):
                missing.append(d)
                d = os.path.dirname(d)
            for m in reversed(missing):
                os.mkdir(m, 0o755)
                self.made.append(m)
            fd, self.path = tempfile.mkstemp(prefix="tlsmirror-test-", suffix=".json",
                                             dir=POLICY_DIR)
        except OSError as e:
            self._cleanup()
            raise Skip(f"cannot write Chromium managed policies in {POLICY_DIR} ({e}); "
                       "run as root, as CI does") from None
        with os.fdopen(fd, "w") as f:
            json.dump(self.policy, f)
        os.chmod(self.path, 0o644)
        return self

    def _cleanup(self):
        if self.path:
            try:
                os.unlink(self.path)
            except FileNotFoundError:
                pass
        if self.lock:
            self.lock.close()
        for m in reversed(self.made):  # innermost first, only if we made it
            try:
                os.rmdir(m)
            except OSError:
                pass

    def __exit__(self, *exc):
        self._cleanup()
        return False


def auto_select_policy(origin, issuer_cn):
    """AutoSelectCertificateForUrls: the certificate issued by issuer_cn, for origin."""
    rule = {"pattern": origin, "filter": {"ISSUER": {"CN": issuer_cn}}}
    return {"AutoSelectCertificateForUrls": [json.dumps(rule)]}


def kill_group(proc, grace=3):
    """Ends a browser we started (its own process group) and reaps it."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=grace)
    else:
        try:  # helpers left behind by a browser that exited first
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


class Chromium:
    """Headless Chromium with a throw-away HOME (and so NSS db) and profile,
    driven over --remote-debugging-pipe (fd 3: commands in, fd 4: replies out,
    NUL-terminated JSON). Records console errors and every network request of
    the pages it opens."""

    def __init__(self, home, timeout=20):
        self.tmp = tempfile.mkdtemp(prefix="tlsm-chromium-")
        self.timeout = timeout
        self.next_id = 0
        self.buf = b""
        self.events = []
        self.session = None
        to_r, self.to_w = os.pipe()
        self.from_r, from_w = os.pipe()

        def child_fds():
            # Move the pipe ends out of the way first, then onto 3 and 4.
            # dup2 leaves 3 and 4 inheritable; everything else Python opened
            # is close-on-exec, so close_fds=False passes exactly these two.
            a = fcntl.fcntl(to_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)
            os.close(a)
            os.close(b)
            os.setsid()

        env = dict(os.environ, HOME=home)
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        self.stderr_path = os.path.join(self.tmp, "stderr.log")
        self._err = open(self.stderr_path, "wb")
        argv = ["chromium"] + CHROMIUM_FLAGS + [
            f"--user-data-dir={os.path.join(self.tmp, 'profile')}",
            "--remote-debugging-pipe", "about:blank"]
        try:
            self.proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                                         stdout=self._err, stderr=self._err,
                                         preexec_fn=child_fds, close_fds=False)
        except OSError:
            for fd in (self.to_w, self.from_r):
                os.close(fd)
            self._err.close()
            shutil.rmtree(self.tmp, ignore_errors=True)
            raise
        finally:
            os.close(to_r)
            os.close(from_w)
        try:
            target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
            self.session = self.call("Target.attachToTarget",
                                     {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Page", "Runtime", "Log", "Network"):
                self.call(domain + ".enable", session=True)
            # Full-page screenshots as wide as the viewport, as on a phone or
            # a desktop with overlay scrollbars.
            self.call("Emulation.setScrollbarsHidden", {"hidden": True}, session=True)
        except Exception:
            self.close()
            raise

    def stderr(self):
        with open(self.stderr_path, "r", errors="replace") as f:
            return f.read()

    def _send(self, msg):
        data = json.dumps(msg).encode() + b"\0"
        while data:
            n = os.write(self.to_w, data)
            data = data[n:]

    def _recv(self, deadline):
        """The next message, or None when the deadline passes."""
        while b"\0" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            r, _, _ = select.select([self.from_r], [], [], left)
            if not r:
                return None
            chunk = os.read(self.from_r, 1 << 20)
            if not chunk:
                raise AssertionError("Chromium closed the DevTools pipe:\n" + self.stderr()[-3000:])
            self.buf += chunk
        msg, _, self.buf = self.buf.partition(b"\0")
        return json.loads(msg)

    def call(self, method, params=None, session=False, timeout=None):
        self.next_id += 1
        mid = self.next_id
        msg = {"id": mid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = self.session
        self._send(msg)
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            m = self._recv(deadline)
            if m is None:
                raise AssertionError(f"no answer to {method} within {timeout or self.timeout} s")
            if m.get("id") == mid:
                if "error" in m:
                    raise AssertionError(f"{method}: {m['error']}")
                return m.get("result", {})
            if "method" in m:
                self.events.append(m)

    def wait_event(self, method, timeout=None, after=0):
        """Waits for an event (recorded from index `after` on); returns its params."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            for e in self.events[after:]:
                if e["method"] == method:
                    return e["params"]
            m = self._recv(deadline)
            if m is None:
                raise AssertionError(f"no {method} within {timeout or self.timeout} s")
            if "method" in m:
                self.events.append(m)

    def drain(self, quiet=0.3):
        """Collects events until none arrive for `quiet` seconds (bounded)."""
        end = time.monotonic() + 5
        while time.monotonic() < end:
            m = self._recv(time.monotonic() + quiet)
            if m is None:
                return
            if "method" in m:
                self.events.append(m)

    def navigate(self, url, timeout=None):
        """Navigates and waits for the load event; returns the events it caused."""
        start = len(self.events)
        r = self.call("Page.navigate", {"url": url}, session=True, timeout=timeout)
        if r.get("errorText"):
            raise AssertionError(f"navigation to {url} failed: {r['errorText']}")
        self.wait_event("Page.loadEventFired", timeout=timeout, after=start)
        self.drain()
        return start

    def evaluate(self, expr):
        r = self.call("Runtime.evaluate", {"expression": expr, "returnByValue": True},
                      session=True)
        if "exceptionDetails" in r:
            raise AssertionError(f"{expr}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def viewport(self, width, height, mobile):
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1,
                   "mobile": mobile}, session=True)
        self.drain(0.2)

    def screenshot(self):
        """A PNG of the whole page (beyond the viewport) at the current width."""
        r = self.call("Page.captureScreenshot",
                      {"format": "png", "captureBeyondViewport": True}, session=True)
        return base64.b64decode(r["data"])

    def problems(self, after=0):
        """Console errors, uncaught exceptions and error log entries
        (CSP violations, failed loads) recorded from index `after` on."""
        out = []
        for e in self.events[after:]:
            p = e["params"]
            if e["method"] == "Runtime.consoleAPICalled" and p["type"] in ("error", "assert"):
                out.append("console." + p["type"] + ": " +
                           " ".join(str(a.get("value", a.get("description", "")))
                                    for a in p.get("args", [])))
            elif e["method"] == "Runtime.exceptionThrown":
                d = p["exceptionDetails"]
                out.append("exception: " + d.get("exception", {}).get("description", d.get("text", "")))
            elif e["method"] == "Log.entryAdded" and p["entry"]["level"] == "error":
                out.append(f"log ({p['entry']['source']}): {p['entry']['text']} {p['entry'].get('url', '')}")
        return out

    def warnings(self, after=0):
        out = []
        for e in self.events[after:]:
            p = e["params"]
            if e["method"] == "Runtime.consoleAPICalled" and p["type"] == "warning":
                out.append("console.warn")
            elif e["method"] == "Log.entryAdded" and p["entry"]["level"] == "warning":
                out.append(p["entry"]["text"])
        return out

    def requests(self, after=0):
        """URLs of every request the page made (the navigation included)."""
        return [e["params"]["request"]["url"] for e in self.events[after:]
                if e["method"] == "Network.requestWillBeSent"]

    def close(self):
        try:
            if self.proc.poll() is None:
                try:
                    self._send({"id": 0, "method": "Browser.close", "params": {}})
                    self.proc.wait(timeout=3)
                except (OSError, subprocess.TimeoutExpired):
                    pass
        finally:
            kill_group(self.proc)
            for fd in (self.to_w, self.from_r):
                try:
                    os.close(fd)
                except OSError:
                    pass
            self._err.close()
            shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def note_retry_banner(text, srv):
    """Prints a note when a first visit's page reports an earlier failed
    attempt. Browsers abandon their first handshake(s) on a CertificateRequest
    while they look up certificates, then reconnect: tlsmirror's journal
    counts those as failures. Reported, not asserted, until the journal
    tells this routine retry from a real failure."""
    m = re.search(r"previous attempt[^\n]*", text, re.I)
    if m:
        n = srv.log().count("diagnosis_code=abandoned_after_certificate_request")
        print(f"  NOTE: first visit, yet the page says {m.group(0)[:90]!r}...; tlsmirror logged "
              f"{n} handshake(s) abandoned after the CertificateRequest (the browser's "
              "certificate lookup before it reconnects)")


def same_origin(url, origin):
    u = urllib.parse.urlsplit(url)
    return f"{u.scheme}://{u.netloc}" == origin


def control_page(probe_url):
    """A data: page with one of everything the detectors must catch: a request
    to another origin, console.error, an uncaught exception, a CSP violation."""
    html = ("<!DOCTYPE html><html><head><meta charset='utf-8'>"
            "<meta http-equiv='Content-Security-Policy' content=\"img-src 'none'; "
            "script-src 'unsafe-inline'; style-src *\">"
            f"<link rel='stylesheet' href='{probe_url}'></head><body><p>control</p>"
            "<img src='https://127.0.0.1:9/blocked-by-csp.png'>"
            "<script>console.error('control-console-error'); no_such_function();</script>"
            "</body></html>")
    return "data:text/html;charset=utf-8," + urllib.parse.quote(html)


class Marionette:
    """Headless Firefox ESR with a throw-away profile, driven over Marionette
    (length-prefixed JSON on a loopback port the browser picks and writes to
    MarionetteActivePort). Chrome-context access (-remote-allow-system-access)
    is used only to read the browser's console service."""

    def __init__(self, profile, home, timeout=30):
        self.timeout = timeout
        self.next_id = 0
        self.sock = None
        portfile = os.path.join(profile, "MarionetteActivePort")
        if os.path.exists(portfile):
            os.unlink(portfile)
        self.stderr_path = os.path.join(home, "firefox.log")
        self._err = open(self.stderr_path, "wb")
        env = dict(os.environ, HOME=home, MOZ_CRASHREPORTER_DISABLE="1",
                   MOZ_HEADLESS="1", XDG_RUNTIME_DIR=home)
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        argv = ["firefox-esr", "--headless", "--no-remote", "--marionette",
                "-remote-allow-system-access", "--profile", profile, "about:blank"]
        self.proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                                     stdout=self._err, stderr=self._err,
                                     start_new_session=True)
        try:
            deadline = time.monotonic() + timeout
            port = None
            while time.monotonic() < deadline and port is None:
                if self.proc.poll() is not None:
                    raise AssertionError(f"firefox exited {self.proc.returncode}:\n{self.stderr()[-3000:]}")
                try:
                    with open(portfile) as f:
                        port = int(f.read().strip() or "0") or None
                except (FileNotFoundError, ValueError):
                    pass
                time.sleep(0.05)
            if port is None:
                raise AssertionError("Firefox wrote no MarionetteActivePort:\n" + self.stderr()[-3000:])
            self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
            self.file = self.sock.makefile("rb")
            hello = self._read()
            assert hello.get("marionetteProtocol") == 3, hello
            self.call("WebDriver:NewSession",
                      {"capabilities": {"alwaysMatch": {"acceptInsecureCerts": False}}})
        except Exception:
            self.close()
            raise

    def stderr(self):
        with open(self.stderr_path, "r", errors="replace") as f:
            return f.read()

    def _read(self):
        n = b""
        while True:
            c = self.file.read(1)
            if not c:
                raise AssertionError("Marionette closed the connection")
            if c == b":":
                break
            n += c
        return json.loads(self.file.read(int(n)))

    def call(self, name, params=None):
        self.next_id += 1
        mid = self.next_id
        data = json.dumps([0, mid, name, params or {}]).encode()
        self.sock.sendall(str(len(data)).encode() + b":" + data)
        while True:  # socket timeout bounds each read
            r = self._read()
            if r[0] == 1 and r[1] == mid:
                if r[2]:
                    raise AssertionError(f"{name}: {r[2].get('error')}: {r[2].get('message')}")
                return r[3]

    def script(self, body, chrome=False):
        if chrome:
            self.call("Marionette:SetContext", {"value": "chrome"})
        try:
            return self.call("WebDriver:ExecuteScript", {"script": body, "args": []})["value"]
        finally:
            if chrome:
                self.call("Marionette:SetContext", {"value": "content"})

    def console_errors(self, prefix):
        """Error messages in the browser's console service whose source starts
        with prefix (page errors, CSP violations; the page runs no script)."""
        msgs = self.script("""
            return Services.console.getMessageArray()
                .filter(m => m instanceof Ci.nsIScriptError)
                .map(m => [m.flags, m.sourceName, m.errorMessage]);""", chrome=True)
        # flags: 0 error, 1 warning, 4 info
        return [f"{m[1]}: {m[2]}" for m in msgs if m[0] == 0 and m[1].startswith(prefix)]

    def navigate(self, url):
        self.call("WebDriver:Navigate", {"url": url})

    def window(self, width, height):
        """Resizes the window. Below 500 px Firefox's own UI (tab strip,
        toolbars) sets a minimum width that stops the resize, so that is
        lifted first; the page's viewport is then `width` wide."""
        if width < 500:
            self.script("""
                for (const el of [document.documentElement, ...document.querySelectorAll('*')])
                    if (!['auto', '0px'].includes(getComputedStyle(el).minWidth))
                        el.style.minWidth = '0px';""", chrome=True)
        self.call("WebDriver:SetWindowRect", {"width": width, "height": height})

    def screenshot(self):
        return base64.b64decode(self.call("WebDriver:TakeScreenshot", {"full": True})["value"])

    def close(self):
        try:
            if self.sock:
                try:
                    self.call("Marionette:Quit", {"flags": ["eForceQuit"]})
                except (OSError, AssertionError):
                    pass
                self.sock.close()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        finally:
            kill_group(self.proc)
            self._err.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def run_tests(tests):
    """Like tlsmtest.main, but a test may raise Skip: runs them all, then
    exits 1 on any failure, else 77 (SKIP) if any test could not run, with
    its reason printed, so that a partial run never looks like a pass."""
    failed = skipped = 0
    for fn in tests:
        t0 = time.monotonic()
        try:
            fn()
            print(f"ok   {fn.__name__} ({time.monotonic() - t0:.1f} s)", flush=True)
        except Skip as e:
            skipped += 1
            print(f"SKIP {fn.__name__}: {e}", flush=True)
        except Exception as e:
            failed += 1
            print(f"FAIL {fn.__name__}: {e!r}", flush=True)
            import traceback
            traceback.print_exc()
    if failed:
        sys.exit(1)
    sys.exit(t.SKIP if skipped else 0)
