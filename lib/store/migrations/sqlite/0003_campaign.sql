-- 0003: the campaign — village surveys (the denominator of coverage) and
-- fiscal-year targets. Coverage, fully covered villages and attainment are
-- computed from these and the register for any day (lib/stats); nothing here
-- stores a status that could go stale.

-- A survey of one village on one day. A later survey of the village replaces
-- it from its own day on; (village, day) is unique, and adding to a survey of
-- that village and day adds to it.
CREATE TABLE survey (
	survey_id INTEGER PRIMARY KEY,
	village INTEGER NOT NULL REFERENCES area(code),
	province INTEGER NOT NULL,
	day INTEGER NOT NULL,
	journal_seq INTEGER NOT NULL,
	UNIQUE (village, day)
);

-- The residents a survey found. status: 1 Section 40 member, 2 Section 33,
-- 3 Section 39, 4 civil servant, 5 state enterprise, 6 uninsured and eligible,
-- 7 not eligible; reason (only with 7): 1 student, 2 age, 3 not Thai, 4 other.
CREATE TABLE survey_resident (
	survey_id INTEGER NOT NULL REFERENCES survey(survey_id),
	person INTEGER NOT NULL REFERENCES person(id),
	status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 7),
	reason INTEGER CHECK (reason BETWEEN 1 AND 4),
	journal_seq INTEGER NOT NULL,
	CHECK ((status = 7) = (reason IS NOT NULL)),
	PRIMARY KEY (survey_id, person)
) WITHOUT ROWID;
CREATE INDEX survey_resident_person ON survey_resident(person);

-- A target of new Section 40 enrolments for a fiscal year (BE year it ends in)
-- and an area. how: 1 set on the area, 2 allocated from the parent by share of
-- surveyed eligible residents, 3 allocated by hand.
CREATE TABLE target (
	fy INTEGER NOT NULL CHECK (fy BETWEEN 2400 AND 2800),
	area INTEGER NOT NULL REFERENCES area(code),
	province INTEGER NOT NULL,
	n INTEGER NOT NULL CHECK (n >= 0),
	how INTEGER NOT NULL CHECK (how BETWEEN 1 AND 3),
	journal_seq INTEGER NOT NULL,
	PRIMARY KEY (fy, area)
) WITHOUT ROWID;

-- The fully-covered threshold, hundredths of a per cent (10000 = 100%).
INSERT INTO meta(key, value) VALUES ('campaign.full_threshold', '10000');
