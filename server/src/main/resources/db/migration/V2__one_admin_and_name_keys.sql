-- The first user of a server is its admin, decided by the database rather than by a count that two
-- sign-ups at the same moment both read as zero: the admin holds the one admin seat. admin_seat is
-- TRUE for that user and NULL for everyone else (NULLs never collide in a UNIQUE constraint, on H2
-- and PostgreSQL alike).
ALTER TABLE users ADD COLUMN admin_seat BOOLEAN;
ALTER TABLE users ADD CONSTRAINT users_one_admin_seat UNIQUE (admin_seat);
ALTER TABLE users ADD CONSTRAINT users_admin_seat_is_true CHECK (admin_seat);
-- A database made before this has its admin already: the earliest one takes the seat. (Where two
-- sign-ups both became admin, both stay admin: only the server's operator can tell which is theirs.)
UPDATE users SET admin_seat = TRUE
WHERE id = (SELECT id FROM users WHERE admin ORDER BY created_at, id FETCH FIRST 1 ROWS ONLY);

-- The name as names are compared: Unicode NFKC, case-folded (Users.key), so that 'Carol', 'carol'
-- and 'ｃａｒｏｌ' are one name. The server fills it for rows made before this at start-up; two old
-- rows with the same key keep working by their exact names, and the later one stays without a key.
ALTER TABLE users ADD COLUMN name_key VARCHAR(400);
ALTER TABLE users ADD CONSTRAINT users_one_name_key UNIQUE (name_key);
