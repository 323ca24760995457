/*
 * mhd_fixed.c — the reference of bench/server.sh: the least a libmicrohttpd
 * server can do, answering every request with the same 200-byte JSON, in the
 * same threading mode as s40 serve (internal thread pool of one thread per
 * core, epoll). Queued on the second call, as s40 does, so keep-alive holds.
 *
 *   mhd_fixed PORT [THREADS]      (runs until SIGINT/SIGTERM)
 */
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char body[201];
static struct MHD_Response *resp;

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *data,
				  size_t *size, void **ctx)
{
	(void)cls, (void)url, (void)method, (void)version, (void)data;
	if (*ctx == NULL) {
		*ctx = c;
		return MHD_YES;
	}
	*size = 0;
	return MHD_queue_response(c, 200, resp);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: mhd_fixed PORT [THREADS]\n");
		return 2;
	}
	unsigned port = (unsigned)atoi(argv[1]);
	unsigned threads = argc > 2 ? (unsigned)atoi(argv[2]) :
				      (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
	/* 200 bytes of JSON, the size of a small API answer. */
	snprintf(body, sizeof body, "{\"status\":\"ok\",\"pad\":\"%0*d\"}", 200 - 25, 0);
	resp = MHD_create_response_from_buffer(strlen(body), body, MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(resp, "Content-Type", "application/json");
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGINT);
	sigaddset(&s, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &s, NULL);
	struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_AUTO_INTERNAL_THREAD, (uint16_t)port, NULL,
						NULL, on_request, NULL, MHD_OPTION_THREAD_POOL_SIZE,
						threads, MHD_OPTION_CONNECTION_LIMIT, 4096u,
						MHD_OPTION_END);
	if (d == NULL) {
		fprintf(stderr, "mhd_fixed: cannot listen on %u\n", port);
		return 1;
	}
	printf("mhd_fixed: listening on 127.0.0.1:%u, %zu-byte body\n", port, strlen(body));
	fflush(stdout);
	int sig;
	sigwait(&s, &sig);
	MHD_stop_daemon(d);
	MHD_destroy_response(resp);
	return 0;
}
