/*
 * render_html_style: the inline style sheet of the HTML report, light and
 * dark, desktop and phone. Split into literals of under 4095 bytes, the
 * length ISO C guarantees.
 */
#include "common/html_base.h"
#include "common/render_html_internal.h"

const char tlsm_html_base_css[] =
	":root{--fg:#1f2328;--muted:#59636e;--bg:#fff;--panel:#f6f8fa;--line:#d1d9e0;"
	"--ok:#1a7f37;--ok-bg:#e6f6ea;--warn:#9a6700;--warn-bg:#fff8d6;--bad:#cf222e;"
	"--bad-bg:#ffebe9;--link:#0969da}\n"
	"@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;"
	"--bg:#0d1117;--panel:#151b23;--line:#3d444d;--ok:#3fb950;--ok-bg:#12261e;"
	"--warn:#d29922;--warn-bg:#2a2314;--bad:#f85149;--bad-bg:#2d1519;--link:#4493f8}}\n"
	"*{box-sizing:border-box}\n"
	"html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
	"body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,"
	"-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif}\n";

static const char css[] =
	".wrap{max-width:1080px;margin:0 auto;padding:0 16px}\n"
	".banner{border-bottom:4px solid;padding:18px 0 16px}\n"
	".banner.ok{background:var(--ok-bg);border-color:var(--ok)}\n"
	".banner.warn{background:var(--warn-bg);border-color:var(--warn)}\n"
	".banner.bad{background:var(--bad-bg);border-color:var(--bad)}\n"
	".status{margin:0;font-size:13px;font-weight:700;letter-spacing:.06em;"
	"text-transform:uppercase}\n"
	".ok .status{color:var(--ok)}.warn .status{color:var(--warn)}"
	".bad .status{color:var(--bad)}\n"
	"h1{margin:4px 0 6px;font-size:22px;line-height:1.3;overflow-wrap:anywhere}\n"
	".sub{margin:0;color:var(--muted);overflow-wrap:anywhere}\n"
	"section{margin:28px 0}\n"
	"h2{margin:0 0 10px;padding-bottom:6px;font-size:18px;"
	"border-bottom:1px solid var(--line)}\n"
	"h3{margin:18px 0 6px;font-size:15px}\n"
	"table{width:100%;border-collapse:collapse}\n"
	"th,td{padding:6px 10px;text-align:left;vertical-align:top;"
	"border-bottom:1px solid var(--line);overflow-wrap:anywhere}\n"
	".kv th{width:14em;color:var(--muted);font-weight:500}\n"
	".scroll{overflow-x:auto}\n"
	".grid th{font-size:13px;color:var(--muted);vertical-align:bottom;white-space:nowrap;"
	"overflow-wrap:normal}\n"
	".grid td{white-space:nowrap;overflow-wrap:normal}\n"
	".grid .c{text-align:center}.grid td{vertical-align:middle}\n"
	".grid tr.extra td{background:var(--panel)}\n"
	"code,pre,.mono{font-family:ui-monospace,SFMono-Regular,\"SF Mono\",Menlo,"
	"Consolas,\"Liberation Mono\",monospace;font-size:.9em}\n"
	".mono{overflow-wrap:anywhere}\n"
	"pre{margin:8px 0 0;padding:10px 12px;background:var(--panel);border-radius:6px;"
	"white-space:pre-wrap;overflow-wrap:anywhere}\n"
	".card{margin:14px 0;padding:4px 14px 12px;border:1px solid var(--line);"
	"border-radius:8px}\n"
	"summary{margin-top:10px;color:var(--link);cursor:pointer}\n"
	".none{color:var(--muted);font-style:italic}\n"
	".badge{display:inline-block;margin-left:6px;padding:0 7px;border-radius:9px;"
	"font-size:12px;background:var(--warn-bg);color:var(--warn);"
	"border:1px solid currentColor}\n"
	".yes{color:var(--ok);font-weight:700}\n"
	".muted{color:var(--muted)}\n"
	"ol.codes{margin:0;padding:0;list-style:none;columns:2 22em;column-gap:28px}\n"
	"ol.codes li{padding:2px 0;break-inside:avoid;overflow-wrap:anywhere}\n"
	"ol.codes code{margin-right:10px;color:var(--muted)}\n"
	"ul.errors{margin:8px 0;padding-left:20px}\n"
	"ul.errors li{margin:4px 0;overflow-wrap:anywhere}\n"
	"@media (max-width:600px){body{font-size:14px}h1{font-size:19px}"
	".kv tr{display:block;padding:6px 0;border-bottom:1px solid var(--line)}"
	".kv th,.kv td{display:block;width:auto;padding:0;border:0}"
	".card{padding:4px 10px 10px}.grid th,.grid td{padding:6px 4px}.grid{font-size:13px}"
	".grid th,.grid td.c{white-space:normal}}\n";

