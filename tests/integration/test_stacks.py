"""Other TLS stacks: GnuTLS (gnutls-cli), Python's ssl and NSS (tstclnt).

Each stack connects to the real tlsmirror with a client certificate from the
test PKI (client-ecdsa and client-rsa; TLS 1.2 only, TLS 1.3 only, and the
stack's default range) and the report must agree with the stack's own view:

- chain[0] is the certificate file (`openssl x509` subject and SHA-256
  fingerprint) and it verified;
- protocol, cipher, group and signature schemes equal what the client printed
  (gnutls-cli's Description/Version/Client Signature lines, Python's
  sock.version()/sock.cipher()/ctx.get_ciphers(), tstclnt -v's "SSL version"
  lines);
- client_hello.signature_algorithms (codes and IANA names, in order) equals the
  list the same client invocation sends to a plain TCP listener in this file,
  which reads the ClientHello bytes and parses signature_algorithms itself;
  for GnuTLS that is also `gnutls-cli --list`'s PK-signatures order, and every
  name the report gives NSS's schemes is one tstclnt's own -J help uses.

Then each stack's list is compared with OpenSSL's (`openssl s_client`'s
default, captured the same way): the differences are computed and printed,
and must be non-empty for GnuTLS and NSS, empty for Python (which is OpenSSL).

A missing tool skips only its stack (printed as SKIP); the file then exits 77
unless something failed.
"""
import json
import os
import re
import shutil
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import threading
import time

import tlsmtest as t

P = t.pki
CERTS = ("client-ecdsa", "client-rsa")
# "default": the stack's own version range (each negotiates TLS 1.3 here).
VERSIONS = ("TLSv1.2", "TLSv1.3", "default")


def negotiated(version):
    return "TLSv1.3" if version == "default" else version


# --- an independent view of signature schemes --------------------------------

# RFC 8446 4.2.3 names (and RFC 8446's ecdsa_sha1/rsa_pkcs1_sha1).
IANA_SIGALGS = {
    0x0201: "rsa_pkcs1_sha1", 0x0203: "ecdsa_sha1",
    0x0401: "rsa_pkcs1_sha256", 0x0403: "ecdsa_secp256r1_sha256",
    0x0501: "rsa_pkcs1_sha384", 0x0503: "ecdsa_secp384r1_sha384",
    0x0601: "rsa_pkcs1_sha512", 0x0603: "ecdsa_secp521r1_sha512",
    0x0804: "rsa_pss_rsae_sha256", 0x0805: "rsa_pss_rsae_sha384",
    0x0806: "rsa_pss_rsae_sha512", 0x0807: "ed25519", 0x0808: "ed448",
    0x0809: "rsa_pss_pss_sha256", 0x080a: "rsa_pss_pss_sha384",
    0x080b: "rsa_pss_pss_sha512",
}
_HASH = {1: "md5", 2: "sha1", 3: "sha224", 4: "sha256", 5: "sha384", 6: "sha512"}
_SIG = {1: "rsa_pkcs1", 2: "dsa", 3: "ecdsa"}


def sigalg_name(code):
    """IANA name; the remaining RFC 5246 hash/signature pairs (IANA: "reserved
    for backward compatibility") named the way RFC 8446 names rsa_pkcs1_sha1."""
    if code in IANA_SIGALGS:
        return IANA_SIGALGS[code]
    h, s = code >> 8, code & 0xff
    if h in _HASH and s in _SIG:
        return f"{_SIG[s]}_{_HASH[h]}"
    return None


def names(codes):
    return [sigalg_name(c) for c in codes]


# --- a plain TCP listener that reads one ClientHello ---------------------------

