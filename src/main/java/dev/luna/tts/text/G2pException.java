package dev.luna.tts.text;

/**
 * Text that SBV2 2.7 itself cannot turn into model input (it raises ValueError, AssertionError,
 * OverflowError or KeyError there): numbers num2words refuses, tone patterns outside {0,1},
 * readings the mora table cannot align with OpenJTalk's phonemes. HTTP layer: 400.
 */
public class G2pException extends IllegalArgumentException {
    public G2pException(String message) {
        super(message);
    }
}
