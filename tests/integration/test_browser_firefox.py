"""A real browser: headless Firefox ESR against tlsmirror.

Firefox gets a throw-away profile whose NSS database (cert9.db, key4.db:
pk12util and certutil on the profile directory) holds the test client
certificate and trusts the test root CA for servers, and a user.js with
security.default_personal_cert = "Select Automatically", so Firefox sends the
certificate without asking. Driven over Marionette (stdlib only), the test
checks that the page names the certificate (CN and SHA-256 fingerprint as
`openssl x509` reads them from the PKCS#12) and says it verified, that
tlsmirror's log line (an independent view of what Firefox sent) agrees, that
the browser console holds no error from the page and that the page loaded
nothing from another origin; it saves full-page screenshots at desktop (1280)
and phone (390) widths next to Chromium's. Without the certificate in the
profile, the page says no client certificate was sent.

Firefox's console is read through the browser's console service, which needs
Marionette's chrome context (-remote-allow-system-access); the page runs no
script, so its errors are CSP violations and failed loads, which land there.
"""
import json
import os
import re
import shutil
import tempfile
import time

import browser as b
import tlsmtest as t

P12_PASSWORD = "tlsmirror"

USER_JS = {
    "security.default_personal_cert": "Select Automatically",
    # Quiet: no first-run pages, updates, telemetry or background fetches
    # (the closed network refuses them; they would only slow the start).
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.aboutwelcome.enabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "datareporting.healthreport.uploadEnabled": False,
    "toolkit.telemetry.enabled": False,
    "app.update.disabledForTesting": True,
    "app.normandy.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "browser.safebrowsing.update.enabled": False,
    "browser.safebrowsing.downloads.remote.enabled": False,
    "extensions.update.enabled": False,
    "extensions.getAddons.cache.enabled": False,
    # Overlay scrollbars, as on phones and most desktops: screenshots are
    # then as wide as the window.
    "ui.useOverlayScrollbars": 1,
    "marionette.port": 0,
}


def make_profile(path, with_cert):
    listing = b.make_nssdb(path, p12=t.pki("client-rsa.p12") if with_cert else None,
                           password=P12_PASSWORD, trust_ca=t.pki("ca.crt"))
    with open(os.path.join(path, "user.js"), "w") as f:
        for k, v in USER_JS.items():
            f.write(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n")
    return listing


def page_view(ff, name):
    """Screenshots at desktop and phone widths; returns (title, body text)."""
    for label, (w, h) in (("desktop", b.DESKTOP), ("phone", b.PHONE)):
        ff.window(w, h)
        lay = ff.script("return " + b.LAYOUT_JS)
        png = ff.screenshot()
        pw, ph = b.png_size(png)
        path = b.save_png(f"firefox-{name}-{label}.png", png)
        print(f"  {name} {label}: {pw}x{ph} px -> {path}; page {lay['scroll_width']} px wide "
              f"in a {lay['viewport']} px viewport")
        for what in ("overflowing", "scrolling"):
            for item in lay[what]:
                print(f"    {what}: {item}")
        assert w - 20 <= lay["viewport"] <= w, (label, lay["viewport"], w)
    return ff.script("return document.title"), ff.script("return document.body.innerText")


def resources(ff):
    """Every URL the page fetched, as the page's own Resource Timing sees it."""
    return ff.script("return performance.getEntriesByType('navigation')"
                     ".concat(performance.getEntriesByType('resource')).map(e => e.name)")


def check_detectors(ff, srv):
    """The console and resource detectors catch a script error, a CSP
    violation and a request to another origin on a control page."""
    probe = f"https://127.0.0.1:{srv.port}/control-probe.css"
    ff.navigate(b.control_page(probe))
    errors = "\n".join(ff.console_errors("data:"))
    assert "no_such_function" in errors, errors
    assert "blocked-by-csp.png" in errors, errors
    assert probe in resources(ff), resources(ff)


def test_firefox_client_certificate():
    cn, fp = b.cert_view(b.p12_cert_pem(t.pki("client-rsa.p12"), P12_PASSWORD))
    tmp = tempfile.mkdtemp(prefix="tlsm-firefox-")
    try:
        profile = os.path.join(tmp, "profile")
        listing = make_profile(profile, with_cert=True)
        assert "u,u,u" in listing, listing
        with t.Server() as srv:
            origin = f"https://127.0.0.1:{srv.port}"
            with b.Marionette(profile, tmp) as ff:
                t0 = time.monotonic()
                ff.navigate(origin + "/")
                load_s = time.monotonic() - t0
                urls = resources(ff)
                errors = ff.console_errors(origin)
                title, text = page_view(ff, "verified")
                check_detectors(ff, srv)
            print(f"  page loaded in {load_s:.2f} s; fetched: {urls}")
            assert not errors, f"console errors from the page: {errors}"
            assert urls and urls[0] == origin + "/", urls
            others = [u for u in urls if not b.same_origin(u, origin)]
            assert not others, f"fetched outside {origin}: {others}"
            b.note_retry_banner(text, srv)
            assert "verified" in title.lower() and cn in title, title
            assert cn in text and fp in text, (cn, fp, text[:2000])
            log = srv.wait_log(rf'connection id=\d+ [^\n]*client="CN={re.escape(cn)}" '
                               r'verify=verified[^\n]*status=200')
            print("  server:", log.group(0)[:240])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_firefox_no_certificate():
    tmp = tempfile.mkdtemp(prefix="tlsm-firefox-")
    try:
        profile = os.path.join(tmp, "profile")
        make_profile(profile, with_cert=False)
        with t.Server() as srv:
            origin = f"https://127.0.0.1:{srv.port}"
            with b.Marionette(profile, tmp) as ff:
                ff.navigate(origin + "/")
                title = ff.script("return document.title")
                text = ff.script("return document.body.innerText")
                errors = ff.console_errors(origin)
            assert not errors, errors
            assert "no client certificate" in (title + text).lower(), (title, text[:2000])
            log = srv.wait_log(r"connection id=\d+ [^\n]*verify=no_certificate[^\n]*status=200")
            assert "client=" not in log.group(0), log.group(0)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    t.need("firefox-esr", "certutil", "pk12util", "openssl")
    b.run_tests([test_firefox_client_certificate, test_firefox_no_certificate])
