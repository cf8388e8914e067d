"""Shared harness for tlsmirror integration tests.

Starts the real tlsmirror binary on a free loopback port, reads the bound
addresses from its start-up line, and offers helpers that drive it with real
clients (curl, openssl s_client, Python's ssl). Stdlib only.

Environment (set by tests/integration/meson.build):
  TLSMIRROR  path to the built binary
  TLSM_PKI   directory of the generated test PKI (certs/gen-pki.sh)
"""
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time

SKIP = 77
BIN = os.environ.get("TLSMIRROR", "")
PKI = os.environ.get("TLSM_PKI", "")
# The openssl command of the OpenSSL tlsmirror is built with (meson finds it
# next to that OpenSSL's libraries): its own verdicts and cipher lists are the
# reference for the server's. Clients stay the system's own tools.
OPENSSL = os.environ.get("TLSM_OPENSSL_CLI") or "openssl"
START_RE = re.compile(r"listening on (.*)$")


def need(*tools):
    """Exits with meson's SKIP code when a client tool is missing."""
    for t in tools:
        if shutil.which(t) is None:
            print(f"SKIP: {t} not installed", file=sys.stderr)
            sys.exit(SKIP)


def pki(name):
    return os.path.join(PKI, name)


class Server:
    """A running tlsmirror; use as a context manager."""

    def __init__(self, *args, demo=False, listen=("127.0.0.1:0",), timeout=10, binary=None):
        binary = binary or BIN
        if not binary or not os.path.exists(binary):
            raise RuntimeError("TLSMIRROR is not set to the built binary")
        self.tmp = tempfile.mkdtemp(prefix="tlsm-it-")
        argv = [binary]
        for l in listen:
            argv += ["--listen", l]
        if demo:
            argv += ["--demo-dir", os.path.join(self.tmp, "demo")]
        elif "--cert" not in args:
            argv += ["--cert", pki("server.crt"), "--key", pki("server.key"),
                     "--CAfile", pki("ca.crt")]
        argv += list(args)
        self.argv = argv
        self.stderr_path = os.path.join(self.tmp, "stderr.log")
        self.stdout_path = os.path.join(self.tmp, "stdout.log")
        self._err = open(self.stderr_path, "wb")
        self._out = open(self.stdout_path, "wb")
        self.proc = subprocess.Popen(argv, stdout=self._out, stderr=self._err,
                                     stdin=subprocess.DEVNULL)
        self.urls = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            out = self.stdout()
            m = START_RE.search(out)
            if m:
                self.urls = m.group(1).split()
                break
            if self.proc.poll() is not None:
                raise RuntimeError(f"tlsmirror exited {self.proc.returncode}: {self.log()}")
            time.sleep(0.02)
        if not self.urls:
            self.stop()
            raise RuntimeError("tlsmirror printed no listening line: " + self.log())
        m = re.match(r"https://(\[[^\]]+\]|[^:/]+):(\d+)/", self.urls[0])
        self.host = m.group(1).strip("[]")
        self.port = int(m.group(2))
        self.demo_dir = os.path.join(self.tmp, "demo") if demo else None

    def stdout(self):
        with open(self.stdout_path, "r", errors="replace") as f:
            return f.read()

    def log(self):
        """Everything tlsmirror wrote to stderr so far (bytes decoded leniently)."""
        with open(self.stderr_path, "r", errors="replace") as f:
            return f.read()

    def wait_log(self, pattern, timeout=5):
        """Waits until a log line matches the regex; returns the match."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            m = re.search(pattern, self.log())
            if m:
                return m
            time.sleep(0.05)
        raise AssertionError(f"no log line matching {pattern!r} in:\n{self.log()}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._err.close()
        self._out.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        rc = self.proc.returncode
        shutil.rmtree(self.tmp, ignore_errors=True)
        # A sanitizer report or crash makes the server exit non-zero on SIGTERM.
        if exc[0] is None and rc not in (0, -15):
            raise AssertionError(f"tlsmirror exited with {rc}")
        return False


def run(argv, input=None, timeout=20, check=False):
    """Runs a client; returns CompletedProcess with text stdout/stderr."""
    p = subprocess.run(argv, input=input, capture_output=True, timeout=timeout)
    p.stdout_text = p.stdout.decode("utf-8", "replace")
    p.stderr_text = p.stderr.decode("utf-8", "replace")
    if check and p.returncode != 0:
        raise AssertionError(f"{argv} failed ({p.returncode}): {p.stderr_text}")
    return p


def curl(srv, path="/json", cert=None, key=None, cacert=None, extra=(), host="localhost"):
    """curl against the server; returns (CompletedProcess, body bytes)."""
    argv = ["curl", "-sS", "-v", "--max-time", "10",
            "--resolve", f"{host}:{srv.port}:{srv.host}",
            "--cacert", cacert or pki("ca.crt")]
    if cert:
        argv += ["--cert", cert]
    if key:
        argv += ["--key", key]
    argv += list(extra)
    argv.append(f"https://{host}:{srv.port}{path}")
    p = run(argv)
    return p, p.stdout


def curl_json(srv, **kw):
    p, body = curl(srv, **kw)
    if p.returncode != 0:
        raise AssertionError(f"curl failed ({p.returncode}): {p.stderr_text}")
    return p, json.loads(body)


def s_client(srv, args=(), request=None, timeout=15, openssl="openssl"):
    """openssl s_client (another openssl command when given); sends request
    (bytes) when given. Returns CompletedProcess."""
    argv = [openssl, "s_client", "-connect", f"{srv.host}:{srv.port}",
            "-servername", "localhost", "-CAfile", pki("ca.crt")] + list(args)
    data = request if request is not None else b""
    return run(argv, input=data, timeout=timeout)


def http_get(path="/json", headers=None):
    h = {"Host": "localhost", "Connection": "close"}
    h.update(headers or {})
    lines = [f"GET {path} HTTP/1.1"] + [f"{k}: {v}" for k, v in h.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def body_of(raw):
    """Splits an HTTP response (bytes) into (status, headers dict, body)."""
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for l in lines[1:]:
        k, _, v = l.partition(":")
        headers[k.strip().lower()] = v.strip()
    return status, headers, body


def s_client_json(srv, args=(), path="/json"):
    """s_client handshake + GET; returns (CompletedProcess, report dict)."""
    p = s_client(srv, list(args) + ["-ign_eof"], request=http_get(path))
    raw = p.stdout
    i = raw.find(b"HTTP/1.1 ")
    if i < 0:
        raise AssertionError(f"no HTTP response from s_client: {p.stdout_text}\n{p.stderr_text}")
    status, headers, body = body_of(raw[i:])
    # s_client prints more after the body ("closed"): frame by Content-Length.
    body = body[:int(headers.get("content-length", len(body)))]
    return p, json.loads(body)


def s_client_field(p, name):
    """s_client's own view: 'Protocol' or 'Cipher' from its session summary."""
    m = re.search(rf"^\s*{name}\s*:\s*(\S+)", p.stdout_text, re.M)
    if m:
        return m.group(1)
    if name == "Protocol":
        m = re.search(r"^New, (TLSv[\d.]+), Cipher is (\S+)", p.stdout_text, re.M)
        return m.group(1) if m else None
    return None


