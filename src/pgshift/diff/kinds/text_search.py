"""Text search dictionaries and configurations (the kinds ``text search dictionary`` and ``text search
configuration``). Their parsers and templates are C-level and not managed: built in or an extension's.

Created after the extensions and other defined objects (a dictionary's template, or a dictionary a
configuration maps to, may be an extension's: unaccent) and before the functions, tables, columns and
indexes that name a configuration (``to_tsvector('public.english_unaccent', body)``: a regconfig
constant, a dependency PostgreSQL records, so the configuration must exist first and can go only after
them); dictionaries before the configurations that map to them, dropped the other way round, late
(``Plan.drop_text_search``, after the tables and functions). A configuration is its parser and its
mappings: one created with ``COPY = english`` is written as ``PARSER = ...`` and ``ADD MAPPING`` (the
one canonical spelling, whatever the code wrote); mappings and a dictionary's options change in place
(``ALTER ... ALTER/DROP MAPPING``, ``ALTER TEXT SEARCH DICTIONARY (...)``), which leaves tsvectors and
expression indexes computed with the old ones stale (the STALE hazard, with function.py's
``stored_users_where`` and ``stale_message``). A changed parser or template cannot be altered: the
configuration is dropped and created again (which PostgreSQL refuses while a column or index names it); a
dictionary is created anew under a passing name and swapped into the configurations mapping to it
(``ReplaceDictionary``), so nothing that uses them is touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from pgshift.diff.hazards import Action, Hazard, HazardKind
from pgshift.diff.kinds.base import Operation
from pgshift.diff.kinds.comment import SetComment, created_comment
from pgshift.diff.kinds.function import stale_message, stored_users_where
from pgshift.diff.plan import Plan
from pgshift.model.schema import Model, TextSearchConfiguration, TextSearchDictionary, TextSearchMapping
from pgshift.model.types import qualified_name, quote_ident, quote_literal
from pgshift.pg.naming import make_object_name

DICTIONARY = "text search dictionary"
CONFIGURATION = "text search configuration"


def dictionary_target(d: TextSearchDictionary) -> str:
    return f"TEXT SEARCH DICTIONARY {qualified_name(d.schema, d.name)}"


def configuration_target(c: TextSearchConfiguration) -> str:
    return f"TEXT SEARCH CONFIGURATION {qualified_name(c.schema, c.name)}"


def _options_sql(options: Iterable[tuple[str, str | None]]) -> str:
    """``"language" = 'english', "stopwords"`` (a name alone takes that option away in an ALTER)."""
    return ", ".join(
        quote_ident(k) if v is None else f"{quote_ident(k)} = {quote_literal(v)}" for k, v in options
    )


def create_dictionary_sql(d: TextSearchDictionary) -> str:
    template = f"TEMPLATE = {qualified_name(d.template_schema, d.template)}"
    options = f", {_options_sql(d.options)}" if d.options else ""
    return f"CREATE {dictionary_target(d)} ({template}{options});"


def mapping_groups(
    mappings: Iterable[TextSearchMapping],
) -> list[tuple[list[str], tuple[tuple[str, str], ...]]]:
    """Token types that share their dictionaries, together, in the order of each group's first token."""
    groups: dict[tuple[tuple[str, str], ...], list[str]] = {}
    for mapping in mappings:
        groups.setdefault(mapping.dictionaries, []).append(mapping.token)
    return [(tokens, dictionaries) for dictionaries, tokens in groups.items()]


def _mapping_sql(
    c: TextSearchConfiguration, verb: str, tokens: list[str], dictionaries: Iterable[tuple[str, str]]
) -> str:
    names = ", ".join(qualified_name(s, n) for s, n in dictionaries)
    return f"ALTER {configuration_target(c)} {verb} MAPPING FOR {', '.join(map(quote_ident, tokens))} WITH {names};"


def create_configuration_sql(c: TextSearchConfiguration) -> list[str]:
    out = [f"CREATE {configuration_target(c)} (PARSER = {qualified_name(c.parser_schema, c.parser)});"]
    return out + [_mapping_sql(c, "ADD", tokens, ds) for tokens, ds in mapping_groups(c.mappings)]


_LITERAL = re.compile(r"'((?:[^']|'')*)'")


def names_configuration(expression: str, c: TextSearchConfiguration) -> bool:
    """Whether ``expression`` names ``c`` in a string literal (``'public.english_unaccent'::regconfig``,
    ``'english_unaccent'``): by name, so at worst a user is named once too often."""
    spellings = {c.name, f"{c.schema}.{c.name}"}
    return any(
        found.replace('"', "").replace("''", "'") in spellings for found in _LITERAL.findall(expression)
    )


