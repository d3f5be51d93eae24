-- The objects PostgreSQL's own pg_dump regression test creates: the create_sql entries of the %tests hash in
-- src/bin/pg_dump/t/002_pg_dump.pl (github.com/postgres/postgres, commit 00d9dcf5bebbb355152a60f0e2120cdf7f9e7ddd),
-- in create_order (ties in file order), whitespace re-indented, a missing final semicolon added. The SQL is
-- that test's, carried over under the PostgreSQL licence:
--
--   PostgreSQL Database Management System (formerly known as Postgres, then as Postgres95)
--   Portions Copyright (c) 1996-2023, The PostgreSQL Global Development Group
--   Portions Copyright (c) 1994, The Regents of the University of California
--
--   Permission to use, copy, modify, and distribute this software and its documentation for any purpose,
--   without fee, and without a written agreement is hereby granted, provided that the above copyright notice
--   and this paragraph and the following two paragraphs appear in all copies.
--
--   IN NO EVENT SHALL THE UNIVERSITY OF CALIFORNIA BE LIABLE TO ANY PARTY FOR DIRECT, INDIRECT, SPECIAL,
--   INCIDENTAL, OR CONSEQUENTIAL DAMAGES, INCLUDING LOST PROFITS, ARISING OUT OF THE USE OF THIS SOFTWARE AND
--   ITS DOCUMENTATION, EVEN IF THE UNIVERSITY OF CALIFORNIA HAS BEEN ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
--
--   THE UNIVERSITY OF CALIFORNIA SPECIFICALLY DISCLAIMS ANY WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
--   IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE. THE SOFTWARE PROVIDED HEREUNDER
--   IS ON AN "AS IS" BASIS, AND THE UNIVERSITY OF CALIFORNIA HAS NO OBLIGATIONS TO PROVIDE MAINTENANCE,
--   SUPPORT, UPDATES, ENHANCEMENTS, OR MODIFICATIONS.
--
-- Needs a superuser (C-language handler, procedural language, access methods, a foreign-data wrapper, an
-- event trigger, a publication FOR ALL TABLES) and the role regress_dump_test_role, which is cluster-wide:
-- tests/corpus_db.py creates it (NEEDS_ROLES) before this script runs.
--
-- Left out, and why:
-- * CREATE ROLE regress_dump_test_role / "regress_quoted  \"" role": roles are cluster-wide (see above; the
--   quoted role is only used by the statements on schema public left out below).
-- * CREATE DATABASE dump_test / dump_test2, GRANT CREATE and REVOKE CONNECT ON DATABASE dump_test, and the
--   statements run in the other databases regress_pg_dump_test / regress_public_owner (DROP SCHEMA public,
--   COMMENT ON SCHEMA public IS NULL): databases are cluster-wide, and the corpus is one database.
-- * ALTER SCHEMA public OWNER TO, REVOKE ALL ON SCHEMA public FROM "regress_quoted  \"" role": they hand the
--   database's own public schema to another role; owners are not part of what pgshift manages.
-- * Large objects (lo_from_bytea, lo_create, COMMENT ON / GRANT ALL ON LARGE OBJECT): data, not schema.
-- * CREATE SUBSCRIPTION sub1..sub3, COMMENT ON SUBSCRIPTION: subscriptions are cluster-wide catalog rows;
--   origin = none needs PostgreSQL 16.
-- * GRANT/REVOKE on pg_catalog objects (pg_sleep, pg_proc columns, pg_stat_reset and its owner): they change
--   the system catalogs' privileges, outside every schema pgshift reads.
-- * COMPRESSION lz4 (dump_test.test_compression, dump_test.matview_compression) and the ICU collation
--   icu_collation: the throwaway pgserver PostgreSQL 16 build the tests fall back to has neither lz4 nor ICU
--   (002_pg_dump.pl itself skips them on such builds).
-- Data rows the test inserts are kept: they are what make the NOT NULL / CHECK / FOREIGN KEY facts real.

-- create_order 2
CREATE SCHEMA dump_test;

-- create_order 3
CREATE TABLE dump_test.test_table (
  col1 serial primary key,
  col2 text COMPRESSION pglz,
  col3 text,
  col4 text,
  CHECK (col1 <= 1000)
) WITH (autovacuum_enabled = false, fillfactor=80);
COMMENT ON CONSTRAINT test_table_col1_check
  ON dump_test.test_table IS 'bounds check';

