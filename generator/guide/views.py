"""What readers' pages show beyond the entries themselves: the summary of a step, the
choices of a filter, the order of a journey's resources, a journey in the second person.

The ``Guide`` of ``index.py`` inherits these; templates call them and only print.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from . import model

STARTERS = 3
"""How many resources a journey puts first, « pour commencer »."""
DIRECTOR = "direction-etablissement"
"""The role whose journey the home page opens for the director of a small structure."""


class ReaderViews:
    """View logic of the readers' pages, mixed into ``Guide``."""

    roles: dict[str, model.Role]
    resources: dict[str, model.Resource]
    phases: list[model.Phase]

    # Step pages ---------------------------------------------------------------------------

    def actors(self, phase: model.Phase) -> list[model.Role]:
        """Who acts in a phase or its sub-steps, each role once, in order of appearance."""
        ids = [act.role for entry in (phase, *phase.steps) for act in entry.roles]
        return [self.roles[i] for i in dict.fromkeys(ids)]

    @staticmethod
    def step_resources(entry: model.Blocks) -> list[str]:
        """The resources a phase or sub-step cites as documentation or tools, each once."""
        return list(dict.fromkeys([*entry.documentation, *entry.tools]))

    # Filters ------------------------------------------------------------------------------

    def filter_options(self, items: list[dict[str, str]]) -> dict[str, list[tuple[str, str]]]:
        """For each filter of a list, the (value, label) choices that match at least one of
        ``items`` (their filter values), in reading order: no choice leads to nothing."""
        used: dict[str, set[str]] = defaultdict(set)
        for item in items:
            for name, values in item.items():
                used[name] |= set(values.split())
        sectors = (model.Sector.sanitaire, model.Sector.medico_social)
        kinds = [*model.ResourceType, *model.ProjectKind]
        choices = {"etape": [(p.id, f"{p.number}. {p.title}") for p in self.phases],
                   "type": [(k.value, k.plural) for k in kinds],
                   "role": self.role_options(sorted(used["role"])),  # type: ignore[attr-defined]
                   "secteur": [(s.value, s.label) for s in sectors],
                   "annee": self.case_years()}  # type: ignore[attr-defined]
        return {name: [(value, label) for value, label in options if value in used[name]]
                for name, options in choices.items() if name in used}

    def resources_filters(self) -> list[dict[str, str]]:
        return [self.resource_filters(r)  # type: ignore[attr-defined]
                for r in self.resources.values()]

    def cases_filters(self) -> list[dict[str, str]]:
        return [self.case_filters(c)  # type: ignore[attr-defined]
                for c in self.case_studies.values()]  # type: ignore[attr-defined]

    # Journeys -----------------------------------------------------------------------------

    def ranked_journey(self, role_id: str) -> tuple[list[model.Resource], list[Any]]:
        """The resources to start with on a role's journey, and its stops with their
        resources ranked: first those met at the most steps, then the kits, methods and
        models that guide action, then in order of appearance."""
        stops = self.journey(role_id)  # type: ignore[attr-defined]
        met: dict[str, int] = defaultdict(int)
        first: dict[str, int] = {}
        for number, stop in enumerate(stops):
            for resource in stop.resources:
                met[resource.id] += 1
                first.setdefault(resource.id, number)

        def rank(resource: model.Resource) -> tuple:
            return (-met[resource.id], _KIND_ORDER.get(resource.type, len(_KIND_ORDER)),
                    first[resource.id])

        everything = sorted((self.resources[i] for i in first), key=rank)
        ranked = [type(stop)(stop.place, stop.action, sorted(stop.resources, key=rank))
                  for stop in stops]
        return everything[:STARTERS], ranked

    def director(self) -> model.Role | None:
        """The director's role, when the guide has it and gives it a journey."""
        role = self.roles.get(DIRECTOR)
        return role if role and role.journey else None

    def has_page(self, path: str) -> bool:
        """Whether a hand-written page exists at ``path`` (« modeles/index.md »)."""
        return any(page.relative == path for page in self.pages)  # type: ignore[attr-defined]

    @staticmethod
    def second_person(action: str | None) -> str | None:
        """« arrête le choix final. » → « vous arrêtez le choix final. »: what a role does,
        told to the reader who holds it. ``None`` when a verb is not known, so that a page
        never prints a half-converted sentence."""
        return second_person(action) if action else None


_KIND_ORDER = {kind: number for number, kind in enumerate([
    model.ResourceType.kit, model.ResourceType.methode, model.ResourceType.modele,
    model.ResourceType.outil, model.ResourceType.enseignements, model.ResourceType.retour,
    model.ResourceType.documentation, model.ResourceType.referentiel])}