def _stale(model: Model, configurations: Iterable[TextSearchConfiguration]) -> tuple[str, ...]:
    """What keeps values computed with ``configurations`` (``stored_users_where``)."""
    wanted = list(configurations)
    users = stored_users_where(model, lambda e: any(names_configuration(e, c) for c in wanted))
    return tuple(dict.fromkeys(users))


@dataclass(frozen=True)
class CreateDictionary(Operation):
    """CREATE TEXT SEARCH DICTIONARY."""

    dictionary: TextSearchDictionary
    action = Action.CREATE_TS_DICTIONARY

    @property
    def subject(self) -> str:
        return self.dictionary.key

    def sql(self) -> list[str]:
        d = self.dictionary
        return [create_dictionary_sql(d), *created_comment(dictionary_target(d), d.comment)]

    def reverse(self) -> Operation:
        return DropDictionary(self.dictionary)

    def describe(self) -> str:
        return f"create {DICTIONARY} {self.dictionary.key}"


@dataclass(frozen=True)
class DropDictionary(Operation):
    """DROP TEXT SEARCH DICTIONARY."""

    dictionary: TextSearchDictionary
    action = Action.DROP_TS_DICTIONARY

    @property
    def subject(self) -> str:
        return self.dictionary.key

    def sql(self) -> list[str]:
        return [f"DROP {dictionary_target(self.dictionary)};"]

    def reverse(self) -> Operation:
        return CreateDictionary(self.dictionary)

    def describe(self) -> str:
        return f"drop {DICTIONARY} {self.dictionary.key}"


def _stale_hazards(subject: str, stale: tuple[str, ...]) -> tuple[Hazard, ...]:
    """STALE for the stored values computed through what an op changes (``stale``: their users)."""
    return (Hazard(HazardKind.STALE, f"{subject}: {stale_message(stale)}"),) if stale else ()


@dataclass(frozen=True)
class AlterDictionaryOptions(Operation):
    """``ALTER TEXT SEARCH DICTIONARY ... (name = 'value', gone)``: options set, changed or taken away."""

    old: TextSearchDictionary
    new: TextSearchDictionary
    stale: tuple[str, ...] = ()  # what keeps values computed through configurations mapping to it
    action = Action.ALTER_TS_DICTIONARY

    @property
    def subject(self) -> str:
        return self.new.key

    def hazards(self) -> tuple[Hazard, ...]:
        return super().hazards() + _stale_hazards(self.subject, self.stale)

    def sql(self) -> list[str]:
        before, after = dict(self.old.options), dict(self.new.options)
        changes: list[tuple[str, str | None]] = [(k, v) for k, v in self.new.options if before.get(k) != v]
        changes += [(k, None) for k, _ in self.old.options if k not in after]
        return [f"ALTER {dictionary_target(self.new)} ({_options_sql(changes)});"]

    def reverse(self) -> Operation:
        return AlterDictionaryOptions(self.new, self.old, self.stale)

    def describe(self) -> str:
        return f"alter the options of {DICTIONARY} {self.new.key}"


@dataclass(frozen=True)
class ReplaceDictionary(Operation):
    """A dictionary whose template changes (ALTER cannot change it) made again without touching what uses
    it: created under a passing name, swapped into the ``configurations`` mapping to it (``ALTER MAPPING
    REPLACE``), the old one dropped and the new one renamed. The configurations keep their oids, so the
    columns and indexes naming them stay (their stored values go STALE, as with any changed mapping)."""

    old: TextSearchDictionary
    new: TextSearchDictionary
    configurations: tuple[TextSearchConfiguration, ...] = ()  # the ones mapping to it, before and after
    stale: tuple[str, ...] = ()
    action = Action.ALTER_TS_DICTIONARY

    @property
    def subject(self) -> str:
        return self.new.key

    def hazards(self) -> tuple[Hazard, ...]:
        return super().hazards() + _stale_hazards(self.subject, self.stale)

    def sql(self) -> list[str]:
        d = self.new
        passing = replace(d, name=make_object_name(d.name, None, "pgshift_new"), comment=None)
        out = [create_dictionary_sql(passing)]
        out += [
            f"ALTER {configuration_target(c)} ALTER MAPPING REPLACE {qualified_name(d.schema, d.name)} "
            f"WITH {qualified_name(passing.schema, passing.name)};"
            for c in self.configurations
        ]
        out.append(f"DROP {dictionary_target(self.old)};")
        out.append(f"ALTER {dictionary_target(passing)} RENAME TO {quote_ident(d.name)};")
        return out + created_comment(dictionary_target(d), d.comment)

    def reverse(self) -> Operation:
        return ReplaceDictionary(self.new, self.old, self.configurations, self.stale)

    def describe(self) -> str:
        return f"replace {DICTIONARY} {self.new.key} (its template changes)"


