"""Demo mode: the README's first experience, checked against the clients' own views.

curl with the demo client certificate gets JSON whose protocol and cipher equal
what curl -v printed, and whose certificate subject and SHA-256 fingerprint
equal what `openssl x509` says of client.crt; without a certificate the report
says so; the demo directory never leaks a key over HTTP.
"""
import os
import re
import stat

import tlsmtest as t


def curl_view(p):
    """curl -v's own 'SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384' line."""
    m = re.search(r"SSL connection using (\S+) / (\S+)", p.stderr_text)
    assert m, p.stderr_text
    return m.group(1), m.group(2)


def test_demo_with_client_cert():
    with t.Server(demo=True) as srv:
        d = srv.demo_dir
        for name in ("ca.crt", "server.crt", "server.key", "client.crt", "client.key",
                     "client.p12"):
            assert os.path.exists(os.path.join(d, name)), name
        for key in ("server.key", "client.key", "client.p12"):
            mode = stat.S_IMODE(os.stat(os.path.join(d, key)).st_mode)
            assert mode == 0o600, (key, oct(mode))
        assert not os.path.exists(os.path.join(d, "ca.key")), "CA key must be kept apart"
        p, rep = t.curl_json(srv, path="/json", cacert=os.path.join(d, "ca.crt"),
                             cert=os.path.join(d, "client.crt"),
                             key=os.path.join(d, "client.key"))
        proto, cipher = curl_view(p)
        assert rep["schema_version"] == 1
        assert rep["tls"]["protocol"] == proto, (rep["tls"]["protocol"], proto)
        assert cipher in (rep["tls"]["cipher"]["openssl"], rep["tls"]["cipher"]["iana"])
        cc = rep["client_certificate"]
        assert cc["present"] and cc["verified"] and cc["verify_mode"] == "optional"
        assert rep["verdict"]["status"] == "verified"
        crt = os.path.join(d, "client.crt")
        subj = t.cert_field(crt, "-subject", "-nameopt", "RFC2253").split("=", 1)[1]
        fp = t.cert_field(crt, "-fingerprint", "-sha256").split("=", 1)[1]
        assert cc["chain"][0]["subject"] == subj, (cc["chain"][0]["subject"], subj)
        assert cc["chain"][0]["sha256"] == fp
        assert "CN=" + cc["chain"][0]["subject_cn"] in rep["verdict"]["summary"]
        _, page = t.curl(srv, path="/html", cacert=os.path.join(d, "ca.crt"),
                         cert=os.path.join(d, "client.crt"), key=os.path.join(d, "client.key"))
        assert b'id="demo-help"' not in page, "no import help once a certificate arrived"
        log = srv.wait_log(r"info connection id=1 .*verify=verified")
        assert "TLSv1.3" in log.group(0)


def test_demo_without_cert_and_reuse():
    with t.Server(demo=True) as srv:
        ca = os.path.join(srv.demo_dir, "ca.crt")
        p, rep = t.curl_json(srv, path="/json", cacert=ca)
        assert t.run(["curl", "-s", "-o", "/dev/null", "-w", "%{ssl_verify_result}",
                      "--cacert", ca, "--resolve", f"localhost:{srv.port}:{srv.host}",
                      f"https://localhost:{srv.port}/text"]).stdout_text == "0"
        cc = rep["client_certificate"]
        assert not cc["present"] and not cc["verified"] and cc["chain"] == []
        assert rep["verdict"]["status"] == "no_certificate"
        assert rep["verdict"]["summary"] == "no client certificate sent"
        _, text = t.curl(srv, path="/text", cacert=ca)
        assert b"no client certificate sent" in text
        # The page explains how to import the demo PKCS#12 and links its own JSON by id.
        p, page = t.curl(srv, path="/html", cacert=ca)
        rid = [l.split(":", 1)[1].strip() for l in p.stderr_text.splitlines()
               if l.lower().startswith("< x-tlsmirror-report-id:")]
        assert len(rid) == 1 and len(rid[0]) == 32, p.stderr_text
        assert f'href="/r/{rid[0]}.json"'.encode() in page
        assert b'id="demo-help"' in page and b'href="/demo/client.p12"' in page
        assert b"password <code>tlsmirror</code>" in page
        # No path serves a key or anything from the demo directory.
        for path in ("/server.key", "/client.key", "/private/ca.key", "/demo/client.key",
                     "/../server.key"):
            p, body = t.curl(srv, path=path, cacert=ca, extra=["-o", "/dev/null", "-w",
                                                               "%{http_code}"])
            assert body == b"404", (path, body)
        # The two files a browser user needs are served in demo mode, byte for byte.
        for path, name, ctype in (("/demo/ca.crt", "ca.crt", "application/x-x509-ca-cert"),
                                  ("/demo/client.p12", "client.p12", "application/x-pkcs12")):
            p, body = t.curl(srv, path=path, cacert=ca, extra=["-w", "%{content_type}",
                                                               "-o", os.path.join(srv.tmp, "dl")])
            assert body.decode() == ctype, (path, body)
            got = open(os.path.join(srv.tmp, "dl"), "rb").read()
            assert got == open(os.path.join(srv.demo_dir, name), "rb").read(), path
        p12 = t.run(["openssl", "pkcs12", "-in", os.path.join(srv.tmp, "dl"), "-passin",
                     "pass:tlsmirror", "-nokeys", "-clcerts"], check=True).stdout_text
        assert "tlsmirror demo client" in p12
        first = open(ca, "rb").read()
        demo_parent = srv.tmp
    # (the temporary directory is gone now; reuse is covered in test-demo)
    assert first.startswith(b"-----BEGIN CERTIFICATE-----")
    assert demo_parent


def test_demo_files_only_in_demo_mode():
    with t.Server() as srv:
        for path in ("/demo/ca.crt", "/demo/client.p12"):
            p, body = t.curl(srv, path=path, extra=["-o", "/dev/null", "-w", "%{http_code}"])
            assert body == b"404", (path, body)


if __name__ == "__main__":
    t.main([test_demo_with_client_cert, test_demo_without_cert_and_reuse,
            test_demo_files_only_in_demo_mode])
