"""The measurements, each made with the same client against any of the
servers in benchservers.py:

  handshakes()  openssl s_time, new (-new) or resumed (-reuse) TLS 1.3
                handshakes with the ECDSA client certificate and one GET each
  hold()        the server's RSS with N idle TLS connections held open
  keepalive()   requests per second on one keep-alive connection (pipelined)

Every loop is bounded by a count and a deadline. Stdlib only.
"""
import os
import re
import resource
import socket
import ssl
import subprocess
import time

from benchservers import pki

CLIENT_CERT = "client-ecdsa.crt"
CLIENT_KEY = "client-ecdsa.key"
S_TIME_RE = re.compile(r"^(\d+) connections in (\d+) real seconds, (\d+) bytes read per connection",
                       re.M)
USER_RE = re.compile(r"^(\d+) connections in ([\d.]+)s; ([\d.]+) connections/user sec", re.M)
CONTENT_LENGTH_RE = re.compile(rb"\r\ncontent-length:\s*(\d+)", re.I)
REQUEST = b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"


def cpu_seconds(pid):
    """User + system CPU time a process has used (/proc/PID/stat), in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        stat = f.read()
    fields = stat[stat.rfind(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy():
    """CPU seconds all cores spent outside idle and iowait (/proc/stat)."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]
    return (sum(v) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK")


def children_cpu():
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def s_time_argv(port, mode, seconds):
    return ["openssl", "s_time", "-connect", f"127.0.0.1:{port}", f"-{mode}",
            "-time", str(seconds), "-cert", pki(CLIENT_CERT), "-key", pki(CLIENT_KEY),
            "-CAfile", pki("ca.crt"), "-www", "/"]


def _align_to_second():
    """s_time counts whole seconds of time(): it stops once time() passes
    start + seconds, so a run lasts between seconds and seconds + 1 and it
    prints seconds + 1. Starting just after a second boundary makes the run
    last nearly seconds + 1, so its own count of real seconds is right to ~2%."""
    frac = time.time() % 1.0
    if frac > 0.01:
        time.sleep(1.0 - frac + 0.002)


def handshakes(server, mode, seconds):
    """One s_time run (mode "new" or "reuse"); returns a dict of s_time's own
    figures plus the server's CPU time and the driver's wall clock."""
    argv = s_time_argv(server.port, mode, seconds)
    _align_to_second()
    cpu0, busy0, kids0 = cpu_seconds(server.worker_pid), machine_busy(), children_cpu()
    t0 = time.monotonic()
    p = subprocess.run(argv, capture_output=True, text=True, errors="replace",
                       timeout=seconds + 60)
    wall = time.monotonic() - t0
    cpu = cpu_seconds(server.worker_pid) - cpu0
    others = machine_busy() - busy0 - cpu - (children_cpu() - kids0)
    m = S_TIME_RE.findall(p.stdout)
    u = USER_RE.findall(p.stdout)
    if p.returncode != 0 or not m or not u:
        raise RuntimeError(f"s_time -{mode} against {server.name} failed ({p.returncode}): "
                           f"{p.stdout[-1500:]} {p.stderr[-1500:]} {server.errors()}")
    conns, real, per_conn = (int(x) for x in m[-1])
    if conns == 0:
        raise RuntimeError(f"s_time -{mode} made no connection to {server.name}: "
                           f"{p.stderr[-1500:]}")
    # The progress line has one mark per connection: 'r' resumed, '*' new.
    marks = "".join(l for l in p.stdout.splitlines() if l and set(l) <= set("*r"))
    return {"connections": conns, "real_seconds": real,
            "per_second": conns / real,
            "wall_per_second": conns / wall,
            "bytes_per_connection": per_conn,
            "client_cpu_per_connection_us": float(u[-1][1]) / conns * 1e6,
            "server_cpu_per_connection_us": cpu / conns * 1e6,
            "resumed_fraction": marks.count("r") / max(len(marks), 1),
            "other_load": max(others, 0.0) / wall}


def client_context():
    """The Python client: TLS 1.3 only (as s_time negotiates), the ECDSA
    client certificate, verifying the server against the test CA."""
    ctx = ssl.create_default_context(cafile=pki("ca.crt"))
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    ctx.load_cert_chain(pki(CLIENT_CERT), pki(CLIENT_KEY))
    return ctx


def connect(ctx, port):
    raw = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        return ctx.wrap_socket(raw, server_hostname="localhost")
    except BaseException:
        raw.close()
        raise


def check_tls13(server):
    """One TLS 1.3-only handshake with the client certificate and a GET, read
    to the end: the server speaks TLS 1.3, received the certificate (each
    answer names its subject) and answers, so the s_time figures compare like
    with like. Returns (protocol, cipher, response bytes)."""
    s = connect(client_context(), server.port)
    try:
        proto, cipher = s.version(), s.cipher()[0]
        s.sendall(b"GET / HTTP/1.0\r\n\r\n")
        data = _read_to_eof(s, time.monotonic() + 10)
    finally:
        s.close()
    if proto != "TLSv1.3" or not data.startswith(b"HTTP/1.") or b"client-ecdsa" not in data:
        raise RuntimeError(f"{server.name}: {proto} {cipher}, answer {data[:200]!r}")
    return proto, cipher, len(data)


def _read_to_eof(sock, deadline, limit=1 << 24):
    data = b""
    for _ in range(100000):
        left = deadline - time.monotonic()
        if left <= 0 or len(data) > limit:
            raise RuntimeError(f"no end of response: {data[:200]!r}")
        sock.settimeout(left)
        try:
            chunk = sock.recv(65536)
        except (ssl.SSLEOFError, ConnectionResetError, ssl.SSLZeroReturnError):
            break
        if not chunk:
            break
        data += chunk
    return data


def read_responses(sock, buf, count, deadline):
    """Reads `count` Content-Length-framed responses; buf (bytearray) holds
    bytes read beyond them on return. Returns the body bytes read."""
    body_bytes = 0
    for _ in range(count):
        for _ in range(100000):
            end = buf.find(b"\r\n\r\n")
            if end >= 0:
                m = CONTENT_LENGTH_RE.search(buf, 0, end + 2)
                if not m or not buf.startswith(b"HTTP/1.1 200"):
                    raise RuntimeError(f"unexpected response: {bytes(buf[:300])!r}")
                total = end + 4 + int(m.group(1))
                if len(buf) >= total:
                    body_bytes += total - end - 4
                    del buf[:total]
                    break
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError("timed out reading a response")
            sock.settimeout(left)
            chunk = sock.recv(262144)
            if not chunk:
                raise RuntimeError("the server closed a keep-alive connection")
            buf += chunk
        else:
            raise RuntimeError("response loop bound reached")
    return body_bytes


def hold(server, n, settle=0.5, warmup=5):
    """Opens n TLS connections with the client certificate and holds them:
    RSS before, after the handshakes (nothing sent), after one keep-alive
    request on each, and after closing them all. Returns bytes."""
    ctx = client_context()
    for _ in range(warmup):  # one-time allocations are not per connection
        s = connect(ctx, server.port)
        s.sendall(REQUEST)
        read_responses(s, bytearray(), 1, time.monotonic() + 10)
        s.close()
    time.sleep(settle)
    out = {"connections": n, "rss_before": server.rss()}
    socks = []
    try:
        for _ in range(n):
            socks.append(connect(ctx, server.port))
        time.sleep(settle)
        out["rss_handshaken"] = server.rss()
        for s in socks:
            s.sendall(REQUEST)
        deadline = time.monotonic() + 60
        for s in socks:
            read_responses(s, bytearray(), 1, deadline)
        time.sleep(settle)
        out["rss_after_request"] = server.rss()
    finally:
        for s in socks:
            s.close()
    time.sleep(settle)
    out["rss_closed"] = server.rss()
    out["per_connection_handshaken"] = (out["rss_handshaken"] - out["rss_before"]) / n
    out["per_connection_after_request"] = (out["rss_after_request"] - out["rss_before"]) / n
    return out


def keepalive(server, seconds, depth=16, max_batches=1000000):
    """Requests per second for GET / on one keep-alive connection with the
    client certificate, `depth` requests pipelined per batch. The client's
    CPU share says whether the Python client, not the server, was the limit."""
    ctx = client_context()
    s = connect(ctx, server.port)
    batch = REQUEST * depth
    buf = bytearray()
    n = body = 0
    try:
        t0 = time.monotonic()
        c0, busy0, srv0 = time.process_time(), machine_busy(), cpu_seconds(server.worker_pid)
        deadline = t0 + seconds
        for _ in range(max_batches):
            if time.monotonic() >= deadline:
                break
            s.sendall(batch)
            body += read_responses(s, buf, depth, deadline + 30)
            n += depth
        wall = time.monotonic() - t0
        cpu = time.process_time() - c0
        srv = cpu_seconds(server.worker_pid) - srv0
        others = machine_busy() - busy0 - cpu - srv
    finally:
        s.close()
    return {"requests": n, "seconds": wall, "per_second": n / wall,
            "bytes_per_response": body / max(n, 1), "client_cpu_share": cpu / wall,
            "server_cpu_per_request_us": srv / max(n, 1) * 1e6,
            "other_load": max(others, 0.0) / wall}
