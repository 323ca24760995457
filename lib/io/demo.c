/*
 * demo.c — the synthetic Samut Songkhram: people, memberships and exclusions
 * for province 75, made deterministically from a seed and written through the
 * registry operations, with exactly 17,093 members active on 31 Oct 2019.
 *
 * The demo is planned in memory first, then written. The plan decides each
 * person's fate before any date is drawn: a fixed number of persons are members
 * on 31 Oct 2019 (the count day), the others ended before it, joined after it,
 * or never joined. So the figure is exact by construction; the as-of index
 * checks it again before the commit. Each phase draws from its own random
 * stream (xoshiro256** seeded through splitmix64 from the seed and the phase),
 * so that a later phase (payments, surveys, the network) can be added without
 * changing what the earlier ones make.
 *
 * Every date but those of the payments from 2020 on lies between 2012-01-01
 * and 2019-12-31, so the register does not depend on the day it is built, and
 * every enrolment falls under the age rule of 15–60 full years (the 65 limit
 * came in on 24 Jun 2020). The members who still pay at the end of 2019 go on
 * paying up to the month before the day the demo is built (reg->today), so
 * that the follow-up lists on that day hold those who stopped, not everyone.
 */
#include "io/demo.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/area.h"
#include "core/date.h"
#include "core/natid.h"
#include "registry/areas.h"
#include "registry/event.h"
#include "registry/exclusion.h"
#include "registry/journal.h"
#include "registry/ledger.h"
#include "registry/membership.h"
#include "registry/network.h"
#include "registry/person.h"
#include "registry/survey.h"
#include "registry/target.h"
#include "rules/eligibility.h"
#include "stats/asof.h"
#include "stats/coverage.h"

/* ------------------------------------------------------------------------ */
/* Random numbers: xoshiro256** (Blackman and Vigna), seeded by splitmix64. */

