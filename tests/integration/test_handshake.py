"""The handshake as it happened, and the server-side controls (issue 3).

Each check compares the report with an independent view: what openssl
s_client was told to offer, what its -trace output shows it sent, what it
reports having negotiated, and what tshark decrypts with the key log.
"""
import os
import re
import shutil
import subprocess
import tempfile
import time

import tlsmtest as t

HS = {"client_hello": 1, "server_hello": 2, "new_session_ticket": 4, "encrypted_extensions": 8,
      "certificate": 11, "server_key_exchange": 12, "certificate_request": 13,
      "server_hello_done": 14, "certificate_verify": 15, "client_key_exchange": 16,
      "finished": 20}


def codes(entries):
    return [e["code"] for e in entries]


def trace_of(rep, direction):
    return [e for e in rep["handshake"]["trace"] if e["direction"] == direction]


def handshake_types(entries):
    return [e["type"] for e in entries if e["kind"] == "handshake"]


def s_client_trace_scheme(p, sent):
    """The CertificateVerify scheme in s_client -trace output, for the client's
    own message (sent=True) or the server's (sent=False)."""
    direction = "Sent Record" if sent else "Received Record"
    current = None
    for line in p.stdout_text.splitlines():
        if line.startswith("Sent Record") or line.startswith("Received Record"):
            current = line.split(",")[0]
        m = re.search(r"Signature Algorithm: (\w+) \((0x[0-9a-f]{4})\)", line)
        if m and current == direction:
            return m.group(1), m.group(2)
    return None


def test_tls13_trace_with_client_cert():
    with t.Server() as srv:
        p, rep = t.s_client_json(srv, ["-tls1_3", "-trace", "-cert", t.pki("client-ecdsa.crt"),
                                       "-key", t.pki("client-ecdsa.key")])
        c2s = handshake_types(trace_of(rep, "client_to_server"))
        s2c = handshake_types(trace_of(rep, "server_to_client"))
        assert c2s[:4] == [HS["client_hello"], HS["certificate"], HS["certificate_verify"],
                           HS["finished"]], c2s
        assert s2c[:6] == [HS["server_hello"], HS["encrypted_extensions"],
                           HS["certificate_request"], HS["certificate"],
                           HS["certificate_verify"], HS["finished"]], s2c
        by_type = {(e["direction"], e["type"]): e for e in rep["handshake"]["trace"]
                   if e["kind"] == "handshake"}
        assert by_type[("server_to_client", HS["certificate_request"])]["encrypted"] is True
        assert by_type[("client_to_server", HS["certificate_verify"])]["encrypted"] is True
        assert by_type[("client_to_server", HS["client_hello"])]["encrypted"] is False
        times = [e["t_us"] for e in rep["handshake"]["trace"]]
        assert times == sorted(times) and times[-1] < 10_000_000, times
        assert rep["handshake"]["client_certificate_message"] == "present"
        # The client's CertificateVerify scheme, as s_client's own trace shows it.
        name, code = s_client_trace_scheme(p, sent=True)
        assert rep["signature_algorithms"]["client_used"]["code"] == code, (code, rep)
        assert rep["signature_algorithms"]["client_used"]["name"] == name
        name, code = s_client_trace_scheme(p, sent=False)
        assert rep["signature_algorithms"]["server_used"]["code"] == code
        # The CertificateRequest we sent: sigalgs as s_client received them, CA names.
        cr = rep["handshake"]["certificate_request"]
        assert cr is not None and cr["post_handshake"] is False
        ca_subject = t.cert_field(t.pki("ca.crt"), "-subject", "-nameopt", "RFC2253")
        assert cr["ca_names"] == [ca_subject.split("=", 1)[1]], cr["ca_names"]
        assert cr["signature_algorithms"] == rep["signature_algorithms"]["requested"]


def test_tls13_without_cert_sends_empty_certificate():
    with t.Server() as srv:
        _, rep = t.s_client_json(srv, ["-tls1_3"])
        assert rep["handshake"]["client_certificate_message"] == "empty"
        assert rep["client_certificate"]["present"] is False


def test_verify_none_sends_no_certificate_request():
    with t.Server("--verify", "none") as srv:
        p, rep = t.s_client_json(srv, ["-tls1_3"])
        types = handshake_types(rep["handshake"]["trace"])
        assert HS["certificate_request"] not in types, types
        assert rep["handshake"]["certificate_request"] is None
        assert rep["handshake"]["client_certificate_message"] == "absent"
        assert "Requested Signature Algorithms" not in p.stdout_text


