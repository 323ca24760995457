/*
 * error.c — the table of error codes: stable name, Thai and English message and
 * HTTP status for each, and the context that carries one failure's detail.
 */
#include "error.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct err_entry {
	const char *name;
	const char *th;
	const char *en;
	int http;
};

static const struct err_entry err_table[S40_E__END] = {
	[S40_OK] = {"ok", "สำเร็จ", "success", 200},
	[S40_E_NOMEM] = {"nomem", "หน่วยความจำไม่พอ", "out of memory", 503},
	[S40_E_IO] = {"io", "อ่านหรือเขียนไฟล์ไม่ได้", "a file could not be read or written", 500},
	[S40_E_INTERNAL] = {"internal", "ข้อผิดพลาดภายในระบบ", "internal error", 500},
	[S40_E_USAGE] = {"usage", "ใช้คำสั่งไม่ถูกต้อง", "wrong usage", 400},
	[S40_E_LIMIT] = {"limit", "เกินขนาดที่กำหนด", "size limit reached", 413},

	[S40_E_BAD_ID] = {"bad_id", "เลขประจำตัวประชาชนต้องมี 13 หลัก",
			  "a national ID has 13 digits", 400},
	[S40_E_ID_CHECK] = {"id_check", "เลขประจำตัวประชาชนไม่ถูกต้อง (หลักตรวจสอบไม่ตรง)",
			    "national ID check digit is wrong", 400},
	[S40_E_ID_TYPE] = {"id_type",
			   "เลขที่ขึ้นต้นด้วย 0 หรือ 9 ไม่ใช่เลขประจำตัวประชาชนตามบัตรประชาชน",
			   "an ID starting with 0 or 9 is not a personal ID card number", 400},
	[S40_E_BAD_DATE] = {"bad_date", "อ่านวันที่ไม่ได้", "the date cannot be read", 400},
	[S40_E_IMPOSSIBLE_DATE] = {"impossible_date", "ไม่มีวันที่นี้ในปฏิทิน",
				   "no such day in the calendar", 400},
	[S40_E_AMBIGUOUS_DATE] = {"ambiguous_date", "วันที่อ่านได้มากกว่าหนึ่งแบบ",
				  "the date can be read more than one way", 400},
	[S40_E_BAD_AREA] = {"bad_area", "รหัสพื้นที่ต้องเป็นตัวเลข 2, 4, 6 หรือ 8 หลัก",
			    "an area code has 2, 4, 6 or 8 digits", 400},
	[S40_E_UNKNOWN_AREA] = {"unknown_area", "ไม่พบรหัสพื้นที่นี้", "no such area", 404},
	[S40_E_BAD_VALUE] = {"bad_value", "ค่าไม่ถูกต้อง", "invalid value", 400},
	[S40_E_MISSING] = {"missing", "ไม่ได้ระบุข้อมูลที่จำเป็น", "a required value is missing",
			   400},
	[S40_E_NOT_FOUND] = {"not_found", "ไม่พบข้อมูล", "not found", 404},
	[S40_E_EXISTS] = {"exists", "มีข้อมูลนี้อยู่แล้ว", "already exists", 409},
	[S40_E_BAD_OPTION] = {"bad_option", "ทางเลือกการจ่ายเงินสมทบต้องเป็น 1, 2 หรือ 3",
			      "the contribution option is 1, 2 or 3", 400},
	[S40_E_BAD_REASON] = {"bad_reason", "เหตุผลไม่อยู่ในรายการที่กำหนด",
			      "the reason is not one of the listed reasons", 400},

	[S40_E_INELIGIBLE] = {"ineligible", "ไม่มีสิทธิสมัครเป็นผู้ประกันตนมาตรา 40",
			      "not eligible to join Section 40", 422},
	[S40_E_ALREADY_MEMBER] = {"already_member", "เป็นผู้ประกันตนมาตรา 40 อยู่แล้ว",
				  "already a Section 40 member", 409},
	[S40_E_OVERLAP] = {"overlap", "ช่วงเวลาการเป็นผู้ประกันตนซ้อนกัน",
			   "membership spells would overlap", 409},
	[S40_E_OPTION_YEARLY] = {"option_yearly", "เปลี่ยนทางเลือกได้ปีละหนึ่งครั้ง",
				 "the option may be changed once a year", 422},
	[S40_E_NOT_MEMBER] = {"not_member", "ไม่ได้เป็นผู้ประกันตนมาตรา 40",
			      "not a Section 40 member", 422},
	[S40_E_BEFORE_START] = {"before_start", "วันที่อยู่ก่อนวันเริ่มเป็นผู้ประกันตน",
				"the day is before the membership started", 422},
	[S40_E_SAME_OPTION] = {"same_option", "ทางเลือกนี้ใช้อยู่แล้ว",
			       "that option is already in force", 422},

	[S40_E_CSV_QUOTE] = {"csv_quote", "เครื่องหมายคำพูดในไฟล์ CSV ไม่ครบคู่หรืออยู่ผิดที่",
			     "unterminated or misplaced quote in CSV", 400},
	[S40_E_CSV_COLUMNS] = {"csv_columns", "จำนวนคอลัมน์ไม่ตรงกับหัวตาราง",
			       "wrong number of columns", 400},
	[S40_E_CSV_UTF8] = {"csv_utf8", "ไฟล์มีข้อความที่ไม่ใช่ UTF-8", "text is not valid UTF-8",
			    400},
	[S40_E_CSV_HEADER] = {"csv_header", "หัวตารางไม่มีหรือไม่ถูกต้อง",
			      "header row missing or wrong", 400},
	[S40_E_CSV_FIELD_LONG] = {"csv_too_long", "ข้อมูลในแถวยาวเกินกำหนด",
				  "a field or row is too long", 400},
	[S40_E_REJECTED] = {"rejected", "มีแถวที่ไม่ถูกต้อง จึงไม่ได้บันทึกข้อมูลใด",
			    "some rows were bad, so nothing was written", 422},
	[S40_E_CSV_ENCODING] = {"csv_encoding", "อ่านการเข้ารหัสอักขระของไฟล์ไม่ได้",
				"the file's character encoding cannot be read", 400},

	[S40_E_DB] = {"db", "ฐานข้อมูลขัดข้อง", "database error", 500},
	[S40_E_DB_BUSY] = {"db_busy", "ฐานข้อมูลกำลังถูกใช้งาน โปรดลองอีกครั้ง",
			   "the database is busy, try again", 503},
	[S40_E_SCHEMA] = {"schema", "ฐานข้อมูลเป็นรุ่นที่ใหม่กว่าโปรแกรมนี้",
			  "the database is newer than this program", 500},
	[S40_E_JOURNAL] = {"journal", "บันทึกการเปลี่ยนแปลงถูกแก้ไขหรือขาดตอน",
			   "the journal chain is broken", 500},
	[S40_E_CONSTRAINT] = {"constraint", "ข้อมูลขัดกับเงื่อนไขของฐานข้อมูล",
			      "a database constraint refused the change", 409},
	[S40_E_DB_UNAVAILABLE] = {"db_unavailable", "ติดต่อฐานข้อมูลไม่ได้ในขณะนี้ โปรดลองอีกครั้ง",
				  "the database cannot be reached now, try again", 503},
	[S40_E_READ_ONLY] = {"read_only",
			     "ฐานข้อมูลนี้เป็นสำเนาสำหรับอ่านอย่างเดียว บันทึกข้อมูลไม่ได้",
			     "this database is a read-only copy: nothing can be written to it", 503},

	[S40_E_PAY_PAST] = {"pay_past", "ชำระเงินสมทบย้อนหลังไม่ได้",
			    "past contribution months cannot be paid", 422},
	[S40_E_PAY_AHEAD] = {"pay_ahead", "ชำระล่วงหน้าได้ไม่เกิน 12 เดือน",
			     "at most 12 months may be paid ahead", 422},
	[S40_E_PAY_AMOUNT] = {"pay_amount", "จำนวนเงินไม่ตรงกับเงินสมทบที่ต้องชำระ",
			      "the amount is not what is due", 422},
	[S40_E_PAY_PAID] = {"pay_paid", "ชำระเงินสมทบเดือนนี้แล้ว",
			    "that month is paid already", 409},
	[S40_E_PAY_NOT_MEMBER] = {"pay_not_member",
				  "ไม่ได้เป็นผู้ประกันตนมาตรา 40 ในเดือนที่ชำระ",
				  "not a Section 40 member in a month paid for", 422},
	[S40_E_PAY_EXTRA] = {"pay_extra", "เงินออมเพิ่มได้ไม่เกินเดือนละ 1,000 บาท",
			     "extra savings are at most 1,000 baht a month", 422},
	[S40_E_PAY_RECEIPT] = {"pay_receipt",
			       "เลขที่ใบเสร็จนี้บันทึกแล้วด้วยข้อมูลอื่น",
			       "that receipt is recorded already with other content", 409},
	[S40_E_BENEFIT_INELIGIBLE] = {"benefit_ineligible", "ไม่มีสิทธิได้รับประโยชน์ทดแทนกรณีนี้",
				      "not entitled to that benefit", 422},
	[S40_E_BENEFIT_CAP] = {"benefit_cap", "ใช้สิทธิครบตามจำนวนสูงสุดต่อปีแล้ว",
			       "the yearly limit of that benefit is used up", 422},
	[S40_E_BENEFIT_NOT_COVERED] = {"benefit_not_covered",
				       "ทางเลือกนี้ไม่คุ้มครองกรณีนี้",
				       "the member's option does not cover that case", 422},

	[S40_E_ALLOC_SUM] = {"alloc_sum", "การจัดสรรเป้าหมายรวมแล้วไม่เท่ากับเป้าหมายของพื้นที่แม่",
			     "the allocation does not add up to the parent's target", 422},
	[S40_E_NO_TARGET] = {"no_target", "ยังไม่ได้กำหนดเป้าหมายของพื้นที่นี้ในปีงบประมาณนี้",
			     "no target for that area and fiscal year", 404},
	[S40_E_NO_SHARE] = {"no_share", "ไม่มีผู้มีสิทธิที่สำรวจแล้วให้ใช้แบ่งสัดส่วนเป้าหมาย",
			    "no surveyed eligible residents to share the target by", 422},
	[S40_E_TARGET_ALLOCATED] = {"target_allocated",
				    "เป้าหมายของพื้นที่นี้มาจากการจัดสรรของพื้นที่แม่",
				    "this area's target is allocated from its parent's", 409},
	[S40_E_NO_SURVEY] = {"no_survey", "ไม่มีผลสำรวจของหมู่บ้านนี้ ณ วันที่ระบุ",
			     "no survey of the village in force on that day", 404},

	[S40_E_NOT_NETWORK] = {"not_network", "ไม่ได้เป็นสมาชิกเครือข่ายประกันสังคม ณ วันนั้น",
			       "not an active network member on that day", 422},
	[S40_E_NETWORK_OPEN] = {"network_open", "เป็นสมาชิกเครือข่ายประกันสังคมอยู่แล้ว",
				"already an active network member", 409},
	[S40_E_SUPERVISOR] = {"supervisor", "ผู้กำกับดูแลที่ระบุดูแลสมาชิกเครือข่ายคนนี้ไม่ได้",
			      "that supervisor cannot supervise this network member", 422},
	[S40_E_EVENT_DAY] = {"event_day", "วันที่สมัครไม่ตรงกับวันที่จัดกิจกรรม",
			     "the enrolment is not on the day of the event", 422},

	[S40_E_UNAUTHENTICATED] = {"unauthenticated", "ต้องเข้าสู่ระบบก่อน",
				   "log in first", 401},
	[S40_E_BAD_LOGIN] = {"bad_login", "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง",
			     "wrong user name or password", 401},
	[S40_E_FORBIDDEN] = {"forbidden", "บทบาทของผู้ใช้นี้ไม่มีสิทธิทำรายการนี้",
			     "the user's role may not do that", 403},
	[S40_E_THROTTLED] = {"throttled", "เข้าสู่ระบบผิดหลายครั้งเกินไป โปรดรอแล้วลองใหม่",
			     "too many failed logins, wait and try again", 429},
	[S40_E_NO_ROUTE] = {"no_route", "ไม่มีบริการนี้บนเซิร์ฟเวอร์", "no such resource", 404},
	[S40_E_METHOD] = {"method", "บริการนี้ไม่รับคำขอแบบนี้",
			  "the resource does not take that method", 405},
	[S40_E_BAD_JSON] = {"bad_json", "ข้อมูลที่ส่งมาไม่ใช่ JSON ที่ถูกต้อง",
			    "the body is not valid JSON", 400},
	[S40_E_TOO_LARGE] = {"too_large", "ข้อมูลที่ส่งมามีขนาดใหญ่เกินกำหนด",
			     "the request body is too large", 413},
	[S40_E_HEADERS] = {"headers", "ส่วนหัวของคำขอมากหรือยาวเกินกำหนด",
			   "too many or too large request headers", 431},
	[S40_E_BAD_PATH] = {"bad_path", "ที่อยู่ของคำขอไม่ถูกต้อง", "the request path is invalid",
			    400},
	[S40_E_MEDIA_TYPE] = {"media_type", "ชนิดข้อมูลที่ส่งมาไม่ถูกต้อง",
			      "the body's media type is not accepted", 415},
	[S40_E_BAD_ROLE] = {"bad_role", "บทบาทต้องเป็น admin, officer, volunteer หรือ viewer",
			    "the role is admin, officer, volunteer or viewer", 400},
	[S40_E_WEAK_PASSWORD] = {"weak_password", "รหัสผ่านเดาง่ายเกินไป",
				 "the password is too easy to guess", 400},
	[S40_E_STOPPING] = {"stopping", "เซิร์ฟเวอร์กำลังปิด โปรดลองอีกครั้ง",
			    "the server is shutting down, try again", 503},
	[S40_E_BUSY] = {"busy", "ระบบกำลังตรวจรหัสผ่านของผู้อื่นอยู่ โปรดลองใหม่ในอีกครู่",
			"the server is busy checking other logins, try again in a moment", 503},
	[S40_E_IDEM_IN_PROGRESS] = {"idempotency_in_progress",
				    "คำขอที่ใช้ Idempotency-Key นี้ยังไม่มีคำตอบ โปรดลองใหม่ในอีกครู่",
				    "the request with this Idempotency-Key has no answer yet, try again in a moment",
				    409},
	[S40_E_IDEM_REUSED] = {"idempotency_key_reused",
			       "Idempotency-Key นี้ใช้กับคำขออื่นไปแล้ว",
			       "this Idempotency-Key was used with another request", 422},
};

