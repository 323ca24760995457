/*
 * pg_sql.h — the SQL of every named query (store.h) in PostgreSQL's dialect,
 * included by pg_stmt.c only. Each query means exactly what its SQLite text in
 * sqlite_sql.h means; the differences are the dialect's:
 *   - parameters are $n, each cast to its type ($1::bigint), so that one
 *     parameter used in two places has one type and no query depends on
 *     PostgreSQL's inference;
 *   - "a IS ?" becomes IS NOT DISTINCT FROM;
 *   - LIKE becomes ILIKE … ESCAPE '' (SQLite's LIKE ignores ASCII case and has
 *     no escape character);
 *   - "user" is quoted (a reserved word).
 * Text columns are COLLATE "C" in the schema (migrations/pg), so comparisons and
 * ORDER BY on text are byte order, as in SQLite.
 */
#ifndef S40_STORE_PG_SQL_H
#define S40_STORE_PG_SQL_H

#include "store.h"

#define PG_AREA_COLS "code, level, parent, moo, name_th, name_en, postcode"
#define PG_PERSON_COLS                                                                    \
	"id, title, first_th, last_th, first_en, last_en, birth_day, sex, thai, village, " \
	"phone, address, journal_seq"
#define PG_SPELL_COLS                                                                 \
	"spell_id, person, province, village, start_day, end_day, end_reason, option, " \
	"recruited_by, channel, journal_seq"
#define PG_NAME_MATCH(p)                                                              \
	"(first_th || ' ' || last_th ILIKE " p " ESCAPE '' OR coalesce(first_en, '') || " \
	"' ' || coalesce(last_en, '') ILIKE " p " ESCAPE '')"
#define PG_PERSON_FIND                                                                    \
	"SELECT " PG_PERSON_COLS " FROM person WHERE village BETWEEN $2::integer AND "    \
	"$3::integer AND " PG_NAME_MATCH("$1::text") " ORDER BY id LIMIT $4::bigint"
/* The persons of villages $2..$3 whose names pass test, and recruited by $4
 * when it is not NULL: a page ($5, $6) by ID, and their number. */
#define PG_PERSON_SEARCH(test)                                                            \
	"SELECT " PG_PERSON_COLS " FROM person WHERE village BETWEEN $2::integer AND "    \
	"$3::integer AND " test " AND ($4::bigint IS NULL OR id IN (SELECT person FROM "  \
	"spell WHERE recruited_by = $4::bigint)) ORDER BY id LIMIT $5::bigint OFFSET "    \
	"$6::bigint"
/* Counted up to $5 (NULL: all), as on SQLite. */
#define PG_PERSON_SEARCH_COUNT(test)                                                      \
	"SELECT count(*) FROM (SELECT 1 FROM person WHERE village BETWEEN $2::integer AND " \
	"$3::integer AND " test " AND ($4::bigint IS NULL OR id IN (SELECT person FROM "  \
	"spell WHERE recruited_by = $4::bigint)) LIMIT $5::bigint) c"
#define PG_SURVEY_COLS                                                              \
	"survey_id, village, day, (SELECT count(*) FROM survey_resident r WHERE "     \
	"r.survey_id = s.survey_id), journal_seq"
#define PG_SURVEYED_IN(lo, hi)                                                     \
	"(SELECT r.person FROM survey_resident r JOIN survey s ON s.survey_id = "  \
	"r.survey_id WHERE s.village BETWEEN " lo " AND " hi ")"
#define PG_NET_COLS \
	"member_id, person, role, area, supervisor, from_day, end_day, journal_seq"
#define PG_EVENT_COLS "event_id, day, village, kind, place, note, journal_seq"
#define PG_USER_COLS "user_id, name, role, area, person, pw_hash, disabled, created_at"

