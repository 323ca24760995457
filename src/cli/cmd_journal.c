/*
 * cmd_journal.c — s40 journal verify|show|anchor|keygen: check the hash chain
 * of the journal from its first entry (and that it extends anchors signed
 * earlier: registry/anchor.h), list the entries about one entity
 * ("person:1112034563562"; a national ID alone means that person), or sign an
 * anchor of the journal's head.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"
#include "core/date.h"
#include "core/natid.h"
#include "core/thai.h"
#include "registry/anchor.h"
#include "registry/journal.h"

#define ANCHORS_MAX 4096

/* Read an anchor file (at most S40_ANCHOR_TEXT_MAX bytes) into buf. */
static enum s40_err anchor_read(const char *path, char *buf, size_t n, struct s40_ctx *ctx)
{
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return s40_errorf(ctx, S40_E_IO, "anchor", "เปิดไฟล์หลักยึด %s ไม่ได้",
				  "cannot open the anchor file %s", path);
	size_t got = fread(buf, 1, n - 1, f);
	fclose(f);
	buf[got] = '\0';
	return S40_OK;
}

/* s40 journal verify [--chain-only] [--public-key FILE] [--anchor FILE] [ANCHOR …] */
static int journal_verify(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "anchor", required_argument, NULL, 'a' },
		{ "public-key", required_argument, NULL, 'k' },
		{ "chain-only", no_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	bool chain_only = false;
	const char *anchors[ANCHORS_MAX], *pk_path = NULL;
	size_t n_anchors = 0;
	int c;
	while ((c = cli_getopt(cli, &cmd_journal, argc, argv, opts)) > 0) {
		if (c == 'a') {
			if (n_anchors == ANCHORS_MAX)
				return cli_failf(cli, S40_E_BAD_VALUE, "anchor",
						 "ให้หลักยึดได้ไม่เกิน %d ไฟล์",
						 "at most %d anchors", ANCHORS_MAX);
			anchors[n_anchors++] = optarg;
		} else if (c == 'k') {
			pk_path = optarg;
		} else if (c == 'c') {
			chain_only = true;
		}
	}
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	/* Operands are anchor files too (a shell glob after --anchor gives several). */
	for (; optind < argc; optind++) {
		if (n_anchors == ANCHORS_MAX)
			return cli_failf(cli, S40_E_BAD_VALUE, "anchor", "ให้หลักยึดได้ไม่เกิน %d ไฟล์",
					 "at most %d anchors", ANCHORS_MAX);
		anchors[n_anchors++] = argv[optind];
	}
	if (n_anchors > 0 && pk_path == NULL)
		return cli_usage(cli, &cmd_journal, "--anchor ต้องมี --public-key",
				 "--anchor needs --public-key");
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	uint8_t pk[S40_ANCHOR_PK_LEN];
	if (pk_path != NULL && s40_anchor_key_read(pk_path, pk, sizeof pk, &ctx) != S40_OK)
		return cli_fail(cli, &ctx);
	struct s40_store *st;
	int rc = cli_open(cli, false, &st, NULL);
	if (rc != 0)
		return rc;
	int64_t n = 0, bad = 0, latest = 0;
	enum s40_err err = s40_journal_verify(st, &n, &bad, &ctx);
	for (size_t i = 0; i < n_anchors && err == S40_OK; i++) {
		char text[S40_ANCHOR_TEXT_MAX];
		int64_t seq = 0;
		if ((err = anchor_read(anchors[i], text, sizeof text, &ctx)) == S40_OK &&
		    (err = s40_anchor_check(st, text, pk, &seq, &ctx)) != S40_OK) {
			/* Say which file: the check's message is about its content. */
			char th[sizeof ctx.msg_th], en[sizeof ctx.msg_en];
			snprintf(th, sizeof th, "%s", ctx.msg_th);
			snprintf(en, sizeof en, "%s", ctx.msg_en);
			s40_errorf(&ctx, err, "anchor", "%s: %s%.0s", "%s: %.0s%s", anchors[i], th,
				   en);
		}
		if (seq > latest)
			latest = seq;
	}
	/* The data against the digests the commits stored (store/digest.h). */
	struct s40_digest_check dc[S40_DT__N];
	int64_t rows = 0;
	bool checked = false;
	if (err == S40_OK && !chain_only) {
		err = s40_journal_verify_data(st, n, dc, &rows, &checked, &ctx);
	}
	s40_store_close(st);
	char data_th[160] = "", data_en[160] = "";
	if (checked) {
		char r[32];
		s40_format_int(rows, r, sizeof r);
		snprintf(data_th, sizeof data_th, " ข้อมูล %s แถวใน %d ตารางตรงกับที่ s40 บันทึก", r,
			 S40_DT__N);
		snprintf(data_en, sizeof data_en, "; the data (%s %s in %d tables) is as s40 wrote it",
			 r, s40_en_plural(rows, "row", "rows"), S40_DT__N);
	}
	if (err == S40_OK && n_anchors > 0) {
		if (cli->format == S40_FMT_JSON)
			return cli_json_print(json_pack("{s:b, s:I, s:I, s:I, s:o*}", "intact", 1,
							 "entries", (json_int_t)n, "anchors",
							 (json_int_t)n_anchors, "latest_anchor",
							 (json_int_t)latest, "data",
							 checked ? s40_journal_data_json(dc) : NULL));
		char count[32];
		s40_format_int(n, count, sizeof count);
		char anchors_th[64], anchors_en[64];
		snprintf(anchors_th, sizeof anchors_th, "ทั้ง %zu", n_anchors);
		if (n_anchors == 1)
			snprintf(anchors_en, sizeof anchors_en, "its anchor");
		else
			snprintf(anchors_en, sizeof anchors_en, "all %zu anchors", n_anchors);
		cli_say(cli,
			"บันทึกการเปลี่ยนแปลงถูกต้องครบถ้วน %s รายการ%.0s และต่อจากหลักยึด%s%.0s "
			"(ล่าสุดที่รายการ %lld)%s%.0s",
			"journal intact, %s %s, extending %.0s%s (the latest at entry "
			"%lld)%.0s%s",
			count, s40_en_plural(n, "entry", "entries"), anchors_th, anchors_en,
			(long long)latest, data_th, data_en);
		return 0;
	}
	if (err != S40_OK) {
		if (cli->format == S40_FMT_JSON)
			cli_json_print(json_pack("{s:b, s:I, s:I, s:o*}", "intact", 0, "entries",
						 (json_int_t)n, "first_bad", (json_int_t)bad, "data",
						 checked ? s40_journal_data_json(dc) : NULL));
		return cli_fail(cli, &ctx);
	}
	if (cli->format == S40_FMT_JSON)
		return cli_json_print(json_pack("{s:b, s:I, s:o*}", "intact", 1, "entries",
						(json_int_t)n, "data", checked ? s40_journal_data_json(dc) : NULL));
	char count[32];
	s40_format_int(n, count, sizeof count);
	cli_say(cli, "บันทึกการเปลี่ยนแปลงถูกต้องครบถ้วน %s รายการ%.0s%s%.0s",
		"journal intact, %s %s%.0s%s", count, s40_en_plural(n, "entry", "entries"),
		data_th, data_en);
	return 0;
}

