"""Compare: `tlsmirror compare` and the server's store of recent reports.

curl (OpenSSL) and gnutls-cli (GnuTLS) fetch /json from the same tlsmirror
with the same client certificate; the differences `tlsmirror compare`
lists are checked against an independent computation from the two
clients' own lists in the saved reports: for cipher suites, groups and
signature algorithms, exactly the code points only one client offered are
listed as added or removed, at their positions; every entry listed as
moved is at the positions given, and the number of moves is the length of
the common entries less their longest common subsequence (an O(n^2)
dynamic programme here, a patience sort in tlsmirror). Exit statuses: 1
for these two, 0 for a file with itself, 2 for bad input with the file
named. Two --capabilities dumps: the enabled signature algorithms removed
by --sigalgs are exactly those listed.

Through the server: X-Tlsmirror-Report-Id names each report, /r/ID.json
returns the very bytes the client got, /compare?a=&b= shows the two side
by side with the differing sigalg names, unknown or malformed ids get
404/400, and the store keeps the last 256 reports.
"""
import json
import os
import re
import select
import shutil
import socket
import subprocess
import tempfile
import time

import tlsmtest as t

CLIENT = (t.pki("client-ecdsa.crt"), t.pki("client-ecdsa.key"))
LISTS = ["client_hello.cipher_suites", "client_hello.supported_groups",
         "client_hello.signature_algorithms"]


def compare(*args):
    """Runs `tlsmirror compare ARGS`; returns CompletedProcess with text."""
    return t.run([t.BIN, "compare", *args], timeout=30)


def header_id(headers):
    rid = headers.get("x-tlsmirror-report-id")
    assert rid and re.fullmatch(r"[0-9a-f]{32}", rid), headers
    return rid


def curl_report(srv, path="/json"):
    """curl with the client certificate: (report id, body bytes)."""
    tmp = tempfile.mkdtemp(prefix="tlsm-cmp-")
    try:
        hdr = os.path.join(tmp, "headers")
        p, body = t.curl(srv, path, cert=CLIENT[0], key=CLIENT[1], extra=["-D", hdr])
        assert p.returncode == 0, p.stderr_text
        with open(hdr, "rb") as f:
            status, headers, _ = t.body_of(f.read())
        assert status == 200, status
        return header_id(headers), body
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def gnutls_report(srv, path="/json", timeout=15):
    """gnutls-cli with the client certificate, the HTTP request on stdin; stdin
    stays open until the whole response is in (gnutls-cli quits on EOF).
    Returns (report id, body bytes)."""
    log = tempfile.NamedTemporaryFile(prefix="tlsm-gnutls-", delete=False)
    log.close()
    argv = ["gnutls-cli", f"--logfile={log.name}", "--x509cafile", t.pki("ca.crt"),
            "--x509certfile", CLIENT[0], "--x509keyfile", CLIENT[1],
            "--sni-hostname", "localhost", "--verify-hostname", "localhost",
            "-p", str(srv.port), srv.host]
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    raw = b""
    try:
        p.stdin.write(t.http_get(path))
        p.stdin.flush()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            resps, _ = t.split_responses(raw)
            if resps:
                break
            ready, _, _ = select.select([p.stdout], [], [], 0.2)
            if ready:
                chunk = os.read(p.stdout.fileno(), 65536)
                if not chunk:
                    break
                raw += chunk
    finally:
        p.stdin.close()
        try:
            p.wait(timeout=5)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
        with open(log.name, "r", errors="replace") as f:
            info = f.read()
        os.unlink(log.name)
    resps, _ = t.split_responses(raw)
    assert resps, f"no HTTP response from gnutls-cli: {raw[:500]!r} {info[-2000:]}"
    status, headers, body = resps[0]
    assert status == 200, status
    return header_id(headers), body


def codes(report, field):
    """The client's own list at a dotted path: code strings, GREASE as "GREASE"."""
    v = report
    for step in field.split("."):
        v = v.get(step) if v is not None else None
    return ["GREASE" if e["grease"] else e["code"] for e in (v or [])]


