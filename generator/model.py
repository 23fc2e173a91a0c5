"""The guide's entities, declared once.

Each class below is the single declaration of one kind of entry: validation,
error messages, the JSON Schemas given to editors and the contributor
documentation all follow from it. Keys are English identifiers; descriptions
are French because maintainers read them in their editor.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
URL_PATTERN = r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:[/?#][^\s]*)?$"
DATE_PATTERN = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"


def _real_date(value: str) -> str:
    """Reject dates such as 2021-13-45 that match the pattern but do not exist."""
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as error:
        raise ValueError(f"date impossible « {value} »") from error
    return value


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


Id = Annotated[
    str,
    Field(pattern=ID_PATTERN, description="Identifiant stable : minuscules, chiffres et tirets."),
]
Text = Annotated[str, BeforeValidator(_stripped), Field(min_length=1)]
Markdown = Annotated[str, BeforeValidator(_stripped), Field(min_length=1, description="Texte Markdown.")]
Url = Annotated[str, Field(pattern=URL_PATTERN, description="Adresse publique http(s)://…")]
PartialDate = Annotated[
    str,
    # The pattern comes before the conversion so that it reaches the JSON Schema.
    Field(pattern=DATE_PATTERN, description="Date AAAA, AAAA-MM ou AAAA-MM-JJ."),
    BeforeValidator(lambda value: str(value) if isinstance(value, int) else value),
    AfterValidator(_real_date),
]


class Entity(BaseModel):
    """Common settings: unknown keys are errors, entries are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _ref_shorthand(key: str):
    """Let a plain id stand for ``{key: id}`` so simple cases stay short in YAML."""

    def convert(value: Any) -> Any:
        return {key: value} if isinstance(value, str) else value

    return BeforeValidator(convert)


class SourceRef(Entity):
    """A citation: which publication, and where in it."""

    source: Id = Field(description="Identifiant d'une publication de data/sources.yml.")
    section: str | None = Field(None, description="Partie, page ou diapositive citée.")


SourceRefs = list[Annotated[SourceRef, _ref_shorthand("source")]]
Sources = Annotated[
    SourceRefs,
    Field(min_length=1, description="Publications d'où vient l'entrée (au moins une)."),
]
Reviewed = Annotated[
    PartialDate | None,
    Field(None, description="Date de dernière revue de l'entrée (AAAA-MM-JJ)."),
]
ReviewBy = Annotated[
    PartialDate | None,
    Field(None, description="À revoir avant cette date (AAAA-MM-JJ) : l'entrée s'appuie sur une "
          "règle, une échéance ou un programme daté ; `report` la signale une fois la date passée."),
]


class Sector(StrEnum):
    sanitaire = "sanitaire"
    medico_social = "medico-social"
    both = "sanitaire-et-medico-social"


class ProjectKind(StrEnum):
    mutualisation = "mutualisation"
    externalisation = "externalisation"
    both = "mutualisation-et-externalisation"


class RoleFamily(StrEnum):
    maitrise_ouvrage = "maitrise-d-ouvrage"
    maitrise_oeuvre = "maitrise-d-oeuvre"
    instance = "instance"
    support = "fonction-support"
    external = "partie-externe"


class ResourceType(StrEnum):
    documentation = "documentation"
    outil = "outil"
    modele = "modele-de-document"
    methode = "methode"
    retour = "retour-d-experience"
    enseignements = "enseignements"
    kit = "kit"
    referentiel = "referentiel"


class ApproachStep(StrEnum):
    """The four steps of the ANAP–ASIP Santé approach (2013)."""

    caracteriser_moa = "caracteriser-la-moa"
    strategie_si = "definir-une-strategie-si"
    concevoir = "concevoir-le-projet"
    lancement = "preparer-le-lancement"


class Lifecycle(StrEnum):
    conception = "conception"
    construction = "construction"
    exploitation = "exploitation"


class Source(Entity):
    """A publication the guide cites."""

    id: Id
    title: Text = Field(description="Titre exact de la publication.")
    publisher: Text = Field(description="Organisme éditeur.")
    date: PartialDate | None = Field(
        None, description="Date de publication (AAAA, AAAA-MM ou AAAA-MM-JJ) ; à omettre si le "
        "document n'est pas daté : il est alors cité « s. d. » (sans date).")
    url: Url | None = Field(None, description="Adresse publique, s'il y en a une.")
    description: Markdown | None = Field(None, description="Ce que le guide en retient.")


class Term(Entity):
    """A glossary entry; its term, synonyms and plurals become tooltips."""

    id: Id
    term: Text = Field(description="Le terme tel qu'il s'écrit (sigle ou expression).")
    expansion: Text | None = Field(None, description="Forme développée d'un sigle.")
    definition: Markdown = Field(description="Définition rédigée avec nos mots.")
    synonyms: list[Text] = Field(default_factory=list, description="Autres façons de le dire.")
    plurals: list[Text] = Field(default_factory=list, description="Formes au pluriel.")
    see_also: list[Id] = Field(default_factory=list, description="Termes liés (identifiants).")
    sources: Sources
    reviewed: Reviewed
    review_by: ReviewBy

    def written_forms(self) -> list[tuple[str, str]]:
        """(field, form) for every way a reader may meet the term, tooltips included.

        The expansion counts when it is a plain phrase (« maîtrise d'ouvrage »), not
        a composite such as « Software as a Service (logiciel en tant que service) ».
        """
        forms = [("term", self.term)]
        if self.expansion and not re.search(r"[(),/]| ou ", self.expansion):
            forms.append(("expansion", self.expansion))
        forms += [(f"synonyms[{i}]", s) for i, s in enumerate(self.synonyms)]
        forms += [(f"plurals[{i}]", p) for i, p in enumerate(self.plurals)]
        return forms


