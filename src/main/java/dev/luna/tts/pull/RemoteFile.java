package dev.luna.tts.pull;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * A file to download and what its source publishes about it.
 *
 * @param name   file name in the staging folder (and in the installed model)
 * @param url    where to GET it (redirects are followed)
 * @param size   byte count the source states, or -1
 * @param sha256 lower-case hex sha256 the source states, or null
 * @param what   how to name it in messages, e.g. "tsukumijima/x model_fp16.onnx@d701ec6"
 */
record RemoteFile(String name, URI url, long size, String sha256, String what) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    RemoteFile {
        if (sha256 != null && !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
    }

    /** The value as a sha256 when it is 64 hex digits (an LFS etag), else null (a git sha1 etag). */
    static String sha256OrNull(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        return SHA256.matcher(v).matches() ? v : null;
    }

    /** What identifies this content, stored beside a .part so a part of other content is never resumed. */
    String identity() {
        return (sha256 != null ? "sha256=" + sha256 : "url=" + url) + " size=" + size;
    }
}
