ALTER TABLE "public"."b" DROP CONSTRAINT "b_a_id_fkey";--> statement-breakpoint
ALTER TABLE "public"."a" DROP CONSTRAINT "a_pkey";--> statement-breakpoint
ALTER TABLE "public"."a" ADD CONSTRAINT "a_pkey" PRIMARY KEY("id","k");--> statement-breakpoint
ALTER TABLE "public"."a" ADD CONSTRAINT "a_id_key" UNIQUE("id");--> statement-breakpoint
ALTER TABLE "public"."b" ADD CONSTRAINT "b_a_id_fkey" FOREIGN KEY ("a_id") REFERENCES "public"."a"("id") ON DELETE no action ON UPDATE no action NOT VALID;--> statement-breakpoint
ALTER TABLE "public"."b" VALIDATE CONSTRAINT "b_a_id_fkey";