/*
 * asof.c — the s40 side of bench/asof.sh: the as-of index of lib/stats/asof.h
 * on a database that bench/import.sh (or bench/asof.sh) built.
 *
 *   asof DB OUTDIR [CHECK_DAY…]
 *
 * Opens DB and builds the as-of index from every spell (timed: the server does
 * this once at start), with its memory by part. Then, each timed:
 *   - for 50 days spread over 2012–2025, the active members of every village
 *     of the country (s40_asof_by_level at village level), checked to add up
 *     to the national total, and of every village of the largest province;
 *   - 20,000 totals of a random area on a random day, for each of the levels
 *     country, province, district and subdistrict (s40_asof_count);
 *   - 20,000 writes (s40_asof_add and s40_asof_end), most on the last days,
 *     a tenth up to a year back, as the server applies committed enrolments
 *     and ends; after which every village's count from the timeline must
 *     equal its own count and the provinces' totals the sum of their villages.
 * Then the attainment index of lib/stats/attainment.h (new members by area and
 * start day), built from the same store (timed, with its memory), both
 * indexes again from one read of the spells as s40 serve builds them, and 20,000
 * totals of a random area of each level from the first day of a random fiscal
 * year 2555–2569 to a random day of that year (s40_attain_count), checked to
 * add up: the subdistricts, districts and provinces to the country.
 * Last, on its own (its build's allocations would otherwise be in the heap
 * the as-of timings allocate their answers from), the coverage index of
 * lib/stats/coverage.h (the surveyed villages' totals of every area on every
 * day), built from the same store (timed, with its memory), 20,000 totals of a random area of each level on a random day of
 * 2024–2025 (s40_cov_ix_total), the totals of every area of each level checked
 * to add up to the country's on four days
 * and, for the largest province on 31 December 2025, to equal the villages'
 * own figures computed from the store by the reports' function
 * (s40_coverage_villages).
 * For each CHECK_DAY (a day number) it writes, before the writes,
 * OUTDIR/asof-DAY.csv: "village|n" for the villages with members on that day,
 * by code, as the sqlite3 shell prints the SQL count, for the script to
 * compare. Prints one "key value" a line for the script.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/area.h"
#include "core/date.h"
#include "core/error.h"
#include "registry/areas.h"
#include "stats/asof.h"
#include "stats/attainment.h"
#include "stats/coverage.h"
#include "store/store.h"

#define N_DAYS 50

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* CPU time of the process so far (all its threads): on a shared machine the
 * wall time of the build also counts the time others had the cores. */
static double cpu_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
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

/* Median, 99th percentile and maximum of v[0..n) times scale (sorts v). */
static void stats(double *v, size_t n, double scale, double *median, double *p99, double *max)
{
	qsort(v, n, sizeof *v, cmp_double);
	*median = scale * (n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2);
	*p99 = scale * v[(n - 1) * 99 / 100];
	*max = scale * v[n - 1];
}

static int fail(const char *what, const struct s40_ctx *ctx)
{
	fprintf(stderr, "asof: %s: %s\n", what, s40_errmsg(ctx, S40_LANG_EN));
	return 1;
}

/* xorshift64*: the same draws in every run. */
static uint64_t rng = 0x5340a50fu;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (uint32_t)((rng * 0x2545F4914F6CDD1DULL) >> 33) % n;
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

static void out_of_memory(void)
{
	fprintf(stderr, "asof: out of memory\n");
	exit(1);
}

/* The areas of the country at level that hold a village, by code. */
static struct s40_area_count *areas_at(const struct s40_asof *ix, enum s40_level level, size_t *n)
{
	struct s40_area_count *v;
	if (s40_asof_by_level(ix, 0, level, s40_day_from_ymd(2025, 12, 31), &v, n) != S40_OK)
		out_of_memory();
	return v;
}

#define N_TOTALS 20000

/* Print the median, 99th percentile and maximum of t[0..N_TOTALS) seconds in
 * microseconds, as PREFIX_NAME_median_us and so on. */
