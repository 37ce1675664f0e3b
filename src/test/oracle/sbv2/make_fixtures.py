"""Runs open_jtalk -ot on each line of a text list and writes the fixture file.

Output format, one block per text:
  T<TAB>text
  F<TAB>string,pos,g1,g2,g3,ctype,cform,orig,read,pron,acc/mora,chain_rule,chain_flag   (0..n)
  L<TAB>full-context label                                                         (0..n)
  X<TAB>no trace      (open_jtalk writes nothing when the text has no phoneme)
"""
import os
import subprocess
import sys
import tempfile

DIC = "/var/lib/mecab/dic/open-jtalk/naist-jdic"
VOICE = "/usr/share/hts-voice/nitech-jp-atr503-m001/nitech_jp_atr503_m001.htsvoice"


def run(text):
    with tempfile.TemporaryDirectory() as tmp:
        trace = os.path.join(tmp, "trace.txt")
        subprocess.run(["open_jtalk", "-x", DIC, "-m", VOICE, "-ot", trace, "-ow", os.devnull],
                       input=(text + "\n").encode("utf-8"), stderr=subprocess.DEVNULL)
        if not os.path.exists(trace):
            return None, None
        with open(trace, encoding="utf-8") as f:
            lines = f.read().split("\n")
    features, labels, section = [], [], None
    for line in lines:
        if line == "[Text analysis result]":
            section = "F"
        elif line == "[Output label]":
            section = "L"
        elif line == "" or line.startswith("["):
            section = None
        elif section == "F":
            features.append(line)
        elif section == "L":
            labels.append(line.split(" ", 2)[2])
    return features, labels


def main(texts_path, out_path):
    with open(texts_path, encoding="utf-8") as f:
        texts = [t for t in f.read().split("\n") if t and not t.startswith("#")]
    with open(out_path, "w", encoding="utf-8") as out:
        for text in texts:
            if len(text.encode("utf-8")) > 1000:
                sys.exit("text too long for the open_jtalk CLI: " + text)
            features, labels = run(text)
            out.write("T\t" + text + "\n")
            if features is None or not features:
                # open_jtalk writes no trace when the text has no phoneme: no reference here
                out.write("X\tno trace\n")
                continue
            for feat in features:
                out.write("F\t" + feat + "\n")
            for lab in labels:
                out.write("L\t" + lab + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
