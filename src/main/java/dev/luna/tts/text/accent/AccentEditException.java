package dev.luna.tts.text.accent;

/** An edited accent phrase that cannot become SBV2 phones and tones; names the phrase and (if any) the mora. */
public final class AccentEditException extends IllegalArgumentException {

    private final int phrase;
    private final Integer mora;
    private final String field;

    /**
     * @param phrase 0-based index of the accent phrase
     * @param mora   0-based index of the mora in that phrase, or null when the phrase itself is wrong
     * @param field  the JSON field at fault ({@code text}, {@code accent}, {@code moras})
     */
    public AccentEditException(int phrase, Integer mora, String field, String message) {
        super(message);
        this.phrase = phrase;
        this.mora = mora;
        this.field = field;
    }

    public int phrase() {
        return phrase;
    }

    public Integer mora() {
        return mora;
    }

    public String field() {
        return field;
    }
}
