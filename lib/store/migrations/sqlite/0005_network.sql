-- 0005: the social-security network (เครือข่ายประกันสังคม) and field events.
-- A network member is a registered person with a role in an area for a period;
-- a field event is a day in a village (a campaign, a visit, a registration
-- day) with the network members present; an enrolment may point to the event
-- at which it was made. Recruits are the spells whose recruited_by is the
-- member's person (0001), so nothing here repeats them.

-- A period of a person in the network: from from_day until the day before
-- end_day (half-open, as spells), or still active when end_day is NULL.
-- role: 1 volunteer, 2 network representative, 3 local leader, 4 SSO staff.
-- supervisor: the national ID of the network member they report to.
CREATE TABLE network_member (
	member_id INTEGER PRIMARY KEY,
	person INTEGER NOT NULL REFERENCES person(id),
	province INTEGER NOT NULL,
	role INTEGER NOT NULL CHECK (role BETWEEN 1 AND 4),
	area INTEGER NOT NULL REFERENCES area(code),
	supervisor INTEGER REFERENCES person(id),
	from_day INTEGER NOT NULL,
	end_day INTEGER,
	journal_seq INTEGER NOT NULL,
	CHECK (end_day IS NULL OR end_day >= from_day),
	CHECK (supervisor IS NULL OR supervisor <> person)
);
CREATE UNIQUE INDEX network_one_open ON network_member(person) WHERE end_day IS NULL;
CREATE INDEX network_person ON network_member(person, from_day);
CREATE INDEX network_province ON network_member(province);

-- A field event. kind: 1 campaign (รณรงค์), 2 visit (ลงพื้นที่/ตรวจเยี่ยม),
-- 3 registration day (รับสมัคร). place: where in the village (a hall, a temple).
CREATE TABLE field_event (
	event_id INTEGER PRIMARY KEY,
	day INTEGER NOT NULL,
	village INTEGER NOT NULL REFERENCES area(code),
	province INTEGER NOT NULL,
	kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 3),
	place TEXT,
	note TEXT,
	journal_seq INTEGER NOT NULL
);
CREATE INDEX field_event_village ON field_event(village, day);
CREATE INDEX field_event_day ON field_event(day);

-- The network members present at an event.
CREATE TABLE event_staff (
	event_id INTEGER NOT NULL REFERENCES field_event(event_id),
	person INTEGER NOT NULL REFERENCES person(id),
	PRIMARY KEY (event_id, person)
) WITHOUT ROWID;

-- The event at which an enrolment was made (NULL: none).
ALTER TABLE spell ADD COLUMN event INTEGER REFERENCES field_event(event_id);
CREATE INDEX spell_event ON spell(event) WHERE event IS NOT NULL;
CREATE INDEX spell_recruited_by ON spell(recruited_by) WHERE recruited_by IS NOT NULL;
