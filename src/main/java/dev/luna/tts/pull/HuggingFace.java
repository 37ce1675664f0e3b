package dev.luna.tts.pull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Hugging Face Hub as huggingface_hub uses it:
 * <ul>
 *   <li>{@code GET /api/models/<repo>/revision/<rev>}: the commit sha the revision points at and the
 *       repo's files ({@code siblings[].rfilename});</li>
 *   <li>{@code HEAD /<repo>/resolve/<commit>/<file>} without following redirects: an LFS file answers
 *       302 with {@code X-Linked-Etag} (its sha256) and {@code X-Linked-Size}; a small file answers
 *       200 with {@code ETag} (its git blob sha1) and {@code Content-Length};</li>
 *   <li>{@code GET} of the same URL (following the redirect to the CDN, which honours {@code Range});</li>
 *   <li>errors: 401 for a private or gated repo without a valid token (and for a repo that does not
 *       exist), 403 for a token without access, 404 with {@code X-Error-Code} RepoNotFound,
 *       RevisionNotFound or EntryNotFound.</li>
 * </ul>
 * The token ({@code HF_TOKEN}) is sent as {@code Authorization: Bearer} to the Hub's host only.
 */
final class HuggingFace {

    static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");

    /** A revision resolved to its commit, with the repo's file list at that commit. */
    record Snapshot(String repo, String revision, String commit, List<String> files) {
    }

    private final Http http;
    private final URI endpoint;
    private final Http.Auth auth;
    private final boolean tokenSet;

    HuggingFace(Http http, URI endpoint, String token) {
        this.http = http;
        this.endpoint = endpoint;
        this.auth = Http.Auth.forBase(token, endpoint);
        this.tokenSet = token != null && !token.isBlank();
    }

    Http.Auth auth() {
        return auth;
    }

    static void checkRepo(String repo) throws PullException {
        if (!REPO.matcher(repo).matches() || repo.contains("..")) {
            throw new PullException(PullException.Kind.USAGE, "not a Hugging Face repo id (owner/name): " + repo);
        }
    }

    Snapshot snapshot(String repo, String revision) throws PullException {
        URI uri = URI.create(endpoint + "/api/models/" + repo + "/revision/" + enc(revision));
        HttpResponse<InputStream> resp = http.follow("GET", uri, Map.of("Accept", "application/json"), auth);
        try (InputStream body = resp.body()) {
            if (resp.statusCode() != 200) {
                throw error(resp, repo, revision, null);
            }
            JsonNode root = new ObjectMapper().readTree(body);
            String sha = root.path("sha").asText(null);
            if (sha == null || !sha.matches("[0-9a-f]{40}")) {
                throw new PullException(PullException.Kind.OTHER, uri + " gave no commit sha for revision " + revision);
            }
            List<String> files = new ArrayList<>();
            for (JsonNode s : root.path("siblings")) {
                files.add(s.path("rfilename").asText());
            }
            return new Snapshot(repo, revision, sha, files);
        } catch (IOException e) {
            throw new PullException(PullException.Kind.NETWORK, "cannot read " + uri + ": " + Http.describe(e), e);
        }
    }

    String repoPage(String repo) {
        return endpoint + "/" + repo;
    }

    URI resolveUrl(String repo, String commit, String file) {
        StringBuilder path = new StringBuilder();
        for (String seg : file.split("/")) {
            path.append('/').append(enc(seg));
        }
        return URI.create(endpoint + "/" + repo + "/resolve/" + commit + path);
    }

