"""A query typed in a search box's syntax, as the legal filter's checks read it: "puppy -child -kid -baby" asks for a
puppy and excludes the rest, '"mother-daughter" spa "30s"' asks for the phrases its quotes hold.

Written this way, a query showed the checks the very words it excludes (written queries, batch 35): "puppy -child
-kid -baby", "bakery bread -kids" and "elderly parents -grandchildren visiting" were blocked for them, and "baby
-doll -animal bath time" read as a baby doll. Its quotes hid a grown relative's age from the exclusions
('father daughter "in their 40s"').

A minus sign excludes what follows it when it stands at the start of the text or after a space and a letter or a
quote follows it at once: a hyphen inside a word ("grown-up") or a dash between spaces ("a boy - smiling") is left
as it is, and so is a minus before a number ("-5 degrees"). Quotes that set off a title ('a "Boys Don't Cry" vinyl
record') or what a sign says ('a sign saying "no kids"') are kept: they are not search syntax, and the vocabulary
reads them.
"""

from __future__ import annotations

import re

_EXCLUDED = re.compile(r"(?:(?<=\s)|^)-(?:\"[^\"]*\"?|[^\W\d_][^\s\"]*)")
_DOUBLE_QUOTES = re.compile(r"[\"\u201c\u201d]")
_QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d]*)[\"\u201d]")
_SPACES = re.compile(r"[ \t]{2,}")
# what a quoted title is named as: 'a "Boys Don't Cry" vinyl record', 'a "Kids Only" poster'
TITLE_MEDIA = r"(?:vinyl|record|album|single|song|track|film|movie|book|novel|poster|dvd)s?\b"
_TITLE_AFTER = re.compile(rf"\s+{TITLE_MEDIA}")
_WORDS_ON_A_SIGN_BEFORE = re.compile(r"\b(?:saying|reading|says|reads)\s*$", re.IGNORECASE)


def excluded_terms(text: str) -> list[str]:
    """The words and phrases ``text`` excludes with a minus sign, lower case, without the sign and the quotes."""
    return [_DOUBLE_QUOTES.sub("", match.group(0)[1:]).strip().lower() for match in _EXCLUDED.finditer(text)]


def as_asked(text: str) -> str:
    """``text`` without what it excludes and without the double quotes around its phrases (a title's and a sign's
    words keep theirs); a text with neither comes back as it is."""
    if "-" not in text and not _DOUBLE_QUOTES.search(text):
        return text
    asked = _EXCLUDED.sub(" ", text)

    def unquoted(match: re.Match) -> str:
        quoted_as_such = (_TITLE_AFTER.match(asked, match.end()) is not None
                          or _WORDS_ON_A_SIGN_BEFORE.search(asked, 0, match.start()) is not None)
        return match.group(0) if quoted_as_such else match.group(1)

    return _SPACES.sub(" ", _QUOTED.sub(unquoted, asked)).strip()
