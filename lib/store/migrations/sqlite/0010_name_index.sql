-- 0010: a name search within an area reads an index, not the area's persons (issue 11).
--
-- person_name: an FTS5 full-text index of every person's names, with the trigram
-- tokenizer, so that "contains" (LIKE '%text%', what the search has always meant) is
-- answered from the index for any text of three characters or more. Its rowid is the
-- person's ID. It holds no copy of the names (content=''): only the index, kept by the
-- triggers below from the person table, the one place names are written.
--
-- Its columns p, d, s, v hold the person's province, district, subdistrict and village,
-- each as one three-character token: a letter for the level, then the code in two
-- characters of the CJK block (U+4E00 + code / 10000, U+4E00 + code % 10000), which no
-- name or other column holds. A search within an area is then one more token in the
-- same query ('d : "d.."' AND the names), which the index intersects with the names'
-- tokens: it reads the area's share of each list and nothing else of the country.
-- lib/registry/search.c builds the same tokens.
--
-- th holds first_th || ' ' || last_th and en the same of the English names, exactly the
-- strings the LIKE search compares, so the index and the LIKE agree row for row.
-- columnsize=0: no per-row lengths (no ranking is done).
CREATE VIRTUAL TABLE person_name USING fts5(p, d, s, v, th, en, content = '',
	columnsize = 0, tokenize = 'trigram');

CREATE TRIGGER person_name_insert AFTER INSERT ON person BEGIN
	INSERT INTO person_name(rowid, p, d, s, v, th, en) VALUES (new.id,
		'p' || char(19968 + new.village / 1000000 / 10000, 19968 + new.village / 1000000 % 10000),
		'd' || char(19968 + new.village / 10000 / 10000, 19968 + new.village / 10000 % 10000),
		's' || char(19968 + new.village / 100 / 10000, 19968 + new.village / 100 % 10000),
		'v' || char(19968 + new.village / 10000, 19968 + new.village % 10000),
		new.first_th || ' ' || new.last_th,
		coalesce(new.first_en, '') || ' ' || coalesce(new.last_en, ''));
END;

-- A contentless index forgets a row when given the very values it was given.
CREATE TRIGGER person_name_delete AFTER DELETE ON person BEGIN
	INSERT INTO person_name(person_name, rowid, p, d, s, v, th, en) VALUES ('delete', old.id,
		'p' || char(19968 + old.village / 1000000 / 10000, 19968 + old.village / 1000000 % 10000),
		'd' || char(19968 + old.village / 10000 / 10000, 19968 + old.village / 10000 % 10000),
		's' || char(19968 + old.village / 100 / 10000, 19968 + old.village / 100 % 10000),
		'v' || char(19968 + old.village / 10000, 19968 + old.village % 10000),
		old.first_th || ' ' || old.last_th,
		coalesce(old.first_en, '') || ' ' || coalesce(old.last_en, ''));
END;

CREATE TRIGGER person_name_update
AFTER UPDATE OF first_th, last_th, first_en, last_en, village ON person BEGIN
	INSERT INTO person_name(person_name, rowid, p, d, s, v, th, en) VALUES ('delete', old.id,
		'p' || char(19968 + old.village / 1000000 / 10000, 19968 + old.village / 1000000 % 10000),
		'd' || char(19968 + old.village / 10000 / 10000, 19968 + old.village / 10000 % 10000),
		's' || char(19968 + old.village / 100 / 10000, 19968 + old.village / 100 % 10000),
		'v' || char(19968 + old.village / 10000, 19968 + old.village % 10000),
		old.first_th || ' ' || old.last_th,
		coalesce(old.first_en, '') || ' ' || coalesce(old.last_en, ''));
	INSERT INTO person_name(rowid, p, d, s, v, th, en) VALUES (new.id,
		'p' || char(19968 + new.village / 1000000 / 10000, 19968 + new.village / 1000000 % 10000),
		'd' || char(19968 + new.village / 10000 / 10000, 19968 + new.village / 10000 % 10000),
		's' || char(19968 + new.village / 100 / 10000, 19968 + new.village / 100 % 10000),
		'v' || char(19968 + new.village / 10000, 19968 + new.village % 10000),
		new.first_th || ' ' || new.last_th,
		coalesce(new.first_en, '') || ' ' || coalesce(new.last_en, ''));
END;

-- The persons already registered (at national size, 20 M rows: minutes, once).
INSERT INTO person_name(rowid, p, d, s, v, th, en) SELECT id,
	'p' || char(19968 + village / 1000000 / 10000, 19968 + village / 1000000 % 10000),
	'd' || char(19968 + village / 10000 / 10000, 19968 + village / 10000 % 10000),
	's' || char(19968 + village / 100 / 10000, 19968 + village / 100 % 10000),
	'v' || char(19968 + village / 10000, 19968 + village % 10000),
	first_th || ' ' || last_th, coalesce(first_en, '') || ' ' || coalesce(last_en, '')
	FROM person;
