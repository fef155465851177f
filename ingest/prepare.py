"""The first step for every article: clean it, check its language, settle its document date."""

from __future__ import annotations

import datetime as dt

from ingest.clean import clean_article
from ingest.dates import document_date
from ingest.language import ensure_supported
from ingest.readers import EmptyInput
from ontology.model import Article


def prepare_article(article: Article, *, published: dt.date | None = None) -> Article:
    """The article ready for the NLP pipeline.

    Cleaning separates the body from captions, credits and navigation; the language check
    refuses non-English text; the document date comes from the article's metadata, else
    ``published``, else is inferred from its dateline or text (``published_inferred=True``).

    Raises:
        EmptyInput: nothing is left after cleaning.
        UnsupportedLanguage: the text is not English.
    """
    cleaned = clean_article(article)
    if not cleaned.text.strip():
        raise EmptyInput("empty input: no story text after cleaning")
    language = ensure_supported(cleaned.text)
    update: dict[str, object] = {"language": language}
    if cleaned.published is None and published is not None:
        update.update(published=published, published_inferred=False)
    elif cleaned.published is None:
        day, inferred = document_date(cleaned)
        update.update(published=day, published_inferred=inferred and day is not None)
    return cleaned.model_copy(update=update)
