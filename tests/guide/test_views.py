"""What readers' pages show: a step's actors, filter choices that lead somewhere, journeys
ranked and told to the reader in the second person."""

from __future__ import annotations

import pytest
from conftest import ROOT

from generator.build import index
from generator.core.settings import Settings
from generator.guide.index import Guide
from generator.guide.views import STARTERS, second_person


@pytest.fixture(scope="module")
def guide() -> Guide:
    return index(Settings(ROOT))


@pytest.mark.parametrize(("action", "told"), [
    ("arrête le choix final.", "vous arrêtez le choix final."),
    ("organise la gouvernance, arrête les axes stratégiques et valide le socle commun.",
     "vous organisez la gouvernance, arrêtez les axes stratégiques et validez le socle commun."),
    ("construit la feuille de route et la fait valider.",
     "vous construisez la feuille de route et la faites valider."),
    ("désigne ses représentants et s'engage à leur dégager du temps.",
     "vous désignez vos représentants et vous engagez à leur dégager du temps."),
    ("prend la décision de s'engager et choisit la forme de la coopération.",
     "vous prenez la décision de vous engager et choisissez la forme de la coopération."),
    ("lorsque la fonction existe, prend part à l'audit de sécurité.",
     "lorsque la fonction existe, vous prenez part à l'audit de sécurité."),
    # A relative clause and a clause with its own subject keep their third person.
    ("porte en région le programme, qui encourage et finance les démarches.",
     "vous portez en région le programme, qui encourage et finance les démarches."),
    ("réalise l'état des lieux RGPD ; la fonction peut être partagée entre les membres.",
     "vous réalisez l'état des lieux RGPD ; la fonction peut être partagée entre les membres."),
])
def test_an_action_is_told_to_the_reader(action: str, told: str) -> None:
    assert second_person(action) == told


def test_an_unknown_verb_is_left_untold_rather_than_half_converted() -> None:
    assert second_person("incarnée par les directeurs réunis, porte la vision.") is None
    assert second_person("bidouille le serveur et valide la cible.") is None


def test_every_journey_speaks_to_the_reader(guide: Guide) -> None:
    """No journey falls back to the third person: every action of a journey role converts."""
    stops = [(role.id, stop.action) for role in guide.journeys()
             for stop in guide.journey(role.id) if stop.action]
    assert len(stops) > 40
    untold = [(role, action) for role, action in stops if not second_person(action)]
    assert untold == []


def test_journeys_put_three_resources_first_and_rank_each_step(guide: Guide) -> None:
    for role in guide.journeys():
        starters, stops = guide.ranked_journey(role.id)
        met = {r.id: sum(r in stop.resources for stop in stops) for stop in stops
               for r in stop.resources}
        assert len(starters) == min(STARTERS, len(met))
        assert [met[r.id] for r in starters] == sorted((met[r.id] for r in starters), reverse=True)
        assert min(met[r.id] for r in starters) >= max(
            (n for i, n in met.items() if i not in {r.id for r in starters}), default=0)
        for stop in stops:
            assert [met[r.id] for r in stop.resources] == sorted(
                (met[r.id] for r in stop.resources), reverse=True)


def test_filter_choices_each_match_something(guide: Guide) -> None:
    for items in (guide.resources_filters(), guide.cases_filters()):
        options = guide.filter_options(items)
        assert all(options.values())
        for name, choices in options.items():
            for value, _ in choices:
                assert any(value in item[name].split() for item in items), (name, value)
    case_roles = guide.filter_options(guide.cases_filters())["role"]
    assert len(case_roles) == len(set(guide.roles_in_cases()))


def test_actors_of_a_step_come_once_in_order(guide: Guide) -> None:
    phase = next(p for p in guide.phases if p.steps)
    actors = [role.id for role in guide.actors(phase)]
    assert len(actors) == len(set(actors))
    assert actors[:len(phase.roles)] == list(dict.fromkeys(a.role for a in phase.roles))
    assert {a.role for step in phase.steps for a in step.roles} <= set(actors)
