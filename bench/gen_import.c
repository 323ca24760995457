/*
 * gen_import.c — the input of bench/import.sh and bench/asof.sh: N persons,
 * the enrolments of about half of them and the Section 33 cover that ends
 * about a fifth of those memberships, as the CSV files `s40 import persons`,
 * `s40 import enrolments` and `s40 import exclusions` read (docs/FORMATS.md).
 *
 *   gen_import N VILLAGES OUTDIR
 *
 * VILLAGES is a file of 8-digit village codes, one a line (the area table of
 * `s40 init`). Writes OUTDIR/persons.csv, OUTDIR/enrolments.csv and
 * OUTDIR/exclusions.csv. The same N and villages give the same bytes.
 *
 * Each person i gets: a village drawn from the list; a national ID whose first
 * digit is 1 (born from 1984) or 3, whose next four are the village's district
 * (the registration office) and whose next seven are a scrambled sequence of
 * that office, with its check digit — so the IDs come in no order, as in a
 * national file; Thai names from small lists; a birth date that makes them 16
 * to 57 on their enrolment day; sex; Thai nationality. Enrolments fall between
 * 1 January 2012 and 31 December 2025 (option 1–3); the cover, where there is
 * one, starts 30 to 1,529 days after the enrolment and no later than
 * 31 December 2025. Dates are written as ISO dates.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DISTRICT 10000 /* four-digit district codes */
#define SEQ_SPACE 10000000u /* seven digits of sequence per office */

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
		fprintf(stderr, "gen_import: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	return f;
}

static int32_t *read_villages(const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		fprintf(stderr, "gen_import: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	size_t cap = 1 << 17;
	int32_t *v = malloc(cap * sizeof *v);
	long code;
	*n = 0;
	while (v != NULL && fscanf(f, "%ld", &code) == 1) {
		if (code < 10000000 || code > 99999999 || code % 100 == 0)
			continue; /* not a real หมู่ */
		if (*n == cap) {
			int32_t *nv = realloc(v, (cap *= 2) * sizeof *v);
			if (nv == NULL) {
				free(v);
				v = NULL;
				break;
			}
			v = nv;
		}
		v[(*n)++] = (int32_t)code;
	}
	fclose(f);
	if (v == NULL || *n == 0) {
		fprintf(stderr, "gen_import: no village codes in %s\n", path);
		exit(1);
	}
	return v;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: gen_import N VILLAGES OUTDIR\n");
		return 2;
	}
	long long n = atoll(argv[1]);
	if (n < 1 || n > 100000000) {
		fprintf(stderr, "gen_import: N is 1 to 100,000,000\n");
		return 2;
	}
	size_t nv;
	int32_t *villages = read_villages(argv[2], &nv);
	/* The next sequence number of each (first digit 1 or 3, district). */
	uint32_t *seq = calloc(2 * MAX_DISTRICT, sizeof *seq);
	if (seq == NULL)
		return 1;
	FILE *fp = open_out(argv[3], "persons.csv");
	FILE *fe = open_out(argv[3], "enrolments.csv");
	FILE *fx = open_out(argv[3], "exclusions.csv");
	fputs("id,title,first_name,last_name,birth_date,sex,thai,village\n", fp);
	fputs("id,option,date\n", fe);
	fputs("id,kind,start_date,source\n", fx);

	const int32_t enrol_lo = day_of(2012, 1, 1), enrol_hi = day_of(2025, 12, 31);
	const int32_t born_1984 = day_of(1984, 1, 1);
	long long n_enrol = 0, n_excl = 0;
	for (long long i = 0; i < n; i++) {
		uint64_t h = mix((uint64_t)i, 1), h2 = mix((uint64_t)i, 2);
		int32_t village = villages[h % nv];
		int32_t enrol =
			enrol_lo + (int32_t)((h >> 20) % (uint64_t)(enrol_hi - enrol_lo + 1));
		/* 16 years and a week to 57 years old on the enrolment day. */
		int32_t age = 16 * 365 + 11 + (int32_t)((h2 >> 8) % (41 * 365));
		int32_t birth = enrol - age;
		int female = (int)(h2 & 1);
		int type = birth >= born_1984 ? 1 : 3;
		int district = village / 10000;
		uint32_t *s = &seq[(type == 3) * MAX_DISTRICT + district];
		if (*s >= SEQ_SPACE) {
			fprintf(stderr, "gen_import: too many persons for district %d\n", district);
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
		if ((h2 >> 40) & 1) /* about half enrol */
			continue;
		fprintf(fe, "%lld,%d,%s\n", (long long)id, (int)((h2 >> 41) % 3) + 1,
			iso(b, enrol));
		n_enrol++;
		if ((h2 >> 44) % 5 != 0) /* about a fifth move to Section 33 */
			continue;
		int32_t cover = enrol + 30 + (int32_t)((h2 >> 48) % 1500);
		if (cover > enrol_hi)
			continue;
		fprintf(fx, "%lld,s33,%s,sso-s33\n", (long long)id, iso(b, cover));
		n_excl++;
	}
	int bad = 0;
	bad |= fclose(fp) != 0;
	bad |= fclose(fe) != 0;
	bad |= fclose(fx) != 0;
	free(seq);
	free(villages);
	if (bad) {
		fprintf(stderr, "gen_import: writing %s: %s\n", argv[3], strerror(errno));
		return 1;
	}
	printf("%lld persons, %lld enrolments, %lld exclusions\n", n, n_enrol, n_excl);
	return 0;
}
