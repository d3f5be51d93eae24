CREATE TABLE ok (id bigint);
--> statement-breakpoint
-- expect: syntax-error @4:7
ALTER TABEL ok ADD COLUMN x int;
