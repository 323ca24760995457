/*
 * demo_people.c — who the demo's people are: sex, a birth day that fits
 * every enrolment the plan gives them, names (common Thai names with their
 * RTGS spelling, or those of residents who are not Thai), a synthetic ID
 * with a valid check digit, a phone number and an address; and the person
 * record written from them.
 */
#include "demo_int.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/area.h"
#include "core/date.h"
#include "core/natid.h"
#include "rules/eligibility.h"

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
enum s40_err demo_plan_people(struct demo_plan *p, struct s40_ctx *ctx)
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

/* ------------------------------------------------------------------------ */
/* The person record. */

/* The person record of a, written into the caller's *out. */
void demo_person_fill(const struct demo_person *a, struct s40_person *out)
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
