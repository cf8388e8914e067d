"""Client-certificate matrix: what the report says equals what the clients and the certificates say.

For each of client-rsa, client-ecdsa, client-ed25519 and client-inter (leaf plus
intermediate), over TLS 1.2 and TLS 1.3, with `openssl s_client` and with curl:
the report's protocol and cipher equal the client's own Protocol/Cipher lines
(and `openssl ciphers -V -stdname` for the code point and IANA name); chain[0]
equals `openssl x509` on the certificate file (RFC 2253 subject, serial,
fingerprints, validity, key, SAN); the signature scheme the client used equals
the CertificateVerify in s_client's own -trace. Then the offered lists keep the
client's order (-sigalgs, -groups, -cipher), ALPN and SNI.
"""
import json
import re

import tlsmtest as t

P = t.pki
VERSIONS = (("TLSv1.2", "-tls1_2", ["--tlsv1.2", "--tls-max", "1.2"]),
            ("TLSv1.3", "-tls1_3", ["--tlsv1.3"]))
# name: (certificate file sent, key, extra s_client args to send the same chain)
CERTS = {
    "client-rsa": ("client-rsa.crt", "client-rsa.key", []),
    "client-ecdsa": ("client-ecdsa.crt", "client-ecdsa.key", []),
    "client-ed25519": ("client-ed25519.crt", "client-ed25519.key", []),
    # s_client -cert reads one certificate; -cert_chain adds the intermediate.
    "client-inter": ("client-inter-chain.crt", "client-inter.key",
                     ["-cert_chain", P("intermediate.crt")]),
}
PSS = set(range(0x0804, 0x0807)) | set(range(0x0809, 0x080c))
RSA_TLS12 = {0x0401, 0x0501, 0x0601} | PSS


def code(entry):
    return int(entry["code"], 16)


def codes(entries):
    return [code(e) for e in entries]


def s_client_view(p):
    """s_client's own ('New, TLSv1.3, Cipher is X') line, and its SSL-Session
    Protocol line when present (TLS 1.2 prints it with the handshake)."""
    m = re.search(r"^New, (TLSv[\d.]+), Cipher is (\S+)", p.stdout_text, re.M)
    assert m, p.stdout_text
    proto = t.s_client_field(p, "Protocol")
    assert proto == m.group(1), (proto, m.group(1))
    cipher = t.s_client_field(p, "Cipher")
    assert cipher in (None, m.group(2)), (cipher, m.group(2))
    return m.group(1), m.group(2)


def check_cipher(rep, proto, cipher, table):
    tls = rep["tls"]
    assert tls["handshake_complete"] is True
    assert tls["protocol"] == proto, (tls["protocol"], proto)
    assert tls["cipher"]["openssl"] == cipher, (tls["cipher"], cipher)
    want_code, want_iana = table[cipher]
    assert code(tls["cipher"]) == want_code, (tls["cipher"], hex(want_code))
    assert tls["cipher"]["iana"] == want_iana, (tls["cipher"], want_iana)


def check_cert(entry, view):
    """One chain entry against `openssl x509` on the certificate file."""
    for k in ("subject", "issuer", "serial", "not_before", "not_after", "sha256", "sha1",
              "signature_algorithm", "key_usage", "extended_key_usage"):
        assert entry[k] == view[k], (k, entry[k], view[k])
    key = entry["public_key"]
    assert key["type"] == view["key_type"], (key, view["key_type"])
    assert key["curve"] == view["key_curve"], (key, view["key_curve"])
    if view["key_bits"] is not None:
        assert key["bits"] == view["key_bits"], (key, view["key_bits"])
    assert [(s["type"], s["value"]) for s in entry["sans"]] == view["sans"], \
        (entry["sans"], view["sans"])


