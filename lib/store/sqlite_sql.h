/*
 * sqlite_sql.h — the SQL of every named query (store.h) in SQLite's dialect,
 * included by sqlite.c only; pg_sql.h has the same queries in PostgreSQL's.
 */
#ifndef S40_STORE_SQLITE_SQL_H
#define S40_STORE_SQLITE_SQL_H

/* A row of spell_paid's spell's end, and its member's greatest month paid and
 * first month of the run that ends there (migration 0015), from spell and
 * ledger (S40_Q_PAID_LOAD_MEND). */
#define PAID_END "(SELECT s.end_day FROM spell s WHERE s.spell_id = spell_paid.spell_id)"
#define PAID_TO "(SELECT max(l.month) FROM ledger l WHERE l.person = spell_paid.person)"
#define PAID_RUN                                                                              \
	"(SELECT max(l.month) FROM ledger l WHERE l.person = spell_paid.person AND NOT EXISTS " \
	"(SELECT 1 FROM ledger x WHERE x.person = l.person AND x.month = l.month - 1))"

/* The SQL of each named query (store.h gives parameters and columns). */
static const char *const sql_text[S40_Q__END] = {
	[S40_Q_META_GET] = "SELECT value FROM meta WHERE key = ?1",
	[S40_Q_META_SET] = "INSERT INTO meta(key, value) VALUES (?1, ?2) "
			   "ON CONFLICT(key) DO UPDATE SET value = excluded.value",

	[S40_Q_AREA_INSERT] = "INSERT INTO area(code, level, parent, moo, name_th, name_en, "
			      "postcode) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[S40_Q_AREA_INSERT_MANY] = "INSERT INTO area(code, level, parent, moo, name_th, "
				   "name_en, postcode) SELECT json_extract(value, '$[0]'), "
				   "json_extract(value, '$[1]'), json_extract(value, '$[2]'), "
				   "json_extract(value, '$[3]'), json_extract(value, '$[4]'), "
				   "json_extract(value, '$[5]'), json_extract(value, '$[6]') "
				   "FROM json_each(?1)",
	[S40_Q_AREA_GET] = "SELECT code, level, parent, moo, name_th, name_en, postcode "
			   "FROM area WHERE code = ?1",
	[S40_Q_AREA_RENAME] = "UPDATE area SET name_th = ?2, name_en = ?3 WHERE code = ?1",
	[S40_Q_AREA_CHILDREN] = "SELECT code, level, parent, moo, name_th, name_en, postcode "
				"FROM area WHERE parent IS ?1 ORDER BY code",
	[S40_Q_AREA_RANGE] = "SELECT code, level, parent, moo, name_th, name_en, postcode "
			     "FROM area WHERE code BETWEEN ?1 AND ?2 AND level = ?3 ORDER BY code",
	[S40_Q_AREA_COUNT_RANGE] = "SELECT count(*) FROM area WHERE code BETWEEN ?1 AND ?2 AND level = ?3",
	[S40_Q_AREA_COUNT] = "SELECT count(*) FROM area",
	[S40_Q_AREA_ALL] = "SELECT code, level, parent, moo, name_th, name_en, postcode "
			   "FROM area ORDER BY code",

	[S40_Q_PERSON_INSERT] =
		"INSERT INTO person(id, title, first_th, last_th, first_en, last_en, birth_day, "
		"sex, thai, village, phone, address, journal_seq, province) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?10 / 1000000)",
	[S40_Q_PERSON_UPDATE] =
		"UPDATE person SET title = ?2, first_th = ?3, last_th = ?4, first_en = ?5, "
		"last_en = ?6, birth_day = ?7, sex = ?8, thai = ?9, village = ?10, phone = ?11, "
		"address = ?12, journal_seq = ?13, province = ?10 / 1000000 WHERE id = ?1",
	[S40_Q_PERSON_GET] = "SELECT id, title, first_th, last_th, first_en, last_en, birth_day, "
			     "sex, thai, village, phone, address, journal_seq "
			     "FROM person WHERE id = ?1",
	[S40_Q_PERSON_FIND_NAME] =
		"SELECT id, title, first_th, last_th, first_en, last_en, birth_day, sex, thai, "
		"village, phone, address, journal_seq FROM person "
		"WHERE village BETWEEN ?2 AND ?3 AND (first_th || ' ' || last_th LIKE ?1 "
		"OR coalesce(first_en, '') || ' ' || coalesce(last_en, '') LIKE ?1) "
		"ORDER BY id LIMIT ?4",
	/* The index gives the IDs in order (its rowid), the area as one of its tokens:
	 * only the rows kept are read from person. */
	[S40_Q_PERSON_FIND_INDEXED] =
		"SELECT id, title, first_th, last_th, first_en, last_en, birth_day, sex, thai, "
		"village, phone, address, journal_seq FROM person WHERE id IN (SELECT rowid "
		"FROM person_name WHERE person_name MATCH ?7 ORDER BY rowid LIMIT ?4) ORDER BY id",
	[S40_Q_PERSON_COUNT] = "SELECT count(*) FROM person",
	[S40_Q_PERSON_AFTER] = "SELECT id, title, first_th, last_th, first_en, last_en, "
			       "birth_day, sex, thai, village, phone, address, journal_seq "
			       "FROM person WHERE id > ?1 ORDER BY id LIMIT ?2",
	[S40_Q_PERSON_VILLAGE_INDEX_DROP] = "DROP INDEX IF EXISTS person_village",
	[S40_Q_PERSON_VILLAGE_INDEX_BUILD] =
		"CREATE INDEX IF NOT EXISTS person_village ON person(village)",

	[S40_Q_SPELL_INSERT] = "INSERT INTO spell(person, province, village, start_day, option, "
			       "recruited_by, channel, journal_seq) "
			       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING spell_id",
	[S40_Q_SPELL_OPEN] = "SELECT spell_id, person, province, village, start_day, end_day, "
			     "end_reason, option, recruited_by, channel, journal_seq "
			     "FROM spell WHERE person = ?1 AND end_day IS NULL",
	[S40_Q_SPELL_OF_PERSON] = "SELECT spell_id, person, province, village, start_day, "
				  "end_day, end_reason, option, recruited_by, channel, "
				  "journal_seq FROM spell WHERE person = ?1 ORDER BY start_day",
	[S40_Q_SPELL_END] = "UPDATE spell SET end_day = ?2, end_reason = ?3, journal_seq = ?4 "
			    "WHERE spell_id = ?1 AND end_day IS NULL",
	[S40_Q_SPELL_ALL] = "SELECT village, start_day, end_day FROM spell",
	[S40_Q_SPELL_IN_PROVINCE] = "SELECT village, start_day, end_day FROM spell "
				    "WHERE province = ?1 AND village BETWEEN ?2 AND ?3",
	[S40_Q_SPELL_GET] = "SELECT spell_id, person, province, village, start_day, end_day, "
			    "end_reason, option, recruited_by, channel, journal_seq "
			    "FROM spell WHERE spell_id = ?1",

	[S40_Q_OPTCHG_INSERT] = "INSERT INTO option_change(spell_id, request_day, from_month, "
				"old_option, new_option, journal_seq) "
				"VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[S40_Q_OPTCHG_OF_SPELL] = "SELECT request_day, from_month, old_option, new_option "
				  "FROM option_change WHERE spell_id = ?1 ORDER BY from_month",

	[S40_Q_EXCL_INSERT] = "INSERT INTO exclusion(person, province, kind, start_day, "
			      "end_day, source, journal_seq) VALUES (?1, (SELECT province FROM "
			      "person WHERE id = ?1), ?2, ?3, ?4, ?5, ?6)",
	[S40_Q_EXCL_UPDATE] = "UPDATE exclusion SET end_day = ?2, source = ?3, journal_seq = ?4 "
			      "WHERE excl_id = ?1",
	[S40_Q_EXCL_OF_PERSON] = "SELECT excl_id, kind, start_day, end_day, source "
				 "FROM exclusion WHERE person = ?1 ORDER BY start_day, kind",
	[S40_Q_EXCL_SAME] = "SELECT excl_id, end_day, source FROM exclusion WHERE person = ?1 "
			    "AND kind = ?2 AND start_day IS ?3",

	[S40_Q_JOURNAL_APPEND] = "INSERT INTO journal(seq, at, user, op, entity, detail, "
				 "prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[S40_Q_JOURNAL_LAST] = "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1",
	[S40_Q_JOURNAL_HASH_AT] = "SELECT hash FROM journal WHERE seq = ?1",
	[S40_Q_JOURNAL_ALL] = "SELECT seq, at, user, op, entity, detail, prev_hash, hash "
			      "FROM journal ORDER BY seq",
	[S40_Q_JOURNAL_OF_ENTITY] = "SELECT seq, at, user, op, entity, detail FROM journal "
				    "WHERE entity = ?1 ORDER BY seq",

	[S40_Q_ASOF_BY_VILLAGE] = "SELECT village, count(*) FROM spell WHERE start_day <= ?1 "
				  "AND (end_day IS NULL OR end_day > ?1) GROUP BY village "
				  "ORDER BY village",

	/* contributions (issue 3) */
	[S40_Q_PAY_BY_RECEIPT] = "SELECT payment_id, person, paid_day, channel, first_month, "
				 "last_month, total, extra, journal_seq FROM payment "
				 "WHERE receipt = ?1",
	[S40_Q_PAY_INSERT] = "INSERT INTO payment(person, province, receipt, paid_day, channel, "
			     "first_month, last_month, total, extra, journal_seq) "
			     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING payment_id",
	[S40_Q_LEDGER_INSERT] = "INSERT INTO ledger(person, month, province, village, spell_id, "
				"option, member, government, extra, payment_id) "
				"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	[S40_Q_LEDGER_OF_PERSON] =
		"SELECT l.month, l.spell_id, l.option, l.member, l.government, l.extra, "
		"l.payment_id, p.receipt, p.paid_day, p.channel FROM ledger l "
		"JOIN payment p ON p.payment_id = l.payment_id "
		"WHERE l.person = ?1 AND l.month BETWEEN ?2 AND ?3 ORDER BY l.month",
	/* From the sums of migration 0013, a row per village and month; the country's
	 * a range of each province's (77 descents of the key, not a scan of every month). */
	[S40_Q_LEDGER_BY_VILLAGE] =
		"SELECT month, village, member, government, extra, paying FROM ledger_sum "
		"WHERE province IN (SELECT code FROM area WHERE level = 1) AND month BETWEEN ?1 "
		"AND ?2 AND village BETWEEN ?3 AND ?4",
	[S40_Q_LEDGER_BY_VILLAGE_PROV] =
		"SELECT month, village, member, government, extra, paying FROM ledger_sum "
		"WHERE province = ?5 AND month BETWEEN ?1 AND ?2 AND village BETWEEN ?3 AND ?4",
	[S40_Q_LAPSED_ACTIVE] =
		"SELECT count(*) FROM spell WHERE province = ?5 AND start_day < ?2 "
		"AND start_day <= ?1 AND (end_day IS NULL OR end_day > ?1) "
		"AND village BETWEEN ?3 AND ?4",
	[S40_Q_LAPSED_NEW] =
		"SELECT count(*) FROM spell WHERE province = ?5 AND start_day >= ?2 "
		"AND start_day <= ?1 AND (end_day IS NULL OR end_day > ?1) "
		"AND village BETWEEN ?3 AND ?4",
	[S40_Q_LAPSED_PAID] =
		"SELECT (SELECT count(*) FROM spell_paid WHERE province = ?5 AND paid_to >= ?6 - 1 "
		"AND run_from <= ?6 - 1 AND start_day < ?2 AND start_day <= ?1 "
		"AND (end_day IS NULL OR end_day > ?1) AND village BETWEEN ?3 AND ?4) + "
		"(SELECT count(*) FROM spell_paid p WHERE p.province = ?5 AND p.paid_to >= ?6 "
		"AND p.run_from >= ?6 "
		"AND p.start_day < ?2 AND p.start_day <= ?1 "
		"AND (p.end_day IS NULL OR p.end_day > ?1) AND p.village BETWEEN ?3 AND ?4 "
		"AND EXISTS (SELECT 1 FROM ledger l WHERE l.person = p.person "
		"AND l.month = ?6 - 1))",
	[S40_Q_LAPSED_SINCE] =
		"SELECT person, spell_id, start_day, village, recruited_by, paid_to "
		"FROM spell_paid WHERE province = ?5 AND since < ?6 AND start_day < ?2 "
		"AND start_day <= ?1 AND (end_day IS NULL OR end_day > ?1) "
		"AND village BETWEEN ?3 AND ?4 ORDER BY since, village, person",
	[S40_Q_LAPSED_RUN] =
		"SELECT p.person, p.spell_id, p.start_day, p.village, p.recruited_by, "
		"(SELECT max(l.month) FROM ledger l WHERE l.person = p.person AND l.month < ?6) "
		"FROM spell_paid p WHERE p.province = ?5 AND p.paid_to >= ?6 "
		"AND p.run_from >= ?6 "
		"AND p.start_day < ?2 AND p.start_day <= ?1 "
		"AND (p.end_day IS NULL OR p.end_day > ?1) AND p.village BETWEEN ?3 AND ?4",
	[S40_Q_PAID_LOAD_MARK] = "INSERT OR IGNORE INTO spell_paid_load(person) VALUES (0)",
	/* The members' rows found by spell_paid_person and read in the order of
	 * their spell_id, the table's key (the IN list is sorted): read member by
	 * member, the rows and their spells were fetched at random. 845,779
	 * members of a 10 M register, in the sqlite3 shell: 8.6 s so, 3.3 s in
	 * key order. */
	[S40_Q_PAID_LOAD_UNDO] =
		"DELETE FROM spell_paid WHERE spell_id IN (SELECT p.spell_id "
		"FROM spell_paid_load t CROSS JOIN spell_paid p ON p.person = t.person) "
		"AND NOT EXISTS (SELECT 1 FROM spell s WHERE s.spell_id = spell_paid.spell_id "
		"AND (s.person, s.province, s.village, s.start_day, s.recruited_by) IS "
		"(spell_paid.person, spell_paid.province, spell_paid.village, "
		"spell_paid.start_day, spell_paid.recruited_by))",
	/* Each row of the members written down, found by spell_paid_person, its
	 * end and months paid read as 0015's triggers read them (PAID_END…:
	 * UPDATE … FROM a join with the rows made anew was planned as a scan of
	 * spell_paid for each member); set only where they differ, and only
	 * those columns, so that spell_paid_person, which has none, is not
	 * touched. */
	[S40_Q_PAID_LOAD_MEND] =
		"UPDATE spell_paid SET end_day = " PAID_END ", paid_to = " PAID_TO ", "
		"run_from = " PAID_RUN ", "
		"since = max(start_month, coalesce(" PAID_TO " + 1, start_month)) "
		"WHERE person IN (SELECT person FROM spell_paid_load) "
		"AND (end_day, paid_to, run_from) IS NOT (" PAID_END ", " PAID_TO ", " PAID_RUN ")",
	/* The members written down first (CROSS JOIN), each one's spells by
	 * spell_person and months paid by the ledger's key; s40_day_month is
	 * core/date.c's (sq_day_month). */
	[S40_Q_PAID_LOAD_FILL] =
		"INSERT INTO spell_paid(spell_id, person, province, village, start_day, end_day, "
		"recruited_by, start_month, paid_to, run_from, since) "
		"WITH runs AS (SELECT person, max(month) AS paid_to, "
		"max(CASE WHEN prev IS NULL OR prev < month - 1 THEN month END) AS run_from "
		"FROM (SELECT person, month, lag(month) OVER (PARTITION BY person ORDER BY month) "
		"AS prev FROM ledger WHERE person IN (SELECT person FROM spell_paid_load)) "
		"GROUP BY person), "
		"spells AS (SELECT s.spell_id, s.person, s.province, s.village, s.start_day, "
		"s.end_day, s.recruited_by, s40_day_month(s.start_day) AS sm "
		"FROM spell_paid_load t CROSS JOIN spell s ON s.person = t.person) "
		"SELECT s.spell_id, s.person, s.province, s.village, s.start_day, s.end_day, "
		"s.recruited_by, s.sm, r.paid_to, r.run_from, max(s.sm, coalesce(r.paid_to + 1, s.sm)) "
		"FROM spells s LEFT JOIN runs r ON r.person = s.person "
		"WHERE NOT EXISTS (SELECT 1 FROM spell_paid p WHERE p.spell_id = s.spell_id) "
		"ORDER BY s.spell_id",
	[S40_Q_PAID_LOAD_CLEAR] = "DELETE FROM spell_paid_load",
	[S40_Q_PAID_LOAD_SIZE] = "SELECT (SELECT count(*) FROM spell_paid_load WHERE person <> 0), "
				 "coalesce((SELECT max(spell_id) FROM spell), 0)",
	[S40_Q_BENEFIT_INSERT] = "INSERT INTO benefit(person, province, kind, event_day, units, "
				 "amount, journal_seq) VALUES (?1, (SELECT province FROM person "
				 "WHERE id = ?1), ?2, ?3, ?4, ?5, ?6) RETURNING benefit_id",
	[S40_Q_BENEFIT_OF_PERSON] = "SELECT benefit_id, kind, event_day, units, amount, "
				    "journal_seq FROM benefit WHERE person = ?1 "
				    "ORDER BY event_day, benefit_id",

	/* campaign: village surveys and fiscal-year targets */
	[S40_Q_SURVEY_GET_AT] = "SELECT survey_id FROM survey WHERE village = ?1 AND day = ?2",
	[S40_Q_SURVEY_INSERT] = "INSERT INTO survey(village, province, day, journal_seq) "
				"VALUES (?1, ?1 / 1000000, ?2, ?3) RETURNING survey_id",
	[S40_Q_SURVEY_TOUCH] = "UPDATE survey SET journal_seq = ?2 WHERE survey_id = ?1",
	[S40_Q_SURVEY_IN_FORCE] =
		"SELECT survey_id, village, day, (SELECT count(*) FROM survey_resident r "
		"WHERE r.survey_id = s.survey_id), journal_seq FROM survey s "
		"WHERE village = ?1 AND day <= ?2 ORDER BY day DESC LIMIT 1",
	[S40_Q_SURVEY_OF_VILLAGE] =
		"SELECT survey_id, village, day, (SELECT count(*) FROM survey_resident r "
		"WHERE r.survey_id = s.survey_id), journal_seq FROM survey s "
		"WHERE village = ?1 ORDER BY day",
	[S40_Q_SURVEY_RANGE] =
		"SELECT survey_id, village, day, (SELECT count(*) FROM survey_resident r "
		"WHERE r.survey_id = s.survey_id), journal_seq FROM survey s "
		"WHERE village BETWEEN ?1 AND ?2 ORDER BY village, day",
	[S40_Q_SURVEY_RES_GET] = "SELECT status, reason FROM survey_resident "
				 "WHERE survey_id = ?1 AND person = ?2",
	[S40_Q_SURVEY_RES_PUT] =
		"INSERT INTO survey_resident(survey_id, person, status, reason, journal_seq) "
		"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(survey_id, person) DO UPDATE SET "
		"status = excluded.status, reason = excluded.reason, "
		"journal_seq = excluded.journal_seq",
	[S40_Q_SURVEY_RES_OF] = "SELECT person, status, reason FROM survey_resident "
				"WHERE survey_id = ?1 ORDER BY person",
	[S40_Q_SURVEY_RES_RANGE] =
		"SELECT r.survey_id, r.person, r.status, r.reason FROM survey_resident r "
		"JOIN survey s ON s.survey_id = r.survey_id WHERE s.village BETWEEN ?1 AND ?2 "
		"ORDER BY r.survey_id, r.person",
	[S40_Q_SURVEY_PERSONS_RANGE] =
		"SELECT p.id, p.birth_day, p.thai FROM person p WHERE p.id IN (SELECT r.person "
		"FROM survey_resident r JOIN survey s ON s.survey_id = r.survey_id "
		"WHERE s.village BETWEEN ?1 AND ?2) ORDER BY p.id",
	[S40_Q_SURVEY_SPELLS_RANGE] =
		"SELECT person, start_day, end_day FROM spell WHERE person IN (SELECT r.person "
		"FROM survey_resident r JOIN survey s ON s.survey_id = r.survey_id "
		"WHERE s.village BETWEEN ?1 AND ?2) ORDER BY person, start_day",
	[S40_Q_SURVEY_EXCL_RANGE] =
		"SELECT person, kind, start_day, end_day FROM exclusion WHERE person IN "
		"(SELECT r.person FROM survey_resident r JOIN survey s ON s.survey_id = "
		"r.survey_id WHERE s.village BETWEEN ?1 AND ?2) ORDER BY person",
	[S40_Q_TARGET_GET] = "SELECT n, how, journal_seq FROM target WHERE fy = ?1 AND area = ?2",
	[S40_Q_TARGET_PUT] =
		"INSERT INTO target(fy, area, province, n, how, journal_seq) "
		"VALUES (?1, ?2, CASE WHEN ?2 < 100 THEN ?2 WHEN ?2 < 10000 THEN ?2 / 100 "
		"WHEN ?2 < 1000000 THEN ?2 / 10000 ELSE ?2 / 1000000 END, ?3, ?4, ?5) "
		"ON CONFLICT(fy, area) DO UPDATE SET n = excluded.n, how = excluded.how, "
		"journal_seq = excluded.journal_seq",
	[S40_Q_TARGET_DELETE] = "DELETE FROM target WHERE fy = ?1 AND area = ?2",
	[S40_Q_TARGET_OF_FY] = "SELECT area, n, how, journal_seq FROM target WHERE fy = ?1 "
			       "ORDER BY area",
	[S40_Q_TARGET_LATEST_FY] = "SELECT max(fy) FROM target WHERE area = ?1 AND fy <= ?2",

	/* network and field events (issue 5 second half) */
	[S40_Q_NET_INSERT] = "INSERT INTO network_member(person, province, role, area, supervisor, "
			     "from_day, journal_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
			     "RETURNING member_id",
	[S40_Q_NET_OPEN] = "SELECT member_id, person, role, area, supervisor, from_day, end_day, "
			   "journal_seq FROM network_member WHERE person = ?1 AND end_day IS NULL",
	[S40_Q_NET_OF_PERSON] = "SELECT member_id, person, role, area, supervisor, from_day, "
				"end_day, journal_seq FROM network_member WHERE person = ?1 "
				"ORDER BY from_day, member_id",
	[S40_Q_NET_END] = "UPDATE network_member SET end_day = ?2, journal_seq = ?3 "
			  "WHERE member_id = ?1 AND end_day IS NULL",
	[S40_Q_NET_ALL] = "SELECT member_id, person, role, area, supervisor, from_day, end_day, "
			  "journal_seq FROM network_member WHERE ?1 IS NULL OR province = ?1 "
			  "ORDER BY person, from_day, member_id",
	[S40_Q_NET_RECRUITS] = "SELECT recruited_by, spell_id, person, start_day, end_day "
			       "FROM spell WHERE recruited_by IS NOT NULL "
			       "AND start_day BETWEEN ?1 AND ?2 ORDER BY recruited_by, start_day",
	[S40_Q_EVENT_INSERT] = "INSERT INTO field_event(day, village, province, kind, place, note, "
			       "journal_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
			       "RETURNING event_id",
	[S40_Q_EVENT_GET] = "SELECT event_id, day, village, kind, place, note, journal_seq "
			    "FROM field_event WHERE event_id = ?1",
	[S40_Q_EVENT_LIST] = "SELECT event_id, day, village, kind, place, note, journal_seq "
			     "FROM field_event WHERE day BETWEEN ?1 AND ?2 "
			     "AND village BETWEEN ?3 AND ?4 ORDER BY day, event_id",
	[S40_Q_EVENT_STAFF_ADD] = "INSERT INTO event_staff(event_id, person) VALUES (?1, ?2)",
	[S40_Q_EVENT_STAFF_OF] = "SELECT person FROM event_staff WHERE event_id = ?1 "
				 "ORDER BY person",
	[S40_Q_EVENT_N_ENROL] = "SELECT count(*) FROM spell WHERE event = ?1",
	[S40_Q_SPELL_SET_EVENT] = "UPDATE spell SET event = ?2 WHERE spell_id = ?1",
	[S40_Q_FU_ASSIGN_GET] = "SELECT assignee, from_day, journal_seq FROM followup_assign "
				"WHERE person = ?1",
	[S40_Q_FU_ASSIGN_SET] = "INSERT INTO followup_assign(person, province, assignee, from_day, "
				"journal_seq) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(person) DO "
				"UPDATE SET province = excluded.province, assignee = "
				"excluded.assignee, from_day = excluded.from_day, journal_seq = "
				"excluded.journal_seq",
	[S40_Q_FU_ASSIGN_DEL] = "DELETE FROM followup_assign WHERE person = ?1",
	[S40_Q_FU_ASSIGNED_TO] = "SELECT person FROM followup_assign WHERE assignee = ?1 "
				 "ORDER BY person",
	[S40_Q_FU_ASSIGNED] = "SELECT person FROM followup_assign ORDER BY person",
	/* The IDs the outer loop (CROSS JOIN), each looked up by its key. */
	[S40_Q_FU_ASSIGNED_AMONG] = "SELECT f.person FROM json_each(?1) AS j CROSS JOIN "
				    "followup_assign AS f ON f.person = j.value",
	[S40_Q_FU_CALL_ADD] = "INSERT INTO followup_call(person, province, day, outcome, caller, "
			      "note, journal_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
			      "RETURNING call_id",
	[S40_Q_FU_CALLS] = "SELECT call_id, day, outcome, caller, note, journal_seq FROM "
			   "followup_call WHERE person = ?1 ORDER BY day DESC, call_id DESC",

	/* server: users, sessions, login throttle, paged searches (issue 4) */
	[S40_Q_USER_INSERT] = "INSERT INTO app_user(name, role, area, person, pw_hash, created_at, "
			      "journal_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING user_id",
	[S40_Q_USER_GET] = "SELECT user_id, name, role, area, person, pw_hash, disabled, created_at "
			   "FROM app_user WHERE name = ?1",
	[S40_Q_USER_ALL] = "SELECT user_id, name, role, area, person, pw_hash, disabled, created_at "
			   "FROM app_user ORDER BY name",
	[S40_Q_USER_SET_PASSWORD] = "UPDATE app_user SET pw_hash = ?2, journal_seq = ?3 "
				    "WHERE name = ?1",
	[S40_Q_SESSION_INSERT] = "INSERT INTO session(token_hash, user_id, created_at, expires_at, "
				 "addr) VALUES (?1, ?2, ?3, ?4, ?5)",
	[S40_Q_SESSION_GET] = "SELECT u.user_id, u.name, u.role, u.area, u.person, u.pw_hash, "
			      "u.disabled, u.created_at, s.expires_at FROM session s "
			      "JOIN app_user u ON u.user_id = s.user_id "
			      "WHERE s.token_hash = ?1 AND s.expires_at > ?2",
	[S40_Q_SESSION_DELETE] = "DELETE FROM session WHERE token_hash = ?1",
	[S40_Q_SESSION_DELETE_USER] = "DELETE FROM session WHERE user_id = ?1",
	[S40_Q_SESSION_PURGE] = "DELETE FROM session WHERE expires_at <= ?1",
	[S40_Q_SESSION_TRIM] = "DELETE FROM session WHERE user_id = ?1 AND token_hash <> ?2 "
			       "AND token_hash NOT IN (SELECT token_hash FROM session "
			       "WHERE user_id = ?1 AND token_hash <> ?2 "
			       "ORDER BY created_at DESC, token_hash LIMIT ?3)",
	[S40_Q_THROTTLE_GET] = "SELECT failures, window_start, locked_until FROM login_throttle "
			       "WHERE key = ?1",
	[S40_Q_THROTTLE_PUT] = "INSERT INTO login_throttle(key, failures, window_start, "
			       "locked_until) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(key) DO UPDATE "
			       "SET failures = excluded.failures, window_start = "
			       "excluded.window_start, locked_until = excluded.locked_until",
	[S40_Q_THROTTLE_CLEAR] = "DELETE FROM login_throttle WHERE key = ?1",
	[S40_Q_THROTTLE_CLEAR_RANGE] = "DELETE FROM login_throttle WHERE key >= ?1 AND key < ?2 "
				       "RETURNING key",
	[S40_Q_IDEM_GET] = "SELECT fingerprint, status, content_type, location, body FROM "
			   "idempotency WHERE user_name = ?1 AND key = ?2",
	[S40_Q_IDEM_INSERT] = "INSERT INTO idempotency(user_name, key, fingerprint, method, path, "
			      "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
			      "ON CONFLICT(user_name, key) DO NOTHING RETURNING 1",
	[S40_Q_IDEM_ANSWER] = "UPDATE idempotency SET status = ?3, content_type = ?4, location = ?5, "
			      "body = ?6 WHERE user_name = ?1 AND key = ?2",
	[S40_Q_IDEM_DELETE] = "DELETE FROM idempotency WHERE user_name = ?1 AND key = ?2",
	[S40_Q_IDEM_EXPIRE] = "DELETE FROM idempotency WHERE created_at < ?1",
	[S40_Q_PERSON_SEARCH] =
		"SELECT id, title, first_th, last_th, first_en, last_en, birth_day, sex, thai, "
		"village, phone, address, journal_seq FROM person "
		"WHERE village BETWEEN ?2 AND ?3 AND (?1 IS NULL OR first_th || ' ' || last_th "
		"LIKE ?1 OR coalesce(first_en, '') || ' ' || coalesce(last_en, '') LIKE ?1) "
		"AND (?4 IS NULL OR id IN (SELECT person FROM spell WHERE recruited_by = ?4)) "
		"ORDER BY id LIMIT ?5 OFFSET ?6",
	/* Counted up to ?5 (a negative LIMIT is none): a common name has tens of
	 * thousands of matches in a province, and reading past the cap is most of
	 * a search's time. */
	[S40_Q_PERSON_SEARCH_COUNT] =
		"SELECT count(*) FROM (SELECT 1 FROM person WHERE village BETWEEN ?2 AND ?3 AND "
		"(?1 IS NULL OR first_th || ' ' || last_th LIKE ?1 OR coalesce(first_en, '') || "
		"' ' || coalesce(last_en, '') LIKE ?1) AND (?4 IS NULL OR id IN (SELECT person "
		"FROM spell WHERE recruited_by = ?4)) LIMIT coalesce(?5, -1))",
	[S40_Q_PERSON_SEARCH_INDEXED] =
		"SELECT id, title, first_th, last_th, first_en, last_en, birth_day, sex, thai, "
		"village, phone, address, journal_seq FROM person WHERE id IN (SELECT rowid "
		"FROM person_name WHERE person_name MATCH ?7 AND (?4 IS NULL OR rowid IN "
		"(SELECT person FROM spell WHERE recruited_by = ?4)) ORDER BY rowid "
		"LIMIT ?5 OFFSET ?6) ORDER BY id",
	[S40_Q_PERSON_SEARCH_INDEXED_COUNT] =
		"SELECT count(*) FROM (SELECT 1 FROM person_name WHERE person_name MATCH ?7 AND "
		"(?4 IS NULL OR rowid IN (SELECT person FROM spell WHERE recruited_by = ?4)) "
		"LIMIT coalesce(?5, -1))",
	[S40_Q_AREA_SEARCH] = "SELECT code, level, parent, moo, name_th, name_en, postcode "
			      "FROM area WHERE name_th LIKE ?1 OR name_en LIKE ?1 "
			      "ORDER BY level, code LIMIT ?2 OFFSET ?3",
	[S40_Q_AREA_SEARCH_COUNT] = "SELECT count(*) FROM area WHERE name_th LIKE ?1 "
				    "OR name_en LIKE ?1",
	[S40_Q_JOURNAL_PAGE] = "SELECT seq, at, user, op, entity, detail FROM journal "
			       "WHERE (?1 IS NULL OR entity = ?1) AND seq > ?2 ORDER BY seq "
			       "LIMIT ?3",
};

#endif
