"""A screenplay's scene heading, as the legal filter's checks read it: "EXT. HARBOUR - DAY." says outside, at a
harbour, by day, and is read as those words ("Outside, HARBOUR, DAY.").

Written as a heading (written queries, batch 40), "EXT. HARBOUR - DAY. Fishing boats unloading." read to the
semantic check as about children (P 0.81), though neither the heading alone nor the scene alone did: the heading's
shorthand, "EXT." and the dash before the time of day, carried the sense, not its place. Read as words, the same
scene is a harbour's. The place and the time are kept: "INT. SCHOOL GATES - AFTERNOON." still names a school.
"""

from __future__ import annotations

import re

# INT. or EXT. (or both) at the start of the text or of a sentence, a place, a dash, a time of day, a full stop:
# "INT. GRANDMA'S HOUSE - DAY.", "EXT. PLAYING FIELD - SPORTS DAY.", "INT./EXT. CAR - NIGHT." The place may hold
# dashes of its own ("INT. HOUSE - KITCHEN - NIGHT."): the time is what follows the last one.
_SCENE_HEADING = re.compile(r"(?:^|(?<=[.:;]\s))(INT|EXT|INT\.?/EXT|EXT\.?/INT|I/E)\.\s+([^.]+)\s+[-–—]+\s+"
                            r"([^.\-–—]+?)\s*\.")
_SETTING = {"INT": "Inside", "EXT": "Outside"}


def scene_headings_as_words(text: str) -> str:
    """``text`` with each scene heading read as words: "EXT. HARBOUR - DAY." as "Outside, HARBOUR, DAY."."""
    def as_words(match: re.Match) -> str:
        setting = _SETTING.get(match.group(1), "Inside and outside")
        return f"{setting}, {match.group(2)}, {match.group(3)}."

    return _SCENE_HEADING.sub(as_words, text) if "." in text else text
