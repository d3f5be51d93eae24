# The objects of comments_every_kind_create, some with other comments, some with none.
import runpy
from pathlib import Path

from tests.cases._kit import *  # noqa: F403

created = runpy.run_path(str(Path(__file__).parent.parent / "comments_every_kind_create" / "after.py"))
ACCOUNT, NOTE = created["ACCOUNT"], created["NOTE"]

model = build_model(
    tables=[
        replace(
            ACCOUNT,
            primary_key=replace(ACCOUNT.primary_key, comment=None),
            unique_constraints=(replace(ACCOUNT.unique_constraints[0], comment="old unique words"),),
            check_constraints=(replace(ACCOUNT.check_constraints[0], comment=None),),
            indexes=(replace(ACCOUNT.indexes[0], comment="old index words"),),
            policies=(replace(ACCOUNT.policies[0], comment=None),),
            exclude_constraints=(replace(ACCOUNT.exclude_constraints[0], comment="old exclusion words"),),
        ),
        replace(NOTE, foreign_keys=(replace(NOTE.foreign_keys[0], comment=None),)),
    ],
    enums=[replace(created["MOOD"], comment=None)],
    sequences=[replace(created["COUNTER"], comment="old sequence words")],
    rules=[replace(created["NO_DELETE"], comment=None)],
    defined=[replace(created["POSITIVE"], comment="old domain words")],
)
