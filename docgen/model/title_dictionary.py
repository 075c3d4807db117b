"""jieba's cut of a title, made from a precomputed copy of its dictionary and HMM (`title_dictionary.bin`,
written by `docgen.model.title_dictionary_build`), without importing jieba.

jieba itself costs a render 60–100 ms (its import, a 3 MB dictionary read, the HMM tables) and a second with
its own start-up. The copy holds only what the cut reads — each word's count, the total, the HMM's
probabilities — in small compressed buckets, so a title decompresses only the buckets of its own characters
(a fraction of a millisecond each). `cut` follows jieba 0.42's default cut (``jieba.lcut(text)``: the
dictionary's DAG, the most probable route, the HMM for runs of unknown characters) step by step, with the
same arithmetic in the same order, so it is jieba's cut, not an approximation: a test compares the two
on the title corpus, and the file's content with jieba's dictionary entry by entry.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import math
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).with_name("title_dictionary.bin")
MAGIC = b"docgen title dictionary 1\n"
STATES = "BEMS"
"""The HMM's states: Begin, End, Middle of a word, Single-character word (the order of the file's columns)."""

# jieba's own patterns (jieba/__init__.py and jieba/finalseg/__init__.py, 0.42.1). Its two classes holding
# the ideographs U+4E00–U+9FD5, re_han_default "([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)" and finalseg's
# re_han "([\u4E00-\u9FD5]+)", are tested character by character instead (`_split_runs`): compiling a
# class of 20,950 code points costs every process 1–2 ms, as much as cutting the title.
_BLOCK_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-")
_SKIP = re.compile("(\r\n|\\s)")
_HMM_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
_MIN_FLOAT = -3.14e100
_PREVIOUS = {"B": "ES", "M": "MB", "S": "SE", "E": "BM"}


class TitleDictionary:
    """The word counts and HMM of one `title_dictionary.bin`, decompressed bucket by bucket as needed."""

    def __init__(self, data: bytes) -> None:
        if not data.startswith(MAGIC):
            raise ValueError("not a docgen title dictionary")
        end = data.index(b"\n", len(MAGIC))
        header: dict[str, Any] = json.loads(data[len(MAGIC) : end])
        self._body = memoryview(data)[end + 1 :]
        self.total: int = header["total"]
        self.start: dict[str, float] = header["start"]
        self.trans: dict[str, dict[str, float]] = header["trans"]
        self._buckets: list[tuple[str, int, int]] = [tuple(b) for b in header["buckets"]]
        self._firsts = [bucket[0] for bucket in self._buckets]
        self._hmm_span: tuple[int, int] = tuple(header["hmm"])
        self._hmm_totals: dict[str, int] = header["hmm_totals"]
        self._hmm_text: str | None = None
        self._log_total = math.log(self.total)
        self._lock = threading.Lock()
        self._bucket = functools.lru_cache(maxsize=512)(self._read_bucket)

    # -- reading --------------------------------------------------------------------------------------------

    def _read_bucket(self, number: int) -> str:
        import zlib

        _, offset, length = self._buckets[number]
        return zlib.decompress(self._body[offset : offset + length]).decode("utf-8")

    def _words_of(self, char: str) -> str:
        """The bucket holding every word that starts with ``char``: a line break before each ``word<TAB>count``
        and after the last."""
        return self._bucket(max(0, bisect.bisect_right(self._firsts, char) - 1))

    @staticmethod
    def _count_in(bucket: str, word: str) -> int | None:
        """The count of ``word`` in ``bucket``; 0 if only longer words start with it; None if none does."""
        at = bucket.find(f"\n{word}\t")
        if at >= 0:
            start = at + len(word) + 2
            return int(bucket[start : bucket.index("\n", start)])
        return 0 if bucket.find(f"\n{word}") >= 0 else None

    def count(self, word: str) -> int:
        """jieba's count of ``word``; 0 when the dictionary does not have it."""
        return (self._count_in(self._words_of(word[0]), word) or 0) if word else 0

    def everything(self) -> dict[str, int]:
        """Every word and its count (for the test that compares the file with jieba's dictionary)."""
        found: dict[str, int] = {}
        for number in range(len(self._buckets)):
            for line in self._read_bucket(number).strip("\n").split("\n"):
                word, count = line.split("\t")
                found[word] = int(count)
        return found

    def emission(self, state: str, char: str) -> float:
        """The HMM's log-probability that ``state`` emits ``char``, as jieba has it (its floats are
        log(count / state total) of the counts stored)."""
        if self._hmm_text is None:
            import zlib

            offset, length = self._hmm_span
            self._hmm_text = zlib.decompress(self._body[offset : offset + length]).decode("utf-8")
        at = self._hmm_text.find(f"\n{char}\t")
        if at < 0:
            return _MIN_FLOAT
        row = self._hmm_text[at + 1 : self._hmm_text.index("\n", at + 1)].split("\t")
        count = row[1 + STATES.index(state)]
        return math.log(int(count) / self._hmm_totals[state]) if count else _MIN_FLOAT

    # -- jieba's cut ----------------------------------------------------------------------------------------

    def cut(self, sentence: str) -> list[str]:
        """``jieba.lcut(sentence)``: jieba's default cut, with the HMM for unknown words."""
        with self._lock:  # the bucket cache and the HMM text are filled on demand
            words: list[str] = []
            for in_block, block in _split_runs(sentence, _in_block):
                if in_block:
                    words += self._cut_block(block)
                    continue
                for piece in _SKIP.split(block):
                    if _SKIP.match(piece):
                        words.append(piece)
                    else:
                        words.extend(piece)  # anything else: one character at a time
            return words

    def _dag(self, sentence: str) -> list[list[tuple[int, int]]]:
        """For each start, the (last index, count) of every dictionary word starting there; the character
        alone (count 0) when none does — jieba's get_DAG with each word's count kept alongside."""
        dag = []
        for start in range(len(sentence)):
            bucket = self._words_of(sentence[start])
            ends = []
            for end in range(start + 1, len(sentence) + 1):
                count = self._count_in(bucket, sentence[start:end])
                if count is None:
                    break  # no word goes on with this fragment: jieba's prefix dictionary stops here too
                if count:
                    ends.append((end - 1, count))
            dag.append(ends or [(start, 0)])
        return dag

    def _cut_block(self, sentence: str) -> list[str]:
        dag = self._dag(sentence)
        size = len(sentence)
        route: dict[int, tuple[float, int]] = {size: (0, 0)}
        log_total = self._log_total
        for index in range(size - 1, -1, -1):  # jieba's calc: the most probable route from each index
            route[index] = max((math.log(count or 1) - log_total + route[end + 1][0], end) for end, count in dag[index])
        words: list[str] = []
        pending = ""  # single characters the route left alone, in a row: jieba's buf
        at = 0
        while at < size:
            after = route[at][1] + 1
            word = sentence[at:after]
            if after - at == 1:
                pending += word
            else:
                if pending:
                    words += self._unknown(pending)
                    pending = ""
                words.append(word)
            at = after
        if pending:
            words += self._unknown(pending)
        return words

    def _unknown(self, pending: str) -> list[str]:
        """A run of single characters: itself if it is one character or a dictionary word (as characters),
        else the HMM's guess at its words."""
        if len(pending) == 1:
            return [pending]
        if self.count(pending):
            return list(pending)
        words: list[str] = []
        for han, block in _split_runs(pending, _is_han):
            if han:
                words += self._viterbi(block)
            else:
                words += [piece for piece in _HMM_SKIP.split(block) if piece]
        return words

    def _viterbi(self, sentence: str) -> list[str]:
        """jieba.finalseg: the most probable B/M/E/S tagging of ``sentence``, cut at its word ends."""
        emit = {(state, char): self.emission(state, char) for state in STATES for char in set(sentence)}
        trans = self.trans
        probability: list[dict[str, float]] = [{}]  # jieba's V
        paths: dict[str, list[str]] = {}
        for state in "BMES":
            probability[0][state] = self.start[state] + emit[state, sentence[0]]
            paths[state] = [state]
        for t in range(1, len(sentence)):
            probability.append({})
            new_paths = {}
            for state in "BMES":
                emitted = emit[state, sentence[t]]
                before = probability[t - 1]
                best, previous = max(
                    [(before[y0] + trans[y0].get(state, _MIN_FLOAT) + emitted, y0) for y0 in _PREVIOUS[state]]
                )
                probability[t][state] = best
                new_paths[state] = [*paths[previous], state]
            paths = new_paths
        _, last = max((probability[len(sentence) - 1][state], state) for state in "ES")
        tags = paths[last]
        words = []
        begin = following = 0
        for index, char in enumerate(sentence):
            tag = tags[index]
            if tag == "B":
                begin = index
            elif tag == "E":
                words.append(sentence[begin : index + 1])
                following = index + 1
            elif tag == "S":
                words.append(char)
                following = index + 1
        if following < len(sentence):
            words.append(sentence[following:])
        return words