struct demo_rng {
	uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* A stream for one phase of the plan: the same seed and phase, the same numbers. */
static void rng_init(struct demo_rng *r, uint64_t seed, uint64_t phase)
{
	uint64_t x = seed ^ (phase * 0xd1b54a32d192ed03ULL);
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static uint64_t rng_next(struct demo_rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

/* Uniform in [0, n), n > 0, without modulo bias. */
static uint64_t rng_below(struct demo_rng *r, uint64_t n)
{
	uint64_t floor = (0 - n) % n; /* 2^64 mod n: values below it are rejected */
	for (;;) {
		uint64_t x = rng_next(r);
		if (x >= floor)
			return x % n;
	}
}

/* Uniform in [lo, hi]. */
static int64_t rng_range(struct demo_rng *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)rng_below(r, (uint64_t)(hi - lo + 1));
}

/* True with probability pct / 100. */
static bool rng_pct(struct demo_rng *r, int pct)
{
	return (int)rng_below(r, 100) < pct;
}

/* Random-stream phases (never renumber: the demo would change). */
enum demo_phase {
	PHASE_VILLAGES = 1,
	PHASE_FATES = 2,
	PHASE_SPELLS = 3,
	PHASE_PEOPLE = 4,
	PHASE_CAMPAIGN = 5, /* issue 5: surveys and targets (campaign_write) */
	PHASE_NETWORK = 6, /* issue 5: the network and field events (network_write) */
	PHASE_PAYMENTS = 40, /* issue 3: contribution payments up to 2019 (payments_to_2019) */
	PHASE_PAYMENTS_LATER = 41, /* contribution payments from 2020 on (payments_later) */
};

/* ------------------------------------------------------------------------ */
/* Names. Common Thai given names and surnames with their RTGS spelling. */

struct demo_name {
	const char *th;
	const char *en;
};

static const struct demo_name male_names[] = {
	{ "สมชาย", "Somchai" },	     { "สมศักดิ์", "Somsak" },
	{ "สมพงษ์", "Somphong" },     { "สมบัติ", "Sombat" },
	{ "ประเสริฐ", "Prasoet" },    { "วิชัย", "Wichai" },
	{ "สุรชัย", "Surachai" },	     { "ชัยวัฒน์", "Chaiwat" },
	{ "ณัฐพล", "Natthaphon" },    { "ธนากร", "Thanakon" },
	{ "กิตติพงษ์", "Kittiphong" },  { "อนุชา", "Anucha" },
	{ "สุชาติ", "Suchat" },	     { "บุญมี", "Bunmi" },
	{ "บุญชัย", "Bunchai" },	     { "มานพ", "Manop" },
	{ "วีระ", "Wira" },	     { "ประสิทธิ์", "Prasit" },
	{ "สุนทร", "Sunthon" },	     { "เอกชัย", "Ekkachai" },
	{ "ธีระ", "Thira" },	     { "นิพนธ์", "Niphon" },
	{ "ไพโรจน์", "Phairot" },     { "สมคิด", "Somkhit" },
	{ "จักรพันธ์", "Chakkraphan" }, { "อภิชาติ", "Aphichat" },
	{ "ศักดิ์ชัย", "Sakchai" },	     { "วรวุฒิ", "Worawut" },
	{ "ธวัชชัย", "Thawatchai" },   { "ปัญญา", "Panya" },
	{ "สุวิทย์", "Suwit" },	     { "เกรียงไกร", "Kriangkrai" },
	{ "พิชิต", "Phichit" },	     { "ณรงค์", "Narong" },
	{ "อำนาจ", "Amnat" },	     { "บรรจง", "Banchong" },
	{ "ทองดี", "Thongdi" },	     { "สมหมาย", "Sommai" },
	{ "ชาตรี", "Chatri" },	     { "วันชัย", "Wanchai" },
};

static const struct demo_name female_names[] = {
	{ "สมศรี", "Somsi" },	   { "มาลี", "Mali" },	      { "สุดา", "Suda" },
	{ "วันเพ็ญ", "Wanphen" },	   { "นงลักษณ์", "Nongluk" },   { "บุญเรือน", "Bunruean" },
	{ "จันทร์เพ็ญ", "Chanphen" }, { "สายสุนีย์", "Saisuni" },   { "รัตนา", "Rattana" },
	{ "อรุณี", "Aruni" },	   { "กาญจนา", "Kanchana" },  { "สุภาพร", "Suphaphon" },
	{ "พรทิพย์", "Phonthip" },   { "ศิริพร", "Siriphon" },    { "ปราณี", "Prani" },
	{ "ทองใบ", "Thongbai" },   { "บุษบา", "Butsaba" },     { "วิไลวรรณ", "Wilaiwan" },
	{ "ณัฐธิดา", "Natthida" },   { "กมลวรรณ", "Kamonwan" }, { "ปิยะนุช", "Piyanut" },
	{ "สุนิสา", "Sunisa" },	   { "อัญชลี", "Anchali" },     { "เยาวลักษณ์", "Yaowalak" },
	{ "จิราพร", "Chiraphon" },  { "ดวงใจ", "Duangchai" },  { "นภา", "Napha" },
	{ "ลำดวน", "Lamduan" },	   { "บัวผัน", "Buaphan" },     { "สมพร", "Somphon" },
	{ "อำไพ", "Amphai" },	   { "ประไพ", "Praphai" },    { "สุกัญญา", "Sukanya" },
	{ "ชนิดา", "Chanida" },	   { "พัชรี", "Phatchari" },    { "อุไรวรรณ", "Uraiwan" },
	{ "เพ็ญศรี", "Phensi" },	   { "ทัศนีย์", "Thatsani" },    { "ละเอียด", "La-iat" },
	{ "สมจิตร", "Somchit" },
};

static const struct demo_name surnames[] = {
	{ "ศรีสุข", "Sisuk" },	      { "แสงทอง", "Saengthong" },
	{ "ทองดี", "Thongdi" },	      { "บุญมา", "Bunma" },
	{ "สุขสวัสดิ์", "Suksawat" },     { "จันทร์หอม", "Chanhom" },
	{ "แก้วมณี", "Kaeomani" },      { "พึ่งทอง", "Phuengthong" },
	{ "รุ่งเรือง", "Rungrueang" },   { "มีสุข", "Misuk" },
	{ "ใจดี", "Chaidi" },	      { "ทองคำ", "Thongkham" },
	{ "สมบูรณ์", "Sombun" },	      { "เจริญผล", "Charoenphon" },
	{ "วงศ์สวัสดิ์", "Wongsawat" },   { "ศรีวงศ์", "Siwong" },
	{ "พงษ์พันธ์", "Phongphan" },    { "นาคสุข", "Naksuk" },
	{ "ปานทอง", "Panthong" },     { "อินทร์แก้ว", "Inkaeo" },
	{ "กลิ่นหอม", "Klinhom" },      { "เกิดผล", "Koetphon" },
	{ "ชื่นใจ", "Chuenchai" },      { "บุญรอด", "Bunrot" },
	{ "ทองอยู่", "Thongyu" },	      { "สุขเจริญ", "Sukcharoen" },
	{ "แซ่ลิ้ม", "Sae Lim" },	      { "แซ่ตั้ง", "Sae Tang" },
	{ "แซ่เฮง", "Sae Heng" },      { "ศรีประเสริฐ", "Siprasoet" },
	{ "มั่นคง", "Mankhong" },	      { "รักษาพล", "Raksaphon" },
	{ "สายทอง", "Saithong" },     { "คงเจริญ", "Khongcharoen" },
	{ "ธรรมรักษ์", "Thammarak" },   { "นิลสุวรรณ", "Ninsuwan" },
	{ "พุ่มพวง", "Phumphuang" },    { "ทองประเสริฐ", "Thongprasoet" },
	{ "เรืองศรี", "Rueangsi" },     { "วัฒนา", "Watthana" },
	{ "สุวรรณรัตน์", "Suwannarat" }, { "อ่อนศรี", "Onsi" },
	{ "เนียมหอม", "Niamhom" },     { "ขำวิจิตร", "Khamwichit" },
	{ "จันทร์แก้ว", "Chankaeo" },    { "ยิ้มแย้ม", "Yimyaem" },
	{ "พันธุ์ดี", "Phandi" },	      { "ปิ่นทอง", "Pinthong" },
	{ "เพชรรัตน์", "Phetcharat" },  { "นาคทอง", "Nakthong" },
	{ "ศรีเมือง", "Simueang" },     { "สังข์ทอง", "Sangthong" },
	{ "แจ่มใส", "Chaemsai" },      { "บุญเกิด", "Bunkoet" },
	{ "ทรัพย์มาก", "Sapmak" },      { "เกตุแก้ว", "Ketkaeo" },
	{ "อยู่เย็น", "Yuyen" },	      { "ดีมาก", "Dimak" },
	{ "สีนวล", "Sinuan" },	      { "เอี่ยมสะอาด", "Iamsa-at" },
};

/* Residents not of Thai nationality: names as written on their cards in Thai. */
static const struct demo_name foreign_first[] = {
	{ "หม่อง", "Maung" }, { "อ่อง", "Aung" }, { "ทูน", "Tun" },  { "มิน", "Min" },
	{ "ซู", "Su" },	     { "เอ", "Aye" },	{ "ขิ่น", "Khin" }, { "ซอ", "Saw" },
};
static const struct demo_name foreign_last[] = {
	{ "ลวิน", "Lwin" }, { "อู", "Oo" },    { "ไหน่", "Naing" },
	{ "จ่อ", "Kyaw" },  { "เท", "Htay" }, { "มินต์", "Myint" },
};

static const char *const streets[] = {
	"ถนนเพชรสมุทร", "ถนนเอกชัย", "ถนนศรีจำปา", "ถนนกาญจนวนิช", "ถนนประชาเสริมทรัพย์",
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------------ */
/* The plan. */

/* What happens to a person, decided before any date is drawn. */
enum demo_fate {
	FATE_ACTIVE, /* one spell from before the count day, still open at the end */
	FATE_ACTIVE_LEAVES, /* one spell from before the count day, ended after it */
	FATE_ACTIVE_RETURNED, /* ended once, enrolled again on or before the count day */
	FATE_ENDED, /* one spell ended on or before the count day */
	FATE_ENDED_RETURNS, /* ended on or before the count day, enrolled again after it */
	FATE_LATE, /* enrolled after the count day */
	FATE_REGISTERED, /* registered, eligible, never a member */
	FATE_EXCLUDED, /* covered by Section 33/39 or a civil servant from the start */
	FATE_INELIGIBLE, /* registered, not eligible (not Thai, or over 60) */
	FATE__N
};

/* How many persons have each fate. The first three are the members on the
 * count day and add up to the seed's figure. */
#define N_ACTIVE_LEAVES 350
#define N_ACTIVE_RETURNED 250
static const long fate_count[FATE__N] = {
	[FATE_ACTIVE] = S40_DEMO_MEMBERS_2019_10_31 - N_ACTIVE_LEAVES - N_ACTIVE_RETURNED,
	[FATE_ACTIVE_LEAVES] = N_ACTIVE_LEAVES,
	[FATE_ACTIVE_RETURNED] = N_ACTIVE_RETURNED,
	[FATE_ENDED] = 2600,
	[FATE_ENDED_RETURNS] = 200,
	[FATE_LATE] = 500,
	[FATE_REGISTERED] = 4200,
	[FATE_EXCLUDED] = 1900,
	[FATE_INELIGIBLE] = 650,
};

static bool fate_active_on_count_day(int fate)
{
	return fate == FATE_ACTIVE || fate == FATE_ACTIVE_LEAVES || fate == FATE_ACTIVE_RETURNED;
}

enum demo_channel {
	CH_OFFICE,
	CH_EVENT,
	CH_VOLUNTEER,
	CH_COUNTER
};
static const char *const channel_key[] = { "office", "event", "volunteer", "counter" };

#define MIN_PER_VILLAGE 20 /* persons in every village and every town area */
#define EVENT_ENROLMENTS 30 /* enrolled at the 8 Nov 2019 event */
#define NO_PERSON (-1)

struct demo_spell {
	int32_t start_day;
	int32_t end_day; /* first day not a member; S40_NO_DAY: open */
	int end_reason; /* enum s40_end_reason; 0 while open */
	int excl_kind; /* ended by recording this exclusion; 0: by membership_end */
	int32_t excl_end; /* that exclusion's last day; S40_NO_DAY: still in force */
	int option;
	int channel;
	int32_t recruiter; /* person index, NO_PERSON */
	int32_t change_day; /* option change requested that day; S40_NO_DAY: none */
	int change_option;
};

struct demo_person {
	int64_t id;
	int32_t village;
	int32_t birth_day;
	uint8_t fate;
	uint8_t sex; /* 1 male, 2 female */
	uint8_t thai; /* 1 Thai, 0 not */
	uint8_t volunteer; /* chosen as a volunteer of the subdistrict */
	uint8_t recruited; /* a volunteer who recruited someone */
	uint8_t married; /* a woman titled นาง */
	uint8_t n_spells;
	uint16_t first, last; /* into the name tables (foreign ones when not Thai) */
	uint16_t house, house_sub;
	int8_t street; /* -1: none */
	char phone[12];
	struct demo_spell spell[2];
	int excl_kind; /* FATE_EXCLUDED: the exclusion from the start */
	int32_t excl_start;
};

struct demo_village {
	int32_t code;
	int32_t subdistrict;
	int moo;
	int weight;
	long n_persons;
};

struct demo_sub {
	int32_t code;
	size_t first_person, n_persons; /* persons are stored village by village */
	size_t first_vol, n_vol; /* into plan.volunteers */
};

struct demo_plan {
	uint64_t seed;
	int32_t first_day, count_day, last_day, event_day;
	struct demo_village *villages;
	size_t n_villages;
	struct demo_sub *subs;
	size_t n_subs;
	struct demo_person *people;
	size_t n_people;
	int32_t *volunteers; /* person indices, by subdistrict */
	size_t n_volunteers;
	long n_recruiters; /* volunteers who recruited at least one member */
	int64_t *day_cum; /* enrolment weight of the days before first_day + i */
	size_t n_days;
};

static void plan_free(struct demo_plan *p)
{
	free(p->villages);
	free(p->subs);
	free(p->people);
	free(p->volunteers);
	free(p->day_cum);
	memset(p, 0, sizeof *p);
}

static enum s40_err nomem(struct s40_ctx *ctx)
{
	return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
}

/* ------------------------------------------------------------------------ */
/* Villages from the store. */

static enum s40_err plan_add_village(struct demo_plan *p, size_t *cap, const struct s40_area_rec *a,
				     struct s40_ctx *ctx)
{
	if (p->n_villages == *cap) {
		*cap = *cap ? *cap * 2 : 512;
		struct demo_village *nv = realloc(p->villages, *cap * sizeof *nv);
		if (nv == NULL)
			return nomem(ctx);
		p->villages = nv;
	}
	struct demo_village *v = &p->villages[p->n_villages++];
	memset(v, 0, sizeof *v);
	v->code = a->code;
	v->subdistrict = s40_area_parent(a->code);
	v->moo = s40_area_moo(a->code);
	return S40_OK;
}

/* Read the districts, subdistricts and villages of province 75, by code. */
static enum s40_err plan_load_villages(struct demo_plan *p, struct s40_store *st,
				       struct s40_ctx *ctx)
{
	struct s40_area_rec prov;
	enum s40_err rc = s40_area_get(st, S40_DEMO_PROVINCE, &prov, ctx);
	if (rc == S40_E_UNKNOWN_AREA)
		return s40_errorf(
			ctx, rc, "area", "ไม่พบจังหวัด %d ในฐานข้อมูล: ต้องโหลดข้อมูลพื้นที่ก่อนสร้างข้อมูลสาธิต",
			"province %d is not in the database: load the areas before the demo",
			S40_DEMO_PROVINCE);
	if (rc)
		return rc;
	struct s40_area_rec *dist = NULL, *sub = NULL, *vil = NULL;
	size_t n_dist = 0, n_sub = 0, n_vil = 0, cap = 0, sub_cap = 0;
	rc = s40_area_children(st, S40_DEMO_PROVINCE, &dist, &n_dist, ctx);
	for (size_t i = 0; rc == S40_OK && i < n_dist; i++) {
		rc = s40_area_children(st, dist[i].code, &sub, &n_sub, ctx);
		for (size_t j = 0; rc == S40_OK && j < n_sub; j++) {
			if (p->n_subs == sub_cap) {
				sub_cap = sub_cap ? sub_cap * 2 : 64;
				struct demo_sub *ns = realloc(p->subs, sub_cap * sizeof *ns);
				if (ns == NULL) {
					rc = nomem(ctx);
					break;
				}
				p->subs = ns;
			}
			memset(&p->subs[p->n_subs], 0, sizeof p->subs[0]);
			p->subs[p->n_subs++].code = sub[j].code;
			rc = s40_area_children(st, sub[j].code, &vil, &n_vil, ctx);
			for (size_t k = 0; rc == S40_OK && k < n_vil; k++)
				if (vil[k].level == S40_LEVEL_VILLAGE)
					rc = plan_add_village(p, &cap, &vil[k], ctx);
			free(vil);
			vil = NULL;
		}
		free(sub);
		sub = NULL;
	}
	free(dist);
	if (rc == S40_OK && p->n_villages == 0)
		rc = s40_errorf(ctx, S40_E_UNKNOWN_AREA, "area", "จังหวัด %d ไม่มีหมู่บ้าน",
				"province %d has no villages", S40_DEMO_PROVINCE);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Where people live. */

/*
 * Every village and every town area (a subdistrict with no villages, whose
 * people all have the 00 code) gets MIN_PER_VILLAGE persons; the rest are
 * spread by weight: villages of different sizes, a few big ones, the town areas
 * big, and a few people in the 00 codes of the other subdistricts.
 */
static enum s40_err plan_villages(struct demo_plan *p, long n_people, struct s40_ctx *ctx)
{
	struct demo_rng r;
	rng_init(&r, p->seed, PHASE_VILLAGES);
	long left = n_people;
	for (size_t i = 0; i < p->n_villages; i++) {
		struct demo_village *v = &p->villages[i];
		bool town = false;
		if (v->moo == 0) {
			town = true;
			for (size_t j = 0; j < p->n_villages; j++)
				if (p->villages[j].subdistrict == v->subdistrict &&
				    p->villages[j].moo > 0)
					town = false;
		}
		if (v->moo > 0) {
			v->weight = (int)rng_range(&r, 60, 200);
			if (rng_pct(&r, 12))
				v->weight *= 3;
		} else {
			v->weight = town ? 1500 : 4;
		}
		if (v->moo > 0 || town) {
			v->n_persons = MIN_PER_VILLAGE;
			left -= MIN_PER_VILLAGE;
		}
	}
	if (left < 0)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "หมู่บ้านมากเกินกว่าจำนวนคนในข้อมูลสาธิต",
				  "more villages than the demo has people for");
	int64_t total = 0;
	int64_t *cum = malloc((p->n_villages + 1) * sizeof *cum);
	if (cum == NULL)
		return nomem(ctx);
	cum[0] = 0;
	for (size_t i = 0; i < p->n_villages; i++)
		cum[i + 1] = total += p->villages[i].weight;
	for (long k = 0; k < left; k++) {
		int64_t x = (int64_t)rng_below(&r, (uint64_t)total);
		size_t lo = 0, hi = p->n_villages; /* the first i with cum[i + 1] > x */
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (cum[mid + 1] > x)
				hi = mid;
			else
				lo = mid + 1;
		}
		p->villages[lo].n_persons++;
	}
	free(cum);

	p->people = calloc((size_t)n_people, sizeof *p->people);
	if (p->people == NULL)
		return nomem(ctx);
	p->n_people = (size_t)n_people;
	size_t at = 0, s = 0;
	for (size_t i = 0; i < p->n_villages; i++) {
		while (s < p->n_subs && p->subs[s].code != p->villages[i].subdistrict)
			s++;
		if (s == p->n_subs)
			return s40_errorf(ctx, S40_E_INTERNAL, NULL, "ลำดับหมู่บ้านผิด",
					  "villages out of order");
		if (p->subs[s].n_persons == 0)
			p->subs[s].first_person = at;
		p->subs[s].n_persons += (size_t)p->villages[i].n_persons;
		for (long k = 0; k < p->villages[i].n_persons; k++)
			p->people[at++].village = p->villages[i].code;
	}
	return S40_OK;
}

/* ------------------------------------------------------------------------ */
/* Fates. */

struct fate_key {
	int64_t key;
	size_t i;
};

static int fate_key_cmp(const void *a, const void *b)
{
	const struct fate_key *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static void shuffle_u8(struct demo_rng *r, uint8_t *v, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)rng_below(r, i);
		uint8_t t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

/* Whether a fate may be given to a resident of the fully covered village. */
static bool fate_fits_full_village(int fate)
{
	return fate_active_on_count_day(fate) || fate == FATE_EXCLUDED || fate == FATE_INELIGIBLE;
}

/*
 * Give every person a fate, in exact numbers. Villages differ: each has a bias,
 * and persons sorted by bias plus noise take the member fates first, so that
 * coverage runs from about a quarter to nearly all. Then the fully covered
 * village trades its eligible non-members for members elsewhere, and the event
 * village trades some for persons who join after the count day.
 */
static enum s40_err plan_fates(struct demo_plan *p, struct s40_ctx *ctx)
{
	struct demo_rng r;
	rng_init(&r, p->seed, PHASE_FATES);
	size_t n = p->n_people;
	uint8_t *fates = malloc(n);
	struct fate_key *keys = malloc(n * sizeof *keys);
	int *bias = malloc(p->n_villages * sizeof *bias);
	if (fates == NULL || keys == NULL || bias == NULL) {
		free(fates);
		free(keys);
		free(bias);
		return nomem(ctx);
	}
	size_t at = 0, n_active = 0;
	for (int f = 0; f < FATE__N; f++)
		for (long k = 0; k < fate_count[f]; k++)
			fates[at++] = (uint8_t)f;
	for (int f = 0; f < FATE__N; f++)
		if (fate_active_on_count_day(f))
			n_active += (size_t)fate_count[f];
	shuffle_u8(&r, fates, n_active);
	shuffle_u8(&r, fates + n_active, n - n_active);

	for (size_t i = 0; i < p->n_villages; i++)
		bias[i] = (int)rng_below(&r, 700);
	size_t v = 0;
	for (size_t i = 0; i < n; i++) {
		while (p->villages[v].code != p->people[i].village)
			v++;
		keys[i].key = (int64_t)rng_below(&r, 1000) + bias[v];
		keys[i].i = i;
	}
	qsort(keys, n, sizeof *keys, fate_key_cmp);
	for (size_t j = 0; j < n; j++)
		p->people[keys[j].i].fate = fates[j];
	free(fates);
	free(keys);
	free(bias);

	/* The fully covered village: swap with members elsewhere. */
	size_t scan = 0;
	for (size_t i = 0; i < n; i++) {
		struct demo_person *a = &p->people[i];
		if (a->village != S40_DEMO_FULL_VILLAGE || fate_fits_full_village(a->fate))
			continue;
		while (scan < n && (p->people[scan].fate != FATE_ACTIVE ||
				    p->people[scan].village == S40_DEMO_FULL_VILLAGE))
			scan++;
		if (scan == n)
			return s40_errorf(ctx, S40_E_INTERNAL, NULL, "ไม่มีสมาชิกให้สลับ",
					  "no member left to swap with");
		p->people[scan].fate = a->fate;
		a->fate = FATE_ACTIVE;
	}
	/* The event village: some eligible non-members there join at the event. */
	long late_there = 0;
	for (size_t i = 0; i < n; i++)
		if (p->people[i].village == S40_DEMO_EVENT_VILLAGE &&
		    p->people[i].fate == FATE_LATE)
			late_there++;
	scan = 0;
	for (size_t i = 0; i < n && late_there < EVENT_ENROLMENTS; i++) {
		struct demo_person *a = &p->people[i];
		if (a->village != S40_DEMO_EVENT_VILLAGE || a->fate != FATE_REGISTERED)
			continue;
		while (scan < n && (p->people[scan].fate != FATE_LATE ||
				    p->people[scan].village == S40_DEMO_EVENT_VILLAGE))
			scan++;
		if (scan == n)
			break;
		p->people[scan].fate = FATE_REGISTERED;
		a->fate = FATE_LATE;
		late_there++;
	}
	return S40_OK;
}

/* Choose the volunteers of each subdistrict among its members. */
static enum s40_err plan_volunteers(struct demo_plan *p, struct s40_ctx *ctx)
{
	struct demo_rng r;
	rng_init(&r, p->seed, PHASE_FATES + 100);
	p->volunteers = malloc(p->n_people * sizeof *p->volunteers);
	if (p->volunteers == NULL)
		return nomem(ctx);
	for (size_t s = 0; s < p->n_subs; s++) {
		struct demo_sub *sub = &p->subs[s];
		sub->first_vol = p->n_volunteers;
		size_t want = 2 + sub->n_persons / 250;
		size_t n_members = 0;
		for (size_t k = 0; k < sub->n_persons; k++)
			if (p->people[sub->first_person + k].fate == FATE_ACTIVE)
				n_members++;
		if (want > n_members)
			want = n_members;
		/* Selection sampling (Knuth's algorithm S): want of n_members, in order. */
		size_t seen = 0;
		for (size_t k = 0; k < sub->n_persons && sub->n_vol < want; k++) {
			size_t i = sub->first_person + k;
			if (p->people[i].fate != FATE_ACTIVE)
				continue;
			if (rng_below(&r, n_members - seen) < want - sub->n_vol) {
				p->people[i].volunteer = 1;
				p->volunteers[p->n_volunteers++] = (int32_t)i;
				sub->n_vol++;
			}
			seen++;
		}
	}
	return S40_OK;
}

/* ------------------------------------------------------------------------ */
/* Dates. */

/* The enrolment weight of a day: modest growth from 2012, more in the
 * campaign years (FY2561–2562 = Oct 2017 – Sep 2019), less at weekends. */
static int64_t day_weight(int32_t day)
{
	int y, m, d;
	s40_day_to_ymd(day, &y, &m, &d);
	int k = (y - 2012) * 12 + (m - 1); /* months since January 2012 */
	int64_t w;
	if (k < 69) /* to September 2017 */
		w = 80 + 30 * k / 68;
	else if (k < 93) /* the campaign, October 2017 – September 2019 */
		w = 140;
	else
		w = 100;
	int wd = s40_day_weekday(day);
	if (wd == 0 || wd == 6)
		w /= 5;
	return w;
}

static enum s40_err plan_days(struct demo_plan *p, struct s40_ctx *ctx)
{
	p->n_days = (size_t)(p->last_day - p->first_day + 1);
	p->day_cum = malloc((p->n_days + 1) * sizeof *p->day_cum);
	if (p->day_cum == NULL)
		return nomem(ctx);
	p->day_cum[0] = 0;
	for (size_t i = 0; i < p->n_days; i++)
		p->day_cum[i + 1] = p->day_cum[i] + day_weight(p->first_day + (int32_t)i);
	return S40_OK;
}

/* An enrolment day in [lo, hi], by the day weights. */
static int32_t draw_enrol_day(const struct demo_plan *p, struct demo_rng *r, int32_t lo, int32_t hi)
{
	if (lo < p->first_day)
		lo = p->first_day;
	if (hi > p->last_day)
		hi = p->last_day;
	if (hi <= lo)
		return lo;
	size_t a = (size_t)(lo - p->first_day), b = (size_t)(hi - p->first_day) + 1;
	int64_t base = p->day_cum[a];
	int64_t x = base + (int64_t)rng_below(r, (uint64_t)(p->day_cum[b] - base));
	while (a + 1 < b) { /* the last i in [a, b) with day_cum[i] <= x */
		size_t mid = (a + b) / 2;
		if (p->day_cum[mid] <= x)
			a = mid;
		else
			b = mid;
	}
	return p->first_day + (int32_t)a;
}

/* Any day in [lo, hi], uniformly. */
static int32_t draw_day(struct demo_rng *r, int32_t lo, int32_t hi)
{
	return hi <= lo ? lo : (int32_t)rng_range(r, lo, hi);
}

static int draw_option(struct demo_rng *r)
{
	int x = (int)rng_below(r, 100);
	return x < 55 ? 1 : x < 90 ? 2 : 3;
}

/* A volunteer of person i's subdistrict other than i, or NO_PERSON. */
static int32_t draw_recruiter(const struct demo_plan *p, struct demo_rng *r, size_t i)
{
	int32_t sub = s40_area_parent(p->people[i].village);
	for (size_t s = 0; s < p->n_subs; s++) {
		if (p->subs[s].code != sub)
			continue;
		const struct demo_sub *ds = &p->subs[s];
		if (ds->n_vol == 0 ||
		    (ds->n_vol == 1 && p->volunteers[ds->first_vol] == (int32_t)i))
			return NO_PERSON;
		for (;;) {
			int32_t v = p->volunteers[ds->first_vol + rng_below(r, ds->n_vol)];
			if (v != (int32_t)i)
				return v;
		}
	}
	return NO_PERSON;
}

/* Channel and recruiter of an enrolment on day: networks and events carry
 * the campaign years; offices and counters the rest. */
static void draw_channel(const struct demo_plan *p, struct demo_rng *r, size_t i,
			 struct demo_spell *sp)
{
	bool campaign = sp->start_day >= s40_day_from_ymd(2017, 10, 1) &&
			sp->start_day <= s40_day_from_ymd(2019, 9, 30);
	int x = (int)rng_below(r, 100);
	if (campaign)
		sp->channel = x < 25 ? CH_OFFICE :
			      x < 40 ? CH_COUNTER :
			      x < 60 ? CH_EVENT :
				       CH_VOLUNTEER;
	else
		sp->channel = x < 50 ? CH_OFFICE :
			      x < 75 ? CH_COUNTER :
			      x < 80 ? CH_EVENT :
				       CH_VOLUNTEER;
	sp->recruiter = NO_PERSON;
	if (sp->channel == CH_VOLUNTEER || (sp->channel == CH_EVENT && rng_pct(r, 50)))
		sp->recruiter = draw_recruiter(p, r, i);
	if (sp->channel == CH_VOLUNTEER && sp->recruiter == NO_PERSON)
		sp->channel = CH_OFFICE;
}

static void spell_open(struct demo_spell *sp, int32_t start, int option)
{
	memset(sp, 0, sizeof *sp);
	sp->start_day = start;
	sp->end_day = S40_NO_DAY;
	sp->excl_end = S40_NO_DAY;
	sp->change_day = S40_NO_DAY;
	sp->option = option;
	sp->recruiter = NO_PERSON;
}

/* End sp on day for a reason drawn from pct[] (resigned, s33, death, civil
 * servant, in percent); s33 and civil servant are recorded as exclusions. */
static void spell_close(struct demo_rng *r, struct demo_spell *sp, int32_t day, const int pct[4])
{
	static const int reasons[4] = { S40_END_RESIGNED, S40_END_TO_S33, S40_END_DEATH,
					S40_END_CIVIL_SERVANT };
	int x = (int)rng_below(r, 100), k = 0;
	while (k < 3 && x >= pct[k]) {
		x -= pct[k];
		k++;
	}
	sp->end_day = day;
	sp->end_reason = reasons[k];
	if (reasons[k] == S40_END_TO_S33)
		sp->excl_kind = S40_EXCL_S33;
	else if (reasons[k] == S40_END_CIVIL_SERVANT)
		sp->excl_kind = S40_EXCL_CIVIL_SERVANT;
}

/* The spells of every person, by fate (dates only; birth days come after). */
static void plan_spells(struct demo_plan *p)
{
	static const int leave_pct[4] = { 40, 30, 15, 15 };
	static const int ended_pct[4] = { 45, 30, 15, 10 };
	static const int back_pct[4] = { 65, 35, 0, 0 }; /* people who come back are alive */
	struct demo_rng r;
	rng_init(&r, p->seed, PHASE_SPELLS);
	const int32_t D = p->count_day, L = p->last_day, F = p->first_day;
	const int32_t vol_last = s40_day_from_ymd(2016, 12, 31);
	for (size_t i = 0; i < p->n_people; i++) {
		struct demo_person *a = &p->people[i];
		struct demo_spell *s1 = &a->spell[0], *s2 = &a->spell[1];
		a->n_spells = 0;
		switch (a->fate) {
		case FATE_ACTIVE:
			spell_open(s1, draw_enrol_day(p, &r, F, a->volunteer ? vol_last : D),
				   draw_option(&r));
			a->n_spells = 1;
			if (rng_pct(&r, 4) && s1->start_day + 60 <= L) {
				s1->change_day = draw_day(&r, s1->start_day + 60, L);
				s1->change_option = 1 + (s1->option + (int)rng_below(&r, 2)) % 3;
			}
			break;
		case FATE_ACTIVE_LEAVES:
			spell_open(s1, draw_enrol_day(p, &r, F, D), draw_option(&r));
			spell_close(&r, s1, draw_day(&r, D + 1, L), leave_pct);
			a->n_spells = 1;
			break;
		case FATE_ACTIVE_RETURNED:
			spell_open(s1, draw_enrol_day(p, &r, F, D - 400), draw_option(&r));
			spell_close(&r, s1, draw_day(&r, s1->start_day + 60, D - 60), back_pct);
			spell_open(s2, draw_enrol_day(p, &r, s1->end_day + 30, D), draw_option(&r));
			a->n_spells = 2;
			break;
		case FATE_ENDED:
			spell_open(s1, draw_enrol_day(p, &r, F, D - 90), draw_option(&r));
			spell_close(&r, s1, draw_day(&r, s1->start_day + 30, D), ended_pct);
			a->n_spells = 1;
			break;
		case FATE_ENDED_RETURNS:
			spell_open(s1, draw_enrol_day(p, &r, F, D - 90), draw_option(&r));
			spell_close(&r, s1, draw_day(&r, s1->start_day + 30, D), back_pct);
			spell_open(s2, draw_enrol_day(p, &r, D + 1, L), draw_option(&r));
			a->n_spells = 2;
			break;
		case FATE_LATE:
			if (a->village == S40_DEMO_EVENT_VILLAGE)
				spell_open(s1, p->event_day, draw_option(&r));
			else
				spell_open(s1, draw_enrol_day(p, &r, D + 1, L), draw_option(&r));
			a->n_spells = 1;
			break;
		case FATE_EXCLUDED: {
			int x = (int)rng_below(&r, 100);
			a->excl_kind = x < 65 ? S40_EXCL_S33 :
				       x < 85 ? S40_EXCL_S39 :
				       x < 95 ? S40_EXCL_CIVIL_SERVANT :
						S40_EXCL_STATE_ENTERPRISE;
			a->excl_start = draw_day(&r, s40_day_from_ymd(2008, 1, 1), D - 120);
			break;
		}
		default:
			break;
		}
		for (int k = 0; k < a->n_spells; k++) {
			struct demo_spell *sp = &a->spell[k];
			draw_channel(p, &r, i, sp);
			if (a->fate == FATE_LATE && a->village == S40_DEMO_EVENT_VILLAGE)
				sp->channel = CH_EVENT;
			/* An exclusion that ended a spell is over before the next one. */
			if (k == 0 && a->n_spells == 2 && sp->excl_kind)
				sp->excl_end = draw_day(&r, sp->end_day, s2->start_day - 1);
		}
	}
}

/* ------------------------------------------------------------------------ */
/* Who the people are. */

/* Whether age on day fits the age rule in force that day. */
static bool age_allows_enrol(int32_t birth, int32_t day)
{
	const struct s40_age_rule *rule = s40_age_rule_on(day);
	int age = s40_age_on(birth, day);
	return rule != NULL && age >= rule->min_age && age <= rule->max_age;
}

/* A birth day giving completed age in [lo, hi] on day, ages in the middle
 * likelier (the sum of two uniform draws). */
static int32_t draw_birth(struct demo_rng *r, int32_t day, int lo, int hi)
{
	for (;;) {
		int span = hi - lo;
		int age = lo + ((int)rng_below(r, (uint64_t)span + 1) +
				(int)rng_below(r, (uint64_t)span + 1) + 1) /
				       2;
		int32_t birth = day - age * 365 - age / 4 - (int32_t)rng_below(r, 365);
		int got = s40_age_on(birth, day);
		if (got >= lo && got <= hi)
			return birth;
	}
}

/* A birth day such that every enrolment of a passes the age rule. */
static enum s40_err draw_member_birth(struct demo_rng *r, struct demo_person *a,
				      struct s40_ctx *ctx)
{
	for (int tries = 0; tries < 1000; tries++) {
		int32_t birth = draw_birth(r, a->spell[0].start_day, 16, 57);
		bool ok = true;
		for (int k = 0; k < a->n_spells; k++)
			ok = ok && age_allows_enrol(birth, a->spell[k].start_day);
		if (ok) {
			a->birth_day = birth;
			return S40_OK;
		}
	}
	return s40_errorf(ctx, S40_E_INTERNAL, NULL, "หาวันเกิดที่เข้ากับเกณฑ์อายุไม่ได้",
			  "no birth day fits the age rule");
}

/* Open-addressing set of the IDs given so far. */
struct id_set {
	int64_t *v;
	size_t mask;
};

static bool id_set_add(struct id_set *s, int64_t id)
{
	size_t h = (size_t)(((uint64_t)id * 0x9e3779b97f4a7c15ULL) >> 20) & s->mask;
	while (s->v[h]) {
		if (s->v[h] == id)
			return false;
		h = (h + 1) & s->mask;
	}
	s->v[h] = id;
	return true;
}

/*
 * A synthetic ID: the type digit as on real cards (1 for Thais born from 1984,
 * 3 for those on the 1984 register, a few 2, 5 and 8; 6, 7 or 8 for residents
 * who are not Thai), digits 2–5 a registration office of province 75 (7501–7503
 * the districts, 7599 the municipality), seven random digits, the check digit.
 */
static int64_t draw_id(struct demo_rng *r, const struct demo_person *a)
{
	int by, bm, bd;
	s40_day_to_ymd(a->birth_day, &by, &bm, &bd);
	char type;
	int x = (int)rng_below(r, 100);
	if (!a->thai)
		type = x < 50 ? '6' : x < 70 && by >= 1984 ? '7' : '8';
	else if (by >= 1984)
		type = x < 95 ? '1' : '2';
	else
		type = x < 90 ? '3' : x < 97 ? '5' : '8';
	int office = s40_area_at_level(a->village, S40_LEVEL_DISTRICT) % 100;
	x = (int)rng_below(r, 100);
	if (x >= 80)
		office = x < 87 ? 1 : x < 93 ? 2 : x < 97 ? 3 : 99;
	char d[16];
	snprintf(d, sizeof d, "%c%02d%02d%07u", type, S40_DEMO_PROVINCE, office,
		 (unsigned)rng_below(r, 10000000));
	int check = s40_natid_check_digit(d);
	int64_t id = 0;
	for (int i = 0; i < 12; i++)
		id = id * 10 + (d[i] - '0');
	return id * 10 + check;
}

static void draw_phone(struct demo_rng *r, char *buf, size_t n)
{
	static const char *const prefixes[] = { "081", "082", "083", "084", "085", "086",
						"087", "088", "089", "061", "062", "063",
						"064", "065", "090", "091", "092", "093",
						"094", "095", "097", "098", "099" };
	if (rng_pct(r, 8)) {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, n, "%s%07u", prefixes[rng_below(r, N_OF(prefixes))],
		 (unsigned)rng_below(r, 10000000));
}

/* Birth, sex, names, nationality, ID, phone and address of everyone. */
static enum s40_err plan_people(struct demo_plan *p, struct s40_ctx *ctx)
{
	struct demo_rng r;
	rng_init(&r, p->seed, PHASE_PEOPLE);
	const int32_t D = p->count_day;
	size_t cap = 1;
	while (cap < p->n_people * 2)
		cap <<= 1;
	struct id_set ids = { calloc(cap, sizeof(int64_t)), cap - 1 };
	if (ids.v == NULL)
		return nomem(ctx);
	enum s40_err rc = S40_OK;
	for (size_t i = 0; i < p->n_people && rc == S40_OK; i++) {
		struct demo_person *a = &p->people[i];
		a->thai = 1;
		a->sex = rng_pct(&r, 48) ? 1 : 2;
		switch (a->fate) {
		case FATE_REGISTERED:
			a->birth_day = draw_birth(&r, D, 18, 58);
			break;
		case FATE_EXCLUDED:
			a->birth_day = draw_birth(&r, D, 20, 58);
			if (a->excl_start < a->birth_day + 18 * 366)
				a->excl_start = a->birth_day + 18 * 366;
			break;
		case FATE_INELIGIBLE:
			if (rng_pct(&r, 40)) {
				a->thai = 0;
				a->birth_day = draw_birth(&r, D, 20, 55);
			} else {
				a->birth_day = draw_birth(&r, D, 61, 75);
			}
			break;
		default:
			rc = draw_member_birth(&r, a, ctx);
			break;
		}
		int age = s40_age_on(a->birth_day, D);
		a->married = a->sex == 2 && age >= 22 && rng_pct(&r, 65);
		if (a->thai) {
			a->first = (uint16_t)rng_below(&r, a->sex == 1 ? N_OF(male_names) :
									 N_OF(female_names));
			a->last = (uint16_t)rng_below(&r, N_OF(surnames));
		} else {
			a->first = (uint16_t)rng_below(&r, N_OF(foreign_first));
			a->last = (uint16_t)rng_below(&r, N_OF(foreign_last));
		}
		do
			a->id = draw_id(&r, a);
		while (!id_set_add(&ids, a->id));
		draw_phone(&r, a->phone, sizeof a->phone);
		a->house = (uint16_t)rng_range(&r, 1, 250);
		a->house_sub = rng_pct(&r, 30) ? (uint16_t)rng_range(&r, 1, 20) : 0;
		a->street = s40_area_no_village(a->village) ? (int8_t)rng_below(&r, N_OF(streets)) :
							      (int8_t)-1;
	}
	free(ids.v);
	return rc;
}

/* The members on the count day by the plan: must be the seed's figure. */
static long plan_members_on(const struct demo_plan *p, int32_t day)
{
	long n = 0;
	for (size_t i = 0; i < p->n_people; i++)
		for (int k = 0; k < p->people[i].n_spells; k++) {
			const struct demo_spell *sp = &p->people[i].spell[k];
			if (sp->start_day <= day &&
			    (sp->end_day == S40_NO_DAY || sp->end_day > day))
				n++;
		}
	return n;
}

/* ------------------------------------------------------------------------ */
/* Writing. */

static void person_fill(const struct demo_person *a, struct s40_person *out)
{
	s40_person_clear(out);
	out->id = a->id;
	const struct demo_name *first =
		a->thai ? (a->sex == 1 ? &male_names[a->first] : &female_names[a->first]) :
			  &foreign_first[a->first];
	const struct demo_name *last = a->thai ? &surnames[a->last] : &foreign_last[a->last];
	snprintf(out->title, sizeof out->title, "%s",
		 a->sex == 1 ? "นาย" :
		 a->married  ? "นาง" :
			       "นางสาว");
	snprintf(out->first_th, sizeof out->first_th, "%s", first->th);
	snprintf(out->last_th, sizeof out->last_th, "%s", last->th);
	snprintf(out->first_en, sizeof out->first_en, "%s", first->en);
	snprintf(out->last_en, sizeof out->last_en, "%s", last->en);
	out->birth_day = a->birth_day;
	out->sex = a->sex;
	out->thai = a->thai;
	out->village = a->village;
	snprintf(out->phone, sizeof out->phone, "%s", a->phone);
	char house[16];
	if (a->house_sub)
		snprintf(house, sizeof house, "%u/%u", (unsigned)a->house, (unsigned)a->house_sub);
	else
		snprintf(house, sizeof house, "%u", (unsigned)a->house);
	if (a->street >= 0)
		snprintf(out->address, sizeof out->address, "%s %s", house, streets[a->street]);
	else
		snprintf(out->address, sizeof out->address, "%s", house);
}

static const char *excl_source(int kind)
{
	switch (kind) {
	case S40_EXCL_S33:
		return "demo: SSO Section 33 register";
	case S40_EXCL_S39:
		return "demo: SSO Section 39 register";
	case S40_EXCL_CIVIL_SERVANT:
		return "demo: civil service register";
	default:
		return "demo: state enterprise register";
	}
}

static enum s40_err write_exclusion(struct s40_reg *reg, int64_t person, int kind, int32_t start,
				    int32_t end, int *ended, struct s40_demo_summary *sum,
				    struct s40_ctx *ctx)
{
	struct s40_excl_rec x;
	memset(&x, 0, sizeof x);
	x.person = person;
	x.e.kind = kind;
	x.e.start_day = start;
	x.e.end_day = end;
	snprintf(x.source, sizeof x.source, "%s", excl_source(kind));
	int changed = 0;
	enum s40_err rc = s40_exclusion_add(reg, &x, &changed, ended, ctx);
	if (rc == S40_OK && !changed)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "บันทึกการยกเว้นซ้ำ",
				  "an exclusion was there already");
	if (rc == S40_OK)
		sum->exclusions++;
	return rc;
}

/* Write one person's spells, option changes and exclusions, in date order. */
static enum s40_err write_memberships(struct s40_reg *reg, const struct demo_plan *p,
				      const struct demo_person *a, struct s40_demo_summary *sum,
				      struct s40_ctx *ctx)
{
	enum s40_err rc = S40_OK;
	for (int k = 0; k < a->n_spells && rc == S40_OK; k++) {
		const struct demo_spell *sp = &a->spell[k];
		struct s40_enrol e = {
			.person = a->id,
			.option = sp->option,
			.day = sp->start_day,
			.recruited_by = sp->recruiter == NO_PERSON ? 0 :
								     p->people[sp->recruiter].id,
			.channel = channel_key[sp->channel],
			.idempotent = 0,
		};
		int64_t spell_id = 0;
		int changed = 0;
		rc = s40_membership_enrol(reg, &e, &spell_id, &changed, ctx);
		if (rc)
			break;
		if (!changed)
			return s40_errorf(ctx, S40_E_INTERNAL, NULL, "การสมัครไม่ได้บันทึก",
					  "an enrolment wrote nothing");
		sum->spells++;
		if (sp->change_day != S40_NO_DAY) {
			rc = s40_membership_change_option(reg, a->id, sp->change_option,
							  sp->change_day, NULL, ctx);
			if (rc)
				break;
			sum->option_changes++;
		}
		if (sp->end_day == S40_NO_DAY)
			continue;
		if (sp->excl_kind) {
			int ended = 0;
			rc = write_exclusion(reg, a->id, sp->excl_kind, sp->end_day, sp->excl_end,
					     &ended, sum, ctx);
			if (rc == S40_OK && !ended)
				rc = s40_errorf(ctx, S40_E_INTERNAL, NULL,
						"การยกเว้นไม่ได้สิ้นสุดสมาชิกภาพ",
						"an exclusion did not end the membership");
		} else {
			rc = s40_membership_end(reg, a->id, sp->end_day, sp->end_reason, ctx);
		}
		if (rc == S40_OK)
			sum->ended++;
	}
	if (rc == S40_OK && a->fate == FATE_EXCLUDED)
		rc = write_exclusion(reg, a->id, a->excl_kind, a->excl_start, S40_NO_DAY, NULL, sum,
				     ctx);
	if (rc == S40_OK && a->n_spells == 2)
		sum->reenrolled++;
	return rc;
}

/* The number of persons in the store, and the last journal entry. */
static enum s40_err read_counts(struct s40_store *st, int64_t *n_persons, int64_t *last_seq,
				struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_PERSON_COUNT, ctx);
	if (s == NULL)
		return ctx ? ctx->code : S40_E_DB;
	int rc = s40_stmt_step(s, ctx);
	if (rc != S40_ROW)
		return rc == S40_OK ? s40_errorf(ctx, S40_E_INTERNAL, NULL, NULL, NULL) :
				      (enum s40_err)rc;
	*n_persons = s40_col_int64(s, 0);
	s40_stmt_reset(s);
	s = s40_store_stmt(st, S40_Q_JOURNAL_LAST, ctx);
	if (s == NULL)
		return ctx ? ctx->code : S40_E_DB;
	rc = s40_stmt_step(s, ctx);
	*last_seq = 0;
	if (rc == S40_ROW)
		*last_seq = s40_col_int64(s, 0);
	else if (rc != S40_OK)
		return (enum s40_err)rc;
	s40_stmt_reset(s);
	return S40_OK;
}

/* Count the members on the count day through the as-of index. */
static enum s40_err check_count(struct s40_reg *reg, const struct demo_plan *p,
				struct s40_demo_summary *sum, struct s40_ctx *ctx)
{
	struct s40_asof *ix = NULL;
	enum s40_err rc = s40_asof_build(reg->store, &ix, ctx);
	if (rc)
		return rc;
	int64_t n = s40_asof_count(ix, S40_DEMO_PROVINCE, p->count_day);
	s40_asof_free(ix);
	sum->members_on_day = (long)n;
	if (n != S40_DEMO_MEMBERS_2019_10_31)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL,
				  "ข้อมูลสาธิตมีสมาชิก %lld คน ณ 31 ตุลาคม 2562 แทนที่จะเป็น %d คน",
				  "the demo has %lld members on 2019-10-31 instead of %d",
				  (long long)n, S40_DEMO_MEMBERS_2019_10_31);
	return S40_OK;
}

