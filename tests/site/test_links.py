"""Where contribution and edit links lead, from mkdocs.yml."""

from __future__ import annotations

from generator.site.links import SiteLinks


def test_a_repository_gives_the_request_form_and_edit_addresses() -> None:
    links = SiteLinks.from_config({"repo_url": "https://github.com/org/guide/"})
    assert links.proposal_href == "https://github.com/org/guide/issues/new"
    assert links.edit_url("data/roles.yml#L12") == "https://github.com/org/guide/edit/main/data/roles.yml"
    assert links.edit_url("data/resources/") == "https://github.com/org/guide/new/main/data/resources/"
    assert links.warnings() == []
    gitlab = SiteLinks.from_config({"repo_url": "https://gitlab.com/org/guide",
                                    "extra": {"edit_uri": "-/edit/main/"}})
    assert gitlab.proposal_href == "https://gitlab.com/org/guide/-/issues/new"
    assert gitlab.edit_url("content/a.md") == "https://gitlab.com/org/guide/-/edit/main/content/a.md"


def test_a_contact_alone_receives_the_proposals() -> None:
    links = SiteLinks.from_config({"extra": {"contact": "guide@example.org"}})
    assert links.proposal_href == "mailto:guide@example.org"
    assert links.edit_url("data/roles.yml#L12") == ""
    assert SiteLinks.from_config({"extra": {"contact": "https://example.org/ecrire"}}
                                 ).proposal_href == "https://example.org/ecrire"


def test_with_neither_the_links_go_and_the_build_says_so() -> None:
    links = SiteLinks.from_config({"extra": {}})
    assert links.proposal_href == ""
    (warning,) = links.warnings()
    assert "repo_url" in warning and "extra.contact" in warning
