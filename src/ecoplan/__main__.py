from ecoplan.cli import main

main()
