"""Client-certificate verification: report mode, --verify require|none,
--verify-return-error, --verify-depth and the CA names sent.

Every verification result is checked against OpenSSL's own verdict on the same
file (`openssl verify -CAfile ca.crt -purpose sslclient`), every refused
handshake against the alert s_client (or curl, or Python's ssl) says it
received, and what was or was not sent against s_client's -trace.

Over TLS 1.3 a client's Finished goes out before the server's verdict, so a
refusal reaches the client after it may already have written its request; the
server closes the socket right after its alert, with that request unread, which
the kernel answers with a reset. s_client and Python's ssl read the alert
queued before the reset; curl, which writes first, often reports only
"Connection reset by peer". The curl checks of alerts therefore use TLS 1.2.
"""
import re
import ssl

import tlsmtest as t

P = t.pki
VERSIONS = (("TLSv1.2", "-tls1_2", ["--tlsv1.2", "--tls-max", "1.2"]),
            ("TLSv1.3", "-tls1_3", ["--tlsv1.3"]))

# Report mode: (name, certificate file sent, X509_V_ERR code OpenSSL must
# agree on, its string (or the spellings of the OpenSSL versions we build
# against: the report must use the linked one's), s_client args to send the
# chain, verify args).
BAD = [
    ("client-expired", "client-expired.crt", 10, "certificate has expired", [], []),
    ("client-notyet", "client-notyet.crt", 9,
     ("certificate is not yet valid",	# 1.1.1 to 3.5
      "certificate is not yet valid or the system clock is incorrect"), [], []),	# 3.6
    ("client-foreign", "client-foreign.crt", 20, "unable to get local issuer certificate", [],
     []),
    # The leaf alone: the server's CA file holds the root, not the intermediate.
    ("client-inter", "client-inter.crt", 20, "unable to get local issuer certificate", [], []),
    # serverAuth only: OpenSSL's sslclient purpose check refuses it.
    ("client-noclientauth", "client-noclientauth.crt", 26,
     ("unsuitable certificate purpose", "unsupported certificate purpose"),	# 3.x, 1.1.1
     [], []),
]


def sent_certs(trace):
    cert = t.trace_message(trace, "Sent", "Certificate")
    return cert.count("ASN.1Cert, length=") if cert else 0


def check_not_verified(rep, name, code, string, verify_args=(), depth_cert=None):
    """The report's failure equals `openssl verify` on the same leaf."""
    want = t.openssl_verify(P(name + ".crt"), *verify_args)
    assert want is not None, f"openssl verify accepts {name}"
    assert want[0] == code and want[2] == string, (name, want)
    cc = rep["client_certificate"]
    assert cc["present"] is True and cc["verified"] is False, cc
    vr = cc["verify_result"]
    assert vr["code"] == want[0], (name, vr, want)
    assert vr["string"] == want[2], (name, vr, want)
    assert vr["depth"] == want[1], (name, vr, want)
    subject_of = t.cert_view(depth_cert or P(name + ".crt"))["subject"]
    assert vr["subject"] == subject_of, (vr, subject_of)
    first = cc["errors"][0]
    assert (first["code"], first["depth"], first["string"]) == (want[0], want[1], want[2]), \
        cc["errors"]
    assert rep["verdict"]["status"] == "not_verified", rep["verdict"]
    assert string in rep["verdict"]["summary"], rep["verdict"]
    assert cc["chain"][0]["sha256"] == t.cert_view(P(name + ".crt"))["sha256"]


