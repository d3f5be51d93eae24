DROP TABLE "public"."docs";--> statement-breakpoint
DROP TEXT SEARCH CONFIGURATION "public"."english_plain";--> statement-breakpoint
DROP TEXT SEARCH DICTIONARY "public"."english_nostop";