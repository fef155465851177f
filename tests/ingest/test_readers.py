"""Readers: every input kind gives Articles; every bad item gives a clear InputError and the
batch goes on."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import InputError
from ingest.readers import (
    BinaryInput,
    EmptyInput,
    MalformedInput,
    ReadItem,
    TooLarge,
    content_id,
    decode,
    iter_items,
    read_bytes,
    sniff,
    split_title,
)

DATA = Path(__file__).parent / "data"
SEED = Path(__file__).parents[2] / "examples" / "cyprus-mail-blinken-lavrov.txt"


def _one(items: list[ReadItem]) -> ReadItem:
    assert len(items) == 1
    return items[0]


def test_seed_txt_publisher_title_and_stem_id() -> None:
    item = _one(list(iter_items([SEED])))
    article = item.article
    assert item.ok and article is not None
    assert article.id == "cyprus-mail-blinken-lavrov"
    assert article.publisher == "Cyprus Mail"
    assert (
        article.title == "Blinken urges Russia’s Lavrov to take diplomatic exit from Ukraine crisis"
    )
    assert article.agency == "Reuters"  # from the photo credit REUTERS/Alexander Ermochenko
    assert article.source_path == str(SEED)
    assert not article.text.startswith("Cyprus Mail")
    assert "Blinken urges" not in article.text.split("\n")[0]


def test_txt_title_is_first_non_empty_line() -> None:
    publisher, title, body = split_title("\n\nRussia Warns Ukraine\n\nMoscow said on Monday ...")
    assert publisher is None
    assert title == "Russia Warns Ukraine"
    assert body == "Moscow said on Monday ..."


def test_single_paragraph_txt_keeps_its_text() -> None:
    item = _one(read_bytes(b"Russia and Ukraine agreed to talks.", kind="txt", name="one"))
    assert item.article is not None
    assert item.article.text == "Russia and Ukraine agreed to talks."
    assert item.article.title == "Russia and Ukraine agreed to talks."


def test_html_main_text_metadata_and_captions() -> None:
    item = _one(list(iter_items([DATA / "article.html"])))
    article = item.article
    assert article is not None, item.error
    assert article.id == "article"
    assert article.title == "Blinken meets Lavrov in Stockholm"
    assert article.publisher == "Daily Planet"
    assert article.url == "https://example.com/world/blinken-lavrov"
    assert article.published == dt.date(2021, 12, 2)
    assert article.agency == "Reuters"
    assert article.text.startswith("STOCKHOLM (Reuters)")
    assert "Home" not in article.text and "Copyright" not in article.text
    assert "Grain ships" not in article.text
    assert article.captions == (
        "Antony Blinken arrives for talks in Stockholm, December 2, 2021. REUTERS/Jane Doe",
    )
    assert "REUTERS/Jane Doe" not in article.text


def test_rss_feed_one_article_per_entry_and_bad_entry_reported() -> None:
    items = list(iter_items([DATA / "feed.rss"]))
    assert len(items) == 3
    first, empty, third = items
    assert first.article is not None
    assert first.article.id == "example-org-1"
    assert first.article.publisher == "World Desk"
    assert first.article.published == dt.date(2021, 12, 2)
    assert first.article.text == (
        "Russia warned NATO on Thursday against deploying missiles in Ukraine.\n\n"
        "The Kremlin said it would be forced to act."
    )
    assert isinstance(empty.error, EmptyInput)
    assert third.article is not None and third.article.url == "https://example.org/news/3"


def test_atom_feed_is_sniffed_and_read() -> None:
    data = (DATA / "feed.atom").read_bytes()
    assert sniff(data) == "feed"
    item = _one(read_bytes(data, kind=None, name="wire"))
    assert item.article is not None
    assert item.article.title == "Foreign ministers meet in Antalya"
    assert item.article.published == dt.date(2022, 3, 10)
    assert "Antalya on Thursday" in item.article.text


def test_jsonl_bad_lines_named_and_others_go_on() -> None:
    items = list(iter_items([DATA / "batch.jsonl"]))
    labels = {i.label.rsplit(":", 1)[1]: i for i in items}
    assert sorted(labels, key=int) == ["1", "2", "3", "5", "6", "7", "8"]  # blank line 4 skipped
    assert labels["1"].article is not None and labels["1"].article.publisher == "Wire"
    assert labels["1"].article.published == dt.date(2022, 3, 10)
    assert isinstance(labels["2"].error, MalformedInput)
    assert "line 2" in str(labels["2"].error)
    hashed = labels["3"].article
    assert hashed is not None
    assert hashed.id == content_id("A line without an id gets a content hash as its id.")
    assert hashed.published == dt.date(2000, 1, 1)  # "date" is an alias of "published"
    assert "text" in str(labels["5"].error)
    assert "published date" in str(labels["6"].error)
    assert isinstance(labels["7"].error, MalformedInput)
    assert labels["8"].article is not None and labels["8"].article.id == "ok-2"


def test_gzipped_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "g1", "text": "Iran rejected the proposal."}) + "\n")
    item = _one(list(iter_items([path])))
    assert item.article is not None and item.article.id == "g1"


def test_json_document_with_metadata() -> None:
    body = json.dumps(
        {
            "text": "Russia and China signed an accord.",
            "title": "Accord",
            "published": "2023-05-04T10:00:00Z",
            "publisher": "Reuters",
        }
    )
    item = _one(read_bytes(body.encode(), kind="json", name="request"))
    assert item.article is not None
    assert item.article.published == dt.date(2023, 5, 4)
    assert item.article.agency == "Reuters"


def test_published_default_applies_only_when_missing() -> None:
    items = list(iter_items([DATA / "batch.jsonl"], published=dt.date(2020, 1, 1)))
    dates = {i.article.id: i.article.published for i in items if i.article}
    assert dates["ok-1"] == dt.date(2022, 3, 10)
    assert dates["ok-2"] == dt.date(2000, 1, 1)


def test_directory_is_expanded_in_order() -> None:
    labels = [i.label for i in iter_items([DATA])]
    assert labels[0].endswith("article.html")
    assert any(label.endswith("feed.atom#urn:example:wire:1") for label in labels)


# ------------------------------------------------------------------ bad input


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n\n ")
    item = _one(list(iter_items([path])))
    assert isinstance(item.error, EmptyInput)
    assert "empty" in str(item.error)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 20)
    item = _one(list(iter_items([path])))
    assert isinstance(item.error, BinaryInput)
    assert "not text" in str(item.error)


def test_cp1252_and_latin1_are_decoded() -> None:
    text = "Café owners in Paris protested on Monday against the new “tax”, the union said."
    assert decode(text.encode("cp1252")) == text
    latin = "Les élèves ont manifesté à Genève contre la réforme, a déclaré le syndicat."
    assert decode(latin.encode("latin-1")) == latin


def test_utf16_with_bom_is_decoded() -> None:
    text = "Russia and Ukraine agreed to hold talks in Istanbul."
    item = _one(read_bytes(text.encode("utf-16"), kind="txt", name="u16"))
    assert item.article is not None and item.article.text == text


def test_ten_megabyte_file_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Russia said talks would go on. " * (10 * 1024 * 1024 // 31))
    item = _one(list(iter_items([path])))
    assert isinstance(item.error, TooLarge)
    assert "too large" in str(item.error)


def test_oversized_jsonl_line_is_too_large_and_batch_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    lines = [
        json.dumps({"id": "big", "text": "x " * 3_000_000}),
        json.dumps({"id": "small", "text": "Iran rejected the proposal."}),
    ]
    path.write_text("\n".join(lines))
    big, small = list(iter_items([path]))
    assert isinstance(big.error, TooLarge)
    assert small.article is not None


def test_malformed_html_gives_text_or_clear_error() -> None:
    broken = b"<html><body><div><p>Russia accused Ukraine of shelling <b>Donetsk<p>on Monday"
    item = _one(read_bytes(broken, kind="html", name="broken"))
    assert item.error is None or isinstance(item.error, InputError)
    textless = _one(read_bytes(b"<html><body><div></div></body></html>", kind="html", name="x"))
    assert isinstance(textless.error, EmptyInput)


def test_missing_file_is_an_item_error(tmp_path: Path) -> None:
    item = _one(list(iter_items([tmp_path / "nope.txt"])))
    assert isinstance(item.error, InputError)
    assert "cannot read" in str(item.error)


def test_batch_with_bad_items_keeps_good_ones(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline\n\nRussia and Ukraine agreed to talks.")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (tmp_path / "c.txt").write_text("")
    (tmp_path / "d.txt").write_text("Other headline\n\nIran rejected the proposal.")
    items = list(iter_items(sorted(tmp_path.iterdir())))
    assert [i.ok for i in items] == [True, False, False, True]


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(st.text(max_size=400).map(str.encode), st.binary(max_size=400)),
    st.sampled_from([None, "txt", "html", "json", "jsonl", "feed"]),
)
def test_arbitrary_input_never_raises(data: bytes, kind: str | None) -> None:
    for item in read_bytes(data, kind=kind, name="fuzz"):
        assert (item.article is None) != (item.error is None)
        assert item.error is None or isinstance(item.error, InputError)
        assert item.article is None or item.article.text.strip()
