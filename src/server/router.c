/*
 * router.c — the route table: the list of every resource's routes, matching a
 * path against the patterns ("/api/v1/persons/{id}") with their parameters,
 * and the checks every path passes first.
 */
#include <stdio.h>
#include <string.h>

#include "server.h"

/* Every resource's table; a new resource adds its line here (see server.h). */
const struct srv_route *const srv_route_tables[] = {
	api_health_routes,  api_auth_routes,	    api_users_routes,	   api_areas_routes,
	api_persons_routes, api_memberships_routes, api_exclusions_routes, api_reports_routes,
	api_imports_routes, api_journal_routes,	    api_static_routes,	   api_ledger_routes,
	api_campaign_routes, api_targets_routes, api_followup_routes, api_sync_routes,
	NULL,
};

enum s40_err srv_path_check(const char *path, struct s40_ctx *ctx)
{
	size_t n = strlen(path);
	if (n == 0 || path[0] != '/')
		return s40_errorf(ctx, S40_E_BAD_PATH, NULL, "ที่อยู่ต้องขึ้นต้นด้วย /",
				  "a path starts with /");
	if (n > SRV_PATH_MAX)
		return s40_errorf(ctx, S40_E_BAD_PATH, NULL, "ที่อยู่ยาวเกิน %d ไบต์",
				  "the path is longer than %d bytes", SRV_PATH_MAX);
	for (const unsigned char *c = (const unsigned char *)path; *c; c++)
		if (*c <= 0x20 || *c >= 0x7f || *c == '\\')
			return s40_errorf(ctx, S40_E_BAD_PATH, NULL, "ที่อยู่มีอักขระที่ไม่อนุญาต (รหัส %u)",
					  "the path holds a byte that is not allowed (%u)", *c);
	/* Segments: none empty (but a final "/"), none "." or "..". */
	const char *seg = path + 1;
	while (*seg) {
		size_t len = strcspn(seg, "/");
		if ((len == 0 && seg[0] == '/') || (len == 1 && seg[0] == '.') ||
		    (len == 2 && seg[0] == '.' && seg[1] == '.'))
			return s40_errorf(ctx, S40_E_BAD_PATH, NULL, "ที่อยู่มีส่วนที่ว่าง หรือ . หรือ ..",
					  "the path has an empty, . or .. segment");
		seg += len;
		if (*seg == '/')
			seg++;
	}
	return S40_OK;
}

/* Match path against pattern; params get the {…} values. 1 match, 0 no match,
 * -1 a parameter too long. */
static int match(const char *pattern, const char *path, char params[][SRV_PARAM_LEN])
{
	int np = 0;
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			size_t len = strcspn(s, "/");
			if (close == NULL || len == 0 || np >= SRV_PARAMS_MAX)
				return 0;
			if (len >= SRV_PARAM_LEN)
				return -1;
			if (params) {
				memcpy(params[np], s, len);
				params[np][len] = '\0';
			}
			np++;
			p = close + 1;
			s += len;
		} else if (*p == *s) {
			p++;
			s++;
		} else {
			return 0;
		}
	}
	/* A trailing "/" on the path is accepted. */
	if (*p == '\0' && (*s == '\0' || (s[0] == '/' && s[1] == '\0')))
		return 1;
	return 0;
}

enum s40_err srv_route_find(const char *method, const char *path, const struct srv_route **route,
			    char params[][SRV_PARAM_LEN], char *allow, size_t allow_n,
			    struct s40_ctx *ctx)
{
	*route = NULL;
	allow[0] = '\0';
	bool too_long = false;
	for (size_t t = 0; srv_route_tables[t] != NULL; t++) {
		for (const struct srv_route *r = srv_route_tables[t]; r->method; r++) {
			int m = match(r->pattern, path, NULL);
			if (m < 0)
				too_long = true;
			if (m <= 0)
				continue;
			if (strcmp(r->method, method) == 0) {
				match(r->pattern, path, params);
				*route = r;
				return S40_OK;
			}
			size_t used = strlen(allow);
			if (strstr(allow, r->method) == NULL)
				snprintf(allow + used, allow_n - used, "%s%s", used ? ", " : "",
					 r->method);
		}
	}
	if (allow[0] != '\0')
		return s40_errorf(ctx, S40_E_METHOD, NULL, "%s ใช้ได้เฉพาะ %s", "%s takes only %s",
				  path, allow);
	if (too_long)
		return s40_errorf(ctx, S40_E_BAD_PATH, NULL, "ค่าในที่อยู่ยาวเกินไป",
				  "a value in the path is too long");
	return s40_errorf(ctx, S40_E_NO_ROUTE, NULL, "ไม่มีบริการ %s %s", "no resource %s %s", method,
			  path);
}

void srv_routes_print(FILE *f)
{
	for (size_t t = 0; srv_route_tables[t] != NULL; t++)
		for (const struct srv_route *r = srv_route_tables[t]; r->method; r++)
			fprintf(f, "%s %s\n", r->method, r->pattern);
}
