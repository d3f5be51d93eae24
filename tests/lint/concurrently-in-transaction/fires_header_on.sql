-- pgshift:transaction on
-- expect: concurrently-in-transaction
DROP INDEX CONCURRENTLY "i";
