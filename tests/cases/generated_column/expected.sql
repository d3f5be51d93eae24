CREATE TABLE "public"."boxes" (
	"w" integer NOT NULL,
	"h" integer NOT NULL,
	"area" integer GENERATED ALWAYS AS (w * h) STORED
);
