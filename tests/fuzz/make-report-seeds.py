#!/usr/bin/env python3
"""
Writes the hand-made seeds of the report-based fuzz targets (servervars,
diagnose, render, journal, http) into OUTDIR/<target>/, in the binary layout
of tests/fuzz/fuzz-report.h; the committed corpora are these seeds plus what
libFuzzer found. Run again after changing that layout:

    python3 tests/fuzz/make-report-seeds.py tests/fuzz/corpus
"""
import hashlib, os, struct, sys

RS, GS = b'\xfe', b'\xfd'
TMIN = -62167219200

def le(v, n): return (v & ((1 << 8*n) - 1)).to_bytes(n, 'little')
def t5(t):
    while any(b in (0xfe, 0xfd) for b in le(t - TMIN, 5)):
        t += 1  # keep the separators out of binary fields
    return le(t - TMIN, 5)
def ch(sel, idx, payload=b''):
    if isinstance(payload, str): payload = payload.encode()
    idx = idx.encode() if isinstance(idx, str) else idx if isinstance(idx, bytes) else bytes([idx])
    assert len(idx) == 1
    assert b'\xfe' not in payload and b'\xfd' not in payload, payload
    return sel.encode() + idx + payload

def flags(done=False, cert=False, verified=False, sni=False, resumed=False, alert=False,
          alert_sent=False, certreq=False, cc_seen=False, cc_empty=False, has_csig=False,
          has_ssig=False, trace_trunc=False, err_trunc=False, chain_trunc=False, pha=False,
          req=False, prev=False, require=False, denied=False, demo=False, fp=False, hello=False,
          reneg=False, crl_check=False, hrr=False, ems=False, alpn_trunc=False, ca_trunc=False,
          prev_alert=False, prev_sent=False, revoked=False):
    bits = [[done, cert, verified, sni, resumed, alert, alert_sent, certreq],
            [cc_seen, cc_empty, has_csig, has_ssig, trace_trunc, err_trunc, chain_trunc, pha],
            [req, prev, require, denied, demo, fp, hello, reneg],
            [crl_check, hrr, ems, alpn_trunc, ca_trunc, prev_alert, prev_sent, revoked]]
    return ch('f', '0', bytes(sum(int(b) << i for i, b in enumerate(g)) for g in bits))

NOW = 1767225600  # 2026-01-01
def nums(mode=1, alert_level=0, alert_desc=0, proto=0x0304, cipher=0x1302, group=0x001d,
         csig=0x0804, ssig=0x0804, bits=256, depth_limit=-1, fail_depth=-1, server_time=NOW,
         accepted=NOW, hs_us=1500, pa_method=0, pa_status=0, rsl=0, legacy=0x0303, conn_id=7,
         prev_level=0, prev_desc=0, prev_count=0, prev_age=0, result=0, pa_t=0):
    p = (bytes([mode, alert_level, alert_desc]) + le(proto, 2) + le(cipher, 2) + le(group, 2) +
         le(csig, 2) + le(ssig, 2) + bytes([bits & 255, depth_limit & 255, fail_depth & 255]) +
         t5(server_time) + le(accepted, 5) + le(hs_us + 1, 4) + bytes([pa_method, pa_status]) +
         le(rsl, 2) + le(legacy, 2) + le(conn_id, 4) + bytes([prev_level, prev_desc]) +
         le(prev_count, 2) + le(prev_age, 4) + le(result, 2) + le(pa_t, 4))
    return ch('#', '0', p)

def certnums(i, key_bits=2048, version=3, ku_present=True, eku=True, self_signed=False, ca=False,
             scn=True, icn=True, sans_trunc=False, ku=1, nb=NOW - 86400*30, na=NOW + 86400*335):
    f = sum(int(b) << k for k, b in enumerate([ku_present, eku, self_signed, ca, scn, icn, sans_trunc]))
    return ch('K', str(i), le(key_bits, 2) + bytes([version, f]) + le(ku, 2) + t5(nb) + t5(na))

PEM = ("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQWxpY2UgdGVzdCBjZXJ0aWZpY2F0ZTAKBggqhkjOPQQD\n"
       "AjAVMRMwEQYDVQQDDApFeGFtcGxlIENBMB4XDTI1MTIwMTAwMDAwMFoXDTI2MTIw\n"
       "-----END CERTIFICATE-----\n")

