/*
 * upgrade.c — the upgrades that migrations leave to the registry: the names
 * of the register brought to the form the program now stores (migration
 * 0009, issue 13).
 */
#include "upgrade.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "person.h"

#define STORE_ERR(ctx) ((ctx) ? (ctx)->code : S40_E_DB)

#define NOTE_NAMES "upgrade.names"

/* Persons read at a time: the walk's memory does not grow with the register. */
#define PAGE 512

/* Whether meta's note key says "pending". */
static enum s40_err note_pending(struct s40_store *st, const char *key, bool *pending,
				 struct s40_ctx *ctx)
{
	*pending = false;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_META_GET, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_text(s, 1, key);
	int rc = s40_stmt_step(s, ctx);
	if (rc == S40_ROW) {
		const char *v = s40_col_text(s, 0);
		*pending = v != NULL && strcmp(v, "pending") == 0;
		s40_stmt_reset(s);
		return S40_OK;
	}
	return (enum s40_err)rc;
}

/*
 * Walk the register. Without seq, count what normalising would change into
 * rep; with it, rewrite each person whose names change as journal entry seq.
 * Two walks in one transaction see the same rows, so the entry written
 * between them counts exactly what the second one writes.
 */
static enum s40_err walk(struct s40_reg *reg, struct s40_person *page, int64_t seq,
			 struct s40_upgrade_report *rep, struct s40_ctx *ctx)
{
	int64_t after = 0;
	for (;;) {
		size_t got;
		enum s40_err rc = s40_person_page(reg->store, after, page, PAGE, &got, ctx);
		if (rc || got == 0)
			return rc;
		for (size_t i = 0; i < got; i++) {
			int changed, left;
			s40_person_normalize_names(&page[i], &changed, &left);
			if (seq == 0) {
				rep->persons++;
				rep->changed += changed > 0;
				rep->fields += changed;
				rep->left += left;
			} else if (changed > 0 &&
				   (rc = s40_person_rewrite(reg, &page[i], seq, ctx)) != S40_OK) {
				return rc;
			}
		}
		after = page[got - 1].id;
	}
}

static enum s40_err names_in_tx(struct s40_reg *reg, struct s40_upgrade_report *rep,
				struct s40_ctx *ctx)
{
	bool pending;
	enum s40_err rc = note_pending(reg->store, NOTE_NAMES, &pending, ctx);
	if (rc || !pending)
		return rc; /* done by another process meanwhile */
	struct s40_person *page = malloc(PAGE * sizeof *page);
	if (page == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	rc = walk(reg, page, 0, rep, ctx);
	if (rc == S40_OK) {
		char detail[160];
		snprintf(detail, sizeof detail,
			 "{\"persons\":%lld,\"changed\":%lld,\"names\":%lld,\"left\":%lld}",
			 (long long)rep->persons, (long long)rep->changed,
			 (long long)rep->fields, (long long)rep->left);
		rc = s40_reg_journal(reg, "names.normalize", "persons", detail, &rep->seq, ctx);
	}
	if (rc == S40_OK && rep->changed > 0)
		rc = walk(reg, page, rep->seq, rep, ctx);
	free(page);
	if (rc == S40_OK) {
		struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_META_SET, ctx);
		if (s == NULL)
			return STORE_ERR(ctx);
		s40_stmt_text(s, 1, NOTE_NAMES);
		s40_stmt_text(s, 2, "done");
		rc = s40_stmt_exec(s, ctx);
	}
	if (rc == S40_OK)
		rep->names = true;
	return rc;
}

enum s40_err s40_reg_upgrade(struct s40_reg *reg, struct s40_upgrade_report *rep,
			     struct s40_ctx *ctx)
{
	memset(rep, 0, sizeof *rep);
	bool pending;
	/* Read first without the write lock: nearly every open has nothing due. */
	enum s40_err rc = note_pending(reg->store, NOTE_NAMES, &pending, ctx);
	if (rc || !pending)
		return rc;
	if ((rc = s40_reg_begin(reg, ctx)))
		return rc;
	rc = s40_reg_end(reg, names_in_tx(reg, rep, ctx), ctx);
	if (rc)
		memset(rep, 0, sizeof *rep);
	return rc;
}
