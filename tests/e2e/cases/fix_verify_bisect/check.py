"""lmms fix --verify on a fix that changes the output: the files are restored and the fix
responsible is found by bisecting. The snapshot's time and the latencies vary: masked."""
import re
import sys

text = sys.stdin.read()
text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "YYYY-MM-DDTHH:MM:SSZ", text)
text = re.sub(r"^(  \w+) +#.*$", r"\1 (latencies)", text, flags=re.M)
sys.stdout.write(text)
