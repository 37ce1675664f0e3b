package dev.luna.tts.pull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Proxy choice for the pull command. Java's own properties win ({@code -Dhttps.proxyHost},
 * {@code -Dhttp.nonProxyHosts}, handled by the JDK's default selector); otherwise the variables
 * curl and huggingface_hub honour: {@code HTTPS_PROXY}/{@code https_proxy} for https URLs,
 * {@code HTTP_PROXY}/{@code http_proxy} for http URLs, {@code NO_PROXY}/{@code no_proxy} as a
 * comma-separated list of hosts or domain suffixes ("example.com" and ".example.com" both match
 * its subdomains, "*" matches everything, a ":port" suffix is ignored).
 */
final class Proxies {

    private Proxies() {
    }

    /** The selector to give HttpClient, or null for the JDK default (Java properties, or no proxy). */
    static ProxySelector selector(Map<String, String> env) {
        if (System.getProperty("https.proxyHost") != null || System.getProperty("http.proxyHost") != null) {
            return null;
        }
        URI https = proxyUri(first(env, "HTTPS_PROXY", "https_proxy"));
        URI http = proxyUri(first(env, "HTTP_PROXY", "http_proxy"));
        if (https == null && http == null) {
            return null;
        }
        String noProxy = first(env, "NO_PROXY", "no_proxy");
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                URI p = "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
                if (p == null || bypass(uri.getHost(), noProxy)) {
                    return List.of(Proxy.NO_PROXY);
                }
                int port = p.getPort() > 0 ? p.getPort() : ("https".equalsIgnoreCase(p.getScheme()) ? 443 : 80);
                return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.getHost(), port)));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            }
        };
    }

    /** The proxy URL of a variable ("host:port" without a scheme counts as http://host:port), or null. */
    static URI proxyUri(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        URI u = URI.create(v.contains("://") ? v : "http://" + v);
        if (u.getHost() == null) {
            throw new IllegalArgumentException("proxy URL without a host: " + value);
        }
        return u;
    }

    /** curl's NO_PROXY rule. */
    static boolean bypass(String host, String noProxy) {
        if (host == null || noProxy == null || noProxy.isBlank()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        for (String raw : noProxy.split(",")) {
            String e = raw.strip().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            if (e.equals("*")) {
                return true;
            }
            int colon = e.lastIndexOf(':');
            if (colon > 0 && e.indexOf(':') == colon) {
                e = e.substring(0, colon);
            }
            if (e.startsWith(".")) {
                e = e.substring(1);
            }
            if (h.equals(e) || h.endsWith("." + e)) {
                return true;
            }
        }
        return false;
    }

    static String first(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
