from shop import cli

cli.main()
