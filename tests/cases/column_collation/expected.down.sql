ALTER TABLE "public"."people" DROP COLUMN "nick";--> statement-breakpoint
ALTER TABLE "public"."people" ALTER COLUMN "sortkey" SET DATA TYPE varchar(20) COLLATE "POSIX";--> statement-breakpoint
ALTER TABLE "public"."people" ALTER COLUMN "code" SET DATA TYPE varchar(8) COLLATE "C";--> statement-breakpoint
ALTER TABLE "public"."people" ALTER COLUMN "name" SET DATA TYPE text COLLATE "default";