"""Character classes docgen tests character by character instead of with a compiled regex (a regex class of
tens of thousands of code points costs every process milliseconds to compile): each equals the regex it
stands for, over every code point."""

from __future__ import annotations

import re

import pytest

from docgen.model.text import is_cjk
from docgen.model.title_dictionary import _in_block, _is_han, _split_runs

# Every code point, in order: two runs of a class split the same way exactly when each character's
# membership is the same.
EVERY_CHARACTER = "".join(map(chr, range(0x110000)))

# The class is_cjk stood for when it was a regex (docgen.model.text before issue 14).
CJK_CLASS = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026\U00020000-\U0003134f"
)


def test_is_cjk_is_the_class_it_replaced_for_every_code_point():
    expected = re.sub(f"[^{CJK_CLASS}]", "", EVERY_CHARACTER)
    assert "".join(filter(is_cjk, EVERY_CHARACTER)) == expected
    assert len(expected) > 99_000  # the class is not empty by mistake


def test_is_cjk_takes_one_character():
    assert is_cjk("中") and not is_cjk("") and not is_cjk("中国") and not is_cjk("a")


def test_the_runs_of_a_title_are_what_jieba_s_patterns_split():
    jieba = pytest.importorskip("jieba", reason="jieba is the reference (part of .[test])")
    from jieba.finalseg import re_han

    samples = (EVERY_CHARACTER, "2023年GDP增长5.2%，C++与AT&T", "", "——在上海世博会欢迎晚宴上的祝酒辞", "𠀀𠀁汉字")
    for pattern, inside in ((jieba.re_han_default, _in_block), (re_han, _is_han)):
        for text in samples:
            expected = [(bool(pattern.match(piece)), piece) for piece in pattern.split(text) if piece]
            assert _split_runs(text, inside) == expected, (pattern.pattern, text[:20])
