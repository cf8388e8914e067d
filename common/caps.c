/* caps: the capability record, its lists and notes. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/caps.h"
#include "common/util.h"

static const char *const kind_keys[TLSM_CAPS_KIND_COUNT] = {
	[TLSM_CAPS_SIGALGS] = "signature_algorithms",
	[TLSM_CAPS_TLS13_SUITES] = "tls13_cipher_suites",
	[TLSM_CAPS_TLS12_CIPHERS] = "tls12_ciphers",
	[TLSM_CAPS_GROUPS] = "groups",
};

void tlsm_caps_init(struct tlsm_caps *c) {
	*c = (struct tlsm_caps){0};
	c->security_level = -1;
}

void tlsm_caps_finish(struct tlsm_caps *c) {
	for (size_t k = 0; k < TLSM_CAPS_KIND_COUNT; k++) {
		free(c->lists[k].v);
		c->lists[k] = (struct tlsm_caps_list){0};
	}
	for (size_t i = 0; i < c->n_notes; i++) {
		free(c->notes[i]);
		c->notes[i] = NULL;
	}
	c->n_notes = 0;
}

const struct tlsm_caps_entry *tlsm_caps_find(const struct tlsm_caps *c,
		enum tlsm_caps_kind kind, uint16_t code) {
	if ((unsigned)kind >= TLSM_CAPS_KIND_COUNT) {
		return NULL;
	}
	const struct tlsm_caps_list *l = &c->lists[kind];
	for (size_t i = 0; i < l->n; i++) {
		if (l->v[i].code == code) {
			return &l->v[i];
		}
	}
	return NULL;
}

struct tlsm_caps_entry *tlsm_caps_get(struct tlsm_caps *c, enum tlsm_caps_kind kind,
		uint16_t code) {
	struct tlsm_caps_list *l = &c->lists[kind];
	for (size_t i = 0; i < l->n; i++) {
		if (l->v[i].code == code) {
			return &l->v[i];
		}
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = tlsm_xrealloc(l->v, l->cap * sizeof(l->v[0]));
	}
	struct tlsm_caps_entry *e = &l->v[l->n++];
	*e = (struct tlsm_caps_entry){ .code = code };
	return e;
}

static int cmp_entry(const void *a, const void *b) {
	const struct tlsm_caps_entry *x = a, *y = b;

	return (x->code > y->code) - (x->code < y->code);
}

void tlsm_caps_sort(struct tlsm_caps *c) {
	for (size_t k = 0; k < TLSM_CAPS_KIND_COUNT; k++) {
		if (c->lists[k].n > 1) {
			qsort(c->lists[k].v, c->lists[k].n, sizeof(c->lists[k].v[0]), cmp_entry);
		}
	}
}

void tlsm_caps_note(struct tlsm_caps *c, const char *fmt, ...) {
	char line[512];
	va_list ap;
	if (c->n_notes >= TLSM_CAPS_MAX_NOTES) {
		return;
	}
	va_start(ap, fmt);
	(void)vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	c->notes[c->n_notes++] = tlsm_xstrdup(line);
}

void tlsm_caps_set_name(char dst[TLSM_CAPS_NAME_MAX], const char *s) {
	(void)snprintf(dst, TLSM_CAPS_NAME_MAX, "%s", s ? s : "");
}

const char *tlsm_caps_kind_key(enum tlsm_caps_kind kind) {
	return (unsigned)kind < TLSM_CAPS_KIND_COUNT ? kind_keys[kind] : "unknown";
}
