import pytest

from tasks.legal.child_terms import child_terms_in, mentions_children
from tasks.legal.other_languages import other_language_child_terms, reads_as_other_language, young_animal_pattern


@pytest.mark.parametrize("text", [
    # words no English text uses, in their own language or in an English sentence
    "niños en la playa", "des enfants au parc", "a group of enfants by a lake", "Mädchen auf einem Trampolin",
    "crianças na praia", "een meisje op een fiets", "ragazzini al mare", "a bébé in a poussette", "a menina dancing",
    "a padre and his hijo", "Oma mit ihrem Enkel", "élèves de maternelle", "a Grundschule classroom",
    # words English shares, in a text of their language
    "Kinder spielen im Schnee vor einer Hütte", "ein kleiner Junge am Strand", "un papa et sa fille sur un manège",
    "deux garçons qui pêchent", "escolares con uniforme", "ein Kind und ein Hund",
    # school years and a sport's youth classes
    "a CM2 trip to the Alps", "E-Jugend Fußballtraining", "une équipe de poussins au tournoi de foot",
    "pulcini di calcio in campo", "a benjamins basketball game",
])
def test_other_languages_child_words_are_children(text):
    assert mentions_children(text), text


@pytest.mark.parametrize("text", [
    # English words and names the other languages share: kinder, kind, Kinder chocolate, met, MIT, a waiter's title
    "a kinder world", "one of a kind house", "I met a kind stranger", "a kind MIT professor",
    "Kinder chocolate bars on a shelf", "the Kinderdijk windmills",
    # tiles in square centimetres, the A youth class (under 19), chicks and dollar bills beside no sport
    "5 cm2 tiles", "A-Jugend final", "poussins in a farmyard", "a stack of benjamins",
    # grown children, said so; young animals
    "une femme âgée et sa fille adulte au marché", "padre e figlio adulti al bar",
    "ein alter Mann mit seinem erwachsenen Sohn", "madre e hija, ambas médicas, en un hospital",
    "os avós e os netos adultos", "a bébé phoque on the ice", "un bebé panda en el zoo",
])
def test_other_languages_look_alikes_are_not_children(text):
    assert not mentions_children(text), child_terms_in(text)


def test_other_language_terms_come_with_their_positions():
    text = "a group of enfants and a bébé"
    terms = other_language_child_terms(text)
    assert [term for _, term in terms] == ["enfants", "bébé"]
    assert all(text[position:position + len(term)] == term for position, term in terms)


def test_a_young_animal_is_left_out_by_the_english_animal_names_too():
    assert other_language_child_terms("a bébé giraffe", young_animal_pattern(r"giraffes?")) == []
    assert other_language_child_terms("a bébé giraffe") == [(2, "bébé")]


@pytest.mark.parametrize("text, other", [
    ("Welpen spielen im Gras", True), ("un chaton qui dort au soleil", True), ("een veulen in de wei", True),
    ("una pareja bailando tango en San Telmo", True), ("a group of enfants by the lake", False),
    ("a kid in a sombrero at a Día de los Muertos parade", False), ("puppies playing", False), ("", False),
])
def test_a_text_reads_as_another_language_by_its_function_words_and_none_of_english(text, other):
    assert reads_as_other_language(text) is other