def test_tls12_trace_and_ca_names():
    with t.Server() as srv:
        p, rep = t.s_client_json(srv, ["-tls1_2", "-cert", t.pki("client-rsa.crt"),
                                       "-key", t.pki("client-rsa.key")])
        s2c = trace_of(rep, "server_to_client")
        assert handshake_types(s2c)[:5] == [HS["server_hello"], HS["certificate"],
                                            HS["server_key_exchange"],
                                            HS["certificate_request"],
                                            HS["server_hello_done"]]
        kinds = [e["kind"] for e in rep["handshake"]["trace"]]
        assert "change_cipher_spec" in kinds
        assert not any(e["encrypted"] for e in rep["handshake"]["trace"])
        assert "Acceptable client certificate CA names" in p.stdout_text
        ca = t.cert_field(t.pki("ca.crt"), "-subject", "-nameopt", "RFC2253").split("=", 1)[1]
        assert rep["handshake"]["certificate_request"]["ca_names"] == [ca]
        assert rep["handshake"]["certificate_request"]["certificate_types"]


def test_no_ca_names_and_ca_names_file():
    with t.Server("--no-ca-names") as srv:
        p, rep = t.s_client_json(srv, ["-tls1_2"])
        assert "No client certificate CA names sent" in p.stdout_text
        assert rep["handshake"]["certificate_request"]["ca_names"] == []
        assert "no_ca_names" in [w["code"] for w in rep["warnings"]]
    with t.Server("--ca-names", t.pki("foreign-ca.crt")) as srv:
        p, rep = t.s_client_json(srv, ["-tls1_2"])
        foreign = t.cert_field(t.pki("foreign-ca.crt"), "-subject", "-nameopt",
                               "RFC2253").split("=", 1)[1]
        assert rep["handshake"]["certificate_request"]["ca_names"] == [foreign]
        assert "no_ca_names" not in [w["code"] for w in rep["warnings"]]


def test_client_offers_exactly_what_s_client_was_told():
    with t.Server() as srv:
        p, rep = t.s_client_json(srv, [
            "-tls1_3", "-sigalgs", "rsa_pss_rsae_sha256:ecdsa_secp256r1_sha256:ed25519",
            "-client_sigalgs", "ecdsa_secp256r1_sha256", "-groups", "P-384:X25519",
            "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256",
            "-alpn", "x-test,http/1.1"])
        ch = rep["client_hello"]
        assert codes(ch["signature_algorithms"]) == ["0x0804", "0x0403", "0x0807"]
        assert codes(ch["supported_groups"]) == ["0x0018", "0x001d"]
        suites13 = [c for c in codes(ch["cipher_suites"]) if c.startswith("0x13")]
        assert suites13 == ["0x1303", "0x1301"], suites13
        assert ch["alpn"] == ["x-test", "http/1.1"]
        assert rep["tls"]["alpn"] == "http/1.1"
        assert rep["tls"]["cipher"]["code"] == "0x1303"
        # Which offered group the server takes is its own preference (OpenSSL
        # 3.0 takes the client's key share, P-384; 3.5 asks for X25519): the
        # report names the one s_client says it got.
        temp_key = t.s_client_field(p, "Server Temp Key")
        want = {"X25519": "0x001d", "ECDH": "0x0018"}[temp_key.split(",")[0]]
        assert rep["tls"]["group"]["code"] == want, (temp_key, rep["tls"]["group"])
    with t.Server() as srv:
        _, rep = t.s_client_json(srv, [
            "-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256"])
        assert codes(rep["client_hello"]["cipher_suites"])[:2] == ["0xc02c", "0xc02b"]
        assert rep["tls"]["cipher"]["code"] == "0xc02c"


def test_server_controls():
    with t.Server("--sigalgs", "ecdsa_secp256r1_sha256", "--groups", "P-256",
                  "--ciphersuites", "TLS_AES_128_GCM_SHA256",
                  "--client-sigalgs", "ECDSA+SHA256:ed25519") as srv:
        p, rep = t.s_client_json(srv, ["-tls1_3", "-cert", t.pki("client-ed25519.crt"),
                                       "-key", t.pki("client-ed25519.key")])
        assert t.s_client_field(p, "Cipher") == "TLS_AES_128_GCM_SHA256"
        assert rep["tls"]["cipher"]["iana"] == "TLS_AES_128_GCM_SHA256"
        assert rep["tls"]["group"]["code"] == "0x0017"
        assert "Requested Signature Algorithms: ECDSA+SHA256:ed25519" in p.stdout_text
        assert codes(rep["signature_algorithms"]["requested"]) == ["0x0403", "0x0807"]
        assert rep["signature_algorithms"]["server_used"]["code"] == "0x0403"
        assert rep["signature_algorithms"]["client_used"]["code"] == "0x0807"
    with t.Server("--tls1_2", "--cipher", "ECDHE-ECDSA-AES128-GCM-SHA256") as srv:
        p, rep = t.s_client_json(srv, [])
        assert t.s_client_field(p, "Protocol") == "TLSv1.2" == rep["tls"]["protocol"]
        assert rep["tls"]["cipher"]["openssl"] == "ECDHE-ECDSA-AES128-GCM-SHA256"
        p = t.s_client(srv, ["-tls1_3"], request=b"")
        assert p.returncode != 0
        srv.wait_log(r"handshake failed .*alert=\"sent fatal protocol_version\(70\)\"")
    with t.Server("--min-protocol", "TLSv1.3") as srv:
        p = t.s_client(srv, ["-tls1_2"], request=b"")
        assert p.returncode != 0 and "protocol version" in p.stderr_text