-- create_order 3
CREATE TABLE dump_test.test_table_identity (
  col1 int generated always as identity primary key,
  col2 text
);

-- create_order 3
CREATE TABLE dump_test.test_table_generated (
  col1 int primary key,
  col2 int generated always as (col1 * 2) stored
);

-- create_order 4
CREATE TABLE dump_test.test_table_fk (
  col1 int references dump_test.test_table)
  PARTITION BY RANGE (col1);
CREATE TABLE dump_test.test_table_fk_1
  PARTITION OF dump_test.test_table_fk
  FOR VALUES FROM (0) TO (10);

-- create_order 4
INSERT INTO dump_test.test_table (col1) SELECT generate_series FROM generate_series(1,9);

-- create_order 4
CREATE TABLE dump_test.test_table_generated_child1 ()
  INHERITS (dump_test.test_table_generated);

-- create_order 4
CREATE TABLE dump_test.test_table_generated_child2 (
  col1 int,
  col2 int
) INHERITS (dump_test.test_table_generated);

-- create_order 5
GRANT SELECT ON TABLE dump_test.test_table
  TO regress_dump_test_role;

-- create_order 6
CREATE TABLE dump_test.test_second_table (
  col1 int,
  col2 text
);

-- create_order 6
CREATE TABLE dump_test.test_third_table (
  f1 int, junk int,
  g1 int generated always as (f1 * 2) stored,
  "F3" int,
  g2 int generated always as ("F3" * 3) stored
);
ALTER TABLE dump_test.test_third_table DROP COLUMN junk;

-- create_order 6
CREATE TABLE dump_test.test_fourth_table (
);

-- create_order 6
CREATE TABLE dump_test.test_sixth_table (
  col1 int,
  col2 text,
  col3 bytea
);

-- create_order 6
CREATE TABLE dump_test.test_seventh_table (
  col1 int,
  col2 text,
  col3 bytea
);

-- create_order 7
INSERT INTO dump_test.test_second_table (col1, col2) SELECT generate_series, generate_series::text FROM generate_series(1,9);

-- create_order 7
INSERT INTO dump_test.test_third_table VALUES (123, DEFAULT, 456);

-- create_order 7
INSERT INTO dump_test.test_fourth_table DEFAULT VALUES;
INSERT INTO dump_test.test_fourth_table DEFAULT VALUES;

-- create_order 8
GRANT INSERT (col1) ON TABLE dump_test.test_second_table
  TO regress_dump_test_role;

-- create_order 9
CREATE SCHEMA dump_test_second_schema;

-- create_order 10
GRANT USAGE ON SCHEMA dump_test_second_schema
  TO regress_dump_test_role;

-- create_order 11
CREATE ACCESS METHOD regress_table_am TYPE TABLE HANDLER heap_tableam_handler;

-- create_order 12
CREATE TABLE dump_test.regress_pg_dump_table_am_0() USING heap;
CREATE TABLE dump_test.regress_pg_dump_table_am_1 (col1 int) USING regress_table_am;
CREATE TABLE dump_test.regress_pg_dump_table_am_2() USING heap;

-- create_order 13
CREATE MATERIALIZED VIEW dump_test.regress_pg_dump_matview_am_0 USING heap AS SELECT 1;
CREATE MATERIALIZED VIEW dump_test.regress_pg_dump_matview_am_1
  USING regress_table_am AS SELECT count(*) FROM pg_class;
CREATE MATERIALIZED VIEW dump_test.regress_pg_dump_matview_am_2 USING heap AS SELECT 1;

-- create_order 14
ALTER DEFAULT PRIVILEGES FOR ROLE regress_dump_test_role IN SCHEMA dump_test GRANT SELECT ON TABLES TO regress_dump_test_role;

-- create_order 15
ALTER DEFAULT PRIVILEGES FOR ROLE regress_dump_test_role IN SCHEMA dump_test GRANT EXECUTE ON FUNCTIONS TO regress_dump_test_role;

-- create_order 16
REVOKE USAGE ON LANGUAGE plpgsql FROM public;

-- create_order 17
CREATE FUNCTION dump_test.pltestlang_call_handler()
  RETURNS LANGUAGE_HANDLER AS '$libdir/plpgsql',
  'plpgsql_call_handler' LANGUAGE C;

-- create_order 18
CREATE LANGUAGE pltestlang
  HANDLER dump_test.pltestlang_call_handler;

-- create_order 20
CREATE MATERIALIZED VIEW dump_test.matview (col1) AS
  SELECT col1 FROM dump_test.test_table;