def check_verified(rep, name, n_sent=None):
    cc = rep["client_certificate"]
    assert cc["present"] is True and cc["verified"] is True, cc["verify_result"]
    assert cc["verify_mode"] == "optional"
    assert cc["verify_result"]["code"] == 0, cc["verify_result"]
    assert cc["errors"] == [], cc["errors"]
    assert rep["verdict"]["status"] == "verified", rep["verdict"]
    leaf = t.cert_view(P(name + ".crt"))
    check_cert(cc["chain"][0], leaf)
    assert leaf["subject"] in rep["verdict"]["summary"], rep["verdict"]
    # OpenSSL agrees the certificate verifies against the same CA file.
    untrusted = ["-untrusted", P("intermediate.crt")] if name == "client-inter" else []
    assert t.openssl_verify(P(name + ".crt"), *untrusted) is None
    chain = cc["chain"]
    if n_sent is not None:
        assert len(chain) == n_sent, (len(chain), n_sent)
    if name == "client-inter":
        assert len(chain) == 2, [c["subject"] for c in chain]
        check_cert(chain[1], t.cert_view(P("intermediate.crt")))
    elif len(chain) > 1:
        # The client completed the chain with the root from its own CA file.
        assert len(chain) == 2, [c["subject"] for c in chain]
        check_cert(chain[1], t.cert_view(P("ca.crt")))


def sent_cert_count(trace):
    cert = t.trace_message(trace, "Sent", "Certificate")
    assert cert, "no Certificate in s_client's trace"
    return cert.count("ASN.1Cert, length=")


def expect_client_sigalg(name, proto, used):
    if name == "client-ed25519":
        assert used == 0x0807, hex(used)
    elif name in ("client-ecdsa", "client-inter"):
        assert used == 0x0403, hex(used)
    elif proto == "TLSv1.3":
        assert used in PSS, hex(used)
    else:
        assert used in RSA_TLS12, hex(used)


def test_s_client_matrix():
    table = t.openssl_ciphers()
    with t.Server() as srv:
        for name, (crt, key, extra) in CERTS.items():
            for proto, flag, _ in VERSIONS:
                args = [flag, "-cert", P(crt), "-key", P(key)] + extra
                p, status, rep = t.s_client_report(srv, args, trace=True)
                where = f"{name} {proto}"
                assert status == 200, where
                assert p.returncode == 0, (where, p.stderr_text)
                check_cipher(rep, *s_client_view(p), table)
                assert rep["tls"]["protocol"] == proto, where
                check_verified(rep, name, n_sent=sent_cert_count(p.trace))
                sig = rep["signature_algorithms"]
                used = code(sig["client_used"])
                assert used == t.trace_sigalg(p.trace, "Sent"), (where, sig["client_used"])
                expect_client_sigalg(name, proto, used)
                assert used in codes(sig["shared"]), where
                assert codes(sig["offered"]) == t.trace_hello_codes(p.trace,
                                                                    "signature_algorithms")
                srv_msg = "CertificateVerify" if proto == "TLSv1.3" else "ServerKeyExchange"
                assert code(sig["server_used"]) == t.trace_sigalg(p.trace, "Received", srv_msg)
        # One log line per connection, each naming the protocol the client saw.
        lines = t.wait_log_count(srv, r"info connection .*verify=verified", 8)
        assert sum("protocol=TLSv1.3" in l for l in lines) == 4, lines


def test_curl_matrix():
    table = t.openssl_ciphers()
    with t.Server() as srv:
        for name, (crt, key, _) in CERTS.items():
            for proto, _, flags in VERSIONS:
                p, rep = t.curl_json(srv, cert=P(crt), key=P(key), extra=flags)
                where = f"curl {name} {proto}"
                curl_proto, curl_cipher = t.curl_ssl_line(p)
                assert curl_proto == proto, (where, curl_proto)
                check_cipher(rep, curl_proto, curl_cipher, table)
                check_verified(rep, name)
                expect_client_sigalg(name, proto, code(rep["signature_algorithms"]
                                                       ["client_used"]))


def test_tls12_pinned_client_sigalg():
    """Over TLS 1.2 the client picks the scheme: pin it and read it back."""
    pins = [
        ("client-rsa", "-client_sigalgs", "RSA+SHA256", 0x0401),
        ("client-rsa", "-client_sigalgs", "RSA+SHA384", 0x0501),
        ("client-rsa", "-client_sigalgs", "RSA+SHA512", 0x0601),
        ("client-rsa", "-client_sigalgs", "rsa_pss_rsae_sha256", 0x0804),
        ("client-rsa", "-client_sigalgs", "RSA-PSS+SHA384", 0x0805),
        ("client-rsa", "-sigalgs", "RSA+SHA384:ECDSA+SHA256", 0x0501),
        ("client-ecdsa", "-client_sigalgs", "ECDSA+SHA384", 0x0503),
        ("client-ecdsa", "-sigalgs", "ECDSA+SHA512", 0x0603),
        ("client-ed25519", "-client_sigalgs", "ed25519", 0x0807),
    ]
    with t.Server() as srv:
        for name, opt, value, want in pins:
            args = ["-tls1_2", "-cert", P(name + ".crt"), "-key", P(name + ".key"), opt, value]
            p, status, rep = t.s_client_report(srv, args, trace=True)
            assert p.returncode == 0 and status == 200, (name, value, p.stderr_text)
            assert t.trace_sigalg(p.trace, "Sent") == want, (name, value)
            used = rep["signature_algorithms"]["client_used"]
            assert code(used) == want, (name, value, used)
            assert rep["verdict"]["status"] == "verified", (name, value)