def cert_field(path, *args):
    """openssl x509 -noout <args> on a certificate file: the certificate's own view."""
    return run(["openssl", "x509", "-in", path, "-noout"] + list(args), check=True).stdout_text.strip()


def tls_connect(srv, cert=None, key=None, version=None, server_hostname="localhost"):
    """A Python ssl client socket to the server (the caller closes it)."""
    ctx = ssl.create_default_context(cafile=pki("ca.crt"))
    if version is not None:
        ctx.minimum_version = version
        ctx.maximum_version = version
    if cert:
        ctx.load_cert_chain(cert, key)
    raw = socket.create_connection((srv.host, srv.port), timeout=10)
    return ctx.wrap_socket(raw, server_hostname=server_hostname)


def recv_response(sock, timeout=10):
    """Reads one HTTP response with a Content-Length body from a socket."""
    sock.settimeout(timeout)
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            break
        buf += chunk
    status, headers, body = body_of(buf)
    n = int(headers.get("content-length", "0"))
    while len(body) < n:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return status, headers, body


def main(tests):
    """Runs test functions in order; any exception fails the file."""
    failed = 0
    for t in tests:
        try:
            t()
            print(f"ok   {t.__name__}")
        except Exception as e:  # report every failure, then exit non-zero
            failed += 1
            print(f"FAIL {t.__name__}: {e!r}")
            import traceback
            traceback.print_exc()
    sys.exit(1 if failed else 0)


