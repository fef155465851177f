"""What the public Cypher console may run, judged on the plan Neo4j makes for a query.

The console never looks at the query text: Neo4j parses it (comments, backquotes, case and
Unicode are its business) and ``EXPLAIN`` hands back the plan, in which every name is
rendered canonically and every string literal is replaced by a parameter. A query runs only
when

* its query type is ``r`` (read only);
* every operator of the plan tree is in :data:`READ_OPERATORS` (so no ``LoadCSV``, no
  ``ShowTransactions`` / ``TerminateTransactions``, no ``AdministrationCommand``, no write);
* every procedure it calls is in :data:`READ_PROCEDURES`;
* every namespaced function it calls is in :data:`READ_FUNCTION_NAMESPACES` (Neo4j keeps the
  root namespace for built-in functions: a plugin's function always has a namespace).

Everything else is refused; the lists name what is allowed, never what is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graph import QueryRejected

#: Plan operators that only read (Neo4j 5 names, without the ``@<database>`` suffix).
READ_OPERATORS = frozenset(
    {
        # leaves: scans and seeks
        "AllNodesScan",
        "NodeByLabelScan",
        "IntersectionNodeByLabelsScan",
        "UnionNodeByLabelsScan",
        "SubtractionNodeByLabelsScan",
        "NodeByIdSeek",
        "NodeByElementIdSeek",
        "NodeIndexSeek",
        "NodeUniqueIndexSeek",
        "NodeIndexSeekByRange",
        "NodeUniqueIndexSeekByRange",
        "NodeIndexScan",
        "NodeIndexContainsScan",
        "NodeIndexEndsWithScan",
        "MultiNodeIndexSeek",
        "AssertingMultiNodeIndexSeek",
        "DirectedRelationshipIndexSeek",
        "UndirectedRelationshipIndexSeek",
        "DirectedRelationshipUniqueIndexSeek",
        "UndirectedRelationshipUniqueIndexSeek",
        "DirectedRelationshipIndexSeekByRange",
        "UndirectedRelationshipIndexSeekByRange",
        "DirectedRelationshipIndexScan",
        "UndirectedRelationshipIndexScan",
        "DirectedRelationshipIndexContainsScan",
        "UndirectedRelationshipIndexContainsScan",
        "DirectedRelationshipIndexEndsWithScan",
        "UndirectedRelationshipIndexEndsWithScan",
        "DirectedRelationshipTypeScan",
        "UndirectedRelationshipTypeScan",
        "DirectedUnionRelationshipTypesScan",
        "UndirectedUnionRelationshipTypesScan",
        "DirectedAllRelationshipsScan",
        "UndirectedAllRelationshipsScan",
        "DirectedRelationshipByIdSeek",
        "UndirectedRelationshipByIdSeek",
        "DirectedRelationshipByElementIdSeek",
        "UndirectedRelationshipByElementIdSeek",
        "NodeCountFromCountStore",
        "RelationshipCountFromCountStore",
        "Argument",
        "ArgumentTracker",
        "EmptyRow",
        "Input",
        # traversal
        "Expand(All)",
        "Expand(Into)",
        "OptionalExpand(All)",
        "OptionalExpand(Into)",
        "VarLengthExpand(All)",
        "VarLengthExpand(Into)",
        "VarLengthExpand(Pruning)",
        "VarLengthExpand(Pruning,BFS)",
        "BFSPruningVarExpand",
        "ShortestPath",
        "StatefulShortestPath(All)",
        "StatefulShortestPath(Into)",
        "Repeat(Trail)",
        "Repeat(Walk)",
        "Trail",
        "NullifyMetadata",
        "ProjectEndpoints",
        "TriadicSelection",
        "TriadicBuild",
        "TriadicFilter",
        # rows
        "ProduceResults",
        "Filter",
        "Projection",
        "CacheProperties",
        "Limit",
        "ExhaustiveLimit",
        "Skip",
        "Sort",
        "PartialSort",
        "Top",
        "PartialTop",
        "Distinct",
        "OrderedDistinct",
        "EagerAggregation",
        "OrderedAggregation",
        "Eager",
        "Unwind",
        "EmptyResult",
        "PreserveOrder",
        "NonFuseable",
        "NonPipelined",
        "NonPipelinedHead",
        # joins, subqueries, unions
        "Apply",
        "SemiApply",
        "AntiSemiApply",
        "LetSemiApply",
        "LetAntiSemiApply",
        "SelectOrSemiApply",
        "SelectOrAntiSemiApply",
        "LetSelectOrSemiApply",
        "LetSelectOrAntiSemiApply",
        "ConditionalApply",
        "AntiConditionalApply",
        "RollUpApply",
        "Optional",
        "Anti",
        "CartesianProduct",
        "NodeHashJoin",
        "ValueHashJoin",
        "NodeLeftOuterHashJoin",
        "NodeRightOuterHashJoin",
        "Union",
        "OrderedUnion",
        # checked further: only READ_PROCEDURES
        "ProcedureCall",
    }
)

#: Procedures the console may call: schema, labels, and read-only path expansion.
READ_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "apoc.path.expand",
        "apoc.path.expandConfig",
        "apoc.path.subgraphNodes",
        "apoc.path.subgraphAll",
        "apoc.path.spanningTree",
        "apoc.neighbors.tohop",
        "apoc.neighbors.tohop.count",
        "apoc.neighbors.byhop",
        "apoc.neighbors.byhop.count",
        "apoc.neighbors.athop",
        "apoc.neighbors.athop.count",
        "apoc.algo.dijkstra",
        "apoc.algo.aStar",
        "apoc.algo.allSimplePaths",
        "apoc.meta.schema",
        "apoc.meta.stats",
        "apoc.meta.data",
        "apoc.meta.nodeTypeProperties",
        "apoc.meta.relTypeProperties",
    }
)

#: Namespaces of functions the console may call (lower case; ``name.`` prefixes).
READ_FUNCTION_NAMESPACES = (
    # built-in
    "point.",
    "date.",
    "datetime.",
    "localdatetime.",
    "localtime.",
    "time.",
    "duration.",
    "vector.similarity.",
    # APOC functions on values (no I/O, no nested Cypher)
    "apoc.coll.",
    "apoc.text.",
    "apoc.map.",
    "apoc.convert.",
    "apoc.date.",
    "apoc.temporal.",
    "apoc.number.",
    "apoc.math.",
    "apoc.agg.",
    "apoc.bitwise.",
    "apoc.scoring.",
    "apoc.node.",
    "apoc.nodes.",
    "apoc.rel.",
    "apoc.any.",
    "apoc.label.",
    "apoc.meta.cypher.",
    "apoc.hashing.",
    "apoc.util.md5",
    "apoc.util.sha1",
    "apoc.util.sha256",
    "apoc.util.sha384",
    "apoc.util.sha512",
)


def plugin_allowlist() -> tuple[str, ...]:
    """The APOC names a server must load for this console, as allowlist patterns.

    Exactly what the console may call from APOC: its procedures by name and its function
    namespaces as globs (``apoc.coll.`` → ``apoc.coll.*``). The managed server loads these
    and nothing else of APOC (``managed_neo4j.config.PROCEDURE_ALLOWLIST``), so a plugin
    name the console does not allow is not even there to call.
    """
    procedures = sorted(p for p in READ_PROCEDURES if p.startswith("apoc."))
    functions = [
        ns + "*" if ns.endswith(".") else ns
        for ns in READ_FUNCTION_NAMESPACES
        if ns.startswith("apoc.")
    ]
    return (*procedures, *functions)


_NAME = r"(?:`(?:[^`]|``)*`|[^\W\d]\w*)"
# A qualified call; a backquoted name called (in Neo4j's rendering only plugin names are
# quoted); else a backquoted name consumed whole, so that its text is not read as calls.
_QUOTED = r"`(?:[^`]|``)*`"
_QUALIFIED_CALL = re.compile(rf"({_NAME}(?:\s*\.\s*{_NAME})+)\s*\(|({_QUOTED})\s*\(|{_QUOTED}")
_PROCEDURE = re.compile(rf"^\s*({_NAME}(?:\s*\.\s*{_NAME})*)\s*\(")


@dataclass(frozen=True, slots=True)
class PlanStep:
    operator: str
    details: str


def plan_steps(plan: Mapping[str, Any] | None) -> Iterator[PlanStep]:
    """Every operator of a plan tree (``ResultSummary.plan``), parents before children."""
    stack = [plan] if plan else []
    while stack:
        node = stack.pop()
        operator = str(node.get("operatorType", "")).split("@", 1)[0]
        details = node.get("args", {}).get("Details")
        yield PlanStep(operator, str(details) if details is not None else "")
        stack.extend(reversed(node.get("children", [])))


def canonical(name: str) -> str:
    """``"`apoc` . load.json"`` → ``"apoc.load.json"`` (backquotes and spaces removed)."""
    parts = re.findall(_NAME, name)
    return ".".join(p[1:-1].replace("``", "`") if p.startswith("`") else p for p in parts)


def procedure_of(details: str) -> str:
    """The procedure a ``ProcedureCall`` step calls: ``"db.labels() :: (…)"`` → ``db.labels``."""
    match = _PROCEDURE.match(details)
    return canonical(match[1]) if match else ""


def functions_in(details: str) -> list[str]:
    """The namespaced functions called in an operator's details."""
    return [canonical(m[1] or m[2]) for m in _QUALIFIED_CALL.finditer(details) if m[1] or m[2]]


