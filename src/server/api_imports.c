/*
 * api_imports.c — CSV imports as background jobs. POST /imports spools the upload to
 * a temporary file and queues a job; one import thread, with its own store
 * connection, runs the jobs in order through lib/io/import.h (the same call
 * as s40 import), publishing its progress as it streams; when an import has
 * committed, the writer rebuilds the as-of index before the job is reported
 * done. Jobs live in memory (the last SRV_JOBS_KEEP of them): the import
 * itself is in the journal.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/import.h"
#include "server.h"

#define SRV_JOBS_KEEP 256
#define SRV_IMPORT_MAP_MAX 1024 /* bytes of a column map, with its NUL */

enum import_state {
	IMPORT_QUEUED,
	IMPORT_RUNNING,
	IMPORT_DONE
};

struct srv_import {
	int64_t id;
	char user[S40_USER_NAME_MAX];
	int32_t today;
	enum s40_import_kind kind;
	int partial;
	enum s40_enc encoding; /* S40_ENC_AUTO unless the upload names one */
	char sheet[128]; /* a workbook's sheet to read, "" for its first */
	char map[SRV_IMPORT_MAP_MAX]; /* the column map, "" for none */
	FILE *in;
	long long bytes_total;
	_Atomic long long bytes_done;
	_Atomic long rows;
	enum import_state state;
	FILE *rejects;
	struct s40_import_result res;
	enum s40_err rc;
	struct s40_ctx ctx;
	int64_t created_at, finished_at;
	struct timespec run_t0; /* when it began to run (monotonic) */
	struct srv_import *next_queued;
};

struct srv_jobs {
	struct srv *srv;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct srv_import *all[SRV_JOBS_KEEP];
	size_t n;
	int64_t next_id;
	struct srv_import *queue_head, *queue_tail;
	bool stop;
	pthread_t thread;
};

static void import_free(struct srv_import *im)
{
	if (im->in)
		fclose(im->in);
	if (im->rejects)
		fclose(im->rejects);
	free(im);
}

static void progress(void *arg, long long bytes, long rows)
{
	struct srv_import *im = arg;
	atomic_store(&im->bytes_done, bytes);
	atomic_store(&im->rows, rows);
}

/* A job that writes nothing of its own: the index rebuild after an import (its
 * flags say so), an import's Idempotency-Key (the writer adds the key's row
 * after it, idem.c). */
static enum s40_err nothing_run(struct srv_job *job, struct s40_reg *reg, void *arg,
				struct s40_ctx *ctx)
{
	(void)job;
	(void)reg;
	(void)arg;
	(void)ctx;
	return S40_OK;
}

static void import_run(struct srv_jobs *J, struct s40_store **st, struct srv_import *im)
{
	s40_ctx_clear(&im->ctx);
	if (*st == NULL && s40_store_open(J->srv->cfg.db, false, st, &im->ctx) != S40_OK) {
		im->rc = im->ctx.code;
		return;
	}
	im->rejects = tmpfile();
	struct s40_reg reg;
	s40_reg_init(&reg, *st, im->user, im->today);
	char name[64];
	snprintf(name, sizeof name, "upload-%lld.csv", (long long)im->id);
	struct s40_import_opts o = {
		.kind = im->kind,
		.partial = im->partial,
		.map = im->map[0] ? im->map : NULL,
		.encoding = im->encoding,
		.sheet = im->sheet[0] ? im->sheet : NULL,
		.rejects = im->rejects,
		.name = name,
		.progress = progress,
		.progress_arg = im,
	};
	rewind(im->in);
	im->rc = s40_import_run(&reg, im->in, &o, &im->res, &im->ctx);
	if (im->res.committed) {
		struct srv_job job;
		memset(&job, 0, sizeof job);
		job.run = nothing_run;
		job.no_tx = true;
		job.rebuild_index = true;
		snprintf(job.user, sizeof job.user, "%s", im->user);
		srv_write_wait(J->srv, &job);
	}
}

