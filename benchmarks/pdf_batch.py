"""PDF for 20 documents: one LibreOffice run for all (what `docgen batch --pdf` does) vs 20 separate runs.

    python benchmarks/pdf_batch.py [N]      # N defaults to 20

Target: the single run at least 3× faster.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from common import ratio_line, seed_data


def main() -> None:
    from docgen import Speech, Template
    from docgen.output.pdf import to_pdf, to_pdf_many

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    template, data = Template("speech"), seed_data()
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as work:
        documents = []
        for number in range(count):
            data["title"] = f"第{number + 1}篇：在全县工作会议上的讲话"
            path = Path(work, f"speech-{number:03d}.docx")
            path.write_bytes(template.render(Speech.model_validate(data)))
            documents.append(path)
        one_run, separate = Path(work, "one-run"), Path(work, "separate")
        one_run.mkdir()
        separate.mkdir()

        started = time.perf_counter()
        to_pdf_many(documents, one_run)
        batch_seconds = time.perf_counter() - started

        started = time.perf_counter()
        for path in documents:
            to_pdf(path, separate)
        separate_seconds = time.perf_counter() - started

    for label, seconds in (("one LibreOffice run ", batch_seconds), ("one run per document", separate_seconds)):
        print(f"  {count} documents, {label}: {seconds:6.2f} s ({seconds / count:.2f} s/document)")
    print(ratio_line("one run vs separate runs", separate_seconds / batch_seconds, "≥ 3×"))


if __name__ == "__main__":
    main()
