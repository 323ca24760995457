/*
 * error.h — the one error space of s40.
 *
 * Every library function that can fail returns an enum s40_err. The numbers are
 * stable: once published a number keeps its meaning and is never reused (add new
 * codes at the end of their block). Each code has a short stable name used in
 * JSON and reject files ("bad_id"), a Thai and an English message, and an HTTP
 * status. The detail of one failure — which value, which field, which line — goes
 * on a struct s40_ctx, in Thai and in English, one line each, no newline.
 */
#ifndef S40_CORE_ERROR_H
#define S40_CORE_ERROR_H

#include <stdarg.h>
#include <stddef.h>

enum s40_err {
	S40_OK = 0,

	/* 1–9: the machine */
	S40_E_NOMEM = 1,    /* out of memory */
	S40_E_IO = 2,       /* a file could not be read or written */
	S40_E_INTERNAL = 3, /* a bug: an invariant did not hold */
	S40_E_USAGE = 4,    /* a command or request was used wrongly */
	S40_E_LIMIT = 5,    /* a size limit was reached */

	/* 10–29: values */
	S40_E_BAD_ID = 10,         /* national ID not 13 digits */
	S40_E_ID_CHECK = 11,       /* national ID check digit wrong */
	S40_E_ID_TYPE = 12,        /* national ID starting with 0 or 9 */
	S40_E_BAD_DATE = 13,       /* a date that cannot be read */
	S40_E_IMPOSSIBLE_DATE = 14, /* a date that does not exist (31/02) */
	S40_E_AMBIGUOUS_DATE = 15, /* a date that can be read more than one way */
	S40_E_BAD_AREA = 16,       /* an area code of the wrong form */
	S40_E_UNKNOWN_AREA = 17,   /* an area code of the right form that does not exist */
	S40_E_BAD_VALUE = 18,      /* any other value of the wrong form */
	S40_E_MISSING = 19,        /* a required value is missing */
	S40_E_NOT_FOUND = 20,      /* the thing asked for does not exist */
	S40_E_EXISTS = 21,         /* the thing to create exists already, differently */
	S40_E_BAD_OPTION = 22,     /* contribution option not 1, 2 or 3 */
	S40_E_BAD_REASON = 23,     /* an end or exclusion reason that is not in the list */

	/* 30–49: Section 40 rules */
	S40_E_INELIGIBLE = 30,       /* the person may not join on that day */
	S40_E_ALREADY_MEMBER = 31,   /* the person has an open membership */
	S40_E_OVERLAP = 32,          /* a spell would overlap another */
	S40_E_OPTION_YEARLY = 33,    /* the option was changed already this year */
	S40_E_NOT_MEMBER = 34,       /* the person has no membership on that day */
	S40_E_BEFORE_START = 35,     /* an end or change before the spell starts */
	S40_E_SAME_OPTION = 36,      /* the option asked for is the one in force */

	/* 50–69: input files */
	S40_E_CSV_QUOTE = 50,   /* unterminated or misplaced quote */
	S40_E_CSV_COLUMNS = 51, /* wrong number of columns */
	S40_E_CSV_UTF8 = 52,    /* bytes that are not UTF-8 */
	S40_E_CSV_HEADER = 53,  /* header missing or wrong */
	S40_E_CSV_FIELD_LONG = 54, /* a field or row longer than allowed */
	S40_E_REJECTED = 55,    /* an import had bad rows and wrote nothing */
	S40_E_CSV_ENCODING = 56, /* a file in no encoding we read (or in two) */

	/* 70–89: storage */
	S40_E_DB = 70,          /* the database failed */
	S40_E_DB_BUSY = 71,     /* the database is locked by another writer */
	S40_E_SCHEMA = 72,      /* schema newer than this program */
	S40_E_JOURNAL = 73,     /* the journal chain is broken */
	S40_E_CONSTRAINT = 74,  /* a database constraint refused the change */
	S40_E_DB_UNAVAILABLE = 75, /* the database cannot be reached now (try again) */
	S40_E_READ_ONLY = 76,   /* the database takes no writes (a standby) */

	/* 90–109: contributions and benefits */
	S40_E_PAY_PAST = 90,        /* a contribution month before the paid day's month */
	S40_E_PAY_AHEAD = 91,       /* a month more than 12 months after the paid day's month */
	S40_E_PAY_AMOUNT = 92,      /* the amount is not what the months are due */
	S40_E_PAY_PAID = 93,        /* a month is paid already */
	S40_E_PAY_NOT_MEMBER = 94,  /* not a member in a month paid for */
	S40_E_PAY_EXTRA = 95,       /* extra savings over 1,000 baht a month */
	S40_E_PAY_RECEIPT = 96,     /* a receipt recorded already with other content */
	S40_E_BENEFIT_INELIGIBLE = 97, /* the conditions of a benefit do not hold */
	S40_E_BENEFIT_CAP = 98,     /* the yearly cap of a benefit is used up */
	S40_E_BENEFIT_NOT_COVERED = 99, /* the option does not cover that case */