static void *jobs_main(void *arg)
{
	struct srv_jobs *J = arg;
	struct s40_store *st = NULL;
	for (;;) {
		pthread_mutex_lock(&J->mu);
		while (J->queue_head == NULL && !J->stop)
			pthread_cond_wait(&J->cv, &J->mu);
		struct srv_import *im = J->queue_head;
		if (im == NULL) {
			pthread_mutex_unlock(&J->mu);
			break;
		}
		J->queue_head = im->next_queued;
		if (J->queue_head == NULL)
			J->queue_tail = NULL;
		im->state = IMPORT_RUNNING;
		clock_gettime(CLOCK_MONOTONIC, &im->run_t0);
		pthread_mutex_unlock(&J->mu);

		import_run(J, &st, im);

		pthread_mutex_lock(&J->mu);
		im->state = IMPORT_DONE;
		im->finished_at = (int64_t)time(NULL);
		fclose(im->in);
		im->in = NULL;
		pthread_mutex_unlock(&J->mu);
	}
	s40_store_close(st);
	return NULL;
}

enum s40_err srv_jobs_start(struct srv *srv, struct s40_ctx *ctx)
{
	struct srv_jobs *J = calloc(1, sizeof *J);
	if (J == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	J->srv = srv;
	J->next_id = 1;
	pthread_mutex_init(&J->mu, NULL);
	pthread_cond_init(&J->cv, NULL);
	if (pthread_create(&J->thread, NULL, jobs_main, J) != 0) {
		free(J);
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "เริ่มเธรดนำเข้าข้อมูลไม่ได้",
				  "the import thread could not start");
	}
	srv->jobs = J;
	return S40_OK;
}

void srv_jobs_stop(struct srv *srv)
{
	struct srv_jobs *J = srv->jobs;
	if (J == NULL)
		return;
	pthread_mutex_lock(&J->mu);
	J->stop = true;
	pthread_cond_signal(&J->cv);
	pthread_mutex_unlock(&J->mu);
	pthread_join(J->thread, NULL);
	for (size_t i = 0; i < J->n; i++)
		import_free(J->all[i]);
	pthread_mutex_destroy(&J->mu);
	pthread_cond_destroy(&J->cv);
	free(J);
	srv->jobs = NULL;
}

/* Keep im in the list, dropping the oldest finished job when it is full.
 * Returns false when every kept job is still queued or running. */
static bool jobs_add(struct srv_jobs *J, struct srv_import *im)
{
	if (J->n == SRV_JOBS_KEEP) {
		size_t i = 0;
		while (i < J->n && J->all[i]->state != IMPORT_DONE)
			i++;
		if (i == J->n)
			return false;
		import_free(J->all[i]);
		memmove(&J->all[i], &J->all[i + 1], (J->n - i - 1) * sizeof J->all[0]);
		J->n--;
	}
	J->all[J->n++] = im;
	return true;
}

static struct srv_import *jobs_find(struct srv_jobs *J, const char *id_text)
{
	char *end = NULL;
	long long id = strtoll(id_text, &end, 10);
	if (end == id_text || *end != '\0')
		return NULL;
	for (size_t i = 0; i < J->n; i++)
		if (J->all[i]->id == id)
			return J->all[i];
	return NULL;
}

static const char *const state_names[] = { "queued", "running", "done" };

