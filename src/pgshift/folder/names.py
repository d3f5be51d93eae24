"""Random two-word migration names (``brave_otter``), as drizzle-kit gives unnamed migrations.

Readable tags are easier to talk about than timestamps alone, and a random pair makes two branches
that both generate "0005_..." produce different file names, so the collision shows up in review
rather than one file silently replacing the other.
"""

from __future__ import annotations

import random
import re

ADJECTIVES = (
    "able", "amazing", "ancient", "bitter", "blue", "bold", "brave", "bright", "broad", "calm", "careful",
    "clever", "cold", "cool", "crisp", "curious", "damp", "dark", "eager", "early", "easy", "fair", "fancy",
    "fast", "fine", "flat", "fresh", "friendly", "gentle", "giant", "glad", "golden", "good", "grand",
    "great", "green", "happy", "hard", "heavy", "hidden", "high", "honest", "huge", "humble", "jolly",
    "keen", "kind", "large", "late", "lazy", "light", "little", "lively", "long", "loud", "lucky", "mighty",
    "modern", "narrow", "neat", "new", "nice", "noble", "odd", "old", "orange", "pale", "plain", "polite",
    "proud", "purple", "quick", "quiet", "rapid", "rare", "red", "rich", "round", "royal", "rough", "sad",
    "sharp", "shiny", "short", "silent", "silly", "simple", "slow", "small", "smart", "smooth", "soft",
    "solid", "sour", "square", "steady", "strong", "sunny", "sweet", "swift", "tall", "tame", "thick",
    "thin", "tidy", "tiny", "tough", "true", "vast", "warm", "white", "wide", "wild", "wise", "young",
)  # fmt: skip
NOUNS = (
    "albatross", "badger", "bear", "beaver", "bison", "boar", "buffalo", "camel", "cat", "cheetah",
    "cobra", "condor", "cougar", "coyote", "crane", "crow", "deer", "dingo", "dolphin", "dove", "eagle",
    "eel", "elk", "falcon", "ferret", "finch", "fox", "frog", "gazelle", "gecko", "goat", "goose",
    "gorilla", "hawk", "hedgehog", "heron", "hippo", "horse", "hyena", "ibis", "iguana", "jackal",
    "jaguar", "koala", "lemur", "leopard", "lion", "lizard", "llama", "lynx", "magpie", "marten", "mink",
    "mole", "moose", "moth", "mouse", "newt", "ocelot", "octopus", "orca", "oriole", "osprey", "otter",
    "owl", "ox", "panda", "panther", "parrot", "pelican", "penguin", "pike", "puffin", "puma", "quail",
    "rabbit", "raccoon", "raven", "rhino", "robin", "salmon", "seal", "shark", "sheep", "skunk", "sloth",
    "snail", "sparrow", "spider", "squid", "stork", "swan", "tapir", "tiger", "toad", "trout", "turtle",
    "viper", "walrus", "wasp", "weasel", "whale", "wolf", "wombat", "yak", "zebra",
)  # fmt: skip

_UNSAFE = re.compile(r"[^a-z0-9_]+")


def random_name(rng: random.Random | None = None) -> str:
    """``adjective_noun``, e.g. ``brave_otter``."""
    pick = rng or random.SystemRandom()
    return f"{pick.choice(ADJECTIVES)}_{pick.choice(NOUNS)}"


def sanitize_name(name: str) -> str:
    """A user's --name as a safe tag part: lower case, runs of other characters become ``_``.

    ``"Add users' e-mail!"`` -> ``add_users_e_mail``. Empty after cleaning -> empty string (the caller
    decides whether that is an error).
    """
    return _UNSAFE.sub("_", name.strip().lower()).strip("_")
