"""ms per document: plain docxtpl (open + patch + compile + render + save, every time) vs a prepared Template.

    python benchmarks/render_speed.py

Both render the bundled template with the same context (tests/test_docxtpl_equivalence.py checks that
the documents are the same), on the seed speech and on one 10× longer. Target: docgen ≥ 10× faster.
"""

from __future__ import annotations

import common  # noqa: F401  (puts the checkout on sys.path)


def main() -> None:
    from common import long_speech_data, per_call_ms, ratio_line, seed_data

    from docgen import Speech, Template
    from docgen.template import templates_dir
    from tests.test_docxtpl_equivalence import docxtpl_context, plain_docxtpl

    path = templates_dir() / "speech.docx"
    template = Template("speech")
    for label, data in (("seed", seed_data()), ("seed ×10", long_speech_data(10))):
        speech = Speech.model_validate(data)
        context, reference = speech.to_context(), docxtpl_context(speech)
        plain = per_call_ms(lambda reference=reference: plain_docxtpl(path, reference))
        ours = per_call_ms(lambda speech=speech: template.render(speech))
        ours_context = per_call_ms(lambda context=context: template.render(context))
        xml_kib = len(template._render_part(template._parts[0], context)) // 1024
        print(f"[{label}] word/document.xml {xml_kib} KiB")
        print(f"  plain docxtpl                      {plain:8.2f} ms/document")
        print(f"  docgen Template.render(speech)     {ours:8.2f} ms/document (includes Speech.to_context)")
        print(f"  docgen Template.render(context)    {ours_context:8.2f} ms/document")
        print("  " + ratio_line("speed-up, speech", plain / ours, "≥ 10×"))
        print("  " + ratio_line("speed-up, context", plain / ours_context, "≥ 10×"))


if __name__ == "__main__":
    main()
