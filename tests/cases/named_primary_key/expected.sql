CREATE TABLE "public"."things" (
	"id" integer NOT NULL,
	CONSTRAINT "things_primary" PRIMARY KEY("id")
);
