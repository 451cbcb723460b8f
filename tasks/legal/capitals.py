"""Words written in capitals inside a text written in lower case, as the legal filter's vocabulary reads them: as
capitalised words. A screenplay names its characters in capitals ("INT. BEDROOM - NIGHT. ELLIE (5) can't sleep",
"Enter the DAUGHTER, a woman of thirty"), and so do stage directions, scene headings and a catalogue's copy.

Written this way (written queries, batch 40), a child's name and age ("LUCY (6)", "JAMIE, eleven,") escaped the
rule that reads a capitalised name captioned with an age: that rule, like the others that read a capital as a name
("little Max", "at Rainbows", "Kid Brooke's"), is case-sensitive, and the rest of the vocabulary is case-blind.

A text with no lower-case letter at all is left as it is: shouted in capitals throughout, it says nothing by its
case, and the case-blind rules read it. A single capital letter ("A", "I") is a word of its own and stays.
"""

from __future__ import annotations

import re

# two capitals or more, with an apostrophe inside ("GRANDMA'S"): the word's first letter stays a capital
_WORD_IN_CAPITALS = re.compile(r"\b[A-Z][A-Z']*[A-Z]\b")
_LOWER_CASE = re.compile(r"[a-z]")


def capitals_as_capitalised(text: str) -> str:
    """``text`` with each word written in capitals capitalised instead, when the text has lower case elsewhere."""
    if not _LOWER_CASE.search(text):
        return text
    return _WORD_IN_CAPITALS.sub(lambda match: match.group(0)[0] + match.group(0)[1:].lower(), text)