def lcs_len(a, b):
    """Longest common subsequence length, the textbook way."""
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def check_list(diff_list, a, b):
    """One list of the --json diff against the two clients' lists a and b."""
    only_a = [c for c in a if c not in b]
    only_b = [c for c in b if c not in a]
    assert [e["id"] for e in diff_list["removed"]] == only_a, (diff_list["removed"], only_a)
    assert [e["id"] for e in diff_list["added"]] == only_b, (diff_list["added"], only_b)
    for e in diff_list["removed"]:
        assert a[e["a_position"] - 1] == e["id"] and "b_position" not in e
    for e in diff_list["added"]:
        assert b[e["b_position"] - 1] == e["id"] and "a_position" not in e
    for e in diff_list["moved"]:
        assert a[e["a_position"] - 1] == e["id"] == b[e["b_position"] - 1]
    common_a = [c for c in a if c in b]
    common_b = [c for c in b if c in a]
    assert len(diff_list["moved"]) == len(common_a) - lcs_len(common_a, common_b)
    # What stays after removing the moved entries is in the same order on both sides.
    moved = {e["id"] for e in diff_list["moved"]}
    assert [c for c in common_a if c not in moved] == [c for c in common_b if c not in moved]
    assert diff_list["equal"] == (not only_a and not only_b and not diff_list["moved"])
    return only_a, only_b


def text_section(out, field):
    """The +/- lines of one list in the text output: ({removed codes}, {added codes})."""
    m = re.search(rf"^.*\({re.escape(field)}\): .*\n((?:  .*\n)*)", out, re.M)
    assert m, f"no section for {field} in:\n{out}"
    removed = set(re.findall(r"^  - removed  (0x[0-9a-f]{4}) ", m.group(1), re.M))
    added = set(re.findall(r"^  \+ added    (0x[0-9a-f]{4}) ", m.group(1), re.M))
    return removed, added


def fetch_pair(srv, tmp):
    """curl's and gnutls-cli's reports, saved; returns ids, paths and parsed reports."""
    id_a, body_a = curl_report(srv)
    id_b, body_b = gnutls_report(srv)
    pa, pb = os.path.join(tmp, "curl.json"), os.path.join(tmp, "gnutls.json")
    for path, body in ((pa, body_a), (pb, body_b)):
        with open(path, "wb") as f:
            f.write(body)
    return (id_a, id_b), (pa, pb), (json.loads(body_a), json.loads(body_b)), (body_a, body_b)


