ALTER TABLE "users" ADD COLUMN "created_at" timestamptz DEFAULT now();
ALTER TABLE "users" ADD COLUMN "kind" text DEFAULT 'a';
CREATE TABLE t (id uuid DEFAULT gen_random_uuid());
