"""Two builds of tlsmirror, each against its own OpenSSL, compared.

meson registers this test when it is configured with
-Dreference_tlsmirror=PATH (tests/run-all.sh does so for every extra OpenSSL
it builds): TLSMIRROR is this build, TLSM_REFERENCE the other one,
TLSM_OPENSSL_CLI this build's OpenSSL's `openssl`, TLSM_REFERENCE_OPENSSL_CLI
the other's. The independent views are each OpenSSL's own command:

- capabilities: `tlsmirror compare --json` of the two --capabilities dumps;
  the differences in supported TLS 1.2 cipher suites equal those between the
  two `openssl ciphers -V -stdname ALL:COMPLEMENTOFALL`;
- one client, two servers: curl gets a report from each build; the two
  reports agree on every compared field, and each names what curl says it
  negotiated;
- two clients, one server: s_client of each OpenSSL sends a client
  certificate to this build; the signature-algorithm and group differences
  `tlsmirror compare` finds equal those between the two s_clients' own
  ClientHellos (-trace).
"""
import json
import os
import re
import tempfile

import tlsmtest as t
from test_compare import check_list

REF = os.environ.get("TLSM_REFERENCE", "")
REF_CLI = os.environ.get("TLSM_REFERENCE_OPENSSL_CLI") or "openssl"


def running_with(binary):
    return t.run([binary, "--version"], check=True).stdout_text.splitlines()[2]


def test_builds_differ():
    """The two builds run two OpenSSLs, and each CLI is its build's OpenSSL."""
    assert REF and os.path.exists(REF), "TLSM_REFERENCE is not set to the other build"
    mine, theirs = running_with(t.BIN), running_with(REF)
    assert mine != theirs, (mine, theirs)
    for line, cli in ((mine, t.OPENSSL), (theirs, REF_CLI)):
        version = t.run([cli, "version"], check=True).stdout_text.strip()
        assert line == "running with " + version.split(" (Library")[0], (line, version)


def compare_json(a, b):
    p = t.run([t.BIN, "compare", "--json", a, b], timeout=30)
    assert p.returncode in (0, 1), p.stderr_text
    d = json.loads(p.stdout)
    assert (p.returncode == 0) == d["equal"], d["equal"]
    return d


def list_of(diff, field):
    return next(l for l in diff["lists"] if l["field"] == field)


def ciphers(cli):
    out = t.run([cli, "ciphers", "-V", "-stdname", "ALL:COMPLEMENTOFALL"], check=True).stdout_text
    return {f"0x{a}{b}".lower() for a, b in
            re.findall(r"0x([0-9A-F]{2}),0x([0-9A-F]{2}) - ", out)
            if not a.upper() == "13"}


def test_capabilities():
    tmp = tempfile.mkdtemp(prefix="tlsm-versions-")
    paths = []
    for name, binary in (("ref", REF), ("this", t.BIN)):
        p = t.run([binary, "--capabilities"], timeout=60, check=True)
        paths.append(os.path.join(tmp, name + ".json"))
        with open(paths[-1], "wb") as f:
            f.write(p.stdout)
    d = compare_json(*paths)
    assert d["kind"] == "capabilities" and d["equal"] is False, d["kind"]
    versions = {v["field"]: v for v in d["values"]}
    assert versions["openssl.running_with"]["equal"] is False
    sup = list_of(d, "tls12_ciphers[supported]")
    ref_set, my_set = ciphers(REF_CLI), ciphers(t.OPENSSL)
    assert {e["id"] for e in sup["removed"]} == ref_set - my_set, (sup["removed"],
                                                                  ref_set - my_set)
    assert {e["id"] for e in sup["added"]} == my_set - ref_set, (sup["added"], my_set - ref_set)
    # The text form says the same, one line per difference.
    text = t.run([t.BIN, "compare", *paths], timeout=30).stdout_text
    for e in sup["added"] + sup["removed"]:
        assert e["id"] in text, e


def test_one_client_two_servers():
    t.need("curl")
    tmp = tempfile.mkdtemp(prefix="tlsm-versions-")
    paths = []
    for name, binary in (("ref", REF), ("this", t.BIN)):
        with t.Server(binary=binary) as srv:
            p, rep = t.curl_json(srv, cert=t.pki("client-rsa.crt"), key=t.pki("client-rsa.key"),
                                 extra=["-v"])
            proto, cipher = t.curl_ssl_line(p)
            assert rep["tls"]["protocol"] == proto, (name, rep["tls"]["protocol"], proto)
            assert rep["tls"]["cipher"]["openssl"] == cipher, (name, rep["tls"]["cipher"], cipher)
            assert rep["client_certificate"]["verified"] is True, name
            assert "running with " + rep["tlsmirror"]["openssl_runtime"] == running_with(binary)
        paths.append(os.path.join(tmp, name + ".json"))
        with open(paths[-1], "w") as f:
            json.dump(rep, f)
    d = compare_json(*paths)
    assert d["kind"] == "reports"
    different = [l["field"] for l in d["lists"] if not l["equal"]]
    assert not different, different


def test_two_clients_one_server():
    reports, offered = [], []
    with t.Server() as srv:
        for cli in (REF_CLI, t.OPENSSL):
            p, status, rep = t.s_client_report(
                srv, ["-cert", t.pki("client-rsa.crt"), "-key", t.pki("client-rsa.key")],
                trace=True, openssl=cli)
            assert status == 200 and rep["client_certificate"]["verified"] is True, cli
            reports.append(rep)
            offered.append({ext: [f"0x{c:04x}" for c in t.trace_hello_codes(p.trace, ext)]
                            for ext in ("signature_algorithms", "supported_groups")})
    tmp = tempfile.mkdtemp(prefix="tlsm-versions-")
    paths = [os.path.join(tmp, n) for n in ("ref.json", "this.json")]
    for path, rep in zip(paths, reports):
        with open(path, "w") as f:
            json.dump(rep, f)
    d = compare_json(*paths)
    for ext in ("signature_algorithms", "supported_groups"):
        a, b = offered[0][ext], offered[1][ext]
        assert a and b, (ext, a, b)
        check_list(list_of(d, "client_hello." + ext), a, b)


if __name__ == "__main__":
    t.main([test_builds_differ, test_capabilities, test_one_client_two_servers,
            test_two_clients_one_server])
