"""Diagnosis of every client-certificate outcome, and the CRL options.

Each certificate of the test PKI goes to tlsmirror in report mode (the
default), where the connection's log line must carry the right headline
(`diagnosis_code=` and the plain-words `diagnosis="..."`), and with
--verify-return-error, where the handshake must fail with the alert OpenSSL
sends for that verify error (as s_client reports it) and the log must still
name the cause. Dates, issuers and revocation entries are checked against
the files' own view (`openssl x509`, `openssl crl`). When the JSON report
carries the "diagnosis" list, its headline is checked too.
"""
import json
import os
import re
import shutil
import socket
import ssl
import tempfile
import time

import tlsmtest as t

P = t.pki
ROOT = "CN=tlsmirror test root CA"
VERSIONS = (("TLSv1.2", "-tls1_2"), ("TLSv1.3", "-tls1_3"))
WEAK_OK = ["-cipher", "DEFAULT:@SECLEVEL=0"]	# lets s_client load RSA-1024 and SHA-1 certificates


def cert_args(name, chain=None, extra=()):
    args = ["-cert", P(name + ".crt"), "-key", P(name + ".key")] + list(extra)
    if chain:
        args += ["-cert_chain", P(chain)]
    return args


def weak_cases():
    """(args, diagnosis) of the RSA-1024 and SHA-1 certificates, or "verified"
    for each that this OpenSSL accepts at the server's security level: the
    same library's `openssl verify -auth_level` decides (Debian's OpenSSL 3
    runs at level 2 and refuses both; upstream 1.1.1 runs at level 1 and
    accepts them)."""
    level = t.security_level()
    out = []
    for name, code in (("client-rsa1024", "weak_key"), ("client-sha1", "sha1_signature")):
        refused = t.openssl_verify(P(name + ".crt"), "-auth_level", str(level)) is not None
        out.append((cert_args(name, extra=WEAK_OK), code if refused else "verified", code))
    return out


def unescape(v):
    return re.sub(r"\\(.)", r"\1", v)


def diag_of(line):
    """(code, cause) of a log line's diagnosis fields."""
    code = re.search(r" diagnosis_code=(\S+)", line)
    cause = re.search(r' diagnosis="((?:[^"\\]|\\.)*)"', line)
    assert code and cause, line
    return code.group(1), unescape(cause.group(1))


class Conns:
    """Counts the connections of one server so each log line is found by order."""

    def __init__(self, srv):
        self.srv = srv
        self.n = 0

    def line(self):
        self.n += 1
        return t.wait_log_count(self.srv, r"diagnosis_code=", self.n)[self.n - 1]

    def report(self, args, code, *phrases):
        """s_client in report mode; asserts the log's headline and the JSON's if present."""
        p, status, rep = t.s_client_report(self.srv, args)
        assert status == 200, (args, p.stderr_text)
        got, cause = diag_of(self.line())
        assert got == code, (args, got, cause)
        for ph in phrases:
            assert ph in cause, (ph, cause)
        check_json(rep, code, phrases)
        return rep, cause

    def strict(self, args, code, alert):
        """s_client against --verify-return-error: the alert it got and the log's cause."""
        p = t.s_client(self.srv, list(args) + ["-ign_eof"], request=t.http_get())
        assert p.returncode != 0 and b"HTTP/1.1 " not in p.stdout, args
        assert t.s_client_alert(p) == alert, (args, t.s_client_alert(p), p.stderr_text)
        line = self.line()
        assert "warn handshake failed " in line, line
        assert f'alert="sent fatal {alert[0]}({alert[1]})"' in line, line
        got, cause = diag_of(line)
        assert got == code, (args, got, cause)
        return cause


def check_json(rep, code, phrases=()):
    """The renderer's "diagnosis" list, once it exists: same headline as the log."""
    diags = (rep or {}).get("diagnosis")
    if diags is None:
        return
    assert diags and diags[0]["code"] == code, diags
    assert diags[0]["severity"] in ("ok", "info", "warning", "error"), diags
    for k in ("cause", "fix", "strict"):
        assert diags[0][k], diags
    for ph in phrases:
        assert ph in diags[0]["cause"], (ph, diags[0])


