"""What the example groupements of data/groupements/ cost, as the home page tells it.

The figures are read from the examples at each build (``build.cost_examples``), never
written by hand, so the home page follows the examples when they change.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CostExample:
    """One example groupement: who pools what, its yearly budget and each member's part."""

    name: str
    members: list[str]
    """The kind of each member, as the example writes it (« institut médico-éducatif »)."""
    places: int
    services: list[str]
    total: int
    lowest: int
    highest: int
    page: str = "modeles/index.md"
    """The page that offers the example's documents."""

    @staticmethod
    def rounded(amount: int) -> int:
        """An order of magnitude: to the thousand euros."""
        return int(round(amount, -3))
