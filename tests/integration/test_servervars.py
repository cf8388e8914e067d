"""Server variables: the nginx and Apache values the report shows for a
connection ("server_variables": {"nginx": {...}, "apache": {...}}).

Each value is checked against an independent view: the certificate's own
fields from `openssl x509` (-serial, -fingerprint -sha1, -startdate/-enddate,
which print with the same OpenSSL routines the servers call; -subject/-issuer
with -nameopt RFC2253 for nginx, RFC2253,-esc_msb for Apache, compat for
X509_NAME_oneline), `openssl verify` for the verify reason, curl's and
s_client's own view of the negotiation, Python's urllib for the URI escaping,
and, when nginx is installed, a real nginx with `ssl_verify_client
optional_no_ca` on a loopback port returning its variables for the same client
certificate. Values the report marks unknown (JSON null) are not compared.

Exits 77 (SKIP) while the report has no "server_variables" object.
"""
import calendar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

import tlsmtest as t

P = t.pki
DAY = 86400

# Certificates whose values are compared; the chain file sends the leaf and
# the intermediate. client-foreign and client-expired fail verification.
CERTS = [("client-rsa", "client-rsa.crt"), ("client-ecdsa", "client-ecdsa.crt"),
         ("client-ed25519", "client-ed25519.crt"),
         ("client-inter", "client-inter-chain.crt"), ("hostile", "hostile.crt"),
         ("client-foreign", "client-foreign.crt"), ("client-expired", "client-expired.crt")]

NGINX_VARS = ["ssl_client_verify", "ssl_client_s_dn", "ssl_client_i_dn",
              "ssl_client_s_dn_legacy", "ssl_client_i_dn_legacy", "ssl_client_serial",
              "ssl_client_fingerprint", "ssl_client_v_start", "ssl_client_v_end",
              "ssl_client_v_remain", "ssl_client_raw_cert", "ssl_client_cert",
              "ssl_client_escaped_cert", "ssl_protocol", "ssl_cipher", "ssl_curve",
              "ssl_curves", "ssl_server_name", "ssl_alpn_protocol", "ssl_session_reused"]
SEP = "<@@>"
# Groups the s_client runs offer, and the names OpenSSL 3.0 gives them.
GROUPS = "X25519:P-256:X448:P-521:P-384:ffdhe2048"
GROUP_NAMES = "X25519:prime256v1:X448:secp521r1:secp384r1:ffdhe2048"


def x509(path, *args):
    """One `openssl x509 -noout` field of the first certificate in path, after '='."""
    return t.cert_field(path, *args).split("=", 1)[1]


def x509_raw(path, *args):
    """`openssl x509 -noout` output as bytes (names may hold any byte)."""
    return t.run(["openssl", "x509", "-in", path, "-noout"] + list(args), check=True).stdout


def first_pem(path):
    with open(path) as f:
        text = f.read()
    end = "-----END CERTIFICATE-----\n"
    return text[:text.index(end) + len(end)]


def server_vars(rep):
    sv = rep.get("server_variables")
    if sv is None:
        print("SKIP: the report has no \"server_variables\" yet (rendering of "
              "common/servervars has not landed)", file=sys.stderr)
        sys.exit(t.SKIP)
    return sv["nginx"], sv["apache"]


def report_for(srv, name, crt):
    key = P(name + ".key")
    p, rep = t.curl_json(srv, cert=P(crt), key=key, extra=["--http1.1"])
    return p, rep


def same(got, want, what):
    """Compares unless the report marks the value unknown (None)."""
    if got is None:
        print(f"note: {what} is unknown in the report", file=sys.stderr)
        return
    assert got == want, f"{what}: report {got!r} != {want!r}"


def nginx_remain(end, now):
    return 0 if end < now + DAY else (end - now) // DAY


def apache_remain(end, now):
    d = int((end + DAY - now) / DAY)
    return d if d > 0 else 0