def test_curl_vs_gnutls():
    t.need("curl", "gnutls-cli")
    tmp = tempfile.mkdtemp(prefix="tlsm-cmp-")
    try:
        with t.Server() as srv:
            _, (pa, pb), (ra, rb), _ = fetch_pair(srv, tmp)
        # Both presented the certificate: these are the two stacks' real mTLS hellos.
        for r in (ra, rb):
            assert r["client_certificate"]["verified"], r["verdict"]
        p = compare("--json", pa, pb)
        assert p.returncode == 1, (p.returncode, p.stderr_text)
        diff = json.loads(p.stdout)
        assert diff["kind"] == "reports" and diff["a"] == pa and diff["b"] == pb
        assert not diff["equal"] and diff["differences"] > 0
        lists = {l["field"]: l for l in diff["lists"]}
        text = compare(pa, pb)
        assert text.returncode == 1
        found = {}
        for field in LISTS + ["client_hello.signature_algorithms_cert",
                              "client_hello.extensions", "client_hello.supported_versions"]:
            a, b = codes(ra, field), codes(rb, field)
            only_a, only_b = check_list(lists[field], a, b)
            found[field] = (only_a, only_b)
            removed, added = text_section(text.stdout_text, field)
            assert removed == set(only_a) and added == set(only_b), (field, removed, added)
        # OpenSSL and GnuTLS offer different signature algorithms, both ways.
        only_curl, only_gnutls = found["client_hello.signature_algorithms"]
        assert only_curl and only_gnutls, found
        print(f"sigalgs only curl offered: {only_curl}; only gnutls-cli: {only_gnutls}")
        # Fingerprints are compared as values.
        values = {v["field"]: v for v in diff["values"]}
        assert values["fingerprints.ja3"]["a"] == ra["fingerprints"]["ja3"]
        assert values["fingerprints.ja3"]["b"] == rb["fingerprints"]["ja3"]
        assert not values["fingerprints.ja4"]["equal"]

        # A file with itself: the same, status 0, in all three formats.
        for fmt in ([], ["--json"], ["--html"]):
            p = compare(*fmt, pa, pa)
            assert p.returncode == 0, (fmt, p.returncode, p.stderr_text)
        assert "same in all" in compare(pa, pa).stdout_text
        assert json.loads(compare("--json", pb, pb).stdout)["equal"] is True
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_bad_input():
    tmp = tempfile.mkdtemp(prefix="tlsm-cmp-")
    try:
        def write(name, text):
            path = os.path.join(tmp, name)
            with open(path, "w") as f:
                f.write(text)
            return path
        good = write("good.json", json.dumps({"schema_version": 1, "tlsmirror": {},
                                              "tls": {}, "client_hello": None}))
        assert compare(good, good).returncode == 0
        missing = os.path.join(tmp, "missing.json")
        cases = [
            (missing, "No such file or directory"),
            (write("broken.json", '{\n  "a": [1,\n  ]\n}'), "not JSON: line 3, column 3"),
            (write("text.txt", "hello"), "not JSON: line 1, column 1"),
            (write("other.json", '{"name": "x"}'), "not a tlsmirror report or capabilities dump"),
            (write("future.json", json.dumps({"schema_version": 99, "tlsmirror": {},
                                              "tls": {}, "client_hello": None})),
             "schema_version 99 is not supported"),
            (tmp, "Is a directory"),
        ]
        for path, msg in cases:
            for args in ((path, good), (good, path)):
                p = compare(*args)
                assert p.returncode == 2, (args, p.returncode, p.stdout_text)
                assert f"tlsmirror compare: {path}: " in p.stderr_text, p.stderr_text
                assert msg in p.stderr_text, (msg, p.stderr_text)
                assert p.stdout_text == ""
        caps = os.path.join(tmp, "caps.json")
        with open(caps, "wb") as f:
            f.write(subprocess.run([t.BIN, "--capabilities"], capture_output=True,
                                   check=True, timeout=60).stdout)
        p = compare(good, caps)
        assert p.returncode == 2 and "compare two of a kind" in p.stderr_text, p.stderr_text
        assert good in p.stderr_text and caps in p.stderr_text
        for args in ((good,), (good, good, good), ("--bogus", good, good)):
            p = compare(*args)
            assert p.returncode == 2 and "Usage: tlsmirror compare" in p.stderr_text
        p = compare("--help")
        assert p.returncode == 0 and "Exit status" in p.stdout_text
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_capabilities():
    """Two --capabilities dumps: what --sigalgs took away, by the dumps' own flags."""
    tmp = tempfile.mkdtemp(prefix="tlsm-cmp-")
    try:
        paths = []
        for name, extra in (("all", []), ("few", ["--sigalgs", "ECDSA+SHA256:rsa_pss_rsae_sha256"])):
            out = subprocess.run([t.BIN, *extra, "--capabilities"], capture_output=True,
                                 check=True, timeout=60).stdout
            paths.append(os.path.join(tmp, name + ".json"))
            with open(paths[-1], "wb") as f:
                f.write(out)
        dumps = [json.load(open(p)) for p in paths]
        p = compare("--json", *paths)
        assert p.returncode == 1, p.stderr_text
        diff = json.loads(p.stdout)
        assert diff["kind"] == "capabilities"
        lists = {l["field"]: l for l in diff["lists"]}
        for flag in ("server_signs", "enabled"):
            signs = [[e["code"] for e in d["signature_algorithms"] if e[flag]] for d in dumps]
            l = lists[f"signature_algorithms[{flag}]"]
            assert [e["code"] for e in l["removed"]] == [c for c in signs[0] if c not in signs[1]]
            assert [e["code"] for e in l["added"]] == [c for c in signs[1] if c not in signs[0]]
            assert l["removed"] and not l["moved"]
        assert lists["signature_algorithms[supported]"]["equal"]
        values = {v["field"]: v for v in diff["values"]}
        assert values["openssl.running_with"]["equal"]
        assert values["openssl.running_with"]["a"] == dumps[0]["openssl"]["running_with"]
        assert compare(paths[1], paths[1]).returncode == 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def get(srv, path):
    """A plain GET over Python's ssl (no client certificate): (status, headers, body)."""
    with t.tls_connect(srv) as s:
        s.sendall(t.http_get(path))
        return t.recv_response(s)


