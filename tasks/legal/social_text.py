"""Social-media writing as plain words, for the legal filter's checks: a hashtag as the words it runs together
("#babyelephant" → "baby elephant", "#FatherAndSon" → "father and son"), an emoji as its Unicode name ("👶" →
"baby", "🍼" → "baby bottle").

Written this way, a query hid its words from both checks (written queries, batch 23): the vocabulary saw one
unknown token where a child or an animal was named, and the text encoder, reading a "#" run of word pieces,
put "#wedding first dance under fairy lights" among the child texts (P 0.80) and passed "👶 asleep on a
sheepskin rug". A hashtag is split where the words' frequencies (wordsegment's English unigrams and bigrams)
say it most likely breaks, with the vocabulary's own words added so that "#owlets" stays owlets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import wordsegment

_HASHTAG = re.compile(r"#(\w+)")
# Joiners and presentation selectors that glue an emoji sequence together ("👨‍👧" is man, joiner, girl),
# skin tones, and the regional letters that spell a flag: no words of their own.
_SILENT = {"\u200d", "\ufe0e", "\ufe0f", "\u20e3"}
_SKIN_TONES = range(0x1F3FB, 0x1F400)
_FLAG_LETTERS = range(0x1F1E6, 0x1F200)
# Symbols at or above the arrows block are pictographs (emoji, dingbats); below it are letters' marks and
# signs (©, °, ±) that read fine as they are.
_FIRST_PICTOGRAPH = 0x2190
# A word the vocabulary knows that the unigrams lack is counted as a word a million times in wordsegment's
# trillion-word corpus: rare, yet far likelier than any split of it into two shorter words.
_KNOWN_WORD_COUNT = 1e6


def _emoji_as_words(character: str) -> str:
    code = ord(character)
    if character in _SILENT or code in _SKIN_TONES or code in _FLAG_LETTERS:
        return " "
    if code < _FIRST_PICTOGRAPH or unicodedata.category(character) not in ("So", "Sk"):
        return character
    name = unicodedata.name(character, "")
    return f" {name.lower()} " if name else " "


class SocialText:
    """Plain words for hashtags and emoji; ``known_words`` (e.g. the vocabulary's child words and animal names)
    are kept whole when a hashtag is split."""

    def __init__(self, known_words: Iterable[str] = ()):
        self._known_words = tuple(w.lower() for w in known_words if w.isalpha() and len(w) >= 4)
        self._segmenter: wordsegment.Segmenter | None = None  # loaded at the first hashtag (~0.5 s)
        self.plain = lru_cache(maxsize=1 << 16)(self._plain)

    def _split(self, tag: str) -> str:
        if not tag.isascii():  # the unigrams are English: "#niñosfelices" keeps its letters
            return tag
        if self._segmenter is None:
            segmenter = wordsegment.Segmenter()
            segmenter.load()
            for word in self._known_words:
                segmenter.unigrams.setdefault(word, _KNOWN_WORD_COUNT)
            self._segmenter = segmenter
        return " ".join(self._segmenter.segment(tag)) or tag

    def _plain(self, text: str) -> str:
        """``text`` with each hashtag split into its words and each emoji named; a text with neither (every
        caption) comes back as it is."""
        if "#" in text:
            text = _HASHTAG.sub(lambda match: self._split(match.group(1)), text)
        if not text.isascii():
            named = "".join(_emoji_as_words(character) for character in text)
            if named != text:  # the spaces around a name, not the writer's own, are tidied
                text = re.sub(r"[ \t]{2,}", " ", named).strip()
        return text
