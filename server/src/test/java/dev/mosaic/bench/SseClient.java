package dev.mosaic.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The agents' side of many change streams in one thread: non-blocking sockets on one selector, HTTP/1.1 with
 * chunked bodies decoded by hand, each {@code id:} line reported with the time it was read. A load generator on the
 * same two cores as the server it measures must cost little: the JDK's HttpClient spent about a core's worth
 * delivering 10,000 lines through its executors, and its arrival times included that queueing.
 */
final class SseClient implements AutoCloseable {
    /** What one stream reports: each version announced (with {@link System#nanoTime()} at its reading), and its end. */
    interface Listener {
        void announced(long version, long at);

        /** The connection ended or failed, or the server refused the stream (any status but 200). */
        void ended();
    }

    private final Selector selector;
    private final Queue<Connection> opening = new ConcurrentLinkedQueue<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    private final Thread thread;
    private volatile boolean running = true;
    /** Connections not yet past their response headers: kept few, or 10,000 at once overflow the listen backlog. */
    private int handshaking;
    private static final int MAX_HANDSHAKING = 200;

    SseClient() throws IOException {
        selector = Selector.open();
        thread = new Thread(this::loop, "sse-client");
        thread.setDaemon(true);
        thread.start();
    }

    /** Opens {@code GET path} on 127.0.0.1:{@code port} with the agent's bearer token. */
    void open(int port, String path, String token, Listener listener) {
        opening.add(new Connection(port, ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), listener));
        selector.wakeup();
    }

    private void loop() {
        while (running) {
            try {
                selector.select(opening.isEmpty() || handshaking >= MAX_HANDSHAKING ? 100 : 1);
                while (handshaking < MAX_HANDSHAKING && !opening.isEmpty()) {
                    handshaking++;
                    opening.poll().start();
                }
                long now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    ((Connection) key.attachment()).ready(key, now);
                }
                selector.selectedKeys().clear();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }

    private enum Part { HEADERS, CHUNK_SIZE, CHUNK, CHUNK_END, BODY }

    /** One stream: the response's status and headers, then its chunks, then its lines. */
    private final class Connection {
        private final int port;
        private final ByteBuffer request;
        private final Listener listener;
        private final StringBuilder line = new StringBuilder();
        private SocketChannel channel;
        private Part part = Part.HEADERS;
        private boolean ok;
        private boolean chunked;
        private long chunkLeft;
        private boolean ended;
        private boolean handshaken;

        Connection(int port, byte[] request, Listener listener) {
            this.port = port;
            this.request = ByteBuffer.wrap(request);
            this.listener = listener;
        }

        void start() {
            try {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.connect(new InetSocketAddress("127.0.0.1", port));
                channel.register(selector, SelectionKey.OP_CONNECT, this);
            } catch (IOException e) {
                end();
            }
        }

        void ready(SelectionKey key, long now) {
            try {
                if (key.isConnectable()) {
                    channel.finishConnect();
                    key.interestOps(SelectionKey.OP_WRITE);
                } else if (key.isWritable()) {
                    channel.write(request);
                    if (!request.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                } else if (key.isReadable()) {
                    buffer.clear();
                    if (channel.read(buffer) < 0) {
                        end();
                        return;
                    }
                    buffer.flip();
                    while (buffer.hasRemaining() && !ended) {
                        take((char) (buffer.get() & 0xff), now);
                    }
                }
            } catch (IOException | RuntimeException e) {
                end();
            }
        }

        private void take(char c, long now) {
            switch (part) {
                case HEADERS -> {
                    if (c != '\n') {
                        line.append(c);
                        return;
                    }
                    String header = line.toString().trim();
                    line.setLength(0);
                    if (header.startsWith("HTTP/")) {
                        ok = header.split(" ")[1].equals("200");
                    } else if (header.toLowerCase(java.util.Locale.ROOT).equals("transfer-encoding: chunked")) {
                        chunked = true;
                    } else if (header.isEmpty()) {
                        handshaken();
                        if (!ok) {
                            end();
                        }
                        part = chunked ? Part.CHUNK_SIZE : Part.BODY;
                    }
                }
                case CHUNK_SIZE -> {
                    if (c != '\n') {
                        line.append(c);
                        return;
                    }
                    chunkLeft = Long.parseLong(line.toString().trim().split(";")[0], 16);
                    line.setLength(0);
                    if (chunkLeft == 0) {
                        end();
                    }
                    part = Part.CHUNK;
                }
                case CHUNK -> {
                    body(c, now);
                    if (--chunkLeft == 0) {
                        part = Part.CHUNK_END;
                    }
                }
                case CHUNK_END -> {
                    if (c == '\n') {
                        part = Part.CHUNK_SIZE;
                    }
                }
                case BODY -> body(c, now);
            }
        }

        private final StringBuilder event = new StringBuilder();

        private void body(char c, long now) {
            if (c != '\n') {
                event.append(c);
                return;
            }
            if (event.length() > 3 && event.charAt(0) == 'i' && event.charAt(1) == 'd' && event.charAt(2) == ':') {
                listener.announced(Long.parseLong(event.substring(3).trim()), now);
            }
            event.setLength(0);
        }

        private void handshaken() {
            if (!handshaken) {
                handshaken = true;
                handshaking--;
            }
        }

        private void end() {
            if (ended) {
                return;
            }
            ended = true;
            handshaken();
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // closing a socket that already failed
            }
            listener.ended();
        }
    }
}