def test_certificate_fields():
    """Certificate-derived values against `openssl x509` on the file sent."""
    with t.Server() as srv:
        for name, crt in CERTS:
            path = P(crt)
            before = int(time.time())
            _, rep = report_for(srv, name, crt)
            after = int(time.time())
            ng, ap = server_vars(rep)
            serial = x509(path, "-serial")
            same(ng["ssl_client_serial"], serial, f"{name} nginx serial")
            same(ap["SSL_CLIENT_M_SERIAL"], serial, f"{name} apache serial")
            fp = x509(path, "-fingerprint", "-sha1").replace(":", "").lower()
            same(ng["ssl_client_fingerprint"], fp, f"{name} fingerprint")
            for var, opt in (("v_start", "-startdate"), ("v_end", "-enddate")):
                same(ng["ssl_client_" + var], x509(path, opt), f"{name} nginx {var}")
                same(ap["SSL_CLIENT_" + var.upper()], x509(path, opt), f"{name} apache {var}")
            end = calendar.timegm(time.strptime(x509(path, "-enddate"), "%b %d %H:%M:%S %Y GMT"))
            for got, fn in ((ng["ssl_client_v_remain"], nginx_remain),
                            (ap["SSL_CLIENT_V_REMAIN"], apache_remain)):
                assert got is None or int(got) in (fn(end, before), fn(end, after)), \
                    (name, got, fn(end, before), fn(end, after))
            pem = first_pem(path)
            same(ng["ssl_client_raw_cert"], pem, f"{name} raw cert")
            same(ap["SSL_CLIENT_CERT"], pem, f"{name} apache cert")
            same(ng["ssl_client_escaped_cert"], urllib.parse.quote(pem, safe="-._~"),
                 f"{name} escaped cert")
            same(ng["ssl_client_cert"], pem[:-1].replace("\n", "\n\t"), f"{name} tabbed cert")
            check_names(name, path, ng, ap)
            check_algorithms(name, path, ap)


def check_names(name, path, ng, ap):
    """Names as the OpenSSL printers show them (bytes decoded as the JSON holds them)."""
    def field(*args):
        return x509_raw(path, *args).split(b"=", 1)[1].rstrip(b"\n").decode("utf-8", "replace")
    for who, flag in (("subject", "-subject"), ("issuer", "-issuer")):
        k = who[0]
        same(ng[f"ssl_client_{k}_dn"], field(flag, "-nameopt", "RFC2253"), f"{name} nginx {who}")
        same(ap[f"SSL_CLIENT_{k.upper()}_DN"], field(flag, "-nameopt", "RFC2253,-esc_msb"),
             f"{name} apache {who}")
        legacy = field(flag, "-nameopt", "compat")
        # hostile's O is a TeletexString with bytes >= 0x80: the report keeps
        # its UTF-8 form only, so the raw-byte legacy form cannot be rebuilt.
        if name != "hostile" or who != "subject":
            same(ng[f"ssl_client_{k}_dn_legacy"], legacy, f"{name} nginx legacy {who}")
    # Per-attribute values: `-nameopt esc_ctrl,utf8` prints each one as mod_ssl does.
    text = field("-subject", "-nameopt", "esc_ctrl,utf8,sep_multiline,sname,-space_eq")
    for line in text.split("\n"):
        attr, _, value = line.strip().partition("=")
        tag = {"CN": "CN", "O": "O", "OU": "OU", "L": "L", "C": "C"}.get(attr)
        if tag:
            same(ap.get(f"SSL_CLIENT_S_DN_{tag}"), value, f"{name} apache S_DN_{tag}")


def check_algorithms(name, path, ap):
    text = t.cert_field(path, "-text", "-certopt", "no_pubkey,no_sigdump,no_extensions")
    same(ap["SSL_CLIENT_A_KEY"], re.search(r"Public Key Algorithm: (\S+)",
                                           t.cert_field(path, "-text")).group(1),
         f"{name} A_KEY")
    same(ap["SSL_CLIENT_A_SIG"], re.search(r"Signature Algorithm: (\S+)", text).group(1),
         f"{name} A_SIG")
    same(ap["SSL_CLIENT_M_VERSION"], re.search(r"Version: (\d+)", text).group(1),
         f"{name} M_VERSION")
    dec = str(int(x509(path, "-serial"), 16))
    issuer = x509_raw(path, "-issuer", "-nameopt", "RFC2253").split(b"=", 1)[1].strip().decode()
    same(ap["SSL_CLIENT_CERT_RFC4523_CEA"],
         f'{{ serialNumber {dec}, issuer rdnSequence:"{issuer}" }}', f"{name} CEA")


