"""The real-speech corpus (tests/data/corpus/) and how the importer is measured on it.

A case is `NNN_genre_slug.txt` (a draft exactly as found on a public page) with `NNN_genre_slug.expected` (the
hand annotation, `ROLE<TAB>TEXT` per paragraph; see tests/data/corpus/README.md) and an entry in `sources.yaml`.
`score_case` imports the .txt with `docgen.importer.import_file`, renders it with the bundled template, reads the
.docx back with python-docx and compares, paragraph by paragraph, the role each paragraph got (its named
paragraph style, refined by the character style of its first run) with the annotation; and, character by
character, the rendered text with the source.

Only public interfaces are used (import_file, render, DocgenError, the style names of the template reference), so
the harness measures whatever the model and importer are at the moment.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import io
import itertools
import re
from collections import Counter
from collections.abc import Container, Iterator
from pathlib import Path

import yaml

CORPUS = Path(__file__).parent / "data" / "corpus"
HELDOUT = CORPUS / "heldout"

ROLES = (
    "title", "subtitle", "date", "speaker", "salutation",
    "h1", "h2", "h3", "h4", "h2-runin", "h3-runin", "h4-runin", "point", "body",
)
GENRES = ("shuzhi", "gongzuo", "dongyuan", "kaiban", "biaozhang", "zuotan", "biaotai", "zhuchi", "dangke", "other")
HEADER_ROLES = ("title", "subtitle", "date", "speaker")  # docgen prints these first, in this order

PARAGRAPH_STYLE_ROLES = {
    "讲话标题": "title",
    "讲话副标题": "subtitle",
    "讲话日期": "date",
    "讲话人": "speaker",
    "讲话称谓": "salutation",
    "讲话一级标题": "h1",
    "讲话二级标题": "h2",
    "讲话三级标题": "h3",
    "讲话四级标题": "h4",
    "讲话正文": "body",
}
# The character style of a body paragraph's first run says it opens with a run-in point or heading.
RUN_STYLE_ROLES = {"讲话要点": "point"}
# 讲话一级标题（接排） exists in the template, but an office writer never runs a level-1 heading into its body, so
# "h1-runin" is a role a rendered paragraph can get (and is then wrong), never one an annotation uses.
RUN_IN_HEADING_STYLE = re.compile(r"讲话([一二三四])级标题（接排）")
LEVELS = {"一": "1", "二": "2", "三": "3", "四": "4"}


class CorpusError(AssertionError):
    """A case of the corpus is malformed (annotation does not match its source, unknown role, no source entry)."""


# ------------------------------------------------------------------------------------------------ the cases


@dataclasses.dataclass(frozen=True)
class Case:
    path: Path  # the .txt
    expected: list[tuple[str, str]]  # (role, text) per paragraph
    # Annotated paragraphs whose typed label the draft does not hold (a Word draft made of the case that gives
    # the heading a heading style or 黑体 instead): printed or not, that label is no character of the draft's.
    unlabelled: frozenset[int] = frozenset()

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def genre(self) -> str:
        return self.name.split("_")[1]

    @property
    def heldout(self) -> bool:
        return self.path.parent == HELDOUT


def case_paths(folder: Path = CORPUS) -> list[Path]:
    return sorted(folder.glob("[0-9][0-9][0-9]_*.txt"))


def all_case_paths() -> list[Path]:
    return case_paths(CORPUS) + case_paths(HELDOUT)


@functools.cache
def sources() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = {}
    for folder in (CORPUS, HELDOUT):
        file = folder / "sources.yaml"
        if file.is_file():
            data.update(yaml.safe_load(file.read_text(encoding="utf-8")) or {})
    return data


def without_whitespace(text: str) -> str:
    return re.sub(r"\s", "", text)


def load_case(path: Path) -> Case:
    """Read a case and check its annotation against its source; raises `CorpusError` if they disagree."""
    expected_path = path.with_suffix(".expected")
    if not expected_path.is_file():
        raise CorpusError(f"{path.name}: no {expected_path.name}")
    expected: list[tuple[str, str]] = []
    for number, line in enumerate(expected_path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        role, tab, text = line.partition("\t")
        if not tab or role not in ROLES or not text.strip():
            raise CorpusError(f"{expected_path.name}:{number}: want ROLE<TAB>TEXT with ROLE one of {ROLES}: {line!r}")
        expected.append((role, text))
    case = Case(path, expected)
    if case.genre not in GENRES:
        raise CorpusError(f"{path.name}: genre {case.genre!r} is not one of {GENRES}")
    source = without_whitespace(path.read_text(encoding="utf-8"))
    annotated = without_whitespace("".join(text for _, text in expected))
    if annotated != source:
        pairs = enumerate(zip(annotated, source, strict=False))
        at = next((i for i, (a, b) in pairs if a != b), min(len(annotated), len(source)))
        raise CorpusError(
            f"{path.name}: the annotation's text differs from the source at character {at}: "
            f"annotation …{annotated[max(0, at - 15):at + 15]}… source …{source[max(0, at - 15):at + 15]}…"
        )
    if [role for role, _ in expected].count("title") != 1:
        raise CorpusError(f"{expected_path.name}: exactly one title paragraph is needed")
    return case


# ------------------------------------------------------------------------------------------- normalisation

# docgen widens half-width punctuation after Chinese text (README “规范化”); compare modulo width.
WIDTH = str.maketrans({",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"})
ENUMERATOR = re.compile(
    # (第一 with its mark or measure word only: "第一书记" is a word, not a label)
    r"^(?:第[一二三四五六七八九十百]+(?:(?:部分|条|个方面|方面)[，,、：:．.]?|[，,、：:．.])|[一二三四五六七八九十百]+(?:是|要|[、，,．.])"
    r"|[（(][一二三四五六七八九十百]+[）)]|\d+[.．、,，]|[（(]\d+[）)]|其[一二三四五六七八九十])"
)
DASHES = re.compile(r"^[—─-]+")
# A PDF page number the importer leaves out ("— 3 —", "- 3 -", "第3页"), as it stands in folded text.
PAGE_NUMBER = re.compile(r"[-—–－─~～]+\d{1,4}[-—–－─~～]+|第\d{1,4}页(?:[，,]?共\d{1,4}页)?")
CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0, "O": 0}
_DAY = "([0-9一二三四五六七八九十]{1,3})"
DATE = re.compile(f"([0-9〇零○一二三四五六七八九]{{4}})年{_DAY}月{_DAY}日")


def fold(text: str) -> str:
    return without_whitespace(text).translate(WIDTH)


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 4:  # 二〇一九
        return int("".join(str(CN_DIGITS[c]) for c in text))
    tens, _, units = text.rpartition("十")
    if "十" not in text:
        return CN_DIGITS[text]
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[units] if units else 0)


def date_of(text: str) -> tuple[int, int, int] | None:
    match = DATE.search(without_whitespace(text))
    if match is None:
        return None
    try:
        return _number(match[1]), _number(match[2]), _number(match[3])
    except (KeyError, ValueError):
        return None


def key(text: str, role: str = "") -> str:
    """What identifies a paragraph across import and render: its letters and digits, without a leading
    enumerator (typed or generated) or "——", a date line as its date."""
    if role == "date" and (date := date_of(text)) is not None:
        return "DATE{}-{}-{}".format(*date)
    text = ENUMERATOR.sub("", DASHES.sub("", without_whitespace(text)))
    return "".join(ch for ch in text if ch.isalnum())


# ------------------------------------------------------------------------------------------------ rendering


@dataclasses.dataclass(frozen=True)
class Rendered:
    role: str
    text: str
    first_run: str  # the text of the first run with text (where a generated label sits)


def role_of(paragraph_style: str, run_style: str) -> str:
    role = PARAGRAPH_STYLE_ROLES.get(paragraph_style, f"?{paragraph_style}")
    if role == "body":
        if run_style in RUN_STYLE_ROLES:
            return RUN_STYLE_ROLES[run_style]
        if match := RUN_IN_HEADING_STYLE.fullmatch(run_style):
            return f"h{LEVELS[match[1]]}-runin"
    return role


def rendered_paragraphs(document: bytes) -> list[Rendered]:
    from docx import Document

    paragraphs = []
    for paragraph in Document(io.BytesIO(document)).paragraphs:
        if not paragraph.text.strip():
            continue
        run = next((r for r in paragraph.runs if r.text.strip()), None)
        run_style = run.style.name if run is not None and run.style is not None else ""
        style = paragraph.style.name if paragraph.style is not None else ""
        paragraphs.append(Rendered(role_of(style, run_style), paragraph.text, run.text if run else ""))
    return paragraphs


# ---------------------------------------------------------------------------------------------- measuring


@dataclasses.dataclass
class Mismatch:
    expected_role: str
    got_role: str  # "—" when no rendered paragraph has this paragraph's text
    text: str


@dataclasses.dataclass
class CaseScore:
    case: Case
    refused: str | None = None  # the importer's error, if it refused the draft
    title_right: bool = False
    got_title: str = ""
    paragraphs: int = 0
    right: int = 0
    non_body: int = 0
    non_body_right: int = 0
    lost: int = 0
    added: int = 0
    moved: int = 0
    stray_spaces: int = 0  # spaces left inside a sentence (PDF line breaks) that the annotation does not have
    mismatches: list[Mismatch] = dataclasses.field(default_factory=list)
    char_diffs: list[str] = dataclasses.field(default_factory=list)
    space_diffs: list[str] = dataclasses.field(default_factory=list)


def score_case(case: Case, template: str = "speech") -> CaseScore:
    from docgen import DocgenError, render
    from docgen.importer import import_file

    score = CaseScore(case)
    score.paragraphs = len(case.expected)
    score.non_body = sum(role != "body" for role, _ in case.expected)
    try:
        speech = import_file(case.path).speech
    except DocgenError as error:  # a refusal scores zero: the user got no document
        score.refused = str(error).splitlines()[0]
        score.mismatches = [Mismatch(role, "—", text) for role, text in case.expected]
        return score
    rendered = rendered_paragraphs(render(speech, template))
    expected_title = next(text for role, text in case.expected if role == "title")
    score.got_title = "".join(p.text for p in rendered if p.role == "title")
    score.title_right = fold(score.got_title) == fold(expected_title)
    _score_roles(score, rendered)
    _score_characters(score, rendered)
    return score


def _score_roles(score: CaseScore, rendered: list[Rendered]) -> None:
    """Each annotated paragraph is right when a rendered paragraph with the same text (`key`) has its role.
    Rendered paragraphs are taken in order; the header block may come back in docgen's order."""
    keys: dict[str, list[int]] = {}
    for index, paragraph in enumerate(rendered):
        keys.setdefault(key(paragraph.text, paragraph.role), []).append(index)
    used: set[int] = set()
    last = -1
    for role, text in score.case.expected:
        candidates = [i for i in keys.get(key(text, role), []) if i not in used]
        after = [i for i in candidates if i > last]
        index = after[0] if after else (candidates[0] if candidates else None)
        if index is None:
            score.mismatches.append(Mismatch(role, "—", text))
            continue
        used.add(index)
        if role not in HEADER_ROLES:
            last = index
        # (a title's line breaks are docgen's own, and so are a subtitle's: `model.title.break_subtitle`)
        shown = rendered[index].text.replace("\n", "") if rendered[index].role == "subtitle" else rendered[index].text
        extra = 0 if rendered[index].role == "title" else _inner_spaces(shown) - _inner_spaces(text)
        if extra > 0:
            score.stray_spaces += extra
            score.space_diffs.append(rendered[index].text.strip()[:40])
        got = rendered[index].role
        if got == role:
            score.right += 1
            score.non_body_right += role != "body"
        else:
            score.mismatches.append(Mismatch(role, got, text))


