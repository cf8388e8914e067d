"""The command line: help, version, bad values, start-up errors, SIGTERM.

Bad usage exits 2 with a message naming the option and the value; start-up
failures (files, keys, addresses) exit non-zero with a message naming the
file or address; SIGTERM ends the server promptly with exit 0 and a log line.
The version is checked against meson.build's project() line, not the binary.
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import time

import tlsmtest as t

SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CERT = ["--cert", t.pki("server.crt"), "--key", t.pki("server.key"), "--CAfile", t.pki("ca.crt")]


def tlsmirror(*args, timeout=10):
    """Runs the binary to completion (killed after `timeout`: a server that
    did not exit is itself a failure)."""
    try:
        return t.run([t.BIN] + list(args), timeout=timeout)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"tlsmirror {args} did not exit within {timeout} s")


def test_help():
    p = tlsmirror("--help")
    assert p.returncode == 0, p.returncode
    assert p.stdout_text.startswith("Usage: tlsmirror")
    for opt in ("--verify MODE", "--listen", "--cert", "--handshake-timeout", "--idle-timeout",
                "--log-format"):
        assert opt in p.stdout_text, opt
    assert p.stderr_text == ""
    assert tlsmirror("-h").stdout == p.stdout


def test_version():
    meson = open(os.path.join(SRC, "meson.build")).read()
    want = re.search(r"project\([^)]*?version:\s*'([^']+)'", meson, re.S).group(1)
    p = tlsmirror("--version")
    assert p.returncode == 0
    assert p.stdout_text.splitlines()[0] == f"tlsmirror {want}", (p.stdout_text, want)
    # The OpenSSL versions, as the help text promises.
    assert re.search(r"^running with OpenSSL \d+\.\d+\.\d+", p.stdout_text, re.M), p.stdout_text


def usage_error(args, *needles):
    p = tlsmirror("--listen", "127.0.0.1:0", *CERT, *args)
    assert p.returncode == 2, (args, p.returncode, p.stderr_text)
    assert "listening" not in p.stdout_text
    for n in needles:
        assert n in p.stderr_text, (args, n, p.stderr_text)
    assert "Try 'tlsmirror --help'" in p.stderr_text or "unexpected argument" in p.stderr_text
    return p


def test_bad_values():
    usage_error(["--verify", "maybe"], "--verify", "'maybe'")
    usage_error(["--listen", "nope"], "--listen", "'nope'")
    usage_error(["--listen", "1.2.3.4:99999"], "--listen", "'1.2.3.4:99999'")
    usage_error(["--listen", "::1:8443"], "--listen", "'::1:8443'")
    usage_error(["--log-format", "xml"], "--log-format", "'xml'")
    usage_error(["--log-level", "loud"], "--log-level", "'loud'")
    usage_error(["--verify-depth", "-1"], "--verify-depth", "'-1'")
    usage_error(["--verify-depth", "3x"], "--verify-depth", "'3x'")
    usage_error(["--handshake-timeout", "0"], "--handshake-timeout", "'0'")
    usage_error(["--idle-timeout", "abc"], "--idle-timeout", "'abc'")
    usage_error(["--max-conns", "0"], "--max-conns", "'0'")
    usage_error(["--no-such-option"], "--no-such-option")
    usage_error(["stray"], "stray")
    p = tlsmirror("--key", t.pki("server.key"))
    assert p.returncode == 2 and "--key needs --cert" in p.stderr_text, p.stderr_text


def startup_error(args, *needles):
    p = tlsmirror(*args)
    assert p.returncode not in (0, 2, None) and p.returncode > 0, (args, p.returncode)
    assert "listening" not in p.stdout_text
    for n in needles:
        assert re.search(n, p.stderr_text), (args, n, p.stderr_text)
    return p


def test_missing_files():
    startup_error(["--listen", "127.0.0.1:0", "--cert", "/nonexistent/server.crt"],
                  r"/nonexistent/server\.crt", r"certificate")
    startup_error(["--listen", "127.0.0.1:0", "--cert", t.pki("server.crt"),
                   "--key", "/nonexistent/server.key"], r"/nonexistent/server\.key", r"key")
    startup_error(["--listen", "127.0.0.1:0", *CERT[:4], "--CAfile", "/nonexistent/ca.crt"],
                  r"/nonexistent/ca\.crt")


def test_key_mismatch():
    # Same key type (P-256) and a different type (RSA): both must say so.
    for key in ("client-ecdsa.key", "client-rsa.key"):
        p = startup_error(["--listen", "127.0.0.1:0", "--cert", t.pki("server.crt"),
                           "--key", t.pki(key)], re.escape(key), r"mismatch|does not match")


def test_address_in_use():
    # A plain listening socket (no SO_REUSEADDR) ...
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        startup_error(["--listen", f"127.0.0.1:{port}", *CERT],
                      rf"127\.0\.0\.1:{port}", r"(?i)address already in use")
    # ... and another tlsmirror.
    with t.Server() as srv:
        startup_error(["--listen", f"127.0.0.1:{srv.port}", *CERT],
                      rf"127\.0\.0\.1:{srv.port}", r"(?i)address already in use")
        p, rep = t.curl_json(srv)  # the first one is unharmed
        assert rep["connection"]["id"] == 1


def test_sigterm():
    srv = t.Server()
    try:
        # An open keep-alive connection must not hold the shutdown up.
        s = t.tls_connect(srv)
        s.sendall(b"GET /json HTTP/1.1\r\nHost: localhost\r\n\r\n")
        (r,), _ = t.recv_responses(s, 1)
        assert r[0] == 200 and r[1]["connection"] == "keep-alive"
        port = s.getsockname()[1]
        t0 = time.monotonic()
        srv.proc.send_signal(signal.SIGTERM)
        try:
            rc = srv.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            raise AssertionError("tlsmirror did not exit within 5 s of SIGTERM")
        assert time.monotonic() - t0 < 3
        assert rc == 0, rc
        raw, closed = t.recv_until_closed(s, timeout=5)
        assert closed and raw == b"", (closed, raw)
        s.close()
        log = srv.log()
        assert re.search(r"info received signal 15: shutting down, closing 1 connection", log), log
        line = [l for l in log.splitlines() if f"peer=127.0.0.1:{port} " in l]
        assert len(line) == 1 and 'closed="server shutting down"' in line[0], line
        assert log.index("received signal 15") < log.index(f"peer=127.0.0.1:{port} ")
    finally:
        srv.stop()
        shutil.rmtree(srv.tmp, ignore_errors=True)


TESTS = [test_help, test_version, test_bad_values, test_missing_files, test_key_mismatch,
         test_address_in_use, test_sigterm]

if __name__ == "__main__":
    t.need("curl", "openssl")
    t.main(TESTS)
