"""French articles before the names of members and bodies: « l'EHPAD », « la MAS », « au Comité ».

Names come from the groupement file, so the templates cannot write the article
themselves. The gender is guessed from the first word, with elision before a
vowel or a mute h; a name that reads wrong can start with the usual noun
(« Comité », « Association »…).
"""

from __future__ import annotations

import unicodedata

FEMININE = {
    "agence", "assemblée", "association", "cellule", "clinique", "commission", "conférence",
    "coordination", "délégation", "direction", "équipe", "fondation", "instance", "maison",
    "mas", "mutuelle", "plateforme", "résidence", "société", "structure", "unité", "union",
}
MUTE_H = {"habitat", "hébergement", "hôpital", "hôtel", "humanité"}
FORMS = {
    "le": ("le ", "la ", "l'", "les "),
    "au": ("au ", "à la ", "à l'", "aux "),
    "du": ("du ", "de la ", "de l'", "des "),
}


def _kind(name: str) -> int:
    """0 masculine, 1 feminine, 2 elided, 3 plural."""
    first = name.split()[0] if name.split() else ""
    word = first.lower().strip("«»\"'(")
    plain = unicodedata.normalize("NFKD", word)[:1]
    if word in MUTE_H or plain in tuple("aeiouy"):
        return 2
    if word in FEMININE:
        return 1
    if len(word) > 3 and word.endswith("s") and not first.isupper():
        return 3
    return 0


def article(name: str, form: str = "le") -> str:
    """« l'EHPAD Les Tilleuls » (le), « à la MAS Les Cèdres » (au), « du Comité » (du)."""
    if name.startswith("["):
        return FORMS[form][0] + name
    first, _, rest = name.partition(" ")
    if first.lower() in ("le", "les") and rest and form != "le":
        return FORMS[form][0 if first.lower() == "le" else 3] + rest
    if first.lower() in ("le", "la", "les") or first.lower().startswith(("l'", "l’")):
        return {"le": "", "au": "à ", "du": "de "}[form] + name
    return FORMS[form][_kind(name)] + name
