"""Benchmark: tlsmirror against nginx and openssl s_server in one run, on
loopback, with the same server certificate (ECDSA P-256), the same client CA
and the same client (openssl s_time and Python's ssl, ECDSA client
certificate, TLS 1.3).

Registered as meson's benchmark 'tls':
    meson test -C build --benchmark -v
It reports numbers and ratios and writes them as JSON (TLSM_BENCH_OUT,
build/tests/bench/results.json); it fails only when a server cannot be
started or a measurement errors, never on the figures themselves.

Environment: TLSMIRROR (binary), TLSM_PKI (test PKI), TLSM_BENCH_OUT,
TLSM_BENCH_TIME (seconds per s_time run, default 10), TLSM_BENCH_ROUNDS
(default 3; the median is reported), TLSM_BENCH_CONNS (held connections,
default 200).
"""
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

import benchclients as bc
import benchservers as bs


def env_int(name, default, lo, hi):
    v = int(os.environ.get(name, default))
    if not lo <= v <= hi:
        raise SystemExit(f"{name}={v}: want {lo}..{hi}")
    return v


def note(msg):
    print(msg, flush=True)


def loadavg():
    with open("/proc/loadavg") as f:
        return f.read().split()[:3]


def tool_version(argv):
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=10)
        return (p.stdout + p.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return None


def busy_processes(limit=5):
    """The processes (other than ours) that used CPU in the last second, by
    share: what else was competing for the 2 cores while we measured."""
    def sample():
        out = {}
        for name in os.listdir("/proc"):
            if name.isdigit():
                try:
                    with open(f"/proc/{name}/stat") as f:
                        stat = f.read()
                except OSError:
                    continue
                comm = stat[stat.find("(") + 1:stat.rfind(")")]
                fields = stat[stat.rfind(")") + 2:].split()
                out[int(name)] = (comm, int(fields[11]) + int(fields[12]))
        return out
    a = sample()
    time.sleep(1.0)
    b = sample()
    tck = os.sysconf("SC_CLK_TCK")
    used = sorted(((b[p][1] - a[p][1]) / tck, b[p][0], p) for p in b if p in a
                  and p != os.getpid())
    return [f"{comm}({pid}) {share:.0%}" for share, comm, pid in reversed(used[-limit:])
            if share > 0.02]


def start_servers(servers):
    """Starts every server into `servers` (which the caller stops, also when
    one fails to start); nginx may be missing (its column says so)."""
    missing = {}
    for cls in bs.SERVERS:
        if cls is bs.Nginx and shutil.which("nginx") is None:
            missing["nginx"] = "nginx not installed"
            continue
        srv = cls()
        servers.append(srv)
        srv.start()
        proto, cipher, size = bc.check_tls13(srv)
        note(f"started {srv.name} on 127.0.0.1:{srv.port} (pid {srv.worker_pid}); "
             f"{proto} {cipher}, GET / answer {size} B")
    return missing


def measure_memory(servers, n_conns, res):
    time.sleep(0.5)
    for srv in servers:
        r = res[srv.name]
        r["rss_idle"] = srv.rss()
        if isinstance(srv, bs.Nginx):
            r["rss_idle_master"] = srv.master_rss()
        if not srv.concurrent:
            r["hold"] = None
            note(f"{srv.name}: idle RSS {r['rss_idle'] // 1024} KiB; holds one connection at "
                 "a time, so no per-connection figure")
            continue
        r["hold"] = bc.hold(srv, n_conns)
        h = r["hold"]
        note(f"{srv.name}: idle RSS {r['rss_idle'] // 1024} KiB; {n_conns} held connections "
             f"+{h['per_connection_handshaken']:.0f} B each after the handshake, "
             f"+{h['per_connection_after_request']:.0f} B after one request; "
             f"{h['rss_closed'] // 1024} KiB after closing")


def measure_handshakes(servers, rounds, seconds, res):
    for rnd in range(rounds):
        for mode in ("new", "reuse"):
            # Rotate the order each round so no server always runs first.
            order = servers[rnd % len(servers):] + servers[:rnd % len(servers)]
            for srv in order:
                h = bc.handshakes(srv, mode, seconds)
                res[srv.name].setdefault(mode, []).append(h)
                note(f"round {rnd + 1} {mode:5} {srv.name:9} {h['connections']:6} conns in "
                     f"{h['real_seconds']} s = {h['per_second']:7.1f}/s "
                     f"(wall {h['wall_per_second']:7.1f}/s), server CPU "
                     f"{h['server_cpu_per_connection_us']:6.0f} us/conn, client CPU "
                     f"{h['client_cpu_per_connection_us']:5.0f} us/conn, "
                     f"{h['bytes_per_connection']} B/conn, resumed "
                     f"{h['resumed_fraction']:.0%}, other processes "
                     f"{h['other_load']:.2f} CPUs")


def measure_keepalive(servers, rounds, seconds, res):
    """GET / on one keep-alive connection: one request at a time (what a
    browser does; response latency), then 16 pipelined (throughput)."""
    for rnd in range(rounds):
        for depth in KEEPALIVE_DEPTHS:
            for srv in servers:
                if not srv.keepalive:
                    continue
                k = bc.keepalive(srv, seconds, depth=depth)
                k["depth"] = depth
                res[srv.name].setdefault("keepalive", []).append(k)
                note(f"round {rnd + 1} keep-alive x{depth:<2} {srv.name:9} "
                     f"{k['per_second']:8.0f} req/s, {k['bytes_per_response']:.0f} B/response, "
                     f"server CPU {k['server_cpu_per_request_us']:.0f} us/req, client CPU "
                     f"{k['client_cpu_share']:.0%}, other processes {k['other_load']:.2f} CPUs")


KEEPALIVE_DEPTHS = (1, 16)


def median(runs, key):
    return statistics.median(r[key] for r in runs) if runs else None


METRICS = (
    # (label, key in the summary, format, whether a ratio means something)
    ("new TLS 1.3 handshakes/s, client cert, GET /", "new_per_s", "{:.0f}", True),
    ("  server CPU per new handshake (us)", "new_server_cpu_us", "{:.0f}", True),
    ("resumed handshakes/s (-reuse), GET /", "reuse_per_s", "{:.0f}", True),
    ("  server CPU per resumed handshake (us)", "reuse_server_cpu_us", "{:.0f}", True),
    ("response bytes per connection (GET /)", "bytes_per_conn", "{:.0f}", True),
    ("RSS idle (KiB)", "rss_idle_kib", "{:.0f}", True),
    ("RSS per held connection, handshake (B)", "per_conn_handshake", "{:.0f}", True),
    ("RSS per held connection, +1 request (B)", "per_conn_request", "{:.0f}", True),
    ("RSS after closing them (KiB)", "rss_closed_kib", "{:.0f}", True),
    ("keep-alive requests/s, one at a time", "keepalive1_per_s", "{:.0f}", True),
    ("keep-alive requests/s, 16 pipelined", "keepalive_per_s", "{:.0f}", True),
    ("  server CPU per keep-alive request (us)", "keepalive_server_cpu_us", "{:.1f}", True),
    ("other processes' load during runs (CPUs)", "other_load", "{:.2f}", False),
)


def summarize(r):
    hold = r.get("hold") or {}
    new, reuse, kall = r.get("new", []), r.get("reuse", []), r.get("keepalive", [])
    ka1 = [k for k in kall if k["depth"] == 1]
    ka = [k for k in kall if k["depth"] == 16]
    return {"new_per_s": median(new, "per_second"),
            "new_server_cpu_us": median(new, "server_cpu_per_connection_us"),
            "reuse_per_s": median(reuse, "per_second"),
            "reuse_server_cpu_us": median(reuse, "server_cpu_per_connection_us"),
            "reuse_resumed_fraction": median(reuse, "resumed_fraction"),
            "bytes_per_conn": median(new, "bytes_per_connection"),
            "rss_idle_kib": r["rss_idle"] / 1024 if "rss_idle" in r else None,
            "per_conn_handshake": hold.get("per_connection_handshaken"),
            "per_conn_request": hold.get("per_connection_after_request"),
            "rss_closed_kib": hold["rss_closed"] / 1024 if hold else None,
            "keepalive1_per_s": median(ka1, "per_second"),
            "keepalive1_server_busy": statistics.median(
                k["per_second"] * k["server_cpu_per_request_us"] / 1e6 for k in ka1)
            if ka1 else None,
            "keepalive_per_s": median(ka, "per_second"),
            "keepalive_server_cpu_us": median(ka, "server_cpu_per_request_us"),
            "other_load": median(new + reuse + kall, "other_load"),
            "keepalive_client_cpu_share": median(ka, "client_cpu_share")}


def ratio(a, b):
    return a / b if a is not None and b else None


def fmt_ratio(rt):
    if rt is None:
        return "n/a"
    return f"{rt:.2g}" if rt < 0.1 else f"{rt:.2f}"


def print_table(summary, missing):
    names = ["tlsmirror", "nginx", "s_server"]
    cols = [f"{n:>14}" for n in names] + [f"{'tlsm/nginx':>11}", f"{'tlsm/s_srv':>11}"]
    note("\n" + f"{'metric':46}" + "".join(cols))
    for label, key, fmt, has_ratio in METRICS:
        cells = []
        for n in names:
            if n in missing:
                cells.append(f"{'not installed':>14}")
                continue
            v = summary[n][key]
            cells.append(f"{fmt.format(v) if v is not None else 'n/a':>14}")
        t = summary["tlsmirror"][key] if has_ratio else None
        for other in ("nginx", "s_server"):
            rt = ratio(t, summary.get(other, {}).get(key))
            cells.append(f"{fmt_ratio(rt):>11}")
        note(f"{label:46}" + "".join(cells))
    for n, why in missing.items():
        note(f"{n}: {why}")
    note("ratios are tlsmirror / other: above 1 means tlsmirror is faster (rates) or uses "
         "more (CPU, bytes)")
    for n in names:
        busy = summary.get(n, {}).get("keepalive1_server_busy")
        if busy is not None and busy < 0.1:
            note(f"{n} keep-alive one at a time: the server was busy {busy:.0%} of the time, "
                 "so that rate is bound by latency (waiting), not by its CPU")
        share = summary.get(n, {}).get("keepalive_client_cpu_share")
        if share is not None and share > 0.7:
            note(f"{n} keep-alive x16: the Python client used {share:.0%} of a CPU, so that "
                 "figure is a lower bound (client-bound)")


def environment_info():
    return {"nproc": os.cpu_count(), "loadavg_start": loadavg(),
            "python": platform.python_version(), "kernel": platform.release(),
            "openssl": tool_version(["openssl", "version"]),
            "nginx": tool_version(["nginx", "-v"]),
            "tlsmirror": tool_version([os.environ["TLSMIRROR"], "--version"]),
            "busy_processes_start": busy_processes()}


def run():
    seconds = env_int("TLSM_BENCH_TIME", 10, 1, 120)
    rounds = env_int("TLSM_BENCH_ROUNDS", 3, 1, 9)
    n_conns = env_int("TLSM_BENCH_CONNS", 200, 1, 900)
    out_path = os.environ.get("TLSM_BENCH_OUT", "results.json")
    if shutil.which("openssl") is None:
        raise RuntimeError("openssl not installed (s_server and s_time are needed)")
    info = environment_info()
    note(f"{info['nproc']} CPUs, load {' '.join(info['loadavg_start'])}, busy: "
         f"{', '.join(info['busy_processes_start']) or 'none'}")
    note("client command: " + " ".join(bc.s_time_argv("PORT", "new", seconds)))
    servers = []
    try:
        missing = start_servers(servers)
        res = {s.name: {"pid": s.worker_pid, "port": s.port} for s in servers}
        measure_memory(servers, n_conns, res)
        measure_handshakes(servers, rounds, seconds, res)
        measure_keepalive(servers, rounds, min(seconds, 5), res)
        for s in servers:
            s.rss()  # still alive
    finally:
        for s in servers:
            s.stop()
    info["loadavg_end"] = loadavg()
    info["busy_processes_end"] = busy_processes()
    summary = {n: summarize(r) for n, r in res.items()}
    print_table(summary, missing)
    note(f"load {' '.join(info['loadavg_start'])} at start, {' '.join(info['loadavg_end'])} at "
         f"end; busy at end: {', '.join(info['busy_processes_end']) or 'none'}")
    ratios = {other: {key: ratio(summary["tlsmirror"][key], summary[other][key])
                      for _, key, _, has_ratio in METRICS if has_ratio}
              for other in ("nginx", "s_server") if other in summary}
    doc = {"settings": {"seconds": seconds, "rounds": rounds, "held_connections": n_conns,
                        "s_time": " ".join(bc.s_time_argv("PORT", "new|reuse", seconds))},
           "environment": info, "missing": missing, "summary": summary,
           "ratios_tlsmirror_over": ratios, "runs": res}
    with open(out_path, "w") as f:
        json.dump(doc, f, indent=2)
    note(f"results: {os.path.abspath(out_path)}")


def main():
    for v in ("TLSMIRROR", "TLSM_PKI"):
        if not os.environ.get(v):
            print(f"{v} is not set (run through meson test --benchmark)", file=sys.stderr)
            return 1
    try:
        run()
    except Exception as e:  # a server that will not start or a failed measurement
        print(f"benchmark failed: {e}", file=sys.stderr)
        raise
    return 0


if __name__ == "__main__":
    sys.exit(main())