def findings(rep):
    return [(d["code"], d["severity"]) for d in (rep or {}).get("diagnosis") or []]


def test_report_mode():
    view = {n: t.cert_view(P(n + ".crt")) for n in
            ("client-expired", "client-notyet", "client-foreign", "client-inter")}
    with t.Server() as srv:
        c = Conns(srv)
        c.report(cert_args("client-rsa"), "verified", "CN=client-rsa", ROOT)
        c.report(cert_args("client-inter", chain="intermediate.crt"), "verified",
                 "CN=client-inter")
        c.report([], "no_certificate", "the client sent no certificate",
                 "issued by " + ROOT, "may have no certificate from those CAs")
        v = view["client-expired"]
        c.report(cert_args("client-expired"), "expired",
                 f"CN=client-expired expired on {v['not_after']}", "the server's clock says")
        v = view["client-notyet"]
        c.report(cert_args("client-notyet"), "not_yet_valid",
                 f"is not valid before {v['not_before']}", "the server's clock says")
        # The leaf alone: its issuer is an intermediate the client did not send.
        c.report(cert_args("client-inter"), "missing_intermediate",
                 "did not send its intermediate CA certificate",
                 view["client-inter"]["issuer"])
        # An unrelated CA, leaf alone and with its (untrusted) root.
        c.report(cert_args("client-foreign"), "unknown_ca", view["client-foreign"]["issuer"],
                 "which this server does not trust")
        c.report(cert_args("client-foreign", chain="foreign-ca.crt"), "unknown_ca",
                 "ends at the root CA " + t.cert_view(P("foreign-ca.crt"))["subject"])
        c.report(cert_args("client-selfsigned"), "self_signed",
                 "self-signed certificate, CN=client-selfsigned")
        c.report(cert_args("client-noclientauth"), "no_client_auth_eku", "without clientAuth")
        c.report(cert_args("client-nodigsig"), "key_usage", "keyEncipherment",
                 "without digitalSignature")
        phrases = {"weak_key": ("1024-bit RSA key",), "sha1_signature": ("ecdsa-with-SHA1",),
                   "verified": ()}
        for args, code, weakness in weak_cases():
            rep, _ = c.report(args, code, *phrases[code])
            if code == "verified":	# accepted at this level, and still flagged
                assert (weakness, "warning") in findings(rep), findings(rep)
        # keyAgreement only: OpenSSL verifies it; the key usage is a warning.
        rep, _ = c.report(cert_args("client-keyagree"), "verified")
        if "diagnosis" in rep:
            assert ("key_usage", "warning") in findings(rep), findings(rep)


def test_strict_alerts():
    # (certificate args, diagnosis code, the alert OpenSSL 3.0 sends for the verify error)
    cases = [(cert_args("client-expired"), "expired", ("certificate_expired", 45)),
             (cert_args("client-notyet"), "not_yet_valid", ("bad_certificate", 42)),
             (cert_args("client-foreign"), "unknown_ca", ("unknown_ca", 48)),
             (cert_args("client-inter"), "missing_intermediate", ("unknown_ca", 48)),
             (cert_args("client-selfsigned"), "self_signed", ("unknown_ca", 48)),
             (cert_args("client-noclientauth"), "no_client_auth_eku",
              ("unsupported_certificate", 43)),
             (cert_args("client-nodigsig"), "key_usage", ("unsupported_certificate", 43))]
    cases += [(args, code, ("bad_certificate", 42)) for args, code, _ in weak_cases()]
    with t.Server("--verify-return-error") as srv:
        c = Conns(srv)
        for args, code, alert in cases:
            for proto, flag in VERSIONS:
                if code == "verified":	# accepted at this security level: no alert
                    c.report([flag] + args, code)
                else:
                    cause = c.strict([flag] + args, code, alert)
        if cases[-1][1] == "sha1_signature":
            assert "CN=client-sha1" in cause, cause
        c.report(cert_args("client-rsa"), "verified")
    with t.Server("--verify-return-error", "--CRL", P("crl.pem")) as srv:
        c = Conns(srv)
        for proto, flag in VERSIONS:
            cause = c.strict([flag] + cert_args("client-revoked"), "revoked",
                             ("certificate_revoked", 44))
            assert "reason keyCompromise" in cause, cause
    with t.Server("--verify-return-error", "--CRL", P("crl-stale.pem")) as srv:
        Conns(srv).strict(cert_args("client-rsa"), "crl_stale", ("certificate_expired", 45))
    with t.Server("--verify-return-error", "--crl-check", "leaf") as srv:
        Conns(srv).strict(cert_args("client-rsa"), "crl_missing", ("unknown_ca", 48))
    with t.Server("--verify-return-error", "--verify-depth", "1") as srv:
        Conns(srv).strict(cert_args("client-deep", chain="client-deep-chain.crt"),
                          "chain_too_long", ("unknown_ca", 48))


