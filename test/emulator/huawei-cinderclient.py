"""python-cinderclient (Debian python3-cinderclient) as a step-by-step driver for the Huawei
emulator's Cinder-compatible paths, in its noauth mode (it sends `X-Auth-Token: <user>:<project>`).
Run by test/emulator/huawei-official.test.ts: reads one JSON command a line on stdin, answers one
JSON line on stdout ({"ok": true, "result": ...} or {"ok": false, "error": ...}), so the test can
look at the emulator's state between steps.

usage: huawei-cinderclient.py <endpoint up to the version, e.g. http://host/v2> <user> <project_id>
"""
import json
import sys
import time

from cinderclient import client
from cinderclient.contrib.noauth import CinderNoAuthPlugin
from keystoneauth1 import session

endpoint, user, project = sys.argv[1:]
auth = CinderNoAuthPlugin(user, project_id=project, endpoint=endpoint)
cinder = client.Client("3.0", session=session.Session(auth=auth), retries=0)


def volume_view(volume):
    return {"id": volume.id, "status": volume.status, "size": volume.size, "name": volume.name}


def snapshot_view(snapshot):
    return {"id": snapshot.id, "status": snapshot.status, "size": snapshot.size, "volume_id": snapshot.volume_id}


def wait(get, wanted, polls=50):
    """cinderclient has no waiter: poll `get` until the status is `wanted` (the test moves the clock first)."""
    for _ in range(polls):
        resource = get()
        if resource.status == wanted:
            return resource
        time.sleep(0.02)
    raise RuntimeError(f"still {resource.status} after {polls} polls, wanted {wanted}")


STEPS = {
    # Every optional it is not given goes on the wire as null ("backup_id": null, "name": null, ...).
    "create_volume": lambda a: volume_view(cinder.volumes.create(size=a["size"], name=a["name"], availability_zone=a["zone"])),
    "get_volume": lambda a: volume_view(cinder.volumes.get(a["id"])),
    "wait_volume": lambda a: volume_view(wait(lambda: cinder.volumes.get(a["id"]), a["status"])),
    # "description": null, "force": false (a Python boolean on the wire as JSON false).
    "create_snapshot": lambda a: snapshot_view(cinder.volume_snapshots.create(a["volume_id"], name=a["name"])),
    "wait_snapshot": lambda a: snapshot_view(wait(lambda: cinder.volume_snapshots.get(a["id"]), a["status"])),
    "list_snapshots": lambda a: [
        snapshot_view(s) for s in cinder.volume_snapshots.list(detailed=True, search_opts={"volume_id": a["volume_id"]})
    ],
    "extend_volume": lambda a: (cinder.volumes.extend(a["id"], a["size"]), None)[1],
    "delete_snapshot": lambda a: (cinder.volume_snapshots.delete(a["id"]), None)[1],
    # cascade=True: the query says `cascade=True`, Python's spelling of the boolean.
    "delete_volume": lambda a: (cinder.volumes.delete(a["id"], cascade=True), None)[1],
}

for line in sys.stdin:
    command = json.loads(line)
    try:
        result = STEPS[command["step"]](command)
        print(json.dumps({"ok": True, "result": result}), flush=True)
    except Exception as error:  # the test reports what failed and why
        code = getattr(error, "code", None)
        print(json.dumps({"ok": False, "status": code, "error": f"{type(error).__name__}: {error}"}), flush=True)
