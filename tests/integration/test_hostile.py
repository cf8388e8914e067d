"""Hostile client data: certificate names, SNI and request headers built to
break HTML, JSON, text and log output.

The client certificate is hostile.crt (certs/mkhostile.c): its CN holds
markup, quotes, a NUL, CR/LF/TAB; O is a T61String with bytes that are not
UTF-8 and a </td></tr>; OU holds JSON-breaking text and a backslash; L holds
terminal escapes. The SNI (sent raw by openssl s_client) and the request
headers (written byte for byte through a Python ssl socket) add quotes,
backslashes, <script>, </pre>, an ESC, a newline followed by a forged log
line, bytes 0x80-0xff and a bidi override.

Independent views:
  * The CN's bytes come from the certificate's DER, walked here with a tiny
    TLV reader, and cross-checked against `openssl asn1parse`'s offsets.
    The JSON subject_cn must equal those bytes decoded as UTF-8 (they are a
    UTF8String), with the NUL kept (\\u0000 on the wire); invalid UTF-8
    would be U+FFFD (Python's "replace" and the server agree on the inputs
    used here: every invalid byte stands alone).
  * The JSON subject must equal `openssl x509 -subject -nameopt
    RFC2253,-esc_msb,utf8`, OpenSSL's own rendering of the whole name
    (including its Latin-1 reading of the T61String O, U+00FF U+00FE ...).
  * SNI and header values must round-trip exactly what was sent.
"""
import base64
import html.parser
import json
import os
import re
import subprocess
import sys

import tlsmtest as t

HOSTILE_CRT = t.pki("hostile.crt")
HOSTILE_KEY = t.pki("hostile.key")

SNI = (b'<script>x</script>"\\\x1b[31m\n2026-01-01T00:00:00.000Z info connection id=999 '
       b"forged=1 \xff\xfe\xe2\x80\xae")
FORGED_PREFIX = b"2026-01-01T00:00:00.000Z"

HEADERS = [
    (b"X-Quote", b'say "hi" \'there\''),
    (b"X-Backslash", b"C:\\path\\n\\u0000\\"),
    (b"X-Script", b'<script>alert("h")</script>'),
    (b"X-Pre", b"</pre><img src=x onerror=alert(2)></td></tr>"),
    (b"X-Json", b'{"a":"b"}\\", "x": "'),
    (b"X-High", bytes(range(0x80, 0x100))),
    (b"X-Utf8", "\u00e9\u20ac\U0001f600".encode()),
    (b"X-Bidi", "\u202eevil\u2066".encode()),
    (b"X-Tab", b"a\tb"),
    (b"X-Odd!#$%&'*+-.^_`|~Name", b"odd&amp;"),
]

SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VOID_TAGS = {"br", "meta", "hr", "wbr", "img", "input", "link"}
FORBIDDEN_TAGS = {"script", "img", "iframe", "object", "embed", "svg", "math", "form", "input",
                  "link", "base", "frame", "frameset", "template", "textarea", "button"}


