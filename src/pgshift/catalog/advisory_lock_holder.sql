-- Who holds pgshift's session advisory lock: %(classid)s / %(objid)s are the key's high and low 32 bits
-- (a bigint advisory key is stored as classid = high word, objid = low word, objsubid = 1).
SELECT a.pid,
       a.application_name,
       host(a.client_addr) AS client_addr,
       a.backend_start,
       a.state,
       a.state_change,
       left(a.query, 200) AS query
FROM pg_catalog.pg_locks l
JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory'
  AND l.granted
  AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
  AND l.classid = %(classid)s
  AND l.objid = %(objid)s
  AND l.objsubid = 1
LIMIT 1
