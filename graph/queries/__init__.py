"""Every Cypher statement of dekg, with parameters only (no value is ever built into a string).

One module per thing the statements serve; every name is re-exported here, so callers
write ``from graph import queries`` and ``queries.WRITE_EVENTS``:

* ``conditions``: the event filter's conditions (``EVENT_CONDITIONS``, ``event_conditions``)
* ``schema``: constraints and indexes
* ``writes``: the loader's statements (``graph.writer``, ``graph.interactions``)
* ``changes``: change records written with each write transaction (``graph.changes``)
* ``summaries``: the precomputed counterpart summaries (``graph.summaries``)
* ``projection``: reads of the projections (``graph.project``)
* ``events``, ``actors``, ``relations``, ``network``: the query service's reads (``graph.read``)
* ``stats``: counts and server facts (``graph.stats``, ``dekg stats``)
* ``maintenance``: emptying the database (benchmarks, tests)
* ``fields``: map projections of the served fields, built from ``ontology.public``
"""

from __future__ import annotations

from graph.queries.actors import (
    API_ACTOR_BY_NAME,
    API_ACTOR_DETAIL,
    API_ACTOR_IDS,
    API_ACTOR_MEMBERS,
    API_ACTOR_SEARCH,
    API_ACTORS_BY_ID,
    API_ACTORS_RELATIONSHIPS_STORED,
    API_RESOLVE_ACTORS,
)
from graph.queries.changes import (
    CHANGE_ACTORS,
    CHANGE_ARTICLE_EVENTS,
    CHANGE_HEAD,
    CHANGE_PLACES,
    CHANGES_SINCE,
    RECORD_CHANGE,
)
from graph.queries.conditions import (
    _UNSET_PARAM,
    EVENT_CONDITIONS,
    EVENT_FILTER,
    event_conditions,
)
from graph.queries.events import (
    _API_EVENT_FIELDS,
    _API_EVENTS_PAGE_TAIL,
    _EVENT_NODE,
    _TYPED_EVENT_NODE,
    API_EVENT_BY_REPORT,
    API_EVENT_DETAIL,
    API_EVENT_REPORTS,
    EVENT_STARTS,
    api_events_page,
    api_events_pages,
)
from graph.queries.maintenance import (
    COUNT_NODES,
    DELETE_ALL,
)
from graph.queries.network import (
    API_NETWORK_STEP,
    API_SHORTEST_PATHS,
)
from graph.queries.projection import (
    PROJECT_AFFILIATIONS,
    PROJECT_EVENTS,
)
from graph.queries.relations import (
    _API_ACTOR_RELATIONSHIPS_HEAD,
    _API_ACTOR_RELATIONSHIPS_TAIL,
    _API_MEMBERS,
    _API_RELATION_EVENTS_HEAD,
    _API_RELATION_EVENTS_TAIL,
    API_ACTOR_INTERACTIONS,
    api_actor_relationships,
    api_relation_events,
)
from graph.queries.schema import (
    AWAIT_INDEXES,
    LABEL_EVENT_TYPES,
    LABEL_INTERACTION_PAIRS,
    SCHEMA,
    SHOW_CONSTRAINTS,
    SHOW_INDEXES,
)
from graph.queries.stats import (
    API_COMPONENTS,
    API_EVENTS_BY_TYPE,
    API_STATS,
    API_VERSION_PROBE,
    COUNT_EVENT_TYPES,
    COUNT_LABELS,
    COUNT_RELATIONSHIPS,
)
from graph.queries.summaries import (
    API_ACTOR_SUMMARY,
    DROP_ACTOR_SUMMARIES,
    DROP_SUMMARIES,
    LOCK_SUMMARY_ACTORS,
    SUMMARY_ACTOR_IDS,
    SUMMARY_COUNTERPARTS,
    SUMMARY_MISSING_IDS,
    WRITE_SUMMARIES,
)
from graph.queries.writes import (
    _KIND_LABEL,
    DELETE_INTERACTIONS,
    DELETE_UNREPORTED_EVENTS,
    DETACH_REPORTS,
    EVENT_KEYS,
    EVENT_PAIRS,
    LOCK_ACTORS,
    LOCK_ARTICLES,
    LOOKUP_EVENTS,
    PAIR_TOTALS,
    REPORT_KEYS,
    UNLOCK_ARTICLES,
    WRITE_EVENTS,
    WRITE_INTERACTIONS,
    WRITE_NODES,
)

__all__ = [
    "API_ACTORS_BY_ID",
    "API_ACTORS_RELATIONSHIPS_STORED",
    "API_ACTOR_BY_NAME",
    "API_ACTOR_DETAIL",
    "API_ACTOR_IDS",
    "API_ACTOR_INTERACTIONS",
    "API_ACTOR_MEMBERS",
    "API_ACTOR_SEARCH",
    "API_ACTOR_SUMMARY",
    "API_COMPONENTS",
    "API_EVENTS_BY_TYPE",
    "API_EVENT_BY_REPORT",
    "API_EVENT_DETAIL",
    "API_EVENT_REPORTS",
    "API_NETWORK_STEP",
    "API_RESOLVE_ACTORS",
    "API_SHORTEST_PATHS",
    "API_STATS",
    "API_VERSION_PROBE",
    "AWAIT_INDEXES",
    "CHANGES_SINCE",
    "CHANGE_ACTORS",
    "CHANGE_ARTICLE_EVENTS",
    "CHANGE_HEAD",
    "CHANGE_PLACES",
    "COUNT_EVENT_TYPES",
    "COUNT_LABELS",
    "COUNT_NODES",
    "COUNT_RELATIONSHIPS",
    "DELETE_ALL",
    "DELETE_INTERACTIONS",
    "DELETE_UNREPORTED_EVENTS",
    "DETACH_REPORTS",
    "DROP_ACTOR_SUMMARIES",
    "DROP_SUMMARIES",
    "EVENT_CONDITIONS",
    "EVENT_FILTER",
    "EVENT_KEYS",
    "EVENT_PAIRS",
    "EVENT_STARTS",
    "LABEL_EVENT_TYPES",
    "LABEL_INTERACTION_PAIRS",
    "LOCK_ACTORS",
    "LOCK_ARTICLES",
    "LOCK_SUMMARY_ACTORS",
    "LOOKUP_EVENTS",
    "PAIR_TOTALS",
    "PROJECT_AFFILIATIONS",
    "PROJECT_EVENTS",
    "RECORD_CHANGE",
    "REPORT_KEYS",
    "SCHEMA",
    "SHOW_CONSTRAINTS",
    "SHOW_INDEXES",
    "SUMMARY_ACTOR_IDS",
    "SUMMARY_COUNTERPARTS",
    "SUMMARY_MISSING_IDS",
    "UNLOCK_ARTICLES",
    "WRITE_EVENTS",
    "WRITE_INTERACTIONS",
    "WRITE_NODES",
    "WRITE_SUMMARIES",
    "_API_ACTOR_RELATIONSHIPS_HEAD",
    "_API_ACTOR_RELATIONSHIPS_TAIL",
    "_API_EVENTS_PAGE_TAIL",
    "_API_EVENT_FIELDS",
    "_API_MEMBERS",
    "_API_RELATION_EVENTS_HEAD",
    "_API_RELATION_EVENTS_TAIL",
    "_EVENT_NODE",
    "_KIND_LABEL",
    "_TYPED_EVENT_NODE",
    "_UNSET_PARAM",
    "api_actor_relationships",
    "api_events_page",
    "api_events_pages",
    "api_relation_events",
    "event_conditions",
]
