"""`python -m evalbook`: the same program as the `evalbook` command."""

from evalbook.cli import main

if __name__ == "__main__":
    main()
