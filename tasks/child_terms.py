"""Words that say a text is about children (under 16): used by the data report to count such captions.

This is the vocabulary floor; the legal filter builds on it.
"""

from __future__ import annotations

import re

CHILD_WORDS = (
    "child", "children", "childs", "kid", "kids", "kiddo", "kiddos", "boy", "boys", "girl", "girls",
    "baby", "babies", "toddler", "toddlers", "infant", "infants", "newborn", "newborns", "youngster",
    "youngsters", "preteen", "preteens", "tween", "tweens", "schoolchild", "schoolchildren", "schoolboy",
    "schoolboys", "schoolgirl", "schoolgirls", "pupil", "pupils", "son", "sons", "daughter", "daughters",
    "youth", "juvenile", "juveniles", "minor", "minors", "tot", "tots", "little one", "little ones",
    "cub scout", "cub scouts", "boy scout", "boy scouts", "girl scout", "girl scouts", "brownie", "brownies",
)
# "A 6-year-old", "3 year old", "ten-year-old": ages 0..15 spelled with digits or words.
_AGE_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen")
_AGE = rf"\b(?:1[0-5]|[0-9]|{_AGE_WORDS})[\s-]*(?:years?|yrs?|months?)[\s-]*olds?\b"

CHILD_PATTERN = re.compile(
    r"\b(?:" + "|".join(re.escape(word).replace(r"\ ", r"[\s-]+") for word in CHILD_WORDS) + r")\b|" + _AGE,
    re.IGNORECASE,
)


def mentions_children(text: str | None) -> bool:
    return bool(text) and CHILD_PATTERN.search(text) is not None
