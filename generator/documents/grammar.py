"""French articles, contractions and agreements derived from the nouns, and numbers in words.

Names and phrases come from the groupement file, so the templates cannot write
their article themselves. The gender comes from the first noun of a name (or the
noun an acronym stands for: EHPAD → établissement, MAS → maison), with elision
before a vowel or a mute h; « de » and « à » contract with an article the writer
typed (« le délégué » → « du délégué »). Legal drafting writes numbers in words
with the figure in brackets: « trois (3) ans ».
"""

from __future__ import annotations

import re
import unicodedata

FEMININE = {
    "administration", "agence", "antenne", "assemblée", "association", "caisse", "cellule",
    "cité", "clinique", "coopération", "alliance", "entente", "filière",
    "collectivité", "commission", "commune", "communauté", "conférence",
    "congrégation", "convention", "coordination", "crèche", "cuisine", "délégation", "direction",
    "école", "entreprise", "équipe", "fédération", "fondation", "halte", "instance",
    "institution", "maison", "mission", "mutuelle", "organisation", "permanence", "personne",
    "pharmacie", "plateforme", "plate-forme", "pouponnière", "présidence", "région", "régie",
    "résidence", "section", "société", "structure", "unité", "union", "villa", "hospitalisation",
}
MUTE_H = {"habitat", "hébergement", "hôpital", "hôpitaux", "hôtel", "humanité", "hospitalisation",
          "habitation", "hygiène", "handicapés"}
ACRONYMS = {  # acronym: (noun it stands for, elided when read aloud)
    "EHPAD": ("établissement", True), "EHPA": ("établissement", True),
    "ESAT": ("établissement", True), "ESMS": ("établissement", True),
    "ESSMS": ("établissement", True), "EPSM": ("établissement", True),
    "EPS": ("établissement", True), "EPCMS": ("établissement", True),
    "IME": ("institut", True), "ITEP": ("institut", True), "IEM": ("institut", True),
    "USLD": ("unité", True), "UHR": ("unité", True), "HAD": ("hospitalisation", True),
    "ARS": ("agence", True), "MAS": ("maison", False), "MECS": ("maison", False),
    "MDPH": ("maison", False), "MSP": ("maison", False), "PFR": ("plateforme", False),
    "FAM": ("foyer", False), "SSIAD": ("service", False), "SESSAD": ("service", False),
    "SAVS": ("service", False), "SAMSAH": ("service", False), "SAAD": ("service", False),
    "SPASAD": ("service", False), "SIAO": ("service", False), "CH": ("centre", False),
    "CHU": ("centre", False), "CHS": ("centre", False), "CMP": ("centre", False),
    "CMPP": ("centre", False), "CAMSP": ("centre", False), "CCAS": ("centre", False),
    "CIAS": ("centre", False), "CHRS": ("centre", False), "CSAPA": ("centre", False),
    "CLIC": ("centre", False), "GCS": ("groupement", False), "GCSMS": ("groupement", False),
    "GHT": ("groupement", False), "GIP": ("groupement", False), "GIE": ("groupement", False),
    "DAC": ("dispositif", False), "SAS": ("société", False), "SA": ("société", False),
}
FORMS = {  # masculine, feminine, elided, plural
    "le": ("le ", "la ", "l'", "les "),
    "au": ("au ", "à la ", "à l'", "aux "),
    "du": ("du ", "de la ", "de l'", "des "),
    "un": ("un ", "une ", "un ", "des "),
    "d'un": ("d'un ", "d'une ", "d'un ", "de "),
}
MASCULINE, FEMININE_KIND, ELIDED, PLURAL = 0, 1, 2, 3


def _plain(word: str) -> str:
    return unicodedata.normalize("NFKD", word)[:1].lower()


def _first(name: str) -> str:
    words = name.split()
    return words[0].strip("«»\"'(),") if words else ""


def is_feminine(name: str) -> bool:
    """The gender of a name or phrase, from its first noun or the noun of its acronym."""
    first = _first(name)
    if first.lower() in ("le", "la", "les", "l'") and len(name.split()) > 1:
        return is_feminine(name.split(None, 1)[1]) if first.lower() != "la" else True
    if first.upper() == first and first.upper() in ACRONYMS:
        return ACRONYMS[first.upper()][0] in FEMININE
    return first.lower().split("-")[0] in FEMININE or first.lower() in FEMININE


def is_plural(name: str) -> bool:
    first = _first(name)
    return first.lower() == "les" or (len(first) > 3 and first.endswith(("s", "x"))
                                      and not first.isupper() and first.lower() not in FEMININE
                                      and first.lower() not in ("corps", "pays", "campus"))


