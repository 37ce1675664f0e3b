package dev.luna.tts.text.jtalk.label;

/** JPCommonLabelBreathGroup: accent phrases between pauses. */
final class BreathGroupNode {
    final int ordinal;
    AccentPhraseNode head;
    AccentPhraseNode tail;
    final BreathGroupNode prev;
    BreathGroupNode next;

    BreathGroupNode(int ordinal, BreathGroupNode prev) {
        this.ordinal = ordinal;
        this.prev = prev;
    }
}
