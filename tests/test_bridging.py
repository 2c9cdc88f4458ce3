"""Descriptions in a question resolved to the names they describe (qa/bridging.py)."""

from __future__ import annotations

import pytest

from qa.bridging import bridge


def test_a_description_of_what_is_asked_about_becomes_a_question_of_its_own() -> None:
    question = "Who is the CEO of the automaker that cancelled its planned plant in Kitakyushu?"
    found = bridge(question)
    assert found is not None
    assert found.question == "Which automaker cancelled its planned plant in Kitakyushu?"
    assert found.resolve(question, "Nissan") == "Who is the CEO of Nissan?"
    where = bridge("How many people work at the Yokosuka factory where Foxconn might build cars?")
    assert where is not None and where.question == "Which Yokosuka factory where Foxconn might build cars?"
    # A description may open the question, up to its main verb, and may be a participle there.
    subject = "The carmaker planning a plant for its next Lexus EVs is building a factory in which US state?"
    opening = bridge(subject)
    assert opening is not None and opening.question == "Which carmaker planning a plant for its next Lexus EVs?"
    assert opening.resolve(subject, "Toyota") == "Toyota is building a factory in which US state?"


def test_a_description_resolves_to_the_name_of_its_kind_of_thing() -> None:
    factory = bridge("How many people work at the Yokosuka factory where Foxconn might build cars?")
    assert factory is not None
    text = "Nissan Motor Co. is in talks with Foxconn to let it build cars at its Oppama plant in Yokosuka, Japan."
    assert factory.entity_in(text) == "Oppama"  # "plant" is the kind "factory" asks for
    automaker = bridge("Who is the CEO of the automaker that cancelled its plant in Kitakyushu?")
    assert automaker is not None
    assert automaker.entity_in("The unraveling began with Nissan’s decision to cancel its plant in Kitakyushu.") == "Nissan"
    assert automaker.entity_in("The plant in Kitakyushu was cancelled.") is None


def test_a_company_described_by_a_person_in_it_is_the_name_just_before_the_person() -> None:
    question = "How much was Ivan Espinosa's company going to put into LFP batteries?"
    owned = bridge(question)
    assert owned is not None and owned.question == "Which company is Ivan Espinosa at?"
    text = "The Oppama plant faced closure under a plan revealed by Nissan's CEO Ivan Espinosa, reports Reuters."
    assert owned.entity_in(text) == "Nissan"  # not "Oppama", the first name the sentence adds
    assert owned.entity_in("Ivan Espinosa spoke to Reuters.") is None
    assert owned.resolve(question, "Nissan") == "How much was Nissan going to put into LFP batteries?"
    assert bridge("How much did Toyota's company spend?") is None  # one word: a company, not a person


@pytest.mark.parametrize(
    "question",
    [
        "Who is Nissan's CEO?",
        "The automaker that cancelled it?",  # no main verb: the question is the description
        "Which company is Nissan in talks with?",
        "What do they make?",
        "When is the plant opening in 2027?",  # a participle after the subject is its verb
    ],
)
def test_questions_that_name_what_they_ask_about_have_no_description(question: str) -> None:
    assert bridge(question) is None


def test_a_company_described_by_where_it_is_from_is_the_name_after_that_word() -> None:
    question = "What pact has the Taiwan-based electronics maker struck with Nissan's alliance partner?"
    found = bridge(question)
    assert found is not None and found.question == "Which Taiwan-based electronics maker?" and found.origin == "Taiwan"
    text = "Nissan Motor Co. is in talks with Taiwanese technology leader Foxconn about its Oppama plant."
    assert found.entity_in(text) == "Foxconn"  # not Nissan, the first name the sentence adds
    assert found.entity_in("Six of the top ten were Chinese companies, led by CATL.") is None
    korean = bridge("What did the South Korean battery maker sell to Toyota?")
    assert korean is not None and korean.origin == "South Korean"
    assert bridge("Which Chinese battery makers lead?") is None  # several makers, no one name to resolve
    assert bridge("Who runs the Toyota group?") is None  # a name, not an origin


def test_a_description_resolves_to_whoever_does_what_it_says() -> None:
    question = "Who leads the startup that is building the battery backing up Oskar's fab?"
    startup = bridge(question)
    assert startup is not None and startup.verb == "building"
    text = "Oskar will draw on Northmere Power's grid, backed up by the battery that Cellvane Storage is building."
    assert startup.doer_in(text) == "Cellvane Storage"  # not Northmere, the first name it adds
    assert startup.entity_in(text) == "Northmere"
    assert startup.doer_in("The battery at Tessmoor was finished in May.") is None  # no one there builds
    assert bridge("Who is the CEO of the automaker in Kitakyushu?") is None
    # An operator may be a person or a firm: described so, it is no party to resolve to a name.
    assert bridge("What is the name of the crane operator who was hurt on the site?") is None