def test_tls13_rsa_pss_pinned():
    """RSA over TLS 1.3 must be PSS; pinning SHA-384 or SHA-512 moves the scheme."""
    with t.Server() as srv:
        for value, want in (("rsa_pss_rsae_sha384", 0x0805), ("rsa_pss_rsae_sha512", 0x0806)):
            args = ["-tls1_3", "-cert", P("client-rsa.crt"), "-key", P("client-rsa.key"),
                    "-client_sigalgs", value]
            p, status, rep = t.s_client_report(srv, args, trace=True)
            assert p.returncode == 0 and status == 200, (value, p.stderr_text)
            assert t.trace_sigalg(p.trace, "Sent") == want, value
            assert code(rep["signature_algorithms"]["client_used"]) == want, value


def test_ed25519_key_bits():
    """openssl x509 -text prints no size for Ed25519; s_client's 'a:PKEY' line
    of a server certificate does, so serve client-ed25519 and ask it."""
    with t.Server("--cert", P("client-ed25519.crt"), "--key", P("client-ed25519.key")) as srv:
        p = t.s_client(srv, ["-tls1_3"])
        m = re.search(r"^\s+a:PKEY: (\S+), (\d+) \(bit\)", p.stdout_text, re.M)
        assert m, p.stdout_text
        want_type, want_bits = m.group(1), int(m.group(2))
    with t.Server() as srv:
        _, _, rep = t.s_client_report(srv, ["-cert", P("client-ed25519.crt"),
                                            "-key", P("client-ed25519.key")])
        key = rep["client_certificate"]["chain"][0]["public_key"]
        assert key["type"] == want_type and key["bits"] == want_bits, (key, m.group(0))
        assert key["curve"] is None, key


def test_offered_sigalgs_in_order():
    with t.Server() as srv:
        for flag in ("-tls1_2", "-tls1_3"):
            p, _, rep = t.s_client_report(
                srv, [flag, "-sigalgs", "ECDSA+SHA256:RSA-PSS+SHA256:ed25519"], trace=True)
            want = [0x0403, 0x0804, 0x0807]
            assert t.trace_hello_codes(p.trace, "signature_algorithms") == want
            assert codes(rep["signature_algorithms"]["offered"]) == want, flag
            assert codes(rep["client_hello"]["signature_algorithms"]) == want, flag
            shared = codes(rep["signature_algorithms"]["shared"])
            assert shared and set(shared) <= set(want), (flag, shared)
            # The server's key is ECDSA P-256: only 0x0403 can sign for it.
            assert code(rep["signature_algorithms"]["server_used"]) == 0x0403, flag


def test_offered_groups_in_order():
    with t.Server() as srv:
        for flag, group, name in (("-tls1_3", "X25519:P-256", "x25519"),
                                  ("-tls1_2", "P-256:X25519", "secp256r1")):
            p, _, rep = t.s_client_report(srv, [flag, "-groups", group], trace=True)
            want = [0x001d, 0x0017] if group.startswith("X") else [0x0017, 0x001d]
            assert t.trace_hello_codes(p.trace, "supported_groups") == want, flag
            assert codes(rep["client_hello"]["supported_groups"]) == want, flag
            # The negotiated group: s_client's own "Server Temp Key" line.
            m = re.search(r"^Server Temp Key: ([^,]+),", p.stdout_text, re.M)
            assert m, p.stdout_text
            temp = {"X25519": 0x001d, "ECDH": 0x0017}[m.group(1).split()[0]]
            assert code(rep["tls"]["group"]) == temp, (rep["tls"]["group"], m.group(0))
            assert rep["tls"]["group"]["name"] == name, rep["tls"]["group"]