class Role(Entity):
    """A role or body of a mutualisation project."""

    id: Id
    name: Text = Field(description="Nom complet du rôle ou de l'instance.")
    short_name: Text | None = Field(None, description="Sigle usuel (MOA, AMOA…).")
    family: RoleFamily = Field(description="Famille du rôle.")
    description: Markdown = Field(description="Ce qu'est ce rôle, avec nos mots.")
    responsibilities: list[Text] = Field(default_factory=list, description="Responsabilités.")
    in_mutualisation: Markdown | None = Field(None, description="Ce qui change en mutualisation.")
    in_externalisation: Markdown | None = Field(
        None, description="Ce qui change en externalisation."
    )
    journey: Text | None = Field(
        None, description="Titre du parcours « Je suis … » ; s'il est présent, la page de parcours "
        "de ce rôle est générée.")
    sources: Sources
    reviewed: Reviewed
    review_by: ReviewBy


class RoleAction(Entity):
    """A role taking part in a phase, and what it does there."""

    role: Id = Field(description="Identifiant d'un rôle de data/roles.yml.")
    action: Text | None = Field(None, description="Ce que ce rôle fait à cette étape.")


RoleActions = Annotated[
    list[Annotated[RoleAction, _ref_shorthand("role")]],
    Field(default_factory=list, description="Rôles impliqués (identifiant ou {role, action})."),
]


class Blocks(Entity):
    """The three lists every step of the regional guide carries."""

    documentation: list[Id] = Field(
        default_factory=list, description="Ressources de documentation (identifiants)."
    )
    tools: list[Id] = Field(default_factory=list, description="Ressources outils (identifiants).")
    support_needs: list[Text] = Field(
        default_factory=list, description="Besoins d'accompagnement, écrits en clair."
    )


class Step(Blocks):
    """A numbered sub-step of a phase (3.1, 3.2…)."""

    id: Id
    number: str = Field(pattern=r"^\d+\.\d+$", description="Numéro, par exemple 3.1.")
    title: Text
    objective: Markdown | None = None
    description: Markdown | None = None
    key_points: list[Text] = Field(default_factory=list)
    roles: RoleActions


class Phase(Blocks):
    """One of the steps of a mutualisation project."""

    id: Id
    number: int = Field(ge=1, le=20, description="Numéro d'ordre de l'étape.")
    title: Text
    objective: Markdown = Field(description="Ce que l'étape doit produire.")
    description: Markdown | None = None
    key_points: list[Text] = Field(default_factory=list, description="Points clés.")
    roles: RoleActions
    steps: list[Step] = Field(default_factory=list, description="Sous-étapes numérotées.")
    approach_steps: list[ApproachStep] = Field(
        default_factory=list, description="Étapes de la démarche ANAP–ASIP Santé liées."
    )
    lifecycle: list[Lifecycle] = Field(
        default_factory=list, description="Phases conception / construction / exploitation."
    )
    sources: Sources
    reviewed: Reviewed
    review_by: ReviewBy


class Resource(Entity):
    """A publication, tool, model or kit of the kit; one file per resource."""

    id: Id
    title: Text
    publisher: Text = Field(description="Organisme éditeur (ANAP, ANS, CNIL…).")
    year: int | None = Field(None, ge=1990, le=2100, description="Année de publication.")
    type: ResourceType
    url: Url | None = Field(None, description="Adresse publique, s'il y en a une.")
    url_note: Text | None = Field(
        None, description="Sans adresse : pourquoi (remplace « pas d'adresse publique connue »), "
        "par exemple une adresse connue mais volontairement omise.")
    description: Markdown = Field(description="À quoi sert la ressource, avec nos mots.")
    phases: list[Id] = Field(
        default_factory=list, description="Étapes ou sous-étapes servies (identifiants)."
    )
    roles: list[Id] = Field(default_factory=list, description="Rôles servis (identifiants).")
    sector: Sector
    sources: Sources
    reviewed: Reviewed
    review_by: ReviewBy


class RoleHolder(Entity):
    """Who held a role in a case study."""

    role: Id = Field(description="Identifiant d'un rôle de data/roles.yml.")
    holder: Text = Field(description="Organisation ou instance qui a tenu ce rôle.")


class CaseStudy(Entity):
    """A partner experience; one file per case study."""

    id: Id
    title: Text
    organisations: list[Text] = Field(min_length=1, description="Organisations concernées.")
    sector: Sector
    region: Text
    kind: ProjectKind
    scope: Markdown = Field(description="Ce qui a été mutualisé ou externalisé.")
    summary: Markdown | None = Field(None, description="Synthèse du projet.")
    role_map: list[RoleHolder] = Field(default_factory=list, description="Qui tenait quel rôle.")
    triggers: list[Text] = Field(default_factory=list, description="Éléments déclencheurs.")
    benefits: list[Text] = Field(default_factory=list, description="Bénéfices constatés.")
    difficulties: list[Text] = Field(default_factory=list, description="Difficultés rencontrées.")
    lessons: list[Text] = Field(default_factory=list, description="Enseignements.")
    phases: list[Id] = Field(default_factory=list, description="Étapes du guide illustrées.")
    date: PartialDate | None = Field(
        None, description="Date à laquelle les faits rapportés étaient vrais (entretien, publication), "
        "AAAA, AAAA-MM ou AAAA-MM-JJ ; à omettre si la source n'est pas datée.")
    sources: Sources
    reviewed: Reviewed
    review_by: ReviewBy


def slug_ok(value: str) -> bool:
    return re.fullmatch(ID_PATTERN, value) is not None
