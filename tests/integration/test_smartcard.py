"""Smartcard client authentication: a SoftHSM2 token through PKCS#11.

A throw-away SoftHSM2 token (its own softhsm2.conf and token directory under a
mktemp dir) holds the test PKI's client-rsa (RSA-2048) and client-ecdsa
(ECDSA P-256) keys and certificates, imported with softhsm2-util and OpenSC's
pkcs11-tool. Real clients sign with the token through libp11's `pkcs11`
OpenSSL engine and `pkcs11:` URIs: `openssl s_client -engine pkcs11 -keyform
engine -key pkcs11:...` and `curl --engine pkcs11 --key-type ENG --key
pkcs11:...`, with an OPENSSL_CONF (engine section, MODULE_PATH = SoftHSM)
given to the client processes only. The report's certificate is checked
against `openssl x509` on the file and the token's copy, the client's
CertificateVerify scheme against s_client's own -trace (RSA over TLS 1.3 is
RSA-PSS; ECDSA P-256 is 0x0403).

Then the classic failure, with the real pieces:
- middleware that signs RSA only with PKCS#1 v1.5 (s_client -sigalgs limited
  to ECDSA+SHA256:RSA+SHA256:RSA+SHA384, so its ClientHello shows it): TLS 1.2
  works with rsa_pkcs1_sha256 (0x0401), TLS 1.3 sends no certificate (or fails
  with certificate_required under --verify require); the report carries the
  rsa_pkcs1_only warning and the log the sigalg_not_allowed diagnosis. Also
  shown: -client_sigalgs, not only -sigalgs, decides the client's own
  CertificateVerify scheme in OpenSSL 3.0, without changing the ClientHello;
- a token that cannot do RSA-PSS (SoftHSM with slots.mechanisms removing
  CKM_RSA_PKCS_PSS, the SHA*-RSA-PKCS-PSS mechanisms and raw CKM_RSA_X_509, from
  which libp11 would pad PSS itself) behind an unmodified OpenSSL client: the
  ClientHello still offers RSA-PSS, TLS 1.2 works when the CertificateRequest
  lists rsa_pkcs1_sha256 first, fails when it lists RSA-PSS first, and TLS 1.3
  always fails after the client's Certificate with internal_error; the log
  diagnoses both failures as rsa_pss_unavailable.
"""
import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

import tlsmtest as t

P = t.pki
PIN = "1234"
SO_PIN = "5678"
TOKEN = "tlsmirror"
MODULE = "/usr/lib/softhsm/libsofthsm2.so"
# label: (PKI name, CKA_ID in hex)
KEYS = {"client-rsa": ("client-rsa", "01"), "client-ecdsa": ("client-ecdsa", "02")}
PKCS1_ONLY = "ECDSA+SHA256:RSA+SHA256:RSA+SHA384"	# ECDSA+SHA256: the server's key is P-256
# Mechanisms a PKCS#1-only token lacks. SoftHSM 2.6.1 ignores the first name after
# the "-", so it is given twice.
NO_PSS = ("-CKM_RSA_PKCS_PSS,CKM_RSA_PKCS_PSS,CKM_SHA1_RSA_PKCS_PSS,CKM_SHA224_RSA_PKCS_PSS,"
          "CKM_SHA256_RSA_PKCS_PSS,CKM_SHA384_RSA_PKCS_PSS,CKM_SHA512_RSA_PKCS_PSS,CKM_RSA_X_509")
PSS_RSAE = {0x0804, 0x0805, 0x0806}
PKCS1 = {0x0201, 0x0301, 0x0401, 0x0501, 0x0601}
PSS = PSS_RSAE | {0x0809, 0x080a, 0x080b}


def skip(msg):
    print(f"SKIP: {msg}", file=sys.stderr)
    sys.exit(t.SKIP)


def engine_path():
    """libp11's engine in the ENGINESDIR of the openssl in PATH."""
    out = t.run(["openssl", "version", "-e"], check=True).stdout_text
    m = re.search(r'ENGINESDIR: "([^"]*)"', out)
    return os.path.join(m.group(1), "pkcs11.so") if m else ""


