"""Coded values of the guide's data, each declared with the French words readers see.

The YAML holds the code (``type: outil``); the site and the PDFs print ``r.type.label``
(« Outil ») or ``r.type.plural`` (« Outils »), never a label table of their own.
"""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    """A coded value of the YAML, and the French words readers see for it.

    The words are declared right below each enum with ``labelled``; a test checks
    that every value has them.
    """

    @property
    def label(self) -> str:
        return LABELS[type(self)][self.value][0]

    @property
    def plural(self) -> str:
        """The heading of a group of entries of this value (« Outils »)."""
        return LABELS[type(self)][self.value][1]


LABELS: dict[type[Labelled], dict[str, tuple[str, str]]] = {}


def labelled(enum: type[Labelled], words: dict[str, str | tuple[str, str]]) -> None:
    """Declare the words of each value: one label, or (singular, plural)."""
    LABELS[enum] = {key: (w, w) if isinstance(w, str) else w for key, w in words.items()}


class Sector(Labelled):
    sanitaire = "sanitaire"
    medico_social = "medico-social"
    both = "sanitaire-et-medico-social"

    @property
    def sectors(self) -> list[str]:
        """The single sectors a filter matches: both, for an entry of both."""
        return ["sanitaire", "medico-social"] if self is Sector.both else [self.value]


labelled(Sector, {"sanitaire": "Sanitaire", "medico-social": "Médico-social",
                  "sanitaire-et-medico-social": "Sanitaire et médico-social"})


class ProjectKind(Labelled):
    mutualisation = "mutualisation"
    externalisation = "externalisation"
    both = "mutualisation-et-externalisation"


labelled(ProjectKind, {"mutualisation": "Mutualisation", "externalisation": "Externalisation",
                       "mutualisation-et-externalisation": "Mutualisation et externalisation"})


class RoleFamily(Labelled):
    maitrise_ouvrage = "maitrise-d-ouvrage"
    maitrise_oeuvre = "maitrise-d-oeuvre"
    instance = "instance"
    support = "fonction-support"
    external = "partie-externe"


labelled(RoleFamily, {"maitrise-d-ouvrage": "Maîtrise d'ouvrage",
                      "maitrise-d-oeuvre": "Maîtrise d'œuvre",
                      "instance": "Instances de gouvernance",
                      "fonction-support": "Fonctions support",
                      "partie-externe": "Acteurs externes"})


class ResourceType(Labelled):
    documentation = "documentation"
    outil = "outil"
    modele = "modele-de-document"
    methode = "methode"
    retour = "retour-d-experience"
    enseignements = "enseignements"
    kit = "kit"
    referentiel = "referentiel"


labelled(ResourceType, {
    "documentation": "Documentation",
    "outil": ("Outil", "Outils"),
    "modele-de-document": ("Modèle de document", "Modèles de documents"),
    "methode": ("Méthode", "Méthodes"),
    "retour-d-experience": ("Retour d'expérience", "Retours d'expérience"),
    "enseignements": "Enseignements",
    "kit": ("Kit", "Kits"),
    "referentiel": ("Référentiel", "Référentiels"),
})


class ApproachStep(Labelled):
    """The four steps of the ANAP–ASIP Santé approach (2013)."""

    caracteriser_moa = "caracteriser-la-moa"
    strategie_si = "definir-une-strategie-si"
    concevoir = "concevoir-le-projet"
    lancement = "preparer-le-lancement"


labelled(ApproachStep, {"caracteriser-la-moa": "Caractériser la maîtrise d'ouvrage",
                        "definir-une-strategie-si": "Définir une stratégie SI",
                        "concevoir-le-projet": "Concevoir le projet",
                        "preparer-le-lancement": "Préparer le lancement"})


class Lifecycle(Labelled):
    conception = "conception"
    construction = "construction"
    exploitation = "exploitation"


labelled(Lifecycle, {"conception": "Conception", "construction": "Construction",
                     "exploitation": "Exploitation"})
