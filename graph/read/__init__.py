"""The query service's reads, by what they read: ``events``, ``actors``, ``relations``
(two actors' events by month) and ``network`` (ego networks and paths).

Every function receives a :class:`graph.session.Graph`, runs fixed queries from
``graph.queries`` through :meth:`Graph.read <graph.session.Graph.read>` and returns plain
Python values; the API turns them into its response models. Errors are the graph package's
(``GraphUnavailable``, ``NotFound``, ``QueryRejected``), chained to the driver's.
"""
