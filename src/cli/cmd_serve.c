/*
 * cmd_serve.c — s40 serve: the HTTP server (src/server) on the database, until
 * SIGINT or SIGTERM, which let the requests in flight finish and exit 0.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/date.h"
#include "server.h"

/* "127.0.0.1:8040", "[::1]:8040", ":8040" (every address), "8040". */
static int parse_listen(struct s40_cli *cli, const char *text, char *host, size_t host_n,
			unsigned *port)
{
	const char *colon = strrchr(text, ':');
	const char *port_text = text;
	if (text[0] == '[') {
		const char *close = strchr(text, ']');
		if (close == NULL || close[1] != ':' || (size_t)(close - text) >= host_n)
			goto bad;
		snprintf(host, host_n, "%.*s", (int)(close - text - 1), text + 1);
		port_text = close + 2;
	} else if (colon != NULL) {
		if ((size_t)(colon - text) >= host_n)
			goto bad;
		snprintf(host, host_n, "%.*s", (int)(colon - text), text);
		if (host[0] == '\0')
			snprintf(host, host_n, "0.0.0.0");
		port_text = colon + 1;
	}
	long p;
	if (cli_parse_long(cli, port_text, "listen", 0, 65535, &p) != 0)
		return CLI_EXIT_INVALID;
	*port = (unsigned)p;
	return 0;
bad:
	return cli_failf(cli, S40_E_BAD_VALUE, "listen",
			 "--listen ต้องเป็น HOST:PORT เช่น 127.0.0.1:8040 หรือ [::1]:8040: %s",
			 "--listen is HOST:PORT such as 127.0.0.1:8040 or [::1]:8040: %s", text);
}

