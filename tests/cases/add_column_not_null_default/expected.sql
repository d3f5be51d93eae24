ALTER TABLE "public"."users" ADD COLUMN "karma" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "public"."users" ADD COLUMN "joined" timestamp DEFAULT now() NOT NULL;