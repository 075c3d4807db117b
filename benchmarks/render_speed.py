"""ms per document: plain docxtpl, docgen's prepared Template, and the floor — measured in one run.

    python benchmarks/render_speed.py

- **plain docxtpl**: ``DocxTemplate(path)`` + ``render(context, autoescape=True)`` + ``save``, per document, as
  its users write it (tests/test_docxtpl_equivalence.py checks that the documents are the same);
- **docgen**: ``Template("speech").render(speech)`` (the context built from the speech each time) and
  ``render(context)``;
- **the floor**: the least a render of this template can do — plain Jinja2 (autoescape, None as nothing)
  rendering the same prepared sources, and zipfile appending the rendered parts to a zip of the other parts
  compressed once. Its word/document.xml is checked to be byte-identical to docgen's before anything is timed.
  It is timed twice: at zipfile's default deflate level (6), and at docgen's level (`DEFLATE_LEVEL`), so
  that a cheaper level is not mistaken for a faster render.

On the seed speech and on one 10× longer. All contenders are timed in alternation (rounds of ~0.25 s of CPU
time each, medians), so load from other processes falls on all alike. Then the deflate levels on the rendered
document.xml: time and size, the figures `DEFLATE_LEVEL` was chosen by.
Targets (issue 14): ≥ 25× plain docxtpl and ≤ 1.3× the floor, at 1× and 10×.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Any

import common  # noqa: F401  (puts the checkout on sys.path)


class Floor:
    """Plain Jinja2 + a zip of pre-compressed parts, from docgen's own prepared sources of the template."""

    def __init__(self, template: Any, level: int | None) -> None:
        import jinja2

        prepared = template._prepared_sources(template._source)
        environment = jinja2.Environment(autoescape=True, finalize=lambda value: "" if value is None else value)
        # docgen's sources put each paragraph on its own line for Jinja's error messages and take the line
        # breaks out after rendering; the floor takes them out of the source instead.
        self.parts = [
            (part.name, environment.from_string(part.head + part.source.replace("\n<w:p", "<w:p") + part.tail))
            for part in prepared.parts
        ]
        rendered = {name for name, _ in self.parts}
        base = io.BytesIO()
        with zipfile.ZipFile(base, "w", zipfile.ZIP_DEFLATED) as package:
            for name, blob in template._entries.items():
                if name not in rendered:
                    package.writestr(name, blob)
        self.base = base.getvalue()
        self.level = level

    def render(self, context: dict[str, Any]) -> bytes:
        out = io.BytesIO(self.base)
        with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED, compresslevel=self.level) as package:
            for name, part in self.parts:
                package.writestr(name, part.render(context).encode("utf-8"))
        return out.getvalue()


def document_xml(package: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(package)).read("word/document.xml")


def main() -> None:
    from common import alternated_ms, long_speech_data, ratio_line, seed_data

    from docgen import Speech, Template
    from docgen.template.prepared import templates_dir
    from docgen.template.zip_output import DEFLATE_LEVEL
    from tests.test_docxtpl_equivalence import docxtpl_context, plain_docxtpl

    path = templates_dir() / "speech.docx"
    template = Template("speech")
    floor_default, floor_level = Floor(template, None), Floor(template, DEFLATE_LEVEL)
    documents = {}
    for label, data in (("seed", seed_data()), ("seed ×10", long_speech_data(10))):
        speech = Speech.model_validate(data)
        context, reference = speech.to_context(), docxtpl_context(speech)
        ours = document_xml(template.render(context))
        for floor in (floor_default, floor_level):
            if document_xml(floor.render(context)) != ours:
                raise SystemExit(f"[{label}] the floor's word/document.xml differs from docgen's: not a floor")
        if document_xml(template.render(speech)) != ours:
            raise SystemExit(f"[{label}] render(speech) and render(context) differ")
        documents[label] = ours
        ms = alternated_ms(
            {
                "docxtpl": lambda reference=reference: plain_docxtpl(path, reference),
                "speech": lambda speech=speech: template.render(speech),
                "context": lambda context=context: template.render(context),
                "floor": lambda context=context: floor_default.render(context),
                "floor_level": lambda context=context: floor_level.render(context),
            }
        )
        print(f"[{label}] word/document.xml {len(ours) // 1024} KiB (byte-identical from docgen and the floor)")
        print(f"  plain docxtpl                          {ms['docxtpl']:8.3f} ms/document")
        print(f"  docgen Template.render(speech)         {ms['speech']:8.3f} ms/document (includes Speech.to_context)")
        print(f"  docgen Template.render(context)        {ms['context']:8.3f} ms/document")
        print(f"  floor, zipfile's deflate level 6       {ms['floor']:8.3f} ms/document")
        print(f"  floor, docgen's deflate level {DEFLATE_LEVEL}        {ms['floor_level']:8.3f} ms/document")
        level = DEFLATE_LEVEL
        for name, value, target in (
            ("plain docxtpl / render(speech)", ms["docxtpl"] / ms["speech"], "≥ 25×"),
            ("plain docxtpl / render(context)", ms["docxtpl"] / ms["context"], "≥ 25×"),
            ("render(speech) / floor at level 6", ms["speech"] / ms["floor"], "≤ 1.3×"),
            ("render(context) / floor at level 6", ms["context"] / ms["floor"], "≤ 1.3×"),
            (f"render(speech) / floor at level {level}", ms["speech"] / ms["floor_level"], "≤ 1.3×"),
            (f"render(context) / floor at level {level}", ms["context"] / ms["floor_level"], "≤ 1.3×"),
        ):
            print("  " + ratio_line(f"{name:38}", value, target))
    deflate_levels(documents)


def deflate_levels(documents: dict[str, bytes]) -> None:
    """What each deflate level costs and saves on the rendered document.xml (what every render compresses)."""
    from common import alternated_ms

    from docgen.template.zip_output import DEFLATE_LEVEL

    choices = {str(level): (level, zlib.Z_DEFAULT_STRATEGY) for level in (0, 1, 2, 3, 4, 5, 6, 9)}
    choices |= {"1 rle": (1, zlib.Z_RLE), "1 huffman": (1, zlib.Z_HUFFMAN_ONLY)}  # the cheaper strategies
    print(f"deflate of word/document.xml by level (docgen uses {DEFLATE_LEVEL}); ms per compression, KiB out")
    for label, xml in documents.items():

        def deflate(choice: tuple[int, int], xml: bytes = xml) -> bytes:
            compressor = zlib.compressobj(choice[0], zlib.DEFLATED, -15, 8, choice[1])
            return compressor.compress(xml) + compressor.flush()

        timed = {name: lambda c=choice: deflate(c) for name, choice in choices.items()}
        ms = alternated_ms(timed, rounds=5, seconds=0.1)
        cells = "  ".join(f"{name}: {ms[name]:.3f} ms {len(deflate(c)) / 1024:.1f} KiB" for name, c in choices.items())
        print(f"  [{label}, {len(xml) / 1024:.0f} KiB] {cells}")


if __name__ == "__main__":
    main()
