"""Per-path policies, certificates requested after the handshake, the
failure journal and reload on SIGHUP (issue 4 points 4 to 6).

The independent views: s_client's own handshake output, the client
certificate files' own fields, the HTTP status the client saw, and whether a
connection opened before a reload still gets answers.
"""
import os
import shutil
import signal
import ssl
import subprocess
import tempfile
import time

import tlsmtest as t


def get(path, accept="application/json"):
    return t.http_get(path, {"Accept": accept})


def report_via_s_client(srv, args, path):
    """s_client with an HTTP request; returns (status, report or None, process)."""
    p = t.s_client(srv, list(args) + ["-ign_eof"], request=get(path))
    raw = p.stdout
    i = raw.find(b"HTTP/1.1 ")
    assert i >= 0, p.stdout_text + p.stderr_text
    status, headers, body = t.body_of(raw[i:])
    body = body[:int(headers.get("content-length", len(body)))]
    import json
    return status, json.loads(body), p


def subject_of(name):
    return t.cert_field(t.pki(name + ".crt"), "-subject", "-nameopt", "RFC2253").split("=", 1)[1]


def test_require_cert():
    with t.Server("--require-cert", "/secret", "--require-cert", "/admin/") as srv:
        p, body = t.curl(srv, path="/secret", extra=["-H", "Accept: application/json",
                                                     "-w", "\n%{http_code}"])
        status = body.rsplit(b"\n", 1)[1]
        assert status == b"403", body[-200:]
        import json
        rep = json.loads(body.rsplit(b"\n", 1)[0])
        assert rep["policy"] == {"require_cert": True, "denied": True}
        for name, want in (("client-ecdsa", b"200"), ("client-expired", b"403")):
            _, body = t.curl(srv, path="/secret", cert=t.pki(name + ".crt"),
                             key=t.pki(name + ".key"),
                             extra=["-o", "/dev/null", "-w", "%{http_code}"])
            assert body == want, (name, body)
        _, body = t.curl(srv, path="/admin/users", extra=["-o", "/dev/null", "-w", "%{http_code}"])
        assert body == b"403"
        _, body = t.curl(srv, path="/adminx", extra=["-o", "/dev/null", "-w", "%{http_code}"])
        assert body == b"404"
        _, body = t.curl(srv, path="/json", extra=["-o", "/dev/null", "-w", "%{http_code}"])
        assert body == b"200"


def test_renegotiate_tls13_post_handshake_auth():
    with t.Server("--verify", "none", "--renegotiate", "/login") as srv:
        status, rep, p = report_via_s_client(srv, ["-tls1_3", "-enable_pha",
                                                   "-cert", t.pki("client-ecdsa.crt"),
                                                   "-key", t.pki("client-ecdsa.key")], "/login")
        assert status == 200
        pa = rep["certificate_after_handshake"]
        assert pa["method"] == "post_handshake_auth" and pa["status"] == "received", pa
        cc = rep["client_certificate"]
        assert cc["present"] and cc["verified"], cc
        assert cc["chain"][0]["subject"] == subject_of("client-ecdsa")
        # The initial handshake sent no CertificateRequest; the post-handshake one is in the trace.
        trace = rep["handshake"]["trace"]
        crs = [e for e in trace if e["kind"] == "handshake" and e["type"] == 13]
        assert len(crs) == 1 and crs[0]["encrypted"], crs
        fin = [i for i, e in enumerate(trace) if e["type"] == 20 and e["kind"] == "handshake"]
        assert trace.index(crs[0]) > fin[0]
        # Without post_handshake_auth in the ClientHello the report says so.
        status, rep, p = report_via_s_client(srv, ["-tls1_3", "-cert", t.pki("client-ecdsa.crt"),
                                                   "-key", t.pki("client-ecdsa.key")], "/login")
        assert status == 200
        assert rep["certificate_after_handshake"]["status"] == "no_extension"
        assert rep["client_certificate"]["present"] is False


def test_renegotiate_tls12():
    with t.Server("--verify", "none", "--renegotiate", "/login") as srv:
        status, rep, p = report_via_s_client(srv, ["-tls1_2", "-cert", t.pki("client-rsa.crt"),
                                                   "-key", t.pki("client-rsa.key")], "/login")
        assert status == 200
        pa = rep["certificate_after_handshake"]
        assert pa["method"] == "renegotiation" and pa["status"] == "received", pa
        cc = rep["client_certificate"]
        assert cc["present"] and cc["verified"]
        assert cc["chain"][0]["subject"] == subject_of("client-rsa")
        hellos = [e for e in rep["handshake"]["trace"] if e["type"] == 1 and e["kind"] == "handshake"]
        assert len(hellos) == 2, "the renegotiation is a second ClientHello"
        # A client that refuses renegotiation: OpenSSL ends the connection (a
        # fatal handshake_failure after the client's no_renegotiation alert), so
        # the log says why and the next connection from this address shows it.
        p = t.s_client(srv, ["-tls1_2", "-no_renegotiation", "-ign_eof", "-cert",
                             t.pki("client-rsa.crt"), "-key", t.pki("client-rsa.key")],
                       request=get("/login"))
        assert b"HTTP/1.1 " not in p.stdout
        srv.wait_log(r"failure=\"the client refused to renegotiate")
        status, rep, p = report_via_s_client(srv, ["-tls1_2"], "/json")
        assert status == 200
        assert "refused to renegotiate" in rep["previous_failure"]["reason"], rep["previous_failure"]
        # Paths without the policy never renegotiate.
        status, rep, p = report_via_s_client(srv, ["-tls1_2"], "/json")
        assert rep["certificate_after_handshake"]["status"] == "not_attempted"