def cert(i, subject, issuer, serial='1A2B3C', key='EC', sig='ecdsa-with-SHA256', sans=(),
         pem=PEM, ekus=('TLS Web Client Authentication',), **kw):
    s = hashlib.sha1(subject.encode() if isinstance(subject, str) else subject).hexdigest().upper()
    s256 = hashlib.sha256(s.encode()).hexdigest().upper()
    out = [certnums(i, **kw), ch('s', str(i), subject), ch('i', str(i), issuer),
           ch('n', str(i), serial), ch('k', str(i), key), ch('g', str(i), sig),
           ch('t', str(i), b'\x06' + ':'.join(s[k:k+2] for k in range(0, 40, 2)).encode()),
           ch('t', str(i), b'\x05' + ':'.join(s256[k:k+2] for k in range(0, 64, 2)).encode())]
    cn = [a for a in (subject if isinstance(subject, str) else '').split(',') if a.startswith('CN=')]
    if cn: out.append(ch('c', str(i), cn[0][3:]))
    if pem is not None: out.append(ch('m', str(i), pem))
    for t, v in sans: out.append(ch('x', str(i), bytes([t]) + (v.encode() if isinstance(v, str) else v)))
    for e in ekus: out.append(ch('u', str(i), e))
    return out

def codes(lst, vals): return ch('O', bytes([lst]), b''.join(struct.pack('>H', v) for v in vals))
def trace(kind, from_server, typ, length, t_us, enc=False, level=0):
    return ch('T', bytes([kind]), bytes([int(from_server) | int(enc) << 1, typ, level]) + le(length, 3) + le(t_us, 4))
def err(i, code, depth, subject, reason):
    return [ch('e', str(i), subject), ch('E', str(i), le(code, 2) + bytes([depth & 255])), ch('r', str(i), reason)]
def report(*parts):
    flat = []
    for p in parts:
        flat.extend(p if isinstance(p, list) else [p])
    return RS.join(flat)

# list indices in fuzz-report.c codes_of()
OV, OC, OS, OSC, OG, OE, OCOMP, OKS, OPSK, OPF, SHARED, CRS, CRSC, CRT = range(14)
TLS13_HS = [trace(0, False, 1, 512, 10), trace(0, True, 2, 122, 300), trace(0, True, 8, 10, 310, True),
            trace(0, True, 13, 40, 320, True), trace(0, True, 11, 900, 330, True),
            trace(0, True, 15, 80, 340, True), trace(0, True, 20, 36, 350, True)]
HOSTILE = (b"<script>alert(1)</script><img src=x onerror=alert(1)> \"dq\" 'sq' back\\slash "
           b"nl\n cr\r tab\t nul\0 bad\xff\xfc\xc3( overlong\xc0\xaf surrogate\xed\xa0\x80 "
           b"esc\x1b[31mred\x1b[0m csi\xc2\x9b rlo\xe2\x80\xae emoji\xf0\x9f\x94\x92 ]]> </pre> --> end")

def offered():
    return [codes(OV, [0x0a0a, 0x0304, 0x0303]), codes(OC, [0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f]),
            codes(OS, [0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601]),
            codes(OG, [0x001d, 0x0017, 0x0018]), codes(OE, [0x0000, 0x000a, 0x000d, 0x002b, 0x0033]),
            codes(OKS, [0x001d]), codes(OPSK, [1]), ch('N', '0', 'mirror.example'),
            ch('a', '0', 'h2'), ch('a', '1', 'http/1.1'), ch('A', '0', 'http/1.1')]

def certreq(names=('CN=Example Root CA,O=Example',), sigalgs=(0x0403, 0x0804, 0x0805, 0x0806, 0x0401)):
    return [codes(CRS, list(sigalgs))] + [ch('q', str(i), n) for i, n in enumerate(names)]

def request(target='/', accept='text/html'):
    return [ch('R', '0', 'GET'), ch('R', '1', target), ch('R', '2', 'HTTP/1.1'),
            ch('H', '0', 'Host'), ch('V', '0', 'mirror.example:8443'), ch('H', '1', 'Accept'), ch('V', '1', accept)]

