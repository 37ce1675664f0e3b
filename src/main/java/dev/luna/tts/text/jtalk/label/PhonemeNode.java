package dev.luna.tts.text.jtalk.label;

/** JPCommonLabelPhoneme: one phoneme; a pause has no mora ({@code up == null}). */
final class PhonemeNode {
    static final String PAUSE = "pau";

    String name;
    PhonemeNode prev;
    PhonemeNode next;
    final MoraNode up;

    PhonemeNode(String name, PhonemeNode prev, MoraNode up) {
        this.name = name;
        this.prev = prev;
        this.up = up;
    }

    boolean isPause() {
        return PAUSE.equals(name);
    }
}