def _is_han(char: str) -> bool:
    """In finalseg's re_han: an ideograph of U+4E00–U+9FD5."""
    return "\u4e00" <= char <= "\u9fd5"


def _in_block(char: str) -> bool:
    """In re_han_default: an ideograph of U+4E00–U+9FD5, an ASCII letter or digit, or one of ``+#&._%-``."""
    return "\u4e00" <= char <= "\u9fd5" or char in _BLOCK_ASCII


def _split_runs(text: str, inside: Callable[[str], bool]) -> list[tuple[bool, str]]:
    """``text`` as its maximal runs of characters ``inside`` accepts and of the others, in order, each with
    whether it is inside: what jieba's ``pattern.split(text)`` gives (with the empty strings left out) and
    its ``pattern.match(piece)`` tells, for a pattern that is one class with ``+``."""
    return [(key, "".join(run)) for key, run in itertools.groupby(text, inside)]


@functools.lru_cache(maxsize=1)
def dictionary() -> TitleDictionary:
    """The bundled dictionary, read once per process."""
    return TitleDictionary(DATA_FILE.read_bytes())


def cut(sentence: str) -> list[str]:
    """jieba's default cut of ``sentence`` (``jieba.lcut``), from the bundled dictionary."""
    return dictionary().cut(sentence)
