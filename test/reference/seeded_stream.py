"""Independent reimplementation of bt's seeded random stream (engine/core/rng.ts: createRng).

createRng(seed, label) is seedrandom's ARC4 generator keyed by the string f"{seed}:{label}".
Written from the published algorithm (RC4 key schedule over the seedrandom key mix, the first
256 outputs dropped, a double built from 6 output bytes topped up to 52 significant bits),
not from bt's code; checked against seedrandom's documented example
(seedrandom('hello.')() == 0.9282578795792454).
"""

WIDTH = 256
MASK = WIDTH - 1
CHUNKS = 6
SIGNIFICANCE = 2 ** 52
OVERFLOW = 2 ** 53


def _mixkey(text):
    """seedrandom's key mix: key[j & 255] = 255 & ((smear ^= key[j & 255] * 19) + code unit j)."""
    key = []
    smear = 0
    for j, unit in enumerate(text.encode('utf-16-le')[::2]):  # ASCII seeds: one code unit per char
        k = j & MASK
        while len(key) <= k:
            key.append(0)
        smear ^= key[k] * 19
        key[k] = MASK & (smear + unit)
    return key


class SeededStream:
    """Uniform doubles on [0, 1) from seedrandom's ARC4 generator keyed by `key_text`."""

    def __init__(self, key_text):
        key = _mixkey(key_text) or [0]
        s = list(range(WIDTH))
        j = 0
        for i in range(WIDTH):  # RC4 key schedule
            j = MASK & (j + key[i % len(key)] + s[i])
            s[i], s[j] = s[j], s[i]
        self.s, self.i, self.j = s, 0, 0
        self._bytes(WIDTH)  # drop the first 256 outputs (RC4-drop[256])

    def _bytes(self, count):
        """The next `count` RC4 outputs as one big-endian integer."""
        r = 0
        s = self.s
        for _ in range(count):
            self.i = MASK & (self.i + 1)
            t = s[self.i]
            self.j = MASK & (self.j + t)
            s[self.i], s[self.j] = s[self.j], t
            r = r * WIDTH + s[MASK & (s[self.i] + t)]
        return r

    def __call__(self):
        n, d, x = self._bytes(CHUNKS), WIDTH ** CHUNKS, 0
        while n < SIGNIFICANCE:  # top up to 52 significant bits, one byte at a time
            n = (n + x) * WIDTH
            d *= WIDTH
            x = self._bytes(1)
        while n >= OVERFLOW:  # shift right to exactly 53 bits before adding the last byte
            n //= 2
            d //= 2
            x >>= 1
        return (n + x) / d


def create_rng(seed, label):
    """The stream of bt's createRng(seed, label)."""
    return SeededStream(f'{seed}:{label}')


# seedrandom's README: seedrandom('hello.')() is always 0.9282578795792454
assert SeededStream('hello.')() == 0.9282578795792454