def revocation_entry(crl, serial):
    """`openssl crl -text`: (ISO date, reason in RFC 5280 spelling) of serial."""
    text = t.run(["openssl", "crl", "-in", crl, "-noout", "-text"], check=True).stdout_text
    m = re.search(rf"Serial Number: {serial}\s+Revocation Date: (.*?)\n"
                  r"(?:\s+CRL entry extensions:\s+X509v3 CRL Reason Code:\s+(.*?)\n)?", text)
    assert m, (serial, text)
    reason = (m.group(2) or "Unspecified").strip()
    return t.openssl_date_iso(m.group(1)), reason[0].lower() + reason[1:].replace(" ", "")


def test_crl_revoked():
    serial = t.cert_view(P("client-revoked.crt"))["serial"]
    date, reason = revocation_entry(P("crl.pem"), serial)
    assert reason == "keyCompromise", reason
    want = [f"(serial {serial}) was revoked on {date}, reason keyCompromise",
            "by the CRL of " + ROOT]
    tmp = tempfile.mkdtemp(prefix="tlsm-crl-")
    try:
        der = os.path.join(tmp, "crl.der")
        t.run(["openssl", "crl", "-in", P("crl.pem"), "-outform", "DER", "-out", der], check=True)
        hashed = os.path.join(tmp, "hashed")
        os.mkdir(hashed)
        shutil.copy(P("crl.pem"), hashed)
        t.run(["openssl", "rehash", hashed], check=True)
        assert any(re.fullmatch(r"[0-9a-f]{8}\.r0", f) for f in os.listdir(hashed))
        for args, loaded in ((["--CRL", P("crl.pem")], "loaded 1 CRL from "),
                             (["--CRL", der], "loaded 1 CRL from "),
                             (["--CRLpath", hashed], "CRL directory ")):
            with t.Server(*args) as srv:
                srv.wait_log(re.escape(loaded))
                c = Conns(srv)
                c.report(cert_args("client-revoked"), "revoked", *want)
                c.report(cert_args("client-rsa"), "verified")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    with t.Server() as srv:
        # Without CRLs nothing is checked (README: OK without CRL checking).
        Conns(srv).report(cert_args("client-revoked"), "verified")


def test_crl_files_and_checks():
    # A PEM file with two CRLs loads both: the whole chain checks with --crl-check all.
    with t.Server("--CRL", P("crl-all.pem"), "--crl-check", "all") as srv:
        srv.wait_log(r"info loaded 2 CRLs from " + re.escape(P("crl-all.pem")))
        c = Conns(srv)
        c.report(cert_args("client-inter", chain="intermediate.crt"), "verified")
        c.report(cert_args("client-revoked"), "revoked")
    # The root's CRL alone: the intermediate's is missing for --crl-check all.
    with t.Server("--CRL", P("crl.pem"), "--crl-check", "all") as srv:
        Conns(srv).report(cert_args("client-inter", chain="intermediate.crt"), "crl_missing",
                          "no CRL from CN=tlsmirror test intermediate CA")
    # --crl-check without any CRL: every certificate's CRL is missing.
    with t.Server("--crl-check", "leaf") as srv:
        Conns(srv).report(cert_args("client-rsa"), "crl_missing", "no CRL from " + ROOT)
    # Past nextUpdate: refused alone, a warning next to a current CRL.
    nxt = t.run(["openssl", "crl", "-in", P("crl-stale.pem"), "-noout", "-nextupdate"],
                check=True).stdout_text.split("=", 1)[1]
    nxt = t.openssl_date_iso(nxt)
    with t.Server("--CRL", P("crl-stale.pem")) as srv:
        srv.wait_log(r"warn 1 CRL in .*crl-stale\.pem is past nextUpdate")
        Conns(srv).report(cert_args("client-rsa"), "crl_stale",
                          f"the CRL of {ROOT} is out of date: its nextUpdate was {nxt}")
    with t.Server("--CRL", P("crl-stale.pem"), "--CRL", P("crl.pem")) as srv:
        rep, _ = Conns(srv).report(cert_args("client-rsa"), "verified")
        if "diagnosis" in rep:
            assert ("crl_stale", "warning") in findings(rep), findings(rep)


