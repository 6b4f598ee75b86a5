"""Numbers as the report writes them (research.sections.words) and the house styles glue() offers for them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from research.nb import glue as g
from research.sections import words as w


@pytest.mark.parametrize("n, text", [(0, "zero"), (1, "one"), (7, "seven"), (10, "ten"), (11, "11"), (1234, "1,234"),
                                     (7.0, "seven"), (2.5, "2.5")])
def test_number_word_spells_out_whole_numbers_up_to_ten(n, text):
    assert w.number_word(n) == text


@pytest.mark.parametrize("noun, n, text", [("provision", 1, "provision"), ("provision", 3, "provisions"),
                                           ("provision", 0, "provisions"), ("offence provision", 2, "offence provisions"),
                                           ("Party", 5, "Parties"), ("day", 2, "days"), ("box", 2, "boxes"),
                                           ("match", 2, "matches"), ("criterion", 2, "criteria")])
def test_plural_agrees_with_the_count(noun, n, text):
    irregular = {"criterion": "criteria"}
    assert w.plural(noun, n, irregular.get(noun)) == text


@pytest.mark.parametrize("n, words, text", [(1, False, "1 provision"), (3, False, "3 provisions"),
                                            (1234, False, "1,234 provisions"), (0, False, "0 provisions"),
                                            (0, True, "no provisions"), (1, True, "one provision"),
                                            (7, True, "seven provisions"), (13, True, "13 provisions")])
def test_count_never_writes_provision_s(n, words, text):
    assert w.count(n, "provision", words=words) == text
    assert "(s)" not in text


@pytest.mark.parametrize("part, whole, text", [(6, 13, "6 of the 13 offence provisions"),
                                               (7, 7, "all seven offence provisions"),
                                               (13, 13, "all 13 offence provisions"),
                                               (2, 2, "both offence provisions"),
                                               (1, 1, "the one offence provision"),
                                               (0, 13, "none of the 13 offence provisions"),
                                               (0, 4, "none of the four offence provisions")])
def test_share_names_its_base_and_says_all_rather_than_100_per_cent(part, whole, text):
    assert w.share(part, whole, "offence provision") == text


def test_share_refuses_a_part_larger_than_the_whole():
    with pytest.raises(ValueError, match="8 of 7"):
        w.share(8, 7, "article")


@pytest.mark.parametrize("args, kwargs, text", [((46.15,), {}, "46 per cent"), ((6,), {"of": 13}, "46 per cent"),
                                                ((6,), {"of": 13, "decimals": 1}, "46.2 per cent"),
                                                ((100,), {}, "100 per cent"), ((0.5,), {"decimals": 1}, "0.5 per cent")])
def test_percent(args, kwargs, text):
    assert w.percent(*args, **kwargs) == text


def test_percent_of_nothing_is_an_error():
    with pytest.raises(ValueError, match="base is zero"):
        w.percent(1, of=0)


@pytest.mark.parametrize("amount, currency, text", [(75000, "USD", "US$75,000"), (1500.5, "USD", "US$1,500.50"),
                                                    (2_000_000, "KHR", "2,000,000 riels"), (500.0, "USD", "US$500")])
def test_money_has_no_space_after_the_symbol(amount, currency, text):
    assert w.money(amount, currency) == text


def test_money_refuses_an_unknown_currency():
    with pytest.raises(ValueError, match="EUR"):
        w.money(1, "EUR")


@pytest.mark.parametrize("items, text", [([], ""), (["China"], "China"), (["China", "Japan"], "China and Japan"),
                                         (["China", "Japan", "Singapore"], "China, Japan and Singapore")])
def test_join(items, text):
    assert w.join(items) == text


def test_number_refuses_what_is_not_a_number():
    with pytest.raises(TypeError):
        w.number("7")
    with pytest.raises(TypeError):
        w.number(True)


@given(st.integers(min_value=0, max_value=10**6))
def test_count_agrees_with_its_number_for_any_n(n):
    text = w.count(n, "incident")
    assert text.endswith("incident" if n == 1 else "incidents")
    assert text.split()[0].replace(",", "") == str(n)


@pytest.mark.parametrize("value, fmt, text", [(46.15, "per cent", "46 per cent"), (75000, "usd", "US$75,000"),
                                              (2_000_000, "khr", "2,000,000 riels"), (7, "words", "seven"),
                                              (1, "count:provision", "1 provision"),
                                              (3, "count:criterion|criteria", "3 criteria")])
def test_glue_offers_the_house_styles_by_name(value, fmt, text):
    assert g.format_value(value, fmt) == text


@pytest.mark.parametrize("iso, text", [("2007", "2007"), ("2007-12", "December 2007"), ("2016-11-07", "7 November 2016")])
def test_date_text_keeps_the_precision_of_the_date(iso, text):
    assert w.date_text(iso) == text


def test_date_text_refuses_what_is_not_an_iso_date():
    with pytest.raises(ValueError):
        w.date_text("Nov 2016")
