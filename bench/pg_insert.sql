\set x random(1, 1000000000)
\set y random(1, 1000000000)
INSERT INTO t(a, b) VALUES (:x, :y);