def test_crl_startup_errors():
    base = [t.BIN, "--listen", "127.0.0.1:0", "--cert", P("server.crt"), "--key", P("server.key"),
            "--CAfile", P("ca.crt")]
    for args, rc, words in ((["--CRL", P("ca.crt")], 1, [P("ca.crt"), "no CRL"]),
                            (["--CRL", "/nonexistent.crl"], 1,
                             ["/nonexistent.crl", "No such file"]),
                            (["--CRLpath", "/nonexistent-dir"], 1, ["/nonexistent-dir"]),
                            (["--crl-check", "sometimes"], 2, ["--crl-check", "'sometimes'"]),
                            (["--CRL", P("crl.pem")] * 17, 2, ["--CRL", "at most 16"])):
        p = t.run(base + args, timeout=10)
        assert p.returncode == rc, (args, p.returncode, p.stderr_text)
        for w in words:
            assert w in p.stderr_text, (w, p.stderr_text)
        assert "listening" not in p.stdout_text


def test_chain_too_long():
    chain = cert_args("client-deep", chain="client-deep-chain.crt")
    want = t.openssl_verify(P("client-deep.crt"), "-verify_depth", "1",
                            "-untrusted", P("client-deep-chain.crt"))
    assert want is not None and want[0] == 22, want
    with t.Server("--verify-depth", "1") as srv:
        Conns(srv).report(chain, "chain_too_long", "2 intermediate CA certificate(s)",
                          "--verify-depth 1")
    with t.Server("--verify-depth", "2") as srv:
        Conns(srv).report(chain, "verified")


def test_sigalg_not_allowed():
    # A client that offers RSA only as PKCS#1 v1.5, against a request for RSA-PSS
    # over TLS 1.3: OpenSSL's client answers with an empty Certificate.
    client = ["-tls1_3", "-sigalgs", "RSA+SHA256:ECDSA+SHA256"] + cert_args("client-rsa")
    with t.Server("--client-sigalgs", "rsa_pss_rsae_sha256") as srv:
        Conns(srv).report(client, "sigalg_not_allowed", "rsa_pkcs1_sha256",
                          "(rsa_pss_rsae_sha256)")
    with t.Server("--client-sigalgs", "rsa_pss_rsae_sha256", "--verify", "require") as srv:
        p = t.s_client(srv, client + ["-ign_eof"], request=t.http_get())
        assert t.s_client_alert(p) == ("certificate_required", 116), p.stderr_text
        got, cause = diag_of(Conns(srv).line())
        assert got == "sigalg_not_allowed", (got, cause)