static const struct err_entry *err_entry(enum s40_err code)
{
	if ((unsigned)code >= S40_E__END || err_table[code].name == NULL)
		return NULL;
	return &err_table[code];
}

void s40_ctx_clear(struct s40_ctx *ctx)
{
	if (ctx == NULL)
		return;
	ctx->code = S40_OK;
	ctx->field[0] = '\0';
	ctx->line = 0;
	ctx->msg_th[0] = '\0';
	ctx->msg_en[0] = '\0';
}

/* Replace newlines so the detail stays one line. */
static void one_line(char *s)
{
	for (; *s; s++)
		if (*s == '\n' || *s == '\r')
			*s = ' ';
}

/* After vsnprintf filled a buffer of size n with a message of len bytes, cut
 * a truncated message back to a whole UTF-8 character. */
static void utf8_trim(char *s, size_t n, int len)
{
	if (len < 0 || (size_t)len < n || n == 0)
		return;
	size_t end = n - 1; /* s[end] is the NUL vsnprintf wrote */
	size_t i = end;
	/* Step back over continuation bytes to the lead byte of the last character. */
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return;
	unsigned char lead = (unsigned char)s[i - 1];
	size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (end - (i - 1) < need)
		s[i - 1] = '\0';
}

/* The length of the valid UTF-8 character at p (at most left bytes), or 0
 * when no character starts there (RFC 3629: no overlong forms, no surrogates,
 * nothing past U+10FFFF). */
