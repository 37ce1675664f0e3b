package dev.luna.tts.text.jtalk.label;

/**
 * JPCommonLabelAccentPhrase: {@code accent} 0 means flat (the label then uses the mora count);
 * {@code question} is the C's emotion flag "1" set by a following {@code ？}.
 */
final class AccentPhraseNode {
    final int ordinal;
    final int accent;
    boolean question;
    final WordNode head;
    WordNode tail;
    final AccentPhraseNode prev;
    AccentPhraseNode next;
    final BreathGroupNode up;

    AccentPhraseNode(int ordinal, int accent, WordNode word, AccentPhraseNode prev,
                     BreathGroupNode up) {
        this.ordinal = ordinal;
        this.accent = accent;
        this.head = word;
        this.tail = word;
        this.prev = prev;
        this.up = up;
    }
}
