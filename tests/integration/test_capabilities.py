"""Capabilities: `tlsmirror --capabilities` and GET /capabilities, checked
against independent views.

- The TLS 1.3 suites and TLS 1.2 ciphers are compared with the `openssl
  ciphers` command: the enabled TLS 1.2 set equals `openssl ciphers -V
  -stdname -s -tls1_2` exactly (code points and IANA names). Both are
  OpenSSL's SSL_get1_supported_ciphers() over the DEFAULT list at the system
  security level with the default signature algorithms; `-tls1_2` only
  removes the TLS 1.3 suites, which tlsmirror lists apart. The enabled TLS 1.3
  set equals `openssl ciphers -s -tls1_3`, and the supported sets equal what
  `openssl ciphers` lists for ALL:COMPLEMENTOFALL and for each TLS 1.3 suite.
- Signature algorithms and groups are compared with what a real `openssl
  s_client` sees from a running server with the same options: the
  CertificateRequest's codes (-trace) and its "Requested Signature
  Algorithms" line, the server's signature, groups accepted and refused.
- /capabilities.json is byte-identical to `--capabilities` with the same
  options; the scan binds no socket, makes no demo PKI and exits 2 on bad
  usage.
"""
import json
import os
import re
import socket
import subprocess
import tempfile

import tlsmtest as t

CERT = ["--cert", t.pki("server.crt"), "--key", t.pki("server.key"), "--CAfile", t.pki("ca.crt")]


def caps(*args, cwd=None):
    """Runs tlsmirror --capabilities; returns the parsed JSON and the raw bytes."""
    p = subprocess.run([t.BIN, *args, "--capabilities"], capture_output=True, timeout=60,
                       cwd=cwd)
    assert p.returncode == 0, (args, p.returncode, p.stderr)
    return json.loads(p.stdout), p.stdout


def codes(entries, flag):
    return {int(e["code"], 16) for e in entries if e[flag]}


def openssl_ciphers(*args, check=True):
    """`openssl ciphers -V -stdname ARGS`: {code: IANA name}; with check=False
    a refused list ("no cipher match") is empty."""
    p = t.run([t.OPENSSL, "ciphers", "-V", "-stdname", *args], check=check)
    out = p.stdout_text if p.returncode == 0 else ""
    return {int(a, 16) << 8 | int(b, 16): name for a, b, name in
            re.findall(r"0x([0-9A-F]{2}),0x([0-9A-F]{2}) - (\S+)", out)}


def test_scan_alone():
    """No socket (an address we hold stays ours), no demo PKI, stable output."""
    t.need("openssl")
    tmp = tempfile.mkdtemp(prefix="tlsm-caps-")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        d, raw = caps("--listen", f"127.0.0.1:{port}", cwd=tmp)
    assert os.listdir(tmp) == [], os.listdir(tmp)
    os.rmdir(tmp)
    assert caps()[1] == raw, "two runs differ"
    assert d["schema_version"] == 1
    assert d["configuration"]["certificate"] is False
    version = t.run([t.BIN, "--version"], check=True).stdout_text.splitlines()
    assert version[0] == "tlsmirror " + d["tlsmirror"]["version"]
    assert version[1] == "built with " + d["openssl"]["built_with"]
    assert version[2] == "running with " + d["openssl"]["running_with"]
    if d["openssl"]["running_with"].startswith("OpenSSL 1."):
        # 1.1.1 has no providers: none listed, and the scan says where groups came from.
        assert d["providers"] == [], d["providers"]
        assert any("has no providers" in n for n in d["notes"]), d["notes"]
    else:
        assert "default" in [p["name"] for p in d["providers"]], d["providers"]
    for key in ("signature_algorithms", "tls13_cipher_suites", "tls12_ciphers", "groups"):
        lst = [int(e["code"], 16) for e in d[key]]
        assert lst == sorted(set(lst)), f"{key}: not one entry per code in code order"
        for e in d[key]:
            assert re.fullmatch(r"0x[0-9a-f]{4}", e["code"]), e
            assert not e["enabled"] or e["supported"], e
            assert e["supported"] == (e["openssl_name"] is not None) or key == "tls12_ciphers", e
    # One entry per line, so that diff works on two builds' outputs.
    lines = raw.decode().splitlines()
    assert sum(1 for l in lines if l.lstrip().startswith('{"code"')) == \
        sum(len(d[k]) for k in ("signature_algorithms", "tls13_cipher_suites",
                                "tls12_ciphers", "groups"))


