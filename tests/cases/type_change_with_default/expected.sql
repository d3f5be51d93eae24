ALTER TABLE "public"."users" ALTER COLUMN "karma" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "public"."users" ALTER COLUMN "karma" SET DATA TYPE integer USING "karma"::integer;--> statement-breakpoint
ALTER TABLE "public"."users" ALTER COLUMN "karma" SET DEFAULT 0;