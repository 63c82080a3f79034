# The plan is plan_text's; what matters here is that it is made at all.
import sys

text = sys.stdin.read()
print("plan printed:", text.startswith("lmms plan for"))
