"""python-cinderclient (the OpenStack Block Storage client, Debian python3-cinderclient) against
a Cinder-compatible endpoint, in its noauth mode: runs the named calls and prints one JSON line
per call ({"call", "ok", "error"}). Run by contract-tests/official-cinderclient.test.ts.

usage: official-cinderclient.py <endpoint up to the version, e.g. http://host/v2> <project_id>
       <volume_id> <snapshot_id> <call>...
"""
import json
import sys

from cinderclient import client
from cinderclient.contrib.noauth import CinderNoAuthPlugin
from keystoneauth1 import session

endpoint, project, volume, snapshot, *calls = sys.argv[1:]
auth = CinderNoAuthPlugin("contract-test", project_id=project, endpoint=endpoint)
# Each request says which call sent it (the test groups the relay's record by it).
tagged = session.Session(auth=auth, additional_headers={})
cinder = client.Client("3.0", session=tagged, retries=0)

CALLS = {
    # Every optional it is not given goes on the wire as null ("backup_id": null, "name": null, ...);
    # availability_zone is required by Huawei (the mock refuses a create without it).
    "volumes.create": lambda: cinder.volumes.create(size=40, availability_zone="cn-north-4a"),
    "volumes.list": lambda: cinder.volumes.list(detailed=False),
    "volumes.list_detail": lambda: cinder.volumes.list(detailed=True),
    "volumes.get": lambda: cinder.volumes.get(volume),
    "volumes.update": lambda: cinder.volumes.update(volume, name="renamed-by-cinderclient"),
    "volumes.extend": lambda: cinder.volumes.extend(volume, 100),
    # cascade=True, Python's spelling of the boolean.
    "volumes.delete": lambda: cinder.volumes.delete(volume, cascade=True),
    # "name": null, "description": null, "force": false.
    "snapshots.create": lambda: cinder.volume_snapshots.create(volume),
    "snapshots.list": lambda: cinder.volume_snapshots.list(detailed=False),
    "snapshots.list_detail": lambda: cinder.volume_snapshots.list(detailed=True),
    "snapshots.get": lambda: cinder.volume_snapshots.get(snapshot),
    "snapshots.update": lambda: cinder.volume_snapshots.update(snapshot, name="renamed-by-cinderclient"),
    "snapshots.delete": lambda: cinder.volume_snapshots.delete(snapshot),
    "availability_zones.list": lambda: cinder.availability_zones.list(detailed=False),
}

for name in calls:
    tagged.additional_headers["X-Contract-Call"] = name
    try:
        CALLS[name]()
        print(json.dumps({"call": name, "ok": True}), flush=True)
    except Exception as error:  # the test reports what failed and why
        print(json.dumps({"call": name, "ok": False, "error": f"{type(error).__name__}: {error}"}), flush=True)
