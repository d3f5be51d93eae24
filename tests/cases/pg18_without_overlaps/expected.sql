CREATE TABLE "public"."bookings" (
	"room" int4range NOT NULL,
	"valid" tstzrange NOT NULL,
	"guest" int4range,
	CONSTRAINT "bookings_pkey" PRIMARY KEY("room","valid" WITHOUT OVERLAPS),
	CONSTRAINT "bookings_guest_free" UNIQUE("guest","valid" WITHOUT OVERLAPS)
);