/* Plan the whole demo in memory. */
static enum s40_err plan_build(struct demo_plan *p, struct s40_store *st, struct s40_ctx *ctx)
{
	long n_people = 0;
	for (int f = 0; f < FATE__N; f++)
		n_people += fate_count[f];
	enum s40_err rc;
	if ((rc = plan_load_villages(p, st, ctx)) || (rc = plan_days(p, ctx)) ||
	    (rc = plan_villages(p, n_people, ctx)) || (rc = plan_fates(p, ctx)) ||
	    (rc = plan_volunteers(p, ctx)))
		return rc;
	plan_spells(p);
	if ((rc = plan_people(p, ctx)))
		return rc;
	for (size_t i = 0; i < p->n_people; i++)
		for (int k = 0; k < p->people[i].n_spells; k++) {
			int32_t v = p->people[i].spell[k].recruiter;
			if (v != NO_PERSON && !p->people[v].recruited) {
				p->people[v].recruited = 1;
				p->n_recruiters++;
			}
		}
	long n = plan_members_on(p, p->count_day);
	if (n != S40_DEMO_MEMBERS_2019_10_31)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "แผนข้อมูลสาธิตมีสมาชิก %ld คน",
				  "the demo's plan has %ld members", n);
	return S40_OK;
}

/* Write the plan inside the caller's transaction and batch. */
static enum s40_err plan_write(struct s40_reg *reg, const struct demo_plan *p,
			       struct s40_demo_summary *sum, struct s40_ctx *ctx)
{
	enum s40_err rc = S40_OK;
	for (size_t i = 0; i < p->n_people && rc == S40_OK; i++) {
		struct s40_person person;
		person_fill(&p->people[i], &person);
		int changed = 0;
		rc = s40_person_add(reg, &person, &changed, ctx);
		if (rc == S40_OK && !changed)
			rc = s40_errorf(ctx, S40_E_INTERNAL, NULL, "เพิ่มบุคคลไม่สำเร็จ",
					"a person was not added");
		sum->persons += rc == S40_OK;
	}
	for (size_t i = 0; i < p->n_people && rc == S40_OK; i++)
		rc = write_memberships(reg, p, &p->people[i], sum, ctx);
	sum->volunteers = p->n_recruiters;
	return rc;
}

