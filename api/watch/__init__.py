"""Feed watching: polling, polite fetching, de-duplication into the durable queue."""