def renderer_tags():
    """The tags the HTML renderer can write: those in its source's string
    literals. Anything else in a page came from client data."""
    src = open(os.path.join(SRC, "common", "render_html.c"), encoding="utf-8").read()
    tags = set()
    for lit in re.findall(r'"((?:[^"\\\n]|\\.)*)"', src):
        tags |= {m.lower() for m in re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", lit)}
    assert {"html", "body", "table", "td", "pre"} <= tags, tags
    assert not tags & FORBIDDEN_TAGS, tags & FORBIDDEN_TAGS
    return tags

CONNECTIONS = 0  # every TLS or TCP connection made to the shared server


def u(b):
    return b.decode("utf-8", "replace")


# --- the certificate's own bytes ---------------------------------------------

def tlv(der, i):
    """One DER TLV at i: (tag, value start, value end)."""
    tag = der[i]
    n = der[i + 1]
    j = i + 2
    if n & 0x80:
        k = n & 0x7f
        n = int.from_bytes(der[j:j + k], "big")
        j += k
    return tag, j, j + n


def children(der, start, end):
    out = []
    i = start
    while i < end:
        tag, vs, ve = tlv(der, i)
        out.append((tag, vs, ve))
        i = ve
    return out


def cert_der(path):
    pem = open(path).read()
    b64 = pem.split("-----BEGIN CERTIFICATE-----")[1].split("-----END CERTIFICATE-----")[0]
    return base64.b64decode("".join(b64.split()))


OID_NAMES = {bytes([0x55, 0x04, 3]): "CN", bytes([0x55, 0x04, 7]): "L",
             bytes([0x55, 0x04, 10]): "O", bytes([0x55, 0x04, 11]): "OU"}


def subject_attrs(der):
    """{short name: (string tag, value bytes, value offset)} of the subject."""
    _, cs, ce = tlv(der, 0)                       # Certificate
    _, ts, te = children(der, cs, ce)[0]          # tbsCertificate
    tbs = children(der, ts, te)
    if tbs[0][0] == 0xa0:                         # [0] version
        tbs = tbs[1:]
    _, ss, se = tbs[4]                            # serial, sigalg, issuer, validity, subject
    out = {}
    for _, rs, re_ in children(der, ss, se):      # SET
        for _, as_, ae in children(der, rs, re_):  # AttributeTypeAndValue
            (ot, os_, oe), (vt, vs, ve) = children(der, as_, ae)
            assert ot == 0x06
            out[OID_NAMES.get(der[os_:oe], der[os_:oe].hex())] = (vt, der[vs:ve], vs)
    return out


def asn1parse_string_at(path, offset):
    """openssl asn1parse's view: (type, header length, length) of the item
    whose value starts at `offset` in the DER."""
    p = t.run(["openssl", "asn1parse", "-in", path], check=True)
    for line in p.stdout.split(b"\n"):
        m = re.match(rb"\s*(\d+):d=\d+\s+hl=(\d+)\s+l=\s*(\d+)\s+prim:\s+(\w+)", line)
        if m and int(m.group(1)) + int(m.group(2)) == offset:
            return m.group(4).decode(), int(m.group(2)), int(m.group(3))
    raise AssertionError(f"asn1parse shows nothing at {offset}")


def real_cn():
    der = cert_der(HOSTILE_CRT)
    attrs = subject_attrs(der)
    tag, cn, off = attrs["CN"]
    assert tag == 0x0c  # UTF8String
    kind, hl, length = asn1parse_string_at(HOSTILE_CRT, off)
    assert (kind, length) == ("UTF8STRING", len(cn)), (kind, length, len(cn))
    assert der[off:off + length] == cn
    assert b"\x00" in cn and b"<script>" in cn  # the fixture is what we think it is
    return cn


def openssl_subject():
    s = t.run(["openssl", "x509", "-in", HOSTILE_CRT, "-noout", "-subject", "-nameopt",
               "RFC2253,-esc_msb,utf8"], check=True).stdout.decode("utf-8")
    assert s.startswith("subject=") and s.endswith("\n")
    return s[len("subject="):-1]


# --- the three outputs -----------------------------------------------------------

def html_view(s):
    """What a browser must show for client text s (common/escape.h): C0 and
    DEL as control pictures (NUL is U+2400), C1 and bidi controls as U+FFFD."""
    out = []
    for ch in s:
        c = ord(ch)
        if c < 0x20:
            out.append(chr(0x2400 + c))
        elif c == 0x7f:
            out.append("\u2421")
        elif 0x80 <= c <= 0x9f or c in (0x61c, 0x200e, 0x200f, 0x2028, 0x2029) or \
                0x202a <= c <= 0x202e or 0x2066 <= c <= 0x2069:
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


class TagChecker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = set()
        self.stack = []
        self.errors = []
        self.text = []
        self.attrs = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs += [(tag, k, v) for k, v in attrs]
        if tag not in VOID_TAGS:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs += [(tag, k, v) for k, v in attrs]

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-3:]}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def check_html(raw, cn, sni=None, headers=None):
    text = raw.decode("utf-8")  # strict: the page is valid UTF-8
    low = text.lower()
    assert "<script" not in low and "<img" not in low, "raw markup from client data"
    for m in re.finditer("onerror=", low):
        assert low[max(0, m.start() - 16):m.start()].endswith("&lt;img src=x "), \
            low[m.start() - 40:m.end() + 10]
    assert "&lt;script&gt;alert(" in text
    assert "\x00" not in text and "\x1b" not in text and "\r" not in text
    p = TagChecker()
    p.feed(text)
    p.close()
    assert p.tags <= renderer_tags(), p.tags - renderer_tags()
    assert not p.tags & FORBIDDEN_TAGS, p.tags & FORBIDDEN_TAGS
    assert "html" in p.tags and "table" in p.tags
    assert not p.errors and not p.stack, (p.errors, p.stack)
    for tag, k, v in p.attrs:
        assert not k.startswith("on"), (tag, k, v)
        assert not (v or "").strip().lower().startswith("javascript:"), (tag, k, v)
    shown = "".join(p.text)
    cn_shown = html_view(u(cn))
    assert "\u2400" in cn_shown and cn_shown in shown, cn_shown
    assert "&#x2400;" in text or "\u2400" in text
    if sni is not None:
        assert html_view(u(sni)) in shown, html_view(u(sni))
    for name, value in headers or ():
        assert f"{u(name)}: {html_view(u(value))}" in shown, (name, html_view(u(value)))


