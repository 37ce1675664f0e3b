package dev.luna.tts.text.g2p;

/** One phone and its tone (0 low, 1 high; intermediate values while a phrase is being built). */
record PhoneTone(String phone, int tone) {
}
