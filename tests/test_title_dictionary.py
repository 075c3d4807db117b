"""The precomputed copy of jieba's dictionary and HMM that titles are cut with (`docgen.model.title_dictionary`):
it holds exactly jieba's data, cuts exactly as jieba does, and breaking a title never imports jieba."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from docgen.model.title_dictionary import DATA_FILE, STATES, TitleDictionary, cut

from .conftest import REPO, SEED_YAML

jieba = pytest.importorskip("jieba", reason="jieba is the reference (part of .[test])")


@pytest.fixture(scope="module")
def full_jieba():
    """jieba with its whole dictionary, as jieba itself loads it (about a second)."""
    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def test_the_file_holds_jieba_s_words_counts_and_total():
    from docgen.model.title_dictionary_build import jieba_words

    words, total = jieba_words()
    bundled = TitleDictionary.of_bytes(DATA_FILE.read_bytes())
    assert bundled.total == total
    assert bundled.everything() == words  # every word with its count, nothing more (jieba's prefixes aside)


def test_the_file_holds_jieba_s_hmm_to_the_last_bit():
    from docgen.model.title_dictionary_build import jieba_hmm

    start, trans, emit = jieba_hmm()
    bundled = TitleDictionary.of_bytes(DATA_FILE.read_bytes())
    assert bundled.start == start
    assert bundled.trans == trans
    for state in STATES:
        assert all(bundled.emission(state, char) == value for char, value in emit[state].items()), state
    assert bundled.emission("B", "\u0001") == -3.14e100  # a character jieba never saw: its MIN_FLOAT


def _texts() -> list[str]:
    """Sentences to cut beyond the titles: every paragraph of the examples, where words jieba does not know
    (names, new terms) send runs of characters through the HMM."""
    texts = []
    for path in sorted(Path(REPO, "examples").glob("*.yaml")):

        def walk(value: object) -> None:
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, dict):
                for item in value.values():
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)

        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return texts


def test_the_cut_of_the_examples_sentences_is_jieba_s(full_jieba):
    texts = _texts()
    assert len(texts) > 20
    mismatched = [text for text in texts if cut(text) != full_jieba.lcut(text)]
    assert mismatched == []


def test_the_cut_of_unusual_text_is_jieba_s(full_jieba):
    # Latin, digits with a decimal point and a percent sign, spaces, CRLF, rare and unknown characters, a
    # character outside the BMP: each takes another branch of jieba's cut.
    for text in (
        "2023年GDP增长5.2%，C++与AT&T",
        "张三丰李四光王五同志\r\n 在  会上",
        "龘靐齉爩鱻麤",
        "𠀀𠀁汉字",
        "",
        "的的的的的的",
        "——在上海世博会欢迎晚宴上的祝酒辞",
    ):
        assert cut(text) == full_jieba.lcut(text), text


def test_breaking_a_title_does_not_import_jieba():
    code = (
        "import sys\n"
        "from docgen.model.load import load_speech\n"
        f"speech = load_speech({str(SEED_YAML)!r})\n"
        "assert len(speech.to_context()['title_lines']) > 1\n"
        "print('jieba' in sys.modules)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_a_file_that_is_not_a_title_dictionary_is_refused():
    with pytest.raises(ValueError):
        TitleDictionary.of_bytes(b"PK\x03\x04 not ours")


def test_cutting_a_title_reads_only_the_index_and_a_few_buckets_of_the_file():
    data = DATA_FILE.read_bytes()
    sizes: list[int] = []

    def read(offset: int, size: int) -> bytes:
        sizes.append(size)
        return data[offset : offset + size]

    dictionary = TitleDictionary(read)
    index = sum(sizes)
    title = yaml.safe_load(SEED_YAML.read_text(encoding="utf-8"))["title"]
    assert dictionary.cut(title) == cut(title)  # the bundled dictionary() reads the file the same way
    assert index < len(data) / 20 and sum(sizes) - index < len(data) / 20, (index, sum(sizes), len(data))
