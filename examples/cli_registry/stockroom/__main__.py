from stockroom.cli import main

raise SystemExit(main())
