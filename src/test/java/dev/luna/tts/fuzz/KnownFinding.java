package dev.luna.tts.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One line of a known-findings list: {@code ENDPOINT | KIND | FINDING  # cause}, each part a glob
 * ({@code *} matches anything) matched against a finding's endpoint, case kind and verdict. A
 * finding that matches is reported as known and open instead of failing the run, so the list is
 * the service's to-do: a line goes when its cause is fixed.
 */
record KnownFinding(String pattern, String cause, Pattern endpoint, Pattern kind, Pattern finding) {

    static List<KnownFinding> read(Path file) throws IOException {
        List<KnownFinding> out = new ArrayList<>();
        String block = "";   // first line of the comment block above: the cause of the lines below it
        boolean inComment = false;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String body = line.strip();
            if (body.startsWith("#")) {
                if (!inComment) {
                    block = body.substring(1).strip();
                }
                inComment = true;
                continue;
            }
            inComment = false;
            if (body.isEmpty()) {
                continue;
            }
            int hash = body.indexOf(" #");
            String cause = hash < 0 ? block : body.substring(hash + 2).strip() + " (" + block + ")";
            String pattern = (hash < 0 ? body : body.substring(0, hash)).strip();
            String[] parts = pattern.split("\\|");
            if (parts.length != 3) {
                throw new IllegalArgumentException(file + ": not ENDPOINT | KIND | FINDING: " + line);
            }
            out.add(new KnownFinding(pattern, cause, glob(parts[0]), glob(parts[1]), glob(parts[2])));
        }
        return out;
    }

    boolean matches(String ep, String k, String f) {
        return endpoint.matcher(ep).matches() && kind.matcher(k).matches() && finding.matcher(f).matches();
    }

    private static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        for (String piece : g.strip().split("\\*", -1)) {
            if (!re.isEmpty()) {
                re.append(".*");
            }
            re.append(Pattern.quote(piece));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
