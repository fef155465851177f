"""The use cases the CLI (``api.commands``) and the HTTP API (``api.routes``) share.

Each function takes plain values and a ``graph.session.Graph`` (or the pieces it needs) and
raises the packages' errors; the CLI turns those into messages and exit codes, the API into
problem responses (``api.errors``). Neither front end holds a rule of its own:

* ``filters``: parse a filter (dates, ``near``, actor references) into a ``GraphFilter``.
* ``ingestion``: extract articles, then load them; one status per item.
* ``exports``: the export formats, and the filtered graph written in one of them.
"""
