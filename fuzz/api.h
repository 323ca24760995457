/*
 * api.h — what the fuzz targets of the HTTP API share (api.c): a small register
 * served in process through srv_call (no socket, no libmicrohttpd), the users
 * who call it, and one call with the checks every answer must pass.
 *
 * An input of either target is three bytes, then the rest:
 *
 *   byte 0   the route: an index into the target's own list of routes
 *   byte 1   who asks: admin, officer75, officer10, volunteer, viewer, nobody
 *   byte 2   the value of each {…} of the route's path, from a short list of
 *            values of that parameter (persons in and out of each user's sight,
 *            unregistered and malformed IDs, user names, area codes …)
 *   the rest the JSON body (fuzz/api_write.c) or the query string after "?"
 *            (fuzz/api_read.c), as bytes
 *
 * The lists of routes only grow at their ends, so the seeds of fuzz/corpus/
 * keep their meaning; a route of the server in neither a list nor its list of
 * routes left out stops the target at its start (fuzz_api_check_routes).
 */
#ifndef S40_FUZZ_API_H
#define S40_FUZZ_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A route as the server lists it: "POST", "/api/v1/persons/{id}". */
struct fuzz_route {
	const char *method;
	const char *pattern;
};

/*
 * Build the register in a new SQLite file (under /dev/shm when it can, else
 * TMPDIR), open the server on it and log every user in. Exits the process
 * with a message when anything fails: a target without its register tests
 * nothing.
 */
void fuzz_api_init(void);

/*
 * Stop the target at once when a route of the server whose method is GET
 * (reads) or not GET (!reads) is neither in list[0..n) nor in skip[0..n_skip):
 * every route of its kind is fuzzed or said not to be.
 */
void fuzz_api_check_routes(bool reads, const struct fuzz_route *list, size_t n,
			   const struct fuzz_route *skip, size_t n_skip);

/*
 * Run one input (see above) against list[0..n): the request is answered in
 * process and its answer checked; a failed check prints the request and the
 * answer and aborts. body_is_query: the rest is a query string (else a JSON
 * body).
 */
void fuzz_api_one(const struct fuzz_route *list, size_t n, bool body_is_query, const uint8_t *data,
		  size_t size);

/* ---- api_world.c: the parts of the register made through the library ---- */

struct s40_reg;
struct s40_ctx;

/* The network and a field event: the volunteer's own person (id) a volunteer of
 * district 7503 from 2025, the staff of a registration event in village
 * 75030702 on 2025-12-01. S40_OK or the failure on ctx. */
int fuzz_world_network(struct s40_reg *reg, int64_t id, struct s40_ctx *ctx);

#endif
