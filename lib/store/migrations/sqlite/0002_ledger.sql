-- 0002: contributions. Payments, the month-by-month ledger (one row per
-- contribution month paid) and the benefits recorded for the yearly caps.
-- Months are month numbers (core/date.h), days day numbers, money integer satang.
-- Every table keeps the province code (DESIGN.md: distribution by province).
-- CHECKs use BETWEEN, not IN (…) (see 0001).

-- One payment: a receipt covering the contribution months first_month …
-- last_month (at most 13 periods: the paid day's month and 12 ahead).
-- channel: 1 office, 2 counter service, 3 bank debit, 4 app, 5 network representative.
-- total is everything paid (member shares and extra savings); extra the extra
-- savings in it.
CREATE TABLE payment (
	payment_id INTEGER PRIMARY KEY,
	person INTEGER NOT NULL REFERENCES person(id),
	province INTEGER NOT NULL,
	receipt TEXT NOT NULL UNIQUE,
	paid_day INTEGER NOT NULL,
	channel INTEGER NOT NULL CHECK (channel BETWEEN 1 AND 5),
	first_month INTEGER NOT NULL,
	last_month INTEGER NOT NULL,
	total INTEGER NOT NULL CHECK (total >= 0),
	extra INTEGER NOT NULL CHECK (extra >= 0),
	journal_seq INTEGER NOT NULL,
	CHECK (last_month BETWEEN first_month AND first_month + 12)
);
CREATE INDEX payment_person ON payment(person, paid_day);

-- The ledger: one row per contribution month paid, with the spell and option
-- in force that month, the member's and the government's share and the extra
-- savings. village is the spell's (enrolment) village, as the as-of counts use.
CREATE TABLE ledger (
	person INTEGER NOT NULL,
	month INTEGER NOT NULL,
	province INTEGER NOT NULL,
	village INTEGER NOT NULL,
	spell_id INTEGER NOT NULL REFERENCES spell(spell_id),
	option INTEGER NOT NULL CHECK (option BETWEEN 1 AND 3),
	member INTEGER NOT NULL CHECK (member >= 0),
	government INTEGER NOT NULL CHECK (government >= 0),
	extra INTEGER NOT NULL CHECK (extra BETWEEN 0 AND 100000),
	payment_id INTEGER NOT NULL REFERENCES payment(payment_id),
	PRIMARY KEY (person, month)
) WITHOUT ROWID;
CREATE INDEX ledger_month ON ledger(month, village);

-- Benefits paid, recorded so that the yearly caps have something to count.
-- kind: 1 in-patient, 2 rest, 3 out-patient, 4 disability, 5 death, 6 child,
-- 7 old age. units: the days, visits or children paid for (0 when none apply).
CREATE TABLE benefit (
	benefit_id INTEGER PRIMARY KEY,
	person INTEGER NOT NULL REFERENCES person(id),
	province INTEGER NOT NULL,
	kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 7),
	event_day INTEGER NOT NULL,
	units INTEGER NOT NULL CHECK (units >= 0),
	amount INTEGER NOT NULL CHECK (amount >= 0),
	journal_seq INTEGER NOT NULL,
	UNIQUE (person, kind, event_day)
);
