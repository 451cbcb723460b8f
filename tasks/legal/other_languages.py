"""Child words of the languages other than English that photographers search in: Spanish, French, German,
Italian, Portuguese and Dutch. The text encoder reads English only, so the vocabulary is what catches "crianças
brincando na praia" or "a group of enfants feeding swans".

Two kinds of word:

- words no English text uses ("enfants", "Mädchen", "crianças", "ragazzini", "meisje"): a child wherever they
  stand, in a sentence of that language or in an English one;
- words that are English words or names too ("kinder", "fille", "son", "chico", "poussins" — chicks in French):
  a child only in a text that reads as that language, by its function words ("une", "avec", "und", "mit"), and
  for age classes of a sport only beside a sport.

Grown children said so in these languages ("sa fille adulte", "padre e figlio adulti", "seinem erwachsenen Sohn",
"madre e hija, ambas médicas") are not children. Pure: text in, (position, word) pairs out.
"""

from __future__ import annotations

import re

# Words for a child, a baby, a pupil or a son or daughter that no English text uses.
_ALWAYS = (
    # French
    "enfant", "enfants", "bébé", "bébés", "fillette", "fillettes", "gamin", "gamins", "gamine", "gamines", "gosse",
    "gosses", "petite fille", "petites filles", "petit garçon", "petits garçons", "garçonnet", "garçonnets",
    "collégien", "collégiens", "collégienne", "collégiennes", "écolier", "écoliers", "écolière", "écolières",
    "nourrisson", "nourrissons", "bambin", "bambins", "maternelle", "école primaire",
    # Spanish
    "bebé", "bebés", "chiquillo", "chiquillos", "chiquilla", "chiquillas", "hijo", "hijos", "hija", "hijas",
    "nieto", "nietos", "nieta", "nietas", "muchacho", "muchachos", "muchacha", "muchachas", "chaval", "chavales",
    "alevín", "alevines", "infantil", "infantiles", "escuela primaria",
    # Italian
    "bambina", "bambine", "ragazzino", "ragazzina", "ragazzini", "ragazzine", "nipotino", "nipotina", "nipotini",
    "nipotine", "alunno", "alunna", "alunni", "alunne", "figlio", "figlia", "figli", "figlie", "neonato", "neonata",
    "neonati", "elementari", "scuola elementare", "primaria",
    # Portuguese
    "criança", "crianças", "menino", "meninos", "menina", "meninas", "bebê", "bebês", "garoto", "garotos", "garota",
    "garotas", "filho", "filhos", "filha", "filhas", "aluno", "alunos", "escola primária",
    # German
    "mädchen", "kleinkind", "kleinkinder", "enkel", "enkelin", "enkelinnen", "enkelkind", "enkelkinder",
    "säugling", "säuglinge", "schulkind", "schulkinder", "schüler", "schülerin", "schülerinnen", "grundschüler",
    "grundschülerin", "grundschülerinnen", "grundschule", "pfadfinder", "pfadfinderin", "pfadfinderinnen",
    "jungschar", "sohn", "söhne", "tochter", "töchter",
    # Dutch
    "kinderen", "kindje", "kindjes", "meisje", "meisjes", "jongen", "jongens", "jongetje", "jongetjes", "kleuter",
    "kleuters", "peuter", "peuters", "zoon", "zoontje", "dochter", "dochtertje", "leerling", "leerlingen",
    "basisschool",
    # Irish-language primary schools
    "gaelscoil", "gaelscoileanna",
)
# French primary school years (CP is left out: a common abbreviation); not "5 cm2"
_SCHOOL_YEARS = r"(?<![\d.,])(?<!\d\s)\b(?:ce1|ce2|cm1|cm2)\b"
# German youth football classes C to G are 15 and under (A and B are 16 to 18)
_YOUTH_CLASSES = r"\b[c-g][\s-]jugend\b"
# Words that are English too, or names, read as a child only in a text of their language.
_GATED = {
    "fr": (("le", "les", "des", "du", "une", "avec", "sur", "dans", "et", "qui", "sa", "ses", "au", "aux", "pour",
            "chez", "est", "sont", "à", "un", "deux", "trois", "petit", "petite", "petits", "petites", "jouant"),
           ("fille", "filles", "fils", "garçon", "garçons", "élève", "élèves", "crèche", "crèches", "ado", "ados")),
    "es": (("el", "los", "las", "una", "con", "del", "y", "su", "sus", "para", "en", "un", "unos", "unas", "jugando"),
           ("chico", "chicos", "chica", "chicas", "nene", "nenes", "nena", "nenas", "escolares", "exploradores")),
    "it": (("il", "gli", "della", "delle", "dei", "degli", "che", "nel", "nella", "sul", "sulla", "di", "alla",
            "dal", "dalla", "una", "con", "per", "un", "uno"),
           ("bimbo", "bimba", "bimbi", "bimbe", "asilo")),
    "pt": (("os", "uma", "com", "na", "dos", "das", "em", "ao", "pelo", "pela", "num", "numa", "não", "e", "um"),
           ("neto", "netos", "neta", "netas")),
    # (not "mit", "im" or "das": MIT, "im" typed for I'm, "das boot")
    "de": (("und", "beim", "auf", "einem", "einer", "eine", "ein", "der", "dem", "vor", "ihrem", "ihren", "seinem",
            "seiner", "zum", "zur", "etwa", "ist", "sind", "kleiner", "kleine", "kleinen", "spielen", "spielt"),
           ("kind", "kinder", "junge", "jungen")),
    # (not "met", "op", "en" or "de": English words or names)
    "nl": (("een", "het", "bij", "zijn", "aan", "kleine", "klein", "spelen", "speelt"),
           ("kind", "babytje")),
}
# Age classes of a sport named after young animals or the youngest child ("poussins" are chicks, "benjamins"
# dollar bills): children only beside a sport.
_SPORT = (r"(?:foot|football|fútbol|futbol|calcio|futebol|fußball|fussball|voetbal|basket|basketball|baloncesto|"
          r"pallacanestro|rugby|hockey|handball|balonmano|pallavolo|volley|tournoi|torneo|torneio|turnier|équipe|"
          r"equipo|squadra|equipa|mannschaft|match|partido|partita|jogo|spiel|game|team|league|liga|campo|terrain|"
          r"cancha|training|entrenamiento|allenamento|entraînement)")
