-- expect: drop-schema
DROP SCHEMA old CASCADE;
