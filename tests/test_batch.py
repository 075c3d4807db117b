"""docgen batch: many inputs into one folder, safe names, failures reported while the others go on."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from docgen.cli import main
from docgen.errors import OutputError
from docgen.output import batch, staging

from .conftest import SEED_YAML, docx_paragraphs

GOOD = "title: 在全县工作会议上的讲话\nclosing: [谢谢大家！]\n"


def run_batch(capsys, *args: str) -> tuple[int, dict, str]:
    """Run ``docgen batch`` in-process; stdout is not a terminal here, so it is the JSON summary."""
    code = main(["batch", *args])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def speeches(tmp_path) -> Path:
    folder = tmp_path / "speeches"
    folder.mkdir()
    shutil.copy(SEED_YAML, folder / "seed.yaml")
    write(folder / "short.json", json.dumps({"title": "短讲话", "opening": ["开头。"]}, ensure_ascii=False))
    write(folder / "broken.yaml", "salutation: 同志们\n")  # no title
    write(folder / "notes.md", "not a speech")  # other files in a folder are not inputs
    write(folder / "sub" / "deeper.yaml", GOOD)  # nor are subfolders
    return folder


def test_a_bad_input_is_reported_and_the_others_are_written(tmp_path, capsys, speeches):
    out = tmp_path / "out"
    code, summary, err = run_batch(capsys, str(speeches), "-o", str(out))
    assert code == 2
    assert sorted(p.name for p in out.iterdir()) == ["seed.docx", "short.docx"]
    broken = next(d for d in summary["documents"] if d["input"].endswith("broken.yaml"))
    assert broken["ok"] is False and broken["output"] is None
    assert "title" in broken["error"] and "缺少必填字段" in broken["error"]
    assert "broken.yaml" in err  # also told on stderr, as it happens
    assert docx_paragraphs((out / "short.docx").read_bytes())[-1] == ("讲话正文", "开头。")


def test_json_summary_shape(tmp_path, capsys, speeches):
    code, summary, _ = run_batch(capsys, str(speeches), "-o", str(tmp_path / "out"), "--json")
    assert code == 2
    assert set(summary) == {
        "ok", "total", "succeeded", "skipped", "failed", "outdir", "template", "pdf", "pdf_error", "seconds",
        "documents", "ignored_files",
    }  # fmt: skip
    assert (summary["ok"], summary["total"], summary["succeeded"], summary["failed"]) == (False, 3, 2, 1)
    assert summary["template"] == "speech" and summary["pdf"] is False and summary["pdf_error"] is None
    assert [Path(d["input"]).name for d in summary["documents"]] == ["broken.yaml", "seed.yaml", "short.json"]
    for document in summary["documents"]:
        assert set(document) == {"input", "ok", "output", "pdf", "error", "skipped", "import"}
        assert document["ok"] == (document["error"] is None) == (document["output"] is not None)
    assert Path(summary["documents"][1]["output"]) == tmp_path / "out" / "seed.docx"


def test_all_good_exits_0(tmp_path, capsys):
    source = write(tmp_path / "a.yaml", GOOD)
    code, summary, err = run_batch(capsys, str(source), "-o", str(tmp_path / "new" / "out"))
    assert (code, summary["ok"], err) == (0, True, "")
    assert zipfile.is_zipfile(tmp_path / "new" / "out" / "a.docx")


def test_collisions_are_numbered_in_a_fixed_order(tmp_path, capsys):
    folder = tmp_path / "in"
    for name in ("a.json", "a.yaml", "A.yml", "a-2.yaml"):
        write(folder / name, json.dumps({"title": name}))  # JSON is YAML too
    out = tmp_path / "out"
    code, summary, _ = run_batch(capsys, str(folder), "-o", str(out))
    assert code == 0
    names = {Path(d["input"]).name: Path(d["output"]).name for d in summary["documents"]}
    # Sorted by name, a.yaml before a.yml before a.json; A and a are one name on Windows and macOS, and a
    # name made by numbering is taken like any other.
    assert names == {"A.yml": "A.docx", "a.yaml": "a-2.docx", "a.json": "a-3.docx", "a-2.yaml": "a-2-2.docx"}
    for source, target in names.items():
        assert docx_paragraphs((out / target).read_bytes())[0][1] == source


def test_names_never_leave_the_output_folder(tmp_path, capsys):
    hostile = ["..yaml", "...yaml", " .yaml", "a\\..\\b.yaml", 'c:"x"|y?.yaml', "e\x01f.yaml", "讲话 .yaml"]
    assert [batch.output_stem(Path(name)) for name in hostile] == [
        "讲话", "讲话", "讲话", "a_.._b", "c__x__y_", "e_f", "讲话"
    ]  # fmt: skip
    sources = [write(tmp_path / "in" / name, GOOD) for name in hostile]
    sources.append(write(tmp_path / "up.yaml", GOOD))
    out = tmp_path / "in" / "out"
    code, summary, _ = run_batch(capsys, *map(str, sources), str(tmp_path / "in" / ".." / "up.yaml"), "-o", str(out))
    assert code == 0 and summary["total"] == len(hostile) + 1  # up.yaml, named twice, is one input
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(Path(d["output"]).name for d in summary["documents"])
    assert written == [
        "a_.._b.docx",
        "c__x__y_.docx",
        "e_f.docx",
        "up.docx",
        "讲话-2.docx",
        "讲话-3.docx",
        "讲话-4.docx",
        "讲话.docx",
    ]
    assert sorted(p.name for p in (tmp_path / "in").iterdir() if p.suffix == ".docx") == []


def test_existing_files_are_kept_unless_forced(tmp_path, capsys):
    source = write(tmp_path / "a.yaml", GOOD)
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.docx").write_bytes(b"mine")
    victim = write(tmp_path / "victim.txt", "keep me")
    (out / "b.docx").symlink_to(victim)
    other = write(tmp_path / "b.yaml", GOOD)

    code, summary, _ = run_batch(capsys, str(source), str(other), "-o", str(out))
    # a.docx, a regular file, is an earlier output: skipped; b.docx is a link: never written through, a failure
    assert code == 2 and summary["failed"] == 1 and summary["skipped"] == 1
    skipped, linked = summary["documents"]
    assert "已存在" in skipped["skipped"] and "--force" in skipped["skipped"] and skipped["error"] is None
    assert linked["error"] and linked["skipped"] is None
    assert (out / "a.docx").read_bytes() == b"mine" and victim.read_text(encoding="utf-8") == "keep me"

    code, summary, _ = run_batch(capsys, str(source), str(other), "-o", str(out), "--force")
    assert code == 0 and zipfile.is_zipfile(out / "a.docx")
    assert not (out / "b.docx").is_symlink() and zipfile.is_zipfile(out / "b.docx")
    assert victim.read_text(encoding="utf-8") == "keep me"  # the link was replaced, not followed


def test_an_existing_pdf_counts_as_existing_output_with_pdf(tmp_path, capsys):
    source = write(tmp_path / "a.yaml", GOOD)
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.pdf").write_bytes(b"%PDF old")
    code, summary, _ = run_batch(capsys, str(source), "-o", str(out), "--pdf")
    assert code == 2 and "a.pdf 已存在" in summary["documents"][0]["error"]
    assert not (out / "a.docx").exists()


def test_write_new_never_replaces_a_file_made_meanwhile(tmp_path):
    from docgen.output.files import publish, stage, write_new

    target = tmp_path / "a.docx"
    target.write_bytes(b"first")
    with pytest.raises(OutputError, match="已存在"):
        write_new(target, b"second")
    assert target.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]  # no staging file left behind
    # Made between staging and publishing (a batch publishes a chunk after flushing it to disk):
    later = tmp_path / "b.docx"
    staged = stage(later, b"ours", overwrite=False, durable=False)
    later.write_bytes(b"someone else's")
    with pytest.raises(OutputError, match="已存在"):
        publish(staged)
    assert later.read_bytes() == b"someone else's"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "b.docx"]


def test_missing_and_unsupported_inputs_fail_alone(tmp_path, capsys):
    good = write(tmp_path / "a.yaml", GOOD)
    draft = write(tmp_path / "draft.odt", "讲话")
    code, summary, _ = run_batch(
        capsys, str(good), str(tmp_path / "missing.yaml"), str(draft), "-o", str(tmp_path / "o")
    )
    assert code == 2 and summary["succeeded"] == 1
    errors = [d["error"] for d in summary["documents"]]
    assert errors[0] is None and "找不到文件" in errors[1] and "不支持的文件类型" in errors[2]


def test_no_inputs_and_bad_template_are_user_errors(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["batch", str(tmp_path / "empty"), "-o", str(tmp_path / "out")]) == 2
    assert "没有找到讲话稿文件" in capsys.readouterr().err
    source = write(tmp_path / "a.yaml", GOOD)
    assert main(["batch", str(source), "-o", str(tmp_path / "out"), "--template", "nosuch"]) == 2
    assert "没有名为“nosuch”的内置模板" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_two_processes_write_the_same_bytes_as_one(tmp_path, capsys):
    folder = tmp_path / "in"
    for number in range(8):
        write(folder / f"s{number}.yaml", f"title: 第{number}篇讲话\nopening: [开头{'。' * number}]\n")
    shutil.copy(SEED_YAML, folder / "seed.yaml")
    write(folder / "zz-broken.yaml", "title: [1]\n")
    one, two = tmp_path / "j1", tmp_path / "j2"
    code1, summary1, _ = run_batch(capsys, str(folder), "-o", str(one), "-j", "1")
    code2, summary2, _ = run_batch(capsys, str(folder), "-o", str(two), "-j", "2")
    assert code1 == code2 == 2
    files = sorted(p.name for p in one.iterdir())
    assert len(files) == 9 and files == sorted(p.name for p in two.iterdir())
    assert all((one / name).read_bytes() == (two / name).read_bytes() for name in files)
    strip = [{k: v for k, v in d.items() if k != "output"} for d in summary1["documents"]]
    assert strip == [{k: v for k, v in d.items() if k != "output"} for d in summary2["documents"]]


def test_pdf_uses_one_libreoffice_run_for_all_documents(tmp_path, capsys, monkeypatch):
    import docgen.output.pdf

    calls: list[list[Path]] = []

    def fake_to_pdf_many(paths, outdir, *, timeout, protect=()):
        paths = [Path(p) for p in paths]
        calls.append(paths)
        made = [Path(outdir) / f"{p.stem}.pdf" for p in paths]
        for pdf in made:
            pdf.write_bytes(b"%PDF")
        return made

    monkeypatch.setattr(docgen.output.pdf, "to_pdf_many", fake_to_pdf_many)
    sources = [write(tmp_path / f"{name}.yaml", GOOD) for name in ("a", "b", "c")]
    write(tmp_path / "d.yaml", "title: [1]\n")
    out = tmp_path / "out"
    code, summary, _ = run_batch(
        capsys, *map(str, sources), str(tmp_path / "d.yaml"), "-o", str(out), "--pdf", "-j", "2"
    )
    assert code == 2  # d.yaml
    assert calls == [[out / "a.docx", out / "b.docx", out / "c.docx"]]
    assert [d["pdf"] and Path(d["pdf"]).name for d in summary["documents"]] == ["a.pdf", "b.pdf", "c.pdf", None]


def test_a_failed_pdf_run_is_reported(tmp_path, capsys, monkeypatch):
    import docgen.output.pdf

    def failing(paths, outdir, *, timeout, protect=()):
        raise docgen.output.pdf.PdfError("找不到 LibreOffice（soffice），无法生成 PDF。")

    monkeypatch.setattr(docgen.output.pdf, "to_pdf_many", failing)
    source = write(tmp_path / "a.yaml", GOOD)
    code, summary, err = run_batch(capsys, str(source), "-o", str(tmp_path / "out"), "--pdf")
    assert code == 2 and summary["ok"] is False and "LibreOffice" in summary["pdf_error"]
    assert summary["documents"][0]["ok"] is True and summary["documents"][0]["pdf"] is None
    assert "PDF 转换失败" in err and zipfile.is_zipfile(tmp_path / "out" / "a.docx")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_pdf_with_libreoffice(tmp_path, capsys):
    sources = [write(tmp_path / f"{name}.yaml", GOOD) for name in ("甲", "乙")]
    code, summary, _ = run_batch(capsys, *map(str, sources), "-o", str(tmp_path / "out"), "--pdf")
    assert code == 0
    for document in summary["documents"]:
        assert Path(document["pdf"]).read_bytes()[:5] == b"%PDF-"


def test_human_summary_on_a_terminal(tmp_path, capsys, monkeypatch):
    source = write(tmp_path / "a.yaml", GOOD)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert main(["batch", str(source), "-o", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("已生成 1 个文件，失败 0 个") and str(tmp_path / "out") in out


def test_plain_text_drafts_in_a_folder_and_named_docx_drafts_are_imported(tmp_path):
    from docgen import Speech, render_file
    from docgen.cli import main

    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.txt").write_text("在全县工作会议上的讲话\n同志们：\n今天开会。\n谢谢大家！\n", encoding="utf-8")
    earlier = render_file(Speech(title="在全县安全生产会议上的讲话", closing="谢谢！"), drafts / "b.docx")
    out = tmp_path / "out"
    assert main(["batch", str(drafts), "-o", str(out), "--json"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["a.docx"]  # the folder's .docx is not taken as a draft
    assert main(["batch", str(earlier), "-o", str(out), "--json"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["a.docx", "b.docx"]


def test_a_draft_is_never_overwritten_by_its_own_output(tmp_path, capsys):
    from docgen import Speech, render_file
    from docgen.cli import main

    draft = render_file(Speech(title="在全县工作会议上的讲话", closing="谢谢！"), tmp_path / "a.docx")
    before = draft.read_bytes()
    assert main(["batch", str(draft), "-o", str(tmp_path), "--force", "--json"]) == 2
    assert "输入文件本身" in capsys.readouterr().out
    assert draft.read_bytes() == before


def test_a_rerun_into_earlier_outputs_skips_them_and_succeeds(tmp_path, capsys):
    speeches = tmp_path / "in"
    write(speeches / "a.yaml", GOOD)
    write(speeches / "b.yaml", GOOD)
    out = tmp_path / "out"
    code, first, _ = run_batch(capsys, str(speeches), "-o", str(out), "--json")
    assert code == 0 and first["succeeded"] == 2
    made = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    write(speeches / "c.yaml", GOOD)
    code, again, _ = run_batch(capsys, str(speeches), "-o", str(out), "--json")
    assert code == 0 and (again["succeeded"], again["skipped"], again["failed"]) == (1, 2, 0)
    assert [d["skipped"] is not None for d in again["documents"]] == [True, True, False]
    assert all(p.stat().st_mtime_ns == made[p.name] for p in out.iterdir() if p.name in made)


def test_the_text_summary_says_what_was_skipped_and_why(tmp_path, capsys, monkeypatch):
    import sys

    source = write(tmp_path / "a.yaml", GOOD)
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.docx").write_bytes(b"earlier")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)  # a terminal: the sentence, not JSON
    assert main(["batch", str(source), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "跳过：" in captured.err and "已存在" in captured.err and "跳过 1 个" in captured.out
    assert (out / "a.docx").read_bytes() == b"earlier"


def test_the_json_summary_carries_each_drafts_import_report_and_the_ignored_docx(tmp_path, capsys):
    speeches = tmp_path / "in"
    write(speeches / "draft.txt", "在全县工作会议上的讲话\n同志们：\n今天召开会议,主要任务是部署工作。\n谢谢大家！\n")
    (speeches / "old.docx").write_bytes(b"PK earlier output")
    code, summary, _ = run_batch(capsys, str(speeches), "-o", str(tmp_path / "out"), "--json")
    assert code == 0
    (document,) = summary["documents"]
    report = document["import"]
    assert report["widened_marks"] >= 1 and set(report) >= {"to_check", "converted", "not_taken", "encoding"}
    (ignored,) = summary["ignored_files"]
    assert ignored["file"].endswith("old.docx") and "逐个列出" in ignored["reason"]


def many_speeches(folder: Path, count: int) -> Path:
    for number in range(count):
        write(folder / f"s{number:03d}.yaml", f"title: 第{number}篇讲话\nclosing: [谢谢大家！]\n")
    return folder


def test_a_batch_flushes_once_per_chunk_not_once_per_file(tmp_path, capsys, monkeypatch):
    # What the chunked writes are for: no fsync per document, one flush of the file system per chunk.
    import docgen.output.files

    calls = {"fsync": 0, "syncfs": 0}
    real_syncfs = docgen.output.files._syncfs

    def counting_fsync(fd: int) -> None:
        calls["fsync"] += 1

    def counting_syncfs(folder: Path) -> bool:
        calls["syncfs"] += 1
        return real_syncfs(folder)

    monkeypatch.setattr(docgen.output.files.os, "fsync", counting_fsync)
    monkeypatch.setattr(docgen.output.files, "_syncfs", counting_syncfs)
    inputs = many_speeches(tmp_path / "in", 60)
    code, summary, _ = run_batch(capsys, str(inputs), "-o", str(tmp_path / "out"), "-j", "1")
    assert code == 0 and summary["succeeded"] == 60
    if docgen.output.files.sys.platform.startswith("linux"):
        assert calls["fsync"] == 0
        assert 1 < calls["syncfs"] < 60 / 4  # the first document alone, then chunks; one more for the names
    else:
        assert calls["fsync"] >= 60
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"s{n:03d}.docx" for n in range(60)]


def test_when_the_flush_fails_the_chunk_fails_and_leaves_no_file(tmp_path, monkeypatch):
    from docgen.template.prepared import get_template

    def full_disk(staged: object) -> None:
        list(staged)  # type: ignore[call-overload]
        raise OutputError("无法把文件写入磁盘：No space left on device")

    monkeypatch.setattr(staging, "flush_to_disk", full_disk)
    out = tmp_path / "out"
    out.mkdir()
    jobs = batch.plan([many_speeches(tmp_path / "in", 3)], out)
    outcomes = staging.render_chunk(jobs, get_template("speech"))
    assert [o.ok for o in outcomes] == [False, False, False]
    assert all("No space left" in (o.error or "") for o in outcomes)
    assert list(out.iterdir()) == []  # neither documents nor temporary files


def test_an_interrupted_chunk_leaves_only_the_documents_it_published(tmp_path, monkeypatch):
    from docgen.template.prepared import get_template

    template = get_template("speech")
    real_render = type(template).render
    rendered = []

    def interrupted(self: object, speech: object) -> bytes:
        rendered.append(speech)
        if len(rendered) == 3:
            raise KeyboardInterrupt
        return real_render(self, speech)  # type: ignore[arg-type]

    monkeypatch.setattr(type(template), "render", interrupted)
    out = tmp_path / "out"
    out.mkdir()
    jobs = batch.plan([many_speeches(tmp_path / "in", 5)], out)
    with pytest.raises(KeyboardInterrupt):
        staging.render_chunk(jobs, template)
    assert list(out.iterdir()) == []  # the two staged documents were not published, and are gone


@pytest.mark.parametrize("count", [0, 1, 3])
def test_the_json_summary_is_written_a_document_at_a_time_as_json_dumps_writes_it(tmp_path, count):
    import io

    summary = batch.Summary(tmp_path / '输出 "documents": [] \n', "speech", pdf_requested=True, pdf_error="失败：\"x\"")
    for index in range(count):
        report = {"encoding": "utf-8", "to_check": ["第一行\n第二行", {"行": 3}], "converted": []} if index else None
        source, target = tmp_path / f"{index}.yaml", tmp_path / f"{index}.docx"
        summary.outcomes.append(batch.Outcome(index, source, target, "错误" * index, import_report=report))
    summary.ignored_files = [(tmp_path / "a.docx", '原因 "documents": []')] if count else []
    written = io.StringIO()
    summary.write_json(written)
    assert written.getvalue() == json.dumps(summary.as_json(), ensure_ascii=False, indent=2)
