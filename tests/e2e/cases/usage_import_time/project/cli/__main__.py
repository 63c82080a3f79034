import sys

from cli import app

print(app.run(sys.argv[1]))
