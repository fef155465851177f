"""The Extractor: batches, order, per-item errors, captions and worker processes (model)."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from ingest import InputError
from ingest.extract import Extractor
from ingest.nlp import load_pipeline
from ingest.readers import ReadItem
from ontology.model import Article, ExtractionResult
from ontology.plover import EventType

pytestmark = pytest.mark.model

DAY = dt.date(2024, 3, 7)
TEXTS = [
    "France held talks with Germany on Tuesday.",
    "Iran accused Iraq of violating the ceasefire.",
    "The weather was mild and nobody did anything of note.",
    "The United States imposed sanctions on Venezuela.",
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_pipeline("en_core_web_sm"))


def articles() -> list[Article]:
    return [Article(id=f"a{i}", text=t, published=DAY) for i, t in enumerate(TEXTS)]


def summary(results: list[ExtractionResult]) -> list[tuple[str, list[str]]]:
    return [(r.item, sorted(e.type.value for e in r.events)) for r in results]


def test_results_in_input_order(extractor: Extractor) -> None:
    results = list(extractor.extract_many(articles(), batch_size=2))
    assert [r.item for r in results] == ["a0", "a1", "a2", "a3"]
    assert summary(results)[0][1] == ["CONSULT"]
    assert results[2].events == ()
    assert all(r.ok for r in results)


def test_bad_items_become_error_results(extractor: Extractor) -> None:
    items: list[object] = [
        articles()[0],
        ReadItem(label="broken.jsonl:3", error=InputError("line 3 is not JSON")),
        Article(
            id="german",
            text="Die Regierung hat heute in Berlin beschlossen, die "
            "Steuern zu senken, und der Kanzler sprach von einem guten Tag für das Land.",
            published=DAY,
        ),
        Article(id="empty", text="   ", published=DAY),
        articles()[3],
    ]
    results = list(extractor.extract_many(items))  # type: ignore[arg-type]
    assert [r.item for r in results] == ["a0", "broken.jsonl:3", "german", "empty", "a3"]
    assert results[1].error == "line 3 is not JSON" and results[1].error_kind == "InputError"
    assert results[2].error_kind == "UnsupportedLanguage"
    assert results[3].error is not None
    assert results[0].ok and results[4].ok
    assert results[4].events[0].type is EventType.SANCTION


def test_worker_processes_give_the_same_results(extractor: Extractor) -> None:
    many = [a.model_copy(update={"id": f"{a.id}-{k}"}) for k in range(3) for a in articles()]
    single = list(extractor.extract_many(many, batch_size=2))
    double = list(extractor.extract_many(many, batch_size=2, n_process=2))
    assert summary(single) == summary(double)
    assert [r.events for r in single] == [r.events for r in double]


def test_caption_events_keep_their_own_date(extractor: Extractor) -> None:
    article = Article(
        id="captioned",
        text="On Tuesday, Kenya urged Uganda to reopen the border.",
        captions=(
            "Ugandan police arrested 20 Kenyan traders in Busia on March 1, 2024. REUTERS/Jane Doe",
        ),
        published=DAY,
    )
    result = extractor.extract(article)
    assert result.ok
    by_type = {e.type: e for e in result.events}
    assert by_type[EventType.REQUEST].date == dt.date(2024, 3, 5)
    assert by_type[EventType.COERCE].date == dt.date(2024, 3, 1)


def test_same_happening_reported_twice_is_one_event(extractor: Extractor) -> None:
    text = (
        "Israel shared intelligence with Jordan on Monday. "
        "Officials said Israel shared intelligence with Jordan to stop the smugglers."
    )
    result = extractor.extract(Article(id="twice", text=text, published=DAY))
    events = [e for e in result.events if e.type is EventType.COOPERATE]
    assert len(events) == 1
    assert len(events[0].evidence) == 2
    assert result.actors


def test_pipeline_without_event_components_is_refused() -> None:
    from ingest.nlp import load_base

    with pytest.raises(Exception, match="dekg_event_arguments_v1"):
        Extractor(load_base("en_core_web_sm"))


@Language.component("test_fails_on_boom")
def _fails_on_boom(doc: Doc) -> Doc:
    if "boom" in doc.text:
        raise ValueError("cannot handle boom")
    return doc


def test_a_component_failure_is_an_item_error() -> None:
    from ingest.nlp import _add_dekg_components, load_base

    nlp = load_base("en_core_web_sm")
    _add_dekg_components(nlp, [])
    nlp.add_pipe("test_fails_on_boom", first=True)
    items = [
        articles()[0],
        Article(id="boom", text="Then boom happened.", published=DAY),
        articles()[3],
    ]
    results = list(Extractor(nlp).extract_many(items))
    assert [r.item for r in results] == ["a0", "boom", "a3"]
    assert results[1].error_kind == "ExtractionFailed"
    assert "cannot handle boom" in (results[1].error or "")
    assert results[0].events and results[2].events