static void print_times(const char *prefix, const char *name, double *t)
{
	double med, p99, max;
	stats(t, N_TOTALS, 1e6, &med, &p99, &max);
	printf("%s_%s_median_us %.3f\n", prefix, name, med);
	printf("%s_%s_p99_us %.3f\n", prefix, name, p99);
	printf("%s_%s_max_us %.3f\n", prefix, name, max);
}

/* Time N_TOTALS calls of one(ix, area, day) for a random area of areas[0..n) on
 * a random day of lo..hi, printed as PREFIX_NAME_…; and the count of areas. */
static void time_random(const char *prefix, const char *name, const struct s40_area_count *areas,
			size_t n, int32_t lo, int32_t hi,
			int64_t (*one)(const void *ix, int32_t area, int32_t day), const void *ix)
{
	static double t[N_TOTALS];
	int64_t sink = 0;
	for (int k = 0; k < N_TOTALS; k++) {
		int32_t area = areas[rnd((uint32_t)n)].code;
		int32_t day = lo + (int32_t)rnd((uint32_t)(hi - lo + 1));
		double a = now_s();
		sink += one(ix, area, day);
		t[k] = now_s() - a;
	}
	print_times(prefix, name, t);
	printf("%s_%s_areas %zu\n", prefix, name, n);
	if (sink == -1)
		printf("\n"); /* keeps the counts from being optimised away */
}

static int64_t asof_one(const void *ix, int32_t area, int32_t day)
{
	return s40_asof_count(ix, area, day);
}

static int64_t cov_one(const void *ix, int32_t area, int32_t day)
{
	struct s40_cov_total c;
	s40_cov_ix_total(ix, area, day, &c);
	return c.members;
}

/* After the writes: every village's count from the timeline (by village, the
 * whole country) equals its count from its own days, and each province's
 * total the sum of its villages; -1 with a message if not. */
static int check_views(const struct s40_asof *ix, int32_t day)
{
	struct s40_area_count *v;
	size_t n;
	if (s40_asof_by_level(ix, 0, S40_LEVEL_VILLAGE, day, &v, &n) != S40_OK)
		out_of_memory();
	int64_t sum[100] = { 0 }, all = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i].n != s40_asof_count(ix, v[i].code, day)) {
			fprintf(stderr,
				"asof: village %ld on day %ld: %lld by village, %lld alone\n",
				(long)v[i].code, (long)day, (long long)v[i].n,
				(long long)s40_asof_count(ix, v[i].code, day));
			free(v);
			return -1;
		}
		sum[v[i].code / 1000000 % 100] += v[i].n;
		all += v[i].n;
	}
	free(v);
	for (int p = 10; p < 100; p++)
		if (sum[p] != s40_asof_count(ix, p, day)) {
			fprintf(stderr, "asof: province %d on day %ld: villages %lld, total %lld\n",
				p, (long)day, (long long)sum[p],
				(long long)s40_asof_count(ix, p, day));
			return -1;
		}
	if (all != s40_asof_count(ix, 0, day)) {
		fprintf(stderr, "asof: the country on day %ld: villages %lld, total %lld\n",
			(long)day, (long long)all, (long long)s40_asof_count(ix, 0, day));
		return -1;
	}
	return 0;
}

/* Time N_TOTALS attainment totals of a random area of areas[0..n): from the
 * first day of a random fiscal year 2555–2569 to a random day of it. */
static void time_attain(const struct s40_attain_ix *ix, const char *name,
			const struct s40_area_count *areas, size_t n)
{
	static double t[N_TOTALS];
	int64_t sink = 0;
	for (int k = 0; k < N_TOTALS; k++) {
		int32_t area = areas[rnd((uint32_t)n)].code;
		int fy = 2555 + (int)rnd(15);
		int32_t from = s40_fiscal_year_first_day(fy);
		int32_t to =
			from + (int32_t)rnd((uint32_t)(s40_fiscal_year_last_day(fy) - from + 1));
		double a = now_s();
		sink += s40_attain_count(ix, area, from, to);
		t[k] = now_s() - a;
	}
	print_times("attain", name, t);
	if (sink == -1)
		printf("\n");
}

/* The attainment of every area of areas[0..n) in each fiscal year 2555–2569
 * adds up to the country's; -1 with a message if not. */
