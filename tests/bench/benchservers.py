"""The three servers the benchmark compares, each on a free loopback port with
the same ECDSA P-256 server certificate and the same client CA:

  tlsmirror          --verify optional, default settings, log to a file
  nginx              one worker process, ssl_verify_client optional, a fixed
                     one-line answer ($ssl_client_s_dn $ssl_protocol $ssl_cipher)
  openssl s_server   -verify 1 (optional client certificate) -www

Every server runs as the current user from its own temporary directory,
which stop() removes. Stdlib only.
"""
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time

START_TIMEOUT = 15


def pki(name):
    return os.path.join(os.environ["TLSM_PKI"], name)


def free_port():
    """A loopback port free right now (the server binds it a moment later)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def read_text(path, tail=3000):
    try:
        with open(path, "r", errors="replace") as f:
            return f.read()[-tail:]
    except OSError:
        return ""


def rss_bytes(pid):
    """VmRSS of a process from /proc/PID/status, in bytes."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def children(pid):
    """The pids whose parent is pid (a bounded scan of /proc)."""
    out = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        # Field 4 (ppid) follows the command name in parentheses.
        fields = stat[stat.rfind(")") + 2:].split()
        if len(fields) > 1 and int(fields[1]) == pid:
            out.append(int(name))
    return out


class Server:
    """Base: a process started by start(), its port, and the pid that serves
    connections (the one whose RSS is measured)."""

    name = "?"
    keepalive = True       # answers several requests on one connection
    concurrent = True      # holds many connections at once

    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix=f"tlsm-bench-{self.name}-")
        self.proc = None
        self.port = None
        self.log_path = os.path.join(self.tmp, "server.log")
        self._log = None

    def _spawn(self, argv, stdout=None):
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                     stdout=stdout or self._log, stderr=self._log,
                                     cwd=self.tmp)

    def _check_alive(self, what):
        if self.proc.poll() is not None:
            raise RuntimeError(f"{self.name} exited {self.proc.returncode} {what}: "
                               f"{self.errors()}")

    def _wait_tcp(self):
        """Waits until the port accepts a TCP connection."""
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            self._check_alive("at start-up")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"{self.name} did not listen on {self.port}: {self.errors()}")

    @property
    def worker_pid(self):
        return self.proc.pid

    def rss(self):
        self._check_alive("during the benchmark")
        return rss_bytes(self.worker_pid)

    def errors(self):
        return read_text(self.log_path)

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self._log:
            self._log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


class Tlsmirror(Server):
    name = "tlsmirror"
    START_RE = re.compile(r"listening on https://127\.0\.0\.1:(\d+)/")

    def start(self):
        self.out_path = os.path.join(self.tmp, "stdout.log")
        self._out = open(self.out_path, "wb")
        self._spawn([os.environ["TLSMIRROR"], "--listen", "127.0.0.1:0",
                     "--cert", pki("server.crt"), "--key", pki("server.key"),
                     "--CAfile", pki("ca.crt"), "--verify", "optional"], stdout=self._out)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            m = self.START_RE.search(read_text(self.out_path))
            if m:
                self.port = int(m.group(1))
                return self
            self._check_alive("at start-up")
            time.sleep(0.02)
        raise RuntimeError(f"tlsmirror printed no listening line: {self.errors()}")

    def stop(self):
        super().stop()
        if getattr(self, "_out", None):
            self._out.close()


class Nginx(Server):
    """nginx with a master and one worker process; the worker's RSS is measured.
    ssl_protocols is set because nginx before 1.23.4 (Debian 12 has 1.22)
    leaves TLS 1.3 off by default; the bounds are then tlsmirror's defaults.
    keepalive_requests lifts nginx's 1,000-request cap per connection, which
    tlsmirror does not have, for the keep-alive measurement."""
    name = "nginx"

    def _config(self):
        version = subprocess.run(["nginx", "-V"], capture_output=True, text=True,
                                 timeout=10).stderr
        temps = "".join(f"    {d} {self.tmp}/{d};\n" for d, m in (
            ("client_body_temp_path", "client_body"), ("proxy_temp_path", "http_proxy"),
            ("fastcgi_temp_path", "http_fastcgi"), ("uwsgi_temp_path", "http_uwsgi"),
            ("scgi_temp_path", "http_scgi")) if f"--without-{m}_module" not in version)
        return f"""daemon off;
worker_processes 1;
pid {self.tmp}/nginx.pid;
error_log {self.tmp}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    keepalive_requests 1000000;
{temps}    default_type text/plain;
    server {{
        listen 127.0.0.1:{self.port} ssl;
        server_name localhost;
        ssl_certificate {pki("server.crt")};
        ssl_certificate_key {pki("server.key")};
        ssl_client_certificate {pki("ca.crt")};
        ssl_verify_client optional;
        ssl_protocols TLSv1.2 TLSv1.3;
        location / {{ return 200 "$ssl_client_s_dn $ssl_protocol $ssl_cipher\\n"; }}
    }}
}}
"""

    def start(self):
        self.port = free_port()
        conf = os.path.join(self.tmp, "nginx.conf")
        with open(conf, "w") as f:
            f.write(self._config())
        self._spawn(["nginx", "-p", self.tmp, "-c", conf, "-e",
                     os.path.join(self.tmp, "error.log")])
        self._wait_tcp()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            kids = children(self.proc.pid)
            if kids:
                self._worker = kids[0]
                return self
            time.sleep(0.05)
        raise RuntimeError(f"nginx started no worker process: {self.errors()}")

    @property
    def worker_pid(self):
        return self._worker

    def master_rss(self):
        return rss_bytes(self.proc.pid)

    def errors(self):
        return read_text(self.log_path) + read_text(os.path.join(self.tmp, "error.log"))


class SServer(Server):
    """openssl s_server -www: one connection at a time, HTTP/1.0 only (it closes
    after each answer), so neither keep-alive nor held connections apply."""
    name = "s_server"
    keepalive = False
    concurrent = False

    def start(self):
        self.port = free_port()
        self._spawn(["openssl", "s_server", "-accept", f"127.0.0.1:{self.port}",
                     "-cert", pki("server.crt"), "-key", pki("server.key"),
                     "-CAfile", pki("ca.crt"), "-verify", "1", "-www"])
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if "ACCEPT" in read_text(self.log_path):
                return self
            self._check_alive("at start-up")
            time.sleep(0.02)
        raise RuntimeError(f"s_server did not print ACCEPT: {self.errors()}")


SERVERS = (Tlsmirror, Nginx, SServer)
