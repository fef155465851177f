from __future__ import annotations

import pytest

from api.settings import Settings


def test_prefix_and_comma_separated_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEKG_API_KEYS", "first, second")
    monkeypatch.setenv("DEKG_NEO4J_PASSWORD", "s3cret")
    monkeypatch.setenv("DEKG_SPACY_MODEL", "en_core_web_md")
    monkeypatch.setenv("DEKG_CORS_ORIGINS", "http://localhost:3000")
    settings = Settings(_env_file=None)
    assert [key.get_secret_value() for key in settings.api_keys] == ["first", "second"]
    assert settings.neo4j_password is not None
    assert settings.neo4j_password.get_secret_value() == "s3cret"
    assert "s3cret" not in repr(settings)
    assert settings.spacy_model == "en_core_web_md"
    assert settings.cors_origins == ["http://localhost:3000"]


def test_defaults_manage_a_local_server(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DEKG_NEO4J_URI", "DEKG_API_KEYS", "DEKG_SPACY_MODEL"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)
    assert settings.neo4j_uri is None
    assert settings.api_keys == []
    assert settings.spacy_model == "en_core_web_sm"


def test_trigger_proposers_default_to_both(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEKG_TRIGGERS", raising=False)
    assert Settings(_env_file=None).triggers == "both"
    monkeypatch.setenv("DEKG_TRIGGERS", "rules")
    assert Settings(_env_file=None).triggers == "rules"
