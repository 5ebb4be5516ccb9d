"""What the reporter's follow-up page says beyond the report's status.

The complaint app owns the page; the apps that work on a report (triage's case plan)
register a provider here at start-up, so the imports run one way: they import
``forms``, never ``forms`` them. A provider takes the report and returns
``Progress`` lines in plain words, with nothing the reporter did not already know
or the case holder did not choose to share (never a unit's name unless shared).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    """One line: "Pendampingan medis: selesai", and optionally where."""

    label: str
    state: str
    where: str = ""


_providers: list[Callable] = []


def register(provider: Callable) -> Callable:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def for_reporter(report) -> list[Progress]:
    return [line for provider in _providers for line in provider(report)]
