/*
 * error.c — the table of error codes: stable name, Thai and English message and
 * HTTP status for each, and the context that carries one failure's detail.
 */
#include "error.h"

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

	[S40_E_DB] = {"db", "ฐานข้อมูลขัดข้อง", "database error", 500},
	[S40_E_DB_BUSY] = {"db_busy", "ฐานข้อมูลกำลังถูกใช้งาน โปรดลองอีกครั้ง",
			   "the database is busy, try again", 503},
	[S40_E_SCHEMA] = {"schema", "ฐานข้อมูลเป็นรุ่นที่ใหม่กว่าโปรแกรมนี้",
			  "the database is newer than this program", 500},
	[S40_E_JOURNAL] = {"journal", "บันทึกการเปลี่ยนแปลงถูกแก้ไขหรือขาดตอน",
			   "the journal chain is broken", 500},
	[S40_E_CONSTRAINT] = {"constraint", "ข้อมูลขัดกับเงื่อนไขของฐานข้อมูล",
			      "a database constraint refused the change", 409},
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

enum s40_err s40_verrorf(struct s40_ctx *ctx, enum s40_err code, const char *field,
			 const char *fmt_th, const char *fmt_en, va_list ap)
{
	if (ctx == NULL)
		return code;
	ctx->code = code;
	snprintf(ctx->field, sizeof ctx->field, "%s", field ? field : "");
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