-- create_order 21
CREATE MATERIALIZED VIEW
  dump_test.matview_second (col1) AS
  SELECT * FROM dump_test.matview;

-- create_order 21
CREATE TABLE dump_test.fk_reference_test_table (
  col1 int primary key references dump_test.test_table
);

-- create_order 22
INSERT INTO dump_test.fk_reference_test_table (col1) SELECT generate_series FROM generate_series(1,5);

-- create_order 22
CREATE POLICY p1 ON dump_test.test_table
  USING (true)
  WITH CHECK (true);

-- create_order 23
ALTER TABLE dump_test.test_table ENABLE ROW LEVEL SECURITY;

-- create_order 24
CREATE POLICY p2 ON dump_test.test_table
  FOR SELECT TO regress_dump_test_role USING (true);

-- create_order 25
CREATE AGGREGATE dump_test.newavg (
  sfunc = int4_avg_accum,
  basetype = int4,
  stype = _int8,
  finalfunc = int8_avg,
  finalfunc_modify = shareable,
  initcond1 = '{0,0}'
);

-- create_order 25
CREATE POLICY p3 ON dump_test.test_table
  FOR INSERT TO regress_dump_test_role WITH CHECK (true);

-- create_order 26
CREATE POLICY p4 ON dump_test.test_table FOR UPDATE
  TO regress_dump_test_role USING (true) WITH CHECK (true);

-- create_order 27
CREATE POLICY p5 ON dump_test.test_table
  FOR DELETE TO regress_dump_test_role USING (true);

-- create_order 27
CREATE POLICY p6 ON dump_test.test_table AS RESTRICTIVE
  USING (false);

-- create_order 29
CREATE DOMAIN dump_test.us_postal_code AS TEXT
  COLLATE "C"
  DEFAULT '10014'
  CHECK(VALUE ~ '^\d{5}$' OR
        VALUE ~ '^\d{5}-\d{4}$');
COMMENT ON CONSTRAINT us_postal_code_check
  ON DOMAIN dump_test.us_postal_code IS 'check it';

-- create_order 30
CREATE FUNCTION dump_test.trigger_func()
  RETURNS trigger LANGUAGE plpgsql
  AS $$ BEGIN RETURN NULL; END;$$;

-- create_order 31
CREATE TRIGGER test_trigger
  BEFORE INSERT ON dump_test.test_table
  FOR EACH ROW WHEN (NEW.col1 > 10)
  EXECUTE FUNCTION dump_test.trigger_func();

-- create_order 32
CREATE FUNCTION dump_test.event_trigger_func()
  RETURNS event_trigger LANGUAGE plpgsql
  AS $$ BEGIN RETURN; END;$$;

-- create_order 33
CREATE EVENT TRIGGER test_event_trigger
  ON ddl_command_start
  EXECUTE FUNCTION dump_test.event_trigger_func();

-- create_order 34
CREATE TRANSFORM FOR int LANGUAGE SQL (FROM SQL WITH FUNCTION prsd_lextype(internal), TO SQL WITH FUNCTION int4recv(internal));

-- create_order 35
CREATE FOREIGN DATA WRAPPER dummy;

-- create_order 36
COMMENT ON TABLE dump_test.test_table IS 'comment on table';

-- create_order 36
COMMENT ON COLUMN dump_test.test_table.col1 IS 'comment on column';

-- create_order 36
CREATE SERVER s1 FOREIGN DATA WRAPPER dummy;

-- create_order 37
CREATE TYPE dump_test.planets
  AS ENUM ( 'venus', 'earth', 'mars' );

-- create_order 38
CREATE TYPE dump_test.textrange
  AS RANGE (subtype=text, collation="C");

-- create_order 39
CREATE TYPE dump_test.int42;

-- create_order 39
CREATE TYPE dump_test.undefined;

-- create_order 40
CREATE FUNCTION dump_test.int42_in(cstring)
  RETURNS dump_test.int42 AS 'int4in'
  LANGUAGE internal STRICT IMMUTABLE;

-- create_order 41
CREATE FUNCTION dump_test.int42_out(dump_test.int42)
  RETURNS cstring AS 'int4out'
  LANGUAGE internal STRICT IMMUTABLE;

-- create_order 41
CREATE FUNCTION dump_test.func_with_support() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$ SUPPORT varchar_support;

-- create_order 41
CREATE PROCEDURE dump_test.ptest1(a int)
  LANGUAGE SQL AS $$ INSERT INTO dump_test.test_table (col1) VALUES (a) $$;