/* s40 journal keygen SECRET PUBLIC */
static int journal_keygen(struct s40_cli *cli, int argc, char **argv)
{
	int c = cli_getopt(cli, &cmd_journal, argc, argv, NULL);
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 2)
		return cli_usage(cli, &cmd_journal, "ต้องระบุไฟล์กุญแจลับและไฟล์กุญแจสาธารณะ",
				 "give the secret key file and the public key file");
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_anchor_keygen(argv[optind], argv[optind + 1], &ctx) != S40_OK)
		return cli_fail(cli, &ctx);
	cli_say(cli, "สร้างกุญแจลับ %s และกุญแจสาธารณะ %s แล้ว (เก็บกุญแจลับไว้นอกเครื่องฐานข้อมูล)",
		"made the secret key %s and the public key %s (keep the secret one off the "
		"database's machine)",
		argv[optind], argv[optind + 1]);
	return 0;
}

/* s40 journal anchor --key SECRET [--out FILE] */
static int journal_anchor(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "out", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *key = NULL, *out = NULL;
	int c;
	while ((c = cli_getopt(cli, &cmd_journal, argc, argv, opts)) > 0)
		if (c == 'k')
			key = optarg;
		else if (c == 'o')
			out = optarg;
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (key == NULL || optind < argc)
		return cli_usage(cli, &cmd_journal, "ต้องระบุ --key ไฟล์กุญแจลับ",
				 "give --key SECRET_KEY_FILE");
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	uint8_t sk[S40_ANCHOR_SK_LEN];
	if (s40_anchor_key_read(key, sk, sizeof sk, &ctx) != S40_OK)
		return cli_fail(cli, &ctx);
	struct s40_store *st;
	int rc = cli_open(cli, false, &st, NULL);
	if (rc != 0) {
		sodium_memzero(sk, sizeof sk);
		return rc;
	}
	char text[S40_ANCHOR_TEXT_MAX];
	int64_t seq = 0;
	enum s40_err err = s40_anchor_make(st, sk, (int64_t)time(NULL), text, sizeof text, &seq,
					   &ctx);
	sodium_memzero(sk, sizeof sk);
	s40_store_close(st);
	if (err != S40_OK)
		return cli_fail(cli, &ctx);
	if (out == NULL) {
		fputs(text, stdout);
		return 0;
	}
	/* Beside the file under a temporary name, then renamed: never half an anchor. */
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", out);
	FILE *f = fopen(tmp, "w");
	bool ok = f != NULL && fputs(text, f) >= 0;
	ok = f != NULL && fflush(f) == 0 && fsync(fileno(f)) == 0 && ok;
	ok = (f == NULL || fclose(f) == 0) && ok && rename(tmp, out) == 0;
	if (!ok) {
		unlink(tmp);
		return cli_failf(cli, S40_E_IO, "out", "เขียนไฟล์ %s ไม่ได้", "cannot write %s",
				 out);
	}
	cli_say(cli, "เขียนหลักยึดของรายการที่ %lld ลงใน %s แล้ว", "wrote the anchor of entry %lld to %s",
		(long long)seq, out);
	return 0;
}

