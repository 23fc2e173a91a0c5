"""The groupement declaration: one YAML file describes a groupement once.

The convention, the Plan Qualité Projet and the note de cadrage are all filled
from this single declaration, so that names, figures and dates agree between
them. Keys are English identifiers; descriptions are French because
coordinators read them in their editor (they become the JSON Schema).

Values that can be computed (version and date of the document, shares,
amounts, totals, criticality, major milestones) are deliberately absent: they
are never typed twice.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ..core.fields import Entity, Id, Markdown, Text
from .members import Member, Organisation, Provider
from .project import Project
from .types import (
    Amount,
    Blankable,
    BodyKind,
    Count,
    Day,
    Figure,
    KeyMethod,
    LegalForm,
    Nature,
    Percent,
    ProtectionModel,
    Renewal,
    SizeBasis,
    VoteRule,
    Years,
    listed,
)

GROUPEMENT = "groupement"
"""The id that names the groupement itself, where a legal person can act (GCS, GCSMS)."""


class Revision(Entity):
    """One line of the document history; the last one gives the version and date."""

    version: Text = Field(description="Numéro de version, par exemple « 1.0 ».")
    date: Day
    author: Text = Field(description="Fonction de la personne ou instance qui a rédigé.")
    changes: Text = Field(description="Ce qui a changé.")


class Recipient(Entity):
    recipient: Text = Field(description="Destinataire (fonction ou instance).")
    purpose: Text = Field(description="Pour information, pour avis, pour validation…")


class Approval(Entity):
    step: Text = Field(description="Rédaction, vérification, validation…")
    by: Text = Field(description="Fonction ou instance (jamais le nom d'une personne).")
    date: Day | None = None


class DocumentInfo(Entity):
    """Metadata shared by the three documents."""

    author: Text = Field(description="Rédacteur des documents (fonction ou instance).")
    status: Text = Field(description="État du document, par exemple « Projet ».")
    history: list[Revision] = listed("Historique des versions, de la plus ancienne à la "
                                    "plus récente (la dernière donne version et date).", 1)
    distribution: list[Recipient] = listed("Liste de diffusion.")
    validation: list[Approval] = listed("Circuit de validation.")


class Identity(Entity):
    """The groupement itself."""

    name: Text = Field(description="Nom complet du groupement.")
    acronym: Text | None = Field(None, description="Sigle, s'il y en a un.")
    legal_form: Annotated[LegalForm, Blankable] = Field(
        description="Forme juridique : convention, gcs-de-moyens, gcsms ou autre.")
    legal_form_detail: Text | None = Field(
        None, description="Forme juridique en clair, obligatoire si « autre ».")
    seat: Text = Field(description="Siège : établissement et adresse.")
    object: Markdown = Field(description="Objet de la coopération.")
    context: Markdown = Field(description="Contexte : pourquoi les membres s'associent.")
    objectives: list[Text] = listed("Objectifs du groupement.", 1)
    references: list[Text] = listed("Références juridiques ajoutées à celles de la forme retenue.")


class Service(Entity):
    """A skill or service the members pool."""

    name: Text = Field(description="Compétence ou service mutualisé.")
    description: Markdown | None = None
    etp: Figure | None = Field(None, description="Temps de travail en ETP.")
    employer: Id = Field(description="Qui emploie ou fournit : un membre, un prestataire "
                                     "(identifiants), ou « groupement » s'il a la personnalité "
                                     "morale.")
    sites: list[Id] = listed("Membres servis (identifiants) ; vide : tous les membres.")


class Pooling(Entity):
    services: list[Service] = listed("Compétences et services mutualisés.", 1)
    means: Markdown | None = Field(None, description="Moyens mis à disposition.")
    out_of_scope: list[Text] = listed("Ce qui reste hors du périmètre.")


class Rotation(Entity):
    """A chair that passes from member to member."""

    among: list[Id] = listed("Membres qui président tour à tour, dans l'ordre ; vide : tous "
                             "les membres qui siègent, dans l'ordre de la liste des membres.")
    months: Count = Field(description="Durée de chaque présidence, en mois.")


class Body(Entity):
    """A governance body: who sits there and how it decides."""

    id: Id
    name: Text = Field(description="Nom de l'instance.")
    kind: Annotated[BodyKind, Blankable] = Field(
        BodyKind.body, description="assemblee-generale pour l'assemblée de tous les membres "
                                   "(obligatoire pour un GCS ou un GCSMS), sinon instance.")
    missions: list[Text] = listed("Ce que l'instance décide ou suit.", 1)
    members: list[Id] = listed("Membres qui y siègent (identifiants) ; vide : tous.")
    seat: Text = Field(description="Qui siège pour chaque membre.")
    guests: list[Text] = listed("Autres participants (fonctions).")
    chair: Id | Rotation | None = Field(
        None, description="Membre qui préside (identifiant), ou présidence tournante "
                          "(among, months) ; vide : désignée en séance, ou l'administrateur pour "
                          "l'assemblée générale d'un groupement.")
    frequency: Text = Field(description="Fréquence des réunions.")
    quorum: Text = Field(description="Quorum, par exemple « la moitié des membres au moins ».")
    majority: Text = Field(description="Règle de majorité, avec sa préposition : « à la "
                                       "majorité des voix exprimées ».")
    votes: Annotated[VoteRule, Blankable] = Field(
        description="une-voix-par-membre ou ponderee-par-la-cle.")


class Governance(Entity):
    bodies: list[Body] = listed("Instances, de la plus stratégique à la plus "
                               "opérationnelle.", 1)


class BudgetLine(Entity):
    label: Text
    amount: Amount


class CostKey(Entity):
    """How the annual budget is shared among the members."""

    method: Annotated[KeyMethod, Blankable] = Field(
        description="parts-egales, prorata, pourcentages ou mixte.")
    basis: Annotated[SizeBasis, Blankable] | None = Field(
        None, description="Chiffre du prorata : places, etp ou budget.")
    equal_part: Percent | None = Field(None, description="Clé mixte : part (%) répartie "
                                                         "à parts égales.")


class Finances(Entity):
    budget: list[BudgetLine] = listed("Budget annuel du groupement, poste par poste.", 1)
    key: CostKey
    carrier: Id = Field(description="Qui porte les dépenses et appelle les fonds : un membre, ou "
                                    "« groupement » (obligatoire pour un GCS ou un GCSMS).")
    calls_for_funds: Text = Field(description="Rythme et modalités des appels de fonds.")
    revision: Text = Field(description="Phrase complète : quand et comment la clé est révisée.")


class Duration(Entity):
    start: Day = Field(description="Date d'effet.")
    years: Years = Field(description="Durée en années, ou « indéterminée ».")
    renewal: Annotated[Renewal, Blankable] | None = Field(
        None, description="Reconduction d'une durée fixe : tacite ou expresse.")


class Membership(Entity):
    """Entry, withdrawal, exclusion and reversibility."""

    admission_body: Id = Field(description="Instance qui décide l'adhésion (identifiant).")
    admission_majority: Text | None = Field(
        None, description="Majorité requise, avec sa préposition : « à l'unanimité des membres » "
                          "(pour un GCSMS, la loi impose l'unanimité des membres présents ou "
                          "représentés).")
    notice_months: Count = Field(description="Préavis de retrait, en mois.")
    exclusion_body: Id = Field(description="Instance qui prononce l'exclusion.")
    reversibility_months: Count = Field(description="Durée de la réversibilité, en mois.")
    reversibility: Markdown | None = Field(None, description="Précisions sur la réversibilité.")


class Processing(Entity):
    name: Text = Field(description="Traitement de données personnelles.")
    purpose: Text = Field(description="Finalité.")
    legal_basis: Text = Field(description="Base légale.")
    data: Text = Field(description="Catégories de données.")
    retention: Text = Field(description="Durée de conservation.")


class Relay(Entity):
    member: Id
    function: Text = Field(description="Fonction du relais local.")


class Dpo(Entity):
    employer: Id = Field(description="Qui emploie le DPO : un membre, un prestataire (DPO externe) "
                                     "ou « groupement ».")
    etp: Figure | None = None
    contact: Text = Field(description="Adresse fonctionnelle du DPO (jamais personnelle).")


class DataProtection(Entity):
    model: Annotated[ProtectionModel, Blankable] = Field(
        description="responsables-conjoints ou sous-traitance.")
    processor: Id | None = Field(None, description="Sous-traitant, si sous-traitance : un membre, "
                                                   "un prestataire ou « groupement ».")
    processing: list[Processing] = listed("Registre commun des traitements.", 1)
    dpo: Dpo
    relays: list[Relay] = listed("Relais locaux chez les membres.")
    contact_point: Text = Field(description="Point de contact des personnes concernées.")


class Hosting(Entity):
    health_data: bool = Field(description="Des données de santé sont-elles hébergées ?")
    provider: Id | None = Field(None, description="Hébergeur certifié HDS (identifiant de "
                                                  "providers).")
    certification: Text | None = Field(None, description="Certificat HDS : périmètre, "
                                                         "organisme.")
    valid_until: Day | None = None
    location: Text | None = Field(None, description="Localisation des données.")


class Clauses(Entity):
    confidentiality: Markdown | None = Field(None, description="Engagements ajoutés.")
    insurance: Text = Field(description="Assurance de responsabilité civile attendue.")
    conciliation_months: Count = Field(description="Durée de la conciliation amiable.")
    jurisdiction: Text = Field(description="Juridiction compétente.")


class LegalEntity(Entity):
    """What a groupement that is a legal person (GCS de moyens, GCSMS) adds to a convention."""

    nature: Annotated[Nature, Blankable] | None = Field(
        None, description="Nature juridique, publique ou privee : obligatoire quand les membres "
                          "sont les uns publics, les autres privés ; sinon elle découle d'eux.")
    capital: Amount | None = Field(None, description="Capital en euros ; vide : groupement "
                                                     "constitué sans capital.")
    administrator_term: Count | None = Field(
        None, description="Durée du mandat de l'administrateur, en années (trois ans pour un "
                          "GCSMS).")


class Groupement(Entity):
    """One groupement, described once, from which the three documents are filled."""

    document: DocumentInfo
    groupement: Identity
    legal_entity: LegalEntity | None = Field(
        None, description="Personne morale : obligatoire pour un GCS de moyens ou un GCSMS, "
                          "interdit pour une convention.")
    members: list[Member] = Field(description="Membres (au moins deux).",
                                  json_schema_extra={"minItems": 2})
    organisations: list[Organisation] = listed("Organismes gestionnaires qui signent pour leurs "
                                               "établissements (associations, fondations…).")
    providers: list[Provider] = listed("Prestataires et organismes extérieurs (DPO externe, "
                                       "éditeur, hébergeur…).")
    pooling: Pooling
    governance: Governance
    finances: Finances
    duration: Duration
    membership: Membership
    data_protection: DataProtection
    hosting: Hosting
    clauses: Clauses
    project: Project


def schema() -> dict:
    """The JSON Schema that editors use to complete and check a groupement file."""
    result = Groupement.model_json_schema()
    result["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    result["title"] = "Groupement"
    return result