/* The job as JSON; call with J->mu held. */
static json_t *import_json(struct srv_import *im)
{
	json_t *o = json_pack("{s:I, s:s, s:b, s:s?, s:s, s:s, s:I, s:I, s:I}", "id",
			      (json_int_t)im->id, "kind", s40_import_kind_name(im->kind), "partial",
			      im->partial, "map", im->map[0] ? im->map : NULL, "state",
			      state_names[im->state], "user", im->user, "bytes_total",
			      (json_int_t)im->bytes_total, "bytes_done",
			      (json_int_t)atomic_load(&im->bytes_done), "rows_read",
			      (json_int_t)atomic_load(&im->rows));
	/* While it runs: its speed, and the time left at that speed (from the
	 * bytes read; null until a second has passed). */
	json_t *rate = json_null(), *left = json_null();
	if (im->state == IMPORT_RUNNING) {
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		double secs = (double)(now.tv_sec - im->run_t0.tv_sec) +
			      (double)(now.tv_nsec - im->run_t0.tv_nsec) / 1e9;
		long long done = atomic_load(&im->bytes_done), rows = atomic_load(&im->rows);
		if (secs >= 1.0) {
			json_decref(rate);
			rate = json_integer((json_int_t)((double)rows / secs));
			if (done > 0 && im->bytes_total >= done) {
				json_decref(left);
				left = json_integer((json_int_t)(secs * (double)(im->bytes_total - done) /
								 (double)done +
							 0.5));
			}
		}
	}
	json_object_set_new(o, "rows_per_second", rate);
	json_object_set_new(o, "seconds_left", left);
	if (im->state != IMPORT_DONE) {
		json_object_set_new(o, "result", json_null());
		json_object_set_new(o, "problem", json_null());
		return o;
	}
	json_object_set_new(o, "result",
			    json_pack("{s:I, s:I, s:I, s:I, s:I, s:b, s:I, s:s?, s:s?}", "rows",
				      (json_int_t)im->res.rows, "good", (json_int_t)im->res.good,
				      "bad", (json_int_t)im->res.bad, "changed",
				      (json_int_t)im->res.changed, "unchanged",
				      (json_int_t)im->res.unchanged, "committed", im->res.committed,
				      "journal_seq", (json_int_t)im->res.journal_seq, "encoding",
				      im->res.encoding, "sheet",
				      im->res.sheet[0] ? im->res.sheet : NULL));
	json_object_set_new(o, "problem",
			    im->rc == S40_OK ? json_null() : srv_problem_json(&im->ctx, NULL));
	char url[64];
	snprintf(url, sizeof url, "/api/v1/imports/%lld/rejects", (long long)im->id);
	json_object_set_new(o, "rejects_url", json_string(url));
	return o;
}

static void import_key_after(struct srv_req *req);
static void import_queue(struct srv_req *req, struct srv_import *im);

/* POST /api/v1/imports?kind=persons|enrolments|exclusions|villages|payments|survey
 * [&partial=1][&map=id=เลขบัตร,…][&encoding=windows-874|utf-16|…][&sheet=NAME]
 * (text/csv, or an .xlsx workbook) */
static void imports_post(struct srv_req *req)
{
	const char *kind_text = srv_query(req, "kind");
	int kind = kind_text ? s40_import_kind_parse(kind_text) : -1;
	if (kind < 0) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, "kind",
				 "kind ต้องเป็น persons, enrolments, exclusions, villages, payments "
				 "หรือ survey",
				 "kind is persons, enrolments, exclusions, villages, payments or "
				 "survey");
		return;
	}
	const char *map = srv_query(req, "map");
	if (map && strlen(map) >= SRV_IMPORT_MAP_MAX) {
		srv_reply_errorf(req, S40_E_LIMIT, "map",
				 "การจับคู่คอลัมน์ยาวเกิน %d ไบต์",
				 "the column map is longer than %d bytes", SRV_IMPORT_MAP_MAX - 1);
		return;
	}
	long long partial = 0;
	if (!srv_query_int_or_reply(req, "partial", 0, 1, &partial))
		return;
	const char *enc_text = srv_query(req, "encoding");
	int enc = enc_text ? s40_enc_parse(enc_text) : S40_ENC_AUTO;
	if (enc < 0) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, "encoding",
				 "encoding ต้องเป็น auto, utf-8, utf-16, utf-16le, utf-16be หรือ "
				 "windows-874",
				 "encoding is auto, utf-8, utf-16, utf-16le, utf-16be or windows-874");
		return;
	}
	const char *sheet = srv_query(req, "sheet");
	if (sheet && strlen(sheet) >= sizeof ((struct srv_import *)0)->sheet) {
		srv_reply_errorf(req, S40_E_LIMIT, "sheet", "ชื่อแผ่นงานยาวเกิน %zu ไบต์",
				 "the sheet's name is longer than %zu bytes",
				 sizeof ((struct srv_import *)0)->sheet - 1);
		return;
	}
	struct srv_import *im = calloc(1, sizeof *im);
	if (im == NULL)
		abort();
	snprintf(im->user, sizeof im->user, "%s", req->user.name);
	im->today = srv_today(req->srv);
	im->kind = (enum s40_import_kind)kind;
	im->partial = (int)partial;
	im->encoding = (enum s40_enc)enc;
	snprintf(im->map, sizeof im->map, "%s", map ? map : "");
	snprintf(im->sheet, sizeof im->sheet, "%s", sheet ? sheet : "");
	im->in = req->upload;
	im->bytes_total = req->upload_len;
	im->created_at = (int64_t)time(NULL);
	if (req->idem == NULL) {
		import_queue(req, im);
		return;
	}
	/* With an Idempotency-Key, the key is recorded (committed) before the job
	 * is queued: a repeat is answered with this job, and never queues another. */
	req->state_ptr = im;
	req->state_free = free;
	srv_write(req, nothing_run, NULL, import_key_after);
}

