"""The console's plan policy on plans of the shape Neo4j 5 returns (``ResultSummary.plan``).

The plans below are copied from ``EXPLAIN`` on Neo4j 5.26 with every APOC procedure loaded
(as an external server may have them); the API tests run the same queries against the
test server, whose allowlist does not even load most of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph import QueryRejected
from graph.console_policy import (
    READ_FUNCTION_NAMESPACES,
    READ_PROCEDURES,
    canonical,
    check_plan,
    function_allowed,
    functions_in,
    procedure_of,
)
from managed_neo4j.config import PROCEDURE_ALLOWLIST, ServerConfig


def plan(*steps: tuple[str, str | None]) -> dict[str, Any]:
    """A linear plan: the first step on top, each next one its child."""
    node: dict[str, Any] | None = None
    for operator, details in reversed(steps):
        args = {"Details": details} if details is not None else {}
        node = {
            "operatorType": f"{operator}@neo4j",
            "args": args,
            "children": [node] if node else [],
        }
    assert node is not None
    return node


PROCEDURE = "ProcedureCall"


@pytest.mark.parametrize(
    ("query_type", "tree", "reason"),
    [
        (
            "r",
            plan(("ProduceResults", "x"), ("ShowTransactions", "allTransactions")),
            "ShowTransactions",
        ),
        (
            "r",
            plan(("ProduceResults", "t"), ("TerminateTransactions", "transactions(x)")),
            "Terminate",
        ),
        ("s", plan(("AdministrationCommand", None)), "administration command"),
        ("r", plan(("ProduceResults", "l"), ("LoadCSV", "l")), "LOAD CSV"),
        (
            "r",
            plan(("ProduceResults", "v"), (PROCEDURE, "apoc.load.json($a) :: (value :: MAP)")),
            "apoc.load.json",
        ),
        (
            "r",
            plan(
                ("ProduceResults", ""),
                ("EmptyResult", None),
                (PROCEDURE, "apoc.util.sleep($i) :: ()"),
            ),
            "apoc.util.sleep",
        ),
        (
            "s",
            plan(("ProduceResults", "c"), (PROCEDURE, "dbms.killConnection($a) :: (c :: STRING)")),
            "dbms.killConnection",
        ),
        (
            "s",
            plan(
                ("ProduceResults", "v"), (PROCEDURE, "db.clearQueryCaches() :: (value :: STRING)")
            ),
            "db.clearQueryCaches",
        ),
        (
            "r",
            plan(
                ("ProduceResults", "x"),
                ("Projection", "apoc.cypher.runFirstColumnSingle($q, {}) AS x"),
            ),
            "apoc.cypher.runFirstColumnSingle",
        ),
        (
            "r",
            plan(
                ("ProduceResults", "x"),
                ("Projection", "[x IN $l | `apoc`.cypher.runFirstColumnMany($q, {})] AS x"),
            ),
            "apoc.cypher.runFirstColumnMany",
        ),
        (
            "r",
            plan(("ProduceResults", "x"), ("Projection", "`apoc.log.stream`($q) AS x")),
            "apoc.log.stream",
        ),
        (
            "r",
            plan(
                ("ProduceResults", "p"),
                (
                    PROCEDURE,
                    "apoc.path.expand(apoc.cypher.runFirstColumnSingle($q, {}), $a, $b, $c, $d) "
                    ":: (path :: PATH)",
                ),
            ),
            "apoc.cypher",
        ),
        (
            "r",
            plan(
                ("ProduceResults", "n"),
                ("SemiApply", None),
                ("AllNodesScan", "n"),
                (PROCEDURE, "apoc.load.json($a) :: (value :: MAP)"),
            ),
            "apoc.load.json",
        ),
        ("rw", plan(("ProduceResults", "n"), ("Create", "(n)")), "Create"),
        (
            "rw",
            plan(("ProduceResults", "n"), ("SetProperty", "n.x = 1"), ("AllNodesScan", "n")),
            "SetProperty",
        ),
        (
            "w",
            plan(("ProduceResults", ""), ("EmptyResult", None), ("TransactionForeach", None)),
            "TransactionForeach",
        ),
        ("rw", plan(("ProduceResults", "n"), ("AllNodesScan", "n")), "type 'rw'"),
    ],
)
def test_plans_that_do_more_than_read_are_refused(
    query_type: str, tree: dict[str, Any], reason: str
) -> None:
    with pytest.raises(QueryRejected, match=reason.replace("(", r"\(")):
        check_plan(query_type, tree)


@pytest.mark.parametrize(
    "tree",
    [
        plan(("ProduceResults", "n"), ("AllNodesScan", "n")),
        plan(("ProduceResults", "label"), (PROCEDURE, "db.labels() :: (label :: STRING)")),
        plan(
            ("ProduceResults", "x"),
            ("Projection", "apoc.text.join($l, $s) AS x, point.distance(a, b) AS d"),
        ),
        plan(("ProduceResults", "`apoc.cypher.run(`"), ("Projection", "$s AS `apoc.cypher.run(`")),
        plan(
            ("ProduceResults", "y"),
            ("Projection", "n.`apoc.load.json(` AS y"),
            ("AllNodesScan", "n"),
        ),
        plan(
            ("ProduceResults", "p"),
            (PROCEDURE, "apoc.path.expand(a, $r, $l, $x, $y) :: (path :: PATH)"),
            ("AllNodesScan", "a"),
        ),
    ],
)
def test_plans_that_only_read_pass(tree: dict[str, Any]) -> None:
    check_plan("r", tree)


def test_no_plan_is_refused() -> None:
    with pytest.raises(QueryRejected):
        check_plan("r", None)


def test_names_are_read_as_neo4j_reads_them() -> None:
    assert canonical("`apoc` . `load`.json") == "apoc.load.json"
    assert canonical("`we``ird`.x") == "we`ird.x"
    assert procedure_of("dbms.listConfig() :: (name :: STRING)") == "dbms.listConfig"
    assert functions_in("`apoc`.cypher.run($q) AS a, toUpper($s) AS b") == ["apoc.cypher.run"]
    assert not function_allowed("APOC.CYPHER.RUNFIRSTCOLUMNSINGLE")
    assert function_allowed("apoc.util.md5") and not function_allowed("apoc.util.md5x")


@given(st.text(max_size=40))
def test_backquoted_text_is_never_read_as_a_call(text: str) -> None:
    quoted = "`" + text.replace("`", "``") + "`"
    assert functions_in(f"$x AS {quoted}, n.{quoted} AS y") == []


def test_the_server_loads_every_plugin_name_the_console_allows_and_nothing_more() -> None:
    """The managed server's allowlist and the console's lists agree on APOC."""
    patterns = PROCEDURE_ALLOWLIST.split(",")

    def loaded(name: str) -> bool:
        return any(name == p or (p.endswith("*") and name.startswith(p[:-1])) for p in patterns)

    assert all(loaded(p) for p in READ_PROCEDURES if p.startswith("apoc."))
    for namespace in READ_FUNCTION_NAMESPACES:
        if namespace.startswith("apoc."):
            assert loaded(namespace + ("x" if namespace.endswith(".") else ""))
    for refused in (
        "apoc.load.json",
        "apoc.cypher.run",
        "apoc.periodic.submit",
        "apoc.log.stream",
        "apoc.util.sleep",
        "apoc.export.json.all",
        "apoc.trigger.install",
    ):
        assert not loaded(refused)


def test_the_generated_neo4j_conf_sets_the_allowlist(tmp_path: Path) -> None:
    text = ServerConfig(tmp_path, tmp_path / "plugins", 7687, 7474).render()
    assert f"dbms.security.procedures.allowlist={PROCEDURE_ALLOWLIST}\n" in text


def test_the_compose_file_sets_the_same_allowlist() -> None:
    compose = Path(__file__).resolve().parents[2] / "docker" / "compose.yaml"
    assert (
        f'NEO4J_dbms_security_procedures_allowlist: "{PROCEDURE_ALLOWLIST}"' in compose.read_text()
    )