def _inner_spaces(text: str) -> int:
    # A space between two ASCII letters or digits ("v1.2 (beta)", "Times New Roman") is a word space.
    return len(re.findall(r"(?<![A-Za-z0-9])\s+|(?<=[A-Za-z0-9])\s+(?![A-Za-z0-9])", text.strip()))


def _typed_label(role: str, raw: str) -> re.Match[str] | None:
    """The enumerator typed at the start of an annotated paragraph (after a "——"), if any."""
    return ENUMERATOR.match(DASHES.sub("", fold(raw))) if role != "title" else None


def _label_pairs(case: Case, rendered: list[Rendered]) -> tuple[set[int], set[int]]:
    """Where a label is no normalisation: the rendered paragraphs (ids) whose label docgen made up for a paragraph
    the author wrote without one (an unnumbered heading given "一、": added characters), and the annotated
    paragraphs (indices) whose typed label the document does not print (lost ones). Paragraphs are paired by
    text (`key`), in order; a paragraph without a partner (split or joined differently) gets the benefit of
    the doubt."""
    expected = case.expected
    keys: dict[str, list[int]] = {}
    for index, (role, raw) in enumerate(expected):
        keys.setdefault(key(raw, role), []).append(index)
    invented: set[int] = set()
    dropped: set[int] = set()
    for paragraph in rendered:
        if paragraph.role == "title":
            continue
        candidates = keys.get(key(paragraph.text, paragraph.role))
        if not candidates:
            continue
        index = candidates.pop(0)
        typed = _typed_label(*expected[index]) is not None
        printed = ENUMERATOR.match(fold(paragraph.text)) is not None
        if printed and not typed:
            invented.add(id(paragraph))
        elif typed and not printed and index not in case.unlabelled:
            dropped.add(index)
    return invented, dropped


