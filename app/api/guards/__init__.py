"""What stands between the open internet and the routes: hosts, headers, rate limits, load shedding,
slow clients. Each guard is a plain ASGI middleware that answers with a problem document."""