def test_server_store():
    t.need("curl", "gnutls-cli")
    tmp = tempfile.mkdtemp(prefix="tlsm-cmp-")
    try:
        with t.Server() as srv:
            (id_a, id_b), _, (ra, rb), (body_a, body_b) = fetch_pair(srv, tmp)
            assert id_a != id_b
            # /r/ID.json is the very JSON each client got.
            for rid, body in ((id_a, body_a), (id_b, body_b)):
                status, headers, stored = get(srv, f"/r/{rid}.json")
                assert status == 200 and headers["content-type"] == "application/json"
                assert stored == body
                assert "x-tlsmirror-report-id" not in headers
            # The side-by-side page names the sigalgs only one client offered.
            status, headers, page = get(srv, f"/compare?a={id_a}&b={id_b}")
            assert status == 200 and headers["content-type"].startswith("text/html"), status
            page = page.decode()
            sa = {e["code"]: e["name"] for e in ra["client_hello"]["signature_algorithms"]}
            sb = {e["code"]: e["name"] for e in rb["client_hello"]["signature_algorithms"]}
            differing = [sa[c] for c in sa if c not in sb] + [sb[c] for c in sb if c not in sa]
            assert differing
            for name in differing:
                assert re.search(rf"<td class=\"side (added|removed)\"><code>0x[0-9a-f]{{4}} "
                                 rf"{re.escape(name)}</code>", page), name
            assert f'href="/r/{id_a}.json"' in page and f'href="/r/{id_b}.json"' in page
            assert "<script" not in page
            # Errors: unknown ids 404, malformed or missing ids 400.
            unknown = "0" * 32
            for path, want in ((f"/r/{unknown}.json", 404), (f"/compare?a={id_a}&b={unknown}", 404),
                               ("/r/xyz.json", 400), (f"/r/{id_a.upper()}.json", 400),
                               (f"/r/{id_a}", 400), (f"/compare?a={id_a}", 400),
                               (f"/compare?a={id_a}&b={id_b}&a={id_b}", 400),
                               (f"/compare?a=../../etc&b={id_b}", 400)):
                status, _, body = get(srv, path)
                assert status == want, (path, status, body)
                assert b"report" in body
            # One connection, one report id: every report response on it carries it.
            p = t.run(["curl", "-sS", "-D", "-", "-o", "/dev/null", "-o", "/dev/null",
                       "--resolve", f"localhost:{srv.port}:{srv.host}", "--cacert", t.pki("ca.crt"),
                       f"https://localhost:{srv.port}/html", f"https://localhost:{srv.port}/text"])
            ids = re.findall(r"(?im)^x-tlsmirror-report-id: ([0-9a-f]{32})", p.stdout_text)
            assert len(ids) == 2 and ids[0] == ids[1], p.stdout_text
            assert p.stdout_text.count("Connection: keep-alive") == 2
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_store_limit():
    """The store keeps the last 256 reports: the 257th evicts the first."""
    with t.Server() as srv:
        ids = []
        for _ in range(257):
            status, headers, _ = get(srv, "/json")
            assert status == 200
            ids.append(header_id(headers))
        assert len(set(ids)) == 257
        assert get(srv, f"/r/{ids[0]}.json")[0] == 404
        assert get(srv, f"/r/{ids[1]}.json")[0] == 200
        assert get(srv, f"/r/{ids[-1]}.json")[0] == 200


if __name__ == "__main__":
    t.main([test_curl_vs_gnutls, test_bad_input, test_capabilities, test_server_store,
            test_store_limit])