def test_openssl_names_are_option_spellings():
    """openssl_name is what --sigalgs, --groups and --cipher accept, item by item."""
    d, _ = caps()
    names = {key: [e["openssl_name"] for e in d[key] if e["supported"]]
             for key in ("signature_algorithms", "groups", "tls12_ciphers",
                         "tls13_cipher_suites")}
    d2, _ = caps("--sigalgs", ":".join(names["signature_algorithms"]),
                 "--groups", ":".join(names["groups"]),
                 "--cipher", ":".join(names["tls12_ciphers"]) + ":@SECLEVEL=0",
                 "--ciphersuites", ":".join(names["tls13_cipher_suites"]))
    for key in ("signature_algorithms", "groups", "tls12_ciphers", "tls13_cipher_suites"):
        for e in d2[key]:
            assert e["supported"] == (e["openssl_name"] in names[key]), e


def test_ciphers_against_openssl_ciphers():
    t.need("openssl")
    d, _ = caps()
    t12 = {int(e["code"], 16): e for e in d["tls12_ciphers"]}
    t13 = {int(e["code"], 16): e for e in d["tls13_cipher_suites"]}
    # Enabled: exactly what openssl ciphers -s computes for the default list.
    want12 = openssl_ciphers("-s", "-tls1_2")
    got12 = {c: e["name"] for c, e in t12.items() if e["enabled"]}
    assert got12 == want12, (sorted(got12.items()), sorted(want12.items()))
    want13 = openssl_ciphers("-s", "-tls1_3")
    assert want13 and set(want13) <= {c for c in range(0x1300, 0x1400)}
    got13 = {c: e["name"] for c, e in t13.items() if e["enabled"]}
    assert got13 == want13, (got13, want13)
    # Supported TLS 1.2: everything OpenSSL lists for ALL:COMPLEMENTOFALL.
    every = {c: n for c, n in openssl_ciphers("ALL:COMPLEMENTOFALL").items()
             if not 0x1300 <= c <= 0x13ff}
    assert {c: e["name"] for c, e in t12.items() if e["supported"]} == every
    for c, e in t12.items():
        assert e["openssl_name"], e
    # Supported TLS 1.3: each suite is one that openssl ciphers accepts on its own.
    for c, e in t13.items():
        listed = c in openssl_ciphers("-tls1_3", "-ciphersuites", e["name"], check=False)
        assert listed == e["supported"], (e, listed)
    # The options narrow the enabled sets the same way.
    d, _ = caps("--tls1_3", "--ciphersuites", "TLS_AES_128_GCM_SHA256")
    assert codes(d["tls13_cipher_suites"], "enabled") == {0x1301}
    assert codes(d["tls12_ciphers"], "enabled") == set()
    d, _ = caps("--cipher", "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305")
    assert codes(d["tls12_ciphers"], "enabled") == {0xc02b, 0xcca8}


def test_sigalgs_server_signs():
    """--sigalgs: exactly those two; the running server signs with one and refuses others."""
    t.need("openssl")
    opts = ["--sigalgs", "ECDSA+SHA256:rsa_pss_rsae_sha256"]
    d, _ = caps(*opts)
    assert codes(d["signature_algorithms"], "server_signs") == {0x0403, 0x0804}
    d, _ = caps(*CERT, *opts)
    assert codes(d["signature_algorithms"], "server_signs") == {0x0403, 0x0804}
    with t.Server(*opts) as srv:
        p, status, _ = t.s_client_report(srv, ["-tls1_3"], trace=True)
        assert status == 200
        assert t.trace_sigalg(p.trace, "Received") == 0x0403   # the ECDSA P-256 key
        p = t.s_client(srv, ["-tls1_3", "-sigalgs", "ecdsa_secp384r1_sha384"])
        assert "handshake failure" in p.stderr_text + p.stdout_text, p.stderr_text


def requested(p):
    """s_client's own 'Requested Signature Algorithms:' line."""
    m = re.search(r"^Requested Signature Algorithms: (.*)$", p.stdout_text, re.M)
    return m.group(1) if m else None


def certreq_codes(trace):
    """The signature_algorithms codes of the CertificateRequest s_client received."""
    text = t.trace_message(trace, "Received", "CertificateRequest") or ""
    # TLS 1.3: an extension; TLS 1.2: a field of the message.
    m = re.search(r"signature_algorithms(?:\(13\), length=\d+| \(len=\d+\))\n"
                  r"((?:\s+\S+ \(0x[0-9a-f]{4}\)\n)+)", text)
    return [int(c, 16) for c in re.findall(r"\((0x[0-9a-f]{4})\)", m.group(1) if m else "")]


