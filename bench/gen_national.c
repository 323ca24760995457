/*
 * gen_national.c — the input of bench/national.sh: a country of N persons
 * (20,000,000 for the national figures) as the CSV files `s40 import` reads
 * (docs/FORMATS.md), so that the database is one s40 itself wrote.
 *
 *   gen_national N AREAS OUTDIR
 *
 * AREAS is a file of the 8-digit level-4 codes of `s40 init` (the 75,206
 * villages and the 7,436 "not in a village" areas, moo 00, where towns and
 * Bangkok live), one a line. Writes into OUTDIR:
 *
 *   persons.csv       N persons;
 *   enrolments.csv    about 55 % of them (11 M of 20 M), options 1/2/3;
 *   exclusions.csv    Section 33 cover ending about a fifth of the memberships,
 *                     and civil-servant or Section 33 cover of about a tenth
 *                     of the others (it ends nothing);
 *   payments_100.csv  the twelve monthly receipts of 2025 of 1/100 of the
 *                     members (those who were members all year);
 *   payments_10.csv   the same for 9/100 more: with the first file, 1/10;
 *   ledger.csv        120 monthly receipts, 2016-01 to 2025-12, of about one
 *                     member in 30,000 (none of them in the two files above);
 *   survey.csv        one survey on 2025-09-01 of every working-age resident of
 *                     one area in 50 of each province (the first of each
 *                     province always), statuses from the register;
 *   sample.txt        IDs to ask about: "ledger ID", "lapsed-province CODE".
 *
 * Where people live: a province gets persons in proportion to its registered
 * population (the table below: province_info_tab.csv of the public repository
 * prasertcbs/mysql_tutorial, DOPA registered population by province, its year
 * not stated there; 65.4 M in all); within a province every level-4 area gets
 * the same share. Options: 60 % option 1, 30 % option 2, 10 % option 3 — an
 * assumption, not a published figure. Everything else as bench/gen_import.c:
 * scrambled IDs whose digits 2–5 are the district, ages 16–57 on enrolment,
 * enrolments 2012–2025. The same N and areas give the same bytes.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DISTRICT 10000 /* four-digit district codes */
#define SEQ_SPACE 10000000u /* seven digits of sequence per office */

/* Registered population by province code (see the file comment). */
static const struct {
	int code;
	long pop;
} province_pop[] = {
	{ 10, 5682415 }, { 11, 1310766 }, { 12, 1229735 }, { 13, 1129115 }, { 14, 808360 },
	{ 15, 284970 },	 { 16, 755854 },  { 17, 214661 },  { 18, 329722 },  { 19, 617384 },
	{ 20, 1509125 }, { 21, 626402 },  { 22, 514616 },  { 23, 220921 },  { 24, 673933 },
	{ 25, 466572 },	 { 26, 259342 },  { 27, 485632 },  { 30, 2628818 }, { 31, 1553765 },
	{ 32, 1381761 }, { 33, 1452471 }, { 34, 1813088 }, { 35, 539542 },  { 36, 1127423 },
	{ 37, 372137 },	 { 38, 385053 },  { 39, 502868 },  { 40, 1767601 }, { 41, 1544786 },
	{ 42, 624066 },	 { 43, 912937 },  { 44, 940911 },  { 45, 1309708 }, { 46, 982578 },
	{ 47, 1122905 }, { 48, 703392 },  { 49, 339575 },  { 50, 1640479 }, { 51, 404560 },
	{ 52, 761949 },	 { 53, 462618 },  { 54, 447564 },  { 55, 476363 },  { 56, 486304 },
	{ 57, 1287615 }, { 58, 242742 },  { 60, 1065334 }, { 61, 327959 },  { 62, 729133 },
	{ 63, 525684 },	 { 64, 601778 },  { 65, 813852 },  { 66, 541868 },  { 67, 996031 },
	{ 70, 839075 },	 { 71, 839776 },  { 72, 845950 },  { 73, 911492 },  { 74, 491887 },
	{ 75, 194057 },	 { 76, 464033 },  { 77, 509134 },  { 80, 1557482 }, { 81, 469769 },
	{ 82, 267491 },	 { 83, 402017 },  { 84, 1057581 }, { 85, 190399 },  { 86, 509650 },
	{ 90, 1424230 }, { 91, 319700 },  { 92, 643072 },  { 93, 524857 },  { 94, 709796 },
	{ 95, 527295 },	 { 96, 796239 },
};