def parse_client_hello(hs):
    """Parses a ClientHello handshake message (with its 4-byte header): returns
    {"cipher_suites": [int], "extensions": {type: bytes}, "sigalgs": [int]|None}."""
    assert hs[0] == 1, f"not a ClientHello: type {hs[0]}"
    body = hs[4:4 + int.from_bytes(hs[1:4], "big")]
    i = 2 + 32
    i += 1 + body[i]                                   # legacy_session_id
    n = struct.unpack(">H", body[i:i + 2])[0]
    suites = [struct.unpack(">H", body[i + 2 + k:i + 4 + k])[0] for k in range(0, n, 2)]
    i += 2 + n
    i += 1 + body[i]                                   # compression methods
    end = i + 2 + struct.unpack(">H", body[i:i + 2])[0]
    assert end == len(body), (end, len(body))
    i += 2
    exts = {}
    order = []
    while i < end:
        typ, ln = struct.unpack(">HH", body[i:i + 4])
        exts[typ] = body[i + 4:i + 4 + ln]
        order.append(typ)
        i += 4 + ln
    assert i == end, "extensions overrun the ClientHello"
    sigalgs = None
    if 13 in exts:
        sa = exts[13]
        n = struct.unpack(">H", sa[:2])[0]
        assert n + 2 == len(sa) and n % 2 == 0, sa.hex()
        sigalgs = [struct.unpack(">H", sa[2 + k:4 + k])[0] for k in range(0, n, 2)]
    return {"cipher_suites": suites, "extensions": exts, "order": order, "sigalgs": sigalgs}


def read_client_hello(conn, timeout=10):
    """Reads TLS records from conn until one whole handshake message is in;
    bounded in bytes and time."""
    deadline = time.monotonic() + timeout
    buf = b""
    hs = b""
    while len(buf) + len(hs) < 1 << 17:
        if len(hs) >= 4 and len(hs) >= 4 + int.from_bytes(hs[1:4], "big"):
            return hs
        if len(buf) >= 5:
            assert buf[0] == 22, f"not a handshake record: {buf[:5].hex()}"
            n = struct.unpack(">H", buf[3:5])[0]
            if len(buf) >= 5 + n:
                hs += buf[5:5 + n]
                buf = buf[5 + n:]
                continue
        left = deadline - time.monotonic()
        if left <= 0:
            break
        conn.settimeout(left)
        chunk = conn.recv(65536)
        if not chunk:
            break
        buf += chunk
    raise AssertionError(f"no whole ClientHello: {len(hs)} bytes of handshake, {buf[:16].hex()}")


def capture_hello(start_client, timeout=10):
    """Listens on 127.0.0.1:0, calls start_client(port) (which returns a Popen
    or a Thread), returns the parsed ClientHello, then closes the connection
    and ends the client."""
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    client = None
    try:
        ls.bind(("127.0.0.1", 0))
        ls.listen(1)
        ls.settimeout(timeout)
        client = start_client(ls.getsockname()[1])
        conn, _ = ls.accept()
        try:
            return parse_client_hello(read_client_hello(conn, timeout))
        finally:
            conn.close()
    finally:
        ls.close()
        if isinstance(client, subprocess.Popen):
            if client.poll() is None:
                client.terminate()
            try:
                client.wait(timeout=5)
            except subprocess.TimeoutExpired:
                client.kill()
                client.wait()
        elif isinstance(client, threading.Thread):
            client.join(timeout=10)


def popen_quiet(argv):
    return subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


_OPENSSL = {}
S_CLIENT_VERSION = {"TLSv1.2": ["-tls1_2"], "TLSv1.3": ["-tls1_3"], "default": []}


def openssl_sigalgs(version):
    """OpenSSL's own list: what `openssl s_client` sends with no options but
    the version (OpenSSL leaves DSA, SHA-1 and SHA-224 out when only TLS 1.3
    is enabled, so each version has its list)."""
    if version not in _OPENSSL:
        hello = capture_hello(lambda port: popen_quiet(
            ["openssl", "s_client", "-connect", f"127.0.0.1:{port}",
             "-servername", "localhost"] + S_CLIENT_VERSION[version]))
        _OPENSSL[version] = hello["sigalgs"]
    return _OPENSSL[version]


# --- assertions shared by every stack ------------------------------------------

def code_of(entry):
    return int(entry["code"], 16)


def check_cert(rep, name):
    """chain[0] is the certificate file, by openssl x509's own view; verified."""
    view = t.cert_view(P(name + ".crt"))
    cc = rep["client_certificate"]
    assert cc["present"] is True and cc["chain"], cc
    leaf = cc["chain"][0]
    assert leaf["subject"] == view["subject"], (leaf["subject"], view["subject"])
    assert leaf["sha256"] == view["sha256"], (leaf["sha256"], view["sha256"])
    assert cc["verified"] is True, cc["verify_result"]
    assert rep["verdict"]["status"] == "verified", rep["verdict"]


