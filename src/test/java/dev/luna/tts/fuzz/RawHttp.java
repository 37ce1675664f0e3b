package dev.luna.tts.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so that malformed requests go out byte for byte and the answer is
 * judged as it arrives: a status line, or nothing (dropped), or a body cut short after the status
 * (the stream broke after a 200). JDK only.
 */
final class RawHttp {

    /** What came back for one request. */
    enum Outcome {
        /** a status line, headers and a complete body */
        RESPONSE,
        /** the connection closed or was reset before any byte of a status line */
        DROPPED,
        /** nothing within the read timeout although the request was complete */
        TIMEOUT,
        /** a status line came, then the body ended before its framing said it would */
        TRUNCATED,
        /** bytes that are not an HTTP/1.x status line */
        GARBLED
    }

    record Result(Outcome outcome, int status, Map<String, String> headers, byte[] bodyHead, long bodyLength,
                  String detail, long millis) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The status line as received (kept in the header map under ":status-line"). */
        String statusLine() {
            return headers.getOrDefault(":status-line", "");
        }

        String bodyText() {
            return new String(bodyHead, StandardCharsets.UTF_8);
        }
    }

    private static final int BODY_HEAD = 4096;
    private static final int MAX_HEADER_BYTES = 256 * 1024;

    private final String host;
    private final int port;
    private final int readTimeoutMillis;

    RawHttp(String host, int port, int readTimeoutMillis) {
        this.host = host;
        this.port = port;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /**
     * Sends {@code request}; with {@code incomplete} the request is deliberately unfinished (a body
     * shorter than announced): after {@code waitMillis} without an answer the sending side is shut
     * down, as a client that gives up would, and the answer (if any) is read.
     */
    Result exchange(byte[] request, boolean headRequest, boolean incomplete, int waitMillis) {
        long t0 = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(incomplete ? waitMillis : readTimeoutMillis);
            OutputStream out = socket.getOutputStream();
            String writeError = null;
            try {
                for (int off = 0; off < request.length; off += 64 * 1024) {
                    out.write(request, off, Math.min(64 * 1024, request.length - off));
                }
                out.flush();
            } catch (IOException e) {
                // the server may answer (413, 431, 400) and close before it has read everything
                writeError = "write failed after the server closed: " + e.getMessage();
            }
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            Result r;
            try {
                r = read(in, headRequest, t0);
            } catch (SocketTimeoutException e) {
                if (!incomplete) {
                    return result(Outcome.TIMEOUT, 0, "no status line within " + readTimeoutMillis + " ms", t0);
                }
                socket.shutdownOutput();
                socket.setSoTimeout(readTimeoutMillis);
                try {
                    r = read(in, headRequest, t0);
                } catch (SocketTimeoutException e2) {
                    return result(Outcome.TIMEOUT, 0, "no answer after the client shut down its side", t0);
                }
            }
            if (writeError != null && r.outcome() != Outcome.RESPONSE) {
                return new Result(r.outcome(), r.status(), r.headers(), r.bodyHead(), r.bodyLength(),
                        r.detail() + "; " + writeError, r.millis());
            }
            return r;
        } catch (IOException e) {
            return result(Outcome.DROPPED, 0, "connection: " + e, t0);
        }
    }

    private static Result result(Outcome o, int status, String detail, long t0) {
        return new Result(o, status, Map.of(), new byte[0], 0, detail, (System.nanoTime() - t0) / 1_000_000);
    }

    private Result read(InputStream raw, boolean headRequest, long t0) throws IOException {
        Counting in = new Counting(raw);
        while (true) {
            String statusLine;
            try {
                statusLine = line(in);
            } catch (EOFException e) {
                return result(Outcome.DROPPED, 0, "closed before a status line", t0);
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                return result(Outcome.DROPPED, 0, "reset before a status line: " + e.getMessage(), t0);
            }
            String[] parts = statusLine.split(" ", 3);
            int status;
            try {
                if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                    throw new NumberFormatException();
                }
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                return result(Outcome.GARBLED, 0, "status line: " + statusLine, t0);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(":status-line", statusLine);
            try {
                for (String h = line(in); !h.isEmpty(); h = line(in)) {
                    int colon = h.indexOf(':');
                    if (colon > 0) {
                        headers.merge(h.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                h.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
                    }
                    if (in.count > MAX_HEADER_BYTES) {
                        return new Result(Outcome.GARBLED, status, headers, new byte[0], 0, "headers too long", ms(t0));
                    }
                }
            } catch (IOException e) {
                return new Result(Outcome.TRUNCATED, status, headers, new byte[0], 0, "headers cut: " + e.getMessage(), ms(t0));
            }
            if (status >= 100 && status < 200) {
                continue;   // 100 Continue: the final answer follows
            }
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            long[] length = {0};
            String te = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
            String cl = headers.get("content-length");
            try {
                if (headRequest || status == 204 || status == 304) {
                    // no body
                } else if (te.contains("chunked")) {
                    while (true) {
                        String sizeLine = line(in);
                        int semi = sizeLine.indexOf(';');
                        long size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
                        if (size == 0) {
                            while (!line(in).isEmpty()) {
                                // trailers
                            }
                            break;
                        }
                        copy(in, size, head, length);
                        if (!line(in).isEmpty()) {
                            throw new IOException("chunk not followed by CRLF");
                        }
                    }
                } else if (cl != null) {
                    copy(in, Long.parseLong(cl.trim()), head, length);
                } else {
                    copy(in, Long.MAX_VALUE, head, length);
                }
            } catch (NumberFormatException e) {
                return new Result(Outcome.GARBLED, status, headers, head.toByteArray(), length[0],
                        "body framing: " + e.getMessage(), ms(t0));
            } catch (SocketTimeoutException e) {
                return new Result(Outcome.TRUNCATED, status, headers, head.toByteArray(), length[0],
                        "body stalled after " + length[0] + " bytes", ms(t0));
            } catch (IOException e) {
                return new Result(Outcome.TRUNCATED, status, headers, head.toByteArray(), length[0],
                        "body ended after " + length[0] + " bytes: " + e.getMessage(), ms(t0));
            }
            return new Result(Outcome.RESPONSE, status, headers, head.toByteArray(), length[0], "", ms(t0));
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Reads n bytes (or to EOF when n is Long.MAX_VALUE), keeping the first BODY_HEAD. */
    private static void copy(InputStream in, long n, ByteArrayOutputStream head, long[] length) throws IOException {
        byte[] buf = new byte[16 * 1024];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                if (n == Long.MAX_VALUE) {
                    return;
                }
                throw new EOFException("EOF with " + left + " bytes missing");
            }
            int keep = (int) Math.min(r, Math.max(0, BODY_HEAD - head.size()));
            head.write(buf, 0, keep);
            length[0] += r;
            left -= r;
        }
    }

    /** A line up to LF (CR stripped); EOFException on a clean close before any byte of it. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (b.size() == 0) {
                    throw new EOFException();
                }
                throw new EOFException("EOF inside a line");
            }
            if (c == '\n') {
                break;
            }
            b.write(c);
            if (b.size() > MAX_HEADER_BYTES) {
                throw new IOException("line too long");
            }
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static final class Counting extends InputStream {
        private final InputStream in;
        long count;

        Counting(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int c = in.read();
            if (c >= 0) {
                count++;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = in.read(b, off, len);
            if (r > 0) {
                count += r;
            }
            return r;
        }
    }
}
