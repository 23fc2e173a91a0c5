"""The words of the documents (``theme/documents/vocabulary.yml``) and the mandatory clauses of
each legal form with their legal sources (``theme/documents/clauses.yml``).

Both files are data a jurist or a maintainer edits; they are validated like the
groupement files, every mistake reported at its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from ..core.fields import Entity, Id, Text
from ..core.messages import validate
from ..core.problems import DataError, Problem
from ..core.yamlfile import read_yaml
from .grammar import preposition
from .types import LegalForm


class FormWords(Entity):
    """How the documents name a legal form, and the law it brings."""

    label: Text
    title: Text
    references: list[Text] = Field(default_factory=list)


class Vocabulary(Entity):
    """theme/documents/vocabulary.yml: the words the documents use for coded values."""

    legal_forms: dict[LegalForm, FormWords]
    blank_form: FormWords
    common_references: list[Text]
    labels: dict[str, dict[str, Text]]


class Source(Entity):
    code: Id = Field(description="Code ou texte, par son identifiant dans codes.")
    articles: list[Text] = Field(min_length=1)


class Clause(Entity):
    """One mandatory mention of a convention, where it is and what requires it."""

    id: Id
    mention: Text
    sources: list[Source] = Field(default_factory=list)
    article: Id = Field(description="Ancre de l'article de la convention qui la contient.")
    check: Text | None = Field(None, description="Point à faire valider par un juriste.")


class ClauseFile(Entity):
    codes: dict[str, Text]
    forms: dict[LegalForm, list[Clause]]


@dataclass(frozen=True)
class Words:
    """Everything the theme says in words: vocabulary, clauses and codes."""

    vocabulary: Vocabulary
    clauses: ClauseFile

    def cite(self, clause: Clause) -> str:
        """« articles L. 6133-3, I, et R. 6133-1 du code de la santé publique »."""
        parts = []
        for source in clause.sources:
            articles = [a + ("," if ", " in a else "") for a in source.articles]
            plural = len(articles) > 1 or "suivants" in articles[0] or " à " in articles[0]
            listed = (", ".join(articles[:-1]) + " et " + articles[-1]) if len(articles) > 1 \
                else articles[0]
            code = self.clauses.codes[source.code]
            parts.append(f"{'articles' if plural else 'article'} {listed} {preposition(code)}")
        return " ; ".join(parts)


def _read(theme: Path, name: str, model: type[Entity]) -> Entity:
    display = f"theme/documents/{name}"
    file = read_yaml(theme / "documents" / name, display)
    if file.problems:
        raise DataError(file.problems)
    entity, problems = validate(model, file.data, file, ())
    if entity is None:
        raise DataError(problems)
    return entity


def read_words(theme: Path) -> Words:
    vocabulary = _read(theme, "vocabulary.yml", Vocabulary)
    clauses = _read(theme, "clauses.yml", ClauseFile)
    assert isinstance(vocabulary, Vocabulary) and isinstance(clauses, ClauseFile)
    problems = []
    for form in LegalForm:
        if form not in vocabulary.legal_forms:
            problems.append(Problem("theme/documents/vocabulary.yml", 1, "legal_forms",
                                    f"forme juridique sans libellé : {form.value}"))
        if form not in clauses.forms:
            problems.append(Problem("theme/documents/clauses.yml", 1, "forms",
                                    f"forme juridique sans clauses : {form.value}"))
    for form, items in clauses.forms.items():
        for clause in items:
            problems += [Problem("theme/documents/clauses.yml", 1, f"forms.{form.value}",
                                 f"code inconnu « {s.code} » dans la clause « {clause.id} »")
                         for s in clause.sources if s.code not in clauses.codes]
    if problems:
        raise DataError(problems)
    return Words(vocabulary, clauses)
