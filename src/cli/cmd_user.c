/*
 * cmd_user.c — s40 user add|passwd|unlock|list: the server's users. A password is
 * read from standard input (one line) or, on a terminal, typed twice without
 * echo; it is never printed, logged or journaled.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"
#include "core/natid.h"
#include "core/thai.h"
#include "registry/user.h"

/* Read one line into buf (no newline); 0, or -1 at end of input or too long. */
static int read_line(FILE *f, char *buf, size_t n)
{
	if (fgets(buf, (int)n, f) == NULL)
		return -1;
	size_t len = strlen(buf);
	if (len > 0 && buf[len - 1] == '\n')
		buf[--len] = '\0';
	else if (!feof(f))
		return -1; /* longer than the buffer */
	if (len > 0 && buf[len - 1] == '\r')
		buf[--len] = '\0';
	return 0;
}

/* Prompt without echo on the terminal, or read a line from a pipe. */
static int read_password(const struct s40_cli *cli, char *buf, size_t n)
{
	if (!isatty(STDIN_FILENO)) {
		if (read_line(stdin, buf, n) != 0)
			return cli_failf(cli, S40_E_MISSING, "password",
					 "อ่านรหัสผ่านจาก stdin ไม่ได้ (หนึ่งบรรทัด ไม่เกิน %d ไบต์)",
					 "no password on stdin (one line, at most %d bytes)",
					 S40_PASSWORD_MAX);
		return 0;
	}
	struct termios old, quiet;
	tcgetattr(STDIN_FILENO, &old);
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	char again[S40_PASSWORD_MAX + 2];
	fprintf(stderr, "%s: ", cli_tr(cli, "รหัสผ่าน / password", "password"));
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	int r1 = read_line(stdin, buf, n);
	fprintf(stderr, "\n%s: ", cli_tr(cli, "อีกครั้ง / again", "again"));
	int r2 = read_line(stdin, again, sizeof again);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fputc('\n', stderr);
	int same = r1 == 0 && r2 == 0 && strcmp(buf, again) == 0;
	sodium_memzero(again, sizeof again);
	if (!same)
		return cli_failf(cli, S40_E_BAD_VALUE, "password", "รหัสผ่านสองครั้งไม่ตรงกัน",
				 "the two passwords differ");
	return 0;
}

static void fast_hash_for_tests(void)
{
	s40_user_set_hash_cost(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
}

/* s40 user add NAME --role R [--area CODE] [--person ID] */
static int user_add(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "area", required_argument, NULL, 'a' },
		{ "person", required_argument, NULL, 'p' },
		{ "insecure-test-hash", no_argument, NULL, 'I' },
		{ NULL, 0, NULL, 0 },
	};
	struct s40_user u;
	memset(&u, 0, sizeof u);
	const char *role = NULL;
	int c, rc;
	while ((c = cli_getopt(cli, &cmd_user, argc, argv, opts)) > 0) {
		if (c == 'r')
			role = optarg;
		else if (c == 'a' && (rc = cli_parse_area(cli, optarg, "area", &u.area)) != 0)
			return rc;
		else if (c == 'p' && (rc = cli_parse_id(cli, optarg, "person", &u.person)) != 0)
			return rc;
		else if (c == 'I')
			fast_hash_for_tests();
	}
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_user, "ต้องระบุชื่อผู้ใช้หนึ่งชื่อ", "give one user name");
	if (role == NULL)
		return cli_usage(cli, &cmd_user, "ต้องระบุ --role", "--role is required");
	if ((u.role = s40_role_parse(role)) == S40_ROLE_NONE)
		return cli_failf(cli, S40_E_BAD_ROLE, "role", NULL, NULL);
	if (strlen(argv[optind]) >= sizeof u.name)
		return cli_failf(cli, S40_E_BAD_VALUE, "name", "ชื่อผู้ใช้ยาวเกินไป",
				 "the user name is too long");
	snprintf(u.name, sizeof u.name, "%s", argv[optind]);

	char pw[S40_PASSWORD_MAX + 2];
	if ((rc = read_password(cli, pw, sizeof pw)) != 0)
		return rc;
	struct s40_store *st;
	struct s40_reg reg;
	if ((rc = cli_open(cli, false, &st, &reg)) != 0) {
		sodium_memzero(pw, sizeof pw);
		return rc;
	}
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	enum s40_err e = s40_user_add(&reg, &u, pw, &ctx);
	sodium_memzero(pw, sizeof pw);
	s40_store_close(st);
	if (e != S40_OK)
		return cli_fail(cli, &ctx);
	char th[512], en[512];
	snprintf(th, sizeof th, "เพิ่มผู้ใช้ %s บทบาท%s พื้นที่ %ld แล้ว", u.name,
		 s40_role_name(u.role, S40_LANG_TH), (long)u.area);
	snprintf(en, sizeof en, "added user %s, %s, area %ld", u.name,
		 s40_role_name(u.role, S40_LANG_EN), (long)u.area);
	char digits[16];
	return cli_confirm(cli,
			   json_pack("{s:s, s:s, s:i, s:o}", "name", u.name, "role",
				     s40_role_key(u.role), "area", (int)u.area, "person",
				     u.person ? json_string(s40_natid_digits(u.person, digits,
									     sizeof digits)) :
						json_null()),
			   th, en);
}