-- create_order 42
CREATE TYPE dump_test.int42 (
  internallength = 4,
  input = dump_test.int42_in,
  output = dump_test.int42_out,
  alignment = int4,
  default = 42,
  passedbyvalue);

-- create_order 43
CREATE TYPE dump_test.composite AS (
  f1 int,
  f2 dump_test.int42
);

-- create_order 44
COMMENT ON COLUMN dump_test.composite.f1 IS 'comment on column of type';

-- create_order 50
CREATE PUBLICATION pub1;

-- create_order 50
CREATE PUBLICATION pub2
  FOR ALL TABLES
  WITH (publish = '');

-- create_order 50
CREATE PUBLICATION pub3;

-- create_order 50
CREATE PUBLICATION pub4;

-- create_order 51
CREATE CAST (timestamptz AS interval) WITH FUNCTION age(timestamptz) AS ASSIGNMENT;

-- create_order 51
ALTER PUBLICATION pub1 ADD TABLE dump_test.test_table;

-- create_order 51
ALTER PUBLICATION pub3 ADD TABLES IN SCHEMA dump_test;

-- create_order 51
ALTER PUBLICATION pub3 ADD TABLE dump_test.test_table;

-- create_order 51
ALTER PUBLICATION pub4 ADD TABLE dump_test.test_table WHERE (col1 > 0);

-- create_order 52
CREATE ACCESS METHOD gist2 TYPE INDEX HANDLER gisthandler;

-- create_order 52
ALTER PUBLICATION pub1 ADD TABLE dump_test.test_second_table;

-- create_order 52
ALTER PUBLICATION pub1 ADD TABLE dump_test.test_sixth_table (col3, col2);

-- create_order 52
ALTER PUBLICATION pub1 ADD TABLE dump_test.test_seventh_table (col3, col2) WHERE (col1 = 1);

-- create_order 52
ALTER PUBLICATION pub3 ADD TABLES IN SCHEMA public;

-- create_order 52
ALTER PUBLICATION pub4 ADD TABLE dump_test.test_second_table WHERE (col2 = 'test');

-- create_order 53
CREATE TABLE dump_test.test_fifth_table (
  col1 integer,
  col2 boolean,
  col3 boolean,
  col4 bit(5),
  col5 float8
);

-- create_order 54
INSERT INTO dump_test.test_fifth_table VALUES (NULL, true, false, '11001'::bit(5), 'NaN');

-- create_order 54
INSERT INTO dump_test.test_table_identity (col2) VALUES ('test');

-- create_order 55
ALTER DEFAULT PRIVILEGES FOR ROLE regress_dump_test_role REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

-- create_order 55
COMMENT ON PUBLICATION pub1 IS 'comment on publication';

-- create_order 56
ALTER DEFAULT PRIVILEGES FOR ROLE regress_dump_test_role REVOKE SELECT ON TABLES FROM regress_dump_test_role;

-- create_order 58
CREATE MATERIALIZED VIEW
  dump_test.matview_third (col1) AS
  SELECT * FROM dump_test.matview_second WITH NO DATA;

-- create_order 59
CREATE MATERIALIZED VIEW
  dump_test.matview_fourth (col1) AS
  SELECT * FROM dump_test.matview_third WITH NO DATA;

-- create_order 61
CREATE VIEW dump_test.test_view
  WITH (check_option = 'local', security_barrier = true) AS
  SELECT col1 FROM dump_test.test_table;

-- create_order 62
ALTER VIEW dump_test.test_view ALTER COLUMN col1 SET DEFAULT 1;

-- create_order 63
COMMENT ON COLUMN dump_test.test_second_table.col1 IS 'comment on column col1';

-- create_order 64
COMMENT ON COLUMN dump_test.test_second_table.col2 IS 'comment on column col2';

-- create_order 66
GRANT USAGE ON TYPE dump_test.planets TO regress_dump_test_role;

-- create_order 67
GRANT USAGE ON TYPE dump_test.textrange TO regress_dump_test_role;

-- create_order 68
COMMENT ON TYPE dump_test.planets IS 'comment on enum type';

-- create_order 69
COMMENT ON TYPE dump_test.textrange IS 'comment on range type';

-- create_order 70
COMMENT ON TYPE dump_test.int42 IS 'comment on regular type';

-- create_order 71
COMMENT ON TYPE dump_test.undefined IS 'comment on undefined type';