def test_report_mode_bad_certificates():
    with t.Server() as srv:
        n_conn = 0
        for name, crt, code, strings, chain_args, vargs in BAD:
            # The wording of the linked OpenSSL (its own `openssl verify`).
            string = (t.openssl_verify(P(name + ".crt"), *vargs) or ("", "", ""))[2]
            assert string in (strings if isinstance(strings, tuple) else (strings,)), string
            for proto, flag, curl_flags in VERSIONS:
                where = f"{name} {proto}"
                args = [flag, "-cert", P(crt), "-key", P(name + ".key")] + chain_args
                p, status, rep = t.s_client_report(srv, args, trace=True)
                n_conn += 1
                assert status == 200 and p.returncode == 0, (where, p.stderr_text)
                assert rep["tls"]["protocol"] == proto, where
                assert rep["client_certificate"]["verify_mode"] == "optional"
                check_not_verified(rep, name, code, string, vargs)
                assert len(rep["client_certificate"]["chain"]) == sent_certs(p.trace), where
                if name in ("client-inter", "client-foreign"):
                    assert sent_certs(p.trace) == 1, where
                p, rep = t.curl_json(srv, cert=P(crt), key=P(name + ".key"), extra=curl_flags)
                n_conn += 1
                assert t.curl_ssl_line(p)[0] == proto, where
                check_not_verified(rep, name, code, string, vargs)
            line = t.wait_log_count(srv, rf'client="CN={name}" verify=not_verified '
                                    rf'verify_error="{string}" requests=1 status=200', 4)
            assert all("info connection" in l for l in line), line
        t.wait_log_count(srv, r"info connection ", n_conn)


def test_require_without_certificate_fails():
    with t.Server("--verify", "require") as srv:
        expect = {"TLSv1.3": ("certificate_required", 116),
                  "TLSv1.2": ("handshake_failure", 40)}
        for i, (proto, flag, curl_flags) in enumerate(VERSIONS):
            p = t.s_client(srv, [flag, "-ign_eof"], request=t.http_get())
            assert p.returncode != 0, p.stdout_text
            assert b"HTTP/1.1 " not in p.stdout, proto
            alert = t.s_client_alert(p)
            assert alert == expect[proto], (proto, alert, p.stderr_text)
            name, number = alert
            log = t.wait_log_count(srv, r"warn handshake failed ", i + 1)[-1]
            assert re.search(r" peer=127\.0\.0\.1:\d+ ", log), log
            assert 'failure="TLS handshake failed: peer did not return a certificate"' in log, log
            assert f'alert="sent fatal {name}({number})"' in log, (log, alert)
            if proto == "TLSv1.3":
                assert "protocol=TLSv1.3" in log, log
        # curl sees the same alerts.
        p, _ = t.curl(srv, extra=["--tlsv1.2", "--tls-max", "1.2"])
        assert p.returncode != 0 and "alert handshake failure" in p.stderr_text, p.stderr_text
        t.wait_log_count(srv, r'alert="sent fatal handshake_failure\(40\)"', 2)


def test_require_names_the_peer():
    """Python's ssl knows its own port: the log line must name it."""
    with t.Server("--verify", "require") as srv:
        sock = t.tls_connect(srv, version=ssl.TLSVersion.TLSv1_3)
        port = sock.getsockname()[1]
        # Our Finished is out before the server's verdict arrives: the refusal
        # shows on the next I/O, as the alert or as the closed connection.
        try:
            sock.sendall(t.http_get())
            data, closed = t.recv_until_closed(sock, timeout=5)
            raise AssertionError(f"no refusal, got {data!r} {closed}")
        except ssl.SSLError as e:
            assert "CERTIFICATE_REQUIRED" in str(e).upper() or isinstance(e, ssl.SSLEOFError), e
        finally:
            sock.close()
        log = srv.wait_log(rf"warn handshake failed id=1 peer=127\.0\.0\.1:{port} .*"
                           r'alert="sent fatal certificate_required\(116\)"')
        assert log


