"""HTTP on the TLS connection: framing, limits, negotiation, timeouts, logging.

Requests are written byte for byte through Python ssl sockets, so what the
server sees is exactly what the test wrote; responses are framed by their own
Content-Length. Timeouts are measured with the client's monotonic clock, and
each log line is tied to its connection by the client's own source port.
"""
import json
import random
import re
import socket
import ssl
import sys
import time

import tlsmtest as t

SRV = None  # the shared server: every bad input below goes to it


def req(method="GET", path="/json", headers=(), version="HTTP/1.1", close=False):
    lines = [f"{method} {path} {version}", "Host: localhost"]
    lines += [f"{k}: {v}" for k, v in headers]
    if close:
        lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def local_port(sock):
    return sock.getsockname()[1]


def raw_exchange(data, timeout=10):
    """One TLS connection: send data, read until the server closes."""
    s = t.tls_connect(SRV)
    try:
        s.sendall(data)
        return t.recv_until_closed(s, timeout=timeout)
    finally:
        s.close()


def error_response(data, status, reason):
    """Sends a bad request; the server answers `status` and closes."""
    raw, closed = raw_exchange(data)
    assert closed, (closed, raw[:300])
    resps, rest = t.split_responses(raw)
    assert len(resps) == 1 and rest == b"", raw[:500]
    st, h, body = resps[0]
    assert st == status, (st, body)
    assert raw.startswith(f"HTTP/1.1 {status} ".encode()), raw[:80]
    assert h["connection"] == "close", h
    assert h["content-type"].startswith("text/plain"), h
    assert reason.encode() in body, body
    return h, body


def test_head_same_length_no_body():
    # HEAD then GET on one connection with the same headers: the report
    # differs only in the method ("HEAD" vs "GET", one byte), so the HEAD's
    # Content-Length must be the GET body's length + 1, and the GET response
    # must start right after the HEAD's blank line (no body in between).
    s = t.tls_connect(SRV)
    with s:
        s.sendall(req("HEAD", "/", [("Accept", "application/json")]) +
                  req("GET", "/", [("Accept", "application/json")]))
        (head, get), rest = t.recv_responses(s, 2, head_only=(0,))
        assert rest == b""
        assert head[0] == 200 and get[0] == 200
        assert head[2] == b""
        assert json.loads(get[2])["request"]["method"] == "GET"
        assert get[2].count(b'"GET"') == 1
        assert int(get[1]["content-length"]) == len(get[2])
        assert int(head[1]["content-length"]) == len(get[2]) + 1, (head[1], len(get[2]))
        assert head[1]["content-type"] == get[1]["content-type"]
        # HEAD / with a browser's Accept, then close: nothing after the head.
        s.sendall(req("HEAD", "/", close=True))
        raw, closed = t.recv_until_closed(s)
    assert closed is True, closed
    assert raw.endswith(b"\r\n\r\n") and raw.count(b"HTTP/1.1 ") == 1, raw
    st, h, body = t.body_of(raw)
    assert st == 200 and body == b"" and h["content-type"].startswith("text/html")
    assert int(h["content-length"]) > 1000


def test_keep_alive_then_close():
    s = t.tls_connect(SRV)
    with s:
        reports = []
        for i in range(2):
            s.sendall(req(path=f"/json?n={i}"))
            (r,), rest = t.recv_responses(s, 1)
            assert rest == b"" and r[0] == 200
            assert r[1]["connection"] == "keep-alive", r[1]
            reports.append(json.loads(r[2]))
        a, b = reports
        assert a["connection"]["id"] == b["connection"]["id"]
        assert a["connection"]["client"] == f"127.0.0.1:{local_port(s)}"
        assert b["connection"]["client"] == a["connection"]["client"]
        assert (a["request"]["target"], b["request"]["target"]) == ("/json?n=0", "/json?n=1")
        s.sendall(req(path="/text", close=True))
        raw, closed = t.recv_until_closed(s)
        port = local_port(s)
    assert closed is True, closed
    (r,), rest = t.split_responses(raw)
    assert rest == b"" and r[0] == 200
    assert r[1]["connection"] == "close"
    line = t.wait_log_count(SRV, rf"peer=127\.0\.0\.1:{port} ", 1)[0]
    assert "requests=3 " in line and 'closed="Connection: close"' in line, line


