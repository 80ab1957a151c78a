from ecoplan.cli import main

if __name__ == "__main__":  # not again in each worker process `ecoplan serve --workers` spawns
    main()
