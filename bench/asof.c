/*
 * asof.c — the s40 side of bench/asof.sh: the national as-of count from the
 * index of lib/stats/asof.h, on a database that bench/import.sh built.
 *
 *   asof DB OUTDIR [CHECK_DAY…]
 *
 * Opens DB, builds the as-of index from every spell (timed: the server does
 * this once at start), then asks 50 days spread over 2012–2025 for the active
 * members of every village (s40_asof_by_level at village level, the whole
 * country) and for the national total (s40_asof_count), each timed, and
 * checks that the villages add up to the total. For each CHECK_DAY (a day
 * number) it writes OUTDIR/asof-DAY.csv, "village|n" for the villages with
 * members on that day, by code, as the sqlite3 shell prints the SQL count, for
 * the script to compare. Prints one "key value" a line for the script.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/area.h"
#include "core/date.h"
#include "core/error.h"
#include "stats/asof.h"
#include "store/store.h"

#define N_DAYS 50

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A "Vm…:" line of /proc/self/status in KiB, 0 if unknown. */
static long vm_kib(const char *key)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long v = 0;
	size_t n = strlen(key);
	if (f == NULL)
		return 0;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, key, n) == 0 && line[n] == ':') {
			v = strtol(line + n + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Median and maximum of v[0..n) in milliseconds (sorts v). */
static void stats_ms(double *v, size_t n, double *median, double *max)
{
	qsort(v, n, sizeof *v, cmp_double);
	*median = 1e3 * (n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2);
	*max = 1e3 * v[n - 1];
}

static int fail(const char *what, const struct s40_ctx *ctx)
{
	fprintf(stderr, "asof: %s: %s\n", what, s40_errmsg(ctx, S40_LANG_EN));
	return 1;
}

/* The villages with members on day, as "village|n" lines, into OUTDIR/asof-DAY.csv. */
static int write_check(const struct s40_asof *ix, const char *outdir, int32_t day)
{
	struct s40_area_count *v;
	size_t n;
	if (s40_asof_by_level(ix, 0, S40_LEVEL_VILLAGE, day, &v, &n) != S40_OK)
		return -1;
	char path[4096];
	snprintf(path, sizeof path, "%s/asof-%ld.csv", outdir, (long)day);
	FILE *f = fopen(path, "w");
	if (f == NULL) {
		free(v);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (v[i].n != 0)
			fprintf(f, "%ld|%lld\n", (long)v[i].code, (long long)v[i].n);
	free(v);
	return fclose(f) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: asof DB OUTDIR [CHECK_DAY…]\n");
		return 2;
	}
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_store *st;
	if (s40_store_open(argv[1], false, &st, &ctx) != S40_OK)
		return fail(argv[1], &ctx);
	long rss_open = vm_kib("VmRSS");

	double t0 = now_s();
	struct s40_asof *ix;
	if (s40_asof_build(st, &ix, &ctx) != S40_OK)
		return fail("building the index", &ctx);
	double t_build = now_s() - t0;
	long rss_build = vm_kib("VmRSS");
	s40_store_close(st);

	/* 50 days from 1 January 2012 to 31 December 2025, evenly spaced. */
	const int32_t lo = s40_day_from_ymd(2012, 1, 1), hi = s40_day_from_ymd(2025, 12, 31);
	double t_village[N_DAYS], t_total[N_DAYS];
	int64_t last_total = 0;
	for (int k = 0; k < N_DAYS; k++) {
		int32_t day = lo + (int32_t)((int64_t)(hi - lo) * k / (N_DAYS - 1));
		struct s40_area_count *v;
		size_t n;
		double a = now_s();
		if (s40_asof_by_level(ix, 0, S40_LEVEL_VILLAGE, day, &v, &n) != S40_OK) {
			fprintf(stderr, "asof: out of memory\n");
			return 1;
		}
		double b = now_s();
		int64_t total = s40_asof_count(ix, 0, day);
		double c = now_s();
		t_village[k] = b - a;
		t_total[k] = c - b;
		int64_t sum = 0;
		for (size_t i = 0; i < n; i++)
			sum += v[i].n;
		free(v);
		if (sum != total) {
			fprintf(stderr, "asof: on day %ld the villages add up to %lld, not %lld\n",
				(long)day, (long long)sum, (long long)total);
			return 1;
		}
		last_total = total;
	}
	for (int i = 3; i < argc; i++)
		if (write_check(ix, argv[2], (int32_t)strtol(argv[i], NULL, 10)) != 0) {
			fprintf(stderr, "asof: cannot write the check of day %s\n", argv[i]);
			return 1;
		}

	double vm, vx, tm, tx;
	stats_ms(t_village, N_DAYS, &vm, &vx);
	stats_ms(t_total, N_DAYS, &tm, &tx);
	char d[16];
	printf("spells %zu\n", s40_asof_n_spells(ix));
	printf("villages %zu\n", s40_asof_n_villages(ix));
	printf("build_s %.3f\n", t_build);
	printf("by_village_median_ms %.3f\n", vm);
	printf("by_village_max_ms %.3f\n", vx);
	printf("total_median_ms %.3f\n", tm);
	printf("total_max_ms %.3f\n", tx);
	printf("members_on_%s %lld\n", s40_date_iso(hi, d, sizeof d), (long long)last_total);
	printf("rss_open_mb %.1f\n", rss_open / 1024.0);
	printf("rss_built_mb %.1f\n", rss_build / 1024.0);
	s40_asof_free(ix);
	return 0;
}