def test_client_cert_requested():
    t.need("openssl")
    opts = ["--client-sigalgs", "ecdsa_secp256r1_sha256"]
    d, _ = caps(*CERT, *opts)
    assert codes(d["signature_algorithms"], "client_cert_requested") == {0x0403}
    with t.Server(*opts) as srv:
        p, status, _ = t.s_client_report(srv, ["-tls1_3"], trace=True)
        assert status == 200
        assert requested(p) == "ECDSA+SHA256", p.stdout_text
        assert certreq_codes(p.trace) == [0x0403], p.trace
    # The default list, in TLS 1.3 and TLS 1.2: the CertificateRequest a real
    # client receives holds exactly what the scan says (as a set).
    d, _ = caps(*CERT)
    want = codes(d["signature_algorithms"], "client_cert_requested")
    with t.Server() as srv:
        seen = set()
        for version in ("-tls1_3", "-tls1_2"):
            p, status, _ = t.s_client_report(srv, [version], trace=True)
            assert status == 200 and requested(p), p.stdout_text
            seen |= set(certreq_codes(p.trace))
        assert seen == want, (sorted(seen), sorted(want))
    d, _ = caps("--verify", "none")
    assert codes(d["signature_algorithms"], "client_cert_requested") == set()
    assert any("--verify none" in n for n in d["notes"])


def test_groups():
    t.need("openssl")
    d, _ = caps()
    g = {e["name"]: e for e in d["groups"]}
    for name in ("x25519", "secp256r1", "secp384r1"):
        assert g[name]["supported"] and g[name]["enabled"], g[name]
    assert g["x25519"]["code"] == "0x001d" and g["secp256r1"]["code"] == "0x0017"
    # A running server with the default groups accepts each enabled one ...
    with t.Server() as srv:
        for name, sc in (("x448", "X448"), ("secp384r1", "ECDH, secp384r1")):
            if g[name]["enabled"]:
                p = t.s_client(srv, ["-tls1_3", "-groups", name])
                assert f"Server Temp Key: {sc}" in p.stdout_text, p.stdout_text
    # ... and with --groups X25519 only that one, and refuses P-256.
    d, _ = caps("--groups", "X25519")
    assert codes(d["groups"], "enabled") == {0x001d}
    with t.Server("--groups", "X25519") as srv:
        p = t.s_client(srv, ["-tls1_3", "-groups", "P-256"])
        assert "Server Temp Key" not in p.stdout_text
        p = t.s_client(srv, ["-tls1_3", "-groups", "X25519"])
        assert "Server Temp Key: X25519" in p.stdout_text


def test_http_matches_cli():
    t.need("curl")
    opts = ["--sigalgs", "ECDSA+SHA256:rsa_pss_rsae_sha256", "--client-sigalgs", "ed25519"]
    _, raw = caps(*CERT, *opts)
    with t.Server(*opts) as srv:
        p, body = t.curl(srv, "/capabilities.json", extra=["-D", "/dev/stderr"])
        assert p.returncode == 0, p.stderr_text
        assert re.search(r"(?im)^content-type: application/json\r?$", p.stderr_text)
        assert body == raw, "GET /capabilities.json differs from --capabilities"
        p, html = t.curl(srv, "/capabilities", extra=["-D", "/dev/stderr"])
        assert re.search(r"(?im)^content-type: text/html", p.stderr_text), p.stderr_text
        assert re.search(r"(?im)^vary: accept", p.stderr_text)
        assert html.startswith(b"<!DOCTYPE html>") and b"ecdsa_secp256r1_sha256" in html
        p, html2 = t.curl(srv, "/capabilities.html", extra=["-H", "Accept: application/json"])
        assert html2 == html
        for accept in ("application/json", "text/plain"):
            p, body = t.curl(srv, "/capabilities", extra=["-H", f"Accept: {accept}"])
            assert body == raw, accept
        p, head = t.curl(srv, "/capabilities.json", extra=["-I"])
        assert head.startswith(b"HTTP/1.1 200") and b"application/json" in head


def test_usage_errors():
    tmp = tempfile.mkdtemp(prefix="tlsm-caps-")
    never = os.path.join(tmp, "never")
    for args, needle in ((["--keylogfile", never], "--keylogfile"),
                         (["--demo-dir", never], "--demo-dir"),
                         (["--sigalgs", "ECDSA+SHA256:nope_sha1"], "'nope_sha1'"),
                         (["--groups", "P-123"], "'P-123'"),
                         (["--verify", "maybe"], "'maybe'")):
        p = t.run([t.BIN, "--capabilities", *args], timeout=30)
        assert p.returncode == 2, (args, p.returncode, p.stderr_text)
        assert needle in p.stderr_text, (args, p.stderr_text)
        assert p.stdout == b"", args
    assert os.listdir(tmp) == []
    os.rmdir(tmp)
    p = t.run([t.BIN, "--capabilities", "--cert", "/nonexistent/server.crt"], timeout=30)
    assert p.returncode == 1 and "/nonexistent/server.crt" in p.stderr_text, p.stderr_text


if __name__ == "__main__":
    t.main([test_scan_alone, test_openssl_names_are_option_spellings,
            test_ciphers_against_openssl_ciphers, test_sigalgs_server_signs,
            test_client_cert_requested, test_groups, test_http_matches_cli, test_usage_errors])
