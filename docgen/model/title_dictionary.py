"""jieba's cut of a title, made from a precomputed copy of its dictionary and HMM (`title_dictionary.bin`,
written by `docgen.model.title_dictionary_build`), without importing jieba.

jieba itself costs a render 60–100 ms (its import, a 3 MB dictionary read, the HMM tables) and a second with
its own start-up. The copy holds only what the cut reads — each word's count, the total, the HMM's
probabilities — in small compressed buckets of about a kilobyte, so a title reads from the file only its
index and the few buckets its words and characters fall in, and decompresses only those. `cut` follows
jieba 0.42's default cut (``jieba.lcut(text)``: the dictionary's DAG, the most probable route, the HMM for
runs of unknown characters) step by step, with the same arithmetic in the same order, so it is jieba's cut,
not an approximation: a test compares the two on the title corpus, and the file's content with jieba's
dictionary entry by entry.
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
MAGIC = b"docgen title dictionary 2\n"
STATES = "BEMS"
"""The HMM's states: Begin, End, Middle of a word, Single-character word (the order of the file's columns)."""

# jieba's own patterns (jieba/__init__.py and jieba/finalseg/__init__.py, 0.42.1). Its two classes holding
# the ideographs U+4E00–U+9FD5, re_han_default "([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)" and finalseg's
# re_han "([\u4E00-\u9FD5]+)", are tested character by character instead (`_split_runs`): compiling a
# class of 20,950 code points costs every process 1–2 ms, as much as cutting the title.
_BLOCK_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-")


@functools.cache
def _skip() -> re.Pattern[str]:
    """jieba's re_skip_default, for what is outside the words' class (compiled only if a title has any)."""
    return re.compile("(\r\n|\\s)")


@functools.cache
def _hmm_skip() -> re.Pattern[str]:
    """finalseg's re_skip, for what the HMM does not cut."""
    return re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")

_MIN_FLOAT = -3.14e100
_PREVIOUS = {"B": "ES", "M": "MB", "S": "SE", "E": "BM"}


