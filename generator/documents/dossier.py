"""Values computed from a groupement, never typed twice.

Shares and amounts come from the cost key, criticality from probability and
impact, milestones from the phases, parties from the members, legal references
from the legal form. The three documents read them from here, so they agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .grammar import article, preposition
from .model import GROUPEMENT, Body, Groupement, Member, Organisation, Provider, Rotation, Service
from .project import Milestone, Phase, Risk
from .shares import TO_PRICE, UNKNOWN, Share, compute_shares
from .types import Blank, BudgetKind, Nature, Status, is_blank
from .vocabulary import Clause, FormWords, Words


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
class Party:
    """Who signs: a member itself, or the organisation that manages one or several members."""

    members: list[Member]
    organisation: Organisation | None = None

    @property
    def name(self) -> str:
        return self.organisation.name if self.organisation else self.members[0].name

    @property
    def signer(self) -> Organisation | Member:
        return self.organisation or self.members[0]


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
    project_totals: dict[str, Decimal | Blank | None]
    theme_words: Words
    clauses: list[Clause]
    parties: list[Party]
    nature: Nature | Blank | None
    blank: bool = False
    members: dict[str, Member] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)
    providers: dict[str, Provider] = field(default_factory=dict)

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

    @property
    def person(self) -> bool:
        """A legal person (GCS de moyens, GCSMS, or another form with its legal_entity)."""
        return self.g.legal_entity is not None

    @property
    def form(self) -> str:
        form = self.g.groupement.legal_form
        return str(form) if is_blank(form) else form.value

    @property
    def assembly(self) -> Body | None:
        return next((b for b in self.g.governance.bodies if b.kind == "assemblee-generale"), None)

    def name_of(self, ident: str) -> str:
        """The name of a member, a body, a provider, or « groupement »."""
        if ident == GROUPEMENT:
            return "groupement"
        for table in (self.members, self.bodies, self.providers):
            if ident in table:
                return table[ident].name
        raise LookupError(f"identifiant inconnu « {ident} »")

    def kind_of(self, ident: str) -> str:
        """« groupement », « member », « provider » or « body »: who an id names."""
        if ident == GROUPEMENT:
            return "groupement"
        return "member" if ident in self.members else "provider" if ident in self.providers \
            else "body"

    def named(self, ident: str, form: str = "le") -> str:
        """Who an id names, with its article: « l'EHPAD X », « au groupement »; a provider's
        trade name takes none (« à HébergeSanté SAS »)."""
        if ident in self.providers:
            name = self.providers[ident].name
            return {"le": name, "au": preposition(name, "à"), "du": preposition(name)}[form]
        return article(self.name_of(ident), form)

    def designation(self, organisation: Organisation) -> str:
        """« Association Les Amis… », or « société Résidences Clairval SAS » when the name does
        not say what the organisation is."""
        noun = self.label("organisation_noun", organisation.kind)
        first = organisation.name.split()[0].lower() if organisation.name.split() else ""
        return organisation.name if first == noun or is_blank(organisation.kind) \
            else f"{noun} {organisation.name}"

    def sitting(self, body: Body) -> list[Member]:
        return [self.members[i] for i in body.members] if body.members else list(self.g.members)

    def served(self, service: Service) -> list[Member]:
        return [self.members[i] for i in service.sites] if service.sites else list(self.g.members)

    def rotation(self, body: Body) -> list[Member]:
        """The members who chair a body in turn, in their order."""
        chair = body.chair
        assert isinstance(chair, Rotation)
        return [self.members[i] for i in chair.among] if chair.among else self.sitting(body)

    def share_of(self, member_id: str) -> Share:
        return next(s for s in self.shares if s.member.id == member_id)

    def unmanaged(self, member: Member) -> bool:
        """A private member signing itself: its managing organisation should sign."""
        return member.manager is None and member.status in (Status.non_profit, Status.private)

    def clause(self, ident: str) -> Clause | None:
        return next((c for c in self.clauses if c.id == ident), None)

    def cite(self, ident: str) -> str:
        """The legal sources of a clause of this form, or an empty string."""
        clause = self.clause(ident)
        return self.theme_words.cite(clause) if clause and clause.sources else ""

    def label(self, kind: str, value: object) -> str:
        if is_blank(value):
            return str(value)
        key = str(getattr(value, "value", value))
        if key not in self.labels.get(kind, {}):
            raise LookupError(f"libellé manquant dans theme/documents/vocabulary.yml : "
                              f"labels.{kind}.{key}")
        return self.labels[kind][key]


def build(g: Groupement, words: Words, blank: bool = False) -> Dossier:
    """Everything the templates need beyond the declaration itself."""
    vocabulary = words.vocabulary
    form = g.groupement.legal_form
    form_words = vocabulary.blank_form if is_blank(form) else vocabulary.legal_forms[form]
    budget_total = total(line.amount for line in g.finances.budget)
    risks = rate_risks(g.project.risks)
    milestones = number_milestones(g.project.phases)
    costs = [c.amount for c in g.project.budget]
    kinds = {kind.value: total(c.amount for c in g.project.budget if c.kind == kind)
             for kind in BudgetKind if any(c.kind == kind for c in g.project.budget)}
    kinds["total"] = total(costs) if costs else None
    kinds["funding"] = total(f.amount for f in g.project.funding)
    return Dossier(
        g=g, words=form_words, blank=blank, theme_words=words,
        clauses=[] if is_blank(form) else words.clauses.forms.get(form, []),
        references=[*form_words.references, *g.groupement.references,
                    *vocabulary.common_references],
        labels=vocabulary.labels,
        shares=compute_shares(g, budget_total),
        budget_total=budget_total,
        risks=risks,
        top_risks=top(risks),
        milestones=milestones,
        major_milestones=[s for s in milestones if s.milestone.major] or milestones,
        project_totals=kinds,
        parties=parties(g),
        nature=nature(g),
        members={m.id: m for m in g.members},
        bodies={b.id: b for b in g.governance.bodies},
        providers={p.id: p for p in g.providers},
    )


def parties(g: Groupement) -> list[Party]:
    """The signatories in the order of the members: each organisation once, for all its members."""
    organisations = {o.id: o for o in g.organisations}
    result: list[Party] = []
    for member in g.members:
        if member.manager is None:
            result.append(Party([member]))
            continue
        existing = next((p for p in result if p.organisation and p.organisation.id ==
                         member.manager), None)
        if existing:
            existing.members.append(member)
        else:
            result.append(Party([member], organisations[member.manager]))
    return result


def nature(g: Groupement) -> Nature | Blank | None:
    """Declared, or following from the members: all public, public; all private, private."""
    if g.legal_entity is None:
        return None
    if g.legal_entity.nature is not None:
        return g.legal_entity.nature
    statuses = {m.status for m in g.members}
    if any(is_blank(s) for s in statuses):
        return UNKNOWN
    return Nature.public if statuses == {Status.public} else Nature.private


def total(values) -> Decimal | Blank:
    """A sum, or a placeholder if any term is one or is not known yet."""
    items = list(values)
    if any(v is None for v in items):
        return TO_PRICE
    if any(is_blank(v) for v in items):
        return UNKNOWN
    return sum(items, Decimal(0))


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