def check_json(raw, cn, sni=None, headers=None, subject=None):
    rep = json.loads(raw)
    c0 = rep["client_certificate"]["chain"][0]
    assert c0["subject_cn"] == u(cn), (c0["subject_cn"], u(cn))
    assert '</script>\\u0000\\"quoted\\"' in raw.decode("utf-8")  # the NUL, escaped
    if subject is not None:
        assert c0["subject"] == subject, (c0["subject"], subject)
    sans = [(s["type"], s["value"]) for s in c0["sans"]]
    assert sans == [("DNS", "<img src=x onerror=alert(1)>.example"), ("email", 'a"b@x.test'),
                    ("URI", "javascript:alert('uri')")], sans
    if sni is not None:
        assert rep["tls"]["sni"] == u(sni), (rep["tls"]["sni"], u(sni))
    if headers is not None:
        got = [(h["name"], h["value"]) for h in rep["request"]["headers"]]
        assert got == [(u(k), u(v)) for k, v in headers], got
    return rep


def check_text(raw, cn):
    for bad in (b"\x1b", b"\r", b"\x00"):
        assert bad not in raw, bad
    text = raw.decode("utf-8")
    assert "\u202e" not in text and "\u2066" not in text
    # The CN as text: NUL as U+2400, other controls as \xNN.
    assert '<script>alert("cn")</script>\u2400"quoted" & \'single\'\\x0a\\x0d\\x09newline' \
        in text, text[:3000]


# --- clients ---------------------------------------------------------------------

def raw_request(path, headers, close=True):
    lines = [f"GET {path} HTTP/1.1".encode()] + [k + b": " + v for k, v in headers]
    if close:
        lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n"


def py_get(srv, path, headers):
    """Python ssl with the hostile client certificate; exact header bytes."""
    global CONNECTIONS
    CONNECTIONS += 1
    s = t.tls_connect(srv, cert=HOSTILE_CRT, key=HOSTILE_KEY)
    with s:
        s.sendall(raw_request(path, headers))
        raw, closed = t.recv_until_closed(s)
    (st, h, body), = t.split_responses(raw)[0]
    assert st == 200, raw[:300]
    return h, body


def s_client_get(srv, path, sni, headers):
    """openssl s_client: the SNI goes out byte for byte; -quiet leaves only
    the response on stdout."""
    global CONNECTIONS
    CONNECTIONS += 1
    argv = [b"openssl", b"s_client", b"-quiet", b"-connect", f"127.0.0.1:{srv.port}".encode(),
            b"-servername", sni, b"-CAfile", t.pki("ca.crt").encode(),
            b"-cert", HOSTILE_CRT.encode(), b"-key", HOSTILE_KEY.encode()]
    p = subprocess.run(argv, input=raw_request(path, headers), capture_output=True, timeout=20)
    assert p.returncode == 0, p.stderr
    (st, h, body), = t.split_responses(p.stdout)[0]
    assert st == 200, p.stdout[:300]
    return h, body


def curl_get(srv, path):
    global CONNECTIONS
    CONNECTIONS += 1
    p, body = t.curl(srv, path=path, cert=HOSTILE_CRT, key=HOSTILE_KEY,
                     extra=["-w", "\n%{http_code} %{ssl_verify_result}"])
    assert p.returncode == 0, p.stderr_text
    body, _, tail = body.rpartition(b"\n")
    assert tail == b"200 0", tail
    return body


# --- tests -----------------------------------------------------------------------

SRV = None
CN = None


def test_fixture_independent_view():
    global CN
    CN = real_cn()
    assert CN == (b'<script>alert("cn")</script>\x00"quoted" & \'single\'\n\r\tnewline'), CN
    attrs = subject_attrs(cert_der(HOSTILE_CRT))
    assert attrs["O"][0] == 0x14 and attrs["O"][1].startswith(b"\xff\xfe")  # T61String
    assert b"\x1b[31m" in attrs["L"][1]