static int check_attain(const struct s40_attain_ix *ix, const char *name,
			const struct s40_area_count *areas, size_t n)
{
	for (int fy = 2555; fy <= 2569; fy++) {
		int32_t a = s40_fiscal_year_first_day(fy), b = s40_fiscal_year_last_day(fy);
		int64_t sum = 0;
		for (size_t i = 0; i < n; i++)
			sum += s40_attain_count(ix, areas[i].code, a, b);
		if (sum != s40_attain_count(ix, 0, a, b)) {
			fprintf(stderr, "asof: attainment %d: the %s add up to %lld, not %lld\n",
				fy, name, (long long)sum, (long long)s40_attain_count(ix, 0, a, b));
			return -1;
		}
	}
	return 0;
}

static int attain_each(void *arg, const int32_t *village, const int32_t *start, const int32_t *end,
		       size_t n)
{
	return s40_attain_builder_add(arg, village, start, end, n);
}

#define N_WRITES 20000

static void cov_add(struct s40_cov_total *x, const struct s40_cov_total *y)
{
	x->villages_surveyed += y->villages_surveyed;
	x->villages_full += y->villages_full;
	x->tambons_achieved += y->tambons_achieved;
	x->surveyed += y->surveyed;
	x->members += y->members;
	x->uninsured += y->uninsured;
	x->other_scheme += y->other_scheme;
	x->ineligible += y->ineligible;
	x->disagree += y->disagree;
}

/* The coverage totals of every area of areas[0..n) (of one level, villages or
 * not) add up to the country's on day; -1 with a message if not. */
static int check_cov(const struct s40_cov_ix *ix, const char *name, bool villages,
		     const struct s40_area_count *areas, size_t n, int32_t day)
{
	struct s40_cov_total sum, all;
	memset(&sum, 0, sizeof sum);
	for (size_t i = 0; i < n; i++) {
		struct s40_cov_total c;
		s40_cov_ix_total(ix, areas[i].code, day, &c);
		cov_add(&sum, &c);
	}
	s40_cov_ix_total(ix, 0, day, &all);
	if (villages)
		all.tambons_achieved = 0; /* a village's own total holds none */
	if (memcmp(&sum, &all, sizeof sum) != 0) {
		fprintf(stderr,
			"asof: coverage on day %ld: the %ss add up to %lld members of "
			"%lld surveyed, the country %lld of %lld\n",
			(long)day, name, (long long)sum.members, (long long)sum.surveyed,
			(long long)all.members, (long long)all.surveyed);
		return -1;
	}
	return 0;
}

/* The index's total of province on day against the reports' figures of each
 * of its villages from the store; -1 with a message if they differ. */