/* Table of contents, warning notes, the handshake timeline and the footer. */
static const char css_handshake[] =
	"nav.toc{display:flex;flex-wrap:wrap;gap:6px;margin:16px 0 0;font-size:13px}\n"
	"nav.toc a{padding:1px 10px;border:1px solid var(--line);border-radius:12px;"
	"text-decoration:none;white-space:nowrap}\n"
	"section{scroll-margin-top:12px}\n"
	".note{margin:12px 0;padding:10px 14px;border-left:4px solid var(--warn);"
	"background:var(--warn-bg);border-radius:4px;overflow-wrap:anywhere}\n"
	".note strong{color:var(--warn)}\n"
	".tl td{vertical-align:middle}.tl td.msg{width:50%}.tl .k{display:block}\n"
	".tl td.t{position:relative;padding-left:28px;text-align:right;"
	"font-variant-numeric:tabular-nums}\n"
	".tl td.t::before{content:\"\";position:absolute;left:11px;top:0;bottom:0;"
	"border-left:2px solid var(--line)}\n"
	".tl td.t::after{content:\"\";position:absolute;left:7px;top:50%;width:10px;"
	"height:10px;margin-top:-5px;border-radius:50%;background:var(--link)}\n"
	".tl tr.s2c td.t::after{background:var(--ok)}\n"
	".tl tr.alert{background:var(--bad-bg)}.tl tr.alert td.t::after{background:var(--bad)}\n"
	".tl tr.s2c td.dir{color:var(--ok)}.tl td.dir{color:var(--link)}\n"
	".tl .n{text-align:right;font-variant-numeric:tabular-nums}\n"
	".badge.enc{background:var(--panel);color:var(--muted)}\n"
	".badge.bad{background:var(--bad-bg);color:var(--bad)}\n"
	"footer{padding:16px 0 32px;border-top:1px solid var(--line);color:var(--muted);"
	"font-size:13px}\n"
	"a{color:var(--link)}\n";

/* The previous failure, the diagnosis and its findings, the revocation box,
 * the chain as built and the server variables. */
static const char css_outcome[] =
	".prev{background:var(--warn-bg);border-bottom:1px solid var(--warn)}\n"
	".prev .wrap{padding-top:12px;padding-bottom:12px}\n"
	".prev p{margin:0;overflow-wrap:anywhere}.prev .what{font-size:17px}\n"
	".prev .what strong{color:var(--warn)}\n"
	".prev .more{margin-top:4px;color:var(--muted);font-size:13px}\n"
	".outcome{margin:22px 0 8px}\n"
	".diag{padding:2px 0 2px 16px;border-left:5px solid var(--line)}\n"
	".diag.ok{border-color:var(--ok)}.diag.warn{border-color:var(--warn)}"
	".diag.bad{border-color:var(--bad)}\n"
	".diag p{margin:6px 0;overflow-wrap:anywhere}\n"
	".diag p.cause{margin-top:0;font-size:20px;line-height:1.4;font-weight:500}\n"
	".diag p.strict{font-size:13px;color:var(--muted)}\n"
	"ul.findings{margin:16px 0 0;padding:0;list-style:none;font-size:14px}\n"
	"ul.findings li{margin:8px 0;padding:7px 12px;border-left:4px solid var(--line);"
	"background:var(--panel);border-radius:4px;overflow-wrap:anywhere;scroll-margin-top:12px}\n"
	"ul.findings li.sev-ok{border-color:var(--ok)}"
	"ul.findings li.sev-info{border-color:var(--link)}\n"
	"ul.findings li.sev-warning{border-color:var(--warn)}"
	"ul.findings li.sev-error{border-color:var(--bad)}\n"
	".sev{display:inline-block;margin-right:8px;padding:0 7px;border-radius:9px;"
	"font-size:11px;font-weight:700;letter-spacing:.05em;text-transform:uppercase;"
	"vertical-align:1px;background:var(--bg);color:var(--muted)}\n"
	".sev-ok .sev{color:var(--ok)}.sev-info .sev{color:var(--link)}"
	".sev-warning .sev{color:var(--warn)}.sev-error .sev{color:var(--bad)}\n"
	"ul.findings .more{display:block;margin-top:2px;color:var(--muted);font-size:13px}\n"
	".revoked{margin:14px 0;padding:10px 14px;border-left:4px solid var(--bad);"
	"background:var(--bad-bg);border-radius:4px;overflow-wrap:anywhere}\n"
	".revoked strong{color:var(--bad)}\n"
	"ol.chain{margin:6px 0;padding-left:26px}ol.chain li{margin:3px 0;overflow-wrap:anywhere}\n"
	".sv th{width:auto;white-space:nowrap;font-weight:400;color:var(--fg)}\n"
	"details.sv>summary{margin:0 0 6px}\n"
	"@media (max-width:600px){.diag p.cause{font-size:17px}.prev .what{font-size:15px}"
	".diag{padding-left:12px}.sv th{white-space:normal}ul.findings{font-size:13px}"
	"ul.findings li{padding:6px 10px}}\n";

