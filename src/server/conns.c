/*
 * conns.c — the deadline for a request's line and headers. libmicrohttpd's own
 * timeout is for idleness: a client sending one header line every few seconds
 * is never idle, and a few hundred of those from a few addresses once held
 * every connection the server had. Each connection is noted here when it
 * opens; the first callback of a request (its headers are complete) and the
 * end of a request mark it; a reaper thread shuts down the socket of a
 * connection that has waited longer than the deadline for its next request's
 * headers, and libmicrohttpd then closes it as a connection its client ended.
 * The per-address limit (server.c) keeps room for other clients meanwhile.
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "server.h"

struct srv_conn {
	int fd;
	int64_t since_ms; /* opened, or its last request ended */
	bool in_request; /* headers complete, answer not yet sent */
	bool reaped;
	struct srv_conn *prev, *next;
};

struct srv_conns {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct srv_conn *head;
	pthread_t reaper;
	bool stop;
	int64_t deadline_ms;
	unsigned long reaped; /* connections shut down, in all */
};

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *reaper_main(void *arg)
{
	struct srv_conns *cs = arg;
	pthread_mutex_lock(&cs->mu);
	while (!cs->stop) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 250 * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&cs->cv, &cs->mu, &ts);
		int64_t now = now_ms();
		for (struct srv_conn *c = cs->head; c != NULL; c = c->next)
			if (!c->in_request && !c->reaped && now - c->since_ms > cs->deadline_ms) {
				/* The entry goes before libmicrohttpd closes the fd
				 * (MHD_CONNECTION_NOTIFY_CLOSED), under this lock: the fd
				 * is still this connection's. */
				shutdown(c->fd, SHUT_RDWR);
				c->reaped = true;
				cs->reaped++;
			}
	}
	pthread_mutex_unlock(&cs->mu);
	return NULL;
}

enum s40_err srv_conns_start(struct srv *srv, struct s40_ctx *ctx)
{
	struct srv_conns *cs = calloc(1, sizeof *cs);
	if (cs == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	pthread_mutex_init(&cs->mu, NULL);
	pthread_cond_init(&cs->cv, NULL);
	cs->deadline_ms = (int64_t)srv->cfg.header_timeout_s * 1000;
	if (pthread_create(&cs->reaper, NULL, reaper_main, cs) != 0) {
		free(cs);
		return s40_errorf(ctx, S40_E_IO, NULL, "เริ่มเธรดไม่ได้", "could not start a thread");
	}
	srv->conns = cs;
	return S40_OK;
}

void srv_conns_stop(struct srv *srv)
{
	struct srv_conns *cs = srv->conns;
	if (cs == NULL)
		return;
	pthread_mutex_lock(&cs->mu);
	cs->stop = true;
	pthread_cond_signal(&cs->cv);
	pthread_mutex_unlock(&cs->mu);
	pthread_join(cs->reaper, NULL);
	while (cs->head) {
		struct srv_conn *c = cs->head;
		cs->head = c->next;
		free(c);
	}
	pthread_mutex_destroy(&cs->mu);
	pthread_cond_destroy(&cs->cv);
	free(cs);
	srv->conns = NULL;
}

void srv_conn_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
		     enum MHD_ConnectionNotificationCode toe)
{
	struct srv *srv = cls;
	struct srv_conns *cs = srv->conns;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		struct srv_conn *c = calloc(1, sizeof *c);
		if (c == NULL || ci == NULL) {
			free(c);
			*socket_context = NULL;
			return;
		}
		c->fd = ci->connect_fd;
		c->since_ms = now_ms();
		pthread_mutex_lock(&cs->mu);
		c->next = cs->head;
		if (cs->head)
			cs->head->prev = c;
		cs->head = c;
		pthread_mutex_unlock(&cs->mu);
		*socket_context = c;
		return;
	}
	struct srv_conn *c = *socket_context;
	if (c == NULL)
		return;
	pthread_mutex_lock(&cs->mu);
	if (c->prev)
		c->prev->next = c->next;
	else
		cs->head = c->next;
	if (c->next)
		c->next->prev = c->prev;
	pthread_mutex_unlock(&cs->mu);
	free(c);
	*socket_context = NULL;
}

/* Mark conn's request as begun (true) or ended (false). */
void srv_conn_mark(struct srv *srv, struct MHD_Connection *conn, bool in_request)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	if (ci == NULL || ci->socket_context == NULL)
		return;
	struct srv_conn *c = ci->socket_context;
	pthread_mutex_lock(&srv->conns->mu);
	c->in_request = in_request;
	if (!in_request)
		c->since_ms = now_ms();
	pthread_mutex_unlock(&srv->conns->mu);
}
