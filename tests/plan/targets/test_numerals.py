import pytest

from ecoplan.plan.numerals import parse_number, to_halfwidth_digits


@pytest.mark.parametrize("written, value", [
    ("5207", 5207), ("92.2", 92.2), ("80.0", 80.0), ("1,200", 1200), ("２０", 20),
    ("一", 1), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("一百五十", 150),
    ("三千零五", 3005), ("二〇二三", 2023),
])
def test_parse_number(written, value):
    parsed = parse_number(written)
    assert parsed == value and type(parsed) is type(value)


@pytest.mark.parametrize("junk", ["", "万", "abc", "1.2.3", "十万"])
def test_not_a_number(junk):
    with pytest.raises(ValueError):
        parse_number(junk)


def test_halfwidth_keeps_length():
    text = "ＰＭ２．５不超过３１微克／立方米，达９０％"
    assert len(to_halfwidth_digits(text)) == len(text)
    assert to_halfwidth_digits(text).endswith("/立方米，达90%")
