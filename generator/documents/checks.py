"""Reading a groupement file and checking what the schema alone cannot.

Each rule is a small function yielding located problems, as in the guide's
validation. Rules read the raw YAML data, tolerating whatever the schema
rejects, so that one run reports schema and consistency mistakes together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

from ..core.french import french_date, french_money, french_percent
from ..core.messages import validate
from ..core.problems import DataError, Problem, did_you_mean, quote
from ..core.yamlfile import Location, YamlFile, read_yaml
from . import arrangements, hints, legal
from .model import GROUPEMENT, Groupement
from .raw import as_list as _as_list
from .raw import at as _at
from .raw import date as _date
from .raw import get as _get
from .raw import items as _items
from .raw import number as _number
from .raw import placeholder as _placeholder
from .raw import text as _text
from .types import blank_mode, last_day

Rule = Callable[[dict, YamlFile], Iterator[Problem]]


def _source(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def load_groupement(path: Path, display: str, blank: bool = False,
                    warnings: list[Problem] | None = None) -> Groupement:
    """Validate one groupement file; raise ``DataError`` listing every problem.

    Points that do not stop the filling (a private member without its managing
    organisation…) are added to ``warnings`` when a list is given.
    """
    if not path.is_file():
        raise DataError([Problem(display, 1, "", "fichier introuvable")])
    file = read_yaml(path, display)
    if file.problems:
        raise DataError(hints.yaml_problems(_source(path), file.problems))
    if not isinstance(file.data, dict):
        raise DataError([Problem(display, 1, "", "bloc de clés attendu (document: …, "
                                                 "groupement: …, members: …)")])
    problems = hints.lost_zeros(_source(path), file.data, file)
    if blank:
        with blank_mode():
            entity, found = validate(Groupement, file.data, file, ())
    else:
        entity, found = validate(Groupement, file.data, file, ())
    problems += found
    problems += [problem for rule in RULES for problem in rule(file.data, file)]
    if problems:
        raise DataError(problems)
    if warnings is not None and not blank:
        warnings += sorted(w for rule in arrangements.WARNINGS for w in rule(file.data, file))
    assert isinstance(entity, Groupement)
    return entity


def enough_members(data: dict, file: YamlFile) -> Iterator[Problem]:
    members = data.get("members")
    if isinstance(members, list) and len(members) < 2:
        yield _at(file, ("members",), "un groupement réunit au moins deux membres "
                                      f"({len(members)} déclaré)")


def unique_ids(data: dict, file: YamlFile) -> Iterator[Problem]:
    """Members, organisations and providers share one set of ids: an employer names any of them."""
    for prefixes in ((("members",), ("organisations",), ("providers",)),
                     (("governance", "bodies"),), (("project", "phases"),)):
        seen: dict[str, int] = {}
        for prefix in prefixes:
            for index, item in _items(data, *prefix):
                ident, location = _text(item.get("id")), prefix + (index, "id")
                if ident is None:
                    continue
                if ident == GROUPEMENT:
                    yield _at(file, location, f"identifiant « {GROUPEMENT} » réservé : il désigne "
                                              "le groupement lui-même")
                elif ident in seen:
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
    """Every id that names a member, a body, a phase, an organisation or a provider must exist."""
    def ids(*path: str) -> set[str]:
        return {i for _, item in _items(data, *path) if (i := _text(item.get("id")))}
    members, bodies, phases = ids("members"), ids("governance", "bodies"), ids("project", "phases")
    organisations, providers, itself = ids("organisations"), ids("providers"), {GROUPEMENT}
    kinds = {"member": (members, "membre inconnu"), "body": (bodies, "instance inconnue"),
             "phase": (phases, "phase inconnue"),
             "either": (members | bodies, "membre ou instance inconnu"),
             "organisation": (organisations, "organisme gestionnaire inconnu"),
             "provider": (providers, "prestataire inconnu"),
             "employer": (members | providers | itself, "membre, prestataire ou « groupement » "
                                                        "attendu, inconnu"),
             "carrier": (members | itself, "membre ou « groupement » attendu, inconnu"),
             "contractor": (members | itself, "membre ou « groupement » attendu, inconnu")}
    for location, kind in _references(data):
        value = _text(_get(data, *location))
        known, message = kinds[kind]
        if value is not None and value not in known:
            yield _at(file, location, f"{message} {quote(value)}{did_you_mean(value, known)}")


def _references(data: dict) -> Iterator[tuple[Location, str]]:
    """Where ids are used, and what they name."""
    for index, member in _items(data, "members"):
        if member.get("manager") is not None:
            yield ("members", index, "manager"), "organisation"
    for index, _ in _items(data, "providers"):
        yield ("providers", index, "contractor"), "contractor"
    for index, service in _items(data, "pooling", "services"):
        yield ("pooling", "services", index, "employer"), "employer"
        for site in range(len(_as_list(service.get("sites")))):
            yield ("pooling", "services", index, "sites", site), "member"
    for index, body in _items(data, "governance", "bodies"):
        for seat in range(len(_as_list(body.get("members")))):
            yield ("governance", "bodies", index, "members", seat), "member"
        chair = body.get("chair")
        if isinstance(chair, dict):
            for turn in range(len(_as_list(chair.get("among")))):
                yield ("governance", "bodies", index, "chair", "among", turn), "member"
        else:
            yield ("governance", "bodies", index, "chair"), "member"
    yield ("finances", "carrier"), "carrier"
    yield ("membership", "admission_body"), "body"
    yield ("membership", "exclusion_body"), "body"
    yield ("data_protection", "processor"), "employer"
    yield ("data_protection", "dpo", "employer"), "employer"
    for index, _ in _items(data, "data_protection", "relays"):
        yield ("data_protection", "relays", index, "member"), "member"
    yield ("hosting", "provider"), "provider"
    yield ("project", "sponsor"), "body"
    for index, _ in _items(data, "project", "team"):
        yield ("project", "team", index, "member"), "employer"
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
        if last_day(end) < start:
            yield _at(file, prefix + ("end",),
                      f"la phase {quote(name)} se termine ({french_date(end)}) avant de "
                      f"commencer ({french_date(start)})")
            continue
        for number, milestone in _items(phase, "milestones"):
            day = _date(milestone.get("date"))
            if day is not None and not start <= day <= last_day(end):
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
    history_order, conditional_fields, funding_total, *legal.RULES, *arrangements.RULES,
)