LEAF = 'CN=alice,OU=Dev,O=Example,C=US'
ICA = 'CN=Example Issuing CA 1,O=Example'
ROOT = 'CN=Example Root CA,O=Example'

R = {}
R['verified'] = report(flags(done=True, cert=True, verified=True, sni=True, certreq=True, cc_seen=True,
                             has_csig=True, has_ssig=True, req=True, fp=True, hello=True, reneg=True),
                       nums(), offered(), certreq(), TLS13_HS,
                       cert(0, LEAF, ICA, sans=[(0, 'alice.example'), (2, 'alice@example.com'), (1, '192.0.2.7'), (3, 'urn:x')]),
                       cert(1, ICA, ROOT, serial='00', key='RSA', sig='sha256WithRSAEncryption', ca=True, ku=0x60, ekus=()),
                       ch('L', '0', LEAF), ch('L', '1', ICA), ch('L', '2', ROOT), ch('v', '0', 'ok'),
                       ch('J', '0', '771,4865-4866,0-10-13,29-23,0'), ch('J', '2', 't13d0305h2_aaaaaaaaaaaa_bbbbbbbbbbbb'),
                       request('/', 'application/json'))
R['expired'] = report(flags(done=True, cert=True, certreq=True, cc_seen=True, has_csig=True),
                      nums(result=10, fail_depth=0), offered(), certreq(),
                      cert(0, 'CN=bob,O=Example', ROOT, na=NOW - 86400*3, nb=NOW - 86400*400, key='RSA', key_bits=2048),
                      err(0, 10, 0, 'CN=bob,O=Example', 'certificate has expired'), ch('v', '0', 'certificate has expired'))
R['missing-intermediate'] = report(flags(done=True, cert=True, certreq=True, cc_seen=True, has_csig=True, crl_check=True),
                      nums(result=20, fail_depth=0), offered(), certreq(), cert(0, LEAF, ICA),
                      err(0, 20, 0, LEAF, 'unable to get local issuer certificate'),
                      err(1, 21, 0, LEAF, 'unable to verify the first certificate'),
                      err(2, 3, 0, LEAF, 'unable to get certificate CRL'),
                      ch('v', '0', 'unable to get local issuer certificate'))
R['unknown-ca-selfsigned'] = report(flags(done=True, cert=True, certreq=True, cc_seen=True),
                      nums(result=19, proto=0x0303, cipher=0xc02f), offered(), certreq(names=()),
                      cert(0, 'CN=carol', 'CN=Other Root'), cert(1, 'CN=Other Root', 'CN=Other Root', self_signed=True, ca=True),
                      err(0, 19, 1, 'CN=Other Root', 'self-signed certificate in certificate chain'),
                      err(1, 18, 0, 'CN=carol', 'self-signed certificate'))
R['smartcard-no-cert'] = report(flags(done=True, certreq=True, cc_seen=True, cc_empty=True, hello=True),
                      nums(), codes(OS, [0x0401, 0x0501, 0x0601, 0x0201]), certreq(sigalgs=(0x0804, 0x0403)), TLS13_HS)
R['smartcard-pss'] = report(flags(alert=True, certreq=True, cc_seen=True),
                      nums(alert_level=2, alert_desc=80), ch('F', '0', 'client closed connection'),
                      cert(0, LEAF, ROOT, key='RSA', sig='sha256WithRSAEncryption'), certreq(),
                      trace(0, False, 1, 512, 10), trace(0, True, 2, 90, 20), trace(0, True, 13, 40, 30, True),
                      trace(0, False, 11, 800, 400, True), trace(1, False, 80, 2, 500, True, 2))
R['failed-no-shared-cipher'] = report(flags(alert=True, alert_sent=True, hello=True),
                      nums(alert_level=2, alert_desc=40, proto=0), ch('F', '0', 'error:0A0000C1:SSL routines::no shared cipher'),
                      codes(OC, [0x0005, 0x000a]), trace(0, False, 1, 200, 5), trace(1, True, 40, 2, 9, False, 2))
