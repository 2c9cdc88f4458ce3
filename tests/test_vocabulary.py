"""The corpus's words: concepts, spelling fixes, unknown names, abbreviations (qa/vocabulary.py)."""

from __future__ import annotations

import pytest

from qa.vocabulary import asked_abbreviation, concepts, correct_terms, definition, unknown_names


def test_a_capital_that_only_starts_the_question_is_not_an_unknown_name() -> None:
    vocabulary = frozenset({"china", "nissan", "foxconn", "industry"})
    assert unknown_names("Pressure from which country's industry lies behind Nissan's tie-up?", vocabulary) == []
    assert unknown_names("Tesla market share?", vocabulary) == ["Tesla"]  # no question word: a keyword query
    assert unknown_names("What is Tesla's share?", vocabulary) == ["Tesla"]


def test_a_place_is_known_by_its_people_and_a_hyphenated_name_by_its_capitalised_part() -> None:
    vocabulary = frozenset({"taiwanese", "chinese", "foxconn", "nissan"})
    assert unknown_names("What has the Taiwan-based maker agreed with Nissan?", vocabulary) == []
    assert unknown_names("Is Foxconn a China-based firm?", vocabulary) == []
    assert unknown_names("Is Foxconn a Korea-based firm?", vocabulary) == ["Korea-based"]


def test_a_country_is_known_by_its_abbreviation() -> None:
    vocabulary = frozenset({"us", "investment", "firm", "loan", "uk", "lender"})
    assert unknown_names("How much did the American lender put up?", vocabulary) == []
    assert unknown_names("Did a British lender take part?", vocabulary) == []
    assert unknown_names("Did a French lender take part?", vocabulary) == ["French"]


def test_a_well_known_abbreviation_is_known_where_the_corpus_spells_it_out() -> None:
    vocabulary = frozenset({"foxconn", "memorandum", "understanding", "mitsubishi"})
    assert unknown_names("Which partner did Foxconn sign an MoU with?", vocabulary) == []
    assert unknown_names("Which partner did Foxconn sign an MoU with?", vocabulary - {"memorandum"}) == ["MoU"]


def test_typo_correction_leaves_real_words_alone_except_for_their_endings() -> None:
    vocabulary = frozenset({"sale", "employee", "import", "maker"})
    assert correct_terms(["sole", "emploees", "imported"], vocabulary) == ["sole", "employee", "import"]


def test_a_word_whose_synonym_the_corpus_uses_is_not_taken_for_a_typo() -> None:
    vocabulary = frozenset({"leader", "loan", "council"})
    assert correct_terms(["lender", "municipality", "leadr"], vocabulary) == ["lender", "municipality", "leader"]
    assert correct_terms(["lender"], vocabulary - {"loan"}) == ["leader"]  # no synonym in the corpus: the nearest word


@pytest.mark.parametrize(("asked", "said"), [("lender", "loan"), ("municipality", "council"), ("walkout", "strike"), ("promise", "guarantees")])
def test_news_words_for_the_same_thing_are_one_concept(asked: str, said: str) -> None:
    assert concepts(asked) == concepts(said)


def test_us_is_one_concept_however_abbreviated() -> None:
    assert concepts("US U.S. USA") == ["us", "us", "us"]


def test_citing_a_source_is_one_concept_however_said() -> None:
    assert len(set(concepts("cite cited citing reference referenced referencing"))) == 1  # "reports X, referencing Reuters"


def test_only_the_capitalised_parts_of_a_name_are_names() -> None:
    from qa.vocabulary import tokens_of_name

    assert tokens_of_name("Taiwan-based") == ["taiwan"]
    assert tokens_of_name("Panasonic Energy–Subaru") == ["panasonic", "energy", "subaru"]


def test_abbreviations_are_learned_from_their_definitions() -> None:
    from qa.vocabulary import acronyms

    found = acronyms("Foxconn may permit electric vehicle (EV) making. The Ministry of Economy, Trade and Industry (METI) "
                     "said so. It uses lithium iron phosphate (LFP) cells.")
    assert found["ev"] == {"electric", "vehicle"}
    assert found["meti"] == {"ministry", "economy", "trade", "industry"}
    assert "lfp" not in found  # its initials do not spell it
    assert found["us"] == {"united", "state"}  # said without a definition


def test_a_company_s_other_name_is_learned_from_the_articles() -> None:
    from qa.vocabulary import acronyms

    assert acronyms("Foxconn, officially known as Hon Hai Precision, said so.")["foxconn"] == {"hon", "hai", "precision"}
    assert acronyms("Reuters.\nHon Hai Precision Industry, better known as Foxconn, said so.")["foxconn"] == {
        "hon", "hai", "precision", "industry"
    }
    assert "called" not in acronyms("The plan, so called by critics, failed.")  # no second name


def test_a_place_is_searched_for_as_the_articles_name_it() -> None:
    from qa.vocabulary import place_names_used

    vocabulary = frozenset({"taiwanese", "japan", "foxconn"})
    assert place_names_used(["taiwan", "base", "maker"], vocabulary) == ["taiwanese"]
    assert place_names_used(["japan", "maker"], vocabulary) == []  # named as the articles name it already


@pytest.mark.parametrize(
    ("question", "abbreviation"),
    [
        ("What does METI stand for?", "METI"),
        ("what is the full name of jaia", "jaia"),
        ("What is LFP short for?", "LFP"),
        ("What does EV mean?", "EV"),
        ("What does the deal mean for Nissan?", None),
        ("What did Foxconn say?", None),
    ],
)
def test_a_question_about_an_abbreviation_names_it(question: str, abbreviation: str | None) -> None:
    assert asked_abbreviation(question) == abbreviation


def test_a_definition_is_found_where_the_long_form_precedes_the_bracket() -> None:
    text = "In 2030 the Ministry of Economy, Trade and Industry (METI) wants 150 GWh of electric vehicle (EV) batteries."
    start, end = definition("meti", text) or (0, 0)
    assert text[start:end] == "Ministry of Economy, Trade and Industry (METI)"
    assert definition("EV", text) is not None and definition("LFP", text) is None


def test_deciding_against_making_at_home_is_said_as_opting_out_of_domestic_production() -> None:
    from qa.vocabulary import concepts

    assert set(concepts("decided against making batteries at home")) >= set(concepts("opted for domestic"))


@pytest.mark.parametrize(("asked", "written"), [("run", "operated"), ("leads", "leader"), ("chairs", "chairman"), ("centre", "centers")])
def test_words_for_the_same_deed_share_a_concept(asked: str, written: str) -> None:
    # "Who would run the factory?" is answered by "to be built and operated by Toyota Battery".
    assert concepts(asked) == concepts(written)
    assert concepts("leading") != concepts("leader")  # "leading Toyota to put the plan on hold" leads no market


def test_a_site_is_said_as_a_facility() -> None:
    from qa.vocabulary import concepts

    assert concepts("the Oppama site") == concepts("the Oppama facility")


def test_a_pledge_is_said_as_an_allocation() -> None:
    from qa.vocabulary import concepts

    assert concepts("the government pledged") == concepts("the government allocating")
