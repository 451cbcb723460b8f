"""A file name or a URL slug as the words it joins, for the legal filter's checks: "IMG_4471_toddler_eating_watermelon"
→ "IMG 4471 toddler eating watermelon", "little-boy-feeding-goats-at-a-petting-farm.jpg" → "little boy feeding
goats at a petting farm".

Written this way, a query hid its words from the vocabulary (written queries, batch 32): an underscore is a word
character to a regular expression, so "kids_making_mud_pies" had no word "kids" in it; and a hyphen between every
word broke the exclusions that expect a space ("father-and-adult-daughter" named a daughter, "baby-owl" a baby).

An underscore between letters or digits is never a writer's punctuation, so it is read as a space wherever it is.
A hyphen often is ("a grown-up son", "under-10s", "a twenty-two-year-old"), so hyphens are read as spaces only in a
text that is one slug: no space in it and at least three words joined by hyphens.
"""

from __future__ import annotations

import re

_JOINING_UNDERSCORES = re.compile(r"(?<=[^\W_])_+(?=[^\W_])")
_JOINING_HYPHEN = re.compile(r"(?<=[^\W_])-(?=[^\W_])")
# what a camera or an editor adds to a picture's name
_FILE_EXTENSION = re.compile(r"\.(?:jpe?g|png|gif|heic|heif|tiff?|webp|bmp|dng|raw|cr2|cr3|nef|arw|orf|rw2)$",
                             re.IGNORECASE)
_WORDS_IN_A_SLUG = 3


def file_name_as_words(text: str) -> str:
    """``text`` with the words a file name or slug joins set apart by spaces; any other text comes back with only
    its word-joining underscores read as spaces (every caption comes back as it is)."""
    if "_" not in text and "-" not in text:
        return text
    if any(character.isspace() for character in text.strip()):
        return _JOINING_UNDERSCORES.sub(" ", text)
    words = _JOINING_UNDERSCORES.sub(" ", _FILE_EXTENSION.sub("", text.strip()))
    if " " not in words and len(_JOINING_HYPHEN.findall(words)) + 1 >= _WORDS_IN_A_SLUG:
        words = _JOINING_HYPHEN.sub(" ", words)
    return words