static int check_cov_store(struct s40_store *st, const struct s40_cov_ix *ix, int32_t province,
			   int32_t day, struct s40_ctx *ctx)
{
	struct s40_village_cov *v;
	size_t n;
	if (s40_coverage_villages(st, province, day, &v, &n, ctx) != S40_OK) {
		fail("the coverage of the province's villages", ctx);
		return -1;
	}
	struct s40_cov_total want, got;
	memset(&want, 0, sizeof want);
	int32_t last_sub = -1;
	for (size_t i = 0; i < n; i++) {
		if (v[i].survey_id == 0)
			continue;
		want.villages_surveyed++;
		want.villages_full += v[i].full;
		if (v[i].full && s40_area_parent(v[i].village) != last_sub) {
			want.tambons_achieved++;
			last_sub = s40_area_parent(v[i].village);
		}
		want.surveyed += v[i].n_surveyed;
		want.members += v[i].n_members;
		want.uninsured += v[i].n_uninsured;
		want.other_scheme += v[i].n_other_scheme;
		want.ineligible += v[i].n_ineligible;
		want.disagree += v[i].n_disagree;
	}
	free(v);
	s40_cov_ix_total(ix, province, day, &got);
	if (memcmp(&want, &got, sizeof want) != 0) {
		fprintf(stderr,
			"asof: coverage of province %ld on day %ld: the villages say %lld "
			"members of %lld surveyed, the index %lld of %lld\n",
			(long)province, (long)day, (long long)want.members,
			(long long)want.surveyed, (long long)got.members, (long long)got.surveyed);
		return -1;
	}
	printf("cov_check_villages %lld\n", (long long)want.villages_surveyed);
	printf("cov_check_surveyed %lld\n", (long long)want.surveyed);
	return 0;
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

	double t0 = now_s(), c0 = cpu_s();
	struct s40_asof *ix;
	if (s40_asof_build(st, &ix, &ctx) != S40_OK)
		return fail("building the index", &ctx);
	double t_build = now_s() - t0, c_build = cpu_s() - c0;
	long rss_build = vm_kib("VmRSS");
	t0 = now_s();
	c0 = cpu_s();
	struct s40_attain_ix *at;
	if (s40_attain_build(st, &at, &ctx) != S40_OK)
		return fail("building the attainment index", &ctx);
	double t_attain = now_s() - t0, c_attain = cpu_s() - c0;
	long rss_attain = vm_kib("VmRSS");
	/* Both again from one read, as s40 serve builds them at start. */
	t0 = now_s();
	c0 = cpu_s();
	struct s40_attain_builder *ab = s40_attain_builder_new();
	struct s40_asof *ix2;
	struct s40_attain_ix *at2;
	if (ab == NULL || s40_asof_build_each(st, &ix2, attain_each, ab, &ctx) != S40_OK ||
	    s40_attain_builder_finish(ab, &at2, &ctx) != S40_OK)
		return fail("building both indexes from one read", &ctx);
	double t_both = now_s() - t0, c_both = cpu_s() - c0;
	if (s40_asof_n_spells(ix2) != s40_asof_n_spells(ix) ||
	    s40_attain_n_starts(at2) != s40_attain_n_starts(at)) {
		fprintf(stderr, "asof: one read built other indexes than two\n");
		return 1;
	}
	s40_asof_free(ix2);
	s40_attain_free(at2);
	/* Closed before the timings, as before the coverage index was measured
	 * here: freeing the store's page cache raises glibc's mmap threshold, and
	 * with it the by-village answers (1.2 MB) are taken from the heap again
	 * rather than mapped and faulted in anew each time (0.23 against 4.2–4.7
	 * ms at 10 M persons: docs/PERFORMANCE.md). */
	s40_store_close(st);
	struct s40_asof_mem mem;
	s40_asof_memory(ix, &mem);
	struct s40_attain_mem amem;
	s40_attain_memory(at, &amem);

	/* 50 days from 1 January 2012 to 31 December 2025, evenly spaced. */
	const int32_t lo = s40_day_from_ymd(2012, 1, 1), hi = s40_day_from_ymd(2025, 12, 31);
	size_t n_prov;
	struct s40_area_count *prov = areas_at(ix, S40_LEVEL_PROVINCE, &n_prov);
	int32_t big = 0;
	for (size_t i = 0, most = 0; i < n_prov; i++) {
		struct s40_area_count *v;
		size_t n;
		if (s40_asof_by_level(ix, prov[i].code, S40_LEVEL_VILLAGE, hi, &v, &n) != S40_OK)
			out_of_memory();
		free(v);
		if (n > most) {
			most = n;
			big = prov[i].code;
		}
	}
	double t_village[N_DAYS], t_province[N_DAYS];
	int64_t last_total = 0;
	for (int k = 0; k < N_DAYS; k++) {
		int32_t day = lo + (int32_t)((int64_t)(hi - lo) * k / (N_DAYS - 1));
		struct s40_area_count *v, *w;
		size_t n, nw;
		double a = now_s();
		if (s40_asof_by_level(ix, 0, S40_LEVEL_VILLAGE, day, &v, &n) != S40_OK)
			out_of_memory();
		double b = now_s();
		if (s40_asof_by_level(ix, big, S40_LEVEL_VILLAGE, day, &w, &nw) != S40_OK)
			out_of_memory();
		double c = now_s();
		t_village[k] = b - a;
		t_province[k] = c - b;
		free(w);
		int64_t total = s40_asof_count(ix, 0, day), sum = 0;
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

	double vm, vp, vx, pm, pp, px;
	stats(t_village, N_DAYS, 1e3, &vm, &vp, &vx);
	stats(t_province, N_DAYS, 1e3, &pm, &pp, &px);
	char d[16];
	printf("spells %zu\n", s40_asof_n_spells(ix));
	printf("villages %zu\n", s40_asof_n_villages(ix));
	printf("build_s %.3f\n", t_build);
	printf("build_cpu_s %.3f\n", c_build);
	printf("by_village_median_ms %.3f\n", vm);
	printf("by_village_max_ms %.3f\n", vx);
	printf("province_by_village_median_ms %.3f\n", pm);
	printf("province_by_village_max_ms %.3f\n", px);
	printf("province %ld\n", (long)big);
	printf("members_on_%s %lld\n", s40_date_iso(hi, d, sizeof d), (long long)last_total);

	/* Area totals, a random area of each level on a random day. */
	static const struct s40_area_count country = { 0, 0 };
	size_t n_dist, n_sub;
	struct s40_area_count *dist = areas_at(ix, S40_LEVEL_DISTRICT, &n_dist);
	struct s40_area_count *sub = areas_at(ix, S40_LEVEL_SUBDISTRICT, &n_sub);
	time_random("total", "country", &country, 1, lo, hi, asof_one, ix);
	time_random("total", "province", prov, n_prov, lo, hi, asof_one, ix);
	time_random("total", "district", dist, n_dist, lo, hi, asof_one, ix);
	time_random("total", "subdistrict", sub, n_sub, lo, hi, asof_one, ix);
	time_attain(at, "country", &country, 1);
	time_attain(at, "province", prov, n_prov);
	time_attain(at, "district", dist, n_dist);
	time_attain(at, "subdistrict", sub, n_sub);
	if (check_attain(at, "provinces", prov, n_prov) ||
	    check_attain(at, "districts", dist, n_dist) ||
	    check_attain(at, "subdistricts", sub, n_sub))
		return 1;
	printf("attain_starts %zu\n", s40_attain_n_starts(at));
	printf("attain_build_s %.3f\n", t_attain);
	printf("attain_build_cpu_s %.3f\n", c_attain);
	printf("both_build_s %.3f\n", t_both);
	printf("both_build_cpu_s %.3f\n", c_both);
	printf("attain_mem_total_mb %.1f\n", amem.total / 1e6);
	printf("attain_mem_every_start_mb %.1f\n", amem.every_start / 1e6);
	printf("attain_mem_counted_mb %.1f\n", amem.counted / 1e6);
	printf("attain_mem_areas_mb %.1f\n", amem.areas / 1e6);
	printf("rss_attain_mb %.1f\n", rss_attain / 1024.0);
	s40_attain_free(at);

	/* Writes as the server makes them after each commit: a start or an end in
	 * a random village of a random subdistrict, on one of the last 30 days,
	 * or, one time in ten, up to a year back. */
	static double t_write[N_WRITES];
	for (int k = 0; k < N_WRITES; k++) {
		int32_t village = sub[rnd((uint32_t)n_sub)].code * 100 + 1;
		int32_t day = hi - (int32_t)(rnd(10) ? rnd(30) : rnd(366));
		bool end = rnd(4) == 0;
		double a = now_s();
		enum s40_err rc = end ? s40_asof_end(ix, village, day) :
					s40_asof_add(ix, village, day);
		t_write[k] = now_s() - a;
		if (rc != S40_OK)
			out_of_memory();
	}
	double wm, wp, wx;
	stats(t_write, N_WRITES, 1e6, &wm, &wp, &wx);
	printf("write_median_us %.3f\n", wm);
	printf("write_p99_us %.3f\n", wp);
	printf("write_max_us %.3f\n", wx);
	for (int32_t day = hi - 400; day <= hi + 1; day += 67)
		if (check_views(ix, day))
			return 1;
	printf("views_agree 1\n");

	printf("mem_total_mb %.1f\n", mem.total / 1e6);
	printf("mem_villages_mb %.1f\n", mem.villages / 1e6);
	printf("mem_totals_mb %.1f\n", mem.totals / 1e6);
	printf("mem_events_mb %.1f\n", mem.events / 1e6);
	printf("mem_snapshots_mb %.1f\n", mem.snapshots / 1e6);
	printf("chunks %zu\n", mem.n_chunks);
	printf("rss_open_mb %.1f\n", rss_open / 1024.0);
	printf("rss_built_mb %.1f\n", rss_build / 1024.0);
	s40_asof_free(ix);

	/* The coverage index last, on its own: its build's allocations and frees
	 * are not to be in the heap the as-of timings above allocate from. */
	if (s40_store_open(argv[1], false, &st, &ctx) != S40_OK)
		return fail(argv[1], &ctx);
	long rss_before_cov = vm_kib("VmRSS");
	t0 = now_s();
	c0 = cpu_s();
	struct s40_cov_ix *cov;
	if (s40_cov_ix_build(st, &cov, &ctx) != S40_OK)
		return fail("building the coverage index", &ctx);
	double t_cov = now_s() - t0, c_cov = cpu_s() - c0;
	long rss_cov = vm_kib("VmRSS");
	/* Coverage totals of a random area of each level on a random day of
	 * 2024–2025; then the levels added up, and one province from the store. */
	const int32_t c_lo = s40_day_from_ymd(2024, 1, 1);
	time_random("cov", "country", &country, 1, c_lo, hi, cov_one, cov);
	time_random("cov", "province", prov, n_prov, c_lo, hi, cov_one, cov);
	time_random("cov", "district", dist, n_dist, c_lo, hi, cov_one, cov);
	time_random("cov", "subdistrict", sub, n_sub, c_lo, hi, cov_one, cov);
	for (enum s40_level l = S40_LEVEL_PROVINCE; l <= S40_LEVEL_VILLAGE; l++) {
		/* Every area of the level, with members or not. */
		struct s40_area_rec *a;
		size_t na;
		if (s40_area_descendants(st, 0, l, &a, &na, &ctx) != S40_OK)
			return fail("the areas", &ctx);
		struct s40_area_count *c = malloc((na ? na : 1) * sizeof *c);
		if (c == NULL)
			out_of_memory();
		for (size_t i = 0; i < na; i++)
			c[i] = (struct s40_area_count){ a[i].code, 0 };
		free(a);
		for (int32_t day = c_lo; day <= hi + 1; day += 243)
			if (check_cov(cov, s40_level_name(l, S40_LANG_EN), l == S40_LEVEL_VILLAGE,
				      c, na, day))
				return 1;
		free(c);
	}
	t0 = now_s();
	if (check_cov_store(st, cov, big, hi, &ctx))
		return 1;
	double t_cov_store = now_s() - t0;
	struct s40_cov_ix_mem cmem;
	s40_cov_ix_memory(cov, &cmem);
	struct s40_cov_total all;
	s40_cov_ix_total(cov, 0, hi, &all);
	printf("cov_build_s %.3f\n", t_cov);
	printf("cov_build_cpu_s %.3f\n", c_cov);
	printf("cov_residents %zu\n", cmem.residents);
	printf("cov_village_days %zu\n", cmem.village_days);
	printf("cov_area_days %zu\n", cmem.area_days);
	printf("cov_mem_mb %.1f\n", cmem.bytes / 1e6);
	printf("cov_rss_growth_mb %.1f\n", (rss_cov - rss_before_cov) / 1024.0);
	printf("cov_villages_surveyed %lld\n", (long long)all.villages_surveyed);
	printf("cov_villages_full %lld\n", (long long)all.villages_full);
	printf("cov_tambons_achieved %lld\n", (long long)all.tambons_achieved);
	printf("cov_surveyed %lld\n", (long long)all.surveyed);
	printf("cov_members %lld\n", (long long)all.members);
	printf("cov_eligible %lld\n", (long long)(all.members + all.uninsured));
	printf("cov_province_from_store_s %.3f\n", t_cov_store);
	s40_cov_ix_free(cov);
	s40_store_close(st);
	free(prov);
	free(dist);
	free(sub);
	return 0;
}
