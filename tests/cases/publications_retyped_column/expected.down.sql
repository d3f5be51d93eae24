ALTER PUBLICATION "listed" DROP TABLE ONLY "public"."t";--> statement-breakpoint
ALTER PUBLICATION "filtered" DROP TABLE ONLY "public"."t";--> statement-breakpoint
ALTER TABLE "public"."t" ALTER COLUMN "b" SET DATA TYPE integer;--> statement-breakpoint
ALTER TABLE "public"."t" ALTER COLUMN "a" SET DATA TYPE integer;--> statement-breakpoint
ALTER PUBLICATION "listed" ADD TABLE ONLY "public"."t" ("a", "id");--> statement-breakpoint
ALTER PUBLICATION "filtered" ADD TABLE ONLY "public"."t" WHERE (b > 1);