def check_sigalgs(rep, captured, label):
    """The report's offered list equals the captured bytes, with IANA names."""
    assert captured, f"{label}: no signature_algorithms captured"
    for key in ("client_hello", "signature_algorithms"):
        lst = (rep["client_hello"]["signature_algorithms"] if key == "client_hello"
               else rep["signature_algorithms"]["offered"])
        got = [code_of(e) for e in lst]
        assert got == captured, (label, key, [hex(c) for c in got], [hex(c) for c in captured])
        assert [e["name"] for e in lst] == names(captured), \
            (label, key, [e["name"] for e in lst], names(captured))
        assert not any(e["grease"] for e in lst), lst


def diff_lists(stack, openssl):
    """What a stack's list has that OpenSSL's lacks and the reverse (names, in
    each list's order), and whether the common schemes come in another order."""
    only_stack = [c for c in stack if c not in openssl]
    only_openssl = [c for c in openssl if c not in stack]
    common_s = [c for c in stack if c in openssl]
    common_o = [c for c in openssl if c in stack]
    return {"only_stack": names(only_stack), "only_openssl": names(only_openssl),
            "reordered": common_s != common_o,
            "stack_order": names(common_s), "openssl_order": names(common_o)}


def compare_with_openssl(stack, offered):
    """offered: {version: the report's offered codes}. Prints each list and how
    it differs from OpenSSL's for the same version; returns {version: diff}."""
    diffs = {}
    for version, codes in offered.items():
        ref = openssl_sigalgs(version)
        d = diff_lists(codes, ref)
        diffs[version] = d
        print(f"  {stack} {version} offers: {', '.join(names(codes))}")
        print(f"    OpenSSL {version} offers: {', '.join(names(ref))}")
        print(f"    only {stack}: {', '.join(d['only_stack']) or '-'}; "
              f"only OpenSSL: {', '.join(d['only_openssl']) or '-'}; "
              f"shared ones in another order: {d['reordered']}")
    return diffs


def record_offered(offered, version, rep, label):
    """Keeps the report's offered list per version; every certificate gets the same."""
    codes = [code_of(e) for e in rep["client_hello"]["signature_algorithms"]]
    if version in offered:
        assert offered[version] == codes, (label, names(offered[version]), names(codes))
    offered[version] = codes


def response_json(raw, label):
    i = raw.find(b"HTTP/1.1 ")
    resps, _ = t.split_responses(raw[i:]) if i >= 0 else ([], b"")
    assert resps, f"{label}: no HTTP response: {raw[:500]!r}"
    status, headers, body = resps[0]
    assert status == 200 and headers.get("content-type") == "application/json", (status, headers)
    return json.loads(body)


class Skip(Exception):
    """This stack's tool is missing: the other stacks still run."""


# --- GnuTLS ---------------------------------------------------------------------

GNUTLS_PRIO = {"TLSv1.2": "NORMAL:-VERS-ALL:+VERS-TLS1.2",
               "TLSv1.3": "NORMAL:-VERS-ALL:+VERS-TLS1.3", "default": "NORMAL"}


def gnutls_argv(port, name, prio, logfile=None):
    argv = ["gnutls-cli", "--priority", prio, "--x509cafile", P("ca.crt"),
            "--x509certfile", P(name + ".crt"), "--x509keyfile", P(name + ".key"),
            "-p", str(port)]
    if logfile:
        argv += ["--verbose", "--logfile", logfile]
    return argv + ["localhost"]


def gnutls_sig(name):
    """gnutls's signature names ("ECDSA-SECP256R1-SHA256", "RSA-PSS-RSAE-SHA256",
    "SIGN-RSA-SHA256") to IANA names."""
    n = name.strip().lower()
    n = n[len("sign-"):] if n.startswith("sign-") else n
    n = n.replace("-", "_")
    curves = {"256": "secp256r1", "384": "secp384r1", "512": "secp521r1"}
    m = re.fullmatch(r"ecdsa_sha(256|384|512)", n)
    if m:
        return f"ecdsa_{curves[m.group(1)]}_sha{m.group(1)}"
    m = re.fullmatch(r"rsa_sha(\d+)", n)
    if m:
        return f"rsa_pkcs1_sha{m.group(1)}"
    m = re.fullmatch(r"rsa_pss_sha(\d+)", n)
    if m:
        return f"rsa_pss_pss_sha{m.group(1)}"
    m = re.fullmatch(r"eddsa_(ed25519|ed448)", n)
    if m:
        return m.group(1)
    return n


