ALTER TABLE "public"."c" DROP CONSTRAINT "c_fk";--> statement-breakpoint
ALTER TABLE "public"."c" ADD CONSTRAINT "c_fk" FOREIGN KEY ("pa", "pb") REFERENCES "public"."p"("a", "b") MATCH FULL ON DELETE set null ("pa") ON UPDATE no action NOT VALID;--> statement-breakpoint
ALTER TABLE "public"."c" VALIDATE CONSTRAINT "c_fk";