R['abandoned'] = report(flags(alert=True, certreq=True), nums(alert_level=2, alert_desc=46),
                      ch('F', '0', 'tlsv1 alert certificate unknown'), certreq(names=(ROOT, ICA, 'CN=A', 'CN=B')),
                      TLS13_HS[:5], trace(1, False, 46, 2, 900, True, 2))
R['timeout'] = report(flags(certreq=True), nums(proto=0), ch('F', '0', 'handshake timeout'), certreq(), TLS13_HS[:5])
R['revoked'] = report(flags(done=True, cert=True, certreq=True, cc_seen=True, crl_check=True, revoked=True),
                      nums(result=23, fail_depth=0), cert(0, LEAF, ROOT, serial='0F'), certreq(),
                      err(0, 23, 0, LEAF, 'certificate revoked'),
                      ch('Y', '0', ROOT), ch('Y', '1', '0F'), ch('Y', '2', '2025-06-01T00:00:00Z'),
                      ch('Y', '3', 'keyCompromise'), ch('Y', '4', b'\x00'),
                      ch('l', '0', ROOT), ch('X', '0', b'\x01' + b'2025-01-01T00:00:00Z'), ch('X', '0', b'\x02' + b'2025-02-01T00:00:00Z'),
                      ch('l', '1', ICA), ch('X', '1', b'\x00' + b'2025-12-01T00:00:00Z'))
R['weak-sha1-eku'] = report(flags(done=True, cert=True, verified=True, certreq=True, cc_seen=True),
                      nums(proto=0x0303), certreq(),
                      cert(0, 'CN=dave,O=Old', 'CN=Old CA,O=Old', key='RSA', key_bits=1024, sig='sha1WithRSAEncryption',
                           ku=0x04, ekus=('TLS Web Server Authentication', '1.2.3.4')),
                      cert(1, 'CN=Old CA,O=Old', 'CN=Old CA,O=Old', key='DSA', key_bits=1024, sig='dsaWithSHA1', self_signed=True),
                      err(0, 26, 0, 'CN=dave,O=Old', 'unsuitable certificate purpose'),
                      err(1, 66, 0, 'CN=dave,O=Old', 'EE certificate key too weak'),
                      err(2, 68, 1, 'CN=Old CA,O=Old', 'CA signature digest algorithm too weak'))
R['chain-too-long'] = report(flags(done=True, cert=True, certreq=True, cc_seen=True),
                      nums(depth_limit=1, result=22), cert(0, LEAF, 'CN=I2'), cert(1, 'CN=I2', 'CN=I1', ca=True),
                      cert(2, 'CN=I1', ROOT, ca=True), err(0, 22, 2, 'CN=I1', 'certificate chain too long'),
                      ch('L', '0', LEAF), ch('L', '1', 'CN=I2'), ch('L', '2', 'CN=I1'), ch('L', '3', ROOT))
R['sigalg-refused'] = report(flags(alert=True, alert_sent=True, certreq=True, cc_seen=True, has_csig=True, cert=True),
                      nums(csig=0x0401, alert_level=2, alert_desc=47), ch('F', '0', 'certificate verify failed'),
                      cert(0, LEAF, ROOT, key='RSA'), certreq(sigalgs=(0x0804, 0x0403)))
R['not-requested'] = report(flags(done=True, resumed=True, hello=True), nums(mode=0), request('/text'))
R['dn-edge'] = report(flags(done=True, cert=True, verified=True),
                      nums(), cert(0, 'CN=a\\,b+OU=x\\2Cy\\+z,O=#0C03616263,C=\\E2\\98\\83,L=\\\\,ST=#1F00,title=#130161',
                                   'emailAddress=ca@example.com,UID=u1+SN=s,GN=g,initials=I,description=d\\0A,O=#04820003616263',
                                   serial='-0A'))
R['dn-broken'] = report(flags(done=True, cert=True), nums(),
                        cert(0, 'CN=x\\', '=,+=\\', serial='ZZZ'), ch('L', '0', ''),
                        cert(1, '', 'O=#', serial='0'), cert(2, 'CN=#0C8101', 'O=#0C81FF' + 'ab' * 10, serial='1' * 129))