# Generic helpers for raw-socket tests (test_http, test_hostile, test_cli).

def recv_until_closed(sock, timeout=10, limit=1 << 22):
    """Reads until the peer closes, `timeout` seconds pass or `limit` bytes
    arrive. Returns (bytes, closed): closed is True for an orderly EOF (TLS
    close_notify or TCP FIN), "reset" when the peer reset the connection or
    ended TLS without close_notify, and False on timeout or limit."""
    deadline = time.monotonic() + timeout
    buf = b""
    while len(buf) < limit:
        left = deadline - time.monotonic()
        if left <= 0:
            return buf, False
        sock.settimeout(left)
        try:
            chunk = sock.recv(65536)
        except (socket.timeout, TimeoutError):
            return buf, False
        except (ConnectionResetError, BrokenPipeError, ssl.SSLEOFError):
            return buf, "reset"
        except ssl.SSLZeroReturnError:
            return buf, True
        if not chunk:
            return buf, True
        buf += chunk
    return buf, False


def split_responses(raw, head_only=()):
    """Splits a byte stream of HTTP/1.1 responses framed by Content-Length.
    head_only holds the indexes of responses to HEAD requests (no body).
    Returns (list of (status, headers dict, body), leftover bytes)."""
    out = []
    while raw:
        i = raw.find(b"\r\n\r\n")
        if i < 0:
            break
        status, headers, _ = body_of(raw[:i + 4])
        n = 0 if len(out) in head_only else int(headers.get("content-length", "0"))
        if len(raw) < i + 4 + n:
            break
        out.append((status, headers, raw[i + 4:i + 4 + n]))
        raw = raw[i + 4 + n:]
    return out, raw


def recv_responses(sock, count, head_only=(), timeout=10):
    """Reads exactly `count` Content-Length-framed responses from a socket
    (bounded by `timeout`); returns (responses, leftover bytes)."""
    deadline = time.monotonic() + timeout
    buf = b""
    for _ in range(10000):
        resps, rest = split_responses(buf, head_only)
        if len(resps) >= count:
            return resps, rest
        left = deadline - time.monotonic()
        if left <= 0:
            break
        sock.settimeout(left)
        try:
            chunk = sock.recv(65536)
        except (socket.timeout, TimeoutError):
            break
        if not chunk:
            break
        buf += chunk
    raise AssertionError(f"wanted {count} responses, got {len(split_responses(buf, head_only)[0])}:"
                         f" {buf[:2000]!r}")


def log_lines(srv):
    """tlsmirror's stderr so far as a list of raw byte lines (no newline)."""
    with open(srv.stderr_path, "rb") as f:
        data = f.read()
    return data.split(b"\n")[:-1] if data.endswith(b"\n") else data.split(b"\n")


def wait_log_count(srv, pattern, count, timeout=5):
    """Waits until at least `count` stderr lines match the regex; returns them."""
    deadline = time.monotonic() + timeout
    rx = re.compile(pattern)
    while True:
        found = [l for l in srv.log().splitlines() if rx.search(l)]
        if len(found) >= count or time.monotonic() >= deadline:
            if len(found) < count:
                raise AssertionError(f"{len(found)} < {count} log lines matching "
                                     f"{pattern!r} in:\n{srv.log()}")
            return found
        time.sleep(0.05)


# Generic helpers for the matrix and verification tests (test_matrix, test_verify):
# the clients' and the certificates' own views, parsed from the openssl CLI.

