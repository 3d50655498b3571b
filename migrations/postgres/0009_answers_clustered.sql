-- SQLite only (a table without rowid, in key order). PostgreSQL reads a
-- response's answers through its primary key index as it is.
SELECT 1;
