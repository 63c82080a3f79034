"""What a plan's decisions must be, given the numbers the same run measured.

A golden cannot say "yaml is made lazy": that holds where yaml takes 12 ms to
import and not where it takes 8. It can say that every row's tier is the one
the tier table gives for the row's own cost and usage, and that its action is
one that tier allows. Check scripts import this module (their folder's parent
is put on sys.path) and run the binary the runner names in $LMMS.
"""
import json
import os
import subprocess

# The actions each tier allows (DESIGN.md §2's tier table, with the plan's
# actions for imports that cannot move or are already where they belong).
ALLOWED = {
    "light": {"keep", "fast-path", "in-fast-path", "hoist"},
    "hot": {"keep", "fast-path", "in-fast-path", "hoist"},
    "cold": {"lazy", "cannot-move"},
    "heavy-cold": {"lazy", "cannot-move"},
    "heavy-hot": {"exception", "in-fast-path", "cannot-move"},
}


def plan_json(project):
    """`lmms plan --format json` on the project's stored captures."""
    done = subprocess.run([os.environ["LMMS"], "plan", "--format", "json", "--project", project],
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise SystemExit("lmms plan exited %d: %s" % (done.returncode, done.stderr))
    return json.loads(done.stdout)


def expected_tier(item, thresholds):
    """The tier table applied to the row's own cost and usage."""
    cost = item["cost_ms"]
    if cost < thresholds["fast_ms"]:
        return "light"
    if item.get("used") is None or not item.get("invocations"):
        return "none"
    hot = 100.0 * item["used"] / item["invocations"] > thresholds["hot_usage"]
    if cost <= thresholds["heavy_ms"]:
        return "hot" if hot else "cold"
    return "heavy-hot" if hot else "heavy-cold"


def follows(item, thresholds):
    """True when the row's tier and action follow from its measured numbers.
    Rows off the cold path (no cost, no tier) follow trivially."""
    if item.get("cost_ms") is None or item.get("tier") in (None, "none"):
        return True
    tier = expected_tier(item, thresholds)
    if item["tier"] != tier:
        return False
    # A borderline row (its cost's range straddles a threshold) keeps its place,
    # and an import nothing reads is a side-effect import: it stays.
    if item["action"] == "keep" and (item.get("borderline") or item.get("reason_code") == "side_effect"):
        return True
    return item["action"] in ALLOWED.get(tier, set())


def rows_not_following(plan):
    """`file:line statement [tier, action, cost, usage]` of every row that does not follow."""
    thresholds = plan["thresholds"]
    return ["%s:%d %s [%s, %s, %.1f ms, %s/%s]" % (
        item["file"], item["line"], item["statement"], item["tier"], item["action"],
        item["cost_ms"], item.get("used"), item.get("invocations"))
        for item in plan["items"] if not follows(item, thresholds)]
