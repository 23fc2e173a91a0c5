"""Each member's part of the annual budget, from the cost key: exact, rounded to the cent,
always summing to the total (largest remainders get the leftover cents)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from .model import Groupement, Member
from .types import Blank, KeyMethod, is_blank

CENT = Decimal("0.01")
UNKNOWN = Blank("[…]")
TO_PRICE = Blank("[à chiffrer]")


@dataclass(frozen=True)
class Share:
    """A member's part of the annual budget."""

    member: Member
    figure: Decimal | int | Blank | None
    percent: Decimal | Blank
    amount: Decimal | Blank



def apportion(amount: Decimal, weights: list[Decimal], quantum: Decimal = CENT) -> list[Decimal]:
    """Split ``amount`` in proportion to ``weights``, rounded, summing exactly to ``amount``.

    Largest remainders get the leftover cents, so a table's total is always right.
    """
    weight_sum = sum(weights, Decimal(0))
    exact = [amount * w / weight_sum for w in weights]
    parts = [(e / quantum).to_integral_value(ROUND_FLOOR) * quantum for e in exact]
    left = int(((amount - sum(parts, Decimal(0))) / quantum).to_integral_value())
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - parts[i]), i))
    for index in order[:left]:
        parts[index] += quantum
    return parts


def compute_shares(g: Groupement, budget_total: Decimal | Blank) -> list[Share]:
    key = g.finances.key
    method = key.method
    basis = key.basis.value if key.basis is not None and not is_blank(key.basis) else None
    figures = [getattr(m.size, basis) if basis else None for m in g.members]
    weights = _weights(g, method, key.equal_part, figures)
    if weights is None:
        return [Share(m, f, UNKNOWN, UNKNOWN) for m, f in zip(g.members, figures, strict=True)]
    percents = apportion(Decimal(100), weights)
    amounts = (apportion(budget_total, weights) if not is_blank(budget_total)
               else [UNKNOWN] * len(weights))
    return [Share(m, f, p, a) for m, f, p, a in zip(g.members, figures, percents, amounts, strict=True)]


def _weights(g: Groupement, method, equal_part, figures) -> list[Decimal] | None:
    """Exact weights of the members, or None when a placeholder hides them."""
    count = Decimal(len(g.members))
    if is_blank(method):
        return None
    if method == KeyMethod.equal:
        return [Decimal(1)] * len(g.members)
    if method == KeyMethod.percentages:
        shares = [m.share for m in g.members]
        return None if any(s is None or is_blank(s) for s in shares) else list(shares)
    if any(f is None or is_blank(f) for f in figures) or (
            method == KeyMethod.mixed and (equal_part is None or is_blank(equal_part))):
        return None
    figure_sum = sum((Decimal(f) for f in figures), Decimal(0))
    if figure_sum == 0:
        return None
    fixed = Decimal(equal_part) if method == KeyMethod.mixed else Decimal(0)
    return [fixed / count + (100 - fixed) * Decimal(f) / figure_sum for f in figures]