    /** The published size and sha256 of one file at a commit (HEAD, first answer only). */
    RemoteFile describe(Snapshot snap, String file, String localName) throws PullException {
        URI url = resolveUrl(snap.repo(), snap.commit(), file);
        String what = snap.repo() + " " + file + "@" + shortRev(snap);
        HttpResponse<InputStream> resp = http.exchange("HEAD", url, Map.of("Accept-Encoding", "identity"), auth);
        // A redirect within the Hub (a renamed repo: relative Location, no X-Linked-Etag) is followed,
        // as huggingface_hub does; one to another host (the LFS/Xet CDN) is where the metadata is.
        for (int hops = 0; hops < Http.MAX_REDIRECTS && Http.header(resp, "X-Linked-Etag") == null; hops++) {
            URI next = Http.redirectTarget(resp, url);
            if (next == null || !next.getHost().equalsIgnoreCase(endpoint.getHost()) || next.getPort() != endpoint.getPort()) {
                break;
            }
            Http.close(resp);
            url = next;
            resp = http.exchange("HEAD", url, Map.of("Accept-Encoding", "identity"), auth);
        }
        try {
            int s = resp.statusCode();
            if (s != 200 && Http.redirectTarget(resp, url) == null) {
                throw error(resp, snap.repo(), snap.revision(), file);
            }
            String linkedEtag = Http.header(resp, "X-Linked-Etag");
            String etag = unquote(linkedEtag != null ? linkedEtag : Http.header(resp, "ETag"));
            String sizeHeader = Http.header(resp, "X-Linked-Size");
            if (sizeHeader == null && s == 200) {
                sizeHeader = Http.header(resp, "Content-Length");
            }
            long size = sizeHeader == null ? -1 : Long.parseLong(sizeHeader.strip());
            return new RemoteFile(localName, url, size, RemoteFile.sha256OrNull(etag), what);
        } catch (NumberFormatException e) {
            throw new PullException(PullException.Kind.OTHER, url + ": size header is not a number", e);
        } finally {
            Http.close(resp);
        }
    }

    /** huggingface_hub's etag normalisation: drop a weak-validator prefix and the quotes. */
    static String unquote(String etag) {
        if (etag == null) {
            return null;
        }
        String e = etag.strip();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        return e.replace("\"", "");
    }

    private static String shortRev(Snapshot snap) {
        return snap.revision().equals(snap.commit()) ? snap.commit().substring(0, 12)
                : snap.revision() + " (" + snap.commit().substring(0, 12) + ")";
    }

    /** One clear line for an HTTP error of the Hub. */
    PullException error(HttpResponse<?> resp, String repo, String revision, String file) {
        int s = resp.statusCode();
        String code = Http.header(resp, "X-Error-Code");
        String msg = Http.header(resp, "X-Error-Message");
        String where = endpoint + "/" + repo;
        String detail = msg != null ? " (Hub says: " + msg + ")" : "";
        if (s == 401) {
            return new PullException(PullException.Kind.AUTH, tokenSet
                    ? "401 Unauthorized for " + where + ": the token in HF_TOKEN was not accepted (expired or without"
                    + " access), or the repository does not exist" + detail
                    : "401 Unauthorized for " + where + ": the repository is private or gated (or does not exist);"
                    + " set HF_TOKEN to a Hugging Face token that can read it" + detail);
        }
        if (s == 403) {
            return new PullException(PullException.Kind.AUTH, "403 Forbidden for " + where + ": "
                    + (tokenSet ? "the account of HF_TOKEN has no access" : "access denied without a token; set HF_TOKEN")
                    + ("GatedRepo".equals(code) ? " (gated: accept its conditions on " + where + ")" : "") + detail);
        }
        if (s == 404) {
            if ("EntryNotFound".equals(code) && file != null) {
                return new PullException(PullException.Kind.NOT_FOUND, "404: no file " + file + " in " + repo
                        + " at revision " + revision + detail);
            }
            if ("RevisionNotFound".equals(code)) {
                return new PullException(PullException.Kind.NOT_FOUND, "404: no revision " + revision + " in " + repo + detail);
            }
            return new PullException(PullException.Kind.NOT_FOUND, "404: " + (file == null ? "repository " + repo
                    : file + " of " + repo + " at revision " + revision) + " not found on " + endpoint + detail);
        }
        return new PullException(PullException.Kind.NETWORK, "HTTP " + s + " from " + endpoint + " for " + repo
                + (file != null ? " " + file : "") + "@" + revision + detail);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
