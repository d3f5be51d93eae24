# Text search objects created from nothing: a dictionary on a built-in template, a configuration mapping
# to it, and a generated column and an expression index naming that configuration (a regconfig
# constant PostgreSQL records as a dependency: created after it, dropped before it in the down file).
from pgshift.model.schema import TextSearchConfiguration, TextSearchDictionary, TextSearchMapping
from tests.cases._kit import *  # noqa: F403

STEM = ("pg_catalog", "english_stem")
NOSTOP = ("public", "english_nostop")

model = build_model(
    tables=[
        table(
            "docs",
            col("id", "integer", nn=True),
            col("body", "text"),
            col("search", "tsvector", generated="to_tsvector('english_plain', body)"),
            pk=["id"],
            indexes=[
                index("docs_body_idx", IndexElement("to_tsvector('english_plain', body)", is_expression=True), method="gin"),
            ],
        ),
    ],
    ts_dictionaries=[
        TextSearchDictionary("public", "english_nostop", "pg_catalog", "snowball", (("language", "english"),),
                             comment="stems, keeps stop words"),
    ],
    ts_configurations=[
        TextSearchConfiguration(
            "public", "english_plain", "pg_catalog", "default",
            (
                TextSearchMapping("asciiword", (NOSTOP,)),
                TextSearchMapping("word", (("pg_catalog", "simple"), NOSTOP)),
                TextSearchMapping("numword", (("pg_catalog", "simple"),)),
                TextSearchMapping("asciihword", (NOSTOP,)),
            ),
            comment="plain English",
        ),
    ],
)