def _elides(name: str) -> bool:
    first = _first(name)
    if first.isupper() and first in ACRONYMS:
        return ACRONYMS[first][1]
    word = first.lower()
    return word in MUTE_H or (_plain(word) in tuple("aeiouy") and word != "")


def kind(name: str) -> int:
    """MASCULINE, FEMININE_KIND, ELIDED or PLURAL: which article form a name takes."""
    if is_plural(name):
        return PLURAL
    if _elides(name):
        return ELIDED
    return FEMININE_KIND if is_feminine(name) else MASCULINE


def article(name: str, form: str = "le") -> str:
    """« l'EHPAD Les Tilleuls » (le), « à la MAS Les Cèdres » (au), « du Comité » (du),
    « une convention » (un), « d'un groupement » (d'un)."""
    if name.startswith("["):  # a placeholder of a blank model: its gender is unknown
        return {"le": "", "au": "à ", "du": "de ", "un": "un ", "d'un": "d'un "}[form] + name
    first, _, rest = name.partition(" ")
    lower = first.lower()
    if form in ("le", "au", "du") and lower in ("le", "les") and rest:
        return FORMS[form][0 if lower == "le" else PLURAL] + rest
    if form in ("le", "au", "du") and (lower in ("la",) or lower.startswith(("l'", "l’"))):
        return {"le": "", "au": "à ", "du": "de "}[form] + name
    if form in ("un", "d'un"):
        index = PLURAL if is_plural(name) else (FEMININE_KIND if is_feminine(name) else MASCULINE)
        return FORMS[form][index] + name
    return FORMS[form][kind(name)] + name


def preposition(phrase: str, word: str = "de") -> str:
    """« de » or « à » before a phrase the writer typed, contracted with its article:
    « le délégué » → « du délégué », « les membres » → « aux membres », « Arvelle » → « d'Arvelle »."""
    if phrase.startswith("["):
        return f"{word} {phrase}"
    first, _, rest = phrase.partition(" ")
    lower = first.lower()
    contracted = {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux"}
    if (word, lower) in contracted and rest:
        return f"{contracted[word, lower]} {rest}"
    if word == "de" and (lower in MUTE_H or _plain(lower) in tuple("aeiouy")) and lower:
        return "d'" + phrase
    return f"{word} {phrase}"


def agree(word: str, name: str) -> str:
    """A participle or adjective agreeing with a name: « représenté » → « représentée »;
    « représenté(e) » for a placeholder of a blank model."""
    if name.startswith("["):
        return word + "(e)"
    feminine, plural = is_feminine(name), is_plural(name)
    if feminine and not word.endswith("e"):
        word += "e"
    if plural and not word.endswith(("s", "x")):
        word += "s"
    return word


UNITS = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
         "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit",
         "dix-neuf")
TENS = ("", "", "vingt", "trente", "quarante", "cinquante", "soixante", "soixante",
        "quatre-vingt", "quatre-vingt")


def _below_hundred(n: int, final: bool = True) -> str:
    if n < 20:
        return UNITS[n]
    tens, unit = divmod(n, 10)
    if tens in (7, 9):
        unit += 10
    if unit == 0:
        return TENS[tens] + ("s" if tens == 8 and final else "")
    joiner = " et " if unit in (1, 11) and tens not in (8, 9) else "-"
    return TENS[tens] + joiner + UNITS[unit]


def _below_thousand(n: int, final: bool) -> str:
    hundreds, rest = divmod(n, 100)
    if not hundreds:
        return _below_hundred(rest, final)
    head = "cent" if hundreds == 1 else f"{UNITS[hundreds]} cent"
    if not rest:
        return head + ("s" if hundreds > 1 and final else "")
    return f"{head} {_below_hundred(rest, final)}"


def in_words(n: int, feminine: bool = False) -> str:
    """0 to 999 999 in French words, traditional spelling: « vingt et un », « deux cents »."""
    if not 0 <= n < 1_000_000:
        return str(n)
    thousands, rest = divmod(n, 1000)
    words = []
    if thousands:
        words.append("mille" if thousands == 1 else f"{_below_thousand(thousands, False)} mille")
    if rest or not thousands:
        words.append(_below_thousand(rest, True))
    text = " ".join(words)
    if feminine:
        text = re.sub(r"\bun$", "une", text)
    return text


def counted(n: object, noun: str, feminine: bool = False) -> str:
    """« trois (3) ans », « un (1) mois », « douze (12) mois »: legal drafting's numbers."""
    if not isinstance(n, int):
        return f"{n} {noun}"
    singular = {"ans": "an", "mois": "mois", "exemplaires": "exemplaire", "voix": "voix",
                "années": "année", "membres": "membre"}
    shown = singular.get(noun, noun) if n == 1 else noun
    return f"{in_words(n, feminine)} ({n}) {shown}"
