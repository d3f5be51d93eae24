CREATE SCHEMA "app";--> statement-breakpoint
CREATE TYPE "app"."mood" AS ENUM('sad', 'ok', 'happy');--> statement-breakpoint
CREATE TABLE "app"."people" (
	"mood" "app"."mood",
	"moods" "app"."mood"[]
);
