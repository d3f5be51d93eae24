-- Extension-provided types, operators and index methods (contrib modules shipped with PostgreSQL).
-- Written for pgshift's corpus (Apache-2.0). Needs hstore, btree_gist and citext on the server.

CREATE EXTENSION IF NOT EXISTS hstore;
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;

CREATE TABLE public.room_booking (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  room integer NOT NULL,
  during tstzrange NOT NULL,
  attrs public.hstore DEFAULT ''::public.hstore NOT NULL,
  guest public.citext NOT NULL,
  CONSTRAINT room_booking_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)
);
CREATE INDEX room_booking_attrs_idx ON public.room_booking USING gist (attrs);
CREATE UNIQUE INDEX room_booking_guest_idx ON public.room_booking (guest, room);
INSERT INTO public.room_booking (room, during, attrs, guest)
VALUES (1, tstzrange('2026-01-01', '2026-01-02'), 'view => sea', 'Ann');