/* s40 user passwd NAME */
static int user_passwd(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "insecure-test-hash", no_argument, NULL, 'I' },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;
	while ((c = cli_getopt(cli, &cmd_user, argc, argv, opts)) > 0)
		if (c == 'I')
			fast_hash_for_tests();
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_user, "ต้องระบุชื่อผู้ใช้หนึ่งชื่อ", "give one user name");
	const char *name = argv[optind];
	char pw[S40_PASSWORD_MAX + 2];
	if ((rc = read_password(cli, pw, sizeof pw)) != 0)
		return rc;
	struct s40_store *st;
	struct s40_reg reg;
	if ((rc = cli_open(cli, false, &st, &reg)) != 0) {
		sodium_memzero(pw, sizeof pw);
		return rc;
	}
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	enum s40_err e = s40_user_set_password(&reg, name, pw, &ctx);
	sodium_memzero(pw, sizeof pw);
	s40_store_close(st);
	if (e != S40_OK)
		return cli_fail(cli, &ctx);
	char th[512], en[512];
	snprintf(th, sizeof th, "ตั้งรหัสผ่านใหม่ของ %s แล้ว (การเข้าสู่ระบบเดิมสิ้นสุด)", name);
	snprintf(en, sizeof en, "set a new password for %s (its sessions are ended)", name);
	return cli_confirm(cli, json_pack("{s:s, s:b}", "name", name, "sessions_ended", 1), th,
			   en);
}

/* s40 user unlock NAME: forget NAME's failed logins from every address. */
static int user_unlock(struct s40_cli *cli, int argc, char **argv)
{
	int c, rc;
	while ((c = cli_getopt(cli, &cmd_user, argc, argv, NULL)) > 0)
		;
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_user, "ต้องระบุชื่อผู้ใช้หนึ่งชื่อ", "give one user name");
	const char *name = argv[optind];
	struct s40_store *st;
	struct s40_reg reg;
	if ((rc = cli_open(cli, false, &st, &reg)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	long n = 0;
	enum s40_err e = s40_throttle_unlock(&reg, name, &n, &ctx);
	s40_store_close(st);
	if (e != S40_OK)
		return cli_fail(cli, &ctx);
	char th[512], en[512];
	snprintf(th, sizeof th, "ปลดล็อก %s แล้ว (ล้างการนับรหัสผ่านผิดจาก %ld ที่อยู่)", name, n);
	snprintf(en, sizeof en, "unlocked %s (cleared the failed logins from %ld %s)", name, n,
		 s40_en_plural(n, "address", "addresses"));
	return cli_confirm(cli, json_pack("{s:s, s:I}", "name", name, "addresses_cleared",
					  (json_int_t)n),
			   th, en);
}

/* s40 user list */
static int user_list(struct s40_cli *cli, int argc, char **argv)
{
	int c;
	while ((c = cli_getopt(cli, &cmd_user, argc, argv, NULL)) > 0)
		;
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	struct s40_store *st;
	int rc;
	if ((rc = cli_open(cli, false, &st, NULL)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_user *v;
	size_t n;
	if (s40_user_list(st, &v, &n, &ctx) != S40_OK) {
		s40_store_close(st);
		return cli_fail(cli, &ctx);
	}
	s40_store_close(st);
	struct s40_table t;
	s40_table_init(&t, "ผู้ใช้", "Users");
	s40_table_add_col(&t, "name", "ชื่อผู้ใช้", "name", S40_COL_TEXT);
	s40_table_add_col(&t, "role", "บทบาท", "role", S40_COL_TEXT);
	s40_table_add_col(&t, "area", "พื้นที่", "area", S40_COL_CODE);
	s40_table_add_col(&t, "person", "บุคคล", "person", S40_COL_NATID);
	s40_table_add_col(&t, "disabled", "ระงับ", "disabled", S40_COL_BOOL);
	for (size_t i = 0; i < n; i++) {
		s40_table_add_row(&t);
		s40_table_set_text(&t, 0, v[i].name);
		s40_table_set_text(&t, 1, s40_role_key(v[i].role));
		s40_table_set_int(&t, 2, v[i].area);
		if (v[i].person)
			s40_table_set_int(&t, 3, v[i].person);
		s40_table_set_int(&t, 4, v[i].disabled);
	}
	free(v);
	rc = cli_render(cli, &t);
	s40_table_free(&t);
	return rc;
}

/* s40 user add|passwd|list … */
static int cmd_user_run(struct s40_cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(cli, &cmd_user, "ต้องระบุ add, passwd, unlock หรือ list",
				 "give add, passwd, unlock or list");
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		cli_cmd_help(cli, &cmd_user, stdout);
		return 0;
	}
	if (strcmp(argv[1], "add") == 0)
		return user_add(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "passwd") == 0)
		return user_passwd(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "unlock") == 0)
		return user_unlock(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return user_list(cli, argc - 1, argv + 1);
	return cli_usage(cli, &cmd_user, "ไม่รู้จักคำสั่งย่อย %s", "unknown subcommand %s", argv[1]);
}

const struct s40_cmd cmd_user = {
	.name = "user",
	.usage = "user add NAME --role admin|officer|volunteer|viewer [--area CODE] "
		 "[--person ID]\nuser passwd NAME\nuser unlock NAME\nuser list",
	.help_th = "ผู้ใช้ของเซิร์ฟเวอร์: เพิ่ม ตั้งรหัสผ่าน (อ่านจาก stdin หรือพิมพ์โดยไม่แสดงผล) "
		   "ปลดล็อกหลังรหัสผ่านผิดซ้ำ และแสดงรายชื่อ",
	.help_en = "the server's users: add, set a password (from stdin, or typed without echo), "
		   "unlock after failed logins, list",
	.run = cmd_user_run,
};