def gnutls_list_sigalgs(prio):
    """`gnutls-cli --list --priority P`'s PK-signatures line, as code points in
    its order with repeats dropped (ECDSA-SHA256 and ECDSA-SECP256R1-SHA256 are
    one TLS code point)."""
    out = t.run(["gnutls-cli", "--list", "--priority", prio], check=True).stdout_text
    m = re.search(r"^(?:PK-signatures|Signature algorithms):\s*(.*)$", out, re.M)
    assert m, f"no PK-signatures line in gnutls-cli --list: {out[-800:]}"
    by_name = {v: k for k, v in IANA_SIGALGS.items()}
    codes = []
    for item in m.group(1).split(","):
        iana = gnutls_sig(item)
        assert iana in by_name, f"gnutls-cli --list names {item!r} ({iana}): not in IANA_SIGALGS"
        if by_name[iana] not in codes:
            codes.append(by_name[iana])
    return codes


def run_gnutls(srv, name, prio, tmp):
    """gnutls-cli with the request on stdin. stdin stays open until gnutls-cli
    exits (the server closes after the response): at stdin EOF gnutls-cli
    sends close_notify right behind the request, and tlsmirror, closing after
    "Connection: close" with that alert unread, makes the kernel send a reset
    that overtakes the response. Returns (report, gnutls-cli's log text)."""
    log = os.path.join(tmp, "gnutls.log")
    out = os.path.join(tmp, "gnutls.out")
    for f in (log, out):
        if os.path.exists(f):
            os.unlink(f)       # --logfile must hold this run only
    with open(out, "wb") as fo:
        p = subprocess.Popen(gnutls_argv(srv.port, name, prio, log), stdin=subprocess.PIPE,
                             stdout=fo, stderr=subprocess.STDOUT)
        try:
            p.stdin.write(t.http_get("/json"))
            p.stdin.flush()
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
            raise AssertionError(f"gnutls-cli did not exit: {srv.log()}")
        finally:
            p.stdin.close()
    with open(out, "rb") as f:
        raw = f.read()
    with open(log, "r", errors="replace") as f:
        text = f.read()
    return response_json(raw, f"gnutls-cli ({text[-1500:]})"), text


def gnutls_field(text, field):
    m = re.search(rf"^- {field}: (.*)$", text, re.M)
    assert m, f"gnutls-cli printed no '- {field}:' line:\n{text}"
    return m.group(1).strip()


GNUTLS_DESC = re.compile(r"\((TLS1\.\d)-X\.509\)-\((\w+)-([\w-]+)\)-\(([\w-]+)\)-\(([\w-]+)\)")


def check_gnutls_view(rep, text, version):
    """The report against gnutls-cli's own lines, e.g. "- Description:
    (TLS1.3-X.509)-(ECDHE-SECP256R1)-(ECDSA-SECP256R1-SHA256)-(AES-256-GCM)",
    "- Version: TLS1.3", "- Cipher: AES-256-GCM", "- Client Signature: ..."."""
    assert "Successfully sent 1 certificate(s) to server." in text, text
    desc = gnutls_field(text, "Description")
    m = GNUTLS_DESC.fullmatch(desc)
    assert m, desc
    gver = gnutls_field(text, "Version")
    assert gver == m.group(1), (gver, desc)
    tls = rep["tls"]
    assert tls["handshake_complete"] is True, tls
    assert tls["protocol"] == "TLSv" + gver[3:] == negotiated(version), (tls["protocol"], gver)
    assert m.group(2) == "ECDHE", desc
    assert tls["group"]["name"].lower() == m.group(3).lower(), (tls["group"], desc)
    cipher = gnutls_field(text, "Cipher")                   # AES-256-GCM
    assert cipher == m.group(5), (cipher, desc)
    assert gnutls_field(text, "MAC") == "AEAD", text
    ctoks = "_".join(cipher.split("-"))
    iana = tls["cipher"]["iana"]
    assert f"_WITH_{ctoks}_" in iana or iana.startswith(f"TLS_{ctoks}_"), (iana, cipher)
    assert tls["cipher"]["bits"] == int(cipher.split("-")[1]), (tls["cipher"], cipher)
    if negotiated(version) == "TLSv1.2":
        kx = gnutls_field(text, "Key Exchange")             # ECDHE-ECDSA
        assert iana.startswith("TLS_" + kx.replace("-", "_") + "_WITH_"), (iana, kx)
    sigs = rep["signature_algorithms"]
    for who in ("Server", "Client"):
        want = gnutls_sig(gnutls_field(text, f"{who} Signature"))
        got = sigs[who.lower() + "_used"]
        assert got and got["name"] == want, (who, got, want)
    return desc