	/* 110–129: the campaign (surveys, targets, coverage) */
	S40_E_ALLOC_SUM = 110,        /* an allocation does not add up to the parent's target */
	S40_E_NO_TARGET = 111,        /* no target for that fiscal year and area */
	S40_E_NO_SHARE = 112,         /* nothing to share a target by (no surveyed eligible) */
	S40_E_TARGET_ALLOCATED = 113, /* the target is allocated from the parent's */
	S40_E_NO_SURVEY = 114,        /* no survey of the village in force on that day */

	/* 130–149: network and events */
	S40_E_NOT_NETWORK = 130,    /* not an active network member on that day */
	S40_E_NETWORK_OPEN = 131,   /* already an active network member */
	S40_E_SUPERVISOR = 132,     /* that supervisor cannot supervise this member */
	S40_E_EVENT_DAY = 133,      /* an enrolment not on the day of its event */

	/* 150–169: server and users */
	S40_E_UNAUTHENTICATED = 150, /* no valid session: log in first */
	S40_E_BAD_LOGIN = 151,       /* wrong user name or password */
	S40_E_FORBIDDEN = 152,       /* the user's role may not do that */
	S40_E_THROTTLED = 153,       /* too many failed logins: wait */
	S40_E_NO_ROUTE = 154,        /* no such resource on the server */
	S40_E_METHOD = 155,          /* the resource does not take that method */
	S40_E_BAD_JSON = 156,        /* the body is not valid JSON or not an object */
	S40_E_TOO_LARGE = 157,       /* the request body is larger than allowed */
	S40_E_HEADERS = 158,         /* too many or too large request headers */
	S40_E_BAD_PATH = 159,        /* a path with control bytes, dot segments or too long */
	S40_E_MEDIA_TYPE = 160,      /* a body of a type the resource does not take */
	S40_E_BAD_ROLE = 161,        /* a role that is not admin, officer, volunteer or viewer */
	S40_E_WEAK_PASSWORD = 162,   /* a password too short or too easy to guess */
	S40_E_STOPPING = 163,        /* the server is shutting down */
	S40_E_BUSY = 164,            /* every slot for checking passwords is busy: retry */
	S40_E_IDEM_IN_PROGRESS = 165, /* a write with that Idempotency-Key has no answer yet */
	S40_E_IDEM_REUSED = 166,     /* an Idempotency-Key used before with another request */

	S40_E__END
};

enum s40_lang { S40_LANG_TH = 0, S40_LANG_EN = 1 };

/*
 * The detail of the last failure. Zero it (or s40_ctx_clear) before use; a
 * function that fails fills it and returns the same code it stored. The field
 * is the input field at fault ("id", "birth_date"), the line is the input line
 * (0 when there is none). Fixed arrays: a context never allocates.
 */
struct s40_ctx {
	enum s40_err code;
	char field[192]; /* a file's own header may name it: 60 Thai letters */
	long line;
	/* Room for an import's message, which quotes its first bad row's in full. */
	char msg_th[1024];
	char msg_en[768];
};

/* Reset ctx to "no error". */
void s40_ctx_clear(struct s40_ctx *ctx);

/*
 * Record a failure on ctx and return code. field may be NULL. fmt_th and fmt_en
 * are printf formats that take the same arguments in the same order; the
 * arguments are read once for each. Either format may be NULL, in which case
 * the code's own message is used for that language. ctx may be NULL (the code
 * is still returned). The field and the messages are cut to their arrays at a
 * whole character, put on one line, and are UTF-8 whatever the arguments: a
 * byte that is not part of a UTF-8 character (of a value quoted from a request
 * or a file) becomes '?'.
 */
enum s40_err s40_errorf(struct s40_ctx *ctx, enum s40_err code, const char *field,
			const char *fmt_th, const char *fmt_en, ...)
	__attribute__((format(printf, 5, 6)));

/* As s40_errorf, with the arguments as a va_list. */
enum s40_err s40_verrorf(struct s40_ctx *ctx, enum s40_err code, const char *field,
			 const char *fmt_th, const char *fmt_en, va_list ap);

/* The code's message in lang ("เลขประจำตัวประชาชนไม่ครบ 13 หลัก"); never NULL. */
const char *s40_strerror(enum s40_err code, enum s40_lang lang);

/* The code's stable short name ("bad_id"); "unknown" for a number not in use. */
const char *s40_errname(enum s40_err code);

/* The HTTP status that answers the code (400, 404, 409, 422, 500, …). */
int s40_err_http_status(enum s40_err code);

/* The detail in lang: the message given to s40_errorf, or the code's message. */
const char *s40_errmsg(const struct s40_ctx *ctx, enum s40_lang lang);

#endif