def test_failed_handshake_keeps_trace_in_log():
    with t.Server("--verify", "require") as srv:
        # -ign_eof: keep reading after stdin ends, so the server's alert is seen.
        p = t.s_client(srv, ["-tls1_3", "-ign_eof"], request=b"")
        assert "alert certificate required" in p.stderr_text
        m = srv.wait_log(r"handshake failed .*trace=\"([^\"]*)\"")
        trace = m.group(1)
        assert trace.startswith("> client_hello < server_hello"), trace
        assert "< certificate_request" in trace and "> certificate" in trace
        assert trace.endswith("< alert(fatal,certificate_required)"), trace


def test_bad_controls_fail_at_startup():
    for args, bad in ((["--sigalgs", "ECDSA+SHA256:nope_sha1"], "'nope_sha1'"),
                      (["--groups", "X25519:P-123"], "'P-123'"),
                      (["--cipher", "ECDHE-RSA-AES128-GCM-SHA256:NOT-A-CIPHER"], "'NOT-A-CIPHER'"),
                      (["--ciphersuites", "TLS_AES_128_GCM_SHA256:TLS_FAKE"], "'TLS_FAKE'"),
                      (["--client-sigalgs", "bogus"], "'bogus'"),
                      (["--alpn", "h2,,x"], "--alpn")):
        p = t.run([t.BIN, "--cert", t.pki("server.crt"), "--key", t.pki("server.key"),
                   "--listen", "127.0.0.1:0"] + args, timeout=10)
        assert p.returncode != 0, args
        assert bad in p.stderr_text and args[0] in p.stderr_text, (args, p.stderr_text)
        assert "listening" not in p.stdout_text


def test_keylog_lets_tshark_decrypt():
    t.need("tshark")
    tmp = tempfile.mkdtemp(prefix="tlsm-keylog-")
    try:
        keylog = os.path.join(tmp, "keys.log")
        pcap = os.path.join(tmp, "cap.pcapng")
        with t.Server("--keylogfile", keylog, listen=("127.0.0.1:0",)) as srv:
            cap = subprocess.Popen(["tshark", "-q", "-i", "lo", "-w", pcap, "-f",
                                    f"tcp port {srv.port}"], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
            # Wait until tshark reports that it is capturing (bounded).
            deadline = time.monotonic() + 20
            started = False
            while time.monotonic() < deadline and not started:
                time.sleep(0.2)
                started = os.path.exists(pcap) and os.path.getsize(pcap) > 0
            assert started, "tshark did not start capturing"
            time.sleep(0.5)
            _, rep = t.curl_json(srv, path="/json?keylog-probe", extra=["--tlsv1.3"])
            assert rep["tls"]["protocol"] == "TLSv1.3"
            time.sleep(1.0)
            cap.terminate()
            cap.wait(timeout=10)
        mode = os.stat(keylog).st_mode & 0o777
        assert mode == 0o600, oct(mode)
        lines = open(keylog).read().splitlines()
        assert any(l.startswith("CLIENT_TRAFFIC_SECRET_0 ") for l in lines), lines
        out = t.run(["tshark", "-r", pcap, "-o", f"tls.keylog_file:{keylog}", "-Y", "http.request",
                     "-T", "fields", "-e", "http.request.method", "-e", "http.request.uri"],
                    timeout=60).stdout_text
        assert "GET\t/json?keylog-probe" in out, out
        # tshark's own JA3 of the captured ClientHello equals the report's.
        out = t.run(["tshark", "-r", pcap, "-Y", "tls.handshake.type == 1", "-T", "fields",
                     "-e", "tls.handshake.ja3_full", "-e", "tls.handshake.ja3"],
                    timeout=60).stdout_text.split()
        assert out[:2] == [rep["fingerprints"]["ja3"], rep["fingerprints"]["ja3_md5"]], (out, rep["fingerprints"])
        # Without the key log the same capture shows no HTTP request.
        out = t.run(["tshark", "-r", pcap, "-Y", "http.request", "-T", "fields",
                     "-e", "http.request.uri"], timeout=60).stdout_text
        assert "/json" not in out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    t.main([test_tls13_trace_with_client_cert, test_tls13_without_cert_sends_empty_certificate,
            test_verify_none_sends_no_certificate_request, test_tls12_trace_and_ca_names,
            test_no_ca_names_and_ca_names_file, test_client_offers_exactly_what_s_client_was_told,
            test_server_controls, test_failed_handshake_keeps_trace_in_log,
            test_bad_controls_fail_at_startup, test_keylog_lets_tshark_decrypt])
