"""``python -m esg_workbench``: the command-line interface."""

from esg_workbench.cli import main

if __name__ == "__main__":
    main()