-- create_order 72
GRANT USAGE ON DOMAIN dump_test.us_postal_code TO regress_dump_test_role;

-- create_order 73
CREATE OPERATOR FAMILY dump_test.op_family USING btree;

-- create_order 74
CREATE OPERATOR CLASS dump_test.op_class
  FOR TYPE bigint USING btree FAMILY dump_test.op_family
  AS STORAGE bigint,
  OPERATOR 1 <(bigint,bigint),
  OPERATOR 2 <=(bigint,bigint),
  OPERATOR 3 =(bigint,bigint),
  OPERATOR 4 >=(bigint,bigint),
  OPERATOR 5 >(bigint,bigint),
  FUNCTION 1 btint8cmp(bigint,bigint),
  FUNCTION 2 btint8sortsupport(internal),
  FUNCTION 4 btequalimage(oid);

-- create_order 74
CREATE OPERATOR dump_test.~~ (
  PROCEDURE = int4eq,
  LEFTARG = int,
  RIGHTARG = int);
CREATE OPERATOR CLASS dump_test.op_class_custom
  FOR TYPE int USING btree AS
  OPERATOR 3 dump_test.~~;
CREATE TYPE dump_test.range_type_custom AS RANGE (
  subtype = int,
  subtype_opclass = dump_test.op_class_custom);

-- create_order 75
ALTER OPERATOR FAMILY dump_test.op_family USING btree ADD
  OPERATOR 1 <(bigint,int4),
  OPERATOR 2 <=(bigint,int4),
  OPERATOR 3 =(bigint,int4),
  OPERATOR 4 >=(bigint,int4),
  OPERATOR 5 >(bigint,int4),
  FUNCTION 1 (int4, int4) btint4cmp(int4,int4),
  FUNCTION 2 (int4, int4) btint4sortsupport(internal),
  FUNCTION 4 (int4, int4) btequalimage(oid);

-- create_order 76
CREATE COLLATION test0 FROM "C";

-- create_order 77
COMMENT ON COLLATION test0 IS 'comment on test0 collation';

-- create_order 78
CREATE DEFAULT CONVERSION dump_test.test_conversion FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;

-- create_order 79
COMMENT ON CONVERSION dump_test.test_conversion IS 'comment on test conversion';

-- create_order 80
CREATE TEXT SEARCH CONFIGURATION dump_test.alt_ts_conf1 (copy=english);

-- create_order 81
CREATE TEXT SEARCH TEMPLATE dump_test.alt_ts_temp1 (lexize=dsimple_lexize);

-- create_order 82
CREATE TEXT SEARCH PARSER dump_test.alt_ts_prs1
  (start = prsd_start, gettoken = prsd_nexttoken, end = prsd_end, lextypes = prsd_lextype);

-- create_order 83
CREATE TEXT SEARCH DICTIONARY dump_test.alt_ts_dict1 (template=simple);

-- create_order 84
COMMENT ON TEXT SEARCH CONFIGURATION dump_test.alt_ts_conf1 IS 'comment on text search configuration';

-- create_order 84
COMMENT ON TEXT SEARCH DICTIONARY dump_test.alt_ts_dict1 IS 'comment on text search dictionary';

-- create_order 84
COMMENT ON TEXT SEARCH PARSER dump_test.alt_ts_prs1 IS 'comment on text search parser';

-- create_order 84
COMMENT ON TEXT SEARCH TEMPLATE dump_test.alt_ts_temp1 IS 'comment on text search template';

-- create_order 85
GRANT USAGE ON FOREIGN DATA WRAPPER dummy
  TO regress_dump_test_role;

-- create_order 85
GRANT USAGE ON FOREIGN SERVER s1
  TO regress_dump_test_role;

-- create_order 86
CREATE USER MAPPING FOR regress_dump_test_role SERVER s1;

-- create_order 87
GRANT USAGE ON TYPE dump_test.int42 TO regress_dump_test_role;

-- create_order 88
CREATE FOREIGN TABLE dump_test.foreign_table (c1 int options (column_name 'col1'))
  SERVER s1 OPTIONS (schema_name 'x1');

-- create_order 89
CREATE OPERATOR CLASS dump_test.op_class_empty
  FOR TYPE bigint USING btree FAMILY dump_test.op_family
  AS STORAGE bigint;

-- create_order 90
CREATE TABLE dump_test.measurement (
  city_id serial not null,
  logdate date not null,
  peaktemp int CHECK (peaktemp >= -460),
  unitsales int
) PARTITION BY RANGE (logdate);

