"""A reflection model's steps (Gibbs and the like) carry no lens: the summary says which lenses the whole
reflection touched, as the person tagged it at its end, and says nothing of a lens on each step."""

from __future__ import annotations

import io

import pytest

from myrole.export import render, summary
from myrole.model import Context, Lens, Mode, Visibility
from myrole.privacy import Audience
from myrole.prompts import load_catalogue
from myrole.store.reflection_lenses import set_tags
from myrole.store.reflections import finish_reflection, save_answer, start_reflection


def gibbs(db, visibility: Visibility, tags) -> None:  # noqa: ANN001 - a store and lens tags
    pack = load_catalogue().get("gibbs")
    reflection = start_reflection(db, pack, Context.SELF, "A missed first appointment")
    save_answer(db, reflection.id, pack.prompts[0], "The letter went to an old address.", visibility, 0)
    finish_reflection(db, reflection.id)
    set_tags(db, reflection.id, tags)


def shown(document, fmt: str) -> str:  # noqa: ANN001 - a Document
    """The summary's text as a reader meets it (a PDF's text read back with pypdf, lines joined)."""
    if fmt != "pdf":
        return render(document, fmt)
    from pypdf import PdfReader

    from myrole.export.pdf import render as pdf

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf(document))).pages).replace("\n", " ")


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_a_tagged_model_reflection_names_its_lenses_once_and_no_step_says_no_lens(empty_db, fmt):
    gibbs(empty_db, Visibility.MANAGER, [(Lens.SERVICES, Mode.ACTION), (Lens.SELF, Mode.AWARENESS)])
    for audience in (Audience.ME, Audience.MANAGER):
        text = shown(summary(empty_db, audience), fmt)
        assert text.count("Lenses it touched: Self (Raise awareness); Teams, pathways and services (Take action)") == 1
        assert "No lens" not in text and "no lens" not in text
        assert "The letter went to an old address." in text
    assert "Shared with my line manager" in shown(summary(empty_db, Audience.ME), fmt)


def test_an_untagged_model_reflection_says_nothing_of_lenses(empty_db):
    gibbs(empty_db, Visibility.MANAGER, [])
    text = render(summary(empty_db, Audience.MANAGER), "md")
    assert "Lenses it touched" not in text and "lens" not in text.split("### Gibbs")[1].lower()

