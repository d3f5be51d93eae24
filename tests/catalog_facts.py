"""Independent catalog comparison: what a database holds, as sorted one-line facts.

Written apart from pgshift's own introspection (``pgshift.sources.introspect`` and ``pgshift/catalog``),
on purpose: a test that compares two databases through the code under test cannot see that code's
blind spots. Every query here reads the system catalogs directly and renders each object with the
server's own deparsers (``pg_get_constraintdef``, ``pg_get_indexdef``, ``pg_get_viewdef``,
``pg_get_functiondef``, ``pg_get_triggerdef``, ``format_type``, ...), so two databases with the same
facts hold the same schema as far as PostgreSQL itself is concerned.

Objects that belong to an extension are reported as the extension only. The tracking table's schema can
be left out with ``exclude_schemas``.

    facts_a = catalog_facts(url_a)
    facts_b = catalog_facts(url_b)
    assert_same_facts(facts_a, facts_b)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import psycopg

# Each query returns rows of text columns; a fact is the columns joined by " | ". Every query takes
# the list of excluded schemas as its one parameter (%(x)s) and leaves out system schemas and objects
# that an extension owns (pg_depend deptype 'e').
_NOT_SYSTEM = "{ns} NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND {ns} NOT LIKE 'pg_temp%%' AND {ns} NOT LIKE 'pg_toast_temp%%' AND {ns} <> ALL(%(x)s)"


def _ext_owned(classid: str, objid: str) -> str:
    return (
        f"NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '{classid}'::regclass "
        f"AND d.objid = {objid} AND d.deptype = 'e')"
    )


QUERIES: dict[str, str] = {
    "schema": f"""
        SELECT 'schema', n.nspname, coalesce(obj_description(n.oid, 'pg_namespace'), '')
        FROM pg_namespace n
        WHERE {_NOT_SYSTEM.format(ns="n.nspname")} AND n.nspname <> 'public'
          AND {_ext_owned("pg_namespace", "n.oid")}
    """,
    "extension": """
        SELECT 'extension', e.extname, n.nspname
        FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname <> 'plpgsql'
    """,
    "relation": f"""
        SELECT 'relation', n.nspname || '.' || c.relname, c.relkind::text, c.relpersistence::text,
               coalesce(pg_get_partkeydef(c.oid), ''),
               CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) ELSE '' END,
               coalesce((SELECT string_agg(pn.nspname || '.' || p.relname, ',' ORDER BY i.inhseqno)
                         FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
                         JOIN pg_namespace pn ON pn.oid = p.relnamespace
                         WHERE i.inhrelid = c.oid), ''),
               c.relrowsecurity::text, c.relforcerowsecurity::text,
               -- storage parameters: their order in reloptions is the order written, which means nothing
               coalesce((SELECT string_agg(o, ',' ORDER BY o) FROM unnest(c.reloptions) o), ''),
               coalesce((SELECT string_agg(o, ',' ORDER BY o) FROM pg_class t, unnest(t.reloptions) o
                         WHERE t.oid = c.reltoastrelid), ''),
               coalesce(obj_description(c.oid, 'pg_class'), '')
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c') AND {_NOT_SYSTEM.format(ns="n.nspname")}
          AND {_ext_owned("pg_class", "c.oid")}
          AND NOT (c.relkind = 'c' AND EXISTS (SELECT 1 FROM pg_type t WHERE t.typrelid = c.oid
                                                 AND t.typtype <> 'c'))
    """,
    "column": f"""
        SELECT 'column', n.nspname || '.' || c.relname || '.' || a.attname,
               format_type(a.atttypid, a.atttypmod), a.attnotnull::text,
               coalesce(pg_get_expr(ad.adbin, ad.adrelid), ''),
               a.attidentity::text, a.attgenerated::text,
               CASE WHEN a.attcollation <> t.typcollation
                    THEN (SELECT collname FROM pg_collation WHERE oid = a.attcollation) ELSE '' END,
               coalesce(col_description(c.oid, a.attnum), ''),
               a.attislocal::text
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
        WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')
          AND {_NOT_SYSTEM.format(ns="n.nspname")} AND {_ext_owned("pg_class", "c.oid")}
    """,
    "column_order": f"""
        SELECT 'column_order', n.nspname || '.' || c.relname,
               string_agg(a.attname, ',' ORDER BY a.attnum)
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
          AND {_NOT_SYSTEM.format(ns="n.nspname")} AND {_ext_owned("pg_class", "c.oid")}
        GROUP BY 1, 2
    """,
    "constraint": f"""
        SELECT 'constraint', n.nspname || '.' || coalesce(c.relname, t.typname) || '.' || k.conname,
               k.contype::text, pg_get_constraintdef(k.oid), k.condeferrable::text,
               k.condeferred::text, k.convalidated::text, k.conislocal::text,
               -- PostgreSQL 18+ (absent before: ''): NOT ENFORCED, and a key's WITHOUT OVERLAPS period
               coalesce(to_jsonb(k) ->> 'conenforced', ''), coalesce(to_jsonb(k) ->> 'conperiod', ''),
               coalesce(obj_description(k.oid, 'pg_constraint'), '')
        FROM pg_constraint k
        JOIN pg_namespace n ON n.oid = k.connamespace
        LEFT JOIN pg_class c ON c.oid = k.conrelid
        LEFT JOIN pg_type t ON t.oid = k.contypid
        WHERE {_NOT_SYSTEM.format(ns="n.nspname")} AND {_ext_owned("pg_constraint", "k.oid")}
          AND (c.oid IS NULL OR {_ext_owned("pg_class", "c.oid")})
          AND k.conparentid = 0
    """,
    "index": f"""
        SELECT 'index', n.nspname || '.' || ic.relname, pg_get_indexdef(i.indexrelid),
               i.indisvalid::text,
               -- statistics targets of its columns (ALTER INDEX ... ALTER COLUMN n SET STATISTICS)
               coalesce((SELECT string_agg(a.attnum || '=' || a.attstattarget, ',' ORDER BY a.attnum)
                         FROM pg_attribute a WHERE a.attrelid = ic.oid AND a.attstattarget >= 0), ''),
               coalesce(obj_description(ic.oid, 'pg_class'), '')  -- last: tests/test_comments.py reads it so
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_class tc ON tc.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = ic.relnamespace
        WHERE {_NOT_SYSTEM.format(ns="n.nspname")} AND {_ext_owned("pg_class", "tc.oid")}
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid
                          AND k.contype IN ('p', 'u', 'x'))
          AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)
    """,
    "view": f"""
        SELECT 'view', n.nspname || '.' || c.relname, pg_get_viewdef(c.oid, true)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('v', 'm') AND {_NOT_SYSTEM.format(ns="n.nspname")}
          AND {_ext_owned("pg_class", "c.oid")}
    """,
    "sequence": f"""
        SELECT 'sequence', n.nspname || '.' || c.relname, format_type(s.seqtypid, NULL),
               s.seqstart::text, s.seqincrement::text, s.seqmin::text, s.seqmax::text,
               s.seqcache::text, s.seqcycle::text,
               coalesce((SELECT dn.nspname || '.' || dc.relname || '.' || da.attname
                         FROM pg_depend d JOIN pg_class dc ON dc.oid = d.refobjid
                         JOIN pg_namespace dn ON dn.oid = dc.relnamespace
                         JOIN pg_attribute da ON da.attrelid = d.refobjid AND da.attnum = d.refobjsubid
                         WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                           AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
                         LIMIT 1), '')
        FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE {_NOT_SYSTEM.format(ns="n.nspname")} AND {_ext_owned("pg_class", "c.oid")}
    """,
    "function": f"""
        SELECT 'function', n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
               p.prokind::text,
               CASE WHEN p.prokind = 'a' THEN
                    (SELECT a.aggtransfn::regproc::text || ' ' || format_type(a.aggtranstype, NULL) || ' '
                            || a.aggfinalfn::regproc::text || ' ' || coalesce(a.agginitval, '')
                     FROM pg_aggregate a WHERE a.aggfnoid = p.oid)
                    ELSE pg_get_functiondef(p.oid) END,
               coalesce(obj_description(p.oid, 'pg_proc'), '')
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE {_NOT_SYSTEM.format(ns="n.nspname")} AND {_ext_owned("pg_proc", "p.oid")}
    """,
    "trigger": f"""
        SELECT 'trigger', n.nspname || '.' || c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid, true),
               t.tgenabled::text
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND {_NOT_SYSTEM.format(ns="n.nspname")}
          AND {_ext_owned("pg_class", "c.oid")}
    """,
    # Comments on kinds whose fact above has no comment column (added with comments on every kind;
    # pg_description read directly, per catalog).
    "sequence_comment": f"""
        SELECT 'sequence_comment', n.nspname || '.' || c.relname, d.description
        FROM pg_description d
        JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid AND d.objsubid = 0
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'S' AND {_NOT_SYSTEM.format(ns="n.nspname")} AND {_ext_owned("pg_class", "c.oid")}
    """,
    "trigger_comment": f"""
        SELECT 'trigger_comment', n.nspname || '.' || c.relname || '.' || t.tgname, d.description
        FROM pg_description d
        JOIN pg_trigger t ON d.classoid = 'pg_trigger'::regclass AND d.objoid = t.oid
        JOIN pg_class c ON c.oid = t.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE {_NOT_SYSTEM.format(ns="n.nspname")} AND {_ext_owned("pg_class", "c.oid")}
    """,
    "view_index": f"""
        SELECT 'view_index', n.nspname || '.' || ic.relname, pg_get_indexdef(i.indexrelid),
               i.indisvalid::text, coalesce(obj_description(ic.oid, 'pg_class'), '')
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_class tc ON tc.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = ic.relnamespace
        WHERE tc.relkind = 'm' AND {_NOT_SYSTEM.format(ns="n.nspname")} AND {_ext_owned("pg_class", "tc.oid")}
    """,
    "view_comment": f"""
        SELECT 'view_comment', n.nspname || '.' || c.relname
               || CASE WHEN d.objsubid = 0 THEN '' ELSE '.' || a.attname END, d.description
        FROM pg_description d
        JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid
        WHERE c.relkind IN ('v', 'm') AND {_NOT_SYSTEM.format(ns="n.nspname")} AND {_ext_owned("pg_class", "c.oid")}
    """,
    "rule_comment": f"""
        SELECT 'rule_comment', n.nspname || '.' || c.relname || '.' || r.rulename, d.description
        FROM pg_description d
        JOIN pg_rewrite r ON d.classoid = 'pg_rewrite'::regclass AND d.objoid = r.oid
        JOIN pg_class c ON c.oid = r.ev_class
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE {_NOT_SYSTEM.format(ns="n.nspname")} AND {_ext_owned("pg_class", "c.oid")}
    """,
    "policy_comment": f"""
        SELECT 'policy_comment', n.nspname || '.' || c.relname || '.' || p.polname, d.description
        FROM pg_description d
        JOIN pg_policy p ON d.classoid = 'pg_policy'::regclass AND d.objoid = p.oid
        JOIN pg_class c ON c.oid = p.polrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE {_NOT_SYSTEM.format(ns="n.nspname")}
    """,
    "event_trigger": """
        SELECT 'event_trigger', e.evtname, e.evtevent, e.evtfoid::regproc::text,
               coalesce(array_to_string(e.evttags, ','), ''), e.evtenabled::text
        FROM pg_event_trigger e
    """,
    "event_trigger_comment": """
        SELECT 'event_trigger_comment', e.evtname, d.description
        FROM pg_description d JOIN pg_event_trigger e ON d.classoid = 'pg_event_trigger'::regclass
                                                     AND d.objoid = e.oid
    """,
    # Foreign-data wrappers not made by an extension, servers, foreign tables and their columns, straight
    # from pg_foreign_data_wrapper / pg_foreign_server / pg_foreign_table / pg_attribute (options as the
    # stored name=value arrays, sorted; every option, credentials included: a test names what differs)
    "foreign_data_wrapper": f"""
        SELECT 'foreign_data_wrapper', w.fdwname, w.fdwhandler::regproc::text, w.fdwvalidator::regproc::text,
               (SELECT string_agg(o, ',' ORDER BY o) FROM unnest(w.fdwoptions) o),
               obj_description(w.oid, 'pg_foreign_data_wrapper')
        FROM pg_foreign_data_wrapper w WHERE {_ext_owned("pg_foreign_data_wrapper", "w.oid")}
    """,
    "foreign_server": """
        SELECT 'foreign_server', s.srvname, w.fdwname, s.srvtype, s.srvversion,
               (SELECT string_agg(o, ',' ORDER BY o) FROM unnest(s.srvoptions) o),
               obj_description(s.oid, 'pg_foreign_server')
        FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
    """,
    "foreign_table": f"""
        SELECT 'foreign_table', n.nspname || '.' || c.relname, s.srvname,
               (SELECT string_agg(o, ',' ORDER BY o) FROM unnest(ft.ftoptions) o),
               (SELECT string_agg(k.conname || ' ' || pg_get_constraintdef(k.oid), '; ' ORDER BY k.conname)
                FROM pg_constraint k WHERE k.conrelid = c.oid),
               obj_description(c.oid, 'pg_class')
        FROM pg_foreign_table ft JOIN pg_class c ON c.oid = ft.ftrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_foreign_server s ON s.oid = ft.ftserver
        WHERE {_NOT_SYSTEM.format(ns="n.nspname")}
    """,
    "foreign_table_column": f"""
        SELECT 'foreign_table_column', n.nspname || '.' || c.relname || '.' || a.attname,
               format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid),
               (SELECT string_agg(o, ',' ORDER BY o) FROM unnest(a.attfdwoptions) o),
               col_description(c.oid, a.attnum)
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE c.relkind = 'f' AND a.attnum > 0 AND NOT a.attisdropped AND {_NOT_SYSTEM.format(ns="n.nspname")}
    """,
    # A table's access method when it is not heap (CREATE TABLE ... USING; relam is 0 for a partitioned
    # table before PostgreSQL 17)
    "table_access_method": f"""
        SELECT 'table_access_method', n.nspname || '.' || c.relname, am.amname
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = c.relam
        WHERE c.relkind IN ('r', 'p') AND am.amname <> 'heap' AND {_NOT_SYSTEM.format(ns="n.nspname")}
          AND {_ext_owned("pg_class", "c.oid")}
    """,
    # Extended statistics objects from pg_statistic_ext itself, not pg_get_statisticsobjdef (which
    # pgshift reads): kinds, key columns by name, expressions, target (NULL or -1: the default), comment.
    "statistics": f"""
        SELECT 'statistics', n.nspname || '.' || s.stxname, tn.nspname || '.' || c.relname,
               array_to_string(s.stxkind, ','),
               (SELECT string_agg(a.attname, ',' ORDER BY a.attname)  -- a set: stxkeys is sorted by attnum
                FROM unnest(s.stxkeys::int2[]) k(attnum)
                JOIN pg_attribute a ON a.attrelid = s.stxrelid AND a.attnum = k.attnum),
               coalesce(pg_get_expr(s.stxexprs, s.stxrelid), ''),
               coalesce(s.stxstattarget::int, -1)::text,
               coalesce(obj_description(s.oid, 'pg_statistic_ext'), '')
        FROM pg_statistic_ext s
        JOIN pg_namespace n ON n.oid = s.stxnamespace
        JOIN pg_class c ON c.oid = s.stxrelid
        JOIN pg_namespace tn ON tn.oid = c.relnamespace
        WHERE {_NOT_SYSTEM.format(ns="n.nspname")} AND {_ext_owned("pg_statistic_ext", "s.oid")}
    """,
    # Publications from pg_publication and the pg_publication_tables view (which expands FOR ALL TABLES
    # and TABLES IN SCHEMA into the tables published, and gives every column when there is no list),
    # not pgshift's publications.sql: options, comment, then one fact per table published.
    "publication": """
        SELECT 'publication', p.pubname, p.puballtables::text,
               concat_ws(',', CASE WHEN p.pubinsert THEN 'insert' END, CASE WHEN p.pubupdate THEN 'update' END,
                         CASE WHEN p.pubdelete THEN 'delete' END, CASE WHEN p.pubtruncate THEN 'truncate' END),
               p.pubviaroot::text, coalesce(obj_description(p.oid, 'pg_publication'), ''),
               coalesce(to_jsonb(p) ->> 'pubgencols', '')  -- publish_generated_columns, 18+
        FROM pg_publication p
        WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_publication'::regclass
                            AND d.objid = p.oid AND d.deptype = 'e')
    """,
    "publication_table": f"""
        -- the table first: a fact is named by its object, so the gaps of a table cover it
        SELECT 'publication_table', t.schemaname || '.' || t.tablename, t.pubname,
               (SELECT string_agg(a, ',' ORDER BY a) FROM unnest(t.attnames) a), coalesce(t.rowfilter, '')
        FROM pg_publication_tables t
        WHERE {_NOT_SYSTEM.format(ns="t.schemaname")}
    """,
    "publication_schema": """
        SELECT 'publication_schema', p.pubname || ' ' || n.nspname
        FROM pg_publication_namespace s JOIN pg_publication p ON p.oid = s.pnpubid
        JOIN pg_namespace n ON n.oid = s.pnnspid
    """,
    # Text search dictionaries: the template and the options as a set (an ALTER
    # reorders dictinitoption); configurations: the parser, each mapping as token id and regdictionary
    # (not pgshift's alias and schema joins), and what the configuration makes of a sample text.
    "ts_dictionary": f"""
        SELECT 'ts dictionary', n.nspname || '.' || dt.dictname,
               (SELECT tn.nspname || '.' || t.tmplname FROM pg_ts_template t
                JOIN pg_namespace tn ON tn.oid = t.tmplnamespace WHERE t.oid = dt.dicttemplate),
               coalesce(array_to_string(ARRAY(SELECT o FROM regexp_split_to_table(dt.dictinitoption, ', ') o
                                              ORDER BY o), ', '), ''),
               coalesce(obj_description(dt.oid, 'pg_ts_dict'), '')
        FROM pg_ts_dict dt JOIN pg_namespace n ON n.oid = dt.dictnamespace
        WHERE {_NOT_SYSTEM.format(ns="n.nspname")} AND {_ext_owned("pg_ts_dict", "dt.oid")}
    """,
    "ts_configuration": f"""
        SELECT 'ts configuration', n.nspname || '.' || c.cfgname,
               (SELECT prsname FROM pg_ts_parser p WHERE p.oid = c.cfgparser),
               coalesce((SELECT string_agg(m.maptokentype || ':' || m.mapdict::regdictionary::text, ','
                                           ORDER BY m.maptokentype, m.mapseqno)
                         FROM pg_ts_config_map m WHERE m.mapcfg = c.oid), ''),
               to_tsvector(c.oid::regconfig,
                           'The quick-brown foxes jumped over 42 lazy dogs at https://example.com/a')::text,
               coalesce(obj_description(c.oid, 'pg_ts_config'), '')
        FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
        WHERE {_NOT_SYSTEM.format(ns="n.nspname")} AND {_ext_owned("pg_ts_config", "c.oid")}
    """,
    # Casts and operators from pg_cast / pg_operator through reg* output and pg_describe_object, not
    # pgshift's casts.sql / operators.sql: user-created casts (oid >= 16384) but the range -> multirange
    # ones a range type owns (deptype 'i'); every operator outside the system schemas, shells included.
    "cast": f"""
        SELECT 'cast', pg_describe_object('pg_cast'::regclass, c.oid, 0),
               CASE WHEN c.castfunc = 0 THEN '-' ELSE c.castfunc::regprocedure::text END,
               c.castcontext::text, c.castmethod::text, coalesce(obj_description(c.oid, 'pg_cast'), '')
        FROM pg_cast c
        WHERE c.oid >= 16384 AND {_ext_owned("pg_cast", "c.oid")}
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_cast'::regclass
                            AND d.objid = c.oid AND d.deptype = 'i')
    """,
    "operator": f"""
        SELECT 'operator', o.oid::regoperator::text, o.oprcode::regprocedure::text,
               o.oprcom::regoperator::text, o.oprnegate::regoperator::text, o.oprrest::regprocedure::text,
               o.oprjoin::regprocedure::text, o.oprcanhash::text, o.oprcanmerge::text, o.oprresult::regtype::text,
               coalesce(obj_description(o.oid, 'pg_operator'), '')
        FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
        WHERE {_NOT_SYSTEM.format(ns="n.nspname")} AND {_ext_owned("pg_operator", "o.oid")}
    """,
    "rule": f"""
        SELECT 'rule', r.schemaname || '.' || r.tablename || '.' || r.rulename, r.definition
        FROM pg_rules r
        WHERE {_NOT_SYSTEM.format(ns="r.schemaname")}
    """,
    "type": f"""
        SELECT 'type', n.nspname || '.' || t.typname, t.typtype::text,
               CASE t.typtype
                 WHEN 'e' THEN (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
                                FROM pg_enum e WHERE e.enumtypid = t.oid)
                 WHEN 'd' THEN format_type(t.typbasetype, t.typtypmod) || ' notnull=' || t.typnotnull::text
                               || ' default=' || coalesce(t.typdefault, '')
                 WHEN 'r' THEN (SELECT format_type(r.rngsubtype, NULL) FROM pg_range r WHERE r.rngtypid = t.oid)
                 WHEN 'c' THEN (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ','
                                                  ORDER BY a.attnum)
                                FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0
                                  AND NOT a.attisdropped)
                 ELSE '' END,
               coalesce(obj_description(t.oid, 'pg_type'), '')
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE t.typtype IN ('e', 'd', 'r', 'c') AND {_NOT_SYSTEM.format(ns="n.nspname")}
          AND {_ext_owned("pg_type", "t.oid")}
          AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
    """,
    "collation": f"""
        SELECT 'collation', n.nspname || '.' || c.collname, c.collprovider::text,
               coalesce(c.collcollate, ''), coalesce(c.collctype, ''), c.collisdeterministic::text
        FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace
        WHERE {_NOT_SYSTEM.format(ns="n.nspname")} AND {_ext_owned("pg_collation", "c.oid")}
    """,
    "policy": f"""
        SELECT 'policy', p.schemaname || '.' || p.tablename || '.' || p.policyname, p.permissive,
               array_to_string(p.roles, ','), p.cmd, coalesce(p.qual, ''), coalesce(p.with_check, '')
        FROM pg_policies p
        WHERE {_NOT_SYSTEM.format(ns="p.schemaname")}
    """,
    "grant": f"""
        SELECT 'grant', n.nspname || '.' || c.relname, coalesce(array_to_string(c.relacl, ','), '')
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relacl IS NOT NULL AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
          AND {_NOT_SYSTEM.format(ns="n.nspname")} AND {_ext_owned("pg_class", "c.oid")}
        UNION ALL
        SELECT 'grant', n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
               array_to_string(p.proacl, ',')
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE p.proacl IS NOT NULL AND {_NOT_SYSTEM.format(ns="n.nspname")}
          AND {_ext_owned("pg_proc", "p.oid")}
        UNION ALL
        SELECT 'grant', 'schema ' || n.nspname, array_to_string(n.nspacl, ',')
        FROM pg_namespace n
        WHERE n.nspacl IS NOT NULL AND {_NOT_SYSTEM.format(ns="n.nspname")} AND n.nspname <> 'public'
    """,
    # One fact per ACL entry (aclexplode), columns and types included: who holds what on which object,
    # from whom, with or without grant option. Owners' and PUBLIC's built-in entries count too: both
    # sides of a comparison are built by the same user.
    "privilege": f"""
        WITH acl AS (
            SELECT 'relation ' || n.nspname || '.' || c.relname AS what, c.relacl AS a
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE {_NOT_SYSTEM.format(ns="n.nspname")} AND {_ext_owned("pg_class", "c.oid")}
            UNION ALL
            SELECT 'column ' || n.nspname || '.' || c.relname || '.' || t.attname, t.attacl
            FROM pg_attribute t JOIN pg_class c ON c.oid = t.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE t.attnum > 0 AND NOT t.attisdropped AND {_NOT_SYSTEM.format(ns="n.nspname")}
            UNION ALL
            SELECT 'routine ' || p.oid::regprocedure::text, p.proacl
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE {_NOT_SYSTEM.format(ns="n.nspname")} AND {_ext_owned("pg_proc", "p.oid")}
            UNION ALL
            SELECT 'type ' || t.oid::regtype::text, t.typacl
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE {_NOT_SYSTEM.format(ns="n.nspname")} AND {_ext_owned("pg_type", "t.oid")}
            UNION ALL
            SELECT 'schema ' || n.nspname, n.nspacl
            FROM pg_namespace n WHERE {_NOT_SYSTEM.format(ns="n.nspname")}
            UNION ALL
            SELECT 'default ' || coalesce(n.nspname, '*') || ' ' || d.defaclobjtype::text || ' for '
                   || d.defaclrole::regrole::text, d.defaclacl
            FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
        )
        SELECT 'privilege', acl.what,
               CASE WHEN e.grantee = 0 THEN 'PUBLIC' ELSE e.grantee::regrole::text END,
               e.privilege_type, e.is_grantable::text, e.grantor::regrole::text
        FROM acl, aclexplode(acl.a) e
        WHERE acl.a IS NOT NULL
    """,
    "default_privileges": """
        SELECT 'default_privileges', coalesce(n.nspname, '*'), d.defaclobjtype::text,
               array_to_string(d.defaclacl, ',')
        FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
    """,
}

KINDS: tuple[str, ...] = tuple(QUERIES)


def catalog_facts(
    url: str, *, exclude_schemas: Sequence[str] = (), kinds: Iterable[str] = KINDS
) -> list[str]:
    """Every fact of the database at ``url``, sorted; one line per object (see module docstring)."""
    facts: list[str] = []
    with psycopg.connect(url, autocommit=True) as conn:
        for kind in kinds:
            for row in conn.execute(QUERIES[kind], {"x": list(exclude_schemas)}).fetchall():
                facts.append(" | ".join(_one_line(value) for value in row))
    return sorted(facts)


def facts_diff(actual: Sequence[str], expected: Sequence[str]) -> tuple[list[str], list[str]]:
    """(facts only in ``actual``, facts only in ``expected``)."""
    a, e = set(actual), set(expected)
    return sorted(a - e), sorted(e - a)


def assert_same_facts(actual: Sequence[str], expected: Sequence[str], message: str = "") -> None:
    """Fail with both sides of every differing fact, grouped by object name."""
    extra, missing = facts_diff(actual, expected)
    if extra or missing:
        lines = [message or "the databases differ"]
        lines += [f"  only in actual:   {fact}" for fact in extra]
        lines += [f"  only in expected: {fact}" for fact in missing]
        raise AssertionError("\n".join(lines))


def _one_line(value: object) -> str:
    """A value on one line: newlines in definitions (function bodies, view queries) escaped."""
    return "" if value is None else str(value).replace("\\", "\\\\").replace("\n", "\\n")
