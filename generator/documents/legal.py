"""What each legal form requires and forbids, with the article that says so.

A convention de coopération creates no legal person: the groupement cannot
employ, carry expenses or sign a contract. A GCS de moyens (code de la santé
publique) and a GCSMS (code de l'action sociale et des familles) are legal
persons with an assemblée générale of all their members, an administrateur and
a budget of their own. The rules read the raw data, like those of ``checks``;
``theme/documents/clauses.yml`` cites the same articles in the documents.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..core.problems import Problem
from ..core.yamlfile import YamlFile
from .model import GROUPEMENT
from .raw import at, get

CSP = "code de la santé publique"
CASF = "code de l'action sociale et des familles"
PERSONS = ("gcs-de-moyens", "gcsms")
NAMES = {"gcs-de-moyens": "un GCS de moyens", "gcsms": "un GCSMS", "autre": "ce groupement",
         "convention": "une convention de coopération"}
SOURCES = {
    "gcs-de-moyens": {
        "entity": f"{CSP}, article L. 6133-3", "assembly": f"{CSP}, article L. 6133-4",
        "powers": f"{CSP}, article R. 6133-26", "members": f"{CSP}, article L. 6133-2",
        "nature": f"{CSP}, article L. 6133-3", "budget": f"{CSP}, article R. 6133-1, 6° et 11°",
        "administrator": f"{CSP}, article L. 6133-4",
    },
    "gcsms": {
        "entity": f"{CASF}, article L. 312-7, 3°", "assembly": f"{CASF}, article R. 312-194-21",
        "powers": f"{CASF}, article R. 312-194-21", "unanimity": f"{CASF}, article R. 312-194-22",
        "budget": f"{CASF}, article R. 312-194-21, 1°",
        "administrator": f"{CASF}, article R. 312-194-23",
    },
}
"""The articles the messages cite, by legal form and subject."""


def _form(data: dict) -> str | None:
    form = (data.get("groupement") or {}).get("legal_form") if isinstance(
        data.get("groupement"), dict) else None
    return form if isinstance(form, str) else None


def is_person(data: dict) -> bool:
    """A GCS de moyens, a GCSMS, or another form declared with its legal_entity block."""
    form = _form(data)
    return form in PERSONS or (form == "autre" and isinstance(data.get("legal_entity"), dict))


def legal_entity(data: dict, file: YamlFile) -> Iterator[Problem]:
    form = _form(data)
    if form in PERSONS and not isinstance(data.get("legal_entity"), dict):
        yield at(file, ("groupement", "legal_form"),
                       f"{NAMES[form]} est une personne morale ({SOURCES[form]['entity']}) : "
                       "ajoutez le bloc legal_entity (nature, capital, mandat de l'administrateur)")
    if form == "convention" and data.get("legal_entity") is not None:
        yield at(file, ("legal_entity",), "une convention de coopération ne crée pas de "
                                                "personne morale : supprimez legal_entity, ou "
                                                "choisissez gcs-de-moyens ou gcsms")


def _uses_of_groupement(data: dict) -> Iterator[tuple[tuple, str]]:
    services = (data.get("pooling") or {}).get("services") if isinstance(
        data.get("pooling"), dict) else None
    for index, service in enumerate(services if isinstance(services, list) else []):
        if isinstance(service, dict) and service.get("employer") == GROUPEMENT:
            yield ("pooling", "services", index, "employer"), "être employeur"
    for index, provider in enumerate(data.get("providers") or []):
        if isinstance(provider, dict) and provider.get("contractor") == GROUPEMENT:
            yield ("providers", index, "contractor"), "signer un contrat"
    for index, role in enumerate(get(data, "project", "team") or []):
        if isinstance(role, dict) and role.get("member") == GROUPEMENT:
            yield ("project", "team", index, "member"), "employer l'équipe projet"
    if get(data, "finances", "carrier") == GROUPEMENT:
        yield ("finances", "carrier"), "porter les dépenses"
    if get(data, "data_protection", "processor") == GROUPEMENT:
        yield ("data_protection", "processor"), "être sous-traitant"
    if get(data, "data_protection", "dpo", "employer") == GROUPEMENT:
        yield ("data_protection", "dpo", "employer"), "employer le délégué"


def groupement_acts(data: dict, file: YamlFile) -> Iterator[Problem]:
    """Only a legal person can employ, pay or contract; a GCS or GCSMS pays its own expenses."""
    form = _form(data)
    if form is None or form.startswith("["):
        return
    if not is_person(data):
        for location, act in _uses_of_groupement(data):
            yield at(file, location, f"{NAMES.get(form, 'ce groupement')} n'a pas de "
                                           f"personnalité morale : le groupement ne peut pas {act} ; "
                                           "désignez un membre ou un prestataire")
    carrier = get(data, "finances", "carrier")
    if form in PERSONS and isinstance(carrier, str) and carrier != GROUPEMENT:
        yield at(file, ("finances", "carrier"),
                       f"{NAMES[form]} a son propre budget ({SOURCES[form]['budget']}) : "
                       f"écrivez carrier: {GROUPEMENT}")


def _bodies(data: dict) -> list[tuple[int, dict]]:
    bodies = get(data, "governance", "bodies")
    return [(i, b) for i, b in enumerate(bodies) if isinstance(b, dict)] if isinstance(
        bodies, list) else []


def assembly(data: dict, file: YamlFile) -> Iterator[Problem]:
    """A GCS or a GCSMS decides in an assemblée générale of all its members."""
    form = _form(data)
    if form not in PERSONS:
        return
    sources = SOURCES[form]
    assemblies = [(i, b) for i, b in _bodies(data) if b.get("kind") == "assemblee-generale"]
    if not assemblies:
        yield at(file, ("governance", "bodies"),
                       f"{NAMES[form]} délibère en assemblée générale de tous ses membres "
                       f"({sources['assembly']}) : déclarez cette instance avec "
                       "kind: assemblee-generale")
        return
    for index, _ in assemblies[1:]:
        yield at(file, ("governance", "bodies", index, "kind"),
                       "une seule assemblée générale par groupement")
    index, body = assemblies[0]
    members = {m.get("id") for m in data.get("members") or [] if isinstance(m, dict)}
    seats = body.get("members")
    if isinstance(seats, list) and seats and set(seats) != members:
        yield at(file, ("governance", "bodies", index, "members"),
                       f"l'assemblée générale réunit tous les membres ({sources['assembly']}) : "
                       "laissez members vide")
    ident = body.get("id")
    for field, what in (("admission_body", "l'adhésion"), ("exclusion_body", "l'exclusion")):
        value = get(data, "membership", field)
        if isinstance(value, str) and value != ident:
            yield at(file, ("membership", field),
                           f"{what} est décidée par l'assemblée générale ({sources['powers']}) : "
                           f"écrivez {field}: {ident}")
    majority = get(data, "membership", "admission_majority")
    if form == "gcsms" and isinstance(majority, str) and not majority.startswith("[") \
            and "unanimité" not in majority:
        yield at(file, ("membership", "admission_majority"),
                       "l'admission d'un membre se décide à l'unanimité des membres présents ou "
                       f"représentés ({sources['unanimity']}) : supprimez admission_majority ou "
                       "écrivez « à l'unanimité des membres présents ou représentés »")


def administrator(data: dict, file: YamlFile) -> Iterator[Problem]:
    form, entity = _form(data), data.get("legal_entity")
    if form not in PERSONS or not isinstance(entity, dict):
        return
    term = entity.get("administrator_term")
    if form == "gcsms" and isinstance(term, int) and not isinstance(term, bool) and term != 3:
        yield at(file, ("legal_entity", "administrator_term"),
                       "l'administrateur d'un GCSMS est nommé pour trois ans renouvelables "
                       f"({SOURCES['gcsms']['administrator']}) : écrivez 3 ou supprimez la ligne")
    if form == "gcs-de-moyens" and term is None:
        yield at(file, ("legal_entity",),
                       "administrator_term manquant : la convention fixe la durée du mandat de "
                       "l'administrateur que l'assemblée générale élit en son sein "
                       f"({SOURCES['gcs-de-moyens']['administrator']})")


def membership_and_nature(data: dict, file: YamlFile) -> Iterator[Problem]:
    """Who a GCS de moyens must include, and the nature that follows from the members."""
    form = _form(data)
    if form not in PERSONS:
        return
    members = [m for m in data.get("members") or [] if isinstance(m, dict)]
    if form == "gcs-de-moyens" and members and not any(m.get("sector") == "sante" for m in members):
        yield at(file, ("members",),
                       "un GCS de moyens comprend au moins un établissement de santé "
                       f"({SOURCES['gcs-de-moyens']['members']}) : indiquez sector: sante pour "
                       "ce membre")
    statuses = {m.get("status") for m in members if isinstance(m.get("status"), str)}
    entity = data.get("legal_entity")
    if any(s.startswith("[") for s in statuses) or not isinstance(entity, dict):
        return
    nature = entity.get("nature")
    public = {"public"} == statuses
    private = bool(statuses) and "public" not in statuses
    if not public and not private and nature is None:
        yield at(file, ("legal_entity",),
                       "nature manquante : les membres sont les uns publics, les autres privés, la "
                       "convention fixe donc la nature du groupement (nature: publique ou privee)"
                       + (f" ({SOURCES[form]['nature']})" if "nature" in SOURCES[form] else ""))
    expected = "publique" if public else "privee" if private else None
    if form == "gcs-de-moyens" and expected and nature not in (None, expected):
        yield at(file, ("legal_entity", "nature"),
                       f"tous les membres sont {'publics' if public else 'privés'} : le groupement "
                       f"est une personne morale de droit {'public' if public else 'privé'} "
                       f"({SOURCES[form]['nature']}) ; écrivez nature: {expected}")


RULES = (legal_entity, groupement_acts, assembly, administrator, membership_and_nature)