static const char *const first_m[] = {
	"สมชาย",  "สมศักดิ์", "ประเสริฐ", "วิชัย", "สมบัติ", "บุญมี", "สุรชัย", "อนันต์",
	"ประยุทธ", "ชัยวัฒน์", "ธนากร",   "วีระ", "สุเทพ", "กิตติ", "ณัฐพล", "อำนาจ",
};
static const char *const first_f[] = {
	"สมหญิง", "มาลี",	   "สุดา",  "วันเพ็ญ",  "บุญเรือน", "จันทร์เพ็ญ", "ศรีสุดา", "ละเอียด",
	"ประภา", "กาญจนา", "สุภาพ", "นงลักษณ์", "พรทิพย์",  "อรุณี",	  "ทองใบ", "รัชนี",
};
static const char *const last[] = {
	"ใจดี",	  "รักไทย",   "ศรีสุข",	"แก้วมณี",  "สุขสวัสดิ์",  "ทองดี",	  "บุญมา",     "วงศ์ใหญ่",
	"แสงทอง", "มีสุข",     "พลอยงาม", "ชัยมงคล", "ศรีวงศ์",   "จันทร์แก้ว",	  "นาคสวัสดิ์",  "สายทอง",
	"ปัญญาดี",  "เพชรรัตน์", "อินทร์แก้ว", "บุญเกิด",  "คงสมบูรณ์", "ทองคำ",	  "สุวรรณ",    "เจริญสุข",
	"มั่นคง",	  "พรหมมา",  "ดวงดี",	"ศักดิ์ดี",	  "รุ่งเรือง",  "ประเสริฐศรี", "ขาวสะอาด", "คำแก้ว",
};
#define COUNT(a) (sizeof a / sizeof a[0])

