package dev.luna.tts.pull;

import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The pull command's HTTP: java.net.http with redirects followed here, not by the client, so that
 * (as huggingface_hub does) the first answer's headers can be read (Hugging Face puts X-Linked-Etag
 * and X-Linked-Size on the 302 of an LFS file) and the Authorization header is sent only to the
 * host it is meant for, never to the CDN a redirect points at.
 */
final class Http {

    static final int MAX_REDIRECTS = 10;

    /** A bearer token and the host (and port) it may be sent to. */
    record Auth(String token, String host, int port) {
        static Auth none() {
            return new Auth(null, null, -1);
        }

        static Auth forBase(String token, URI base) {
            return token == null || token.isBlank() ? none() : new Auth(token.strip(), base.getHost(), base.getPort());
        }

        boolean appliesTo(URI uri) {
            return token != null && host != null && host.equalsIgnoreCase(uri.getHost()) && port == uri.getPort();
        }
    }

    private final HttpClient client;
    private final String userAgent;

    Http(HttpClient client, String userAgent) {
        this.client = client;
        this.userAgent = userAgent;
    }

    /** A client for the environment: proxies as {@link Proxies} decides, HTTP/1.1, 30 s to connect. */
    static Http create(Map<String, String> env, String userAgent) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30));
        ProxySelector selector = Proxies.selector(env);
        if (selector != null) {
            b.proxy(selector);
            URI proxy = Proxies.proxyUri(Proxies.first(env, "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"));
            if (proxy != null && proxy.getRawUserInfo() != null) {
                String[] up = proxy.getRawUserInfo().split(":", 2);
                String user = URLDecoder.decode(up[0], StandardCharsets.UTF_8);
                char[] pass = up.length > 1 ? URLDecoder.decode(up[1], StandardCharsets.UTF_8).toCharArray() : new char[0];
                // The JDK refuses Basic proxy authentication for HTTPS tunnels unless this is cleared.
                if (System.getProperty("jdk.http.auth.tunneling.disabledSchemes") == null) {
                    System.setProperty("jdk.http.auth.tunneling.disabledSchemes", "");
                }
                b.authenticator(new Authenticator() {
                    @Override
                    protected PasswordAuthentication getPasswordAuthentication() {
                        return getRequestorType() == RequestorType.PROXY ? new PasswordAuthentication(user, pass) : null;
                    }
                });
            }
        }
        return new Http(b.build(), userAgent);
    }

    /** One request, no redirect followed; the body is a stream the caller must close. */
    HttpResponse<InputStream> exchange(String method, URI uri, Map<String, String> headers, Auth auth)
            throws PullException {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("User-Agent", userAgent);
        headers.forEach(r::header);
        if (auth.appliesTo(uri)) {
            r.header("Authorization", "Bearer " + auth.token());
        }
        try {
            return client.send(r.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new PullException(PullException.Kind.NETWORK, "cannot reach " + uri.getScheme() + "://"
                    + uri.getAuthority() + " (" + describe(e) + "); check the network, HTTPS_PROXY/NO_PROXY,"
                    + " or use --offline with models already in place", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PullException(PullException.Kind.NETWORK, "interrupted while requesting " + uri, e);
        }
    }

    /** Follows redirects (relative ones too) from {@code uri}; returns the first non-redirect answer. */
    HttpResponse<InputStream> follow(String method, URI uri, Map<String, String> headers, Auth auth)
            throws PullException {
        URI at = uri;
        for (int i = 0; i <= MAX_REDIRECTS; i++) {
            HttpResponse<InputStream> resp = exchange(method, at, headers, auth);
            URI next = redirectTarget(resp, at);
            if (next == null) {
                return resp;
            }
            close(resp);
            at = next;
        }
        throw new PullException(PullException.Kind.NETWORK, "more than " + MAX_REDIRECTS + " redirects from " + uri);
    }

    /** The Location of a 301/302/303/307/308 resolved against the request URI, else null. */
    static URI redirectTarget(HttpResponse<?> resp, URI requested) throws PullException {
        int s = resp.statusCode();
        if (s != 301 && s != 302 && s != 303 && s != 307 && s != 308) {
            return null;
        }
        String loc = resp.headers().firstValue("Location").orElseThrow(() -> new PullException(
                PullException.Kind.NETWORK, s + " without a Location header from " + requested));
        return requested.resolve(loc);
    }

    static void close(HttpResponse<InputStream> resp) {
        try {
            resp.body().close();
        } catch (IOException ignored) {
            // the connection is dropped either way
        }
    }

    static String header(HttpResponse<?> resp, String name) {
        return resp.headers().firstValue(name).orElse(null);
    }

    /** An exception's text, e.g. "UnresolvedAddressException" when the JDK gives no message. */
    static String describe(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.nio.channels.UnresolvedAddressException || c instanceof java.net.UnknownHostException) {
                return "host name not resolved";
            }
            if (c instanceof java.net.ConnectException) {
                return "connection refused";
            }
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            Throwable c = e.getCause();
            return c != null && c != e ? describe(c) : e.getClass().getSimpleName();
        }
        return m;
    }
}
