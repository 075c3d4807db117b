"""Builds `title_dictionary.bin`, the precomputed form of jieba's dictionary and word-guessing HMM that
`docgen.model.title_dictionary` cuts titles with, from the installed jieba:

    python -m docgen.model.title_dictionary_build        # rewrites docgen/model/title_dictionary.bin

Run it when jieba's dictionary changes (``tests/test_title_dictionary.py`` fails until then). Only a build
needs jieba; a render reads the file.

What is kept, and why it is enough for jieba's cut to come out the same:

- every word of the dictionary whose count is not zero, with its count (jieba's route takes log(count)
  minus log(total), so the counts stay exact integers), as ``word<TAB>count`` lines in sorted order, in
  buckets of about a kilobyte each compressed on its own, so a title decompresses only the few it touches;
  the prefixes jieba's prefix dictionary adds (count 0) are left out: a line that starts with a fragment
  (or, at a bucket's end, the next bucket's first word) tells that some word goes on with it, as jieba's
  prefix entry does;
- the total of all counts, as jieba sums it (a word listed twice counts twice);
- the HMM: start and transition log-probabilities as the floats jieba has, and each emission log-probability
  as the integer count it was made from (jieba's ``log(count / state total)`` gives back every float
  exactly; the build checks it and refuses to write a file that would not).
"""

from __future__ import annotations

import json
import math
import os
import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docgen.model.title_dictionary import DATA_FILE, MAGIC, STATES, TitleDictionary

BUCKET_BYTES = 1_000
"""Bytes of text per compressed bucket (words, or the HMM's rows). A bucket is any run of entries in sorted
order, not a whole first-character group (中 alone starts 49 KB of words), so a title decompresses about a
kilobyte for each place it looks a word up, and finds it in a short text."""


def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(60)
    return jieba


def jieba_words() -> tuple[dict[str, int], int]:
    """jieba's dictionary as jieba reads it (its own parser): words with a count, and the total of counts."""
    jieba = _jieba()
    tokenizer = jieba.Tokenizer()
    prefix_dictionary, total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    return {word: count for word, count in prefix_dictionary.items() if count}, int(total)


def jieba_hmm() -> tuple[dict[str, float], dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """jieba's HMM for unknown words: start, transition and emission log-probabilities."""
    _jieba()
    from jieba.finalseg import emit_P, start_P, trans_P

    return dict(start_P), {s: dict(t) for s, t in trans_P.items()}, {s: dict(e) for s, e in emit_P.items()}


def _emission_counts(emit: dict[str, dict[str, float]]) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """Each state's total and each emission's count, such that log(count / total) is jieba's float."""
    totals: dict[str, int] = {}
    counts: dict[str, dict[str, int]] = {}
    for state in STATES:
        table = emit[state]
        total = round(math.exp(-min(table.values())))  # the rarest emission was seen once
        found = {}
        for char, value in table.items():
            count = round(math.exp(value) * total)
            if count < 1 or math.log(count / total) != value:
                raise SystemExit(f"jieba's emission {state}/{char} = {value!r} is not log(count / {total})")
            found[char] = count
        totals[state], counts[state] = total, found
    return totals, counts


def build() -> bytes:
    """The file's bytes, from the installed jieba."""
    words, total = jieba_words()
    start, trans, emit = jieba_hmm()
    state_totals, counts = _emission_counts(emit)

    chars = sorted(set().union(*(counts[state] for state in STATES)))
    rows = ["\t".join([char, *(str(counts[state].get(char, "")) for state in STATES)]) for char in chars]
    word_buckets = _buckets(sorted(words), lambda word: f"{word}\t{words[word]}")
    hmm_buckets = _buckets(rows, lambda row: row)
    blobs = [blob for _, blob in (*word_buckets, *hmm_buckets)]
    ends, offset = [], 0
    for blob in blobs:
        offset += len(blob)
        ends.append(offset)
    header = {
        "source": f"jieba {_jieba().__version__}: dict.txt and finalseg",
        "total": total,
        "words": len(words),
        "word_firsts": "\n".join(first for first, _ in word_buckets),
        "hmm_firsts": "\n".join(first.split("\t")[0] for first, _ in hmm_buckets),
        "hmm_totals": state_totals,
        "start": start,
        "trans": trans,
    }
    head = MAGIC + json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n"
    return head + struct.pack(f"<{len(ends)}I", *ends) + b"".join(blobs)


def _buckets(entries: list[str], line: Callable[[str], str]) -> list[tuple[str, bytes]]:
    """``entries`` (sorted) in runs of about `BUCKET_BYTES`: each run's first entry and its compressed lines."""
    buckets: list[tuple[str, bytes]] = []
    group: list[str] = []
    size = 0
    for number, entry in enumerate(entries):
        text = line(entry)
        group.append(text)
        size += len(text.encode("utf-8")) + 1
        if size >= BUCKET_BYTES or number == len(entries) - 1:
            blob = zlib.compress(("".join(f"\n{text}" for text in group) + "\n").encode("utf-8"), 9)
            buckets.append((entries[number - len(group) + 1], blob))
            group, size = [], 0
    return buckets


def verify(data: bytes) -> None:
    """Refuse ``data`` unless it holds exactly jieba's words, counts, total and HMM."""
    dictionary = TitleDictionary.of_bytes(data)
    words, total = jieba_words()
    start, trans, emit = jieba_hmm()
    if dictionary.total != total or dictionary.everything() != words:
        raise SystemExit("the built dictionary differs from jieba's")
    if dictionary.start != start or dictionary.trans != trans:
        raise SystemExit("the built HMM start/transition probabilities differ from jieba's")
    for state in STATES:
        for char, value in emit[state].items():
            if dictionary.emission(state, char) != value:
                raise SystemExit(f"the built emission {state}/{char} differs from jieba's")


def main() -> None:
    data = build()
    verify(data)
    # A new file renamed over the old, never written in place: a running process has the old one mapped.
    temporary = Path(f"{DATA_FILE}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, DATA_FILE)
    print(f"{DATA_FILE}: {len(data):,} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
