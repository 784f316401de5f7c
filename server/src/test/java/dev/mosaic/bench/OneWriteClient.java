package dev.mosaic.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A keep-alive HTTP/1.1 client that sends each request, headers and its small body, in one write, as browsers do
 * (Chromium merges a body under 1,400 bytes into the header write). The JDK client writes them apart, and the
 * server then waits for the body's own packet before it can read the JSON. Reads chunked answers only.
 */
final class OneWriteClient implements AutoCloseable {
    private final int port;
    private final byte[] request;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    OneWriteClient(int port, String path, Map<String, String> headers, String body) throws IOException {
        this.port = port;
        connect();
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + content.length + "\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        whole.writeBytes(content);
        request = whole.toByteArray();
    }

    /** Servers end a keep-alive connection after so many requests (Tomcat: 100), saying so in the answer. */
    private void connect() throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Milliseconds from sending the request to the first byte of the answer's body; then reads the rest. */
    double firstByte() throws IOException {
        long start = System.nanoTime();
        out.write(request);
        out.flush();
        String status = line();
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IllegalStateException("no stream: " + status);
        }
        boolean chunked = false;
        boolean closing = false;
        for (String header = line().toLowerCase(); !header.isEmpty(); header = line().toLowerCase()) {
            chunked |= header.startsWith("transfer-encoding:") && header.contains("chunked");
            closing |= header.startsWith("connection:") && header.contains("close");
        }
        if (!chunked) {
            throw new IllegalStateException("not a chunked answer");
        }
        int size = Integer.parseInt(line().trim(), 16);
        if (size == 0 || in.read() < 0) {
            throw new IllegalStateException("empty answer");
        }
        double millis = (System.nanoTime() - start) / 1e6;
        in.skipNBytes(size - 1);
        line();
        for (size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
            in.skipNBytes(size);
            line();
        }
        line(); // the empty line after the last chunk
        if (closing) {
            socket.close();
            connect();
        }
        return millis;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
