/*
 * api_static.c — the web UI: the files of web/ (HTML, CSS, JavaScript
 * modules, the Thai font), built into the program at build time by
 * tools/embed.c (web/meson.build lists them) and served from memory. "/" is
 * web/index.html; "/ui/NAME" and "/ui/DIR/NAME" are web/NAME and web/DIR/NAME.
 * Nothing outside web/ is reachable here (the other embedded files are data
 * and migrations), and the UI holds no personal data: it reads everything
 * through the JSON API, whose answers carry Cache-Control: no-store. The files
 * themselves may be kept by a browser, which asks with their ETag whether they
 * changed (srv_reply_embed: 304 when they did not, as after every start).
 *
 * "/sw.js" is the service worker that keeps the UI on a phone for use without
 * a network (web/sw.js): served from "/" so that it controls the whole site,
 * with two lines put before it here, the version (a hash of every file of
 * web/) and the list of the files to keep. A new program with any file of the
 * UI changed gives a new sw.js, which the browser installs on the next visit
 * in place of the old copy.
 */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/embed.h"
#include "server.h"

/* The media type of a file by its extension. */
static const char *media_type(const char *name)
{
	static const struct {
		const char *ext;
		const char *type;
	} types[] = {
		{".html", "text/html; charset=utf-8"},
		{".css", "text/css; charset=utf-8"},
		{".js", "text/javascript; charset=utf-8"},
		{".json", "application/json; charset=utf-8"},
		{".svg", "image/svg+xml"},
		{".woff2", "font/woff2"},
		{".png", "image/png"},
		{".webmanifest", "application/manifest+json"},
		{".txt", "text/plain; charset=utf-8"},
		{".md", "text/plain; charset=utf-8"},
	};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

/* Reply with the embedded file web/NAME, or 404 as for any unknown path. */
static void static_reply(struct srv_req *req, const char *name)
{
	char key[2 * SRV_PARAM_LEN + 16];
	int n = snprintf(key, sizeof key, "web/%s", name);
	const struct s40_embed *e = NULL;
	if (n > 0 && (size_t)n < sizeof key)
		e = s40_embed_find(key);
	if (e == NULL) {
		srv_reply_errorf(req, S40_E_NO_ROUTE, NULL, "ไม่มีไฟล์ %s", "no file %s", req->url);
		return;
	}
	srv_reply_embed(req, e, media_type(name));
	/* The UI loads only its own files and talks only to its own API. */
	if (strncmp(media_type(name), "text/html", 9) == 0) {
		srv_reply_header(req, "Content-Security-Policy",
				 "default-src 'self'; img-src 'self' data:; object-src 'none'; "
				 "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
		srv_reply_header(req, "Referrer-Policy", "no-referrer");
	}
}

/* GET / */
static void static_index(struct srv_req *req)
{
	static_reply(req, "index.html");
}

/* GET /ui/{file} */
static void static_file(struct srv_req *req)
{
	static_reply(req, req->params[0]);
}

/* GET /ui/{dir}/{file} */
static void static_dir_file(struct srv_req *req)
{
	char name[2 * SRV_PARAM_LEN + 2];
	snprintf(name, sizeof name, "%s/%s", req->params[0], req->params[1]);
	static_reply(req, name);
}

/* The service worker's text: its version and files, then web/sw.js. */
static char *sw_text;
static size_t sw_len;
static pthread_once_t sw_once = PTHREAD_ONCE_INIT;

static void sw_make(void)
{
	const struct s40_embed *sw = s40_embed_find("web/sw.js");
	crypto_generichash_state hs;
	crypto_generichash_init(&hs, NULL, 0, 16);
	size_t cap = 256 + (sw ? sw->len : 0), n = 0;
	for (const struct s40_embed *e = s40_embedded; e->name != NULL; e++)
		if (strncmp(e->name, "web/", 4) == 0) {
			crypto_generichash_update(&hs, (const unsigned char *)e->name,
						  strlen(e->name) + 1);
			crypto_generichash_update(&hs, e->data, e->len);
			cap += strlen(e->name) + 8;
		}
	unsigned char h[16];
	crypto_generichash_final(&hs, h, sizeof h);
	char hex[33];
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	char *b = malloc(cap);
	if (b == NULL) {
		fputs("s40 serve: out of memory\n", stderr);
		abort();
	}
	n += (size_t)snprintf(b + n, cap - n, "const VERSION = '%.12s';\nconst FILES = ['/'", hex);
	for (const struct s40_embed *e = s40_embedded; e->name != NULL; e++)
		if (strncmp(e->name, "web/", 4) == 0 && strcmp(e->name, "web/index.html") != 0 &&
		    strcmp(e->name, "web/sw.js") != 0 && strcmp(e->name, "web/fonts/OFL.txt") != 0)
			n += (size_t)snprintf(b + n, cap - n, ", '/ui/%s'", e->name + 4);
	n += (size_t)snprintf(b + n, cap - n, "];\n");
	if (sw != NULL) {
		memcpy(b + n, sw->data, sw->len);
		n += sw->len;
	}
	sw_text = b;
	sw_len = n;
}

/* GET /sw.js */
static void static_sw(struct srv_req *req)
{
	pthread_once(&sw_once, sw_make);
	srv_reply_bytes(req, 200, "text/javascript; charset=utf-8", sw_text, sw_len);
	/* Always asked again: a new program is a new worker on the next visit. */
	srv_reply_header(req, "Cache-Control", "no-cache");
	srv_reply_header(req, "Service-Worker-Allowed", "/");
}

const struct srv_route api_static_routes[] = {
	{"GET", "/", static_index, SRV_PUBLIC, SRV_BODY_NONE},
	{"GET", "/sw.js", static_sw, SRV_PUBLIC, SRV_BODY_NONE},
	{"GET", "/ui/{file}", static_file, SRV_PUBLIC, SRV_BODY_NONE},
	{"GET", "/ui/{dir}/{file}", static_dir_file, SRV_PUBLIC, SRV_BODY_NONE},
	{NULL, NULL, NULL, 0, 0},
};
