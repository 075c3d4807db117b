"""PDF conversion never reaches the network or reads files outside the document: a document that links
anything is refused before LibreOffice starts, and LibreOffice's private profile blocks linked content even
if one got through. Shown with a local HTTP server that records every request and a file:/// picture."""

from __future__ import annotations

import contextlib
import http.server
import struct
import threading
import zlib
from pathlib import Path
from typing import Any

import pytest

from docgen.output import pdf
from docgen.output.pdf import PdfError, to_pdf

from . import hostile_files as hf


def _has_soffice() -> bool:
    try:
        pdf.find_soffice()
    except PdfError:
        return False
    return True


pytestmark = pytest.mark.skipif(not _has_soffice(), reason="LibreOffice is not installed")


def png(pixel: bytes) -> bytes:
    raw = b"".join(b"\x00" + pixel * 8 for _ in range(8))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


@pytest.fixture
def server():
    hits: list[str] = []
    picture = png(b"\xff\x00\x00")

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(picture)))
            self.end_headers()
            self.wfile.write(picture)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    httpd.shutdown()


def hostile_document(tmp_path: Path, base_url: str) -> Path:
    local = tmp_path / "本机图片.png"
    local.write_bytes(png(b"\x00\x00\xff"))
    data = hf.plain_docx(("正文。",))
    data = hf.external_image(data, f"{base_url}/by-url.png")
    data = hf.add_relationship(data, "rIdFile", hf.REL_IMAGE, local.as_uri())
    data = hf.add_body_xml(data, hf.external_image_paragraph("rIdFile"))
    data = hf.add_body_xml(data, hf.complex_field(f'INCLUDEPICTURE "{base_url}/by-field.png" \\d', "域"))
    path = tmp_path / "外链.docx"
    path.write_bytes(data)
    return path


def images_in(pdf_bytes: bytes) -> int:
    return pdf_bytes.count(b"/Subtype /Image") + pdf_bytes.count(b"/Subtype/Image")


def test_a_document_with_links_is_refused_before_libreoffice_starts(tmp_path, server, monkeypatch):
    base_url, hits = server
    source = hostile_document(tmp_path, base_url)
    monkeypatch.setattr(pdf, "_run_soffice", lambda *a, **k: pytest.fail("LibreOffice was started"))
    with pytest.raises(PdfError, match="外部图片"):
        to_pdf(source)
    assert hits == [] and not source.with_suffix(".pdf").exists()


def office(started: bool) -> Any:
    """A LibreOffice started ahead (as `docgen render --pdf` does), or none: the conversion starts its own."""
    return pdf.started_office() if started else contextlib.nullcontext(None)


AHEAD = pytest.mark.parametrize("started", [False, True], ids=["own-start", "started-ahead"])


@AHEAD
def test_libreoffice_itself_fetches_nothing_and_embeds_no_local_file(tmp_path, server, monkeypatch, started):
    # Defence in depth: with docgen's refusal switched off, the hardened profile alone keeps LibreOffice in.
    base_url, hits = server
    source = hostile_document(tmp_path, base_url)
    monkeypatch.setattr(pdf, "_refuse_active", lambda source: None)
    with office(started) as running:
        made = to_pdf(source, tmp_path / "out.pdf", office=running)
    data = made.read_bytes()
    assert data.startswith(b"%PDF")
    assert hits == []  # no request reached the server
    assert images_in(data) == 0  # neither the URL picture nor the local file is in the PDF


@AHEAD
def test_the_same_conversion_without_the_profile_settings_does_reach_out(tmp_path, server, monkeypatch, started):
    # Guards the test above: it could pass only because the payload never worked. Started ahead, this also
    # shows the document is converted under the profile docgen prepared for the LibreOffice it started.
    base_url, hits = server
    source = hostile_document(tmp_path, base_url)
    monkeypatch.setattr(pdf, "_refuse_active", lambda source: None)
    monkeypatch.setattr(pdf, "_write_profile", lambda profile: None)
    with office(started) as running:
        data = to_pdf(source, tmp_path / "out.pdf", office=running).read_bytes()
    assert hits and images_in(data) >= 1