R['hostile'] = report(flags(done=True, cert=True, certreq=True, cc_seen=True, sni=True, req=True, prev=True,
                            prev_alert=True, err_trunc=True, chain_trunc=True, trace_trunc=True, fp=True,
                            alpn_trunc=True, ca_trunc=True, revoked=True),
                      nums(prev_count=3, prev_age=20, prev_level=2, prev_desc=48),
                      [ch(s, '0', b'S:' + HOSTILE) for s in 'sicCmwL'], ch('x', '0', b'\x00' + HOSTILE),
                      ch('x', '0', b'\x02' + HOSTILE), ch('x', '0', b'\x03' + HOSTILE), ch('x', '0', b'\x04' + HOSTILE),
                      ch('u', '0', b'<b>1.2.3</b>"&'), ch('n', '0', b'<i>\x1b'), ch('k', '0', b'<RSA>'),
                      ch('g', '0', b'sha1<script>'), ch('t', '0', b'\x03<ski>'), ch('t', '0', b'\x02\x1b[31m'),
                      ch('N', '0', HOSTILE), ch('A', '0', HOSTILE), ch('a', '3', HOSTILE), ch('F', '0', HOSTILE),
                      err(0, 10, 0, HOSTILE, b'<reason>\x1b'), err(1, 999, -5, HOSTILE, b'x'),
                      ch('v', '0', b'<result>'), ch('v', '1', HOSTILE), ch('q', '0', HOSTILE), ch('q', '1', b'O=' + HOSTILE),
                      ch('l', '0', HOSTILE), ch('Y', '0', HOSTILE), ch('Y', '3', b'<r>'),
                      ch('R', '0', HOSTILE), ch('R', '1', HOSTILE), ch('R', '2', HOSTILE),
                      ch('H', '0', HOSTILE), ch('V', '0', HOSTILE), ch('H', 15, HOSTILE),
                      ch('P', '0', HOSTILE), ch('P', '1', HOSTILE), ch('P', '2', HOSTILE),
                      ch('J', '0', HOSTILE), ch('J', '1', HOSTILE), ch('J', '2', b'<ja4>'), ch('J', '3', b'"md5"'),
                      ch('D', '0', HOSTILE), ch('D', '1', HOSTILE), ch('D', '2', HOSTILE), ch('D', '5', HOSTILE),
                      ch('p', '0', b'<proto>'), ch('p', '1', b'"cipher"'), ch('p', '3', b'&grp'),
                      ch('p', '5', b'0123456789abcdef0123456789abcdef'),
                      codes(OE, [0xfafa, 0xffff, 0]), trace(2, True, 1, 1, 5), trace(7, False, 255, 0xffffff, 0x7fffffff, True, 255))
R['long-fields'] = report(flags(done=True, cert=True), nums(), cert(0, 'CN=' + 'A' * 5000, 'O=' + '\\41' * 1500),
                          ch('N', '0', 'x' * 5000), ch('q', '0', 'CN=' + 'y' * 300))
R['times-edge'] = report(flags(done=True, cert=True), nums(server_time=253402300799, accepted=0),
                         cert(0, 'CN=t', 'CN=t', nb=TMIN, na=253402300799), ch('t', '0', b'\x01invalid'),
                         cert(1, 'CN=u', 'CN=u', nb=0, na=-1))

def write(dirname, name, data):
    os.makedirs(dirname, exist_ok=True)
    with open(os.path.join(dirname, name), 'wb') as f:
        f.write(data)

out = sys.argv[1]
for name, data in R.items():
    for t in ('servervars', 'diagnose', 'render'):
        write(f'{out}/{t}', name, data)

# journal: settings part, then reports from the same and other addresses.
def addr(a): return ch('p', '4', a)
def at(t): return nums(accepted=t, alert_level=2, alert_desc=48)
J = {
    'same-client': GS.join([bytes([3, 1]),
                            R['abandoned'] + RS + addr('198.51.100.7:5000') + RS + at(NOW),
                            R['expired'] + RS + addr('198.51.100.7:5001') + RS + at(NOW + 5) + RS + flags(alert=True),
                            R['timeout'] + RS + addr('198.51.100.7:5002') + RS + nums(accepted=NOW + 9),
                            R['hostile'] + RS + addr('[2001:db8::1]:443') + RS + at(NOW + 10) + RS + flags(alert=True),
                            R['failed-no-shared-cipher'] + RS + addr('198.51.100.7:5003') + RS + at(NOW + 20) + RS + flags(alert=True, alert_sent=True)]),
    'addresses': GS.join([bytes([0, 0]), addr('[::1'), addr(''), addr('noport'), addr('[::1]:1') + RS + flags(alert=True),
                          addr(':::::') + RS + flags(alert=True), addr('[' + 'f' * 70 + ']:1')]),
    'hostile': GS.join([bytes([1, 255]), R['hostile'], R['hostile'] + RS + at(NOW + 1) + RS + flags(alert=True, prev=True)]),
}
for name, data in J.items():
    write(f'{out}/journal', name, data)

