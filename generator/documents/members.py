"""Who the groupement gathers: its members, the organisations that manage and sign for them,
and the external providers it works with, each declared once and named by its id."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ..core.fields import Entity, Id, Text
from .types import (
    Amount,
    Blankable,
    Count,
    Day,
    Figure,
    Finess,
    OrganisationKind,
    Percent,
    Sector,
    Siret,
    Status,
)


class Size(Entity):
    """Size figures that a pro rata cost key can use."""

    places: Count | None = Field(None, description="Lits ou places autorisés.")
    etp: Figure | None = Field(None, description="Effectif en équivalents temps plein.")
    budget: Amount | None = Field(None, description="Budget annuel d'exploitation (€).")


class Deliberation(Entity):
    body: Text = Field(description="Instance qui autorise la signature (conseil "
                                   "d'administration, conseil de surveillance…).")
    date: Day


class Organisation(Entity):
    """A legal person that manages one or several members and signs for them
    (association, foundation, company, public body…)."""

    id: Id
    name: Text = Field(description="Nom de l'organisme gestionnaire.")
    kind: Annotated[OrganisationKind, Blankable] = Field(
        description="association, fondation, societe, mutuelle, etablissement-public, "
                    "collectivite ou autre.")
    kind_detail: Text | None = Field(None, description="Nature précise, par exemple « fondation "
                                                       "reconnue d'utilité publique ».")
    address: Text = Field(description="Adresse du siège.")
    siret: Siret | None = None
    finess: Finess | None = Field(None, description="Numéro FINESS de l'entité juridique.")
    representative: Text = Field(description="Représentant légal : fonction, ou « [Nom du "
                                             "représentant] » à compléter à la signature.")
    capacity: Text = Field(description="Qualité du représentant : président, directrice "
                                       "générale…")
    deliberation: Deliberation | None = Field(None, description="Délibération autorisant "
                                                                "la signature.")


class Provider(Entity):
    """An external party: a provider of a service, a DPO under contract, a software vendor, a
    certified host. Declared once, named by its id wherever an employer or a contractor goes."""

    id: Id
    name: Text = Field(description="Raison sociale du prestataire.")
    activity: Text = Field(description="Ce qu'il fournit : « hébergeur certifié de données de "
                                       "santé », « délégué à la protection des données externe »…")
    address: Text | None = None
    siret: Siret | None = None
    contractor: Id = Field(description="Qui signe le contrat : un membre (identifiant), ou "
                                       "« groupement » s'il a la personnalité morale.")


class Member(Entity):
    """A member of the groupement (an establishment or a service); it signs itself, or its
    managing organisation signs for it."""

    id: Id
    name: Text = Field(description="Nom de l'établissement ou du service.")
    kind: Text = Field(description="Catégorie en toutes lettres : établissement d'hébergement "
                                   "pour personnes âgées dépendantes, institut médico-éducatif…")
    sector: Annotated[Sector, Blankable] | None = Field(
        None, description="sante (établissement de santé), medico-social, social ou autre.")
    status: Annotated[Status, Blankable] = Field(
        description="Statut : public, prive-non-lucratif ou prive-lucratif.")
    manager: Id | None = Field(None, description="Organisme gestionnaire (identifiant de "
                                                 "organisations) : c'est lui qui signe.")
    finess: Finess
    siret: Siret | None = None
    address: Text = Field(description="Adresse postale.")
    representative: Text | None = Field(None, description="Représentant légal, si le membre "
                                                          "signe lui-même (sans gestionnaire).")
    capacity: Text | None = Field(None, description="Qualité du représentant : directrice…")
    deliberation: Deliberation | None = Field(None, description="Délibération autorisant "
                                                                "la signature.")
    role: Text = Field(description="Rôle dans le groupement : membre, établissement "
                                   "support…")
    size: Size = Field(default_factory=Size, description="Chiffres utilisables par la clé.")
    share: Percent | None = Field(None, description="Part en %, seulement avec la clé "
                                                    "« pourcentages ».")