static size_t utf8_char(const unsigned char *p, size_t left)
{
	unsigned char c = p[0];
	if (c < 0x80)
		return 1;
	size_t n = c >= 0xC2 && c <= 0xDF ? 2 :
		   c >= 0xE0 && c <= 0xEF ? 3 :
		   c >= 0xF0 && c <= 0xF4 ? 4 :
					    0;
	uint32_t cp = c & (0x7Fu >> n), min = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
	if (n == 0 || left < n)
		return 0;
	for (size_t k = 1; k < n; k++) {
		if ((p[k] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[k] & 0x3Fu);
	}
	return cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ? 0 : n;
}

/* Replace each byte of s that is not part of a UTF-8 character with '?': a
 * detail quotes what it was given (a value from a request, a file, a command
 * line), which need not be UTF-8, and a detail that is not cannot be sent as
 * JSON. */
static void utf8_mend(char *s)
{
	size_t left = strlen(s);
	unsigned char *p = (unsigned char *)s;
	while (left > 0) {
		size_t n = utf8_char(p, left);
		if (n == 0) {
			*p = '?';
			n = 1;
		}
		p += n;
		left -= n;
	}
}

enum s40_err s40_verrorf(struct s40_ctx *ctx, enum s40_err code, const char *field,
			 const char *fmt_th, const char *fmt_en, va_list ap)
{
	if (ctx == NULL)
		return code;
	ctx->code = code;
	utf8_trim(ctx->field, sizeof ctx->field,
		  snprintf(ctx->field, sizeof ctx->field, "%s", field ? field : ""));
	ctx->msg_th[0] = '\0';
	ctx->msg_en[0] = '\0';
	va_list ap2;
	va_copy(ap2, ap);
	if (fmt_th)
		utf8_trim(ctx->msg_th, sizeof ctx->msg_th,
			  vsnprintf(ctx->msg_th, sizeof ctx->msg_th, fmt_th, ap));
	if (fmt_en)
		utf8_trim(ctx->msg_en, sizeof ctx->msg_en,
			  vsnprintf(ctx->msg_en, sizeof ctx->msg_en, fmt_en, ap2));
	va_end(ap2);
	one_line(ctx->msg_th);
	one_line(ctx->msg_en);
	utf8_mend(ctx->field);
	utf8_mend(ctx->msg_th);
	utf8_mend(ctx->msg_en);
	return code;
}

enum s40_err s40_errorf(struct s40_ctx *ctx, enum s40_err code, const char *field,
			const char *fmt_th, const char *fmt_en, ...)
{
	va_list ap;
	va_start(ap, fmt_en);
	s40_verrorf(ctx, code, field, fmt_th, fmt_en, ap);
	va_end(ap);
	return code;
}

const char *s40_strerror(enum s40_err code, enum s40_lang lang)
{
	const struct err_entry *e = err_entry(code);
	if (e == NULL)
		return lang == S40_LANG_TH ? "ข้อผิดพลาดที่ไม่รู้จัก" : "unknown error";
	return lang == S40_LANG_TH ? e->th : e->en;
}

const char *s40_errname(enum s40_err code)
{
	const struct err_entry *e = err_entry(code);
	return e ? e->name : "unknown";
}

int s40_err_http_status(enum s40_err code)
{
	const struct err_entry *e = err_entry(code);
	return e ? e->http : 500;
}

const char *s40_errmsg(const struct s40_ctx *ctx, enum s40_lang lang)
{
	if (ctx == NULL)
		return "";
	const char *m = lang == S40_LANG_TH ? ctx->msg_th : ctx->msg_en;
	return m[0] ? m : s40_strerror(ctx->code, lang);
}
