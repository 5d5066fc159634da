"""Exit 0 when the PostgreSQL server of the given URL answers, 1 otherwise (used by `make test`)."""

import sys

import psycopg


def main(url: str) -> int:
    # Connect to the maintenance database: the project's database may not exist yet (tests create their own).
    params = psycopg.conninfo.conninfo_to_dict(url)
    params["dbname"] = "postgres"
    try:
        with psycopg.connect(**params, connect_timeout=3):
            return 0
    except psycopg.Error:
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
