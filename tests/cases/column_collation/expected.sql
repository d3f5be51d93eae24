ALTER TABLE "public"."people" ALTER COLUMN "name" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "public"."people" ALTER COLUMN "code" SET DATA TYPE varchar(8) COLLATE "default";--> statement-breakpoint
ALTER TABLE "public"."people" ALTER COLUMN "sortkey" SET DATA TYPE text COLLATE "POSIX";--> statement-breakpoint
ALTER TABLE "public"."people" ADD COLUMN "nick" varchar(10) COLLATE "C";