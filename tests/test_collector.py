"""A bundled template's render pauses the cyclic garbage collector (docgen/collector.py says why): sound only
while such a render makes no reference cycles (nothing would free them until the collector runs again), and
only if the collector is left as it was found — on, off, after an error, with pauses nested."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from docgen import Speech, Template
from docgen.collector import collector_paused

from .conftest import REPO, SEED_YAML


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def speeches() -> list[Speech]:
    seed: dict[str, Any] = yaml.safe_load(SEED_YAML.read_text(encoding="utf-8"))
    long = {**seed, "opening": seed["opening"] * 10, "shortcomings": seed["shortcomings"] * 10}
    long["praise"] = {**seed["praise"], "points": seed["praise"]["points"] * 10}
    long["recommendations"] = {**seed["recommendations"], "items": seed["recommendations"]["items"] * 10}
    headed = yaml.safe_load((REPO / "examples" / "headed-three-parts.yaml").read_text(encoding="utf-8"))
    return [Speech.model_validate(data) for data in (seed, long, headed)]


@pytest.mark.parametrize("name", ["speech", "speech-large"])
def test_bundled_renders_and_contexts_make_no_reference_cycles(name: str, collector_on: None) -> None:
    template = Template(name)
    for speech in speeches():
        template.render(speech)  # warm-up: caches filled once are not garbage
        gc.collect()
        gc.disable()
        try:
            for _ in range(3):
                template.render(speech)
                template.render(speech.to_context())  # every key, the legacy shapes too
            unreachable = gc.collect()
        finally:
            gc.enable()
        assert unreachable == 0, f"{name}: {unreachable} objects in reference cycles for {speech.title}"


def test_a_render_leaves_the_collector_as_it_found_it(seed_speech: Speech, collector_on: None) -> None:
    template = Template("speech")
    template.render(seed_speech)
    assert gc.isenabled()
    gc.disable()
    try:
        template.render(seed_speech)
        seed_speech.to_context()
        assert not gc.isenabled()  # a caller's own choice is kept
    finally:
        gc.enable()


def test_a_pause_ends_on_errors_and_nested_pauses_end_with_the_outer_one(collector_on: None) -> None:
    with pytest.raises(ZeroDivisionError), collector_paused():
        assert not gc.isenabled()
        _ = 1 / 0
    assert gc.isenabled()
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
