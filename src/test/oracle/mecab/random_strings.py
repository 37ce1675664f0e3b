"""Prints N random one-line test strings (fixed seed) for the MeCab oracle.

Mixes hiragana, katakana, kanji, Latin (half and full width), digits, punctuation, symbols, emoji,
other non-BMP characters, tabs/spaces, half-width katakana, Greek/Cyrillic, plus real dictionary words
glued together (sampled from sys.dic's feature area is not possible, so from a built-in word list and
kana/kanji runs). Strings never contain a newline or NUL (mecab reads lines with strlen semantics).
"""
import random
import sys

N = int(sys.argv[1])
SEED = int(sys.argv[3]) if len(sys.argv) > 3 else 20261124
MAX_LEN = int(sys.argv[4]) if len(sys.argv) > 4 else 80
rng = random.Random(SEED)

WORDS = ("今日 東京 日本 天気 晴れ 雨 学校 先生 学生 電車 自動車 会社 社長 大阪 京都 北海道 音声 合成 "
         "技術 研究 開発 言語 処理 形態素 解析 辞書 コンピュータ ソフトウェア インターネット テスト "
         "です ます でした ました ません だ である ない たい れる られる せる させる "
         "は が を に で と も の へ から まで より や か ね よ な わ "
         "食べる 飲む 行く 来る する 見る 聞く 話す 読む 書く 歩く 走る 思う 言う 分かる "
         "美しい 高い 安い 大きい 小さい 新しい 古い 静か 綺麗 元気 "
         "一 二 三 四 五 六 七 八 九 十 百 千 万 億 円 年 月 日 時 分 秒 人 個 本 枚 回 "
         "私 僕 彼 彼女 あなた これ それ あれ どれ ここ そこ 誰 何 "
         "ありがとう こんにちは さようなら おはよう すみません はい いいえ "
         "ｶﾞｷﾞｸﾞ ﾊﾟﾋﾟﾌﾟ ﾃｽﾄ ｱｲｳｴｵ ｶﾀｶﾅ Ｘｙｚ ＡＢＣ １２３ ２０２６年 ＮＨＫ ＪＲ ｗｗｗ "
         "Hello World OpenJTalk MeCab TTS AI GPU 3.14 100% #1 ☆★ ♪ 〜 ー …").split()

RANGES = [
    (0x3041, 0x3096),  # hiragana
    (0x30A1, 0x30FA),  # katakana
    (0x30FC, 0x30FE),  # prolonged sound, iteration marks
    (0x4E00, 0x9FA5),  # CJK
    (0x4E00, 0x4FFF),  # common-ish CJK
    (0x0041, 0x005A), (0x0061, 0x007A),  # ASCII letters
    (0x0030, 0x0039),  # digits
    (0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A),  # full-width digits/letters
    (0xFF61, 0xFF9F),  # half-width katakana
    (0x0021, 0x002F), (0x003A, 0x0040), (0x005B, 0x0060), (0x007B, 0x007E),  # ASCII punctuation
    (0x3000, 0x303F),  # CJK punctuation (incl. U+3000)
    (0xFF01, 0xFF0F), (0xFF1A, 0xFF20),  # full-width punctuation
    (0x2010, 0x2027), (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF), (0x25A0, 0x25FF),
    (0x2600, 0x26FF),  # symbols
    (0x0391, 0x03C9),  # Greek
    (0x0410, 0x044F),  # Cyrillic
    (0x00A0, 0x00FF),  # Latin-1
    (0x1F300, 0x1F64F), (0x1F900, 0x1F9FF),  # emoji
    (0x20000, 0x2A6DF),  # CJK extension B
    (0xAC00, 0xD7A3),  # Hangul
    (0x0E00, 0x0E7F),  # Thai
    (0xE000, 0xE0FF),  # private use
]
SPACES = [" ", "\t", "\u3000", "  ", " \t"]
CONTROLS = [chr(c) for c in list(range(1, 9)) + [0x0B, 0x0C, 0x0D] + list(range(0x0E, 0x20)) + [0x7F]]


def random_char():
    lo, hi = rng.choice(RANGES)
    c = rng.randint(lo, hi)
    if 0xD800 <= c <= 0xDFFF:
        c = 0x3042
    return chr(c)


def piece():
    r = rng.random()
    if r < 0.35:
        return rng.choice(WORDS)
    if r < 0.45:
        return rng.choice(SPACES)
    if r < 0.47:
        return rng.choice(CONTROLS)
    if r < 0.60:
        lo, hi = rng.choice(RANGES[:5])
        return "".join(chr(rng.randint(lo, hi)) for _ in range(rng.randint(2, 30)))
    return random_char()


def make():
    target = rng.randint(1, MAX_LEN)
    s = ""
    while len(s) < target:
        s += piece()
    s = s[:target]
    return s


def edge_strings():
    """Runs around MeCab's grouping limit (24 chars after the first), space runs, U+FFFF/U+FFFE, blanks."""
    edge = ["", " ", "\t\t", " 今日 ", "今日 ", "\uffff", "\uffff\uffff今日", "\ufffe\ufeff", "ｳﾞ",
            "\u3000\u3000あ\u3000"]
    for n in range(20, 32):
        for ch in ["ア", "ｱ", "a", "Ａ", "１", "1", "漢", "α", "я", "。", "ー", "あ", "㈱", "😀", "\u3000", " ", "\t"]:
            edge.append(ch * n)
            edge.append("今日" + ch * n + "です")
            edge.append("".join(rng.choice("アイウエオカキクケコabcxyzＡＢ１２") for _ in range(n)))
    return edge


out = []
for i in range(N):
    s = make()
    if i % 5 == 0:  # whole sentences of real words
        s = "".join(rng.choice(WORDS) for _ in range(rng.randint(1, 12)))[:MAX_LEN]
    assert "\n" not in s and "\0" not in s
    out.append(s)
out += edge_strings()
sys.stdout.write("".join(s + "\n" for s in out))
