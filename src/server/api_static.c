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
 */
#include <stdio.h>
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

const struct srv_route api_static_routes[] = {
	{"GET", "/", static_index, SRV_PUBLIC, SRV_BODY_NONE},
	{"GET", "/ui/{file}", static_file, SRV_PUBLIC, SRV_BODY_NONE},
	{"GET", "/ui/{dir}/{file}", static_dir_file, SRV_PUBLIC, SRV_BODY_NONE},
	{NULL, NULL, NULL, 0, 0},
};
