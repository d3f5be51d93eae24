# A schema renamed: its text search dictionary and configuration move with it (ALTER SCHEMA ... RENAME
# renames the namespace), and so does the dictionary a mapping names; only the changed comment is altered.
from pgshift.model.schema import TextSearchConfiguration, TextSearchDictionary, TextSearchMapping
from tests.cases._kit import *  # noqa: F403


def objects(schema, comment):
    return dict(
        ts_dictionaries=[TextSearchDictionary(schema, "stem", "pg_catalog", "snowball", (("language", "english"),))],
        ts_configurations=[
            TextSearchConfiguration(
                schema, "cfg", "pg_catalog", "default",
                (TextSearchMapping("asciiword", ((schema, "stem"),)),), comment=comment,
            )
        ],
    )


model = build_model(schemas=["search"], **objects("search", "before"))
