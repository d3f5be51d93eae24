-- expect: add-column-not-null-no-default
ALTER TABLE "users" ADD COLUMN "tenant_id" bigint NOT NULL;