def abandon(srv, version, linger=0.0):
    """A client that reads the server's flight (CertificateRequest included) and
    closes without answering, after linger seconds."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.minimum_version = ctx.maximum_version = version
    inc, out = ssl.MemoryBIO(), ssl.MemoryBIO()
    obj = ctx.wrap_bio(inc, out, server_hostname="localhost")
    sock = socket.create_connection((srv.host, srv.port), timeout=10)
    try:
        try:
            obj.do_handshake()
        except ssl.SSLWantReadError:
            pass
        sock.sendall(out.read())	# the ClientHello
        for _ in range(1000):
            chunk = sock.recv(65536)
            if not chunk:
                break
            inc.write(chunk)
            try:
                obj.do_handshake()
                break		# TLS 1.3: the server's flight is complete
            except ssl.SSLWantReadError:
                if out.pending:
                    break	# TLS 1.2: the client's answer is ready, and never sent
        time.sleep(linger)
    finally:
        sock.close()


def test_abandoned_after_certificate_request():
    with t.Server() as srv:
        c = Conns(srv)
        for version in (ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3):
            abandon(srv, version)
            got, cause = diag_of(c.line())
            assert got == "abandoned_after_certificate_request", (version, got, cause)
            assert "gave up (it closed the connection)" in cause, cause
            assert "the user cancelled the selection" in cause, cause
        # s_client that does not trust the server's certificate gives up with unknown_ca.
        p = t.run(["openssl", "s_client", "-connect", f"{srv.host}:{srv.port}",
                   "-servername", "localhost", "-verify_return_error", "-tls1_3"],
                  input=b"", timeout=15)
        assert p.returncode != 0
        line = c.line()
        assert 'alert="received fatal unknown_ca(48)"' in line, line
        got, cause = diag_of(line)
        assert got == "abandoned_after_certificate_request", (got, cause)
        assert "it sent the alert unknown_ca" in cause, cause
    with t.Server("--handshake-timeout", "1") as srv:
        abandon(srv, ssl.TLSVersion.TLSv1_3, linger=2.0)
        got, cause = diag_of(Conns(srv).line())
        assert got == "abandoned_after_certificate_request" and "in time" in cause, cause


def test_other_outcomes():
    with t.Server("--verify", "none") as srv:
        c = Conns(srv)
        c.report(cert_args("client-rsa"), "not_requested", "--verify none")
        # Not asked: a client refusing the server's certificate is just that.
        p = t.run(["openssl", "s_client", "-connect", f"{srv.host}:{srv.port}",
                   "-servername", "localhost", "-verify_return_error"], input=b"", timeout=15)
        assert p.returncode != 0
        got, cause = diag_of(c.line())
        assert got == "handshake_failed" and "rejected this server's certificate" in cause, cause
    with t.Server("--tls1_2", "--cipher", "ECDHE-ECDSA-AES128-GCM-SHA256") as srv:
        p = t.s_client(srv, ["-tls1_2", "-cipher", "AES256-SHA"], request=b"")
        assert t.s_client_alert(p) == ("handshake_failure", 40), p.stderr_text
        got, cause = diag_of(Conns(srv).line())
        assert got == "handshake_failed" and "no cipher suite in common" in cause, cause
    with t.Server("--verify", "require") as srv:
        for i, (proto, flag) in enumerate(VERSIONS):
            p = t.s_client(srv, [flag, "-ign_eof"], request=t.http_get())
            assert p.returncode != 0
            got, cause = diag_of(t.wait_log_count(srv, r"diagnosis_code=", i + 1)[i])
            assert got == "no_certificate" and ROOT in cause, cause


def test_log_escapes_hostile_subject():
    with t.Server("--log-format", "json") as srv:
        p, status, rep = t.s_client_report(srv, cert_args("hostile"))
        assert status == 200
        line = t.wait_log_count(srv, r'"diagnosis_code"', 1)[0]
        obj = json.loads(line)
        assert obj["diagnosis_code"] == "verified", obj
        # The subject is quoted as the client line has it (RFC 2253 escapes included).
        assert obj["diagnosis"].startswith("the client certificate " + obj["client"]), obj
    with t.Server() as srv:
        p, status, rep = t.s_client_report(srv, cert_args("hostile"))
        t.wait_log_count(srv, r"diagnosis_code=verified", 1)
        lines = t.log_lines(srv)
        # One line for the connection, whatever the subject holds (LF, CR, NUL, quotes).
        assert sum(b"info connection " in l for l in lines) == 1, lines
        assert all(l.startswith(b"20") for l in lines), lines


if __name__ == "__main__":
    t.need("openssl")
    t.main([test_report_mode, test_strict_alerts, test_crl_revoked, test_crl_files_and_checks,
            test_crl_startup_errors, test_chain_too_long, test_sigalg_not_allowed,
            test_abandoned_after_certificate_request, test_other_outcomes,
            test_log_escapes_hostile_subject])
