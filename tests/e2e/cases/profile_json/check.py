"""Checks `lmms profile --format json` by structure: the numbers vary, the facts must not."""
import json
import os
import sys

profile = json.load(sys.stdin)
project = sys.argv[1]
with open(os.path.join(project, ".lmms", "profile.json")) as f:
    stored = json.load(f)
modules = profile["modules"]
by_name = {module["name"]: module for module in modules}


def name(index):
    return None if index is None else modules[index]["name"]


def site(index):
    if index is None:
        return None
    s = profile["sites"][index]
    return "%s:%d" % (s["file"], s["line"])


cold = profile["cold_start"]
parts = cold["parts_us"]
print("schema_version", profile["schema_version"])
print("stored profile equals stdout:", stored == profile)
print("runs", len(profile["runs"]), "settings", profile["settings"])
print("parts add up:", abs(sum(parts.values()) - cold["total_us"]["median"]) < 1e-6)
# importtime rounds each record's self time up on its own: allow 1 us per module.
excess = sum(m["self_us"]["median"] for m in modules) - by_name["app.main"]["cumulative_us"]["median"]
print("self times add up to the entry's cumulative within rounding:", 0 <= excess <= len(modules))
for module in modules:
    print("%-15s project=%-5s first_importer=%-14s first_project_site=%s samples=%d" % (
        module["name"], module["project"], name(module["first_importer"]),
        site(module["first_project_site"]), len(module["self_samples_us"])))
for group in profile["groups"]:
    print("group", name(group["importer"]), group["package"], [site(s) for s in group["sites"]],
          "retained modules", group["retained_modules"])
# Costs are sleeps of known length. A sleep is a lower bound on any machine (a loaded one only
# stretches it), so each module's self time is at least its sleep; which is slower than which
# would depend on how much a busy machine stretched each one.
sleeps_ms = {"app.slow": 200, "app._chain": 100, "fakelib": 80, "app.medium": 50, "app.main": 20}
print("self time at least the module's sleep:",
      all(by_name[name]["self_us"]["median"] >= 1000 * ms for name, ms in sleeps_ms.items()))
print("fakelib retained (ms) >= 80:", by_name["fakelib"]["retained_us"] >= 80000)


def fnv1a_64(data):
    value = 0xcbf29ce484222325
    for byte in data:
        value = ((value ^ byte) * 0x100000001b3) & 0xffffffffffffffff
    return "%016x" % value


# The project's Python files as the plan lists them, each with the fingerprint of its bytes.
sources = profile["sources"]
print("sources", [source["file"] for source in sources])
print("sources sorted:", sources == sorted(sources, key=lambda source: source["file"]))
print("fingerprints are FNV-1a of the bytes:", all(
    source["fingerprint"] == fnv1a_64(open(os.path.join(project, source["file"]), "rb").read())
    for source in sources))
