"""SBV2 2.7 symbol table (112 entries): pad, sorted union of the ZH/JP/EN phoneme sets, punctuation, SP, UNK."""

PAD = "_"
PUNCTUATIONS = ["!", "?", "\u2026", ",", ".", "'", "-"]
_PHONEMES = (
    "AA E EE En N OO V a a: aa ae ah ai an ang ao aw ay b by c ch d dh dy e e: eh ei en eng er ey f g gy "
    "h hh hy i i0 i: ia ian iang iao ie ih in ing iong ir iu iy j jh k ky l m my n ng ny o o: ong ou ow "
    "oy p py q r ry s sh t th ts ty u u: ua uai uan uang uh ui un uo uw v van ve vn w x y z zh zy"
).split()
SYMBOLS = [PAD] + _PHONEMES + PUNCTUATIONS + ["SP", "UNK"]
NUM_TONES = 12  # ZH 6 + JP 2 + EN 4
NUM_LANGUAGES = 3
JP_TONE_OFFSET = 6
JP_LANGUAGE_ID = 1

assert len(SYMBOLS) == 112, len(SYMBOLS)
