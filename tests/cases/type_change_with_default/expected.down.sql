ALTER TABLE "public"."users" ALTER COLUMN "karma" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "public"."users" ALTER COLUMN "karma" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "public"."users" ALTER COLUMN "karma" SET DEFAULT '0';