def test_pipelined():
    s = t.tls_connect(SRV)
    with s:
        s.sendall(req(path="/json?first") + req(path="/text?second", close=True))
        raw, closed = t.recv_until_closed(s)
    assert closed is True
    resps, rest = t.split_responses(raw)
    assert rest == b"" and len(resps) == 2, raw[:300]
    (s1, h1, b1), (s2, h2, b2) = resps
    assert s1 == 200 and s2 == 200
    assert h1["content-type"].startswith("application/json")
    assert h1["connection"] == "keep-alive"
    assert json.loads(b1)["request"]["target"] == "/json?first"
    assert h2["content-type"].startswith("text/plain")
    assert h2["connection"] == "close"
    assert b"/text?second" in b2 and b"/json?first" not in b2
    # A good request then a bad one: the first is answered, then 400 and close.
    s = t.tls_connect(SRV)
    with s:
        s.sendall(req(path="/json?ok") + b"BROKEN\r\n\r\n" + req(path="/json?never"))
        raw, closed = t.recv_until_closed(s)
    resps, rest = t.split_responses(raw)
    assert closed and rest == b"" and [r[0] for r in resps] == [200, 400], raw[:300]
    assert resps[1][1]["connection"] == "close"
    # HTTP/1.0 closes unless the client asks for keep-alive.
    s = t.tls_connect(SRV)
    with s:
        s.sendall(req(path="/json", version="HTTP/1.0"))
        raw, closed = t.recv_until_closed(s)
    (st, h, body), = t.split_responses(raw)[0]
    assert closed and st == 200 and h["connection"] == "close"
    assert json.loads(body)["request"]["version"] == "HTTP/1.0"
    s = t.tls_connect(SRV)
    with s:
        s.sendall(req(path="/json", version="HTTP/1.0", headers=[("Connection", "keep-alive")]) +
                  req(path="/text", close=True))
        raw, closed = t.recv_until_closed(s)
    resps, _ = t.split_responses(raw)
    assert [r[1]["connection"] for r in resps] == ["keep-alive", "close"], resps


def test_pipelined_burst_then_close():
    # More than the 16 KB input cap of requests in one write, the last with
    # Connection: close: the server reads them in several rounds while earlier
    # responses are still being written, and must answer every one, in order,
    # before it closes. Then the same with the close arriving in a second write
    # right behind the first (regression: the close used to drop responses
    # still queued behind a deferred write callback).
    n = 600
    burst = b"".join(req(path=f"/text?n={i}") for i in range(n - 1))
    burst += req(path=f"/text?n={n - 1}", close=True)
    assert len(burst) > 16384
    for writes in ([burst], [req(path="/text?n=0"), req(path="/text?n=1") +
                             req(path="/text?n=2", close=True)]):
        s = t.tls_connect(SRV)
        with s:
            for w in writes:
                s.sendall(w)
            raw, closed = t.recv_until_closed(s, timeout=30, limit=1 << 28)
            port = local_port(s)
        resps, rest = t.split_responses(raw)
        want = n if len(writes) == 1 else 3
        assert closed is True and rest == b"", (closed, rest[:100])
        assert len(resps) == want, (len(resps), want)
        for i, (st, h, body) in enumerate(resps):
            assert st == 200 and f"GET /text?n={i} HTTP/1.1".encode() in body, (i, body[-300:])
        assert resps[-1][1]["connection"] == "close"
        line = t.wait_log_count(SRV, rf"peer=127\.0\.0\.1:{port} ", 1)[0]
        assert f"requests={want} " in line, line