/* s40 serve [--listen HOST:PORT] [--threads N] [limits] [--log] [--routes] */
static int cmd_serve_run(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "listen", required_argument, NULL, 'L' },
		{ "threads", required_argument, NULL, 'T' },
		{ "cache-mib", required_argument, NULL, 'C' },
		{ "body-max", required_argument, NULL, 'b' },
		{ "upload-max", required_argument, NULL, 'u' },
		{ "per-ip", required_argument, NULL, 'p' },
		{ "max-connections", required_argument, NULL, 'c' },
		{ "timeout", required_argument, NULL, 't' },
		{ "header-timeout", required_argument, NULL, 'H' },
		{ "anchor-dir", required_argument, NULL, 'A' },
		{ "anchor-key", required_argument, NULL, 'K' },
		{ "anchor-every", required_argument, NULL, 'E' },
		{ "session-hours", required_argument, NULL, 's' },
		{ "offline-days", required_argument, NULL, 'O' },
		{ "log", no_argument, NULL, 'l' },
		{ "routes", no_argument, NULL, 'r' },
		{ "read-db", required_argument, NULL, 'R' },
		{ "trust-proxy", required_argument, NULL, 'P' },
		{ NULL, 0, NULL, 0 },
	};
	struct srv_config cfg;
	srv_config_defaults(&cfg);
	char host[128];
	snprintf(host, sizeof host, "%s", cfg.host);
	bool routes = false;
	long v;
	int c, rc;
	while ((c = cli_getopt(cli, &cmd_serve, argc, argv, opts)) > 0) {
		switch (c) {
		case 'L':
			if ((rc = parse_listen(cli, optarg, host, sizeof host, &cfg.port)) != 0)
				return rc;
			break;
		case 'T':
			if ((rc = cli_parse_long(cli, optarg, "threads", 1, 256, &v)) != 0)
				return rc;
			cfg.threads = (unsigned)v;
			break;
		case 'C':
			if ((rc = cli_parse_long(cli, optarg, "cache-mib", 1, 65536, &v)) != 0)
				return rc;
			cfg.cache_mib = (unsigned)v;
			break;
		case 'b':
			if ((rc = cli_parse_long(cli, optarg, "body-max", 1024, 64L << 20, &v)) !=
			    0)
				return rc;
			cfg.body_max = (size_t)v;
			break;
		case 'u':
			if ((rc = cli_parse_long(cli, optarg, "upload-max", 1024, 1L << 40, &v)) !=
			    0)
				return rc;
			cfg.upload_max = (size_t)v;
			break;
		case 'p':
			if ((rc = cli_parse_long(cli, optarg, "per-ip", 1, 100000, &v)) != 0)
				return rc;
			cfg.per_ip_limit = (unsigned)v;
			break;
		case 'c':
			if ((rc = cli_parse_long(cli, optarg, "max-connections", 1, 100000, &v)) !=
			    0)
				return rc;
			cfg.conn_limit = (unsigned)v;
			break;
		case 't':
			if ((rc = cli_parse_long(cli, optarg, "timeout", 1, 86400, &v)) != 0)
				return rc;
			cfg.timeout_s = (unsigned)v;
			break;
		case 'A':
			cfg.anchor_dir = optarg;
			break;
		case 'K':
			cfg.anchor_key = optarg;
			break;
		case 'E':
			if ((rc = cli_parse_long(cli, optarg, "anchor-every", 1, 7 * 24 * 60, &v)) !=
			    0)
				return rc;
			cfg.anchor_minutes = (unsigned)v;
			break;
		case 'H':
			if ((rc = cli_parse_long(cli, optarg, "header-timeout", 1, 3600, &v)) != 0)
				return rc;
			cfg.header_timeout_s = (unsigned)v;
			break;
		case 's':
			if ((rc = cli_parse_long(cli, optarg, "session-hours", 1, 24 * 90, &v)) !=
			    0)
				return rc;
			cfg.session_ttl = (int64_t)v * 3600;
			break;
		case 'O':
			if ((rc = cli_parse_long(cli, optarg, "offline-days", 0, 365, &v)) != 0)
				return rc;
			cfg.offline_days = (unsigned)v;
			break;
		case 'l':
			cfg.access_log = true;
			break;
		case 'r':
			routes = true;
			break;
		case 'R':
			cfg.read_db = optarg;
			break;
		case 'P': {
			unsigned char bin[16];
			if (inet_pton(AF_INET, optarg, bin) != 1 && inet_pton(AF_INET6, optarg, bin) != 1)
				return cli_failf(cli, S40_E_BAD_VALUE, "trust-proxy",
						 "--trust-proxy ต้องเป็นที่อยู่ IP เช่น 127.0.0.1: %s",
						 "--trust-proxy is an IP address such as 127.0.0.1: %s",
						 optarg);
			cfg.trust_proxy = optarg;
			break;
		}
		}
	}
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (optind < argc)
		return cli_usage(cli, &cmd_serve, "มีอาร์กิวเมนต์เกิน: %s", "extra argument: %s",
				 argv[optind]);
	if ((cfg.anchor_dir == NULL) != (cfg.anchor_key == NULL))
		return cli_usage(cli, &cmd_serve, "--anchor-dir และ --anchor-key ต้องให้คู่กัน",
				 "--anchor-dir and --anchor-key go together");
	if (routes) {
		srv_routes_print(stdout);
		return 0;
	}
	/* The server follows the clock, unless --today fixed another day (tests). */
	cfg.today = cli->today != s40_day_today() ? cli->today : S40_NO_DAY;
	cfg.host = host;
	cfg.db = cli->db;

	/* Open once here, so that a missing database is reported as every
	 * command reports it, before anything listens. */
	struct s40_store *st;
	if ((rc = cli_open(cli, false, &st, NULL)) != 0)
		return rc;
	s40_store_close(st);
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (cfg.read_db != NULL) {
		/* The replica must be one of the same database: same engine, and a
		 * schema it can read. */
		if (s40_store_uri_is_pg(cfg.read_db) != s40_store_uri_is_pg(cfg.db))
			return cli_failf(
				cli, S40_E_USAGE, "read-db",
				"--read-db ต้องเป็นฐานข้อมูลชนิดเดียวกับ --db (สำเนาของฐานข้อมูลเดียวกัน)",
				"--read-db must be of the same kind as --db (a replica of "
				"the same database)");
		if (s40_store_open(cfg.read_db, false, &st, &ctx) != S40_OK) {
			snprintf(ctx.field, sizeof ctx.field, "read-db");
			return cli_fail(cli, &ctx);
		}
		s40_store_close(st);
	}
	if (srv_run(&cfg, stdout, &ctx) != S40_OK)
		return cli_fail(cli, &ctx);
	return 0;
}

