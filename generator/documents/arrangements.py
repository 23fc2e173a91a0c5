"""Real arrangements checked on the raw data: who signs for whom, rotating chairs, durations.

An establishment without legal personality (every private one) is signed for by
its managing organisation; a member that signs itself names its representative.
A warning, not an error, when a private member has no managing organisation: the
documents are still filled, with the point flagged « à faire valider ».
"""

from __future__ import annotations

from collections.abc import Iterator

from ..core.problems import Problem, quote
from ..core.yamlfile import YamlFile
from .raw import as_list, at, get, items, placeholder, text

PRIVATE = ("prive-non-lucratif", "prive-lucratif")


def signatories(data: dict, file: YamlFile) -> Iterator[Problem]:
    """A member signs itself (representative, capacity) or its managing organisation does."""
    managed = set()
    for index, member in items(data, "members"):
        manager = text(member.get("manager"))
        if manager is not None:
            managed.add(manager)
            for field in ("representative", "capacity", "deliberation"):
                if member.get(field) is not None:
                    yield at(file, ("members", index, field),
                             f"inutile : c'est l'organisme gestionnaire {quote(manager)} qui signe "
                             f"pour ce membre ; indiquez {field} dans organisations")
            continue
        for field in ("representative", "capacity"):
            if member.get(field) is None:
                yield at(file, ("members", index),
                         f"{field} manquant : indiquez le représentant du membre, ou manager "
                         "si un organisme gestionnaire signe pour lui")
    for index, organisation in items(data, "organisations"):
        ident = text(organisation.get("id"))
        if ident is not None and ident not in managed:
            yield at(file, ("organisations", index, "id"),
                     f"organisme {quote(ident)} déclaré mais gestionnaire d'aucun membre "
                     "(members[].manager)")


def missing_managers(data: dict, file: YamlFile) -> Iterator[Problem]:
    """A warning: a private establishment has no legal personality of its own."""
    for index, member in items(data, "members"):
        status = member.get("status")
        if status in PRIVATE and member.get("manager") is None:
            yield at(file, ("members", index),
                     "attention : établissement privé sans organisme gestionnaire (manager) ; "
                     "c'est l'association, la fondation ou la société qui le gère qui signe "
                     "pour lui — point signalé « à faire valider » dans la convention")


def rotations(data: dict, file: YamlFile) -> Iterator[Problem]:
    members = [text(m.get("id")) for _, m in items(data, "members")]
    for index, body in items(data, "governance", "bodies"):
        chair = body.get("chair")
        if not isinstance(chair, dict):
            continue
        sitting = [text(s) for s in as_list(body.get("members"))] or members
        among = [text(m) for m in as_list(chair.get("among"))] or sitting
        where = ("governance", "bodies", index, "chair")
        for turn, member in enumerate(as_list(chair.get("among"))):
            if text(member) in members and text(member) not in sitting:
                yield at(file, where + ("among", turn),
                         f"{quote(text(member))} ne siège pas dans cette instance : il ne peut pas "
                         "la présider")
        if len(set(among)) < 2:
            yield at(file, where, "une présidence tournante passe entre deux membres au moins")


def renewal(data: dict, file: YamlFile) -> Iterator[Problem]:
    years, renewal = get(data, "duration", "years"), get(data, "duration", "renewal")
    if not isinstance(get(data, "duration"), dict) or placeholder(years):
        return
    open_ended = isinstance(years, str) and years.lower().startswith("ind")
    if open_ended and renewal is not None:
        yield at(file, ("duration", "renewal"),
                 "sans objet pour une durée indéterminée : supprimez renewal")
    if isinstance(years, int) and years >= 1 and renewal is None:
        yield at(file, ("duration",), "renewal manquant : à son terme, la convention est-elle "
                                      "reconduite tacitement (tacite) ou par décision expresse "
                                      "(expresse) ?")


RULES = (signatories, rotations, renewal)
WARNINGS = (missing_managers,)