/* ------------------------------------------------------------------------ */
/* The campaign (issue 5): village surveys and the FY2562 target. */

/* The target the Samut Songkhram office set for FY2562 (the seed article). */
#define DEMO_TARGET_FY 2562
#define DEMO_TARGET_N 2878

/* The survey status a surveyor finds for a resident on day: what the register
 * says, with a little of the noise of real field work (a few members not
 * recognised as such, a few young residents recorded as students). */
static enum s40_err survey_status_of(struct s40_store *st, struct demo_rng *r, int64_t person,
				     int32_t birth, int32_t day, struct s40_survey_entry *e,
				     struct s40_ctx *ctx)
{
	int standing = 0, kind = 0;
	unsigned why = 0;
	enum s40_err rc = s40_coverage_standing(st, person, day, &standing, &kind, &why, ctx);
	if (rc)
		return rc;
	e->person = person;
	e->reason = 0;
	int noise = (int)rng_below(r, 100);
	switch (standing) {
	case S40_STAND_MEMBER:
		e->status = noise < 2 ? S40_SURVEY_UNINSURED : S40_SURVEY_MEMBER;
		break;
	case S40_STAND_EXCLUDED:
		e->status = kind == S40_EXCL_S33	   ? S40_SURVEY_S33 :
			    kind == S40_EXCL_S39	   ? S40_SURVEY_S39 :
			    kind == S40_EXCL_CIVIL_SERVANT ? S40_SURVEY_CIVIL_SERVANT :
							     S40_SURVEY_STATE_ENTERPRISE;
		break;
	case S40_STAND_INELIGIBLE:
		e->status = S40_SURVEY_INELIGIBLE;
		e->reason = why & S40_INELIG_NOT_THAI ? S40_SURVEY_R_NOT_THAI :
			    why & (S40_INELIG_TOO_YOUNG | S40_INELIG_TOO_OLD) ? S40_SURVEY_R_AGE :
										  S40_SURVEY_R_OTHER;
		break;
	default:
		if (noise < 4 && s40_age_on(birth, day) <= 22) {
			e->status = S40_SURVEY_INELIGIBLE;
			e->reason = S40_SURVEY_R_STUDENT;
		} else {
			e->status = S40_SURVEY_UNINSURED;
		}
		break;
	}
	return S40_OK;
}