/*
 * Identifiers ("wb": a break opportunity), code lists and the two wide
 * grids. A code list hangs its names after the numbers (5.33em of code at
 * .9em is the 4.8em indent). On a phone the signature algorithm table
 * becomes one card per scheme (position, name, then a badge per check mark)
 * and the handshake trace one two-line entry per message (time on the left;
 * message and kind; direction, bytes, badges), so that no column is hidden
 * in a box that scrolls.
 */
static const char css_tables[] =
	".wb{display:inline-block}\n"
	"ol.codes li{padding-left:4.8em;text-indent:-4.8em}\n"
	"ol.codes li>code:first-child{display:inline-block;width:5.33em;margin:0;"
	"padding-right:.8em;text-indent:0}\n"
	".grid .ml{display:none}\n"
	"@media (max-width:600px){"
	".grid.sig,.sig tbody,.grid.tl,.tl tbody{display:block}"
	".sig thead,.tl thead{display:none}"
	".grid.sig td,.grid.tl td{display:block;padding:0;border:0}"
	".grid .ml{display:inline}"
	".sig tr{display:flex;flex-wrap:wrap;gap:4px 6px;position:relative;"
	"padding:7px 4px 8px 2.6em;border-bottom:1px solid var(--line)}"
	".sig td.o{position:absolute;left:0;top:7px;width:1.9em;text-align:right;"
	"color:var(--muted)}"
	".sig td.alg{flex:1 0 100%;white-space:normal}"
	".sig td.m.n{display:none}"
	".sig td.m.y{padding:0 8px;border-radius:9px;font-size:12px;line-height:1.6;"
	"background:var(--ok-bg);color:var(--ok)}"
	".sig tr.extra{background:var(--panel)}"
	".sig tr.extra td.o{position:static;order:1;width:auto;font-size:12px}"
	".tl tr{display:grid;grid-template-columns:minmax(6.6em,max-content) auto auto 1fr;"
	"grid-template-areas:\"t m m m\" \"t d n b\";column-gap:8px;align-items:baseline;"
	"border-bottom:1px solid var(--line)}"
	".grid.tl td.t{grid-area:t;align-self:stretch;padding:6px 0 6px 22px}"
	".grid.tl td.msg{grid-area:m;width:auto;padding:6px 4px 1px 0;white-space:normal}"
	".grid.tl td.dir{grid-area:d}.grid.tl td.n{grid-area:n}"
	".grid.tl td.b{grid-area:b;white-space:normal}"
	".tl td.dir,.tl td.n,.tl td.b{padding-bottom:6px;font-size:12px}"
	".tl .k{display:inline}"
	".tl .k::before{content:\"\\b7  \"}"
	".tl td.b .badge{margin:0 6px 0 0}"
	"}\n";

void tlsm_html_style(struct tlsm_buf *out) {
	tlsm_buf_puts(out, tlsm_html_base_css);
	tlsm_buf_puts(out, css);
	tlsm_buf_puts(out, css_handshake);
	tlsm_buf_puts(out, css_outcome);
	tlsm_buf_puts(out, css_tables);
}