class TitleDictionary:
    """The word counts and HMM of one `title_dictionary.bin`, decompressed bucket by bucket as needed;
    ``read(offset, size)`` gives the file's bytes (`of_bytes` for a file in memory).

    The file: `MAGIC`; a line of JSON (the total, the HMM's start and transition log-probabilities and
    state totals, the first entry of every bucket); where every bucket ends, as little-endian 32-bit
    offsets; the buckets, each zlib-compressed on its own. A words bucket is a run of ``\\nword\\tcount``
    lines in sorted order, then a line break; an HMM bucket a run of ``\\nchar\\tB\\tE\\tM\\tS`` lines of
    emission counts (empty where jieba has none), then a line break."""

    def __init__(self, read: Callable[[int, int], bytes]) -> None:
        head = read(0, 1 << 16)
        if not head.startswith(MAGIC):
            raise ValueError("not a docgen title dictionary")
        while b"\n" not in head[len(MAGIC) :] and len(head) % (1 << 16) == 0:  # a header of over 64 KB
            head += read(len(head), 1 << 16)
        end = head.index(b"\n", len(MAGIC))
        header: dict[str, Any] = json.loads(head[len(MAGIC) : end])
        self.total: int = header["total"]
        self.start: dict[str, float] = header["start"]
        self.trans: dict[str, dict[str, float]] = header["trans"]
        self._hmm_totals: dict[str, int] = header["hmm_totals"]
        self._word_firsts: list[str] = header["word_firsts"].split("\n")
        self._hmm_firsts: list[str] = header["hmm_firsts"].split("\n")
        count = len(self._word_firsts) + len(self._hmm_firsts)
        import struct

        self._ends: tuple[int, ...] = (0, *struct.unpack(f"<{count}I", read(end + 1, 4 * count)))
        self._body = end + 1 + 4 * count
        self._read = read
        self._log_total = math.log(self.total)
        self._lock = threading.Lock()
        self._bucket = functools.lru_cache(maxsize=1024)(self._read_bucket)
        self._rows: dict[str, tuple[str, ...] | None] = {}

    @classmethod
    def of_bytes(cls, data: bytes) -> TitleDictionary:
        """The dictionary of a file's bytes."""
        return cls(lambda offset, size: data[offset : offset + size])

    # -- reading --------------------------------------------------------------------------------------------

    def _read_bucket(self, number: int) -> str:
        import zlib

        start, end = self._ends[number], self._ends[number + 1]
        return zlib.decompress(self._read(self._body + start, end - start)).decode("utf-8")

    def _count_in_file(self, word: str) -> int | None:
        """The count of ``word``; 0 if only longer words start with it; None if none does (jieba's prefix
        dictionary: a word, a prefix of one, or neither)."""
        firsts = self._word_firsts
        number = bisect.bisect_right(firsts, word) - 1
        if number >= 0:
            bucket = self._bucket(number)
            at = bucket.find(f"\n{word}\t")
            if at >= 0:
                start = at + len(word) + 2
                return int(bucket[start : bucket.index("\n", start)])
            if bucket.find(f"\n{word}") >= 0:
                return 0
        # The first word after ``word`` in sorted order, where any word it begins would be: the next bucket's.
        following = number + 1
        return 0 if following < len(firsts) and firsts[following].startswith(word) else None

    def count(self, word: str) -> int:
        """jieba's count of ``word``; 0 when the dictionary does not have it."""
        return (self._count_in_file(word) or 0) if word else 0

    def everything(self) -> dict[str, int]:
        """Every word and its count (for the test that compares the file with jieba's dictionary)."""
        found: dict[str, int] = {}
        for number in range(len(self._word_firsts)):
            for line in self._read_bucket(number).strip("\n").split("\n"):
                word, count = line.split("\t")
                found[word] = int(count)
        return found

    def _row(self, char: str) -> tuple[str, ...] | None:
        """The HMM's emission counts of ``char`` (B, E, M, S; "" where none), or None if it has none at all."""
        if char in self._rows:
            return self._rows[char]
        number = bisect.bisect_right(self._hmm_firsts, char) - 1
        row = None
        if number >= 0:
            text = self._bucket(len(self._word_firsts) + number)
            at = text.find(f"\n{char}\t")
            if at >= 0:
                row = tuple(text[at + 1 : text.index("\n", at + 1)].split("\t")[1:])
        self._rows[char] = row
        return row

    def emission(self, state: str, char: str) -> float:
        """The HMM's log-probability that ``state`` emits ``char``, as jieba has it (its floats are
        log(count / state total) of the counts stored)."""
        row = self._row(char)
        count = row[STATES.index(state)] if row is not None else ""
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
                for piece in _skip().split(block):
                    if _skip().match(piece):
                        words.append(piece)
                    else:
                        words.extend(piece)  # anything else: one character at a time
            return words

    def _dag(self, sentence: str) -> list[list[tuple[int, int]]]:
        """For each start, the (last index, count) of every dictionary word starting there; the character
        alone (count 0) when none does — jieba's get_DAG with each word's count kept alongside."""
        dag = []
        for start in range(len(sentence)):
            ends = []
            for end in range(start + 1, len(sentence) + 1):
                count = self._count_in_file(sentence[start:end])
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
                words += [piece for piece in _hmm_skip().split(block) if piece]
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
    """The bundled dictionary, opened once per process: its index read now, each bucket when a title needs
    it (``pread``, which never moves a shared file offset: processes forked by a batch read it as one).
    Reading the whole 2 MB file instead cost a render up to several milliseconds; where there is no
    ``pread`` (Windows), it is read whole. The build replaces the file by a rename, never in place."""
    import os

    if not hasattr(os, "pread"):
        return TitleDictionary.of_bytes(DATA_FILE.read_bytes())
    handle = os.open(DATA_FILE, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))  # open as long as the process runs

    def read(offset: int, size: int) -> bytes:
        return os.pread(handle, size, offset)

    return TitleDictionary(read)


def cut(sentence: str) -> list[str]:
    """jieba's default cut of ``sentence`` (``jieba.lcut``), from the bundled dictionary."""
    return dictionary().cut(sentence)
