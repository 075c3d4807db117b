"""The examples in examples/ keep working: the API script runs and writes what it says."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import REPO


def test_api_example_runs_and_writes_three_documents(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    result = subprocess.run(
        [sys.executable, str(REPO / "examples" / "api_example.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == [
        "安全生产讲话.docx",
        "述职评议讲话-大字版.docx",
        "述职评议讲话.docx",
    ]
    assert "title：不能为空" in result.stdout and "U+0007" in result.stdout