def test_404_names_path():
    raw, closed = raw_exchange(req(path="/nope", close=True))
    (st, h, body), = t.split_responses(raw)[0]
    assert st == 404, raw[:200]
    assert raw.startswith(b"HTTP/1.1 404 Not Found\r\n")
    assert b"no such path" in body and b"path: /nope\n" in body, body
    # Keep-alive survives a 404.
    s = t.tls_connect(SRV)
    with s:
        s.sendall(req(path="/nope/deeper?x=<b>") + req(path="/json"))
        (a, b), _ = t.recv_responses(s, 2)
    assert a[0] == 404 and b"path: /nope/deeper?x=<b>" in a[2], a
    assert b[0] == 200


def test_405_post():
    h, body = error_response(req("POST", "/", [("Content-Length", "0")]), 405,
                             "method not allowed")
    assert h["allow"] == "GET, HEAD", h
    h, _ = error_response(req("DELETE", "/json"), 405, "only GET and HEAD")
    assert h["allow"] == "GET, HEAD"


def line_of(length):
    """A GET /json?aaa... request line of exactly `length` bytes (without CRLF)."""
    target = "/json?" + "a" * (length - len("GET  HTTP/1.1") - len("/json?"))
    line = f"GET {target} HTTP/1.1".encode()
    assert len(line) == length
    return line


def test_414_long_target():
    target = "/" + "a" * 8999
    assert len(target) == 9000
    error_response(req(path=target), 414, "request line too long")
    error_response(line_of(8193) + b"\r\nHost: x\r\n\r\n", 414, "request line too long")
    # The limit is the request line's 8192 bytes, not counting its CR LF, and
    # does not depend on how the bytes arrive (regression: a CR LF line of
    # exactly 8192 bytes got a 414, a bare-LF one did not).
    for split in (None, 8192, 8193):
        data = line_of(8192) + b"\r\nHost: x\r\nConnection: close\r\n\r\n"
        s = t.tls_connect(SRV)
        with s:
            if split:
                s.sendall(data[:split])
                time.sleep(0.2)
                data = data[split:]
            s.sendall(data)
            raw, closed = t.recv_until_closed(s)
        (st, _, body), = t.split_responses(raw)[0]
        assert st == 200, (split, raw[:100])
        r = json.loads(body)["request"]
        # The report keeps a capped prefix of long fields and says so.
        sent = line_of(8192)[4:-9].decode()
        assert r["target_truncated"] is True and sent.startswith(r["target"]), r["target"][:40]
        assert 0 < len(r["target"]) < len(sent)


def test_431_large_and_many_headers():
    big = [(f"X-Fill-{i}", "v" * 1000) for i in range(20)]
    assert len(req(headers=big)) > 20000
    error_response(req(headers=big), 431, "request headers too large")
    # 101 header fields in all (Host + 100).
    many = [(f"X-H-{i}", "v") for i in range(100)]
    error_response(req(headers=many), 431, "too many request headers")
    # 100 in all (Host + 98 + Connection) is still fine.
    ok = [(f"X-H-{i}", "v") for i in range(98)]
    raw, closed = raw_exchange(req(headers=ok, close=True))
    (st, _, body), = t.split_responses(raw)[0]
    assert st == 200, raw[:300]
    assert len(json.loads(body)["request"]["headers"]) == 100


