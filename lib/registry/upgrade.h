/*
 * upgrade.h — the part of a schema upgrade that needs the registry.
 *
 * A migration is SQL, applied by lib/store when a database is opened; some
 * upgrades need C that lib/store may not call, because it comes after it
 * (docs/ARCHITECTURE.md: each folder depends only on the ones before it). Such
 * a migration leaves a note in meta that the work is due ('upgrade.names' =
 * 'pending', migration 0009), and s40_reg_upgrade, called by whoever opens a
 * database for the program (the CLI's cli_open, the server's writer), does it
 * through the registry's own statements, in one write transaction with one
 * journal entry, and sets the note to 'done' in that transaction. The note,
 * not the open that migrated, says whether it is due: a process that stopped
 * between the migration and the upgrade leaves it pending for the next open,
 * and two processes opening at once do it once (the second finds 'done' under
 * the write lock).
 */
#ifndef S40_REGISTRY_UPGRADE_H
#define S40_REGISTRY_UPGRADE_H

#include <stdbool.h>
#include <stdint.h>

#include "registry.h"

/* What s40_reg_upgrade did. */
struct s40_upgrade_report {
	bool names;        /* the names were normalised (the note was pending) */
	int64_t persons;   /* persons looked at */
	int64_t changed;   /* persons with at least one name changed */
	int64_t fields;    /* names (fields) changed */
	int64_t left;      /* names left as they were: the rules refuse their normal form */
	int64_t seq;       /* the journal entry "names.normalize" (0: none) */
};

/*
 * Do the upgrades a migration left pending on reg->store: the names (titles,
 * Thai and English names, addresses) brought to s40_thai_normalize's form
 * (issue 13), every changed row rewritten with an UPDATE carrying the journal
 * entry "names.normalize", entity "persons", detail
 * {"persons":N,"changed":C,"names":F,"left":L}. A name whose normal form the
 * person checks would refuse (only invisible characters, a doubled mark) is
 * kept as it is and counted in left, never failing the open. Nothing pending:
 * S40_OK and rep->names false, without a transaction. rep is filled in any case.
 */
enum s40_err s40_reg_upgrade(struct s40_reg *reg, struct s40_upgrade_report *rep,
			     struct s40_ctx *ctx);

#endif
