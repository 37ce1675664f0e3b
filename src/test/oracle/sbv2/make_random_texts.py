"""Appends seeded random already-normalized texts to texts.txt (stress cases for the g2p goldens)."""
import random
import sys

r = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
HIRA = [chr(c) for c in range(0x3041, 0x3097)]
KATA = [chr(c) for c in range(0x30A1, 0x30FB)] + ["ー"] * 8
KANJI = list("日本語東京大学先生今日明天気雨雪花山川海空人私僕彼女子何時分年月火水木金土円百千万億"
             "食飲行来見聞話読書思言会社電車駅道店買売高安新古長短早遅多少上下左右前後中外入出")
PUNCT = list(",.!?'-") + ["..."]
LATIN = list("abcxyzABCXYZ")
WORDS = ["です", "ます", "ください", "ありがとう", "すみません", "コーヒー", "ヴァイオリン", "ディズニー",
         "ちょっと", "やっぱり", "ねえ", "そうか", "ふーん", "へえー", "ゔ", "ヂャ", "ヵ", "ヶ月", "ゑ", "ゐ"]


def text():
    parts = []
    for _ in range(r.randrange(1, 7)):
        k = r.randrange(10)
        if k < 3:
            parts.append("".join(r.choice(HIRA) for _ in range(r.randrange(1, 5))))
        elif k < 5:
            parts.append("".join(r.choice(KATA) for _ in range(r.randrange(1, 5))))
        elif k < 7:
            parts.append("".join(r.choice(KANJI) for _ in range(r.randrange(1, 3))))
        elif k < 8:
            parts.append(r.choice(WORDS))
        elif k < 9:
            parts.append("".join(r.choice(PUNCT) for _ in range(r.randrange(1, 3))))
        else:
            parts.append("".join(r.choice(LATIN) for _ in range(r.randrange(1, 4))))
    return "".join(parts)


with open(sys.argv[2] if len(sys.argv) > 2 else "texts.txt", "a", encoding="utf-8") as f:
    f.write("# random texts: make_random_texts.py seed 7\n")
    for _ in range(400):
        f.write(text() + "\n")