const struct s40_cmd cmd_serve = {
	.name = "serve",
	.usage = "serve [--listen HOST:PORT] [--threads N] [--cache-mib MIB] [--body-max BYTES] "
		 "[--upload-max BYTES] [--per-ip N] [--max-connections N] [--timeout SECONDS] "
		 "[--header-timeout SECONDS] [--session-hours H] [--offline-days N] "
		 "[--anchor-dir DIR --anchor-key FILE [--anchor-every MINUTES]] [--read-db DB] [--trust-proxy ADDR] [--log]\nserve --routes",
	.help_th = "เปิดเซิร์ฟเวอร์ HTTP (JSON API) ของฐานข้อมูล (ค่าเริ่มต้น 127.0.0.1:8040) "
		   "จนกว่าจะได้รับ SIGINT/SIGTERM; --read-db: สำเนาสำหรับอ่าน",
	.help_en = "serve the JSON API over HTTP (127.0.0.1:8040 unless --listen) until "
		   "SIGINT/SIGTERM; --read-db: a replica for reads; --routes lists the routes",
	.more_th = "เปิด http://127.0.0.1:8040/ ในเบราว์เซอร์เพื่อใช้เว็บแอปพลิเคชัน (ภาษาไทย/อังกฤษ)\n"
		   "ผู้ใช้เพิ่มด้วย s40 user add ชื่อ --role admin|officer|volunteer|viewer\n"
		   "ตัวเลือก:\n"
		   "  --listen HOST:PORT      ที่อยู่ที่รอรับ (ค่าเริ่มต้น 127.0.0.1:8040) เช่น --listen 0.0.0.0:8040\n"
		   "  --threads N             จำนวนเธรดทำงาน (ค่าเริ่มต้น: จำนวนแกนประมวลผล)\n"
		   "  --cache-mib MIB         แคชหน้าฐานข้อมูล SQLite ของแต่ละเธรด (ค่าเริ่มต้น 64)\n"
		   "  --body-max BYTES        ขนาดคำขอ JSON สูงสุด (ค่าเริ่มต้น 1 MiB)\n"
		   "  --upload-max BYTES      ขนาดไฟล์นำเข้าสูงสุด (ค่าเริ่มต้น 256 MiB)\n"
		   "  --max-connections N     การเชื่อมต่อพร้อมกันสูงสุด (ค่าเริ่มต้น 1024)\n"
		   "  --per-ip N              การเชื่อมต่อต่อที่อยู่ IP (ค่าเริ่มต้น 1/16 ของทั้งหมด)\n"
		   "  --timeout SECONDS       ตัดการเชื่อมต่อที่เงียบ (ค่าเริ่มต้น 30)\n"
		   "  --header-timeout SECONDS  เวลาส่งหัวคำขอให้ครบ (ค่าเริ่มต้น 10)\n"
		   "  --session-hours H       อายุการเข้าสู่ระบบ (ค่าเริ่มต้น 12)\n"
		   "  --offline-days N        จำนวนวันที่ข้อมูลส่วนบุคคลอยู่ในโทรศัพท์เพื่อใช้ออฟไลน์ได้นานที่สุด\n"
		   "                          (ค่าเริ่มต้น 7; 0 ไม่เก็บ)\n"
		   "  --anchor-dir DIR --anchor-key FILE [--anchor-every MINUTES]\n"
		   "                          เขียนหลักยึดที่ลงนามของบันทึกการเปลี่ยนแปลงทุก 60 นาที\n"
		   "  --read-db DB            สำเนาสำหรับอ่าน (PostgreSQL hot standby)\n"
		   "  --trust-proxy ADDR      เชื่อ X-Forwarded-For จาก reverse proxy ที่อยู่นี้\n"
		   "  --log                   บันทึกคำขอทุกรายการลง stderr\n"
		   "ตัวอย่าง: s40 serve --db office.db --listen 0.0.0.0:8040 (ดู docs/DEPLOY.md)\n",
	.more_en = "open http://127.0.0.1:8040/ in a browser for the web application (Thai/English);\n"
		   "add its users with s40 user add NAME --role admin|officer|volunteer|viewer\n"
		   "options:\n"
		   "  --listen HOST:PORT      where to listen (default 127.0.0.1:8040), e.g. 0.0.0.0:8040\n"
		   "  --threads N             worker threads (default: the number of cores)\n"
		   "  --cache-mib MIB         each thread's SQLite page cache (default 64)\n"
		   "  --body-max BYTES        largest JSON request body (default 1 MiB)\n"
		   "  --upload-max BYTES      largest import upload (default 256 MiB)\n"
		   "  --max-connections N     connections at once (default 1024)\n"
		   "  --per-ip N              connections per IP address (default a 16th of the above)\n"
		   "  --timeout SECONDS       close a silent connection (default 30)\n"
		   "  --header-timeout SECONDS  time to send a request's headers (default 10)\n"
		   "  --session-hours H       how long a login lasts (default 12)\n"
		   "  --offline-days N        the most days personal data may stay on a phone for use\n"
		   "                          offline (default 7; 0 keeps none)\n"
		   "  --anchor-dir DIR --anchor-key FILE [--anchor-every MINUTES]\n"
		   "                          write a signed anchor of the journal every 60 minutes\n"
		   "  --read-db DB            a replica for reads (a PostgreSQL hot standby)\n"
		   "  --trust-proxy ADDR      believe X-Forwarded-For from the reverse proxy at ADDR\n"
		   "  --log                   log every request on stderr\n"
		   "example: s40 serve --db office.db --listen 0.0.0.0:8040 (see docs/DEPLOY.md)\n",
	.run = cmd_serve_run,
};