def test_curl_hostile_cert():
    body = curl_get(SRV, "/html")
    check_html(body, CN)
    body = curl_get(SRV, "/json")
    check_json(body, CN, subject=openssl_subject())
    body = curl_get(SRV, "/text")
    check_text(body, CN)


def test_python_hostile_headers():
    h, body = py_get(SRV, "/json", [(b"Host", b"localhost")] + HEADERS)
    assert h["content-type"].startswith("application/json")
    rep = check_json(body, CN, headers=[(b"Host", b"localhost")] + HEADERS + [
        (b"Connection", b"close")], subject=openssl_subject())
    high = rep["request"]["headers"][6]["value"]
    assert high == "\ufffd" * 128, high  # 0x80-0xff: each byte invalid alone
    h, body = py_get(SRV, "/html", [(b"Host", b"localhost")] + HEADERS)
    assert h["content-type"].startswith("text/html")
    check_html(body, CN, headers=HEADERS)
    h, body = py_get(SRV, "/text", [(b"Host", b"localhost")] + HEADERS)
    check_text(body, CN)
    text = body.decode()
    assert "X-Backslash: C:\\\\path\\\\n\\\\u0000\\\\" in text, text
    assert "X-Bidi: \\u202eevil\\u2066" in text


def test_s_client_hostile_sni():
    hdrs = [(b"Host", b"localhost")] + HEADERS
    _, body = s_client_get(SRV, "/json", SNI, hdrs)
    check_json(body, CN, sni=SNI, headers=hdrs + [(b"Connection", b"close")])
    _, body = s_client_get(SRV, "/html", SNI, hdrs)
    check_html(body, CN, sni=SNI, headers=HEADERS)
    _, body = s_client_get(SRV, "/text", SNI, hdrs)
    check_text(body, CN)
    assert b"\\x1b[31m\\x0a2026-01-01T00:00:00.000Z" in body


def log_escape(b):
    """common/escape.h's log form of client bytes, independently."""
    out = []
    for ch in u(b):
        c = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif c < 0x20 or c == 0x7f:
            out.append(f"\\x{c:02x}")
        elif 0x80 <= c <= 0x9f or 0x202a <= c <= 0x202e or 0x2066 <= c <= 0x2069:
            out.append(f"\\u{c:04x}")
        else:
            out.append(ch)
    return "".join(out)


def test_log_one_safe_line_per_connection():
    t.wait_log_count(SRV, rf" id={CONNECTIONS} ", 1)
    lines = t.log_lines(SRV)
    assert len(lines) == CONNECTIONS, (len(lines), CONNECTIONS)
    data = b"\n".join(lines)
    for bad in (b"\x1b", b"\r", b"\x00"):
        assert bad not in data, bad
    ids = []
    for l in lines:
        assert not l.startswith(FORGED_PREFIX), l
        m = re.match(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info connection id=(\d+) "
                     rb"peer=127\.0\.0\.1:\d+ ", l)
        assert m, l
        ids.append(int(m.group(1)))
        l.decode("utf-8")  # strict
    assert ids == list(range(1, CONNECTIONS + 1)), ids
    sni_lines = [l.decode() for l in lines if b"sni=\"<script>" in l]
    assert len(sni_lines) == 3, sni_lines
    want = f'sni="{log_escape(SNI)}" '
    assert all(want in l for l in sni_lines), (want, sni_lines[0])
    assert "id=999" in want  # the forged text is inside the quoted, escaped value


def test_json_log_round_trip():
    with t.Server("--log-format", "json") as srv:
        s_client_get(srv, "/json", SNI, [(b"Host", b"localhost")])
        t.wait_log_count(srv, r'"msg":"connection"', 1)
        lines = t.log_lines(srv)
    assert len(lines) == 1, lines
    o = json.loads(lines[0])
    assert o["sni"] == u(SNI), o["sni"]
    assert o["client"] == openssl_subject(), (o["client"], openssl_subject())
    assert o["verify"] == "verified"
    for bad in (b"\x1b", b"\r", b"\x00"):
        assert bad not in lines[0]


TESTS = [test_fixture_independent_view, test_curl_hostile_cert, test_python_hostile_headers,
         test_s_client_hostile_sni, test_log_one_safe_line_per_connection,
         test_json_log_round_trip]

if __name__ == "__main__":
    t.need("curl", "openssl")
    code = 0
    with t.Server() as SRV:
        try:
            t.main(TESTS)
        except SystemExit as e:
            code = e.code
    sys.exit(code)
