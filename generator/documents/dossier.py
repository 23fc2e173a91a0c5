"""Values computed from a groupement, never typed twice.

Shares and amounts come from the cost key, criticality from probability and
impact, milestones from the phases, parties from the members, legal references
from the legal form. The three documents read them from here, so they agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path

from pydantic import Field

from ..core.fields import Entity, Text
from ..core.messages import validate
from ..core.problems import DataError, Problem
from ..core.yamlfile import read_yaml
from .model import Body, Groupement, Member, Service
from .project import Milestone, Phase, Risk
from .types import Blank, BudgetKind, KeyMethod, LegalForm, is_blank

CENT = Decimal("0.01")
UNKNOWN = Blank("[…]")


class FormWords(Entity):
    """How the documents name a legal form, and the law it brings."""

    label: Text
    title: Text
    approval: Text | None = None
    references: list[Text] = Field(default_factory=list)


class Vocabulary(Entity):
    """theme/documents/vocabulary.yml: the words the documents use for coded values."""

    legal_forms: dict[LegalForm, FormWords]
    blank_form: FormWords
    common_references: list[Text]
    labels: dict[str, dict[str, Text]]


def read_vocabulary(theme: Path) -> Vocabulary:
    path = theme / "documents" / "vocabulary.yml"
    display = "theme/documents/vocabulary.yml"
    file = read_yaml(path, display)
    if file.problems:
        raise DataError(file.problems)
    entity, problems = validate(Vocabulary, file.data, file, ())
    if entity is None:
        raise DataError(problems)
    assert isinstance(entity, Vocabulary)
    missing = [form.value for form in LegalForm if form not in entity.legal_forms]
    if missing:
        raise DataError([Problem(display, file.line(("legal_forms",)), "legal_forms",
                                 f"forme juridique sans libellé : {', '.join(missing)}")])
    return entity


@dataclass(frozen=True)
class Share:
    """A member's part of the annual budget."""

    member: Member
    figure: Decimal | int | Blank | None
    percent: Decimal | Blank
    amount: Decimal | Blank


@dataclass(frozen=True)
class RatedRisk:
    number: int
    risk: Risk
    criticality: int | Blank
    level: str


@dataclass(frozen=True)
class Step:
    """A milestone, numbered J1, J2… in date order, with its phase."""

    label: str
    phase: Phase
    milestone: Milestone


@dataclass(frozen=True)
class Dossier:
    g: Groupement
    words: FormWords
    references: list[str]
    labels: dict[str, dict[str, str]]
    shares: list[Share]
    budget_total: Decimal | Blank
    risks: list[RatedRisk]
    top_risks: list[RatedRisk]
    milestones: list[Step]
    major_milestones: list[Step]
    project_totals: dict[str, Decimal | Blank]
    blank: bool = False
    members: dict[str, Member] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)

    @property
    def ranked_risks(self) -> list[RatedRisk]:
        """Every risk, the most critical first."""
        return top(self.risks, len(self.risks))

    @property
    def version(self) -> str:
        return self.g.document.history[-1].version

    @property
    def date(self) -> dt.date | Blank:
        return self.g.document.history[-1].date

    @property
    def name(self) -> str:
        return self.g.groupement.name

    def name_of(self, ident: str) -> str:
        """The name of a member or a body, for « rédigé par », « approuvé par »…"""
        if ident in self.members:
            return self.members[ident].name
        return self.bodies[ident].name

    def sitting(self, body: Body) -> list[Member]:
        return [self.members[i] for i in body.members] if body.members else list(self.g.members)

    def served(self, service: Service) -> list[Member]:
        return [self.members[i] for i in service.sites] if service.sites else list(self.g.members)

    def share_of(self, member_id: str) -> Share:
        return next(s for s in self.shares if s.member.id == member_id)

    def label(self, kind: str, value: object) -> str:
        if is_blank(value):
            return str(value)
        key = str(getattr(value, "value", value))
        if key not in self.labels.get(kind, {}):
            raise LookupError(f"libellé manquant dans theme/documents/vocabulary.yml : "
                              f"labels.{kind}.{key}")
        return self.labels[kind][key]


def build(g: Groupement, vocabulary: Vocabulary, blank: bool = False) -> Dossier:
    """Everything the templates need beyond the declaration itself."""
    form = g.groupement.legal_form
    words = vocabulary.blank_form if is_blank(form) else vocabulary.legal_forms[form]
    budget_total = total(line.amount for line in g.finances.budget)
    risks = rate_risks(g.project.risks)
    milestones = number_milestones(g.project.phases)
    kinds = {kind.value: total(c.amount for c in g.project.budget if c.kind == kind)
             for kind in BudgetKind}
    kinds["total"] = total(c.amount for c in g.project.budget)
    kinds["funding"] = total(f.amount for f in g.project.funding)
    return Dossier(
        g=g, words=words, blank=blank,
        references=[*words.references, *g.groupement.references,
                    *vocabulary.common_references],
        labels=vocabulary.labels,
        shares=compute_shares(g, budget_total),
        budget_total=budget_total,
        risks=risks,
        top_risks=top(risks),
        milestones=milestones,
        major_milestones=[s for s in milestones if s.milestone.major] or milestones,
        project_totals=kinds,
        members={m.id: m for m in g.members},
        bodies={b.id: b for b in g.governance.bodies},
    )


def total(values) -> Decimal | Blank:
    """A sum, or a placeholder if any term is one."""
    items = list(values)
    if any(is_blank(v) for v in items):
        return UNKNOWN
    return sum(items, Decimal(0))


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


def level(criticality: int) -> str:
    """The words of a criticality from 1 to 16."""
    if criticality >= 12:
        return "critique"
    if criticality >= 8:
        return "élevée"
    if criticality >= 4:
        return "modérée"
    return "faible"


def rate_risks(risks: list[Risk]) -> list[RatedRisk]:
    rated = []
    for number, risk in enumerate(risks, 1):
        if is_blank(risk.probability) or is_blank(risk.impact):
            rated.append(RatedRisk(number, risk, UNKNOWN, str(UNKNOWN)))
        else:
            value = risk.probability * risk.impact
            rated.append(RatedRisk(number, risk, value, level(value)))
    return rated


def top(risks: list[RatedRisk], count: int = 5) -> list[RatedRisk]:
    """The main risks: highest criticality first, declared order among equals."""
    if any(is_blank(r.criticality) for r in risks):
        return risks[:count]
    return sorted(risks, key=lambda r: -int(r.criticality))[:count]


def number_milestones(phases: list[Phase]) -> list[Step]:
    pairs = [(phase, milestone) for phase in phases for milestone in phase.milestones]
    if not any(is_blank(m.date) for _, m in pairs):
        pairs.sort(key=lambda pair: pair[1].date)
    return [Step(f"J{index}", phase, milestone) for index, (phase, milestone)
            in enumerate(pairs, 1)]
