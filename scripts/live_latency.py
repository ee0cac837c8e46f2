#!/usr/bin/env python3
"""Live dashboard latency: how long after a judge's save the committee's event
stream says the stage changed (the dashboard then refetches).

Usage: scripts/live_latency.py PATH/TO/juara [SAVES]

Starts the server with the demo on a free loopback port and a fresh data
directory, signs in as the demo admin and a demo judge, opens the stage's event
stream (/admin/editions/SLUG/stages/desk/events) and saves SAVES (default 40)
revisions of one of the judge's sheets, one at a time. For each save it records
the time from sending the request to the `changed` event arriving. Writes
target/live_latency.json with the figures. Only loopback is used.
"""
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

PASSWORD = "juara-demo-2026"
CRITERIA = ["kebaruan", "efektivitas", "kemanfaatan", "replikasi", "keberlanjutan"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(base, path, body=None, cookie=None, json_body=False):
    headers = {"sec-fetch-site": "same-origin"}
    if cookie:
        headers["cookie"] = cookie
    data = None
    if body is not None:
        if json_body:
            data = json.dumps(body).encode()
            headers["content-type"] = "application/json"
        else:
            data = urllib.parse.urlencode(body).encode()
            headers["content-type"] = "application/x-www-form-urlencoded"
    req = urllib.request.Request(base + path, data=data, headers=headers, method="POST" if body is not None else "GET")
    try:
        with urllib.request.urlopen(req, timeout=10) as answer:
            return answer.status, answer.headers, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def sign_in(base, email):
    _, headers, _ = request(base, "/api/login", {"email": email, "password": PASSWORD})
    return headers.get("Set-Cookie").split(";")[0]


def main():
    binary = sys.argv[1]
    saves = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    data = tempfile.mkdtemp(prefix="juara-live-")
    env = dict(os.environ, JUARA_ADDR=f"127.0.0.1:{port}", JUARA_DATA=data, JUARA_LOG="warn")
    server = subprocess.Popen([binary, "serve", "--demo"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            try:
                if request(base, "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        editions = json.loads(request(base, "/api/v1/editions")[2])
        slug = next(e["slug"] for e in editions if e["slug"].startswith("kipp-malang-") and not e["results_published"])
        admin = sign_in(base, "panitia@juara.test")
        judge = sign_in(base, "juri1@juara.test")
        # Saves name the account they were made for (a shared tablet's queue is
        # never sent under another's session).
        owner = json.loads(request(base, "/api/me", {}, judge)[2])["id"]
        assignments = json.loads(request(base, "/api/load_judge_home", {}, judge)[2])
        mine = next(a for a in assignments if a["stage"].endswith("-desk"))
        stage, entry = mine["stage"], mine["entry"]

        events = []
        ready = threading.Event()

        def listen():
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("GET", f"/admin/editions/{slug}/stages/desk/events", headers={"cookie": admin})
            answer = conn.getresponse()
            while True:
                line = answer.fp.readline()
                if not line:
                    return
                text = line.decode().strip()
                if text == "event: ready":
                    ready.set()
                elif text == "event: changed":
                    events.append(time.perf_counter())

        threading.Thread(target=listen, daemon=True).start()
        ready.wait(10)
        revision = 0
        delays = []
        for n in range(saves):
            before = len(events)
            body = {
                "stage": stage,
                "entry": entry,
                "owner": owner,
                "revision": {
                    "values": {key: (n * 7 + i) % 101 for i, key in enumerate(CRITERIA)},
                    "comments": {},
                    "comment": "",
                    "submit": False,
                    "base_revision": revision,
                    "idempotency_key": f"live-{time.time_ns()}-{n}",
                },
            }
            sent = time.perf_counter()
            status, _, text = request(base, "/api/save_sheet", body, judge, json_body=True)
            answer = json.loads(text)
            if status != 200:
                # A sheet the demo already holds: start from its revision.
                revision = answer.get("Conflict", {}).get("stored", revision)
                continue
            revision = answer["revision"]
            deadline = time.perf_counter() + 5
            while len(events) == before and time.perf_counter() < deadline:
                time.sleep(0.001)
            if len(events) > before:
                delays.append((events[before] - sent) * 1000)
        delays.sort()
        result = {
            "saves": len(delays),
            "p50_ms": round(statistics.median(delays), 2) if delays else None,
            "p95_ms": round(delays[int(len(delays) * 0.95) - 1], 2) if delays else None,
            "max_ms": round(max(delays), 2) if delays else None,
            "target_ms": 1000,
        }
        os.makedirs("target", exist_ok=True)
        with open("target/live_latency.json", "w") as out:
            json.dump(result, out, indent=2)
        print(json.dumps(result))
    finally:
        server.kill()
        server.wait()


if __name__ == "__main__":
    main()