# http: report, settings byte, client bytes.
def http(rep, settings, reqs): return rep + GS + bytes([settings]) + GS + reqs
ID_A = '0123456789abcdef0123456789abcdef'
ID_B = 'fedcba9876543210fedcba9876543210'
H = {
    'get-root-json': http(R['verified'], 0, b'GET / HTTP/1.1\r\nHost: mirror.example\r\nAccept: application/json\r\n\r\n'),
    'pipelined': http(R['expired'], 0, b'GET /html HTTP/1.1\r\nHost: a\r\n\r\nHEAD /text HTTP/1.1\r\nHost: a\r\n\r\n'
                      b'GET /json HTTP/1.1\r\nHost: a\r\nAccept: text/plain\r\n\r\nGET /failures.json HTTP/1.1\r\n\r\n'
                      b'GET /failures HTTP/1.1\r\nAccept: text/plain;q=1, text/html;q=0.5\r\n\r\n'
                      b'GET /capabilities HTTP/1.1\r\n\r\nGET /nope?x=<script> HTTP/1.1\r\n\r\n'),
    'stored': http(R['hostile'], 0, f'GET /r/{ID_A}.json HTTP/1.1\r\n\r\nGET /r/{ID_B}.json?x HTTP/1.1\r\n\r\n'
                   f'GET /compare?a={ID_A}&b={ID_B} HTTP/1.1\r\n\r\nGET /compare?a={ID_A} HTTP/1.1\r\n\r\n'
                   f'GET /r/nothex.json HTTP/1.1\r\n\r\n'.encode()),
    'demo': http(R['not-requested'], 0, b'GET /demo/ca.crt HTTP/1.1\r\n\r\nGET /demo/client.p12 HTTP/1.1\r\n\r\n'),
    'policies': http(R['smartcard-no-cert'], 0, b'GET /secure/x HTTP/1.1\r\n\r\nGET /reneg HTTP/1.1\r\nAccept: */*\r\n\r\n'
                     b'GET /html HTTP/1.1\r\n\r\n'),
    'policies-empty': http(R['not-requested'], 16, b'GET /reneg HTTP/1.1\r\n\r\nGET /json HTTP/1.1\r\nConnection: close\r\n\r\n'),
    'no-ctx': http(R['verified'], 31, b'GET /failures HTTP/1.1\r\n\r\nGET /r/' + ID_A.encode() + b'.json HTTP/1.1\r\n\r\nGET /demo/ca.crt HTTP/1.1\r\n\r\n'),
    'post': http(R['verified'], 0, b'POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc'),
    'body-get': http(R['verified'], 0, b'GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'),
    'http10': http(R['verified'], 0, b'GET /text HTTP/1.0\r\n\r\nGET / HTTP/1.1\r\n\r\n'),
    'bad': http(R['hostile'], 0, b'GET / HTTP/2.0\r\n\r\n'),
    'bad-header': http(R['hostile'], 0, b'GET / HTTP/1.1\r\nBad Header: x\r\n\r\n'),
    'partial': http(R['verified'], 0, b'GET / HTTP/1.1\r\nHost: mirror'),
    'plain-host': http(b'', 0, b'GET /index.html HTTP/1.1\r\nHost: <script>\x1b[2J\r\n\r\n'),
    'hostile-target': http(R['hostile'], 0, b'GET /\xff\x00\x1b%00<x> HTTP/1.1\r\nAccept: \xc3\x28\r\n\r\n'),
}
for name, data in H.items():
    write(f'{out}/http', name, data)