VERBS = {
    "accompagne": "accompagnez", "accueille": "accueillez", "aide": "aidez",
    "analyse": "analysez", "anime": "animez", "apporte": "apportez",
    "approprie": "appropriez", "arbitre": "arbitrez", "arrête": "arrêtez",
    "assiste": "assistez", "assure": "assurez", "choisit": "choisissez",
    "conduit": "conduisez", "consolide": "consolidez", "construit": "construisez",
    "contribue": "contribuez", "coordonne": "coordonnez", "décide": "décidez",
    "définit": "définissez", "dépose": "déposez", "désigne": "désignez",
    "diffuse": "diffusez", "éclaire": "éclairez", "engage": "engagez", "est": "êtes",
    "établit": "établissez", "évalue": "évaluez", "exerce": "exercez",
    "exploite": "exploitez", "exprime": "exprimez", "fait": "faites", "fixe": "fixez",
    "forme": "formez", "garde": "gardez", "gère": "gérez", "héberge": "hébergez",
    "informe": "informez", "instruit": "instruisez", "livre": "livrez", "met": "mettez",
    "mobilise": "mobilisez", "noue": "nouez", "offre": "offrez", "organise": "organisez",
    "oriente": "orientez", "paramètre": "paramétrez", "peut": "pouvez",
    "pilote": "pilotez", "porte": "portez", "prend": "prenez", "prépare": "préparez",
    "présente": "présentez", "précise": "précisez", "prononce": "prononcez",
    "propose": "proposez", "rappelle": "rappelez", "réalise": "réalisez",
    "reçoit": "recevez", "rédige": "rédigez", "repère": "repérez", "répond": "répondez",
    "sélectionne": "sélectionnez", "signale": "signalez", "signe": "signez",
    "suit": "suivez", "travaille": "travaillez", "valide": "validez",
    "vérifie": "vérifiez",
}
"""Verbs of the roles' actions, third person → « vous ». A verb missing here leaves the
action untold in the second person (``None``) rather than wrong."""

_CLITICS = {"la", "le", "les", "l'", "leur", "lui", "y", "en"}
_LINKS = {"et", "ou", "puis", ",", ";"}
_SUBORDINATE = {"qui", "que", "qu'", "dont", "lorsque", "lorsqu'", "quand", "si", "où"}
_MINE = {"structure", "structures", "représentants", "instances", "quote-part"}
"""The nouns whose possessive becomes yours: « sa structure » → « votre structure »."""


def second_person(action: str) -> str | None:
    """The action with the verbs of its main clause in the « vous » form; ``None`` when
    its first verb is unknown. A relative or conditional clause keeps its own subject."""
    text = action.replace("’", "'")
    words = re.findall(r"[;,.]|[^\s;,.']+'?", text)
    out: list[str] = []
    expecting, blocked, said_vous = True, False, False
    if words and words[0].lower() in _SUBORDINATE:  # « lorsque la fonction existe, … »
        comma = words.index(",") if "," in words else len(words)
        out, words = words[:comma + 1], words[comma + 1:]
    for index, word in enumerate(words):
        lower = word.lower()
        previous = out[-1].lower() if out else ""
        if lower in _SUBORDINATE:
            blocked = True
        if word == ";":
            blocked = False
        if not blocked and lower in _LINKS and said_vous:
            expecting = True
            out.append(word)
            continue
        if expecting and not blocked:
            if lower in _CLITICS:
                out.append(word)
                continue
            reflexive = lower in ("s'", "se")
            if reflexive and index + 1 < len(words) and words[index + 1] in VERBS:
                out.append("vous" if said_vous else "vous vous")
                said_vous = True
                continue
            if word in VERBS:
                out.append(VERBS[word] if said_vous or previous == "vous"
                           else "vous " + VERBS[word])
                said_vous = True
                expecting = False
                continue
            if not said_vous:
                return None
            expecting = False
        if lower in ("s'", "se") and previous in ("de", "à", "d'") and said_vous:
            out.append("vous")  # « de s'engager » → « de vous engager »
            continue
        if lower in ("sa", "son", "ses") and index + 1 < len(words) \
                and words[index + 1] in _MINE:
            out.append("vos" if lower == "ses" else "votre")
            continue
        out.append(word)
    return _join(out)


def _join(words: list[str]) -> str:
    """Words back into a sentence: no space before a comma or after an apostrophe."""
    text = ""
    for word in words:
        if not text or word in (",", ".") or text.endswith("'"):
            text += word
        else:
            text += " " + word
    return text
