package dev.luna.tts.api;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Raw HTTP/1.1 over a socket: sends bytes as given and reads a chunked answer noting whether it ended properly. */
public final class RawHttp {

    /** @param terminated whether the final zero-size chunk arrived (a complete transfer) */
    record Transfer(int status, String headers, List<byte[]> chunks, boolean terminated) {
        int bodyBytes() {
            return chunks.stream().mapToInt(c -> c.length).sum();
        }
    }

    private RawHttp() {
    }

    static String postJson(String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n" + json;
    }

    /** Sends {@code request} (UTF-8) and reads the answer; a connection closed mid-body ends the transfer. */
    static Transfer exchange(int port, String request) throws IOException {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(60_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            String status;
            try {
                status = line(in);
            } catch (java.net.SocketException reset) {
                status = null;
            }
            if (status == null) {
                return new Transfer(-1, "", List.of(), false);   // closed without any answer
            }
            StringBuilder headers = new StringBuilder();
            for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                headers.append(h.toLowerCase()).append('\n');
            }
            List<byte[]> chunks = new ArrayList<>();
            boolean terminated = false;
            if (headers.toString().contains("transfer-encoding: chunked")) {
                try {
                    while (true) {
                        String size = line(in);
                        if (size == null) {
                            break;
                        }
                        int n = Integer.parseInt(size.split(";")[0].strip(), 16);
                        if (n == 0) {
                            terminated = true;
                            break;
                        }
                        byte[] c = new byte[n];
                        in.readFully(c);
                        line(in);
                        chunks.add(c);
                    }
                } catch (EOFException | java.net.SocketException e) {
                    // the server closed the connection inside a chunk: incomplete
                }
            } else {
                chunks.add(in.readAllBytes());
                terminated = true;
            }
            return new Transfer(Integer.parseInt(status.split(" ")[1]), headers.toString(), chunks, terminated);
        }
    }

    /** A line without its CRLF, or null at end of stream before any byte. */
    public static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        boolean any = false;
        while ((c = in.read()) != -1) {
            any = true;
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return any ? b.toString(StandardCharsets.ISO_8859_1) : null;
    }
}
