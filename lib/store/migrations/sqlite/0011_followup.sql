-- 0011: following members up (การติดตามผู้ประกันตน). A member in arrears or
-- lapsed may be assigned to a network member (0005) who calls on them; each
-- call's outcome is kept with its day. Both tables are digested (0008) and
-- every change is a journal entry (followup.assign, followup.call).

-- The network member a member is assigned to, from from_day: one at a time.
-- A new assignment replaces the row; its history is the journal's.
CREATE TABLE followup_assign (
	person INTEGER PRIMARY KEY REFERENCES person(id),
	province INTEGER NOT NULL,
	assignee INTEGER NOT NULL REFERENCES person(id),
	from_day INTEGER NOT NULL,
	journal_seq INTEGER NOT NULL,
	CHECK (assignee <> person)
);
CREATE INDEX followup_assignee ON followup_assign(assignee);

-- A call on a member (a visit or a telephone call) and its outcome:
-- 1 reached (ติดต่อได้), 2 promised to pay (รับปากว่าจะชำระ), 3 refused (ปฏิเสธ),
-- 4 moved (ย้ายที่อยู่), 5 died (เสียชีวิต), 6 wrong number (เบอร์ผิด).
-- caller: the network member who called (NULL: not said).
CREATE TABLE followup_call (
	call_id INTEGER PRIMARY KEY,
	person INTEGER NOT NULL REFERENCES person(id),
	province INTEGER NOT NULL,
	day INTEGER NOT NULL,
	outcome INTEGER NOT NULL CHECK (outcome BETWEEN 1 AND 6),
	caller INTEGER REFERENCES person(id),
	note TEXT,
	journal_seq INTEGER NOT NULL
);
CREATE INDEX followup_call_person ON followup_call(person, day);
