/*
 * html_base: the style rules every tlsmirror page shares (palette in light
 * and dark mode, box model, body font), so the report, capabilities and
 * compare pages look alike. Each page appends its own rules after it.
 */
#ifndef COMMON_HTML_BASE_H
#define COMMON_HTML_BASE_H

extern const char tlsm_html_base_css[];

#endif
