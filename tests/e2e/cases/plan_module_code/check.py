"""The plan names the module-level code of project modules above fast-ms, slowest first, as advice
(no action); its date and module count masked."""
import re
import sys

text = sys.stdin.read()
text = re.sub(r"profiled \S+Z", "profiled YYYY-MM-DDTHH:MM:SSZ", text)
text = re.sub(r"modules at cold start: \d+ -> \d+", "modules at cold start: # -> #", text)
sys.stdout.write(text)