/* s40 journal show ENTITY */
static int journal_show(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	int c = cli_getopt(cli, &cmd_journal, argc, argv, opts);
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_journal, "ต้องระบุสิ่งที่จะดู เช่น person:1112034563562",
				 "give one entity, e.g. person:1112034563562");
	const char *arg = argv[optind];
	char entity[96];
	int64_t id;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (strchr(arg, ':') == NULL && s40_natid_parse(arg, "entity", &id, &ctx) == S40_OK) {
		char digits[32];
		snprintf(entity, sizeof entity, "person:%s",
			 s40_natid_digits(id, digits, sizeof digits));
	} else if (strncmp(arg, "person:", 7) == 0) {
		/* The ID as people type it: normalise it to the stored digits. */
		int rc = cli_parse_id(cli, arg + 7, "entity", &id);
		if (rc != 0)
			return rc;
		char digits[32];
		snprintf(entity, sizeof entity, "person:%s",
			 s40_natid_digits(id, digits, sizeof digits));
	} else if (strlen(arg) < sizeof entity) {
		snprintf(entity, sizeof entity, "%s", arg);
	} else {
		return cli_failf(cli, S40_E_BAD_VALUE, "entity", "ยาวเกินไป", "too long");
	}
	s40_ctx_clear(&ctx);

	struct s40_store *st;
	int rc = cli_open(cli, false, &st, NULL);
	if (rc != 0)
		return rc;
	struct s40_journal_entry *v = NULL;
	size_t n = 0;
	enum s40_err err = s40_journal_of_entity(st, entity, &v, &n, &ctx);
	s40_store_close(st);
	if (err != S40_OK)
		return cli_fail(cli, &ctx);

	struct s40_table t;
	char th[256], en[256];
	snprintf(th, sizeof th, "บันทึกการเปลี่ยนแปลงของ %s", entity);
	snprintf(en, sizeof en, "journal entries about %s", entity);
	s40_table_init(&t, th, en);
	s40_table_add_col(&t, "seq", "ลำดับ", "seq", S40_COL_CODE);
	s40_table_add_col(&t, "at", "เวลา", "time", S40_COL_TEXT);
	s40_table_add_col(&t, "user", "ผู้ดำเนินการ", "user", S40_COL_TEXT);
	s40_table_add_col(&t, "op", "การดำเนินการ", "operation", S40_COL_TEXT);
	s40_table_add_col(&t, "detail", "รายละเอียด", "detail", S40_COL_TEXT);
	for (size_t i = 0; i < n; i++) {
		char at[64];
		struct tm tm;
		if (s40_th_time(v[i].at, &tm) == NULL ||
		    strftime(at, sizeof at, "%Y-%m-%d %H:%M:%S", &tm) == 0)
			snprintf(at, sizeof at, "%lld", (long long)v[i].at);
		s40_table_add_row(&t);
		s40_table_set_int(&t, 0, v[i].seq);
		s40_table_set_text(&t, 1, at);
		s40_table_set_text(&t, 2, v[i].user);
		s40_table_set_text(&t, 3, v[i].op);
		s40_table_set_text(&t, 4, v[i].detail ? v[i].detail : "");
	}
	s40_journal_entries_free(v, n);
	rc = cli_render(cli, &t);
	s40_table_free(&t);
	return rc;
}

/* s40 journal verify|show … */
static int cmd_journal_run(struct s40_cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(cli, &cmd_journal, "ต้องระบุ verify, show, anchor หรือ keygen",
				 "give verify, show, anchor or keygen");
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		cli_cmd_help(cli, &cmd_journal, stdout);
		return 0;
	}
	if (strcmp(argv[1], "verify") == 0)
		return journal_verify(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "show") == 0)
		return journal_show(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "anchor") == 0)
		return journal_anchor(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "keygen") == 0)
		return journal_keygen(cli, argc - 1, argv + 1);
	return cli_usage(cli, &cmd_journal, "ไม่รู้จักคำสั่งย่อย %s", "unknown subcommand %s", argv[1]);
}

const struct s40_cmd cmd_journal = {
	.name = "journal",
	.usage = "journal verify [--chain-only] [--public-key FILE [--anchor] ANCHOR_FILE ...]\n"
		 "journal show ENTITY   (person:1112034563562, or the ID alone)\n"
		 "journal keygen SECRET_FILE PUBLIC_FILE\n"
		 "journal anchor --key SECRET_FILE [--out FILE]",
	.help_th = "ตรวจสอบความครบถ้วนของบันทึกการเปลี่ยนแปลง (และว่ายังต่อจากหลักยึดที่ลงนามไว้) "
		   "ดูบันทึกของบุคคลหรือสิ่งหนึ่ง หรือทำหลักยึดของรายการล่าสุด",
	.help_en = "check the journal's hash chain (and that it still extends signed anchors), "
		   "list the entries about one entity, or sign an anchor of its head",
	.run = cmd_journal_run,
};