class Token:
    """The throw-away SoftHSM2 token and the client-side configuration files."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="tlsm-softhsm-")
        os.makedirs(os.path.join(self.dir, "tokens"))
        self.conf = self.softhsm_conf("softhsm2.conf")
        self.conf_nopss = self.softhsm_conf("softhsm2-nopss.conf", f"slots.mechanisms = {NO_PSS}\n")
        self.openssl_conf = os.path.join(self.dir, "openssl.cnf")
        with open(self.openssl_conf, "w") as f:
            f.write("openssl_conf = openssl_init\n\n"
                    "[openssl_init]\nengines = engine_section\n\n"
                    "[engine_section]\npkcs11 = pkcs11_section\n\n"
                    "[pkcs11_section]\nengine_id = pkcs11\n"
                    f"dynamic_path = {engine_path()}\n"
                    f"MODULE_PATH = {MODULE}\ninit = 0\n")

    def softhsm_conf(self, name, extra=""):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(f"directories.tokendir = {os.path.join(self.dir, 'tokens')}\n"
                    "objectstore.backend = file\nlog.level = ERROR\n"
                    "slots.removable = false\n" + extra)
        return path

    def env(self, conf=None):
        e = dict(os.environ)
        e["SOFTHSM2_CONF"] = conf or self.conf
        return e

    def tool(self, argv, conf=None):
        p = subprocess.run(argv, capture_output=True, timeout=60, env=self.env(conf))
        out = (p.stdout + p.stderr).decode("utf-8", "replace")
        if p.returncode != 0:
            raise AssertionError(f"{argv} failed ({p.returncode}): {out}")
        return out

    def pkcs11_tool(self, *args, conf=None):
        return self.tool(["pkcs11-tool", "--module", MODULE] + list(args), conf)

    def create(self):
        self.tool(["softhsm2-util", "--init-token", "--free", "--label", TOKEN,
                   "--pin", PIN, "--so-pin", SO_PIN])
        for label, (name, kid) in KEYS.items():
            p8 = os.path.join(self.dir, name + ".p8")
            der = os.path.join(self.dir, name + ".der")
            t.run(["openssl", "pkcs8", "-topk8", "-nocrypt", "-in", P(name + ".key"),
                   "-out", p8], check=True)
            self.tool(["softhsm2-util", "--import", p8, "--token", TOKEN, "--pin", PIN,
                       "--label", label, "--id", kid])
            os.unlink(p8)	# from here on the key exists only on the token
            t.run(["openssl", "x509", "-in", P(name + ".crt"), "-outform", "DER",
                   "-out", der], check=True)
            self.pkcs11_tool("--token-label", TOKEN, "--login", "--pin", PIN,
                             "--write-object", der, "--type", "cert", "--id", kid,
                             "--label", label)

    @contextlib.contextmanager
    def client(self, conf=None):
        """Sets SOFTHSM2_CONF and OPENSSL_CONF for the clients run inside (a
        server started inside would inherit them: start servers outside)."""
        saved = {k: os.environ.get(k) for k in ("SOFTHSM2_CONF", "OPENSSL_CONF")}
        os.environ["SOFTHSM2_CONF"] = conf or self.conf
        os.environ["OPENSSL_CONF"] = self.openssl_conf
        try:
            yield
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v

    def remove(self):
        shutil.rmtree(self.dir, ignore_errors=True)


TOK = None


def uri(label, typ="private", pin=PIN):
    return f"pkcs11:token={TOKEN};object={label};type={typ}?pin-value={pin}"


def engine_args(label, pin=PIN):
    name = KEYS[label][0]
    return ["-engine", "pkcs11", "-keyform", "engine", "-key", uri(label, pin=pin),
            "-cert", P(name + ".crt")]


def sc_report(srv, label, args=(), conf=None):
    """s_client signing with the token; returns (p, status, report) with p.trace."""
    with TOK.client(conf):
        return t.s_client_report(srv, engine_args(label) + list(args), trace=True)


def sc_fail(srv, label, args=(), conf=None):
    """s_client signing with the token, for a handshake that must fail: the
    CompletedProcess with p.trace (s_client's -trace)."""
    tmp = tempfile.mkdtemp(prefix="tlsm-trace-")
    try:
        with TOK.client(conf):
            p = t.s_client(srv, engine_args(label) + list(args) +
                           ["-ign_eof", "-trace", "-msgfile", os.path.join(tmp, "trace.txt")],
                           request=t.http_get())
        with open(os.path.join(tmp, "trace.txt"), "r", errors="replace") as f:
            p.trace = f.read()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    assert p.returncode != 0 and b"HTTP/1.1 " not in p.stdout, p.stdout_text
    return p


def curl_token(srv, label, extra=(), cert_from_token=False, conf=None):
    name = KEYS[label][0]
    args = ["--engine", "pkcs11", "--key-type", "ENG", "--key", uri(label)]
    if cert_from_token:
        args += ["--cert-type", "ENG", "--cert", uri(label, "cert")]
    else:
        args += ["--cert", P(name + ".crt")]
    with TOK.client(conf):
        return t.curl(srv, extra=args + list(extra))


def code(entry):
    return int(entry["code"], 16) if entry else None


def sent_alert(trace):
    """The alert s_client itself sent, from its -trace: (description, number)."""
    for d, text in t.trace_records(trace):
        m = re.search(r"Level=fatal\(2\), description=([a-z ]+)\((\d+)\)", text)
        if d == "Sent" and m:
            return m.group(1).strip().replace(" ", "_"), int(m.group(2))
    return None


def certreq_sigalgs(trace):
    """The signature_algorithms of the CertificateRequest s_client received, in order."""
    text = t.trace_message(trace, "Received", "CertificateRequest") or ""
    m = re.search(r"signature_algorithms.*\n((?:\s+\S+ \(0x[0-9a-fA-F]{4}\)\n)+)", text)
    return [int(c, 16) for c in re.findall(r"\((0x[0-9a-fA-F]{4})\)", m.group(1))] if m else []


class Log:
    """The log lines of one server, one per connection, taken in order."""

    def __init__(self, srv):
        self.srv = srv
        self.n = 0

    def next(self):
        self.n += 1
        return t.wait_log_count(self.srv, r"diagnosis_code=", self.n)[self.n - 1]


def diag(line):
    m = re.search(r" diagnosis_code=(\S+)", line)
    c = re.search(r' diagnosis="((?:[^"\\]|\\.)*)"', line)
    assert m and c, line
    return m.group(1), re.sub(r"\\(.)", r"\1", c.group(1))


def warning_codes(rep):
    return [w["code"] for w in rep["warnings"]]


def check_cert(rep, label):
    """The report's chain[0] is the certificate file's, and verified."""
    name = KEYS[label][0]
    view = t.cert_view(P(name + ".crt"))
    leaf = rep["client_certificate"]["chain"][0]
    for k in ("subject", "issuer", "serial", "sha256"):
        assert leaf[k] == view[k], (k, leaf[k], view[k])
    assert leaf["public_key"]["type"] == view["key_type"], (leaf["public_key"], view)
    assert leaf["public_key"]["bits"] == view["key_bits"], (leaf["public_key"], view)
    assert rep["verdict"]["status"] == "verified", rep["verdict"]
    assert rep["client_certificate"]["verified"] is True


def s_client_protocol(p):
    m = re.search(r"^New, (TLSv[\d.]+), Cipher is (\S+)", p.stdout_text, re.M)
    assert m, p.stdout_text
    return m.group(1)


def test_token_contents():
    """The token, as pkcs11-tool sees it, holds both keys (sensitive) and
    certificates identical to the PKI's files."""
    out = TOK.pkcs11_tool("--token-label", TOKEN, "--login", "--pin", PIN, "--list-objects")
    objs = re.split(r"\n(?=\S)", out)
    for label, (name, kid) in KEYS.items():
        kinds = {}
        for o in objs:
            if re.search(rf"label:\s+{label}$", o, re.M) and re.search(rf"ID:\s+{kid}$", o, re.M):
                kinds[o.split(" Object;")[0]] = o
        assert set(kinds) >= {"Private Key", "Public Key", "Certificate"}, (label, out)
        assert re.search(r"Access:.*sensitive", kinds["Private Key"]), kinds["Private Key"]
        view = t.cert_view(P(name + ".crt"))
        want_key = "RSA 2048 bits" if view["key_type"] == "RSA" else "EC  EC_POINT 256 bits"
        assert want_key in kinds["Public Key"], (want_key, kinds["Public Key"])
        der = os.path.join(TOK.dir, name + "-read.der")
        TOK.pkcs11_tool("--token-label", TOKEN, "--read-object", "--type", "cert", "--id", kid,
                        "-o", der)
        with open(der, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest().upper()
        os.unlink(der)
        assert ":".join(digest[i:i + 2] for i in range(0, 64, 2)) == view["sha256"], label
    # the PKCS#11 module offers RSA-PSS (so TLS 1.3 can work) ...
    mechs = TOK.pkcs11_tool("--list-mechanisms")
    assert re.search(r"^\s+RSA-PKCS-PSS,", mechs, re.M), mechs
    # ... and the PKCS#1-only configuration of the same token does not
    mechs = TOK.pkcs11_tool("--list-mechanisms", conf=TOK.conf_nopss)
    assert re.search(r"^\s+SHA256-RSA-PKCS,", mechs, re.M), mechs
    assert not re.search(r"^\s+(\S+-)?RSA-PKCS-PSS,|^\s+RSA-X-509,", mechs, re.M), mechs


def test_engine_loads():
    """Both clients see the engine through the client-only OPENSSL_CONF."""
    with TOK.client():
        p = t.run(["curl", "--engine", "list"], check=True)
        assert re.search(r"^\s+pkcs11$", p.stdout_text, re.M), p.stdout_text
        p = t.run(["openssl", "engine", "-t", "pkcs11"], check=True)
        assert "[ available ]" in p.stdout_text, p.stdout_text


def test_s_client():
    """RSA and ECDSA keys on the token, TLS 1.2 and 1.3: the certificate and
    the client's CertificateVerify scheme equal s_client's own view."""
    with t.Server() as srv:
        for label in KEYS:
            for proto, flag in (("TLSv1.2", "-tls1_2"), ("TLSv1.3", "-tls1_3")):
                p, status, rep = sc_report(srv, label, [flag])
                assert status == 200, p.stderr_text
                assert s_client_protocol(p) == proto
                assert rep["tls"]["protocol"] == proto, rep["tls"]
                check_cert(rep, label)
                sent = t.trace_sigalg(p.trace, "Sent")
                used = rep["signature_algorithms"]["client_used"]
                assert sent is not None, p.trace
                assert code(used) == sent, (label, proto, used, hex(sent))
                assert sent in certreq_sigalgs(p.trace), (hex(sent), certreq_sigalgs(p.trace))
                if label == "client-ecdsa":
                    assert sent == 0x0403, hex(sent)
                elif proto == "TLSv1.3":
                    assert sent in PSS_RSAE, hex(sent)
                    assert used["family"] == "RSA-PSS" and used["name"].startswith(
                        "rsa_pss_rsae_"), used
                else:
                    assert sent in PKCS1 | PSS, hex(sent)
                print(f"  s_client {label} {proto}: CertificateVerify {used['name']}"
                      f" ({used['code']})")


def test_curl():
    """curl with the engine key (certificate from the file, and from the token):
    the report's protocol equals curl's, the certificate is the file's, and the
    scheme is the one the key and version allow."""
    with t.Server() as srv:
        for label in KEYS:
            for proto, extra in (("TLSv1.2", ["--tlsv1.2", "--tls-max", "1.2"]),
                                 ("TLSv1.3", ["--tlsv1.3"])):
                for from_token in (False, True):
                    p, body = curl_token(srv, label, extra, cert_from_token=from_token)
                    assert p.returncode == 0, p.stderr_text
                    rep = json.loads(body)
                    assert t.curl_ssl_line(p)[0] == proto == rep["tls"]["protocol"]
                    # curl -v's own record of the message it sent
                    assert "(OUT), TLS handshake, CERT verify (15)" in p.stderr_text, \
                        p.stderr_text
                    check_cert(rep, label)
                    used = rep["signature_algorithms"]["client_used"]
                    requested = [code(e) for e in rep["signature_algorithms"]["requested"]]
                    assert code(used) in requested, (used, requested)
                    if label == "client-ecdsa":
                        assert code(used) == 0x0403, used
                    elif proto == "TLSv1.3":
                        assert code(used) in PSS_RSAE, used
                    else:
                        assert code(used) in PKCS1 | PSS, used
                print(f"  curl {label} {proto}: CertificateVerify {used['name']} ({used['code']})")


def test_wrong_pin():
    """The key really is resolved on the token: a wrong PIN stops s_client
    before it connects, with the module's own CKR_PIN_INCORRECT."""
    with t.Server() as srv:
        with TOK.client():
            p = t.s_client(srv, engine_args("client-ecdsa", pin="0000"), request=b"")
        assert p.returncode != 0, p.stdout_text
        assert "PIN incorrect" in p.stderr_text, p.stderr_text
        assert "CONNECTED" not in p.stdout_text, p.stdout_text


def test_pkcs1_only_middleware():
    """A client that signs RSA only with PKCS#1 v1.5 (s_client -sigalgs) against
    --client-sigalgs rsa_pss_rsae_sha256:RSA+SHA256."""
    with t.Server("--client-sigalgs", "rsa_pss_rsae_sha256:RSA+SHA256") as srv:
        log = Log(srv)
        # control: an unrestricted TLS 1.2 client follows the request's order
        p, status, rep = sc_report(srv, "client-rsa", ["-tls1_2"])
        assert status == 200
        assert certreq_sigalgs(p.trace) == [0x0804, 0x0401], certreq_sigalgs(p.trace)
        assert t.trace_sigalg(p.trace, "Sent") == 0x0804 == code(
            rep["signature_algorithms"]["client_used"])
        assert "rsa_pkcs1_only" not in warning_codes(rep), rep["warnings"]
        log.next()

        # TLS 1.2, PKCS#1 only: works with rsa_pkcs1_sha256
        p, status, rep = sc_report(srv, "client-rsa", ["-tls1_2", "-sigalgs", PKCS1_ONLY])
        assert status == 200 and s_client_protocol(p) == "TLSv1.2"
        offered = t.trace_hello_codes(p.trace, "signature_algorithms")
        assert offered == [0x0403, 0x0401, 0x0501], [hex(c) for c in offered]
        assert t.trace_sigalg(p.trace, "Sent") == 0x0401, p.trace
        used = rep["signature_algorithms"]["client_used"]
        assert code(used) == 0x0401 and used["family"] == "RSASSA-PKCS1-v1_5", used
        check_cert(rep, "client-rsa")
        assert "rsa_pkcs1_only" in warning_codes(rep), rep["warnings"]
        assert diag(log.next())[0] == "verified"

        # -client_sigalgs alone decides the CertificateVerify too, and leaves
        # the ClientHello (and so the warning) as it was
        p, status, rep = sc_report(srv, "client-rsa",
                                   ["-tls1_2", "-client_sigalgs", "RSA+SHA256:RSA+SHA384"])
        assert status == 200
        assert 0x0804 in t.trace_hello_codes(p.trace, "signature_algorithms")
        assert t.trace_sigalg(p.trace, "Sent") == 0x0401 == code(
            rep["signature_algorithms"]["client_used"])
        assert "rsa_pkcs1_only" not in warning_codes(rep), rep["warnings"]
        log.next()

        # TLS 1.3, PKCS#1 only: the client can answer the request with no
        # certificate; with --verify optional the report says why
        p, status, rep = sc_report(srv, "client-rsa", ["-tls1_3", "-sigalgs", PKCS1_ONLY])
        assert status == 200 and s_client_protocol(p) == "TLSv1.3"
        assert t.trace_sigalg(p.trace, "Sent") is None, "s_client sent a CertificateVerify"
        assert rep["verdict"]["status"] == "no_certificate", rep["verdict"]
        assert rep["handshake"]["client_certificate_message"] == "empty"
        assert rep["signature_algorithms"]["client_used"] is None
        assert "rsa_pkcs1_only" in warning_codes(rep), rep["warnings"]
        msg = [w["message"] for w in rep["warnings"] if w["code"] == "rsa_pkcs1_only"][0]
        assert "TLS 1.3" in msg and "RSA-PSS" in msg and "TLS 1.2" in msg, msg
        dcode, cause = diag(log.next())
        assert dcode == "sigalg_not_allowed", (dcode, cause)
        assert "rsa_pkcs1_sha256" in cause and "TLS 1.3" in cause, cause
        assert "only as PKCS#1 v1.5" in cause, cause
        check_json_diagnosis(rep, "sigalg_not_allowed")
        print(f"  log: diagnosis_code={dcode} diagnosis=\"{cause}\"")

    with t.Server("--client-sigalgs", "rsa_pss_rsae_sha256:RSA+SHA256",
                  "--verify", "require") as srv:
        log = Log(srv)
        # TLS 1.3 with a certificate required: the handshake fails
        p = sc_fail(srv, "client-rsa", ["-tls1_3", "-sigalgs", PKCS1_ONLY])
        assert t.s_client_alert(p) == ("certificate_required", 116), p.stderr_text
        line = log.next()
        assert "warn handshake failed " in line, line
        assert 'alert="sent fatal certificate_required(116)"' in line, line
        dcode, cause = diag(line)
        assert dcode == "sigalg_not_allowed", (dcode, cause)
        assert "rsa_pkcs1_sha256" in cause and "TLS 1.3" in cause, cause
        assert "only as PKCS#1 v1.5" in cause, cause
        # TLS 1.2, the fix: the same client is accepted
        p, status, rep = sc_report(srv, "client-rsa", ["-tls1_2", "-sigalgs", PKCS1_ONLY])
        assert status == 200
        assert t.trace_sigalg(p.trace, "Sent") == 0x0401 == code(
            rep["signature_algorithms"]["client_used"])
        check_cert(rep, "client-rsa")
        assert diag(log.next())[0] == "verified"


def check_json_diagnosis(rep, want_code):
    """The JSON "diagnosis" list, when this build renders it: its headline."""
    d = rep.get("diagnosis")
    if not isinstance(d, list) or not d:
        return
    assert d[0].get("code") == want_code, d[0]


def token_failure(srv, log, args, conf):
    """A PKCS#1-only token asked for RSA-PSS: the module refuses, the client
    aborts with internal_error after its Certificate; the log's headline says
    the key cannot sign RSA-PSS, and why RSA-PSS was needed."""
    p = sc_fail(srv, "client-rsa", args, conf=conf)
    assert "Mechanism invalid" in p.stderr_text, p.stderr_text
    assert sent_alert(p.trace) == ("internal_error", 80), p.trace
    assert t.trace_sigalg(p.trace, "Sent") is None, p.trace
    line = log.next()
    assert "warn handshake failed " in line, line
    assert 'alert="received fatal internal_error(80)"' in line, line
    assert 'client="CN=client-rsa' in line, line
    trace = re.search(r' trace="([^"]*)"', line).group(1)
    assert " > certificate " in trace and "> certificate_verify" not in trace, trace
    assert trace.endswith("> alert(fatal,internal_error)"), trace
    dcode, cause = diag(line)
    assert dcode == "rsa_pss_unavailable", (dcode, cause)
    assert "RSA certificate CN=client-rsa" in cause, cause
    assert "aborted (alert internal_error)" in cause and "RSA-PSS" in cause, cause
    why = ("TLS 1.3 allows no other RSA signature" if "-tls1_3" in args else
           "CertificateRequest lists rsa_pss_* before rsa_pkcs1_*")
    assert why in cause, cause
    print(f"  log: diagnosis_code={dcode} diagnosis=\"{cause}\"")
    return p


def test_pkcs1_only_token():
    """A token without RSA-PSS behind an unmodified OpenSSL client."""
    conf = TOK.conf_nopss
    with t.Server("--client-sigalgs", "RSA+SHA256:rsa_pss_rsae_sha256") as srv:
        log = Log(srv)
        p, status, rep = sc_report(srv, "client-rsa", ["-tls1_2"], conf=conf)
        assert status == 200
        assert t.trace_sigalg(p.trace, "Sent") == 0x0401 == code(
            rep["signature_algorithms"]["client_used"])
        check_cert(rep, "client-rsa")
        # OpenSSL does not ask the module: the ClientHello still offers RSA-PSS
        assert 0x0804 in t.trace_hello_codes(p.trace, "signature_algorithms")
        assert "rsa_pkcs1_only" not in warning_codes(rep), rep["warnings"]
        assert diag(log.next())[0] == "verified"

        token_failure(srv, log, ["-tls1_3"], conf)

        # curl the same way
        p, body = curl_token(srv, "client-rsa", ["--tlsv1.2", "--tls-max", "1.2"], conf=conf)
        assert p.returncode == 0, p.stderr_text
        rep = json.loads(body)
        assert code(rep["signature_algorithms"]["client_used"]) == 0x0401
        assert diag(log.next())[0] == "verified"
        p, body = curl_token(srv, "client-rsa", ["--tlsv1.3"], conf=conf)
        assert p.returncode != 0 and not body, p.stderr_text
        line = log.next()
        assert 'alert="received fatal internal_error(80)"' in line, line
        assert diag(line)[0] == "rsa_pss_unavailable", line

    # A server whose CertificateRequest lists RSA-PSS before PKCS#1 (OpenSSL's
    # default order) loses this token on TLS 1.2 too.
    with t.Server() as srv:
        log = Log(srv)
        p = token_failure(srv, log, ["-tls1_2"], conf)
        order = certreq_sigalgs(p.trace)
        rsa = [c for c in order if c in PKCS1 | PSS]
        assert rsa and rsa[0] in PSS, [hex(c) for c in order]
        # the ECDSA key on the same token is unaffected
        p, status, rep = sc_report(srv, "client-ecdsa", ["-tls1_3"], conf=conf)
        assert status == 200
        assert t.trace_sigalg(p.trace, "Sent") == 0x0403 == code(
            rep["signature_algorithms"]["client_used"])
        log.next()


def main():
    global TOK
    t.need("openssl", "curl", "softhsm2-util", "pkcs11-tool")
    if not os.path.exists(MODULE):
        skip(f"SoftHSM2's PKCS#11 module {MODULE} is missing (apt-get install softhsm2)")
    eng = engine_path()
    if not eng or not os.path.exists(eng):
        skip(f"the pkcs11 OpenSSL engine {eng or '(no ENGINESDIR)'} is missing "
             "(apt-get install libengine-pkcs11-openssl)")
    # meson's timeout sends SIGTERM: leave through the finally blocks
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    TOK = Token()
    try:
        TOK.create()
        t.main([test_token_contents, test_engine_loads, test_s_client, test_curl,
                test_pkcs1_only_middleware, test_pkcs1_only_token, test_wrong_pin])
    finally:
        TOK.remove()


if __name__ == "__main__":
    main()
