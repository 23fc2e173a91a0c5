"""The project part of a groupement file: what the PQP and the note de cadrage describe."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ..core.fields import Entity, Id, Markdown, Text
from .types import Amount, Blankable, BudgetKind, Figure, Level, Period, listed


class TeamRole(Entity):
    role: Text = Field(description="Fonction dans le projet (chef de projet…).")
    member: Id = Field(description="Qui emploie la personne : un membre, un prestataire "
                                   "(identifiants) ou « groupement ».")
    etp: Figure | None = None
    responsibilities: Text


class Milestone(Entity):
    name: Text
    date: Period
    major: bool = Field(False, description="Jalon majeur, repris dans la note de cadrage.")


class Phase(Entity):
    id: Id
    name: Text
    start: Period
    end: Period
    description: Markdown | None = None
    milestones: list[Milestone] = listed("Jalons, compris entre début et fin.")


class Deliverable(Entity):
    name: Text
    phase: Id = Field(description="Phase du projet (identifiant).")
    writer: Id = Field(description="Membre qui rédige.")
    verifier: Id = Field(description="Membre qui vérifie.")
    approver: Id = Field(description="Membre ou instance qui approuve.")
    criteria: list[Text] = listed("Critères d'acceptation.", 1)


class Report(Entity):
    name: Text
    frequency: Text
    audience: Text
    content: Text


class DocumentManagement(Entity):
    repository: Text = Field(description="Espace documentaire partagé.")
    naming: Text = Field(description="Règle de nommage.")
    versioning: Text = Field(description="Gestion des versions.")


class Risk(Entity):
    description: Text
    probability: Level
    impact: Level
    action: Text = Field(description="Action de prévention ou de réduction.")
    owner: Id = Field(description="Membre qui porte l'action.")


class ProjectCost(Entity):
    label: Text
    kind: Annotated[BudgetKind, Blankable] = Field(description="investissement ou "
                                                               "fonctionnement.")
    amount: Amount | None = Field(None, description="Montant en euros ; vide tant qu'il n'est "
                                                    "pas chiffré.")


class Funding(Entity):
    source: Text
    amount: Amount


class Project(Entity):
    """The shared project that the PQP and the note de cadrage describe."""

    name: Text
    sponsor: Id = Field(description="Instance maître d'ouvrage (identifiant).")
    context: Markdown
    objectives: list[Text] = listed("Objectifs du projet.", 1)
    stakes: list[Text] = listed("Enjeux.", 1)
    scope: list[Text] = listed("Périmètre.", 1)
    out_of_scope: list[Text] = listed("Hors périmètre.")
    team: list[TeamRole] = listed("Équipe projet.", 1)
    phases: list[Phase] = listed("Phases, dans l'ordre.", 1)
    deliverables: list[Deliverable] = listed("Livrables.")
    reporting: list[Report] = listed("Reporting.")
    documents: DocumentManagement
    risks: list[Risk] = listed("Risques.")
    budget: list[ProjectCost] = listed("Budget du projet, poste par poste ; vide tant qu'il "
                                       "n'est pas établi.")
    funding: list[Funding] = listed("Financements ; leur total doit égaler le budget.")
    decision: Text = Field(description="Décision attendue de la note de cadrage.")