@dataclass(frozen=True)
class CreateConfiguration(Operation):
    """CREATE TEXT SEARCH CONFIGURATION."""

    configuration: TextSearchConfiguration
    action = Action.CREATE_TS_CONFIGURATION

    @property
    def subject(self) -> str:
        return self.configuration.key

    def sql(self) -> list[str]:
        c = self.configuration
        return [*create_configuration_sql(c), *created_comment(configuration_target(c), c.comment)]

    def reverse(self) -> Operation:
        return DropConfiguration(self.configuration)

    def describe(self) -> str:
        return f"create {CONFIGURATION} {self.configuration.key}"


@dataclass(frozen=True)
class DropConfiguration(Operation):
    """DROP TEXT SEARCH CONFIGURATION."""

    configuration: TextSearchConfiguration
    action = Action.DROP_TS_CONFIGURATION

    @property
    def subject(self) -> str:
        return self.configuration.key

    def sql(self) -> list[str]:
        return [f"DROP {configuration_target(self.configuration)};"]

    def reverse(self) -> Operation:
        return CreateConfiguration(self.configuration)

    def describe(self) -> str:
        return f"drop {CONFIGURATION} {self.configuration.key}"


@dataclass(frozen=True)
class AlterMappings(Operation):
    """``ALTER MAPPING FOR ... WITH ...`` for token types mapped anew or differently (it adds a missing
    mapping too) and ``DROP MAPPING FOR ...`` for those no longer mapped."""

    old: TextSearchConfiguration
    new: TextSearchConfiguration
    stale: tuple[str, ...] = ()  # what keeps values computed with the old mappings
    action = Action.ALTER_TS_CONFIGURATION

    @property
    def subject(self) -> str:
        return self.new.key

    def hazards(self) -> tuple[Hazard, ...]:
        return super().hazards() + _stale_hazards(self.subject, self.stale)

    def sql(self) -> list[str]:
        before = {mp.token: mp.dictionaries for mp in self.old.mappings}
        after = {mp.token for mp in self.new.mappings}
        changed = [mp for mp in self.new.mappings if before.get(mp.token) != mp.dictionaries]
        out = [_mapping_sql(self.new, "ALTER", tokens, ds) for tokens, ds in mapping_groups(changed)]
        gone = [mp.token for mp in self.old.mappings if mp.token not in after]
        if gone:
            out.append(
                f"ALTER {configuration_target(self.new)} DROP MAPPING FOR {', '.join(map(quote_ident, gone))};"
            )
        return out

    def reverse(self) -> Operation:
        return AlterMappings(self.new, self.old, self.stale)

    def describe(self) -> str:
        return f"alter the mappings of {CONFIGURATION} {self.new.key}"


def diff_dictionaries(old: Model, new: Model, plan: Plan) -> Model:
    """Dictionaries: created and changed in ``Plan.text_search`` (a changed template by
    ``ReplaceDictionary``), dropped in ``drop_text_search``."""
    before = {d.key: d for d in old.ts_dictionaries}
    after = {d.key: d for d in new.ts_dictionaries}
    plan.drop_text_search += [DropDictionary(d) for key, d in before.items() if key not in after]
    for key, b in after.items():
        a = before.get(key)
        if a is None:
            plan.text_search.append(CreateDictionary(b))
            continue
        users = [c for c in old.ts_configurations if key in c.dictionaries]
        if (a.template_schema, a.template) != (b.template_schema, b.template):
            plan.text_search.append(ReplaceDictionary(a, b, tuple(users), _stale(old, users)))
            continue
        if a.options != b.options:
            plan.text_search.append(AlterDictionaryOptions(a, b, _stale(old, users)))
        if a.comment != b.comment:
            plan.text_search.append(SetComment(dictionary_target(b), DICTIONARY, key, a.comment, b.comment))
    return old


def diff_configurations(old: Model, new: Model, plan: Plan) -> Model:
    """Configurations, after the dictionaries (``diff_dictionaries``): their drops go before the
    dictionaries' (inserted in front), their creates and changes after."""
    before = {c.key: c for c in old.ts_configurations}
    after = {c.key: c for c in new.ts_configurations}
    # dropped ones before the dictionaries they map to (which diff_dictionaries put there first)
    plan.drop_text_search[:0] = [DropConfiguration(c) for key, c in before.items() if key not in after]
    for key, b in after.items():
        a = before.get(key)
        if a is None:
            plan.text_search.append(CreateConfiguration(b))
            continue
        if (a.parser_schema, a.parser) != (b.parser_schema, b.parser):  # no ALTER changes a parser
            plan.text_search += [DropConfiguration(a), CreateConfiguration(b)]
            continue
        if a.mappings != b.mappings:
            plan.text_search.append(AlterMappings(a, b, _stale(old, [a])))
        if a.comment != b.comment:
            plan.text_search.append(
                SetComment(configuration_target(b), CONFIGURATION, key, a.comment, b.comment)
            )
    return old
