"""Errors the studio answers with: a status code and a sentence a person can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class StudioError(Exception):
    """Refused or failed request. ``status`` is the HTTP status; ``current`` carries a conflict's row."""

    status: int
    message: str
    current: dict[str, str | None] | None = None

    def __str__(self) -> str:
        return self.message


def not_found(message: str) -> StudioError:
    return StudioError(404, message)


def bad_request(message: str) -> StudioError:
    return StudioError(400, message)


def forbidden(message: str) -> StudioError:
    return StudioError(403, message)
