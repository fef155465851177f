#!/usr/bin/env bash
# Print example calls for the demo API.
set -euo pipefail
key="${DEKG_API_KEYS:-$(cat "${DEKG_DATA_DIR:?}/api-key")}"
base="http://127.0.0.1:8000"
cat <<TXT

dekg is starting on $base  (viewer: $base/  ·  OpenAPI docs: $base/docs)
Try, in another terminal:
  curl -s '$base/health'
  curl -s '$base/events?actor=USA&limit=5'
  curl -s '$base/actors?q=lavrov'
  curl -s '$base/actors/person:antony-blinken/relationships'
  curl -s '$base/relations?a=USA&b=RUS'
  curl -s -X POST '$base/cypher' -H "X-API-Key: ${key%%,*}" -H 'content-type: application/json' \\
       -d '{"query": "MATCH (e:Event)-[:SOURCE]->(a:Actor) RETURN e.type AS type, a.name AS source LIMIT 5"}'
  (the Cypher console needs a key: a read key from DEKG_READ_KEYS or, as here, the write key;
   it runs only what Neo4j's plan says is a read — see README, "Security")
  curl -s '$base/export?format=graphml' -o dekg.graphml
  curl -s -X POST '$base/articles' -H "X-API-Key: ${key%%,*}" -H 'content-type: text/plain' \\
       --data-binary @examples/cyprus-mail-blinken-lavrov.txt
Neo4j Browser and Bolt address: .venv/bin/dekg neo4j status
TXT