def s_client_report(srv, args=(), path="/json", trace=False, timeout=15, openssl="openssl"):
    """s_client handshake + GET, the response framed by its Content-Length
    (s_client prints more after the body, such as "closed"). With trace,
    s_client's -trace output goes to a file and comes back as p.trace.
    Returns (CompletedProcess, status, report dict or None for non-JSON)."""
    extra = ["-ign_eof"]
    tmp = None
    if trace:
        tmp = tempfile.mkdtemp(prefix="tlsm-trace-")
        extra += ["-trace", "-msgfile", os.path.join(tmp, "trace.txt")]
    try:
        p = s_client(srv, list(args) + extra, request=http_get(path), timeout=timeout,
                     openssl=openssl)
        if tmp:
            with open(os.path.join(tmp, "trace.txt"), "r", errors="replace") as f:
                p.trace = f.read()
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    i = p.stdout.find(b"HTTP/1.1 ")
    resps, _ = split_responses(p.stdout[i:]) if i >= 0 else ([], b"")
    if not resps:
        raise AssertionError(f"no HTTP response from s_client: {p.stdout_text}\n{p.stderr_text}")
    status, headers, body = resps[0]
    rep = json.loads(body) if headers.get("content-type") == "application/json" else None
    return p, status, rep


def curl_ssl_line(p):
    """curl -v's own 'SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384'."""
    m = re.search(r"SSL connection using (\S+) / (\S+)", p.stderr_text)
    if not m:
        raise AssertionError(f"no 'SSL connection using' line from curl: {p.stderr_text}")
    return m.group(1), m.group(2)


def trace_records(trace):
    """Splits s_client -trace output into [("Sent"|"Received", record text)]."""
    parts = re.split(r"^(Sent|Received) (?:TLS )?Record\n", trace, flags=re.M)
    return [(parts[i], parts[i + 1]) for i in range(1, len(parts) - 1, 2)]


def trace_message(trace, direction, msg):
    """The first record sent or received whose text has a `msg` handshake message."""
    for d, text in trace_records(trace):
        if d == direction and re.search(rf"^\s+{msg}, Length=", text, re.M):
            return text
    return None


def trace_sigalg(trace, direction, msg="CertificateVerify"):
    """The signature scheme code (int) in a traced CertificateVerify or
    ServerKeyExchange, or None."""
    text = trace_message(trace, direction, msg)
    m = re.search(r"Signature Algorithm: \S+ \((0x[0-9a-fA-F]{4})\)", text or "")
    return int(m.group(1), 16) if m else None


def trace_hello_codes(trace, ext):
    """Code points listed in the sent ClientHello: ext is "cipher_suites",
    "signature_algorithms" or "supported_groups"; returns a list of ints."""
    hello = trace_message(trace, "Sent", "ClientHello") or ""
    if ext == "cipher_suites":
        m = re.search(r"cipher_suites \(len=\d+\)\n((?:\s+\{0x.*\n)*)", hello)
        return [int(a, 16) << 8 | int(b, 16) for a, b in
                re.findall(r"\{0x([0-9A-Fa-f]{2}), 0x([0-9A-Fa-f]{2})\}", m.group(1) if m else "")]
    m = re.search(rf"extension_type={ext}\(\d+\), length=\d+\n((?:\s{{10,}}.*\n)*)", hello)
    body = m.group(1) if m else ""
    if ext == "signature_algorithms":
        return [int(c, 16) for c in re.findall(r"\((0x[0-9a-fA-F]{4})\)$", body, re.M)]
    return [int(c) for c in re.findall(r"\((\d+)\)$", body, re.M)]