def _generated_spans(rendered: list[Rendered], invented: Container[int] = ()) -> tuple[str, set[int]]:
    """The rendered text (folded) and the positions of what the template generates: enumerator labels at a
    paragraph's start (but not one made up for a paragraph the author left unnumbered: ``invented``), the
    subtitle's "——", the "：" closing a run-in label or a salutation."""
    text, generated = [], set()
    position = 0
    for paragraph in rendered:
        folded = fold(paragraph.text)
        spans: list[tuple[int, int]] = []
        if paragraph.role == "subtitle" and (dash := DASHES.match(folded)):
            spans.append(dash.span())
        if paragraph.role != "title" and id(paragraph) not in invented and (label := ENUMERATOR.match(folded)):
            spans.append(label.span())
        first = fold(paragraph.first_run)
        run_in = paragraph.role.endswith("runin") or paragraph.role == "point"
        if run_in and first.endswith("：") and folded.startswith(first):
            spans.append((len(first) - 1, len(first)))
        if paragraph.role == "salutation" and folded.endswith("："):
            spans.append((len(folded) - 1, len(folded)))
        for start, end in spans:
            generated.update(range(position + start, position + end))
        text.append(folded)
        position += len(folded)
    return "".join(text), generated


def _typed_spans(
    expected: list[tuple[str, str]], rendered: list[Rendered], dropped: Container[int] = ()
) -> tuple[str, set[int]]:
    """The source text (folded, in annotation order) and the positions of what docgen may replace with its own
    generated form: typed enumerators (unless the document prints none there: ``dropped``) and "——" at a
    paragraph's start, a date line that came out as a date."""
    dates = [p.text for p in rendered if p.role == "date"]
    text, typed = [], set()
    position = 0
    for number, (role, raw) in enumerate(expected):
        folded = fold(raw)
        if role == "date" and dates and date_of(raw) is not None and date_of(raw) == date_of(dates[0]):
            folded = _with_rendered_date(folded, fold(dates[0]))
        spans: list[tuple[int, int]] = []
        if dash := DASHES.match(folded):
            spans.append(dash.span())
        if role != "title" and number not in dropped and (label := ENUMERATOR.match(DASHES.sub("", folded))):
            offset = len(folded) - len(DASHES.sub("", folded))
            spans.append((label.start() + offset, label.end() + offset))
        if role == "salutation" and folded.endswith("："):
            spans.append((len(folded) - 1, len(folded)))
        spans += [m.span() for m in PAGE_NUMBER.finditer(folded)]  # PDF page numbers go (README 规范化)
        for start, end in spans:
            typed.update(range(position + start, position + end))
        text.append(folded)
        position += len(folded)
    return "".join(text), typed


