"""Times exec to the first 200 response: starts `statusd serve` on an existing database, then asks
GET PATH (with the given headers) every 0.5 ms until it answers 200, RUNS times; prints the median
in milliseconds. Usage: startup.py RUNS PORT PATH HEADER -- STATUSD_ARGV..."""
import socket
import statistics
import subprocess
import sys
import time

split = sys.argv.index("--")
runs, port, path, header = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
argv = sys.argv[split + 1:]
request = f"GET {path} HTTP/1.1\r\nHost: bench\r\n{header}\r\nConnection: close\r\n\r\n".encode()


def answered_200():
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(request)
            return s.recv(12).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


times = []
for _ in range(runs):
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not answered_200():
        if process.poll() is not None:
            sys.exit("statusd exited during start-up")
        if time.perf_counter() - start > 10:
            sys.exit("no 200 within 10 s")
        time.sleep(0.0005)
    times.append((time.perf_counter() - start) * 1000)
    process.terminate()
    process.wait()
print(f"{statistics.median(times):.1f}")
