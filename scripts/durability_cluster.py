#!/usr/bin/env python3
"""Durability with two instances: kill -9 one Juara instance during a burst of
writes through both, and show that every write either acknowledged is stored and
that the other instance kept answering throughout.

Usage: scripts/durability_cluster.py PATH/TO/juara PATH/TO/juara-surreal

A SurrealDB server (juara-surreal, built from crates.io by `cargo build -p
surreal-server --profile surreal`) runs on a loopback port with SurrealKV storage;
instance A (with the demo) and instance B serve on it, sharing one data directory
as they would share a network file system. One session cookie, made on A, is used
on both: sessions live in the database. Eight clients create organisations, the
even ones through A and the odd ones through B. After a few seconds A gets
SIGKILL while requests are in flight; the clients on B go on for a while longer.
A write counts as acknowledged when its HTTP response arrived with status 200.
Afterwards every acknowledged organisation must be in the database (read through
B), and no request to B may have failed. Only loopback is used. Writes
target/durability_cluster.json with the figures.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from durability import free_port, post, start  # noqa: E402

CLIENTS = 8
BURST_SECONDS = 4.0
AFTER_KILL_SECONDS = 3.0
EMAIL = "panitia@juara.test"
PASSWORD = "juara-demo-2026"


def start_database(binary, folder, port):
    process = subprocess.Popen(
        [binary, "start", "--no-banner", "--user", "root", "--pass", "root",
         "--bind", f"127.0.0.1:{port}", f"surrealkv://{folder}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=dict(os.environ, SURREAL_LOG="warn"))
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            import urllib.request
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as answer:
                if answer.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the SurrealDB server did not answer /health")


def main():
    juara, surreal = (os.path.abspath(path) for path in sys.argv[1:3])
    folder = tempfile.mkdtemp(prefix="juara-cluster-db-")
    data = tempfile.mkdtemp(prefix="juara-cluster-data-")
    db_port = free_port()
    database = start_database(surreal, os.path.join(folder, "data"), db_port)
    common = dict(os.environ, JUARA_DATA=data, JUARA_LOG="error",
                  JUARA_DB=f"ws://127.0.0.1:{db_port}", JUARA_DB_USER="root", JUARA_DB_PASS="root")
    bases, instances = [], []
    for name in ("a", "b"):
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = dict(common, JUARA_ADDR=f"127.0.0.1:{port}", JUARA_DEMO="true" if name == "a" else "false")
        instances.append(start(juara, env, base))
        bases.append(base)
    a, b = bases
    try:
        _, headers, _ = post(a, "/api/login", {"email": EMAIL, "password": PASSWORD})
        cookie = next(header.split(";", 1)[0] for header in headers.get_all("Set-Cookie") or []
                      if header.startswith("juara_session="))
        acknowledged, failures = [], {"a": 0, "b": 0}
        failures_on_b_after_kill = []
        lock = threading.Lock()
        stop = threading.Event()
        killed = threading.Event()

        def client(number):
            side = "a" if number % 2 == 0 else "b"
            base = a if side == "a" else b
            sequence = 0
            while not stop.is_set():
                if side == "a" and killed.is_set():
                    return
                name = f"Cluster {number}-{sequence}"
                sequence += 1
                try:
                    status, _, _ = post(base, "/api/save_organisation", {"name": name, "kind": "pd"}, cookie, timeout=10)
                    if status == 200:
                        with lock:
                            acknowledged.append(name)
                        continue
                    raise RuntimeError(f"status {status}")
                except Exception as error:  # the kill cuts A's requests off mid-flight
                    with lock:
                        failures[side] += 1
                        if side == "b" and killed.is_set():
                            failures_on_b_after_kill.append(f"{type(error).__name__}: {error}")
                    time.sleep(0.05)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        time.sleep(BURST_SECONDS)
        os.kill(instances[0].pid, signal.SIGKILL)
        killed.set()
        instances[0].wait()
        acknowledged_at_kill = len(acknowledged)
        time.sleep(AFTER_KILL_SECONDS)
        stop.set()
        for thread in threads:
            thread.join()

        _, _, body = post(b, "/api/organisations", {}, cookie)
        stored = {organisation["name"] for organisation in json.loads(body)}
    finally:
        for process in instances + [database]:
            if process.poll() is None:
                process.terminate()
                process.wait()
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(data, ignore_errors=True)

    missing = [name for name in acknowledged if name not in stored]
    result = {
        "clients": CLIENTS,
        "burst_seconds": BURST_SECONDS,
        "after_kill_seconds": AFTER_KILL_SECONDS,
        "acknowledged": len(acknowledged),
        "acknowledged_at_kill": acknowledged_at_kill,
        "acknowledged_after_kill": len(acknowledged) - acknowledged_at_kill,
        "missing": len(missing),
        "failed_requests_on_killed_instance": failures["a"],
        "failed_requests_on_other_instance": failures["b"],
        "database": "SurrealDB 3.3.5 server (juara-surreal), SurrealKV",
    }
    os.makedirs("target", exist_ok=True)
    with open("target/durability_cluster.json", "w") as out:
        json.dump(result, out, indent=2)
    print(json.dumps(result, indent=2))
    if missing or not acknowledged:
        print("FAILED: acknowledged writes missing after kill -9 of one instance:", missing[:10], file=sys.stderr)
        print("0 passed, 1 failed")
        sys.exit(1)
    if failures["b"] or result["acknowledged_after_kill"] == 0:
        print("FAILED: the other instance did not keep serving:", failures_on_b_after_kill[:5], file=sys.stderr)
        print("0 passed, 1 failed")
        sys.exit(1)
    print(f"durability (two instances): all {len(acknowledged)} acknowledged writes stored after kill -9 "
          f"of one instance; the other answered all {result['acknowledged_after_kill']} writes after it")
    print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