def _with_rendered_date(line: str, rendered: str) -> str:
    """A date line with its date (and the brackets around it) as docgen writes it, "（2019年3月31日）"; the rest of
    the line ("义龙新区新闻中心", "根据录音整理") stays in the source, so that losing it is counted."""
    match = DATE.search(line)
    if match is None:
        return rendered
    start, end = match.span()
    if start and line[start - 1] in "（(":
        start -= 1
    if end < len(line) and line[end] in "）)":
        end += 1
    return line[:start] + rendered + line[end:]


def _header_orders(rendered: list[Rendered]) -> Iterator[list[Rendered]]:
    head = 0
    while head < len(rendered) and rendered[head].role in HEADER_ROLES:
        head += 1
    for order in itertools.permutations(rendered[:head]):
        yield [*order, *rendered[head:]]


def _score_characters(score: CaseScore, rendered: list[Rendered]) -> None:
    """Characters lost, added or moved between source and document, modulo docgen's documented normalisations
    (whitespace, punctuation width, generated enumerators, "——", "：" after labels and salutations, the date
    line, and the fixed order title → subtitle → date → speaker of the header block)."""
    invented, dropped = _label_pairs(score.case, rendered)
    source, typed = _typed_spans(score.case.expected, rendered, dropped)

    def header_fit(order: list[Rendered]) -> float:
        head = "".join(fold(p.text) for p in order if p.role in HEADER_ROLES)
        return difflib.SequenceMatcher(None, head, source[: len(head)], autojunk=False).ratio()

    best = max(_header_orders(rendered), key=header_fit)
    document, generated = _generated_spans(best, invented)
    lost: Counter[str] = Counter()
    added: Counter[str] = Counter()
    matcher = difflib.SequenceMatcher(None, source, document, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        gone = "".join(source[i] for i in range(i1, i2) if i not in typed)
        new = "".join(document[j] for j in range(j1, j2) if j not in generated)
        lost.update(gone)
        added.update(new)
        if gone or new:
            score.char_diffs.append(f"源文“{source[max(0, i1 - 8):i2 + 8]}” → 文档“{document[max(0, j1 - 8):j2 + 8]}”")
    moved = lost & added
    score.moved = sum(moved.values())
    score.lost = sum((lost - moved).values())
    score.added = sum((added - moved).values())


# ------------------------------------------------------------------------------------------------- totals


@dataclasses.dataclass
class Totals:
    cases: int = 0
    titles_right: int = 0
    refused: int = 0
    paragraphs: int = 0
    right: int = 0
    non_body: int = 0
    non_body_right: int = 0
    lost: int = 0
    added: int = 0
    moved: int = 0
    stray_spaces: int = 0

    def add(self, score: CaseScore) -> None:
        self.cases += 1
        self.titles_right += score.title_right
        self.refused += score.refused is not None
        for name in ("paragraphs", "right", "non_body", "non_body_right", "lost", "added", "moved", "stray_spaces"):
            setattr(self, name, getattr(self, name) + getattr(score, name))

    @property
    def role_accuracy(self) -> float:
        return 100 * self.right / self.paragraphs if self.paragraphs else 100.0

    @property
    def non_body_accuracy(self) -> float:
        return 100 * self.non_body_right / self.non_body if self.non_body else 100.0


def totals(scores: list[CaseScore]) -> Totals:
    result = Totals()
    for score in scores:
        result.add(score)
    return result
