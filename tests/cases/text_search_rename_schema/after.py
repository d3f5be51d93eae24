from pgshift.model.schema import TextSearchConfiguration, TextSearchDictionary, TextSearchMapping
from tests.cases._kit import *  # noqa: F403

model = build_model(
    schemas=["find"],
    ts_dictionaries=[TextSearchDictionary("find", "stem", "pg_catalog", "snowball", (("language", "english"),))],
    ts_configurations=[
        TextSearchConfiguration(
            "find", "cfg", "pg_catalog", "default",
            (TextSearchMapping("asciiword", (("find", "stem"),)),), comment="after",
        )
    ],
)
