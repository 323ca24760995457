/*
 * import.h — loading CSV files into the register: persons, enrolments,
 * exclusions and village names. An .xlsx workbook (known by its first bytes)
 * is read as the CSV of one of its sheets (io/xlsx_read.h).
 *
 * A file is read as it streams, one record at a time. Every row is checked
 * through the same registry operations the command line uses; every bad row
 * goes to the reject file (line, column, code, Thai and English message, the
 * row as it was). Without partial, nothing is written unless every row is
 * good; with partial, exactly the good rows are. Importing the same file twice
 * changes nothing the second time. The whole import is one transaction with
 * one journal entry holding the file's SHA-256 and the counts; each row written
 * carries that entry.
 *
 * The formats (columns, accepted Thai header names) are in docs/FORMATS.md.
 * A column map ("id=เลขบัตร,birth_date=วันเกิด") names the file's own header
 * for any of our columns.
 */
#ifndef S40_IO_IMPORT_H
#define S40_IO_IMPORT_H

#include <stdio.h>

#include "core/error.h"
#include "core/textenc.h"
#include "registry/registry.h"

enum s40_import_kind {
	S40_IMPORT_PERSONS,
	S40_IMPORT_ENROLMENTS,
	S40_IMPORT_EXCLUSIONS,
	S40_IMPORT_VILLAGES,
	S40_IMPORT_PAYMENTS, /* contribution payments (registry/ledger.h) */
	S40_IMPORT_SURVEY, /* village surveys (registry/survey.h) */
};

/* "persons", "enrolments", "exclusions", "villages", "payments" → kind; -1 if
 * unknown. */
/* kind → "persons" … "survey" (its name as the command line and the API take it);
 * "" for no kind. */
const char *s40_import_kind_name(enum s40_import_kind kind);

int s40_import_kind_parse(const char *s);

/*
 * Write the reject file's header to f: a UTF-8 byte-order mark, then the names
 * line,column,code,message_th,message_en,row and CRLF. The reject file is read
 * by people in Excel, so it is written as s40's CSV for Excel is (docs/FORMATS.md):
 * the BOM, CRLF after every record; its rows are the file's own, as they were.
 */
void s40_import_rejects_header(FILE *f);

struct s40_import_opts {
	enum s40_import_kind kind;
	int partial;          /* write the good rows even when some are bad */
	FILE *rejects; /* where bad rows go (CSV for Excel, s40_import_rejects_header);
				 may be NULL */
	const char *map;      /* column map, may be NULL */
	const char *name;     /* the file's name, for the journal */
	enum s40_enc encoding; /* S40_ENC_AUTO (0): found from the bytes (core/textenc.h) */
	const char *sheet;    /* a workbook's sheet to read; NULL: its first */
	/* Called every few thousand rows and at the end; may be NULL. bytes: how
	 * far through the file's bytes the import is (persons into an empty
	 * register, read then written: the reading counts for the first half). */
	void (*progress)(void *arg, long long bytes, long rows);
	void *progress_arg;
	/* Enrolments (without the person's columns) and exclusions are applied in
	 * ID order a window of this many rows at a time; 0: the default
	 * (2,097,152 rows, or 128 MB of their text, whichever comes first). */
	size_t window_rows;
};

struct s40_import_result {
	long rows;      /* data rows read */
	long good;      /* rows that passed every check */
	long bad;       /* rows rejected */
	long changed;   /* rows that changed the register */
	long unchanged; /* good rows that were there already */
	int committed;  /* whether anything was written */
	int64_t journal_seq; /* the import's journal entry, 0 if none */
	/* the encoding the file was read in (s40_enc_name: "utf-8", "utf-8-bom",
	 * "utf-16le", "utf-16be", "windows-874"); NULL when none was decided */
	const char *encoding;
	/* a workbook (.xlsx): the name of the sheet read; "" for a CSV file */
	char sheet[128];
};

/*
 * Import from in. Returns S40_OK when the import committed (with partial, even
 * if some rows were bad), S40_E_REJECTED when bad rows stopped it (nothing was
 * written), or another error (a file error with its line, a database error)
 * with nothing written. res is filled in every case.
 */
enum s40_err s40_import_run(struct s40_reg *reg, FILE *in, const struct s40_import_opts *o,
			    struct s40_import_result *res, struct s40_ctx *ctx);

#endif