_AGE_CLASSES = (r"\b(?:poussins?|benjamins?|benjamines|prebenjamines|pulcini|esordienti|giovanissimi|minimes|"
                r"cadetes|infantis)\b")
# Grown children, said so: "sa fille adulte", "padre e figlio adulti", "seinem erwachsenen Sohn", "os netos
# adultos", "madre e hija, ambas médicas" (both holding a job, as in English)
_FAMILY = (r"(?:fille|filles|fils|hijo|hijos|hija|hijas|nieto|nietos|nieta|nietas|figlio|figlia|figli|figlie|filho|"
           r"filhos|filha|filhas|neto|netos|neta|netas|sohn|söhne|tochter|töchter|enkel|enkelin|enkelkinder|kinder|"
           r"zoon|dochter|kinderen)")
_GROWN = re.compile(
    rf"\b{_FAMILY}\s+(?:adultes?|adultos?|adultas?|adulti|adulte|mayores|grandes|crescidos?|crescidas?|"
    r"volwassen)\b"
    rf"|\b(?:erwachsenen?|erwachsener|volwassen|adultes?|adultos?|adultas?)\s+{_FAMILY}\b"
    rf"|\b{_FAMILY}\b,?\s+(?:ambas|ambos|toutes\s+deux|tous\s+deux|les\s+deux|beide|entrambi|entrambe|ambas\s+as|"
    r"ambos\s+os|allebei)\b",
    re.IGNORECASE)


def _words(words: tuple[str, ...]) -> str:
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) + ")"