def last_error(errors):
    """The error SSL_get_verify_result() ends with when verification goes on
    after each error, as nginx and Apache with optional_no_ca do. `openssl
    verify` stops at a missing issuer (20); going on, OpenSSL's internal_verify
    then reports that the lone leaf cannot be verified (21)."""
    code, depth, string = errors[-1]
    if code == "20" and depth == "0":
        return "unable to verify the first certificate"
    return string.strip()


def test_verify_and_connection():
    """Verify results against `openssl verify`; negotiation against curl's view."""
    with t.Server() as srv:
        for name, crt in CERTS:
            p, rep = report_for(srv, name, crt)
            ng, ap = server_vars(rep)
            chain = ["-untrusted", P("intermediate.crt")] if crt.endswith("-chain.crt") else []
            v = t.run(["openssl", "verify", "-CAfile", P("ca.crt"), "-purpose", "sslclient",
                       "-show_chain"] + chain + [P(name + ".crt")])
            out = v.stdout_text + v.stderr_text
            errors = re.findall(r"^error (\d+) at (\d+) depth lookup: (.*)$", out, re.M)
            want = "SUCCESS" if v.returncode == 0 else "FAILED:" + last_error(errors)
            same(ng["ssl_client_verify"], want, f"{name} nginx verify")
            same(ap["SSL_CLIENT_VERIFY"], want, f"{name} apache verify")
            proto, cipher = t.curl_ssl_line(p)
            same(ng["ssl_protocol"], proto, "protocol")
            same(ap["SSL_PROTOCOL"], proto, "apache protocol")
            same(ng["ssl_cipher"], cipher, "cipher")
            same(ap["SSL_CIPHER"], cipher, "apache cipher")
            same(ng["ssl_server_name"], "localhost", "server name")
            same(ap["SSL_TLS_SNI"], "localhost", "apache SNI")
            same(ng["ssl_alpn_protocol"], "http/1.1", "alpn")
            same(ng["ssl_session_reused"], ".", "reused")
            same(ap["SSL_SESSION_RESUMED"], "Initial", "apache resumed")
        _, rep = t.curl_json(srv)
        ng, ap = server_vars(rep)
        same(ng["ssl_client_verify"], "NONE", "no certificate")
        same(ng["ssl_client_s_dn"], "", "no certificate: s_dn")
        same(ap["SSL_CLIENT_VERIFY"], "NONE", "apache no certificate")
        assert "SSL_CLIENT_S_DN" not in ap, ap


def test_groups():
    """$ssl_curve and $ssl_curves against the groups s_client offered."""
    with t.Server() as srv:
        p, _, rep = t.s_client_report(srv, ["-groups", GROUPS, "-cert", P("client-rsa.crt"),
                                            "-key", P("client-rsa.key")])
        ng, _ = server_vars(rep)
        same(ng["ssl_curves"], GROUP_NAMES, "curves")
        same(ng["ssl_curve"], "X25519", "curve")
        p, _, rep = t.s_client_report(srv, ["-groups", "P-384", "-cert", P("client-rsa.crt"),
                                            "-key", P("client-rsa.key")])
        ng, _ = server_vars(rep)
        same(ng["ssl_curve"], "secp384r1", "curve P-384")


