package dev.luna.tts.text.jtalk.label;

/** JPCommonLabelWord: a word with its label codes for POS, conjugation type and form. */
final class WordNode {
    final String pos;
    final String ctype;
    final String cform;
    MoraNode head;
    MoraNode tail;
    final WordNode prev;
    WordNode next;
    AccentPhraseNode up;

    WordNode(String pos, String ctype, String cform, MoraNode first, WordNode prev) {
        this.pos = pos;
        this.ctype = ctype;
        this.cform = cform;
        this.head = first;
        this.tail = first;
        this.prev = prev;
    }
}