def openssl_date_iso(s):
    """'Nov 23 05:58:05 2026 GMT' (openssl x509 -dates) to '2026-11-23T05:58:05Z'."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.strptime(s.strip(), "%b %d %H:%M:%S %Y GMT"))


_KEY_ALGS = {"rsaEncryption": "RSA", "id-ecPublicKey": "EC", "ED25519": "ED25519",
             "ED448": "ED448"}
_KU_NAMES = {"Digital Signature": "digitalSignature", "Non Repudiation": "nonRepudiation",
             "Key Encipherment": "keyEncipherment", "Data Encipherment": "dataEncipherment",
             "Key Agreement": "keyAgreement", "Certificate Sign": "keyCertSign",
             "CRL Sign": "cRLSign", "Encipher Only": "encipherOnly",
             "Decipher Only": "decipherOnly"}


def cert_view(path):
    """A certificate file's own fields via `openssl x509`, in the report's
    vocabulary: subject/issuer (RFC 2253), serial, not_before/not_after (ISO
    8601), sha256/sha1, sans [(type, value)], key_type, key_bits (None when
    openssl does not print them, as for Ed25519), key_curve, signature_algorithm,
    key_usage, extended_key_usage (lists or None)."""
    def field(*args):
        return cert_field(path, *args).split("=", 1)[1]
    v = {"subject": field("-subject", "-nameopt", "RFC2253"),
         "issuer": field("-issuer", "-nameopt", "RFC2253"),
         "serial": field("-serial"),
         "not_before": openssl_date_iso(field("-startdate")),
         "not_after": openssl_date_iso(field("-enddate")),
         "sha256": field("-fingerprint", "-sha256"),
         "sha1": field("-fingerprint", "-sha1")}
    text = cert_field(path, "-text", "-certopt", "no_header,no_version,no_serial,no_issuer,"
                      "no_validity,no_subject,no_sigdump")
    alg = re.search(r"Public Key Algorithm: (\S+)", text).group(1)
    v["key_type"] = _KEY_ALGS.get(alg, alg)
    m = re.search(r"Public-Key: \((\d+) bit\)", text)
    v["key_bits"] = int(m.group(1)) if m else None
    m = re.search(r"ASN1 OID: (\S+)", text)
    v["key_curve"] = m.group(1) if m else None
    v["signature_algorithm"] = re.search(r"Signature Algorithm: (\S+)", text).group(1)
    m = re.search(r"X509v3 Key Usage:.*\n\s+(.*)\n", text)
    v["key_usage"] = [_KU_NAMES.get(u.strip(), u.strip()) for u in m.group(1).split(",")] \
        if m else None
    m = re.search(r"X509v3 Extended Key Usage:.*\n\s+(.*)\n", text)
    v["extended_key_usage"] = [u.strip() for u in m.group(1).split(",")] if m else None
    m = re.search(r"X509v3 Subject Alternative Name:.*\n\s+(.*)\n", text)
    sans = []
    for item in (m.group(1).split(", ") if m else []):
        typ, _, val = item.partition(":")
        sans.append(({"DNS": "dns", "IP Address": "ip"}.get(typ, typ), val))
    v["sans"] = sans
    return v


def openssl_verify(cert, *args):
    """`openssl verify -CAfile ca.crt -purpose sslclient ARGS cert`: OpenSSL's own
    verdict. Returns None when it says OK, else (code, depth, string, subject
    as printed on the line before the error)."""
    p = run([OPENSSL, "verify", "-CAfile", pki("ca.crt"), "-purpose", "sslclient"]
            + list(args) + [cert])
    out = p.stdout_text + p.stderr_text
    m = re.search(r"^(.*)\nerror (\d+) at (\d+) depth lookup: (.*)$", out, re.M)
    if not m:
        if p.returncode == 0 and out.strip().endswith(": OK"):
            return None
        raise AssertionError(f"cannot read openssl verify's output: {out}")
    return int(m.group(2)), int(m.group(3)), m.group(4).strip(), m.group(1).strip()


def security_level():
    """The security level tlsmirror runs at by default (its --capabilities)."""
    p = run([BIN, "--capabilities"], timeout=60, check=True)
    return json.loads(p.stdout)["configuration"]["security_level"]


def openssl_ciphers():
    """`openssl ciphers -V -stdname`: {openssl name: (code int, IANA name)}."""
    out = run([OPENSSL, "ciphers", "-V", "-stdname", "ALL:COMPLEMENTOFALL"],
              check=True).stdout_text
    table = {}
    for m in re.finditer(r"0x([0-9A-F]{2}),0x([0-9A-F]{2}) - (\S+)\s+- (\S+)", out):
        table[m.group(4)] = (int(m.group(1), 16) << 8 | int(m.group(2), 16), m.group(3))
    return table


def s_client_alert(p):
    """s_client's own report of an alert it received: (description with
    underscores, e.g. "certificate_required", number) or None."""
    m = re.search(r"alert ([a-z ]+):.*SSL alert number (\d+)", p.stderr_text + p.stdout_text)
    return (m.group(1).strip().replace(" ", "_"), int(m.group(2))) if m else None