-- create_order 90
CREATE TABLE dump_test.test_inheritance_parent (
  col1 int NOT NULL,
  col2 int CHECK (col2 >= 42)
);

-- create_order 91
CREATE TABLE dump_test_second_schema.measurement_y2006m2
  PARTITION OF dump_test.measurement (
    unitsales DEFAULT 0 CHECK (unitsales >= 0)
  )
  FOR VALUES FROM ('2006-02-01') TO ('2006-03-01');

-- create_order 91
CREATE TABLE dump_test.test_inheritance_child (
  col1 int NOT NULL,
  CONSTRAINT test_inheritance_child CHECK (col2 >= 142857)
) INHERITS (dump_test.test_inheritance_parent);

-- create_order 91
GRANT SELECT ON
  TABLE dump_test.measurement
  TO regress_dump_test_role;

-- create_order 92
CREATE TRIGGER test_trigger
  AFTER INSERT ON dump_test.measurement
  FOR EACH ROW EXECUTE PROCEDURE dump_test.trigger_func();

-- create_order 92
CREATE INDEX ON dump_test.measurement (city_id, logdate);

-- create_order 93
ALTER TABLE dump_test.test_table ALTER COLUMN col1 SET STATISTICS 90;

-- create_order 93
INSERT INTO dump_test.measurement (city_id, logdate, peaktemp, unitsales) VALUES (1, '2006-02-12', 35, 1);

-- create_order 93
CREATE TABLE dump_test_second_schema.measurement_y2006m3
  PARTITION OF dump_test.measurement
  FOR VALUES FROM ('2006-03-01') TO ('2006-04-01');
ALTER TABLE dump_test_second_schema.measurement_y2006m3 DISABLE TRIGGER test_trigger;
CREATE TABLE dump_test_second_schema.measurement_y2006m4
  PARTITION OF dump_test.measurement
  FOR VALUES FROM ('2006-04-01') TO ('2006-05-01');
ALTER TABLE dump_test_second_schema.measurement_y2006m4 ENABLE REPLICA TRIGGER test_trigger;
CREATE TABLE dump_test_second_schema.measurement_y2006m5
  PARTITION OF dump_test.measurement
  FOR VALUES FROM ('2006-05-01') TO ('2006-06-01');
ALTER TABLE dump_test_second_schema.measurement_y2006m5 ENABLE ALWAYS TRIGGER test_trigger;

-- create_order 93
ALTER TABLE dump_test.measurement ADD PRIMARY KEY (city_id, logdate);

-- create_order 94
ALTER TABLE dump_test.test_table ALTER COLUMN col2 SET STORAGE EXTERNAL;

-- create_order 94
GRANT SELECT ON TABLE
  dump_test_second_schema.measurement_y2006m2,
  dump_test_second_schema.measurement_y2006m3,
  dump_test_second_schema.measurement_y2006m4,
  dump_test_second_schema.measurement_y2006m5
  TO regress_dump_test_role;

-- create_order 95
ALTER TABLE dump_test.test_table ALTER COLUMN col3 SET STORAGE MAIN;

-- create_order 95
ALTER TABLE dump_test.test_table ALTER COLUMN col4 SET (n_distinct = 10);

-- create_order 96
ALTER TABLE dump_test.test_table CLUSTER ON test_table_pkey;

-- create_order 97
CREATE STATISTICS dump_test.test_ext_stats_no_options
  ON col1, col2 FROM dump_test.test_fifth_table;

-- create_order 97
CREATE STATISTICS dump_test.test_ext_stats_opts
  (ndistinct) ON col1, col2 FROM dump_test.test_fifth_table;

-- create_order 98
CREATE TABLE dump_test.table_index_stats (
  col1 int,
  col2 int,
  col3 int);
CREATE INDEX index_with_stats
  ON dump_test.table_index_stats
  ((col1 + 1), col1, (col2 + 1), (col3 + 1));
ALTER INDEX dump_test.index_with_stats
  ALTER COLUMN 1 SET STATISTICS 400;
ALTER INDEX dump_test.index_with_stats
  ALTER COLUMN 3 SET STATISTICS 500;

-- create_order 98
ALTER STATISTICS dump_test.test_ext_stats_opts SET STATISTICS 1000;

-- create_order 99
CREATE STATISTICS dump_test.test_ext_stats_expr
  ON (2 * col1) FROM dump_test.test_fifth_table;
