# Text search objects changed: a dictionary's options (ALTER ... (language = ..., stopwords)), a
# configuration's mappings (ALTER MAPPING for changed and new token types, DROP MAPPING for gone ones)
# and comments in place; a dictionary whose template changes is made anew and swapped into the
# configuration mapping to it (the column naming that configuration untouched); a configuration
# dropped after the column and index naming it, a dictionary after the configuration mapping to it.
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
            col("old_search", "tsvector", generated="to_tsvector('old_cfg', body)"),
            pk=["id"],
            indexes=[
                index("docs_old_idx", IndexElement("to_tsvector('old_cfg', body)", is_expression=True), method="gin"),
            ],
        ),
    ],
    ts_dictionaries=[
        TextSearchDictionary("public", "stem", "pg_catalog", "snowball",
                             (("language", "english"), ("stopwords", "english")), comment="old"),
        TextSearchDictionary("public", "short", "pg_catalog", "simple", (("accept", "false"),)),
        TextSearchDictionary("public", "gone", "pg_catalog", "simple"),
    ],
    ts_configurations=[
        TextSearchConfiguration(
            "public", "docs_cfg", "pg_catalog", "default",
            (
                TextSearchMapping("asciiword", (STEM,)),
                TextSearchMapping("word", (SIMPLE, STEM)),
                TextSearchMapping("numword", (SIMPLE,)),
            ),
        ),
        TextSearchConfiguration(
            "public", "short_cfg", "pg_catalog", "default", (TextSearchMapping("asciiword", (SHORT,)),),
        ),
        TextSearchConfiguration(
            "public", "old_cfg", "pg_catalog", "default",
            (TextSearchMapping("asciiword", (("public", "gone"),)),),
            comment="going",
        ),
    ],
)
