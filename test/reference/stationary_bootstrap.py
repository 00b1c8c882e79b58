"""The stationary bootstrap (Politis & Romano 1994) as bt draws it, written from the recipe in
docs/reports.md (Bootstrap), independently of bt's code; `u` is a seeded stream (seeded_stream.py).

One resample of n periods is a sequence of blocks, two draws of the stream each, in this order:
    start  = floor(u() * n)                                  uniform in [0, n)
    length = 1 + floor(log(1 - u()) / log(1 - p))            geometric with mean 1/p, p = 1/max(1, mean_block); 1 when p = 1
until the lengths reach n, the last one cut so that they sum to n; a block takes the indices
start, start + 1, ... modulo n (circular).
"""
import math

import numpy as np


def stationary_bootstrap_blocks(n, mean_block, u):
    """[(start, length), ...] of one resample."""
    p = 1 / max(1, mean_block)
    blocks, filled = [], 0
    while filled < n:
        start = math.floor(u() * n)
        v = 1 - u()
        length = 1 if p >= 1 else 1 + math.floor(math.log(v) / math.log(1 - p))
        length = min(length, n - filled)
        blocks.append((start, length))
        filled += length
    return blocks


def stationary_bootstrap(n, mean_block, u):
    """The index sequence (numpy int array of length n) of one resample."""
    blocks = stationary_bootstrap_blocks(n, mean_block, u)
    return np.concatenate([(s + np.arange(k)) % n for s, k in blocks]) if n else np.zeros(0, dtype=int)
