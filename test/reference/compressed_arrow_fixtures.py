"""Writes test/fixtures/arrow/codecs/: the quickstart's findings, prices and agents over 2000
(findings to June), each uncompressed, LZ4- and ZSTD-compressed, as pyarrow writes them
(feather.write_feather compresses with LZ4 by default). Several record batches a file, so
dictionaries and batches after the first are compressed too. Run from the repository root:
    python3 test/reference/compressed_arrow_fixtures.py
"""
import datetime as dt
import os

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.feather as feather
import pyarrow.ipc as ipc

SRC = 'datasets/data/real-stocks'
OUT = 'test/fixtures/arrow/codecs'
UTC = dt.timezone.utc


def window(t, end):
    return t.filter(pc.less(t['ts'], pa.scalar(end, pa.timestamp('ms', 'UTC'))))


def tables():
    read = lambda k: ipc.open_file(f'{SRC}/{k}.arrow').read_all()
    return {
        'findings': (window(read('findings'), dt.datetime(2000, 7, 1, tzinfo=UTC)), 64),
        'prices': (window(read('prices'), dt.datetime(2001, 1, 1, tzinfo=UTC)), 32),
        'agents': (read('agents'), 8),
    }


os.makedirs(OUT, exist_ok=True)
for kind, (t, rows) in tables().items():
    for codec in ('uncompressed', 'lz4', 'zstd'):
        feather.write_feather(t, f'{OUT}/{kind}-{codec}.arrow', compression=codec, chunksize=rows)
