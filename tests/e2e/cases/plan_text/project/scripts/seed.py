"""Not imported by the handler: seeds a local database."""
import argparse
import sqlite3


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    sqlite3.connect(parser.parse_args().path).close()


if __name__ == "__main__":
    main()
