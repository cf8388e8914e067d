/*
 * render_html_demo: in demo mode, when no certificate arrived, how to import
 * the demo client certificate and trust the demo CA in each browser. The
 * files are served by the server at /demo/client.p12 and /demo/ca.crt.
 */
#include "common/render_html_internal.h"

static const char help[] =
	"<section id=\"demo-help\" class=\"demo-help\"><h2>Send the demo client certificate</h2>\n"
	"<p>tlsmirror runs on its built-in demo PKI. Download the demo client certificate "
	"<a href=\"/demo/client.p12\" download>client.p12</a> (password <code>"
	TLSM_DEMO_P12_PASSWORD "</code>) and, to avoid the certificate warning, the demo CA "
	"<a href=\"/demo/ca.crt\" download>ca.crt</a>. Then reload this page; the browser "
	"asks which certificate to send.</p>\n"
	"<dl>\n"
	"<dt>Chrome, Chromium, Edge</dt><dd>Settings, Privacy and security, Security, Manage "
	"certificates: <b>Your certificates</b>, Import <code>client.p12</code>; "
	"<b>Authorities</b> (Linux) or the system store (Windows, macOS), import "
	"<code>ca.crt</code> and trust it for websites. On Linux Chromium uses "
	"<code>~/.pki/nssdb</code>: <code>pk12util -d sql:$HOME/.pki/nssdb -i client.p12</code>.</dd>\n"
	"<dt>Firefox</dt><dd>Settings, Privacy &amp; Security, Certificates, View Certificates: "
	"<b>Your Certificates</b>, Import <code>client.p12</code>; <b>Authorities</b>, Import "
	"<code>ca.crt</code> and tick \"Trust this CA to identify websites\".</dd>\n"
	"<dt>macOS (Safari, Chrome)</dt><dd>Open <code>client.p12</code> in Keychain Access "
	"(login keychain); open <code>ca.crt</code>, then in Keychain Access set it to "
	"<b>Always Trust</b> for SSL.</dd>\n"
	"<dt>Windows (Edge, Chrome)</dt><dd>Double-click <code>client.p12</code> and import it "
	"into the Current User <b>Personal</b> store; double-click <code>ca.crt</code>, Install "
	"Certificate, Current User, <b>Trusted Root Certification Authorities</b>.</dd>\n"
	"</dl>\n<p class=\"note\">These files come from the demo directory on the server; "
	"tlsmirror never serves the server's or the CA's private key.</p>\n</section>\n";

void tlsm_html_demo_help(struct tlsm_buf *out, const struct tlsm_report *r) {
	if (r->demo_mode && r->handshake_done && !r->verify.cert_present) {
		tlsm_buf_puts(out, help);
	}
}