def test_gnutls():
    if shutil.which("gnutls-cli") is None:
        raise Skip("gnutls-cli not installed (Debian package gnutls-bin)")
    offered = {}
    tmp = tempfile.mkdtemp(prefix="tlsm-gnutls-")
    try:
        with t.Server() as srv:
            for version in VERSIONS:
                prio = GNUTLS_PRIO[version]
                # gnutls-cli --list prints the list in the order it sends it.
                listed = gnutls_list_sigalgs(prio)
                for name in CERTS:
                    label = f"gnutls {name} {version}"
                    rep, text = run_gnutls(srv, name, prio, tmp)
                    desc = check_gnutls_view(rep, text, version)
                    check_cert(rep, name)
                    captured = capture_hello(lambda port: popen_quiet(
                        gnutls_argv(port, name, prio)))["sigalgs"]
                    check_sigalgs(rep, captured, label)
                    assert listed == captured, (names(listed), names(captured))
                    record_offered(offered, version, rep, label)
                    print(f"  {label}: {desc}; client signed with "
                          f"{rep['signature_algorithms']['client_used']['name']}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for version, d in compare_with_openssl("GnuTLS", offered).items():
        assert d["only_stack"] or d["only_openssl"] or d["reordered"], (version, d)


# --- Python's ssl ---------------------------------------------------------------

PY_VERSIONS = {"TLSv1.2": ssl.TLSVersion.TLSv1_2, "TLSv1.3": ssl.TLSVersion.TLSv1_3,
               "default": None}


def python_context(name, version):
    """The context tlsmtest.tls_connect builds, for the capture."""
    ctx = ssl.create_default_context(cafile=P("ca.crt"))
    if PY_VERSIONS[version] is not None:
        ctx.minimum_version = ctx.maximum_version = PY_VERSIONS[version]
    ctx.load_cert_chain(P(name + ".crt"), P(name + ".key"))
    return ctx


def python_capture(name, version):
    def start(port):
        def client():
            raw = socket.create_connection(("127.0.0.1", port), timeout=10)
            try:
                python_context(name, version).wrap_socket(raw, server_hostname="localhost")
            except (OSError, ssl.SSLError):
                pass            # the listener closes after the ClientHello
            finally:
                raw.close()
        th = threading.Thread(target=client, daemon=True)
        th.start()
        return th
    return capture_hello(start)["sigalgs"]


def test_python():
    offered = {}
    with t.Server() as srv:
        for version in VERSIONS:
            for name in CERTS:
                label = f"python {name} {version}"
                sock = t.tls_connect(srv, cert=P(name + ".crt"), key=P(name + ".key"),
                                     version=PY_VERSIONS[version])
                try:
                    pver = sock.version()
                    pcipher, pproto, pbits = sock.cipher()
                    ciphers = sock.context.get_ciphers()
                    sock.sendall(t.http_get("/json"))
                    status, headers, body = t.recv_response(sock)
                finally:
                    sock.close()
                assert status == 200, (status, body[:300])
                rep = json.loads(body)
                tls = rep["tls"]
                assert tls["protocol"] == pver == pproto == negotiated(version), \
                    (tls["protocol"], pver)
                assert tls["cipher"]["openssl"] == pcipher, (tls["cipher"], pcipher)
                assert tls["cipher"]["bits"] == pbits, (tls["cipher"], pbits)
                # Python's cipher list, minus what this version cannot use, in
                # its order, equals the offered cipher suites (OpenSSL adds the
                # renegotiation SCSV 0x00ff, which is no cipher).
                want = [c["id"] & 0xffff for c in ciphers if version == "default"
                        or (c["protocol"] == "TLSv1.3") == (version == "TLSv1.3")]
                got = [code_of(e) for e in rep["client_hello"]["cipher_suites"]
                       if not e["grease"] and code_of(e) != 0x00ff]
                assert got == want, (label, [hex(c) for c in got], [hex(c) for c in want])
                check_cert(rep, name)
                captured = python_capture(name, version)
                check_sigalgs(rep, captured, label)
                record_offered(offered, version, rep, label)
                print(f"  {label}: {pver} {pcipher}; client signed with "
                      f"{rep['signature_algorithms']['client_used']['name']}")
    for version, d in compare_with_openssl("Python", offered).items():
        # Python's ssl is OpenSSL: the same list in the same order.
        assert offered[version] == openssl_sigalgs(version), (version, d)


# --- NSS ------------------------------------------------------------------------

NSS_VERSIONS = {"TLSv1.2": "tls1.2:tls1.2", "TLSv1.3": "tls1.3:tls1.3",
                "default": "tls1.2:tls1.3"}
NSS_PROTO = {"3.3": "TLSv1.2", "3.4": "TLSv1.3"}
NSS_KX_BITS = {255: "x25519", 256: "secp256r1", 384: "secp384r1", 521: "secp521r1", 448: "x448"}
DB_PASS = "tlsm-db-pass"
P12_PASS = "tlsm-p12-pass"


def nss_db(tmp):
    """An NSS database in tmp with client-ecdsa and client-rsa (cert + key,
    nickname = name) and the test CA trusted for TLS (C,,)."""
    db = os.path.join(tmp, "db")
    os.mkdir(db)
    pwfile = os.path.join(tmp, "dbpass.txt")
    with open(pwfile, "w") as f:
        f.write(DB_PASS + "\n")
    t.run(["certutil", "-N", "-d", "sql:" + db, "-f", pwfile], check=True)
    for name in CERTS:
        p12 = os.path.join(tmp, name + ".p12")
        t.run(["openssl", "pkcs12", "-export", "-in", P(name + ".crt"), "-inkey", P(name + ".key"),
               "-name", name, "-passout", "pass:" + P12_PASS, "-out", p12], check=True)
        t.run(["pk12util", "-i", p12, "-d", "sql:" + db, "-W", P12_PASS, "-k", pwfile], check=True)
    t.run(["certutil", "-A", "-d", "sql:" + db, "-n", "tlsmirror-test-ca", "-t", "C,,",
           "-i", P("ca.crt"), "-f", pwfile], check=True)
    listing = t.run(["certutil", "-L", "-d", "sql:" + db], check=True).stdout_text
    for name in CERTS:
        assert re.search(rf"^{name}\s+u,u,u\s*$", listing, re.M), listing
    return db


def tstclnt_argv(port, db, name, version, reqfile, verbose=False):
    argv = ["tstclnt", "-h", "127.0.0.1", "-a", "localhost", "-p", str(port),
            "-d", "sql:" + db, "-n", name, "-V", NSS_VERSIONS[version], "-w", DB_PASS,
            "-A", reqfile]
    return argv + (["-v"] if verbose else [])


def nss_scheme_names():
    """tstclnt's own names for the signature schemes it knows (its -J help)."""
    p = t.run(["tstclnt", "-h"])     # prints usage, exits non-zero
    text = p.stdout_text + p.stderr_text
    m = re.search(r"^-J .*?valid:\s*\n(.*?)^-", text, re.M | re.S)
    assert m, f"no -J list in tstclnt's usage: {text[-1500:]}"
    return {n.strip() for n in m.group(1).replace("\n", ",").split(",") if n.strip()}


NSS_SSL_LINE = re.compile(r"SSL version (\d\.\d) using (\d+)-bit (\S+) with (\d+)-bit (\S+) MAC")
NSS_AUTH_LINE = re.compile(r"Server Auth: (\d+)-bit (.*?), Key Exchange: (\d+)-bit (.*)$", re.M)


def check_nss_view(rep, err, version):
    """The report against tstclnt -v's own lines: "SSL version 3.4 using
    128-bit AES-GCM with 128-bit AEAD MAC", "Server Auth: 256-bit ECDSA, Key
    Exchange: 255-bit ECDHE" (TLS 1.2) and the server's "Signature Scheme"."""
    m = NSS_SSL_LINE.search(err)
    assert m, err[-2000:]
    tls = rep["tls"]
    assert tls["handshake_complete"] is True, tls
    assert tls["protocol"] == NSS_PROTO[m.group(1)] == negotiated(version), \
        (tls["protocol"], m.group(0))
    bits = int(m.group(2))
    iana = tls["cipher"]["iana"]
    assert tls["cipher"]["bits"] == bits, (tls["cipher"], m.group(0))
    toks = m.group(3).split("-")                            # AES-GCM
    assert f"_{toks[0]}_{bits}_{'_'.join(toks[1:])}_" in iana, (iana, m.group(0))
    if m.group(5) == "AEAD":
        assert re.search(r"_(GCM|CCM|POLY1305)_", iana), iana
    m2 = NSS_AUTH_LINE.search(err)
    assert m2, err[-2000:]
    assert tls["group"]["name"] == NSS_KX_BITS[int(m2.group(3))], (tls["group"], m2.group(0))
    if negotiated(version) == "TLSv1.2":
        assert f"_{m2.group(4).strip()}_{m2.group(2)}_WITH_" in iana, (iana, m2.group(0))
    m3 = re.search(r"Signature Scheme: (\S+)", err)
    assert m3, err[-2000:]
    used = rep["signature_algorithms"]["server_used"]
    assert used and used["name"] == m3.group(1), (used, m3.group(0))
    return m.group(0)


def test_nss():
    missing = [x for x in ("tstclnt", "certutil", "pk12util") if shutil.which(x) is None]
    if missing:
        raise Skip(f"{', '.join(missing)} not installed (Debian package libnss3-tools)")
    offered = {}
    nss_names = nss_scheme_names()
    tmp = tempfile.mkdtemp(prefix="tlsm-nss-")
    try:
        db = nss_db(tmp)
        reqfile = os.path.join(tmp, "request.txt")
        with open(reqfile, "wb") as f:
            f.write(t.http_get("/json"))
        with t.Server() as srv:
            for version in VERSIONS:
                for name in CERTS:
                    label = f"nss {name} {version}"
                    p = t.run(tstclnt_argv(srv.port, db, name, version, reqfile, verbose=True),
                              timeout=20)
                    assert p.returncode == 0, (label, p.returncode, p.stderr_text[-2000:])
                    rep = response_json(p.stdout, label)
                    line = check_nss_view(rep, p.stderr_text, version)
                    check_cert(rep, name)
                    captured = capture_hello(lambda port: popen_quiet(
                        tstclnt_argv(port, db, name, version, reqfile)))["sigalgs"]
                    check_sigalgs(rep, captured, label)
                    # Every name the report gives is one NSS itself knows the scheme by.
                    reported = {e["name"] for e in rep["client_hello"]["signature_algorithms"]}
                    assert reported <= nss_names, (reported - nss_names, nss_names)
                    record_offered(offered, version, rep, label)
                    print(f"  {label}: {line}; client signed with "
                          f"{rep['signature_algorithms']['client_used']['name']}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for version, d in compare_with_openssl("NSS", offered).items():
        assert d["only_stack"] or d["only_openssl"] or d["reordered"], (version, d)


# --- runner ---------------------------------------------------------------------

def main():
    t.need("openssl")
    failed = skipped = 0
    for test in (test_gnutls, test_python, test_nss):
        try:
            test()
            print(f"ok   {test.__name__}")
        except Skip as e:
            skipped += 1
            print(f"SKIP {test.__name__}: {e}")
        except Exception as e:
            failed += 1
            print(f"FAIL {test.__name__}: {e!r}")
            import traceback
            traceback.print_exc()
    if failed:
        sys.exit(1)
    sys.exit(t.SKIP if skipped else 0)


if __name__ == "__main__":
    main()