def test_require_with_certificate_succeeds():
    with t.Server("--verify", "require") as srv:
        for proto, flag, curl_flags in VERSIONS:
            p, status, rep = t.s_client_report(
                srv, [flag, "-cert", P("client-ecdsa.crt"), "-key", P("client-ecdsa.key")])
            assert p.returncode == 0 and status == 200, p.stderr_text
            cc = rep["client_certificate"]
            assert cc["verify_mode"] == "require" and cc["requested"] is True
            assert cc["verified"] is True and rep["verdict"]["status"] == "verified"
            assert cc["chain"][0]["sha256"] == t.cert_view(P("client-ecdsa.crt"))["sha256"]
            assert rep["tls"]["protocol"] == proto
            p, rep = t.curl_json(srv, cert=P("client-rsa.crt"), key=P("client-rsa.key"),
                                 extra=curl_flags)
            assert rep["verdict"]["status"] == "verified", rep["verdict"]
        assert "handshake failed" not in srv.log(), srv.log()


def test_verify_return_error():
    # (name, alert s_client must receive: OpenSSL's mapping of the verify error)
    cases = [("client-expired", ("certificate_expired", 45)),
             ("client-foreign", ("unknown_ca", 48)),
             ("client-noclientauth", ("unsupported_certificate", 43))]
    with t.Server("--verify-return-error") as srv:
        n = 0
        for name, want in cases:
            for proto, flag, _ in VERSIONS:
                p = t.s_client(srv, [flag, "-cert", P(name + ".crt"), "-key", P(name + ".key"),
                                     "-ign_eof"], request=t.http_get())
                n += 1
                assert p.returncode != 0 and b"HTTP/1.1 " not in p.stdout, (name, proto)
                alert = t.s_client_alert(p)
                assert alert == want, (name, proto, alert, p.stderr_text)
                log = t.wait_log_count(srv, r"warn handshake failed ", n)[-1]
                assert re.search(r" peer=127\.0\.0\.1:\d+ ", log), log
                assert 'failure="TLS handshake failed: certificate verify failed"' in log, log
                assert f'alert="sent fatal {alert[0]}({alert[1]})"' in log, (log, alert)
        # curl gets the same alert over TLS 1.2, where the refusal comes before
        # curl's Finished. Over TLS 1.3 curl writes its request first and may
        # see the reset of the closed socket instead (see the module notes).
        p, _ = t.curl(srv, cert=P("client-expired.crt"), key=P("client-expired.key"),
                      extra=VERSIONS[0][2])
        # curl -v: "TLSv1.2 (IN), TLS alert, certificate expired (557)" (0x22d:
        # fatal, 45), then its own "(60) SSL certificate verification failed".
        assert p.returncode != 0, p.stderr_text
        assert re.search(r"\(IN\), TLS alert, certificate expired \(557\)", p.stderr_text), \
            p.stderr_text
        p, _ = t.curl(srv, cert=P("client-expired.crt"), key=P("client-expired.key"),
                      extra=VERSIONS[1][2])
        assert p.returncode != 0, p.stderr_text
        t.wait_log_count(srv, r'alert="sent fatal certificate_expired\(45\)"', 4)
        # A good certificate still gets its report.
        for proto, flag, _ in VERSIONS:
            p, status, rep = t.s_client_report(
                srv, [flag, "-cert", P("client-rsa.crt"), "-key", P("client-rsa.key")])
            assert status == 200 and rep["verdict"]["status"] == "verified", rep["verdict"]
        # Without a certificate the mode is still optional: a report, no failure.
        p, rep = t.curl_json(srv)
        assert rep["verdict"]["status"] == "no_certificate", rep["verdict"]


