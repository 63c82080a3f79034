"""The history with one recording that alone rose over the tolerance: pandas
imported at module level from that commit on. argv[1]: the project."""
import os
import runpy
import sys

creep = runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "history_creep",
                                    "fake_history.py"))
creep["MEDIANS"][:] = [500, 505, 498, 502, 760, 755, 765]
creep["DAYS"][:] = ["11-01", "11-02", "11-03", "11-04", "11-05", "11-06", "11-07"]
plain = creep["packages"]
creep["main"].__globals__["packages"] = lambda i: plain(1) + ([("pandas", 250.0, 300, "app/main.py:2")] if i >= 4 else [])
creep["main"].__globals__["KINDS"] = ["baseline"] + ["compare"] * 6
creep["main"]()