# Letters of these languages count as word letters: "garçon" is one word, "élèves" is not "lèves".
_B = r"(?<![\wÀ-ÿ])"
_E = r"(?![\wÀ-ÿ'])"
_ALWAYS_PATTERN = re.compile(rf"{_B}{_words(_ALWAYS)}{_E}|{_SCHOOL_YEARS}|{_YOUTH_CLASSES}", re.IGNORECASE)
_GATED_PATTERNS = {lang: (frozenset(function), re.compile(rf"{_B}{_words(words)}{_E}", re.IGNORECASE))
                   for lang, (function, words) in _GATED.items()}
_AGE_CLASS_PATTERN = re.compile(_AGE_CLASSES, re.IGNORECASE)
_SPORT_PATTERN = re.compile(rf"\b{_SPORT}\b", re.IGNORECASE)
_TOKENS = re.compile(r"[\wÀ-ÿ]+", re.IGNORECASE)


# A young animal in these languages: "a bébé phoque", "un bebé panda", "um bebê girafa"
_ANIMALS = ("phoque", "phoques", "chat", "chats", "chien", "chiens", "lion", "lions", "ours", "éléphant", "éléphants",
            "girafe", "girafes", "tortue", "tortues", "canard", "canards", "lapin", "lapins", "renard", "renards",
            "singe", "singes", "perro", "perros", "gato", "gatos", "león", "leones", "oso", "osos", "elefante",
            "elefantes", "jirafa", "jirafas", "tortuga", "tortugas", "pato", "patos", "conejo", "conejos", "zorro",
            "zorros", "foca", "focas", "mono", "monos", "cachorro", "cachorros", "leão", "urso", "ursos", "girafa",
            "tartaruga", "coelho", "raposa", "macaco", "panda", "pandas", "koala", "koalas", "dauphin", "delfín",
            "golfinho", "hibou", "búho", "coruja")


def young_animal_pattern(english_animals: str = r"(?!x)x") -> re.Pattern:
    """A bébé, bebé or bebê followed by an animal of these languages or of ``english_animals`` (the English
    names' pattern, which lives with the English vocabulary); compiled once by its caller."""
    return re.compile(rf"{_B}(?:bébés?|bebés?|bebês?)\s+(?:de\s+)?(?:[\wÀ-ÿ-]+\s+)?(?:{_words(_ANIMALS)}|"
                      rf"{english_animals}){_E}", re.IGNORECASE)


_OWN_YOUNG_ANIMALS = young_animal_pattern()


def other_language_child_terms(text: str, young_animal: re.Pattern = _OWN_YOUNG_ANIMALS) -> list[tuple[int, str]]:
    """The other languages' child words in ``text``, with their positions (grown children and young animals —
    ``young_animal``, from ``young_animal_pattern`` — left out)."""
    cleaned = _GROWN.sub(lambda m: " " * len(m.group(0)), text)
    cleaned = young_animal.sub(lambda m: " " * len(m.group(0)), cleaned)
    found = [(m.start(), m.group(0)) for m in _ALWAYS_PATTERN.finditer(cleaned)]
    tokens = {t.lower() for t in _TOKENS.findall(cleaned)}
    for function_words, pattern in _GATED_PATTERNS.values():
        if tokens & function_words:
            found += [(m.start(), m.group(0)) for m in pattern.finditer(cleaned)]
    if _SPORT_PATTERN.search(cleaned):
        found += [(m.start(), m.group(0)) for m in _AGE_CLASS_PATTERN.finditer(cleaned)]
    return sorted(set(found))


# English's own function words: a text with one of them is read as English, whatever other words it borrows
# ("a group of enfants by the lake").
_ENGLISH = frozenset(("a", "an", "the", "of", "with", "and", "at", "to", "for", "by", "from", "his", "her", "their",
                      "is", "are", "on", "my", "our", "its"))


def reads_as_other_language(text: str) -> bool:
    """Whether ``text`` is written in one of the other languages (a function word of one of them and none of
    English's): the English text encoder cannot read it."""
    tokens = {t.lower() for t in _TOKENS.findall(text or "")}
    return not tokens & _ENGLISH and any(tokens & function for function, _ in _GATED_PATTERNS.values())
