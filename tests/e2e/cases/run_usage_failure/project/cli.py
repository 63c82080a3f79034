import sys

import app

print(app.main())
if len(sys.argv) > 1:
    raise KeyError(sys.argv[1])