static const char *const pg_sql_text[S40_Q__END] = {
	[S40_Q_META_GET] = "SELECT value FROM meta WHERE key = $1::text",
	[S40_Q_META_SET] = "INSERT INTO meta(key, value) VALUES ($1::text, $2::text) "
			   "ON CONFLICT (key) DO UPDATE SET value = excluded.value",

	[S40_Q_AREA_INSERT] = "INSERT INTO area(" PG_AREA_COLS ") VALUES ($1::integer, "
			      "$2::integer, $3::integer, $4::integer, $5::text, $6::text, $7::text)",
	[S40_Q_AREA_INSERT_MANY] = "INSERT INTO area(" PG_AREA_COLS ") SELECT (r->>0)::integer, "
				   "(r->>1)::integer, (r->>2)::integer, (r->>3)::integer, r->>4, "
				   "r->>5, r->>6 FROM json_array_elements($1::json) AS r",
	[S40_Q_AREA_GET] = "SELECT " PG_AREA_COLS " FROM area WHERE code = $1::integer",
	[S40_Q_AREA_RENAME] = "UPDATE area SET name_th = $2::text, name_en = $3::text "
			      "WHERE code = $1::integer",
	[S40_Q_AREA_CHILDREN] = "SELECT " PG_AREA_COLS " FROM area WHERE parent IS NOT "
				"DISTINCT FROM $1::integer ORDER BY code",
	[S40_Q_AREA_RANGE] = "SELECT " PG_AREA_COLS " FROM area WHERE code BETWEEN $1::integer "
			     "AND $2::integer AND level = $3::integer ORDER BY code",
	[S40_Q_AREA_COUNT_RANGE] = "SELECT count(*) FROM area WHERE code BETWEEN $1::integer "
				   "AND $2::integer AND level = $3::integer",
	[S40_Q_AREA_COUNT] = "SELECT count(*) FROM area",
	[S40_Q_AREA_ALL] = "SELECT " PG_AREA_COLS " FROM area ORDER BY code",

	[S40_Q_PERSON_INSERT] =
		"INSERT INTO person(" PG_PERSON_COLS ", province) VALUES ($1::bigint, $2::text, "
		"$3::text, $4::text, $5::text, $6::text, $7::integer, $8::integer, $9::integer, "
		"$10::integer, $11::text, $12::text, $13::bigint, $10::integer / 1000000)",
	[S40_Q_PERSON_UPDATE] =
		"UPDATE person SET title = $2::text, first_th = $3::text, last_th = $4::text, "
		"first_en = $5::text, last_en = $6::text, birth_day = $7::integer, "
		"sex = $8::integer, thai = $9::integer, village = $10::integer, "
		"phone = $11::text, address = $12::text, journal_seq = $13::bigint, "
		"province = $10::integer / 1000000 WHERE id = $1::bigint",
	[S40_Q_PERSON_GET] = "SELECT " PG_PERSON_COLS " FROM person WHERE id = $1::bigint",
	[S40_Q_PERSON_FIND_NAME] = PG_PERSON_FIND,
	/* The trigram indexes of migration 0010 serve the LIKE itself. */
	[S40_Q_PERSON_FIND_INDEXED] = PG_PERSON_FIND,
	[S40_Q_PERSON_COUNT] = "SELECT count(*) FROM person",
	[S40_Q_PERSON_AFTER] = "SELECT " PG_PERSON_COLS " FROM person WHERE id > $1::bigint "
			       "ORDER BY id LIMIT $2::bigint",
	[S40_Q_PERSON_VILLAGE_INDEX_DROP] = "DROP INDEX IF EXISTS person_village",
	[S40_Q_PERSON_VILLAGE_INDEX_BUILD] =
		"CREATE INDEX IF NOT EXISTS person_village ON person(village)",

	[S40_Q_SPELL_INSERT] = "INSERT INTO spell(person, province, village, start_day, option, "
			       "recruited_by, channel, journal_seq) VALUES ($1::bigint, "
			       "$2::integer, $3::integer, $4::integer, $5::integer, $6::bigint, "
			       "$7::text, $8::bigint) RETURNING spell_id",
	[S40_Q_SPELL_OPEN] = "SELECT " PG_SPELL_COLS " FROM spell WHERE person = $1::bigint "
			     "AND end_day IS NULL",
	[S40_Q_SPELL_OF_PERSON] = "SELECT " PG_SPELL_COLS " FROM spell WHERE person = $1::bigint "
				  "ORDER BY start_day",
	[S40_Q_SPELL_END] = "UPDATE spell SET end_day = $2::integer, end_reason = $3::integer, "
			    "journal_seq = $4::bigint WHERE spell_id = $1::bigint "
			    "AND end_day IS NULL",
	[S40_Q_SPELL_ALL] = "SELECT village, start_day, end_day FROM spell",
	[S40_Q_SPELL_IN_PROVINCE] = "SELECT village, start_day, end_day FROM spell "
				    "WHERE province = $1::integer AND village BETWEEN $2::integer "
				    "AND $3::integer",
	[S40_Q_SPELL_GET] = "SELECT " PG_SPELL_COLS " FROM spell WHERE spell_id = $1::bigint",

	[S40_Q_OPTCHG_INSERT] = "INSERT INTO option_change(spell_id, request_day, from_month, "
				"old_option, new_option, journal_seq) VALUES ($1::bigint, "
				"$2::integer, $3::integer, $4::integer, $5::integer, $6::bigint)",
	[S40_Q_OPTCHG_OF_SPELL] = "SELECT request_day, from_month, old_option, new_option "
				  "FROM option_change WHERE spell_id = $1::bigint "
				  "ORDER BY from_month",

	[S40_Q_EXCL_INSERT] = "INSERT INTO exclusion(person, province, kind, start_day, end_day, "
			      "source, journal_seq) VALUES ($1::bigint, (SELECT province FROM "
			      "person WHERE id = $1::bigint), $2::integer, $3::integer, "
			      "$4::integer, $5::text, $6::bigint)",
	[S40_Q_EXCL_UPDATE] = "UPDATE exclusion SET end_day = $2::integer, source = $3::text, "
			      "journal_seq = $4::bigint WHERE excl_id = $1::bigint",
	[S40_Q_EXCL_OF_PERSON] = "SELECT excl_id, kind, start_day, end_day, source FROM "
				 "exclusion WHERE person = $1::bigint ORDER BY start_day, kind",
	[S40_Q_EXCL_SAME] = "SELECT excl_id, end_day, source FROM exclusion WHERE person = "
			    "$1::bigint AND kind = $2::integer AND start_day IS NOT DISTINCT "
			    "FROM $3::integer",

	[S40_Q_JOURNAL_APPEND] = "INSERT INTO journal(seq, at, \"user\", op, entity, detail, "
				 "prev_hash, hash) VALUES ($1::bigint, $2::bigint, $3::text, "
				 "$4::text, $5::text, $6::text, $7::bytea, $8::bytea)",
	[S40_Q_JOURNAL_LAST] = "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1",
	[S40_Q_JOURNAL_HASH_AT] = "SELECT hash FROM journal WHERE seq = $1::bigint",
	[S40_Q_JOURNAL_ALL] = "SELECT seq, at, \"user\", op, entity, detail, prev_hash, hash "
			      "FROM journal ORDER BY seq",
	[S40_Q_JOURNAL_OF_ENTITY] = "SELECT seq, at, \"user\", op, entity, detail FROM journal "
				    "WHERE entity = $1::text ORDER BY seq",

	[S40_Q_ASOF_BY_VILLAGE] = "SELECT village, count(*) FROM spell WHERE start_day <= "
				  "$1::integer AND (end_day IS NULL OR end_day > $1::integer) "
				  "GROUP BY village ORDER BY village",

	[S40_Q_PAY_BY_RECEIPT] = "SELECT payment_id, person, paid_day, channel, first_month, "
				 "last_month, total, extra, journal_seq FROM payment "
				 "WHERE receipt = $1::text",
	[S40_Q_PAY_INSERT] = "INSERT INTO payment(person, province, receipt, paid_day, channel, "
			     "first_month, last_month, total, extra, journal_seq) VALUES "
			     "($1::bigint, $2::integer, $3::text, $4::integer, $5::integer, "
			     "$6::integer, $7::integer, $8::bigint, $9::bigint, $10::bigint) "
			     "RETURNING payment_id",
	[S40_Q_LEDGER_INSERT] = "INSERT INTO ledger(person, month, province, village, spell_id, "
				"option, member, government, extra, payment_id) VALUES "
				"($1::bigint, $2::integer, $3::integer, $4::integer, $5::bigint, "
				"$6::integer, $7::bigint, $8::bigint, $9::bigint, $10::bigint)",
	[S40_Q_LEDGER_OF_PERSON] =
		"SELECT l.month, l.spell_id, l.option, l.member, l.government, l.extra, "
		"l.payment_id, p.receipt, p.paid_day, p.channel FROM ledger l "
		"JOIN payment p ON p.payment_id = l.payment_id WHERE l.person = $1::bigint "
		"AND l.month BETWEEN $2::integer AND $3::integer ORDER BY l.month",
	/* From the sums of migration 0013, as on SQLite. */
	[S40_Q_LEDGER_BY_VILLAGE] =
		"SELECT month, village, member, government, extra, paying FROM ledger_sum "
		"WHERE province IN (SELECT code FROM area WHERE level = 1) AND month BETWEEN "
		"$1::integer AND $2::integer AND village BETWEEN $3::integer AND $4::integer",
	[S40_Q_LEDGER_BY_VILLAGE_PROV] =
		"SELECT month, village, member, government, extra, paying FROM ledger_sum "
		"WHERE province = $5::integer AND month BETWEEN $1::integer AND $2::integer AND "
		"village BETWEEN $3::integer AND $4::integer",
	[S40_Q_LAPSED_ACTIVE] =
		"SELECT count(*) FROM spell WHERE province = $5::integer AND start_day < "
		"$2::integer AND start_day <= $1::integer AND (end_day IS NULL OR end_day > "
		"$1::integer) AND village BETWEEN $3::integer AND $4::integer",
	[S40_Q_LAPSED_NEW] =
		"SELECT count(*) FROM spell WHERE province = $5::integer AND start_day >= "
		"$2::integer AND start_day <= $1::integer AND (end_day IS NULL OR end_day > "
		"$1::integer) AND village BETWEEN $3::integer AND $4::integer",
	[S40_Q_LAPSED_PAID] =
		"SELECT (SELECT count(*) FROM spell_paid WHERE province = $5::integer AND "
		"paid_to >= $6::integer - 1 AND run_from <= $6::integer - 1 AND start_day < "
		"$2::integer AND start_day <= $1::integer AND (end_day IS NULL OR end_day > "
		"$1::integer) AND village BETWEEN $3::integer AND $4::integer) + "
		"(SELECT count(*) FROM spell_paid p WHERE p.province = $5::integer AND "
		"p.paid_to >= $6::integer AND p.run_from >= $6::integer AND "
		"p.start_day < $2::integer AND p.start_day <= "
		"$1::integer AND (p.end_day IS NULL OR p.end_day > $1::integer) AND p.village "
		"BETWEEN $3::integer AND $4::integer AND EXISTS (SELECT 1 FROM ledger l WHERE "
		"l.person = p.person AND l.month = $6::integer - 1))",
	[S40_Q_LAPSED_SINCE] =
		"SELECT person, spell_id, start_day, village, recruited_by, paid_to "
		"FROM spell_paid WHERE province = $5::integer AND since < $6::integer "
		"AND start_day < $2::integer AND start_day <= $1::integer AND (end_day IS NULL "
		"OR end_day > $1::integer) AND village BETWEEN $3::integer AND $4::integer "
		"ORDER BY since, village, person",
	[S40_Q_LAPSED_RUN] =
		"SELECT p.person, p.spell_id, p.start_day, p.village, p.recruited_by, "
		"(SELECT max(l.month) FROM ledger l WHERE l.person = p.person AND l.month < "
		"$6::integer) FROM spell_paid p WHERE p.province = $5::integer AND p.paid_to >= "
		"$6::integer AND p.run_from >= $6::integer AND p.start_day < $2::integer AND "
		"p.start_day <= $1::integer AND "
		"(p.end_day IS NULL OR p.end_day > $1::integer) AND p.village BETWEEN "
		"$3::integer AND $4::integer",
	[S40_Q_PAID_LOAD_MARK] = "INSERT INTO spell_paid_load(person) VALUES (0) "
				 "ON CONFLICT DO NOTHING",
	[S40_Q_PAID_LOAD_UNDO] =
		"DELETE FROM spell_paid p WHERE p.person IN (SELECT person FROM spell_paid_load) "
		"AND NOT EXISTS (SELECT 1 FROM spell s WHERE s.spell_id = p.spell_id "
		"AND (s.person, s.province, s.village, s.start_day, s.recruited_by) IS NOT DISTINCT "
		"FROM (p.person, p.province, p.village, p.start_day, p.recruited_by))",
	[S40_Q_PAID_LOAD_MEND] =
		"WITH runs AS (SELECT person, max(month) AS paid_to, "
		"max(CASE WHEN prev IS NULL OR prev < month - 1 THEN month END) AS run_from "
		"FROM (SELECT person, month, lag(month) OVER (PARTITION BY person ORDER BY month) "
		"AS prev FROM ledger WHERE person IN (SELECT person FROM spell_paid_load)) l "
		"GROUP BY person), "
		"n AS (SELECT s.spell_id, s.end_day, r.paid_to, r.run_from, "
		"greatest(s40_day_month(s.start_day), r.paid_to + 1) AS since "
		"FROM spell_paid_load t JOIN spell s ON s.person = t.person "
		"LEFT JOIN runs r ON r.person = s.person) "
		"UPDATE spell_paid p SET end_day = n.end_day, paid_to = n.paid_to, "
		"run_from = n.run_from, since = n.since FROM n WHERE p.spell_id = n.spell_id "
		"AND (p.end_day, p.paid_to, p.run_from, p.since) "
		"IS DISTINCT FROM (n.end_day, n.paid_to, n.run_from, n.since)",
	[S40_Q_PAID_LOAD_FILL] =
		"INSERT INTO spell_paid(spell_id, person, province, village, start_day, end_day, "
		"recruited_by, start_month, paid_to, run_from, since) "
		"WITH runs AS (SELECT person, max(month) AS paid_to, "
		"max(CASE WHEN prev IS NULL OR prev < month - 1 THEN month END) AS run_from "
		"FROM (SELECT person, month, lag(month) OVER (PARTITION BY person ORDER BY month) "
		"AS prev FROM ledger WHERE person IN (SELECT person FROM spell_paid_load)) l "
		"GROUP BY person) "
		"SELECT s.spell_id, s.person, s.province, s.village, s.start_day, s.end_day, "
		"s.recruited_by, s40_day_month(s.start_day), r.paid_to, r.run_from, "
		"greatest(s40_day_month(s.start_day), r.paid_to + 1) "
		"FROM spell_paid_load t JOIN spell s ON s.person = t.person "
		"LEFT JOIN runs r ON r.person = s.person "
		"WHERE NOT EXISTS (SELECT 1 FROM spell_paid p WHERE p.spell_id = s.spell_id)",
	[S40_Q_PAID_LOAD_CLEAR] = "DELETE FROM spell_paid_load",
	[S40_Q_PAID_LOAD_SIZE] = "SELECT (SELECT count(*) FROM spell_paid_load WHERE person <> 0), "
				 "coalesce((SELECT max(spell_id) FROM spell), 0)",
	[S40_Q_BENEFIT_INSERT] = "INSERT INTO benefit(person, province, kind, event_day, units, "
				 "amount, journal_seq) VALUES ($1::bigint, (SELECT province FROM "
				 "person WHERE id = $1::bigint), $2::integer, $3::integer, "
				 "$4::integer, $5::bigint, $6::bigint) RETURNING benefit_id",
	[S40_Q_BENEFIT_OF_PERSON] = "SELECT benefit_id, kind, event_day, units, amount, "
				    "journal_seq FROM benefit WHERE person = $1::bigint "
				    "ORDER BY event_day, benefit_id",

	[S40_Q_SURVEY_GET_AT] = "SELECT survey_id FROM survey WHERE village = $1::integer "
				"AND day = $2::integer",
	[S40_Q_SURVEY_INSERT] = "INSERT INTO survey(village, province, day, journal_seq) VALUES "
				"($1::integer, $1::integer / 1000000, $2::integer, $3::bigint) "
				"RETURNING survey_id",
	[S40_Q_SURVEY_TOUCH] = "UPDATE survey SET journal_seq = $2::bigint "
			       "WHERE survey_id = $1::bigint",
	[S40_Q_SURVEY_IN_FORCE] = "SELECT " PG_SURVEY_COLS " FROM survey s WHERE village = "
				  "$1::integer AND day <= $2::integer ORDER BY day DESC LIMIT 1",
	[S40_Q_SURVEY_OF_VILLAGE] = "SELECT " PG_SURVEY_COLS " FROM survey s WHERE village = "
				    "$1::integer ORDER BY day",
	[S40_Q_SURVEY_RANGE] = "SELECT " PG_SURVEY_COLS " FROM survey s WHERE village BETWEEN "
			       "$1::integer AND $2::integer ORDER BY village, day",
	[S40_Q_SURVEY_RES_GET] = "SELECT status, reason FROM survey_resident WHERE survey_id = "
				 "$1::bigint AND person = $2::bigint",
	[S40_Q_SURVEY_RES_PUT] =
		"INSERT INTO survey_resident(survey_id, person, status, reason, journal_seq) "
		"VALUES ($1::bigint, $2::bigint, $3::integer, $4::integer, $5::bigint) "
		"ON CONFLICT (survey_id, person) DO UPDATE SET status = excluded.status, "
		"reason = excluded.reason, journal_seq = excluded.journal_seq",
	[S40_Q_SURVEY_RES_OF] = "SELECT person, status, reason FROM survey_resident "
				"WHERE survey_id = $1::bigint ORDER BY person",
	[S40_Q_SURVEY_RES_RANGE] =
		"SELECT r.survey_id, r.person, r.status, r.reason FROM survey_resident r "
		"JOIN survey s ON s.survey_id = r.survey_id WHERE s.village BETWEEN "
		"$1::integer AND $2::integer ORDER BY r.survey_id, r.person",
	[S40_Q_SURVEY_PERSONS_RANGE] = "SELECT p.id, p.birth_day, p.thai FROM person p WHERE "
				       "p.id IN " PG_SURVEYED_IN("$1::integer", "$2::integer")
				       " ORDER BY p.id",
	[S40_Q_SURVEY_SPELLS_RANGE] = "SELECT person, start_day, end_day FROM spell WHERE "
				      "person IN " PG_SURVEYED_IN("$1::integer", "$2::integer")
				      " ORDER BY person, start_day",
	[S40_Q_SURVEY_EXCL_RANGE] = "SELECT person, kind, start_day, end_day FROM exclusion "
				    "WHERE person IN " PG_SURVEYED_IN("$1::integer", "$2::integer")
				    " ORDER BY person",
	[S40_Q_TARGET_GET] = "SELECT n, how, journal_seq FROM target WHERE fy = $1::integer "
			     "AND area = $2::integer",
	[S40_Q_TARGET_PUT] =
		"INSERT INTO target(fy, area, province, n, how, journal_seq) VALUES "
		"($1::integer, $2::integer, CASE WHEN $2::integer < 100 THEN $2::integer "
		"WHEN $2::integer < 10000 THEN $2::integer / 100 WHEN $2::integer < 1000000 "
		"THEN $2::integer / 10000 ELSE $2::integer / 1000000 END, $3::bigint, "
		"$4::integer, $5::bigint) ON CONFLICT (fy, area) DO UPDATE SET n = excluded.n, "
		"how = excluded.how, journal_seq = excluded.journal_seq",
	[S40_Q_TARGET_DELETE] = "DELETE FROM target WHERE fy = $1::integer AND area = $2::integer",
	[S40_Q_TARGET_OF_FY] = "SELECT area, n, how, journal_seq FROM target WHERE fy = "
			       "$1::integer ORDER BY area",
	[S40_Q_TARGET_LATEST_FY] = "SELECT max(fy) FROM target WHERE area = $1::integer AND "
				   "fy <= $2::integer",

	[S40_Q_NET_INSERT] = "INSERT INTO network_member(person, province, role, area, "
			     "supervisor, from_day, journal_seq) VALUES ($1::bigint, "
			     "$2::integer, $3::integer, $4::integer, $5::bigint, $6::integer, "
			     "$7::bigint) RETURNING member_id",
	[S40_Q_NET_OPEN] = "SELECT " PG_NET_COLS " FROM network_member WHERE person = "
			   "$1::bigint AND end_day IS NULL",
	[S40_Q_NET_OF_PERSON] = "SELECT " PG_NET_COLS " FROM network_member WHERE person = "
				"$1::bigint ORDER BY from_day, member_id",
	[S40_Q_NET_END] = "UPDATE network_member SET end_day = $2::integer, journal_seq = "
			  "$3::bigint WHERE member_id = $1::bigint AND end_day IS NULL",
	[S40_Q_NET_ALL] = "SELECT " PG_NET_COLS " FROM network_member WHERE $1::integer IS NULL "
			  "OR province = $1::integer ORDER BY person, from_day, member_id",
	[S40_Q_NET_RECRUITS] = "SELECT recruited_by, spell_id, person, start_day, end_day "
			       "FROM spell WHERE recruited_by IS NOT NULL AND start_day BETWEEN "
			       "$1::integer AND $2::integer ORDER BY recruited_by, start_day",
	[S40_Q_EVENT_INSERT] = "INSERT INTO field_event(day, village, province, kind, place, "
			       "note, journal_seq) VALUES ($1::integer, $2::integer, "
			       "$3::integer, $4::integer, $5::text, $6::text, $7::bigint) "
			       "RETURNING event_id",
	[S40_Q_EVENT_GET] = "SELECT " PG_EVENT_COLS " FROM field_event WHERE event_id = "
			    "$1::bigint",
	[S40_Q_EVENT_LIST] = "SELECT " PG_EVENT_COLS " FROM field_event WHERE day BETWEEN "
			     "$1::integer AND $2::integer AND village BETWEEN $3::integer AND "
			     "$4::integer ORDER BY day, event_id",
	[S40_Q_EVENT_STAFF_ADD] = "INSERT INTO event_staff(event_id, person) VALUES "
				  "($1::bigint, $2::bigint)",
	[S40_Q_EVENT_STAFF_OF] = "SELECT person FROM event_staff WHERE event_id = $1::bigint "
				 "ORDER BY person",
	[S40_Q_EVENT_N_ENROL] = "SELECT count(*) FROM spell WHERE event = $1::bigint",
	[S40_Q_SPELL_SET_EVENT] = "UPDATE spell SET event = $2::bigint WHERE spell_id = "
				  "$1::bigint",
	[S40_Q_FU_ASSIGN_GET] = "SELECT assignee, from_day, journal_seq FROM followup_assign "
				"WHERE person = $1::bigint",
	[S40_Q_FU_ASSIGN_SET] = "INSERT INTO followup_assign(person, province, assignee, from_day, "
				"journal_seq) VALUES ($1::bigint, $2::integer, $3::bigint, "
				"$4::integer, $5::bigint) ON CONFLICT (person) DO UPDATE SET "
				"province = excluded.province, assignee = excluded.assignee, "
				"from_day = excluded.from_day, journal_seq = excluded.journal_seq",
	[S40_Q_FU_ASSIGN_DEL] = "DELETE FROM followup_assign WHERE person = $1::bigint",
	[S40_Q_FU_ASSIGNED_TO] = "SELECT person FROM followup_assign WHERE assignee = $1::bigint "
				 "ORDER BY person",
	[S40_Q_FU_ASSIGNED] = "SELECT person FROM followup_assign ORDER BY person",
	[S40_Q_FU_ASSIGNED_AMONG] = "SELECT person FROM followup_assign WHERE person = ANY(ARRAY("
				    "SELECT jsonb_array_elements_text($1::jsonb)::bigint))",
	[S40_Q_FU_CALL_ADD] = "INSERT INTO followup_call(person, province, day, outcome, caller, "
			      "note, journal_seq) VALUES ($1::bigint, $2::integer, $3::integer, "
			      "$4::integer, $5::bigint, $6::text, $7::bigint) RETURNING call_id",
	[S40_Q_FU_CALLS] = "SELECT call_id, day, outcome, caller, note, journal_seq FROM "
			   "followup_call WHERE person = $1::bigint ORDER BY day DESC, call_id DESC",

	[S40_Q_USER_INSERT] = "INSERT INTO app_user(name, role, area, person, pw_hash, "
			      "created_at, journal_seq) VALUES ($1::text, $2::integer, "
			      "$3::integer, $4::bigint, $5::text, $6::bigint, $7::bigint) "
			      "RETURNING user_id",
	[S40_Q_USER_GET] = "SELECT " PG_USER_COLS " FROM app_user WHERE name = $1::text",
	[S40_Q_USER_ALL] = "SELECT " PG_USER_COLS " FROM app_user ORDER BY name",
	[S40_Q_USER_SET_PASSWORD] = "UPDATE app_user SET pw_hash = $2::text, journal_seq = "
				    "$3::bigint WHERE name = $1::text",
	[S40_Q_SESSION_INSERT] = "INSERT INTO session(token_hash, user_id, created_at, "
				 "expires_at, addr) VALUES ($1::bytea, $2::bigint, $3::bigint, "
				 "$4::bigint, $5::text)",
	[S40_Q_SESSION_GET] = "SELECT u.user_id, u.name, u.role, u.area, u.person, u.pw_hash, "
			      "u.disabled, u.created_at, s.expires_at FROM session s "
			      "JOIN app_user u ON u.user_id = s.user_id WHERE s.token_hash = "
			      "$1::bytea AND s.expires_at > $2::bigint",
	[S40_Q_SESSION_DELETE] = "DELETE FROM session WHERE token_hash = $1::bytea",
	[S40_Q_SESSION_DELETE_USER] = "DELETE FROM session WHERE user_id = $1::bigint",
	[S40_Q_SESSION_PURGE] = "DELETE FROM session WHERE expires_at <= $1::bigint",
	[S40_Q_SESSION_TRIM] = "DELETE FROM session WHERE user_id = $1::bigint "
			       "AND token_hash <> $2::bytea AND token_hash NOT IN (SELECT token_hash "
			       "FROM session WHERE user_id = $1::bigint AND token_hash <> $2::bytea "
			       "ORDER BY created_at DESC, token_hash LIMIT $3::bigint)",
	[S40_Q_THROTTLE_GET] = "SELECT failures, window_start, locked_until FROM login_throttle "
			       "WHERE key = $1::text",
	[S40_Q_THROTTLE_PUT] = "INSERT INTO login_throttle(key, failures, window_start, "
			       "locked_until) VALUES ($1::text, $2::integer, $3::bigint, "
			       "$4::bigint) ON CONFLICT (key) DO UPDATE SET failures = "
			       "excluded.failures, window_start = excluded.window_start, "
			       "locked_until = excluded.locked_until",
	[S40_Q_THROTTLE_CLEAR] = "DELETE FROM login_throttle WHERE key = $1::text",
	[S40_Q_THROTTLE_CLEAR_RANGE] = "DELETE FROM login_throttle WHERE key >= $1::text "
				       "AND key < $2::text RETURNING key",
	[S40_Q_IDEM_GET] = "SELECT fingerprint, status, content_type, location, body FROM "
			   "idempotency WHERE user_name = $1::text AND key = $2::text",
	[S40_Q_IDEM_INSERT] = "INSERT INTO idempotency(user_name, key, fingerprint, method, path, "
			      "created_at) VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, "
			      "$6::bigint) ON CONFLICT (user_name, key) DO NOTHING RETURNING 1",
	[S40_Q_IDEM_ANSWER] = "UPDATE idempotency SET status = $3::integer, content_type = $4::text, "
			      "location = $5::text, body = $6::bytea WHERE user_name = $1::text AND "
			      "key = $2::text",
	[S40_Q_IDEM_DELETE] = "DELETE FROM idempotency WHERE user_name = $1::text AND key = $2::text",
	[S40_Q_IDEM_EXPIRE] = "DELETE FROM idempotency WHERE created_at < $1::bigint",
	[S40_Q_PERSON_SEARCH] = PG_PERSON_SEARCH("($1::text IS NULL OR " PG_NAME_MATCH(
		"$1::text") ")"),
	[S40_Q_PERSON_SEARCH_COUNT] = PG_PERSON_SEARCH_COUNT("($1::text IS NULL OR "
		PG_NAME_MATCH("$1::text") ")"),
	/* The text is there: the names' test alone, which the trigram indexes of
	 * migration 0010 serve in a generic plan too. */
	[S40_Q_PERSON_SEARCH_INDEXED] = PG_PERSON_SEARCH(PG_NAME_MATCH("$1::text")),
	[S40_Q_PERSON_SEARCH_INDEXED_COUNT] = PG_PERSON_SEARCH_COUNT(PG_NAME_MATCH("$1::text")),
	[S40_Q_AREA_SEARCH] = "SELECT " PG_AREA_COLS " FROM area WHERE name_th ILIKE $1::text "
			      "ESCAPE '' OR name_en ILIKE $1::text ESCAPE '' ORDER BY level, "
			      "code LIMIT $2::bigint OFFSET $3::bigint",
	[S40_Q_AREA_SEARCH_COUNT] = "SELECT count(*) FROM area WHERE name_th ILIKE $1::text "
				    "ESCAPE '' OR name_en ILIKE $1::text ESCAPE ''",
	[S40_Q_JOURNAL_PAGE] = "SELECT seq, at, \"user\", op, entity, detail FROM journal WHERE "
			       "($1::text IS NULL OR entity = $1::text) AND seq > $2::bigint "
			       "ORDER BY seq LIMIT $3::bigint",
};

#endif
