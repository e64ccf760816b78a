"""Opens N keep-alive connections to 127.0.0.1:PORT, sends one GET on each (so every connection has
served a request and is idle between requests, as a browser's would be), prints `held N`, then keeps
them open until stdin closes. Usage: hold-connections.py PORT N PATH [HEADER ...]"""
import socket
import sys

port, count, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
headers = "".join(h + "\r\n" for h in sys.argv[4:])
request = f"GET {path} HTTP/1.1\r\nHost: bench\r\n{headers}\r\n".encode()
held = []
for _ in range(count):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(request)
    held.append(s)
for s in held:
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = s.recv(65536)
        if not chunk:
            sys.exit("connection closed before its response")
        head += chunk
    if not head.startswith(b"HTTP/1.1 200"):
        sys.exit("not a 200: " + head.split(b"\r\n")[0].decode())
print(f"held {len(held)}", flush=True)
sys.stdin.read()
