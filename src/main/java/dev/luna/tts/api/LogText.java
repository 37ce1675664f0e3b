package dev.luna.tts.api;

/**
 * User text as it may appear in a log line: quoted, control characters escaped (a newline in a request must not
 * forge a log line), cut after {@value #MAX} characters.
 */
final class LogText {

    static final int MAX = 200;

    private LogText() {
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX) + 8).append('"');
        int n = 0;
        for (int i = 0; i < s.length() && n < MAX; i++, n++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
        if (s.length() > MAX) {
            b.append("… (").append(s.length()).append(" chars)");
        }
        return b.toString();
    }
}