/* One round of surveys: every village (หมู่ 1 … N) on a weekday in [lo, hi]. */
static enum s40_err campaign_survey_round(struct s40_reg *reg, const struct demo_plan *p,
					  struct demo_rng *r, int32_t lo, int32_t hi,
					  struct s40_survey_entry *buf,
					  struct s40_demo_summary *sum, struct s40_ctx *ctx)
{
	enum s40_err rc = S40_OK;
	size_t at = 0;
	for (size_t v = 0; v < p->n_villages && rc == S40_OK; v++) {
		const struct demo_village *dv = &p->villages[v];
		while (at < p->n_people && p->people[at].village < dv->code)
			at++;
		size_t first = at;
		if (dv->moo == 0)
			continue;
		int32_t day;
		do
			day = draw_day(r, lo, hi);
		while (s40_day_weekday(day) == 0 || s40_day_weekday(day) == 6);
		size_t n = 0;
		for (size_t i = first; i < p->n_people && p->people[i].village == dv->code &&
				       rc == S40_OK;
		     i++)
			rc = survey_status_of(reg->store, r, p->people[i].id, p->people[i].birth_day,
					      day, &buf[n++], ctx);
		if (rc == S40_OK && n > 0) {
			struct s40_survey_result res;
			rc = s40_survey_add(reg, dv->code, day, buf, n, &res, ctx);
			sum->surveys++;
			sum->surveyed += (long)n;
		}
	}
	return rc;
}