def test_verify_none():
    with t.Server("--verify", "none") as srv:
        p, rep = t.curl_json(srv, cert=P("client-rsa.crt"), key=P("client-rsa.key"))
        cc = rep["client_certificate"]
        assert rep["verdict"]["status"] == "not_requested", rep["verdict"]
        assert cc["present"] is False and cc["requested"] is False and cc["chain"] == []
        assert cc["verify_mode"] == "none"
        for proto, flag, _ in VERSIONS:
            p, status, rep = t.s_client_report(
                srv, [flag, "-cert", P("client-rsa.crt"), "-key", P("client-rsa.key")],
                trace=True)
            assert status == 200 and rep["tls"]["protocol"] == proto
            assert t.trace_message(p.trace, "Received", "CertificateRequest") is None, proto
            assert t.trace_message(p.trace, "Sent", "Certificate") is None, proto
            # s_client prints the CA names and requested sigalgs only for a
            # CertificateRequest; "No client certificate CA names sent" stands
            # for an empty list, which is all there is without one.
            assert "Acceptable client certificate CA names" not in p.stdout_text, proto
            assert "Requested Signature Algorithms" not in p.stdout_text, proto
            assert "No client certificate CA names sent" in p.stdout_text, proto
            assert rep["verdict"]["status"] == "not_requested"
            assert rep["client_certificate"]["present"] is False


def test_ca_names_sent():
    ca_name = t.cert_field(P("ca.crt"), "-subject").split("=", 1)[1].strip()
    with t.Server() as srv:
        for proto, flag, _ in VERSIONS:
            p, status, rep = t.s_client_report(srv, [flag], trace=True)
            assert t.trace_message(p.trace, "Received", "CertificateRequest"), proto
            m = re.search(r"^Acceptable client certificate CA names\n((?:[^-\n].*\n)+)",
                          p.stdout_text, re.M)
            assert m, p.stdout_text
            names = m.group(1).splitlines()
            names = [n for n in names if not n.startswith(("Client Certificate Types",
                                                           "Requested Signature"))]
            assert ca_name in names, (ca_name, names)
            assert "Requested Signature Algorithms" in p.stdout_text
            assert rep["verdict"]["status"] == "no_certificate", rep["verdict"]
            assert rep["client_certificate"]["requested"] is True


def test_verify_depth():
    vargs = ["-untrusted", P("intermediate.crt")]
    sent = ["-cert", P("client-inter-chain.crt"), "-cert_chain", P("intermediate.crt"),
            "-key", P("client-inter.key")]
    with t.Server("--verify-depth", "0") as srv:
        want = t.openssl_verify(P("client-inter.crt"), "-verify_depth", "0", *vargs)
        # OpenSSL: leaf + intermediate + root is too long for depth 0.
        assert want is not None and want[0] == 22 and want[1] == 1, want
        for proto, flag, curl_flags in VERSIONS:
            p, status, rep = t.s_client_report(srv, [flag] + sent, trace=True)
            assert status == 200 and sent_certs(p.trace) == 2, p.stdout_text
            check_not_verified(rep, "client-inter", want[0], want[2],
                               ["-verify_depth", "0"] + vargs,
                               depth_cert=P("intermediate.crt"))
            assert len(rep["client_certificate"]["chain"]) == 2
            p, rep = t.curl_json(srv, cert=P("client-inter-chain.crt"),
                                 key=P("client-inter.key"), extra=curl_flags)
            assert rep["client_certificate"]["verify_result"]["code"] == 22, rep["verdict"]
        # Leaf directly under the root: depth 0 is enough, as OpenSSL agrees.
        assert t.openssl_verify(P("client-rsa.crt"), "-verify_depth", "0") is None
        p, status, rep = t.s_client_report(srv, ["-cert", P("client-rsa.crt"),
                                                 "-key", P("client-rsa.key")])
        assert rep["verdict"]["status"] == "verified", rep["client_certificate"]
    with t.Server("--verify-depth", "1") as srv:
        assert t.openssl_verify(P("client-inter.crt"), "-verify_depth", "1", *vargs) is None
        p, status, rep = t.s_client_report(srv, sent)
        assert rep["verdict"]["status"] == "verified", rep["client_certificate"]


if __name__ == "__main__":
    t.need("openssl", "curl")
    t.main([test_report_mode_bad_certificates, test_require_without_certificate_fails,
            test_require_names_the_peer, test_require_with_certificate_succeeds,
            test_verify_return_error, test_verify_none, test_ca_names_sent,
            test_verify_depth])