/* splitmix64: a well-mixed 64-bit value for (i, salt). */
static uint64_t mix(uint64_t i, uint64_t salt)
{
	uint64_t z = i * 0x9e3779b97f4a7c15u + salt * 0xbf58476d1ce4e5b9u + 0x94d049bb133111ebu;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* Days since 1970-01-01 of a civil date, and back (H. Hinnant's algorithms). */
static int32_t day_of(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void ymd_of(int32_t z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/* Write day as YYYY-MM-DD into p (11 bytes). */
static char *iso(char *p, int32_t day)
{
	int y, m, d;
	ymd_of(day, &y, &m, &d);
	int v[8] = { y / 1000 % 10, y / 100 % 10, y / 10 % 10, y % 10,
		     m / 10,	    m % 10,	  d / 10,      d % 10 };
	static const int at[8] = { 0, 1, 2, 3, 5, 6, 8, 9 };
	for (int k = 0; k < 8; k++)
		p[at[k]] = (char)('0' + v[k]);
	p[4] = p[7] = '-';
	p[10] = '\0';
	return p;
}

/* The 13-digit ID of 12 digits d12, with its check digit (DOMAIN.md §5). */
static int64_t with_check(int64_t d12)
{
	int sum = 0;
	int64_t v = d12;
	for (int w = 2; w <= 13; w++, v /= 10)
		sum += w * (int)(v % 10);
	return d12 * 10 + (11 - sum % 11) % 10;
}

static FILE *open_out(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (f == NULL) {
		fprintf(stderr, "gen_national: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	return f;
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);
	if (p == NULL) {
		fprintf(stderr, "gen_national: out of memory\n");
		exit(1);
	}
	return p;
}

/* The level-4 area codes of path, in file order; *n their number. */
static int32_t *read_areas(const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		fprintf(stderr, "gen_national: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	size_t cap = 1 << 17;
	int32_t *v = xcalloc(cap, sizeof *v);
	long code;
	*n = 0;
	while (fscanf(f, "%ld", &code) == 1) {
		if (code < 10000000 || code > 99999999)
			continue;
		if (*n == cap) {
			int32_t *nv = realloc(v, (cap *= 2) * sizeof *v);
			if (nv == NULL) {
				fprintf(stderr, "gen_national: out of memory\n");
				exit(1);
			}
			v = nv;
		}
		v[(*n)++] = (int32_t)code;
	}
	fclose(f);
	if (*n == 0) {
		fprintf(stderr, "gen_national: no area codes in %s\n", path);
		exit(1);
	}
	return v;
}

/* The member's share in baht of option for month (y, m): data/rates.csv. */
static int share_baht(int option, int y, int m)
{
	static const int full[4] = { 0, 70, 100, 300 }, reduced[4] = { 0, 42, 60, 180 };
	int ym = y * 12 + m - 1;
	int cut = ym >= 2021 * 12 + 7 && ym <= 2022 * 12 + 6; /* 2021-08 … 2022-07 */
	return cut ? reduced[option] : full[option];
}

static const char *const channels[] = { "counter", "counter", "bank", "app", "office" };

/* Writes the monthly receipts of person id (option) for the months from
 * (y, m) for n months, each paid on a day 1–25 of its own month. */
static void write_receipts(FILE *f, int64_t id, long long i, int option, int y, int m, int n)
{
	for (int k = 0; k < n; k++) {
		uint64_t h = mix((uint64_t)i * 131 + (uint64_t)k, 7);
		fprintf(f, "%lld,R%lld-%04d%02d,%04d-%02d-%02d,%04d-%02d,%d,%s\n", (long long)id, i,
			y, m, y, m, 1 + (int)(h % 25), y, m, share_baht(option, y, m),
			channels[(h >> 8) % COUNT(channels)]);
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: gen_national N AREAS OUTDIR\n");
		return 2;
	}
	char *end;
	errno = 0;
	long long n = strtoll(argv[1], &end, 10);
	if (errno != 0 || *end != '\0' || n < 1 || n > 100000000) {
		fprintf(stderr, "gen_national: N is 1 to 100,000,000\n");
		return 2;
	}
	size_t na;
	int32_t *areas = read_areas(argv[2], &na);

	/* Areas per province, each area's rank in its province, and the
	 * cumulative weight of each area (its province's population over its
	 * province's number of areas). */
	size_t per_prov[100] = { 0 };
	size_t *rank = xcalloc(na, sizeof *rank);
	for (size_t a = 0; a < na; a++)
		rank[a] = per_prov[areas[a] / 1000000]++;
	long pop[100] = { 0 };
	for (size_t k = 0; k < COUNT(province_pop); k++)
		pop[province_pop[k].code] = province_pop[k].pop;
	double *cum = xcalloc(na, sizeof *cum);
	double total = 0;
	for (size_t a = 0; a < na; a++) {
		int p = areas[a] / 1000000;
		total += per_prov[p] > 0 ? (double)pop[p] / (double)per_prov[p] : 0;
		cum[a] = total;
	}
	if (total <= 0) {
		fprintf(stderr, "gen_national: no area of a known province in %s\n", argv[2]);
		return 1;
	}

	uint32_t *seq = xcalloc(2 * MAX_DISTRICT, sizeof *seq);
	FILE *fp = open_out(argv[3], "persons.csv");
	FILE *fe = open_out(argv[3], "enrolments.csv");
	FILE *fx = open_out(argv[3], "exclusions.csv");
	FILE *f100 = open_out(argv[3], "payments_100.csv");
	FILE *f10 = open_out(argv[3], "payments_10.csv");
	FILE *fl = open_out(argv[3], "ledger.csv");
	FILE *fs = open_out(argv[3], "survey.csv");
	FILE *fsample = open_out(argv[3], "sample.txt");
	fputs("id,title,first_name,last_name,birth_date,sex,thai,village\n", fp);
	fputs("id,option,date\n", fe);
	fputs("id,kind,start_date,source\n", fx);
	static const char pay_head[] = "id,receipt,paid_date,from_month,amount,channel\n";
	fputs(pay_head, f100);
	fputs(pay_head, f10);
	fputs(pay_head, fl);
	fputs("village,date,id,status,reason\n", fs);

	const int32_t enrol_lo = day_of(2012, 1, 1), enrol_hi = day_of(2025, 12, 31);
	const int32_t born_1984 = day_of(1984, 1, 1), y2016 = day_of(2016, 1, 1);
	const int32_t y2025 = day_of(2025, 1, 1), survey_day = day_of(2025, 9, 1);
	long long n_enrol = 0, n_end = 0, n_cover = 0, n_p100 = 0, n_p10 = 0, n_ledger = 0;
	long long n_survey = 0, n_opt[4] = { 0 };
	for (long long i = 0; i < n; i++) {
		uint64_t h = mix((uint64_t)i, 1), h2 = mix((uint64_t)i, 2),
			 h3 = mix((uint64_t)i, 3);
		double u = (double)(h >> 11) / 9007199254740992.0 * total;
		size_t lo = 0, hi = na - 1;
		while (lo < hi) { /* the first area whose cumulative weight passes u */
			size_t mid = lo + (hi - lo) / 2;
			if (cum[mid] > u)
				hi = mid;
			else
				lo = mid + 1;
		}
		int32_t village = areas[lo];
		int32_t enrol =
			enrol_lo + (int32_t)((h3 >> 20) % (uint64_t)(enrol_hi - enrol_lo + 1));
		/* 16 years and a week to 57 years old on the enrolment day. */
		int32_t age = 16 * 365 + 11 + (int32_t)((h2 >> 8) % (41 * 365));
		int32_t birth = enrol - age;
		int female = (int)(h2 & 1);
		int type = birth >= born_1984 ? 1 : 3;
		int district = village / 10000;
		uint32_t *s = &seq[(type == 3) * MAX_DISTRICT + district];
		if (*s >= SEQ_SPACE) {
			fprintf(stderr, "gen_national: too many persons for district %d\n",
				district);
			return 1;
		}
		/* 7919 is prime and not a factor of 10^7: a bijection of the sequence. */
		uint32_t scrambled = (uint32_t)(((uint64_t)(*s)++ * 7919u + 12345u) % SEQ_SPACE);
		int64_t id = with_check(((int64_t)type * 10000 + district) * SEQ_SPACE + scrambled);
		char b[11];
		fprintf(fp, "%lld,%s,%s,%s,%s,%c,yes,%ld\n", (long long)id,
			female ? ((h2 >> 4) & 1 ? "นาง" : "นางสาว") : "นาย",
			female ? first_f[(h2 >> 16) % COUNT(first_f)] :
				 first_m[(h2 >> 16) % COUNT(first_m)],
			last[(h2 >> 24) % COUNT(last)], iso(b, birth), female ? 'F' : 'M',
			(long)village);

		/* What the register says on the survey day: 0 uninsured, 1 member,
		 * 2 Section 33, 3 civil servant. */
		int state = 0;
		if ((h3 & 0xffff) < 36045) { /* 55 % of 65,536: a member */
			int r = (int)((h3 >> 16) % 10), option = r < 6 ? 1 : r < 9 ? 2 : 3;
			fprintf(fe, "%lld,%d,%s\n", (long long)id, option, iso(b, enrol));
			n_enrol++;
			n_opt[option]++;
			state = enrol <= survey_day;
			int32_t cover = enrol + 30 + (int32_t)((h3 >> 24) % 1500);
			if ((h3 >> 40) % 5 == 0 && cover <= enrol_hi) { /* ends in Section 33 */
				fprintf(fx, "%lld,s33,%s,sso-s33\n", (long long)id, iso(b, cover));
				n_end++;
				if (cover <= survey_day)
					state = 2;
			} else if (enrol < y2025) {
				/* A member all of 2025: may pay its months. */
				int k = (int)((h3 >> 44) % 100);
				if (k == 0) {
					write_receipts(f100, id, i, option, 2025, 1, 12);
					n_p100++;
				} else if (k < 10) {
					write_receipts(f10, id, i, option, 2025, 1, 12);
					n_p10++;
				} else if (enrol < y2016 && (h3 >> 51) % 30000 == 0) {
					write_receipts(fl, id, i, option, 2016, 1, 120);
					n_ledger++;
					if (n_ledger <= 20)
						fprintf(fsample, "ledger %lld\n", (long long)id);
				}
			}
		} else if ((h3 >> 16) % 10 == 0) { /* covered elsewhere, not a member */
			int civil = (h3 >> 20) & 1;
			int32_t from = enrol_lo + (int32_t)((h3 >> 24) % 3000);
			if (from < birth + 18 * 365)
				from = birth + 18 * 365;
			fprintf(fx, "%lld,%s,%s,%s\n", (long long)id,
				civil ? "civil_servant" : "s33", iso(b, from),
				civil ? "cgd" : "sso-s33");
			n_cover++;
			state = from <= survey_day ? (civil ? 3 : 2) : 0;
		}
		/* Surveyed: the residents of one area in 50 of each province who are
		 * 16 to 64 on the survey day. */
		size_t a = lo;
		int32_t age_survey = survey_day - birth;
		if (rank[a] % 50 == 0 && age_survey >= 16 * 365 && age_survey < 64 * 365) {
			static const char *const status[] = { "uninsured", "member", "s33",
							      "civil_servant" };
			int student = state == 0 && age_survey < 22 * 365 && (h2 >> 50) % 3 == 0;
			fprintf(fs, "%ld,2025-09-01,%lld,%s,%s\n", (long)village, (long long)id,
				student ? "ineligible" : status[state], student ? "student" : "");
			n_survey++;
		}
	}
	for (int p = 10; p < 100; p++)
		if (per_prov[p] > 0)
			fprintf(fsample, "province %d %zu\n", p, per_prov[p]);
	int bad = 0;
	FILE *all[] = { fp, fe, fx, f100, f10, fl, fs, fsample };
	for (size_t k = 0; k < COUNT(all); k++)
		bad |= fclose(all[k]) != 0;
	free(seq);
	free(cum);
	free(rank);
	free(areas);
	if (bad) {
		fprintf(stderr, "gen_national: writing %s: %s\n", argv[3], strerror(errno));
		return 1;
	}
	printf("%lld persons, %lld enrolments (options %lld/%lld/%lld), %lld ended by s33, "
	       "%lld covered elsewhere, %lld payers 1/100, %lld more payers to 1/10, %lld with "
	       "10 years paid, %lld surveyed\n",
	       n, n_enrol, n_opt[1], n_opt[2], n_opt[3], n_end, n_cover, n_p100, n_p10, n_ledger,
	       n_survey);
	return 0;
}
