ALTER PUBLICATION "filtered" DROP TABLE ONLY "public"."t";--> statement-breakpoint
ALTER PUBLICATION "listed" DROP TABLE ONLY "public"."t";--> statement-breakpoint
ALTER TABLE "public"."t" ALTER COLUMN "a" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "public"."t" ALTER COLUMN "b" SET DATA TYPE bigint;--> statement-breakpoint
ALTER PUBLICATION "filtered" ADD TABLE ONLY "public"."t" WHERE (b > 1);--> statement-breakpoint
ALTER PUBLICATION "listed" ADD TABLE ONLY "public"."t" ("a", "id");