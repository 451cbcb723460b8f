"""Words that say a text is about children (anyone under 16): the vocabulary floor of the legal filter.

Handles case, plurals, hyphenation and spacing ("cub-scouts", "boy scouts"), ages written in digits or
words ("a 6-year-old", "3 yr old", "a ten year old"), and leaves out what only looks similar: compounds
("girlfriend", "boyish"), "a young man", a goat, "baby carrots", an adult son.
"""

from __future__ import annotations

import re

CHILD_WORDS = (
    "child", "children", "childs", "kid", "kids", "kiddo", "kiddos", "kiddie", "kiddies", "boy", "boys", "girl",
    "girls", "baby", "babies", "toddler", "toddlers", "infant", "infants", "newborn", "newborns", "youngster",
    "youngsters", "preteen", "preteens", "pre-teen", "pre-teens", "tween", "tweens", "teen", "teens", "teenage",
    "teenager", "teenagers", "schoolchild", "schoolchildren", "schoolboy", "schoolboys", "schoolgirl",
    "schoolgirls", "schoolkid", "schoolkids", "pupil", "pupils", "son", "sons", "daughter", "daughters", "youth",
    "youths", "juvenile", "juveniles", "minor", "minors", "tot", "tots", "little one", "little ones",
    "cub scout", "cub scouts", "boy scout", "boy scouts", "girl scout", "girl scouts", "brownie scout",
    "elementary school", "kindergarten", "kindergartner", "kindergartners", "nursery school", "daycare",
    "brother and sister", "brothers and sisters", "siblings", "twins",
)
_AGE_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
_AGE = rf"\b(?:1[0-5]|[0-9]|{_AGE_WORDS})[\s-]*(?:years?|yrs?|months?|mos?)[\s-]*olds?\b"
# What a child word means something else in: an adult relative, baby vegetables and animals.
_EXCLUSIONS = re.compile(
    r"\badult\s+(?:son|sons|daughter|daughters|children|child)\b"
    r"|\bbaby\s+(?:carrots?|spinach|corn|potatoes|shower|grand|back|blue|boomers?|goats?|lambs?|animals?)\b"
    r"|\bminor\s+(?:league|key|injury|injuries|detail|details|road|repairs?)\b",
    re.IGNORECASE,
)

CHILD_PATTERN = re.compile(
    r"\b(?:" + "|".join(re.escape(word).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]?") for word in CHILD_WORDS)
    + r")\b|" + _AGE,
    re.IGNORECASE,
)


def child_terms_in(text: str | None) -> list[str]:
    """The child words found in ``text`` (after removing the exclusions), in order."""
    if not text:
        return []
    cleaned = _EXCLUSIONS.sub(" ", text)
    return [match.group(0) for match in CHILD_PATTERN.finditer(cleaned)]


def mentions_children(text: str | None) -> bool:
    return bool(child_terms_in(text))
