COMMENT ON COLUMN "public"."users"."bio" IS 'the user''s own words';--> statement-breakpoint
COMMENT ON TABLE "public"."users" IS 'people who log in';