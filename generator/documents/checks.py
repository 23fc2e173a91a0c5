"""Reading a groupement file and checking what the schema alone cannot.

Each rule is a small function yielding located problems, as in the guide's
validation. Rules read the raw YAML data, tolerating whatever the schema
rejects, so that one run reports schema and consistency mistakes together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..core.french import french_date, french_money, french_percent
from ..core.messages import field_name, validate
from ..core.problems import DataError, Problem, did_you_mean, quote
from ..core.yamlfile import Location, YamlFile, read_yaml
from .model import Groupement
from .types import blank_mode

Rule = Callable[[dict, YamlFile], Iterator[Problem]]


def load_groupement(path: Path, display: str, blank: bool = False) -> Groupement:
    """Validate one groupement file; raise ``DataError`` listing every problem."""
    if not path.is_file():
        raise DataError([Problem(display, 1, "", "fichier introuvable")])
    file = read_yaml(path, display)
    if file.problems:
        raise DataError(file.problems)
    if not isinstance(file.data, dict):
        raise DataError([Problem(display, 1, "", "bloc de clés attendu (document: …, "
                                                 "groupement: …, members: …)")])
    if blank:
        with blank_mode():
            entity, problems = validate(Groupement, file.data, file, ())
    else:
        entity, problems = validate(Groupement, file.data, file, ())
    problems += [problem for rule in RULES for problem in rule(file.data, file)]
    if problems:
        raise DataError(problems)
    assert isinstance(entity, Groupement)
    return entity


def _at(file: YamlFile, location: Location, message: str) -> Problem:
    return Problem(file.path, file.line(location), field_name(location), message)


def _get(data: Any, *path: str | int) -> Any:
    """The value at ``path``, or None where the data has another shape."""
    for part in path:
        if isinstance(part, int) and isinstance(data, list) and part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def _items(data: Any, *path: str) -> list[tuple[int, dict]]:
    value = _get(data, *path)
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] \
        if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    return str(value) if isinstance(value, (str, int)) else None


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 \
            else None
    except ValueError:
        return None


def _placeholder(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("[") and value.endswith("]")


def enough_members(data: dict, file: YamlFile) -> Iterator[Problem]:
    members = data.get("members")
    if isinstance(members, list) and len(members) < 2:
        yield _at(file, ("members",), "un groupement réunit au moins deux membres "
                                      f"({len(members)} déclaré)")


def unique_ids(data: dict, file: YamlFile) -> Iterator[Problem]:
    for prefix in (("members",), ("governance", "bodies"), ("project", "phases")):
        seen: dict[str, int] = {}
        for index, item in _items(data, *prefix):
            ident, location = _text(item.get("id")), prefix + (index, "id")
            if ident is None:
                continue
            if ident in seen:
                yield _at(file, location, f"identifiant {quote(ident)} déjà utilisé "
                                          f"(ligne {seen[ident]})")
            seen.setdefault(ident, file.line(location))


def registration_numbers(data: dict, file: YamlFile) -> Iterator[Problem]:
    """FINESS: nine digits (2A or 2B first in Corsica); SIRET: fourteen digits."""
    for index, member in _items(data, "members"):
        finess, siret = _text(member.get("finess")), _text(member.get("siret"))
        if finess is not None and not _placeholder(finess) and not (
                len(finess) == 9 and (finess.isdigit() or (finess[:2] in ("2A", "2B")
                                                            and finess[2:].isdigit()))):
            yield _at(file, ("members", index, "finess"),
                      f"numéro FINESS invalide {quote(finess)} : neuf chiffres attendus, "
                      "entre guillemets")
        if siret is not None and not _placeholder(siret) and not (
                len(siret) == 14 and siret.isdigit()):
            yield _at(file, ("members", index, "siret"),
                      f"numéro SIRET invalide {quote(siret)} : quatorze chiffres attendus, "
                      "entre guillemets")


def references(data: dict, file: YamlFile) -> Iterator[Problem]:
    """Every id that names a member, a body or a phase must exist."""
    def ids(*path: str) -> set[str]:
        return {i for _, item in _items(data, *path) if (i := _text(item.get("id")))}
    members, bodies, phases = ids("members"), ids("governance", "bodies"), ids("project", "phases")
    kinds = {"member": (members, "membre inconnu"), "body": (bodies, "instance inconnue"),
             "phase": (phases, "phase inconnue"),
             "either": (members | bodies, "membre ou instance inconnu")}
    for location, kind in _references(data):
        value = _text(_get(data, *location))
        known, message = kinds[kind]
        if value is not None and value not in known:
            yield _at(file, location, f"{message} {quote(value)}{did_you_mean(value, known)}")


def _references(data: dict) -> Iterator[tuple[Location, str]]:
    """Where ids are used, and what they name."""
    for index, service in _items(data, "pooling", "services"):
        yield ("pooling", "services", index, "employer"), "member"
        for site in range(len(service.get("sites") or [])):
            yield ("pooling", "services", index, "sites", site), "member"
    for index, body in _items(data, "governance", "bodies"):
        for seat in range(len(body.get("members") or [])):
            yield ("governance", "bodies", index, "members", seat), "member"
        yield ("governance", "bodies", index, "chair"), "member"
    yield ("finances", "carrier"), "member"
    yield ("membership", "admission_body"), "body"
    yield ("membership", "exclusion_body"), "body"
    yield ("data_protection", "processor"), "member"
    yield ("data_protection", "dpo", "employer"), "member"
    for index, _ in _items(data, "data_protection", "relays"):
        yield ("data_protection", "relays", index, "member"), "member"
    yield ("project", "sponsor"), "body"
    for index, _ in _items(data, "project", "team"):
        yield ("project", "team", index, "member"), "member"
    for index, _ in _items(data, "project", "deliverables"):
        prefix = ("project", "deliverables", index)
        yield prefix + ("phase",), "phase"
        yield prefix + ("writer",), "member"
        yield prefix + ("verifier",), "member"
        yield prefix + ("approver",), "either"
    for index, _ in _items(data, "project", "risks"):
        yield ("project", "risks", index, "owner"), "member"


def cost_key(data: dict, file: YamlFile) -> Iterator[Problem]:
    """The key must be computable, and explicit shares must total 100 %."""
    key = _get(data, "finances", "key")
    method, basis = _text(_get(key, "method")), _text(_get(key, "basis"))
    members = _items(data, "members")
    where = ("finances", "key")
    if not isinstance(key, dict) or method is None or _placeholder(method):
        return
    if method in ("prorata", "mixte"):
        if basis is None:
            yield _at(file, where + ("basis",), f"champ obligatoire avec la clé « {method} » "
                                                "(places, etp ou budget)")
        elif basis in ("places", "etp", "budget"):
            for index, member in members:
                if _get(member, "size", basis) is None:
                    yield _at(file, ("members", index, "size", basis),
                              f"chiffre manquant : la clé « {method} » se calcule sur "
                              f"« {basis} »")
            figures = [_number(_get(member, "size", basis)) for _, member in members]
            if figures and all(figure == 0 for figure in figures):
                names = ", ".join(str(member.get("id", f"n° {i + 1}")) for i, member in members)
                yield _at(file, where + ("basis",),
                          f"la clé « {method} » ne peut rien répartir : « {basis} » vaut 0 pour "
                          f"tous les membres ({names}) ; donnez leurs chiffres ou choisissez "
                          "une autre clé")
    if method == "mixte" and key.get("equal_part") is None:
        yield _at(file, where + ("equal_part",), "champ obligatoire avec la clé « mixte »")
    if method != "pourcentages":
        for index, member in members:
            if member.get("share") is not None:
                yield _at(file, ("members", index, "share"),
                          f"part inutile : la clé de répartition est « {method} »")
        return
    shares = []
    for index, member in members:
        if member.get("share") is None:
            yield _at(file, ("members", index, "share"),
                      "part manquante : la clé « pourcentages » demande la part de chaque membre")
        shares.append(_number(member.get("share")))
    if shares and all(share is not None for share in shares):
        total = sum((s for s in shares if s is not None), Decimal(0))
        if total != 100:
            yield _at(file, where + ("method",),
                      f"les parts des membres (members[].share) totalisent "
                      f"{french_percent(total)} au lieu de 100 %")


def phase_dates(data: dict, file: YamlFile) -> Iterator[Problem]:
    """A phase ends after it starts, and its milestones fall inside it."""
    for index, phase in _items(data, "project", "phases"):
        prefix = ("project", "phases", index)
        start, end = _date(phase.get("start")), _date(phase.get("end"))
        name = _text(phase.get("name")) or phase.get("id") or f"n° {index + 1}"
        if start is None or end is None:
            continue
        if end < start:
            yield _at(file, prefix + ("end",),
                      f"la phase {quote(name)} se termine ({french_date(end)}) avant de "
                      f"commencer ({french_date(start)})")
            continue
        for number, milestone in _items(phase, "milestones"):
            day = _date(milestone.get("date"))
            if day is not None and not start <= day <= end:
                yield _at(file, prefix + ("milestones", number, "date"),
                          f"le jalon {quote(_text(milestone.get('name')) or '?')} "
                          f"({french_date(day)}) est hors de sa phase "
                          f"(du {french_date(start)} au {french_date(end)})")


def history_order(data: dict, file: YamlFile) -> Iterator[Problem]:
    dates = [(i, _date(item.get("date"))) for i, item in _items(data, "document", "history")]
    for (_, before), (index, after) in zip(dates, dates[1:], strict=False):
        if before is not None and after is not None and after < before:
            yield _at(file, ("document", "history", index, "date"),
                      "historique dans le désordre : chaque version date d'après la précédente")


def conditional_fields(data: dict, file: YamlFile) -> Iterator[Problem]:
    """Fields that become required by the choice made in another one."""
    if _get(data, "groupement", "legal_form") == "autre" and \
            _get(data, "groupement", "legal_form_detail") is None:
        yield _at(file, ("groupement", "legal_form"),
                  "forme « autre » : précisez-la dans legal_form_detail")
    if _get(data, "data_protection", "model") == "sous-traitance" and \
            _get(data, "data_protection", "processor") is None:
        yield _at(file, ("data_protection", "model"),
                  "sous-traitance : indiquez le membre sous-traitant dans processor")
    if _get(data, "hosting", "health_data") is True:
        for name in ("provider", "certification"):
            if _get(data, "hosting", name) is None:
                yield _at(file, ("hosting", "health_data"),
                          f"données de santé hébergées : {name} est obligatoire (hébergeur "
                          "certifié HDS)")


def funding_total(data: dict, file: YamlFile) -> Iterator[Problem]:
    costs = [_number(item.get("amount")) for _, item in _items(data, "project", "budget")]
    funds = [_number(item.get("amount")) for _, item in _items(data, "project", "funding")]
    if not funds or any(v is None for v in costs + funds):
        return
    cost = sum((c for c in costs if c is not None), Decimal(0))
    funded = sum((f for f in funds if f is not None), Decimal(0))
    if cost != funded:
        yield _at(file, ("project", "funding"),
                  f"les financements ({french_money(funded)}) ne couvrent pas exactement "
                  f"le budget du projet ({french_money(cost)})")


RULES: tuple[Rule, ...] = (
    enough_members, unique_ids, registration_numbers, references, cost_key, phase_dates,
    history_order, conditional_fields, funding_total,
)
