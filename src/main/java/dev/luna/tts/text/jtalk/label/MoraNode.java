package dev.luna.tts.text.jtalk.label;

/** JPCommonLabelMora: one mora; {@code ordinal} is its position in the utterance's mora list. */
final class MoraNode {
    final int ordinal;
    PhonemeNode head;
    PhonemeNode tail;
    final MoraNode prev;
    MoraNode next;
    WordNode up;

    MoraNode(int ordinal, MoraNode prev) {
        this.ordinal = ordinal;
        this.prev = prev;
    }
}
