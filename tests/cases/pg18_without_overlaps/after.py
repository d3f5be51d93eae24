# PostgreSQL 18 temporal keys: the last column WITHOUT OVERLAPS (range columns: no btree_gist needed).
from tests.cases._kit import *  # noqa: F403

bookings = table("bookings", col("room", "int4range", nn=True), col("valid", "tstzrange", nn=True),
                 col("guest", "int4range"),
                 uniques=[UniqueConstraint("bookings_guest_free", ("guest", "valid"), without_overlaps=True)])
model = model(users(), replace(bookings, primary_key=PrimaryKey("bookings_pkey", ("room", "valid"),
                                                                 without_overlaps=True)))
