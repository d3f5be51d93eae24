from pgshift.model.schema import TextSearchConfiguration, TextSearchDictionary, TextSearchMapping
from tests.cases._kit import *  # noqa: F403

SIMPLE = ("pg_catalog", "simple")
STEM = ("public", "stem")
SHORT = ("public", "short")

model = build_model(
    tables=[
        table(
            "docs",
            col("id", "integer", nn=True),
            col("body", "text"),
            col("search", "tsvector", generated="to_tsvector('docs_cfg', body)"),
            col("short", "tsvector", generated="to_tsvector('short_cfg', body)"),
            pk=["id"],
        ),
    ],
    ts_dictionaries=[
        TextSearchDictionary("public", "stem", "pg_catalog", "snowball", (("language", "german"),), comment="new"),
        TextSearchDictionary("public", "short", "pg_catalog", "snowball", (("language", "english"),)),
    ],
    ts_configurations=[
        TextSearchConfiguration(
            "public", "docs_cfg", "pg_catalog", "default",
            (
                TextSearchMapping("asciiword", (SIMPLE,)),
                TextSearchMapping("word", (SIMPLE, STEM)),
                TextSearchMapping("asciihword", (SIMPLE,)),
                TextSearchMapping("hword", (SIMPLE,)),
            ),
            comment="docs",
        ),
        TextSearchConfiguration(
            "public", "short_cfg", "pg_catalog", "default", (TextSearchMapping("asciiword", (SHORT,)),),
        ),
    ],
)
