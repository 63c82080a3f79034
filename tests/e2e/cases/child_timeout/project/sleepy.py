import subprocess
import sys
import time

# A grandchild too: the whole process group must go.
subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
sys.stderr.write("sleeping\n")
sys.stderr.flush()
time.sleep(60)
