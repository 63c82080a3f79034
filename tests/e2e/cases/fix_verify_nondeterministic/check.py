"""lmms fix --verify on a workload whose outputs vary from run to run (a random request id):
the files are restored, and no fix is blamed. The snapshot's time and the latencies vary: masked."""
import re
import sys

text = sys.stdin.read()
text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "YYYY-MM-DDTHH:MM:SSZ", text)
text = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID", text)
sys.stdout.write(text)