def function_allowed(name: str) -> bool:
    lowered = name.lower()
    return any(
        lowered.startswith(ns) if ns.endswith(".") else lowered == ns
        for ns in READ_FUNCTION_NAMESPACES
    )


def check_plan(query_type: str | None, plan: Mapping[str, Any] | None) -> None:
    """Refuse a query whose plan does anything but read.

    Raises:
        QueryRejected: the reason, naming the operator, procedure or function.
    """
    if plan is None:
        raise QueryRejected("Neo4j gave no plan for this query; the console runs only reads")
    for step in plan_steps(plan):
        if step.operator not in READ_OPERATORS:
            raise QueryRejected(
                f"the console only reads: {_operator_reason(step.operator)} is not allowed"
            )
        details = step.details
        if step.operator == "ProcedureCall":
            procedure = procedure_of(details)
            if procedure not in READ_PROCEDURES:
                raise QueryRejected(
                    f"the console does not allow procedure {procedure or '(unknown)'}; allowed: "
                    + ", ".join(sorted(READ_PROCEDURES))
                )
            details = details[details.find("(") :]
        if step.operator == "ProduceResults":
            continue  # its details are the column names
        for function in functions_in(details):
            if not function_allowed(function):
                raise QueryRejected(f"the console does not allow function {function}")
    if query_type != "r":
        raise QueryRejected(
            f"the console only runs read queries (Neo4j says this query is of type {query_type!r})"
        )


def _operator_reason(operator: str) -> str:
    if operator == "LoadCSV":
        return "LOAD CSV"
    if operator == "AdministrationCommand" or operator.startswith(("Show", "Terminate")):
        return f"an administration command ({operator})"
    return f"the operation {operator}"