def test_journal_and_previous_failure():
    with t.Server("--verify", "require", "--journal") as srv:
        p = t.s_client(srv, ["-tls1_3", "-ign_eof"], request=b"")
        assert "alert certificate required" in p.stderr_text
        srv.wait_log(r"handshake failed")
        status, rep, _ = report_via_s_client(srv, ["-tls1_3", "-cert", t.pki("client-ecdsa.crt"),
                                                   "-key", t.pki("client-ecdsa.key")], "/json")
        pf = rep["previous_failure"]
        assert pf is not None and 0 <= pf["age_s"] < 30, pf
        assert "peer did not return a certificate" in pf["reason"]
        assert pf["alert"]["description"] == "certificate_required" and pf["alert"]["sent"]
        _, body = t.curl(srv, path="/failures.json", cert=t.pki("client-ecdsa.crt"),
                         key=t.pki("client-ecdsa.key"))
        import json
        failures = json.loads(body)["failures"]
        assert len(failures) == 1 and failures[0]["alert"]["code"] == 116
        assert failures[0]["reason"] == pf["reason"]
    with t.Server("--verify", "require") as srv:
        _, body = t.curl(srv, path="/failures", cert=t.pki("client-ecdsa.crt"),
                         key=t.pki("client-ecdsa.key"),
                         extra=["-o", "/dev/null", "-w", "%{http_code}"])
        assert body == b"404", "the journal shows other clients: only with --journal"


def write_crl(tmp, revoked_names, out):
    """A CRL from the test CA revoking the named certificates (openssl ca -gencrl)."""
    db = os.path.join(tmp, "index.txt")
    with open(db, "w") as f:
        for name in revoked_names:
            serial = t.cert_field(t.pki(name + ".crt"), "-serial").split("=", 1)[1]
            subject = t.cert_field(t.pki(name + ".crt"), "-subject", "-nameopt", "compat")
            subject = subject.split("=", 1)[1].strip()
            f.write(f"R\t300101000000Z\t250101000000Z,keyCompromise\t{serial}\tunknown\t{subject}\n")
    cnf = os.path.join(tmp, "ca.cnf")
    with open(cnf, "w") as f:
        f.write(f"[ca]\ndefault_ca = c\n[c]\ndatabase = {db}\ndefault_md = sha256\n"
                f"default_crl_days = 7\n")
    t.run(["openssl", "ca", "-gencrl", "-config", cnf, "-keyfile", t.pki("ca.key"),
           "-cert", t.pki("ca.crt"), "-out", out], check=True)


def test_reload_with_new_crl():
    tmp = tempfile.mkdtemp(prefix="tlsm-reload-")
    try:
        crl = os.path.join(tmp, "crl.pem")
        write_crl(tmp, [], crl)
        with t.Server("--CRL", crl, "--verify-return-error") as srv:
            old = t.tls_connect(srv, cert=t.pki("client-ecdsa.crt"), key=t.pki("client-ecdsa.key"))
            old.sendall(t.http_get("/json", {"Connection": "keep-alive"}))
            status, _, _ = t.recv_response(old)
            assert status == 200
            write_crl(tmp, ["client-ecdsa"], crl)
            srv.proc.send_signal(signal.SIGHUP)
            srv.wait_log(r"info reloaded")
            try:
                s = t.tls_connect(srv, cert=t.pki("client-ecdsa.crt"), key=t.pki("client-ecdsa.key"))
                s.sendall(t.http_get("/json"))
                s.recv(100)
                raise AssertionError("a revoked certificate was accepted after the reload")
            except ssl.SSLError as e:
                assert "revoked" in str(e).lower(), e
            srv.wait_log(r"alert=\"sent fatal certificate_revoked\(44\)\"")
            # The connection opened before the reload keeps working.
            old.sendall(t.http_get("/json", {"Connection": "close"}))
            status, _, body = t.recv_response(old)
            assert status == 200 and b"\"verified\": true" in body
            old.close()
            # A broken CRL file: the reload fails and the old configuration keeps serving.
            with open(crl, "w") as f:
                f.write("not a CRL\n")
            srv.proc.send_signal(signal.SIGHUP)
            srv.wait_log(r"reload failed, keeping the running configuration")
            _, body = t.curl(srv, path="/json", cert=t.pki("client-rsa.crt"), key=t.pki("client-rsa.key"),
                             extra=["-o", "/dev/null", "-w", "%{http_code}"])
            assert body == b"200"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    t.main([test_require_cert, test_renegotiate_tls13_post_handshake_auth, test_renegotiate_tls12,
            test_journal_and_previous_failure, test_reload_with_new_crl])