/*
 * The campaign phase, after the register is written: a survey of every village
 * in August–September 2018, the FY2562 target of 2,878 for the province
 * allocated to its districts by the share of surveyed eligible residents in
 * those surveys, and a second round of surveys in September 2019.
 */
static enum s40_err campaign_write(struct s40_reg *reg, const struct demo_plan *p,
				   struct s40_demo_summary *sum, struct s40_ctx *ctx)
{
	struct demo_rng r;
	rng_init(&r, p->seed, PHASE_CAMPAIGN);
	struct s40_survey_entry *buf = malloc((p->n_people + 1) * sizeof *buf);
	if (buf == NULL)
		return nomem(ctx);
	enum s40_err rc = campaign_survey_round(reg, p, &r, s40_day_from_ymd(2018, 8, 1),
						s40_day_from_ymd(2018, 9, 28), buf, sum, ctx);
	if (rc == S40_OK)
		rc = s40_target_set(reg, DEMO_TARGET_FY, S40_DEMO_PROVINCE, DEMO_TARGET_N, NULL,
				    ctx);
	if (rc == S40_OK)
		rc = s40_coverage_allocate_target(reg, DEMO_TARGET_FY, S40_DEMO_PROVINCE,
						  s40_day_from_ymd(2018, 9, 30), NULL, ctx);
	if (rc == S40_OK)
		rc = campaign_survey_round(reg, p, &r, s40_day_from_ymd(2019, 9, 2),
					   s40_day_from_ymd(2019, 9, 27), buf, sum, ctx);
	free(buf);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* The network and field events (issue 5): the volunteers as network members
 * under a provincial officer, district representatives and subdistrict
 * leaders; a campaign event per subdistrict in FY2562 and the registration
 * event of 8 Nov 2019, with the enrolments made at them linked. */

#define DEMO_NET_FIRST_YMD 2012, 1, 1
#define DEMO_NET_CAMPAIGN_YMD 2017, 10, 1 /* volunteers join by then at the latest */
#define DEMO_NET_END_PCT 4 /* volunteers who leave the network in Oct–Dec 2019 */
#define DEMO_EVENT_PLACE "ศาลาประชาคม (สะพานบุญยินดี)"

/* The district representatives, one per district, by district code order. */
#define DEMO_NET_MAX_DISTRICTS 16

struct net_plan {
	int32_t staff;                 /* person index of the provincial officer */
	int32_t rep[DEMO_NET_MAX_DISTRICTS];
	int32_t rep_district[DEMO_NET_MAX_DISTRICTS];
	size_t n_rep;
	int32_t *leader;               /* per subdistrict (plan.subs), NO_PERSON if none */
	int32_t *first_recruit;        /* per person: first recruit's start day */
	int32_t *last_recruit;         /* per person: last recruit's start day */
};

static int32_t net_rep_of(const struct net_plan *np, int32_t district)
{
	for (size_t k = 0; k < np->n_rep; k++)
		if (np->rep_district[k] == district)
			return np->rep[k];
	return NO_PERSON;
}

/* Add one network member (inside the demo's batch). */
static enum s40_err net_add(struct s40_reg *reg, const struct demo_plan *p, int32_t who, int role,
			    int32_t area, int32_t sup, int32_t from, struct s40_demo_summary *sum,
			    struct s40_ctx *ctx)
{
	struct s40_net_add a = {
		.person = p->people[who].id,
		.role = role,
		.area = area,
		.supervisor = sup == NO_PERSON ? 0 : p->people[sup].id,
		.from_day = from,
	};
	enum s40_err rc = s40_network_add(reg, &a, NULL, ctx);
	if (rc == S40_OK)
		sum->network_members++;
	return rc;
}

/* Link the enrolments of village on day through channel "event" to event_id. */
static enum s40_err net_link(struct s40_reg *reg, const struct demo_plan *p, int32_t village,
			     int32_t day, int64_t event_id, struct s40_demo_summary *sum,
			     struct s40_ctx *ctx)
{
	enum s40_err rc = S40_OK;
	for (size_t i = 0; i < p->n_people && rc == S40_OK; i++) {
		const struct demo_person *a = &p->people[i];
		if (a->village != village)
			continue;
		for (int k = 0; k < a->n_spells && rc == S40_OK; k++) {
			if (a->spell[k].start_day != day || a->spell[k].channel != CH_EVENT)
				continue;
			struct s40_spell sp;
			int found = 0;
			rc = s40_membership_on(reg->store, a->id, day, &sp, &found, ctx);
			if (rc == S40_OK && (!found || sp.start_day != day))
				rc = s40_errorf(ctx, S40_E_INTERNAL, NULL, "ไม่พบการสมัครในงาน",
						"an enrolment at an event was not found");
			if (rc == S40_OK)
				rc = s40_event_link_spell(reg->store, sp.spell_id, event_id, ctx);
			if (rc == S40_OK)
				sum->event_enrolments++;
		}
	}
	return rc;
}

/* Record one event with its staff (person indices, NO_PERSON skipped). */
static enum s40_err net_event(struct s40_reg *reg, const struct demo_plan *p, int kind,
			      int32_t village, int32_t day, const char *place, const char *note,
			      const int32_t *staff, size_t n_staff, int64_t *event_id,
			      struct s40_demo_summary *sum, struct s40_ctx *ctx)
{
	struct s40_event e;
	memset(&e, 0, sizeof e);
	e.kind = kind;
	e.village = village;
	e.day = day;
	snprintf(e.place, sizeof e.place, "%s", place ? place : "");
	snprintf(e.note, sizeof e.note, "%s", note ? note : "");
	int64_t ids[8];
	size_t n = 0;
	for (size_t k = 0; k < n_staff && n < N_OF(ids); k++) {
		if (staff[k] == NO_PERSON)
			continue;
		int64_t id = p->people[staff[k]].id;
		int dup = 0;
		for (size_t j = 0; j < n; j++)
			dup |= ids[j] == id;
		if (!dup)
			ids[n++] = id;
	}
	enum s40_err rc = s40_event_add(reg, &e, ids, n, ctx);
	if (rc == S40_OK) {
		*event_id = e.event_id;
		sum->events++;
	}
	return rc;
}

/* The campaign event of one subdistrict in FY2562: the (village, day) with the
 * most enrolments through channel "event" (the earliest on a tie). */
static enum s40_err net_campaign_event(struct s40_reg *reg, const struct demo_plan *p,
				       const struct net_plan *np, size_t s,
				       struct s40_demo_summary *sum, struct s40_ctx *ctx)
{
	const struct demo_sub *sub = &p->subs[s];
	int32_t fy_first = s40_fiscal_year_first_day(2562), fy_last = s40_fiscal_year_last_day(2562);
	int32_t best_village = 0, best_day = 0;
	long best_n = 0;
	for (size_t k = 0; k < sub->n_persons; k++) {
		const struct demo_person *a = &p->people[sub->first_person + k];
		for (int j = 0; j < a->n_spells; j++) {
			const struct demo_spell *sp = &a->spell[j];
			if (sp->channel != CH_EVENT || sp->start_day < fy_first ||
			    sp->start_day > fy_last)
				continue;
			long n = 0;
			for (size_t m = 0; m < sub->n_persons; m++) {
				const struct demo_person *b = &p->people[sub->first_person + m];
				for (int q = 0; q < b->n_spells; q++)
					n += b->village == a->village &&
					     b->spell[q].channel == CH_EVENT &&
					     b->spell[q].start_day == sp->start_day;
			}
			if (n > best_n || (n == best_n && (sp->start_day < best_day ||
							   (sp->start_day == best_day &&
							    a->village < best_village)))) {
				best_n = n;
				best_day = sp->start_day;
				best_village = a->village;
			}
		}
	}
	if (best_n == 0)
		return S40_OK;
	int32_t staff[2] = { np->leader[s], net_rep_of(np, s40_area_parent(sub->code)) };
	int64_t event_id = 0;
	enum s40_err rc = net_event(reg, p, S40_EVENT_CAMPAIGN, best_village, best_day, NULL,
				    "รณรงค์ประชาสัมพันธ์โครงการ 1 ตำบล 1 หมู่บ้าน ประกันสังคมถ้วนหน้า",
				    staff, 2, &event_id, sum, ctx);
	return rc ? rc : net_link(reg, p, best_village, best_day, event_id, sum, ctx);
}

/* Plan who is what in the network. */
static enum s40_err net_plan_build(const struct demo_plan *p, struct net_plan *np,
				   struct s40_ctx *ctx)
{
	np->staff = NO_PERSON;
	np->leader = malloc((p->n_subs ? p->n_subs : 1) * sizeof *np->leader);
	np->first_recruit = malloc(p->n_people * sizeof *np->first_recruit);
	np->last_recruit = malloc(p->n_people * sizeof *np->last_recruit);
	if (np->leader == NULL || np->first_recruit == NULL || np->last_recruit == NULL)
		return nomem(ctx);
	for (size_t i = 0; i < p->n_people; i++) {
		np->first_recruit[i] = INT32_MAX;
		np->last_recruit[i] = INT32_MIN;
	}
	for (size_t i = 0; i < p->n_people; i++)
		for (int k = 0; k < p->people[i].n_spells; k++) {
			int32_t v = p->people[i].spell[k].recruiter, d = p->people[i].spell[k].start_day;
			if (v == NO_PERSON)
				continue;
			if (d < np->first_recruit[v])
				np->first_recruit[v] = d;
			if (d > np->last_recruit[v])
				np->last_recruit[v] = d;
		}
	/* The provincial officer: the first civil servant of the register. */
	for (size_t i = 0; i < p->n_people && np->staff == NO_PERSON; i++)
		if (p->people[i].fate == FATE_EXCLUDED &&
		    p->people[i].excl_kind == S40_EXCL_CIVIL_SERVANT)
			np->staff = (int32_t)i;
	if (np->staff == NO_PERSON)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "ไม่มีข้าราชการในข้อมูลสาธิต",
				  "no civil servant in the demo");
	/* A representative per district: its first volunteer; a leader per
	 * subdistrict: its first other volunteer. */
	for (size_t s = 0; s < p->n_subs; s++) {
		const struct demo_sub *sub = &p->subs[s];
		int32_t district = s40_area_parent(sub->code);
		np->leader[s] = NO_PERSON;
		for (size_t k = 0; k < sub->n_vol; k++) {
			int32_t v = p->volunteers[sub->first_vol + k];
			if (net_rep_of(np, district) == NO_PERSON) {
				if (np->n_rep == DEMO_NET_MAX_DISTRICTS)
					return s40_errorf(ctx, S40_E_INTERNAL, NULL, NULL, NULL);
				np->rep_district[np->n_rep] = district;
				np->rep[np->n_rep++] = v;
			} else if (np->leader[s] == NO_PERSON) {
				np->leader[s] = v;
			}
		}
	}
	return S40_OK;
}

