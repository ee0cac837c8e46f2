#!/usr/bin/env python3
"""Durability check: kill -9 the server during a burst of writes, restart it, and
show that every write it acknowledged is there.

Usage: scripts/durability.py PATH/TO/juara

Eight clients create organisations as fast as the server answers; after a few
seconds the server gets SIGKILL while requests are in flight. A write counts as
acknowledged when its HTTP response arrived with status 200. After the restart,
every acknowledged organisation must be in the database. Only loopback is used.
Writes target/durability.json with the figures.
"""
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

PASSWORD = "durability-check-2026"
EMAIL = "durability@juara.test"
CLIENTS = 8
BURST_SECONDS = 4.0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(base, path, fields, cookie=None, timeout=10):
    body = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(base + path, data=body, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    if cookie:
        request.add_header("Cookie", cookie)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, response.headers, response.read()


def start(binary, env, base):
    process = subprocess.Popen([binary, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return process
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not become healthy: " + process.stderr.read().decode(errors="replace"))


def sign_in(base):
    _, headers, _ = post(base, "/api/login", {"email": EMAIL, "password": PASSWORD})
    for header in headers.get_all("Set-Cookie") or []:
        if header.startswith("juara_session="):
            return header.split(";", 1)[0]
    raise SystemExit("sign-in did not set a session cookie")


def main():
    binary = os.path.abspath(sys.argv[1])
    data = tempfile.mkdtemp(prefix="juara-durability-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, JUARA_DATA=data, JUARA_ADDR=f"127.0.0.1:{port}", JUARA_LOG="error")
    subprocess.run([binary, "user", "add", "--role", "admin", "--email", EMAIL],
                   input=PASSWORD.encode(), env=env, check=True, stdout=subprocess.DEVNULL)

    server = start(binary, env, base)
    cookie = sign_in(base)
    acknowledged, errors = [], []
    lock = threading.Lock()
    stop = threading.Event()

    def client(number):
        sequence = 0
        while not stop.is_set():
            name = f"Durability {number}-{sequence}"
            sequence += 1
            try:
                status, _, _ = post(base, "/api/save_organisation", {"name": name, "kind": "pd"}, cookie, timeout=5)
                if status == 200:
                    with lock:
                        acknowledged.append(name)
            except Exception as error:  # the kill cuts requests off mid-flight
                with lock:
                    errors.append(type(error).__name__)
                if stop.is_set():
                    return
                time.sleep(0.05)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    time.sleep(BURST_SECONDS)
    os.kill(server.pid, signal.SIGKILL)
    killed_at_ack = len(acknowledged)
    server.wait()
    stop.set()
    for thread in threads:
        thread.join()

    server = start(binary, env, base)
    try:
        cookie = sign_in(base)
        _, _, body = post(base, "/api/organisations", {}, cookie)
        stored = {organisation["name"] for organisation in json.loads(body)}
    finally:
        server.terminate()
        server.wait()

    missing = [name for name in acknowledged if name not in stored]
    result = {
        "clients": CLIENTS,
        "burst_seconds": BURST_SECONDS,
        "acknowledged": len(acknowledged),
        "acknowledged_before_kill": killed_at_ack,
        "stored_after_restart": len(stored),
        "missing": len(missing),
        "failed_requests_at_kill": len(errors),
    }
    os.makedirs("target", exist_ok=True)
    with open("target/durability.json", "w") as out:
        json.dump(result, out, indent=2)
    print(json.dumps(result, indent=2))
    if missing or not acknowledged:
        print("FAILED: acknowledged writes missing after kill -9:", missing[:10], file=sys.stderr)
        print("0 passed, 1 failed")
        sys.exit(1)
    print(f"durability: all {len(acknowledged)} acknowledged writes survived kill -9")
    print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
