package dev.luna.tts.api;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A raw HTTP/1.1 client that keeps the server's transfer chunks apart (to see streaming). */
public final class ChunkedClient {

    record Reply(int status, String headers, List<byte[]> chunks) {
        byte[] body() {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            chunks.forEach(o::writeBytes);
            return o.toByteArray();
        }
    }

    static Reply postJson(int port, String path, String json) throws IOException {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(60_000);
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Connection: close\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            String status = line(in);
            StringBuilder headers = new StringBuilder();
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                headers.append(h.toLowerCase()).append('\n');
            }
            List<byte[]> chunks = new ArrayList<>();
            if (headers.toString().contains("transfer-encoding: chunked")) {
                while (true) {
                    int size = Integer.parseInt(line(in).split(";")[0].strip(), 16);
                    if (size == 0) {
                        break;
                    }
                    byte[] c = new byte[size];
                    in.readFully(c);
                    line(in);
                    chunks.add(c);
                }
            } else {
                chunks.add(in.readAllBytes());
            }
            return new Reply(Integer.parseInt(status.split(" ")[1]), headers.toString(), chunks);
        }
    }

    /**
     * Sends the request, reads the status line and the first chunk, then hangs up; the status. An answer other than
     * 200 is not streamed: only its headers are read. Also used by {@code src/test/bench/HangUps.java}.
     */
    public static int postAndHangUp(int port, String path, String json) throws IOException {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(60_000);
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int status = Integer.parseInt(line(in).split(" ")[1]);
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                // headers
            }
            if (status == 200) {
                in.readFully(new byte[Integer.parseInt(line(in).split(";")[0].strip(), 16)]);
            }
            return status;
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