static void net_plan_free(struct net_plan *np)
{
	free(np->leader);
	free(np->first_recruit);
	free(np->last_recruit);
}

/* The network phase, after the register and the campaign are written. */
static enum s40_err network_write(struct s40_reg *reg, const struct demo_plan *p,
				  struct s40_demo_summary *sum, struct s40_ctx *ctx)
{
	struct demo_rng r;
	rng_init(&r, p->seed, PHASE_NETWORK);
	struct net_plan np;
	memset(&np, 0, sizeof np);
	enum s40_err rc = net_plan_build(p, &np, ctx);
	const int32_t first = s40_day_from_ymd(DEMO_NET_FIRST_YMD);
	const int32_t campaign = s40_day_from_ymd(DEMO_NET_CAMPAIGN_YMD);
	if (rc == S40_OK)
		rc = net_add(reg, p, np.staff, S40_ROLE_STAFF, S40_DEMO_PROVINCE, NO_PERSON, first,
			     sum, ctx);
	for (size_t k = 0; k < np.n_rep && rc == S40_OK; k++)
		rc = net_add(reg, p, np.rep[k], S40_ROLE_REPRESENTATIVE, np.rep_district[k],
			     np.staff, first, sum, ctx);
	for (size_t s = 0; s < p->n_subs && rc == S40_OK; s++)
		if (np.leader[s] != NO_PERSON)
			rc = net_add(reg, p, np.leader[s], S40_ROLE_LEADER, p->subs[s].code,
				     net_rep_of(&np, s40_area_parent(p->subs[s].code)), first, sum,
				     ctx);
	for (size_t s = 0; s < p->n_subs && rc == S40_OK; s++) {
		const struct demo_sub *sub = &p->subs[s];
		int32_t rep = net_rep_of(&np, s40_area_parent(sub->code));
		int32_t sup = np.leader[s] != NO_PERSON ? np.leader[s] : rep;
		for (size_t k = 0; k < sub->n_vol && rc == S40_OK; k++) {
			int32_t v = p->volunteers[sub->first_vol + k];
			if (v == rep || v == np.leader[s])
				continue;
			int32_t from = np.first_recruit[v] < campaign ? np.first_recruit[v] : campaign;
			rc = net_add(reg, p, v, S40_ROLE_VOLUNTEER, sub->code, sup, from, sum, ctx);
			/* A few leave the network after their last recruit, in Oct–Dec 2019. */
			if (rc == S40_OK && rng_pct(&r, DEMO_NET_END_PCT)) {
				int32_t lo = s40_day_from_ymd(2019, 10, 1);
				if (np.last_recruit[v] >= lo)
					lo = np.last_recruit[v] + 1;
				if (lo <= p->last_day &&
				    (rc = s40_network_end(reg, p->people[v].id,
							  draw_day(&r, lo, p->last_day), ctx)) == S40_OK)
					sum->network_ended++;
			}
		}
	}
	for (size_t s = 0; s < p->n_subs && rc == S40_OK; s++)
		rc = net_campaign_event(reg, p, &np, s, sum, ctx);
	/* The registration day the minister's adviser visited (the seed article). */
	if (rc == S40_OK) {
		size_t s = 0;
		while (s < p->n_subs && p->subs[s].code != s40_area_parent(S40_DEMO_EVENT_VILLAGE))
			s++;
		int32_t staff[3] = { np.staff,
				     net_rep_of(&np, s40_area_at_level(S40_DEMO_EVENT_VILLAGE,
								       S40_LEVEL_DISTRICT)),
				     s < p->n_subs ? np.leader[s] : NO_PERSON };
		int64_t event_id = 0;
		rc = net_event(reg, p, S40_EVENT_REGISTRATION, S40_DEMO_EVENT_VILLAGE,
			       p->event_day, DEMO_EVENT_PLACE,
			       "ติดตามผลการดำเนินงานโครงการ 1 ตำบล 1 หมู่บ้าน ประกันสังคมถ้วนหน้า "
			       "และรับสมัครผู้ประกันตนมาตรา 40",
			       staff, 3, &event_id, sum, ctx);
		if (rc == S40_OK)
			rc = net_link(reg, p, S40_DEMO_EVENT_VILLAGE, p->event_day, event_id, sum,
				      ctx);
	}
	net_plan_free(&np);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Contributions (issue 3): a payment history for every member. */

/* The first contribution month the demo records payments for (October 2016,
 * so that the 36-month windows of late 2019 are full), and the share of
 * spells by behaviour up to December 2019: most pay, some stop, a few pay
 * ahead. */
#define PAY_FIRST_YM 2016, 10
#define PAY_PCT_STOP 18  /* stop paying at a drawn month and never again */
#define PAY_PCT_AHEAD 6  /* open spells: in December 2019 pay up to 12 months ahead */
#define PAY_PCT_MISS 3   /* a batch of months left unpaid now and then */

/* From January 2020 to the month before today's, the spells that still pay go
 * on. Few of them stop for good: the PAY_PCT_STOP spells stay stopped, and
 * they alone make nearly a fifth of the open spells lapsed. A later stop's
 * month is drawn in a fixed span, not up to today, so that a demo built on a
 * later day has the same payments as one built earlier, but for the batch
 * the earlier one cut at its today. */
#define PAY_LATER_YM 2020, 1
#define PAY_LATER_STOP_MONTHS 120 /* later stops fall in January 2020 … December 2029 */
#define PAY_PCT_LATER_STOP 3 /* of the spells still paying in 2020 */
#define PAY_PCT_YEARLY 10 /* pay 12 months at a time by bank debit */

/* The option of demo spell sp in month (an option change holds from the
 * month after its request). */
static int pay_option(const struct demo_spell *sp, int32_t month)
{
	if (sp->change_day != S40_NO_DAY && month > s40_day_month(sp->change_day))
		return sp->change_option;
	return sp->option;
}

/* A payment channel: mostly counter services. */
static int pay_channel(struct demo_rng *r)
{
	int x = (int)rng_below(r, 100);
	return x < 50 ? S40_PAY_COUNTER :
	       x < 65 ? S40_PAY_BANK :
	       x < 80 ? S40_PAY_APP :
	       x < 90 ? S40_PAY_OFFICE :
			S40_PAY_REPRESENTATIVE;
}

/* Pay months first … last of spell sp of person i, on a day of the first month
 * (not before the spell starts, not after it ends or after last_day), through
 * channel (0: drawn). */
static enum s40_err pay_batch(struct s40_reg *reg, const struct s40_rates *rates,
			      struct demo_rng *r, size_t i, const struct demo_person *a,
			      const struct demo_spell *sp, int32_t first, int32_t last,
			      int32_t last_day, int channel, long *n_rec,
			      struct s40_demo_summary *sum, struct s40_ctx *ctx)
{
	int32_t lo = s40_month_first_day(first), hi = s40_month_last_day(first);
	if (lo < sp->start_day)
		lo = sp->start_day;
	if (hi > last_day)
		hi = last_day;
	if (sp->end_day != S40_NO_DAY && hi >= sp->end_day)
		hi = sp->end_day - 1;
	struct s40_payment p;
	memset(&p, 0, sizeof p);
	p.person = a->id;
	p.paid_day = draw_day(r, lo, hi);
	p.channel = channel ? channel : pay_channel(r);
	p.first_month = first;
	p.last_month = last;
	for (int32_t m = first; m <= last; m++) {
		const struct s40_rate *rate = s40_rate_for(rates, pay_option(sp, m), m);
		if (rate == NULL)
			return s40_errorf(ctx, S40_E_INTERNAL, NULL, "ไม่มีอัตราเงินสมทบ",
					  "no contribution rate");
		p.total += rate->member;
	}
	snprintf(p.receipt, sizeof p.receipt, "DEMO-%zu-%ld", i, (*n_rec)++);
	int changed = 0;
	enum s40_err rc = s40_ledger_pay(reg, rates, &p, 0, &changed, ctx);
	if (rc == S40_OK && !changed)
		rc = s40_errorf(ctx, S40_E_INTERNAL, NULL, "การชำระซ้ำ", "a payment was there already");
	if (rc == S40_OK) {
		sum->payments++;
		sum->ledger_months += last - first + 1;
	}
	return rc;
}

/* Where a person's payments up to December 2019 leave off. */
struct pay_state {
	int32_t paid_to; /* the last month paid; INT32_MIN if none */
	long n_rec; /* receipts so far (DEMO-i-0, DEMO-i-1 …) */
	bool stopped[2]; /* spell k stopped paying for good */
};

/*
 * The payments up to December 2019, from the stream PHASE_PAYMENTS. Each
 * spell pays for its months from the later of its start and PAY_FIRST_YM to
 * the earlier of its last month and December 2019, in batches of one to six
 * months paid in the batch's first month; some stop for good at a drawn month,
 * some batches are left unpaid, and a few open spells pay in December 2019
 * for up to 12 months of 2020 as well. ps[i] gets where person i left off.
 */
static enum s40_err payments_to_2019(struct s40_reg *reg, const struct demo_plan *p,
				     const struct s40_rates *rates, struct pay_state *ps,
				     struct s40_demo_summary *sum, struct s40_ctx *ctx)
{
	enum s40_err rc = S40_OK;
	struct demo_rng r;
	rng_init(&r, p->seed, PHASE_PAYMENTS);
	int32_t first_month = s40_month_from_ym(PAY_FIRST_YM);
	int32_t last_day = s40_day_from_ymd(S40_DEMO_LAST_YMD);
	int32_t demo_last = s40_day_month(last_day);
	for (size_t i = 0; i < p->n_people && rc == S40_OK; i++) {
		const struct demo_person *a = &p->people[i];
		long n_rec = 0;
		int32_t paid_to = INT32_MIN; /* a month two spells share is paid once */
		for (int k = 0; k < a->n_spells && rc == S40_OK; k++) {
			const struct demo_spell *sp = &a->spell[k];
			int32_t m0 = s40_day_month(sp->start_day);
			int32_t m1 = sp->end_day == S40_NO_DAY ? demo_last :
								 s40_day_month(sp->end_day - 1);
			if (m1 > demo_last)
				m1 = demo_last;
			if (m0 < first_month)
				m0 = first_month;
			if (paid_to != INT32_MIN && m0 <= paid_to)
				m0 = paid_to + 1;
			int stop = rng_pct(&r, PAY_PCT_STOP);
			ps[i].stopped[k] = stop;
			int32_t stop_at = m1 + 1;
			if (stop && m1 >= m0)
				stop_at = (int32_t)rng_range(&r, m0, m1);
			int ahead = sp->end_day == S40_NO_DAY && !stop && rng_pct(&r, PAY_PCT_AHEAD);
			int32_t m = m0;
			while (m <= m1 && m < stop_at && rc == S40_OK) {
				/* December 2019 is paid together with 2020 (below). */
				if (ahead && m == demo_last)
					break;
				int32_t last = m + (int32_t)rng_range(&r, 1, 6) - 1;
				if (last > m1)
					last = m1;
				if (last >= stop_at)
					last = stop_at - 1;
				if (ahead && last >= demo_last)
					last = demo_last - 1;
				if (!rng_pct(&r, PAY_PCT_MISS)) {
					rc = pay_batch(reg, rates, &r, i, a, sp, m, last, last_day,
						       0, &n_rec, sum, ctx);
					paid_to = last;
				}
				m = last + 1;
			}
			if (rc == S40_OK && ahead && m1 == demo_last && demo_last >= m0) {
				int32_t last = demo_last + (int32_t)rng_range(&r, 1, S40_PAY_MAX_AHEAD);
				rc = pay_batch(reg, rates, &r, i, a, sp, demo_last, last, last_day,
					       0, &n_rec, sum, ctx);
				paid_to = last;
			}
		}
		ps[i].paid_to = paid_to;
		ps[i].n_rec = n_rec;
	}
	return rc;
}

/*
 * The payments from January 2020 up to the month before today's, after all
 * those up to 2019 so that these keep their row numbers. Each person draws
 * from a stream of its own, seeded from PHASE_PAYMENTS_LATER in person order,
 * so that how far one person's history goes (today) draws nothing from
 * another's. A spell that did not stop before 2020 goes on from the month
 * after the last one paid (later than December 2019 for those who paid
 * ahead), in batches of one to six months or, by bank debit, twelve, paid in
 * the batch's first month; a batch is left unpaid now and then, and a few stop
 * for good at a drawn month. The batch that reaches today's month is cut at
 * the month before.
 */
static enum s40_err payments_later(struct s40_reg *reg, const struct demo_plan *p,
				   const struct s40_rates *rates, struct pay_state *ps,
				   struct s40_demo_summary *sum, struct s40_ctx *ctx)
{
	enum s40_err rc = S40_OK;
	struct demo_rng keys;
	rng_init(&keys, p->seed, PHASE_PAYMENTS_LATER);
	int32_t from = s40_month_from_ym(PAY_LATER_YM);
	int32_t to = s40_day_month(reg->today) - 1; /* the last month wholly past */
	for (size_t i = 0; i < p->n_people && rc == S40_OK; i++) {
		const struct demo_person *a = &p->people[i];
		struct demo_rng r;
		rng_init(&r, rng_next(&keys), PHASE_PAYMENTS_LATER);
		for (int k = 0; k < a->n_spells && rc == S40_OK; k++) {
			const struct demo_spell *sp = &a->spell[k];
			int32_t m1 = sp->end_day == S40_NO_DAY ? INT32_MAX :
								 s40_day_month(sp->end_day - 1);
			if (m1 < from || ps[i].stopped[k])
				continue;
			int32_t m0 = s40_day_month(sp->start_day);
			if (m0 < from)
				m0 = from;
			if (ps[i].paid_to != INT32_MIN && m0 <= ps[i].paid_to)
				m0 = ps[i].paid_to + 1;
			int32_t stop_at = INT32_MAX;
			if (rng_pct(&r, PAY_PCT_LATER_STOP))
				stop_at = from + (int32_t)rng_below(&r, PAY_LATER_STOP_MONTHS);
			int yearly = rng_pct(&r, PAY_PCT_YEARLY);
			if (m1 > to)
				m1 = to;
			int32_t m = m0;
			while (m <= m1 && m < stop_at && rc == S40_OK) {
				int32_t last = m + (yearly ? 12 : (int32_t)rng_range(&r, 1, 6)) - 1;
				if (last > m1)
					last = m1;
				if (last >= stop_at)
					last = stop_at - 1;
				if (!rng_pct(&r, PAY_PCT_MISS)) {
					rc = pay_batch(reg, rates, &r, i, a, sp, m, last,
						       reg->today, yearly ? S40_PAY_BANK : 0,
						       &ps[i].n_rec, sum, ctx);
					ps[i].paid_to = last;
				}
				m = last + 1;
			}
		}
	}
	return rc;
}

/*
 * The payments of every member, from streams of their own so that the earlier
 * phases make the same data with or without them: up to December 2019 from
 * PHASE_PAYMENTS, the same whatever today is; then up to the month before
 * today's from PHASE_PAYMENTS_LATER.
 */
static enum s40_err payments_write(struct s40_reg *reg, const struct demo_plan *p,
				   struct s40_demo_summary *sum, struct s40_ctx *ctx)
{
	struct s40_rates rates;
	enum s40_err rc = s40_rates_load(&rates, ctx);
	if (rc)
		return rc;
	struct pay_state *ps = calloc(p->n_people ? p->n_people : 1, sizeof *ps);
	if (ps == NULL)
		rc = nomem(ctx);
	if (rc == S40_OK)
		rc = payments_to_2019(reg, p, &rates, ps, sum, ctx);
	if (rc == S40_OK)
		rc = payments_later(reg, p, &rates, ps, sum, ctx);
	free(ps);
	s40_rates_free(&rates);
	return rc;
}

enum s40_err s40_demo_build(struct s40_reg *reg, uint64_t seed, struct s40_demo_summary *sum,
			    struct s40_ctx *ctx)
{
	struct s40_demo_summary local;
	if (sum == NULL)
		sum = &local;
	memset(sum, 0, sizeof *sum);
	struct demo_plan plan;
	memset(&plan, 0, sizeof plan);
	plan.seed = seed;
	plan.first_day = s40_day_from_ymd(2012, 1, 1);
	plan.count_day = s40_day_from_ymd(2019, 10, 31);
	plan.last_day = s40_day_from_ymd(S40_DEMO_LAST_YMD);
	plan.event_day = s40_day_from_ymd(S40_DEMO_EVENT_YMD);
	char d1[64];
	if (reg->today < s40_day_from_ymd(S40_DEMO_MIN_TODAY_YMD))
		return s40_errorf(ctx, S40_E_USAGE, "today",
				  "ข้อมูลสาธิตต้องสร้างในวันที่ 1 มกราคม 2563 หรือหลังจากนั้น (วันนี้ %s)",
				  "the demo is built on 2020-01-01 or later (today is %s)",
				  s40_date_iso(reg->today, d1, sizeof d1));
	if (reg->batch_seq != 0)
		return s40_errorf(ctx, S40_E_USAGE, NULL, "สร้างข้อมูลสาธิตภายในชุดงานอื่นไม่ได้",
				  "the demo cannot be built inside another batch");

	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	int64_t n_persons = 0, last_seq = 0;
	rc = read_counts(reg->store, &n_persons, &last_seq, ctx);
	if (rc == S40_OK && n_persons > 0)
		rc = s40_errorf(ctx, S40_E_EXISTS, NULL,
				"ฐานข้อมูลมีบุคคลอยู่แล้ว %lld คน: ข้อมูลสาธิตต้องสร้างในทะเบียนว่าง",
				"the database holds %lld persons already: the demo needs an empty "
				"register",
				(long long)n_persons);
	if (rc == S40_OK)
		rc = plan_build(&plan, reg->store, ctx);
	if (rc == S40_OK) {
		reg->batch_seq = last_seq + 1;
		s40_store_bulk(reg->store, true);
		rc = plan_write(reg, &plan, sum, ctx);
		if (rc == S40_OK)
			rc = campaign_write(reg, &plan, sum, ctx);
		if (rc == S40_OK)
			rc = network_write(reg, &plan, sum, ctx);
		if (rc == S40_OK)
			rc = payments_write(reg, &plan, sum, ctx);
		reg->batch_seq = 0;
	}
	if (rc == S40_OK)
		rc = check_count(reg, &plan, sum, ctx);
	if (rc == S40_OK) {
		char detail[512];
		snprintf(detail, sizeof detail,
			 "{\"seed\":\"%llu\",\"province\":%d,\"persons\":%ld,\"spells\":%ld,"
			 "\"ended\":%ld,\"exclusions\":%ld,\"option_changes\":%ld,"
			 "\"reenrolled\":%ld,\"volunteers\":%ld,\"members_2019_10_31\":%ld}",
			 (unsigned long long)seed, S40_DEMO_PROVINCE, sum->persons, sum->spells,
			 sum->ended, sum->exclusions, sum->option_changes, sum->reenrolled,
			 sum->volunteers, sum->members_on_day);
		char entity[32];
		snprintf(entity, sizeof entity, "area:%d", S40_DEMO_PROVINCE);
		int64_t seq = 0;
		rc = s40_journal_append(reg, "demo.build", entity, detail, &seq, ctx);
		if (rc == S40_OK && seq != last_seq + 1)
			rc = s40_errorf(ctx, S40_E_INTERNAL, NULL,
					"รายการ journal ของข้อมูลสาธิตได้ลำดับ %lld แทน %lld",
					"the demo's journal entry got seq %lld instead of %lld",
					(long long)seq, (long long)(last_seq + 1));
		sum->journal_seq = seq;
	}
	plan_free(&plan);
	rc = s40_reg_end(reg, rc, ctx);
	s40_store_bulk(reg->store, false);
	if (rc != S40_OK) {
		struct s40_demo_summary zero;
		memset(&zero, 0, sizeof zero);
		*sum = zero;
	}
	return rc;
}