def test_400_and_505():
    _, body = error_response(b"GARBAGE\r\n\r\n", 400, "malformed request line")
    error_response(b"GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 400, "malformed request line")
    error_response(b"GET / HTTP/1.1\r\nBad Header: x\r\n\r\n", 400, "malformed header field")
    error_response(req(version="HTTP/2.0"), 505, "only HTTP/1.0 and HTTP/1.1")


def curl_type(path, accept=None):
    extra = ["-o", "-", "-w", "\n%{http_code} %{content_type}"]
    if accept is not None:
        extra += ["-H", f"Accept: {accept}"]
    p, out = t.curl(SRV, path=path, extra=extra)
    assert p.returncode == 0, p.stderr_text
    body, _, tail = out.rpartition(b"\n")
    code, _, ctype = tail.decode().partition(" ")
    return int(code), ctype, body


BROWSER_ACCEPT = ("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
                  "image/webp,*/*;q=0.8")


def test_accept_negotiation():
    code, ctype, body = curl_type("/", "application/json")
    assert code == 200 and ctype.startswith("application/json"), ctype
    assert json.loads(body)["schema_version"] == 1
    code, ctype, body = curl_type("/", "text/plain")
    assert code == 200 and ctype.startswith("text/plain"), ctype
    assert body.startswith(b"tlsmirror report\n")
    code, ctype, body = curl_type("/", BROWSER_ACCEPT)
    assert code == 200 and ctype.startswith("text/html"), ctype
    assert body.lstrip().lower().startswith(b"<!doctype html>")
    # q-values decide; q=0 means "not this"; no preference means HTML.
    for accept, want in (("text/plain;q=0.5, application/json", "application/json"),
                         ("application/json;q=0, text/plain", "text/plain"),
                         ("text/html;q=0.1, text/plain;q=0.2", "text/plain"),
                         ("APPLICATION/JSON", "application/json"),
                         ("*/*", "text/html"),
                         ("", "text/html")):  # curl -H "Accept:" sends no Accept at all
        code, ctype, body = curl_type("/", accept)
        assert code == 200 and ctype.startswith(want), (accept, ctype)
    # Forced formats ignore Accept.
    for path, accept, want in (("/html", "application/json", "text/html"),
                               ("/json", "text/html", "application/json"),
                               ("/json", BROWSER_ACCEPT, "application/json"),
                               ("/text", "application/json", "text/plain"),
                               ("/text", BROWSER_ACCEPT, "text/plain")):
        code, ctype, body = curl_type(path, accept)
        assert code == 200 and ctype.startswith(want), (path, accept, ctype)
    _, _, body = curl_type("/json", "text/html")
    json.loads(body)
    # Only / varies by Accept.
    s = t.tls_connect(SRV)
    with s:
        s.sendall(req(path="/") + req(path="/json", close=True))
        raw, _ = t.recv_until_closed(s)
    (a, b), _ = t.split_responses(raw)
    assert a[1].get("vary") == "Accept" and "vary" not in b[1], (a[1], b[1])


def test_security_headers_on_html():
    s = t.tls_connect(SRV)
    with s:
        s.sendall(req(path="/html", close=True))
        raw, _ = t.recv_until_closed(s)
    (st, h, body), = t.split_responses(raw)[0]
    assert st == 200 and h["content-type"].startswith("text/html")
    csp = [d.strip() for d in h["content-security-policy"].split(";")]
    assert "default-src 'none'" in csp, csp
    assert not any(d.startswith("script-src") for d in csp), csp
    assert h["x-content-type-options"] == "nosniff"
    assert h["cache-control"] == "no-store"


def test_plain_http_on_tls_port():
    with socket.create_connection(("127.0.0.1", SRV.port), timeout=10) as s:
        s.sendall(f"GET / HTTP/1.1\r\nHost: localhost:{SRV.port}\r\n\r\n".encode())
        raw, closed = t.recv_until_closed(s)
        port = local_port(s)
    assert closed, closed
    assert re.match(rb"HTTP/1\.[01] 400 ", raw), raw[:100]
    (st, h, body), = t.split_responses(raw)[0]
    assert st == 400 and len(body) == int(h["content-length"])
    assert b"This is a TLS port" in body, body
    assert f"https://localhost:{SRV.port}/".encode() in body, body
    line = t.wait_log_count(SRV, rf"peer=127\.0\.0\.1:{port} ", 1)[0]
    assert "plain HTTP request on the TLS port" in line, line


def test_non_tls_bytes():
    rnd = random.Random(20240611)
    for first in (0x00, 0x80, 0xff, 0x15):
        data = bytes([first]) + bytes(rnd.randrange(256) for _ in range(63))
        t0 = time.monotonic()
        with socket.create_connection(("127.0.0.1", SRV.port), timeout=10) as s:
            s.sendall(data)
            raw, closed = t.recv_until_closed(s, timeout=5)
            port = local_port(s)
        assert closed and raw == b"", (first, closed, raw[:100])
        assert time.monotonic() - t0 < 4
        line = t.wait_log_count(SRV, rf"peer=127\.0\.0\.1:{port} ", 1)[0]
        assert f"not a TLS handshake (first byte 0x{first:02x})" in line, line


def closed_after(sock, timeout=6):
    """Seconds until the server closes sock, measured by the caller's t0."""
    raw, closed = t.recv_until_closed(sock, timeout=timeout)
    return raw, closed, time.monotonic()


def test_handshake_and_idle_timeouts():
    with t.Server("--handshake-timeout", "1", "--idle-timeout", "1") as srv:
        # 1. TCP connection that sends nothing.
        s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
        t0 = time.monotonic()
        with s:
            raw, closed, t1 = closed_after(s)
            p1 = local_port(s)
        assert closed and raw == b"", closed
        assert 0.95 <= t1 - t0 <= 4, t1 - t0
        # 2. The first 4 bytes of a TLS record header, then nothing.
        s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
        t0 = time.monotonic()
        with s:
            s.sendall(b"\x16\x03\x01\x00")
            raw, closed, t1 = closed_after(s)
            p2 = local_port(s)
        assert closed and raw == b"", closed
        assert 0.95 <= t1 - t0 <= 4, t1 - t0
        for p in (p1, p2):
            line = t.wait_log_count(srv, rf"peer=127\.0\.0\.1:{p} ", 1)[0]
            assert "handshake timeout" in line and "handshake failed" in line, line
        # 3. Idle after one keep-alive response.
        s = t.tls_connect(srv)
        with s:
            t0 = time.monotonic()
            s.sendall(req(path="/json"))
            (r,), rest = t.recv_responses(s, 1)
            assert r[0] == 200 and r[1]["connection"] == "keep-alive"
            raw, closed, t1 = closed_after(s)
            p3 = local_port(s)
        assert closed is True and raw == b"", (closed, raw)  # close_notify, nothing else
        assert 0.95 <= t1 - t0 <= 4, t1 - t0
        line = t.wait_log_count(srv, rf"peer=127\.0\.0\.1:{p3} ", 1)[0]
        assert 'closed="idle timeout"' in line and "requests=1 " in line, line
        # A partial request also counts as idle: the deadline is not extended by nothing.
        s = t.tls_connect(srv)
        with s:
            t0 = time.monotonic()
            s.sendall(b"GET /json HTTP/1.1\r\nHost: local")
            raw, closed, t1 = closed_after(s)
        assert closed and raw == b"", (closed, raw)
        assert 0.95 <= t1 - t0 <= 4, t1 - t0
        # Still serving.
        p, rep = t.curl_json(srv)
        assert rep["connection"]["id"] == 5, rep["connection"]


def test_ipv6():
    try:
        probe = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        probe.bind(("::1", 0))
        probe.close()
    except OSError as e:
        print(f"SKIP (sub-case): cannot bind ::1: {e}")
        return
    with t.Server(listen=("[::1]:0",)) as srv:
        assert srv.urls == [f"https://[::1]:{srv.port}/"], srv.urls
        p = t.run(["curl", "-6", "-sS", "--max-time", "10", "--cacert", t.pki("ca.crt"),
                   "-w", "\n%{remote_ip} %{ssl_verify_result}",
                   f"https://[::1]:{srv.port}/json"])
        assert p.returncode == 0, p.stderr_text
        body, _, tail = p.stdout.rpartition(b"\n")
        assert tail == b"::1 0", tail
        rep = json.loads(body)
        assert rep["connection"]["server"] == f"[::1]:{srv.port}", rep["connection"]
        assert rep["connection"]["client"].startswith("[::1]:")
        srv.wait_log(r"info connection id=1 peer=\[::1\]:\d+ ")


def test_listen_localhost():
    want = sorted({ai[4][0] for ai in socket.getaddrinfo(
        "localhost", 0, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)})
    with t.Server(listen=("localhost:0",)) as srv:
        hosts = sorted(re.match(r"https://\[?([^\]/]+?)\]?:\d+/$", u).group(1) for u in srv.urls)
        assert hosts == want, (hosts, want, srv.urls)
        for u in srv.urls:
            p = t.run(["curl", "-sS", "--max-time", "10", "--cacert", t.pki("ca.crt"),
                       "-o", "/dev/null", "-w", "%{http_code}", u + "text"])
            assert p.stdout == b"200", (u, p.stdout, p.stderr_text)
    if "::1" not in want:
        print("note: localhost does not resolve to ::1 here; only 127.0.0.1 checked")


def test_log_format_json():
    with t.Server("--log-format", "json") as srv:
        s = t.tls_connect(srv, cert=t.pki("client-rsa.crt"), key=t.pki("client-rsa.key"),
                          version=ssl.TLSVersion.TLSv1_3)
        with s:
            s.sendall(req(close=True))
            raw, closed = t.recv_until_closed(s)
            view = (f"127.0.0.1:{local_port(s)}", s.version(), s.cipher()[0])
        assert closed is True and raw.startswith(b"HTTP/1.1 200 ")
        with socket.create_connection(("127.0.0.1", srv.port), timeout=10) as s:
            s.sendall(b"\x01\x02\x03")
            t.recv_until_closed(s, timeout=5)
        t.wait_log_count(srv, r"not a TLS handshake", 1)
        srv.stop()
        assert srv.proc.returncode == 0
        lines = t.log_lines(srv)
    objs = [json.loads(l) for l in lines]  # every line parses
    assert len(objs) == 3, lines
    assert all(isinstance(o, dict) and o["level"] in ("info", "warn") for o in objs), objs
    conn = [o for o in objs if o["msg"] == "connection"]
    assert len(conn) == 1, objs
    c = conn[0]
    assert (c["peer"], c["protocol"], c["cipher"]) == view, (c, view)
    verify = t.run(["openssl", "verify", "-CAfile", t.pki("ca.crt"), t.pki("client-rsa.crt")])
    assert verify.returncode == 0  # the CA's own view: this certificate verifies
    assert c["verify"] == "verified", c
    assert c["id"] == "1" and c["status"] == "200" and c["closed"] == "Connection: close"
    bad = [o for o in objs if o["msg"] == "handshake failed"]
    assert len(bad) == 1 and "not a TLS handshake (first byte 0x01)" in bad[0]["failure"]
    assert "received signal 15" in objs[-1]["msg"], objs[-1]


def test_still_serving():
    # Every scenario above used SRV; it must still answer normally.
    assert SRV.proc.poll() is None, "server died"
    p, rep = t.curl_json(SRV, path="/json")
    ok = t.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{ssl_verify_result}",
                "--cacert", t.pki("ca.crt"), "--resolve", f"localhost:{SRV.port}:127.0.0.1",
                f"https://localhost:{SRV.port}/text"])
    assert ok.stdout_text == "200 0", ok.stdout_text
    n = rep["connection"]["id"]
    assert n > 20, n
    # One log line per connection, ids 1..n+1, each exactly once.
    t.wait_log_count(SRV, rf" id={n + 1} ", 1)
    ids = [int(m.group(1)) for m in re.finditer(r" id=(\d+) ", SRV.log())]
    assert sorted(ids) == list(range(1, n + 2)), ids
    assert len(t.log_lines(SRV)) == n + 1


TESTS = [test_head_same_length_no_body, test_keep_alive_then_close, test_pipelined,
         test_pipelined_burst_then_close,
         test_404_names_path, test_405_post, test_414_long_target,
         test_431_large_and_many_headers, test_400_and_505, test_accept_negotiation,
         test_security_headers_on_html, test_plain_http_on_tls_port, test_non_tls_bytes,
         test_handshake_and_idle_timeouts, test_ipv6, test_listen_localhost,
         test_log_format_json, test_still_serving]

if __name__ == "__main__":
    t.need("curl", "openssl")
    code = 0
    with t.Server() as SRV:
        try:
            t.main(TESTS)
        except SystemExit as e:
            code = e.code
    sys.exit(code)
