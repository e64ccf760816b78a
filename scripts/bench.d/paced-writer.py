#!/usr/bin/env python3
"""Creates incidents on one status page at a steady rate over one keep-alive connection, until
killed: the writes that the read benchmarks run under. Each write is durable before its answer;
an answer that is not 200 stops the writer with a message. Prints the writes made when stopped.
Usage: paced-writer.py PORT PAGE_ID PER_SECOND SECRET"""
import http.client, json, signal, sys, time

port, page, rate, secret = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), sys.argv[4]
made = 0
def stop(*_):
    print(f"writes {made}", flush=True)
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}
next_at = time.monotonic()
while True:
    body = json.dumps({"title": f"Paced write {made}", "description": "Writes while others read",
                       "status": "INVESTIGATING", "impact": "DEGRADED_PERFORMANCE"})
    connection.request("POST", f"/v1/status_pages/{page}/incidents", body, headers)
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        print(f"write answered {response.status}", file=sys.stderr, flush=True)
        sys.exit(1)
    made += 1
    next_at += 1 / rate
    time.sleep(max(0.0, next_at - time.monotonic()))
