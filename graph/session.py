"""The one place that talks to the Neo4j driver: sessions, retries and error translation.

Library code receives a :class:`Graph` (a driver the caller owns, and the database name) and
runs fixed queries from ``graph.queries`` through it:

* :meth:`Graph.read`: an auto-commit READ query, rows as plain Python values; a connection
  found dead (Neo4j restarted) is retried once on a fresh one.
* :meth:`Graph.read_tx` / :meth:`Graph.write_tx`: a managed transaction (the driver retries
  transient failures for ``retry_s`` seconds).
* :meth:`Graph.write`: one statement in a managed write transaction (schema statements).
* :meth:`Graph.run`: an auto-commit statement (``CALL … IN TRANSACTIONS``).

Every driver error leaves this module as one of the graph package's errors, chained to it
(:func:`translate`):

* ``GraphUnavailable``: cannot reach the server, refused credentials, a driver failure;
  ``GraphBusy`` (a ``GraphUnavailable``): the server answers but stays busy (locks, memory,
  starting) past the retries.
* ``DataRejected``: Neo4j or the driver refused the values sent (a constraint, a type, an
  integer out of range): the data's fault, not the database's.
* ``QueryFailed``: any other error of Neo4j: the query's fault (syntax, a missing parameter,
  a procedure) or the server's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Concatenate, ParamSpec, TypeVar

import neo4j
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConstraintError,
    CypherTypeError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph import (
    CredentialsRefused,
    DataRejected,
    GraphBusy,
    GraphError,
    GraphUnavailable,
    QueryFailed,
)
from graph.values import native

Row = dict[str, Any]
P = ParamSpec("P")
T = TypeVar("T")

#: How long a read retries transient errors (seconds): a request should fail fast (503)
#: while Neo4j is down rather than wait for the driver's default retries.
READ_RETRY_S = 1.0

#: Codes of Neo4j errors caused by the values sent rather than by the query or the server.
_DATA_CODES = frozenset(
    {
        "Neo.ClientError.Statement.ArgumentError",
        "Neo.ClientError.Statement.ArithmeticError",
        "Neo.ClientError.Statement.SemanticError",
        "Neo.ClientError.Statement.TypeError",
        "Neo.ClientError.Statement.ConstraintVerificationFailed",
        "Neo.ClientError.Schema.ConstraintValidationFailed",
    }
)
#: Python errors the driver raises for values it cannot send (an int over 64 bits, a type).
_VALUE_ERRORS: tuple[type[Exception], ...] = (ValueError, TypeError, OverflowError)
_DRIVER_ERRORS: tuple[type[Exception], ...] = (Neo4jError, DriverError, OSError)


def translate(e: Exception, what: str) -> GraphError:
    """The graph package's error for a driver error raised while doing ``what``.

    The caller raises it ``from e``. Values the driver cannot send count as data errors
    (only :meth:`Graph.write_tx` passes those here).
    """
    if isinstance(e, ServiceUnavailable | SessionExpired | OSError):
        return GraphUnavailable(f"Neo4j is not reachable while {what}: {e}")
    if isinstance(e, AuthError):
        return CredentialsRefused(f"Neo4j refused the credentials while {what}: {_message(e)}")
    if isinstance(e, TransientError):
        return GraphBusy(f"Neo4j is busy or starting while {what}: {e}")
    if isinstance(e, ConstraintError | CypherTypeError) or (
        isinstance(e, ClientError) and e.code in _DATA_CODES
    ):
        return DataRejected(f"Neo4j refused the data while {what}: {e}")
    if isinstance(e, Neo4jError):
        return QueryFailed(f"Neo4j failed while {what}: {e}")
    if isinstance(e, DriverError):
        return GraphUnavailable(f"Neo4j driver error while {what}: {e}")
    if isinstance(e, _VALUE_ERRORS):
        return DataRejected(f"Neo4j refused the data while {what}: {e}")
    raise TypeError(f"not a driver error: {type(e).__name__}") from e


def _message(e: Neo4jError) -> str:
    return e.message or str(e)


@contextmanager
def neo4j_errors(what: str, *, values: bool = False) -> Iterator[None]:
    """Driver errors raised inside become the graph package's errors (see :func:`translate`).

    Args:
        values: also treat ``ValueError``/``TypeError``/``OverflowError`` as data errors
            (around writes, where the driver raises them for values it cannot send).
    """
    caught = _DRIVER_ERRORS + _VALUE_ERRORS if values else _DRIVER_ERRORS
    try:
        yield
    except caught as e:
        raise translate(e, what) from e


def is_dead_connection(e: BaseException) -> bool:
    """True for a ``GraphUnavailable`` whose cause is a connection Neo4j dropped."""
    return isinstance(e, GraphUnavailable) and isinstance(
        e.__cause__, SessionExpired | ServiceUnavailable
    )


@dataclass(frozen=True, slots=True)
class Graph:
    """A driver (owned by the caller: the CLI or the API lifespan) and the database name."""

    driver: neo4j.Driver
    database: str

    def session(self, *, read: bool = True, retry_s: float | None = None) -> neo4j.Session:
        """A session on the database; notifications off; ``retry_s`` caps transient retries."""
        options: dict[str, Any] = {}
        if retry_s is not None:
            options["max_transaction_retry_time"] = retry_s
        return self.driver.session(
            database=self.database,
            default_access_mode=neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS,
            notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF,
            **options,
        )

    def read(self, query: str, what: str, **params: Any) -> list[Row]:
        """Run a fixed read query; rows as dicts of plain Python values.

        An auto-commit transaction in a READ session: one round trip instead of the managed
        transaction's two (the queries are fixed reads, so there is nothing to commit). A
        connection that turns out dead (Neo4j restarted) is retried once on a fresh one.
        """
        try:
            return self._read_once(query, what, params)
        except GraphUnavailable as e:
            if not is_dead_connection(e):
                raise
        return self._read_once(query, what, params)

    def _read_once(self, query: str, what: str, params: dict[str, Any]) -> list[Row]:
        with neo4j_errors(what), self.session(retry_s=READ_RETRY_S) as session:
            return [{k: native(v) for k, v in r.items()} for r in session.run(query, params)]

    def read_tx(
        self,
        work: Callable[Concatenate[neo4j.ManagedTransaction, P], T],
        what: str,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """``work(tx, ...)`` in a managed READ transaction."""
        with neo4j_errors(what), self.session() as session:
            return session.execute_read(work, *args, **kwargs)

    def write_tx(
        self,
        work: Callable[Concatenate[neo4j.ManagedTransaction, P], T],
        what: str,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """``work(tx, ...)`` in a managed WRITE transaction; values the driver cannot send
        raise ``DataRejected`` like the values Neo4j refuses."""
        with neo4j_errors(what, values=True), self.session(read=False) as session:
            return session.execute_write(work, *args, **kwargs)

    def write(self, statement: str, what: str, **params: Any) -> None:
        """One write statement in a managed transaction (transient failures retried)."""
        self.write_tx(_consume, what, statement, params)

    def run(self, statement: str, what: str, **params: Any) -> None:
        """An auto-commit write statement (``CALL … IN TRANSACTIONS`` needs one)."""
        with neo4j_errors(what), self.session(read=False) as session:
            session.run(statement, params).consume()

    def version(self, probe: str) -> str:
        """The bookmark after the trivial read ``probe``: it changes with every commit."""
        with neo4j_errors("reading the graph version"), self.session(retry_s=READ_RETRY_S) as s:
            s.run(probe).consume()
            return ",".join(sorted(s.last_bookmarks().raw_values))

    def verify(self, what: str = "connecting") -> None:
        """Check connectivity and credentials now (a quick connect, no retries)."""
        verify_connectivity(self.driver, what)


def _consume(tx: neo4j.ManagedTransaction, statement: str, params: dict[str, Any]) -> None:
    tx.run(statement, params).consume()


def verify_connectivity(driver: neo4j.Driver, what: str = "connecting") -> None:
    """Check that ``driver`` reaches Neo4j and its credentials are accepted.

    Raises:
        CredentialsRefused: the login was refused.
        GraphUnavailable: the server cannot be reached.
    """
    with neo4j_errors(what):
        driver.verify_connectivity()


def cause_message(e: GraphError) -> str:
    """The driver's own message of the error behind ``e`` (its text when it has none)."""
    cause = e.__cause__
    if isinstance(cause, Neo4jError):
        return _message(cause)
    return str(cause if cause is not None else e)


def cause_code(e: GraphError) -> str | None:
    """Neo4j's status code of the error behind ``e`` (``Neo.ClientError.…``), if it has one."""
    cause = e.__cause__
    return cause.code if isinstance(cause, Neo4jError) else None


def cause_is_value(e: GraphError) -> bool:
    """True when ``e`` stands for a value the driver could not send (not one Neo4j refused)."""
    return isinstance(e.__cause__, _VALUE_ERRORS)


__all__ = [
    "READ_RETRY_S",
    "Graph",
    "Row",
    "cause_code",
    "cause_is_value",
    "cause_message",
    "is_dead_connection",
    "neo4j_errors",
    "translate",
    "verify_connectivity",
]