static void import_key_after(struct srv_req *req)
{
	struct srv_import *im = req->state_ptr;
	if (req->job.rc != S40_OK) {
		srv_reply_problem(req, &req->job.ctx);
		return;
	}
	req->state_ptr = NULL;
	req->state_free = NULL;
	import_queue(req, im);
}

/* Queue the import im of req (which takes req's upload) and answer 202, or
 * refuse it when too many are waiting. */
static void import_queue(struct srv_req *req, struct srv_import *im)
{
	struct srv_jobs *J = req->srv->jobs;
	pthread_mutex_lock(&J->mu);
	if (!jobs_add(J, im)) {
		pthread_mutex_unlock(&J->mu);
		free(im);
		srv_idem_forget(req); /* a refusal for now: the key may be sent again */
		srv_reply_errorf(req, S40_E_LIMIT, NULL, "มีงานนำเข้าค้างอยู่มากเกินไป",
				 "too many imports are waiting");
		return;
	}
	req->upload = NULL; /* the job owns it now */
	im->id = J->next_id++;
	if (J->queue_tail)
		J->queue_tail->next_queued = im;
	else
		J->queue_head = im;
	J->queue_tail = im;
	json_t *o = import_json(im);
	pthread_cond_signal(&J->cv);
	pthread_mutex_unlock(&J->mu);
	char loc[64];
	snprintf(loc, sizeof loc, "/api/v1/imports/%lld", (long long)im->id);
	json_object_set_new(o, "url", json_string(loc));
	srv_reply_json(req, 202, o);
	srv_reply_header(req, MHD_HTTP_HEADER_LOCATION, loc);
}

static void not_found(struct srv_req *req)
{
	srv_reply_errorf(req, S40_E_NOT_FOUND, "id", "ไม่พบงานนำเข้า %s", "no import %s",
			 req->params[0]);
}

/* GET /api/v1/imports/{id} */
static void import_get(struct srv_req *req)
{
	struct srv_jobs *J = req->srv->jobs;
	pthread_mutex_lock(&J->mu);
	struct srv_import *im = jobs_find(J, req->params[0]);
	json_t *o = im ? import_json(im) : NULL;
	pthread_mutex_unlock(&J->mu);
	if (o == NULL)
		not_found(req);
	else
		srv_reply_json(req, 200, o);
}

/* GET /api/v1/imports/{id}/rejects: the reject file (CSV) once the job is done */
static void import_rejects(struct srv_req *req)
{
	struct srv_jobs *J = req->srv->jobs;
	pthread_mutex_lock(&J->mu);
	struct srv_import *im = jobs_find(J, req->params[0]);
	if (im == NULL || im->state != IMPORT_DONE || im->rejects == NULL) {
		bool running = im != NULL;
		pthread_mutex_unlock(&J->mu);
		if (running)
			srv_reply_errorf(req, S40_E_NOT_FOUND, "id", "งานนำเข้า %s ยังไม่เสร็จ",
					 "import %s is not done yet", req->params[0]);
		else
			not_found(req);
		return;
	}
	fflush(im->rejects);
	long len = ftell(im->rejects);
	char *data = malloc(len > 0 ? (size_t)len : 1);
	if (data == NULL)
		abort();
	rewind(im->rejects);
	size_t got = len > 0 ? fread(data, 1, (size_t)len, im->rejects) : 0;
	fseek(im->rejects, 0, SEEK_END);
	pthread_mutex_unlock(&J->mu);
	srv_reply_bytes(req, 200, "text/csv; charset=utf-8", data, got);
	free(data);
}

const struct srv_route api_imports_routes[] = {
	{ "POST", "/api/v1/imports", imports_post, SRV_ADMIN, SRV_BODY_CSV },
	{ "GET", "/api/v1/imports/{id}", import_get, SRV_ADMIN, SRV_BODY_NONE },
	{ "GET", "/api/v1/imports/{id}/rejects", import_rejects, SRV_ADMIN, SRV_BODY_NONE },
	{ NULL, NULL, NULL, 0, 0 },
};