class Nginx:
    """A real nginx on a loopback port that answers every request with its
    SSL variables joined by SEP; runs as the current user from a temp prefix."""

    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="tlsm-nginx-")
        self.port = self._free_port()
        conf = os.path.join(self.tmp, "nginx.conf")
        with open(conf, "w") as f:
            f.write(self._config())
        self.log = os.path.join(self.tmp, "error.log")
        self.proc = subprocess.Popen(["nginx", "-p", self.tmp, "-c", conf, "-e", self.log],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"nginx exited: {self._errors()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"nginx did not listen: {self._errors()}")

    @staticmethod
    def _free_port():
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        return port

    def _config(self):
        version = t.run(["nginx", "-V"]).stderr_text
        temps = "".join(f"    {d} {self.tmp}/{d};\n" for d, m in (
            ("client_body_temp_path", "client_body"), ("proxy_temp_path", "http_proxy"),
            ("fastcgi_temp_path", "http_fastcgi"), ("uwsgi_temp_path", "http_uwsgi"),
            ("scgi_temp_path", "http_scgi")) if f"--without-{m}_module" not in version)
        body = SEP.join("${%s}" % v for v in NGINX_VARS)
        return f"""daemon off;
master_process off;
worker_processes 1;
pid {self.tmp}/nginx.pid;
error_log {self.tmp}/error.log info;
events {{ worker_connections 64; }}
http {{
    access_log off;
{temps}    default_type text/plain;
    server {{
        listen 127.0.0.1:{self.port} ssl;
        server_name localhost;
        ssl_certificate {P("server.crt")};
        ssl_certificate_key {P("server.key")};
        ssl_client_certificate {P("ca.crt")};
        ssl_verify_client optional_no_ca;
        ssl_verify_depth 100;
        ssl_protocols TLSv1.2 TLSv1.3;
        error_page 495 496 = @vars;
        location / {{ return 200 "{body}"; }}
        location @vars {{ return 200 "{body}"; }}
    }}
}}
"""

    def _errors(self):
        try:
            with open(self.log, errors="replace") as f:
                return f.read()[-2000:]
        except OSError:
            return ""

    def vars(self, args):
        """s_client with args against nginx: {variable: value}."""
        argv = ["openssl", "s_client", "-connect", f"127.0.0.1:{self.port}",
                "-servername", "localhost", "-CAfile", P("ca.crt"), "-ign_eof"] + list(args)
        p = t.run(argv, input=b"GET / HTTP/1.0\r\nHost: localhost\r\n\r\n")
        i = p.stdout.find(b"HTTP/1.1 200")
        # s_client prints more after the body: frame it by Content-Length.
        resps, _ = t.split_responses(p.stdout[i:]) if i >= 0 else ([], b"")
        if not resps:
            raise AssertionError(f"no answer from nginx: {p.stdout_text} {p.stderr_text} "
                                 f"{self._errors()}")
        values = resps[0][2].decode("utf-8", "replace").split(SEP)
        assert len(values) == len(NGINX_VARS), values
        return dict(zip(NGINX_VARS, values))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


def client_args(name, crt, extra=()):
    """s_client sends only the first certificate of -cert; a chain needs -cert_chain."""
    chain = ["-cert_chain", P("intermediate.crt")] if crt.endswith("-chain.crt") else []
    return ["-cert", P(name + ".crt"), "-key", P(name + ".key"), "-groups", GROUPS,
            "-alpn", "http/1.1"] + chain + list(extra)


def test_real_nginx():
    """The same client certificate sent to a real nginx and to tlsmirror."""
    if shutil.which("nginx") is None:
        print("note: nginx not installed; the comparison with a real nginx is skipped "
              "(apt-get install nginx-light)", file=sys.stderr)
        return
    ngx = Nginx()
    try:
        with t.Server() as srv:
            for name, crt in CERTS:
                for version in ("-tls1_2", "-tls1_3"):
                    args = client_args(name, crt, [version])
                    real = ngx.vars(args)
                    _, _, rep = t.s_client_report(srv, args)
                    ours, _ = server_vars(rep)
                    compare_nginx(f"{name} {version}", ours, real)
    finally:
        ngx.stop()


def compare_nginx(what, ours, real):
    for var in NGINX_VARS:
        got, want = ours.get(var), real[var]
        if got is None:
            print(f"note: {what}: {var} is unknown in the report", file=sys.stderr)
            continue
        if var == "ssl_client_v_remain" and got != want:
            assert abs(int(got) - int(want)) <= 1, (what, var, got, want)
            continue
        if var == "ssl_client_s_dn_legacy" and what.startswith("hostile"):
            continue	# TeletexString bytes, see check_names
        assert got == want, f"{what}: ${var}: report {got!r} != nginx {want!r}"


if __name__ == "__main__":
    t.need("curl", "openssl")
    t.main([test_certificate_fields, test_verify_and_connection, test_groups,
            test_real_nginx])
