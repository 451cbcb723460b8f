"""A parenting forum's shorthand for the family as plain words, for the legal filter's checks: "DS (8)" → "son (8)",
"DD1" → "daughter", "LO's first slide" → "little one's first slide", "DC" → "children", "DGC" → "grandchildren", and
the grown-ups beside them ("DH" → husband, "DP" → partner, "DM" → mum, "PIL" → parents-in-law).

Written this way, a query hid its children from both checks (written queries, batch 51): the vocabulary read no
child in "DS2 in his Spider-Man costume" or "LO's first time on the big slide", and the text encoder did not either.
As plain words the vocabulary reads them as it reads any son or daughter, a grown one included ("DS (19) home from
uni" is a son of 19, "DD, 18," a daughter of 18: adults).

Only capitals, as the forum types them, and never where the letters mean something else: a Nintendo DS, Washington
DC, DC Comics, a DD cup, a detective sergeant or constable before a surname ("DS Jones"), direct current ("a DC
motor"), a direct message ("DM me"); nor in a text written all in capitals, where every word looks like an abbreviation.
"""

from __future__ import annotations

import re

# shorthand → words; a digit after a child's letters numbers the children ("DS1", "DD2")
_WORDS = {
    "DS": "son", "DD": "daughter", "DC": "children", "LO": "little one", "LOs": "little ones",
    "DGC": "grandchildren", "DGS": "grandson", "DGD": "granddaughter", "DSD": "stepdaughter", "DSS": "stepson",
    "DH": "husband", "DP": "partner", "DM": "mum", "DF": "dad", "DSis": "sister", "DBro": "brother",
    "PIL": "parents-in-law", "MIL": "mother-in-law", "FIL": "father-in-law", "AIBU": "am I being unreasonable",
}
_TOKEN = re.compile(rf"(?<![\w-])({'|'.join(sorted(_WORDS, key=len, reverse=True))})([1-9])?(?![\w-])")
# what the same letters mean elsewhere, said before or after them
_OTHER_SENSE_BEFORE = re.compile(r"(?:\b(?:Nintendo|Washington|Citro[eë]n|a|an)\s+)$", re.IGNORECASE)
_PLACE_BEFORE = re.compile(r"(?:\b(?:in|to|from|near|around|visiting)\s+)$", re.IGNORECASE)  # "a weekend in DC"
_OTHER_SENSE_AFTER = re.compile(r"^\s+(?:Lite|XL|i|games?|consoles?|cartridges?|Comics?|comic|motors?|power|current|"
                                r"supply|volts?|voltage|cups?|bras?|Forms?|me|us|for|[A-Z][a-z]+)\b")
_MAYBE = re.compile(r"\b(?:D[A-Z]|LO|PIL|MIL|FIL|AIBU)")


def forum_shorthand_as_words(text: str) -> str:
    """``text`` with each piece of the forum's family shorthand as its words; a text without any comes back as it
    is."""
    if not _MAYBE.search(text) or text.upper() == text:
        return text

    def words(match: re.Match) -> str:
        before, after = text[:match.start()], text[match.end():]
        if (_OTHER_SENSE_BEFORE.search(before) or _OTHER_SENSE_AFTER.match(after)
                or (match.group(1) == "DC" and _PLACE_BEFORE.search(before))):
            return match.group(0)
        return _WORDS[match.group(1)]

    return _TOKEN.sub(words, text)