def test_offered_cipher_suites_in_order():
    table = t.openssl_ciphers()
    with t.Server() as srv:
        p, _, rep = t.s_client_report(
            srv, ["-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384"],
            trace=True)
        got = codes(rep["client_hello"]["cipher_suites"])
        assert got == t.trace_hello_codes(p.trace, "cipher_suites"), got
        assert got[:2] == [0xc02b, 0xc030], [hex(c) for c in got]
        assert set(got[2:]) <= {0x00ff}, [hex(c) for c in got]
        proto, cipher = s_client_view(p)
        assert cipher == "ECDHE-ECDSA-AES128-GCM-SHA256", cipher
        check_cipher(rep, proto, cipher, table)
        assert code(rep["tls"]["cipher"]) == 0xc02b


def test_alpn():
    with t.Server() as srv:
        p, _, rep = t.s_client_report(srv, ["-alpn", "foo,http/1.1"])
        assert "ALPN protocol: http/1.1" in p.stdout_text, p.stdout_text
        assert rep["client_hello"]["alpn"] == ["foo", "http/1.1"], rep["client_hello"]["alpn"]
        assert rep["tls"]["alpn"] == "http/1.1"
        p, _, rep = t.s_client_report(srv, ["-alpn", "h2"])
        assert "No ALPN negotiated" in p.stdout_text, p.stdout_text
        assert rep["client_hello"]["alpn"] == ["h2"]
        assert rep["tls"]["alpn"] is None
        p, _, rep = t.s_client_report(srv, [])
        assert "No ALPN negotiated" in p.stdout_text
        assert rep["client_hello"]["alpn"] is None and rep["tls"]["alpn"] is None


def traced_sni(trace):
    """The host_name in the server_name extension of s_client's traced ClientHello
    (printed as a hex dump)."""
    hello = t.trace_message(trace, "Sent", "ClientHello") or ""
    m = re.search(r"extension_type=server_name\(0\), length=\d+\n((?:\s+[0-9a-f]{4} - .*\n)*)",
                  hello)
    assert m, hello
    data = bytes.fromhex("".join(re.findall(r"^\s+[0-9a-f]{4} - ((?:[0-9a-f]{2}[ -]){1,16})",
                                           m.group(1), re.M)).replace("-", " "))
    # ServerNameList length (2), name type (1), HostName length (2), HostName.
    assert data[2] == 0, data
    n = int.from_bytes(data[3:5], "big")
    return data[5:5 + n].decode("ascii")


def test_sni():
    with t.Server() as srv:
        for version in ("-tls1_2", "-tls1_3"):
            # The last -servername wins over the harness's "localhost".
            p, _, rep = t.s_client_report(srv, [version, "-servername", "mirror.example.test"],
                                          trace=True)
            assert traced_sni(p.trace) == "mirror.example.test", p.trace
            assert rep["tls"]["sni"] == "mirror.example.test", rep["tls"]["sni"]
            assert rep["client_hello"]["sni"] == "mirror.example.test"
            assert 0x0000 in codes(rep["client_hello"]["extensions"])
        # No SNI at all: s_client refuses -noservername next to -servername,
        # so build the command without the harness's default.
        argv = ["openssl", "s_client", "-connect", f"{srv.host}:{srv.port}", "-noservername",
                "-CAfile", P("ca.crt"), "-ign_eof"]
        p = t.run(argv, input=t.http_get(), timeout=15)
        i = p.stdout.find(b"HTTP/1.1 ")
        resps, _ = t.split_responses(p.stdout[i:] if i >= 0 else b"")
        assert resps and resps[0][0] == 200, (p.stdout_text, p.stderr_text)
        rep = json.loads(resps[0][2])
        assert 0x0000 not in codes(rep["client_hello"]["extensions"])
        assert rep["tls"]["sni"] is None and rep["client_hello"]["sni"] is None


if __name__ == "__main__":
    t.need("openssl", "curl")
    t.main([test_s_client_matrix, test_curl_matrix, test_tls12_pinned_client_sigalg,
            test_tls13_rsa_pss_pinned, test_ed25519_key_bits, test_offered_sigalgs_in_order,
            test_offered_groups_in_order, test_offered_cipher_suites_in_order, test_alpn,
            test_sni])
